"""The role-aware home page is assembled from sections that the apps above contribute.

Each app registers a function `section(request) -> dict | None` from its AppConfig.ready
(an explicit import, so a renamed function fails at start-up, not on the page); a dict is
merged into the home page's context, and the app's `_home.html` fragment renders its part.
"""

_sections = []


def register(section):
    """Add `section` to the home page (once, however often an app is made ready)."""
    if section not in _sections:
        _sections.append(section)


def context(request):
    merged = {}
    for section in _sections:
        merged.update(section(request) or {})
    return merged
