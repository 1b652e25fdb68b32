"""A web process, once loaded, tells Python's garbage collector to leave what it loaded alone.

CPython's collector now and then walks every object the process holds (its oldest
generation). A loaded Deep Bench process holds about 150,000 objects that live as long as
the process does (modules, classes, functions, the URLconf); walking them took about 140 ms,
and it fell on whichever request happened to allocate enough to start it: at the large size,
about one fresh count of the pipeline dashboard in seven. `gc.freeze()` moves every object
alive at that moment out of the collector's sight for good, so the walk covers only what
requests make. Objects frozen are never collected, which costs nothing here: they are the
program itself.
"""

import gc


def settle():
    """Load what every request needs (the URLconf, and with it every view module), then
    freeze what is loaded. Called once per web process (leadership/wsgi.py), after the
    application is made."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 -- imports every view module
    gc.collect()
    gc.freeze()
