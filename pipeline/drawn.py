"""Pages drawn from kept figures, kept drawn beside them.

A page part that is a pure function of a viewer's kept figures (pipeline/figures.py) and
the request's own choices (a sort, a page) is drawn once per count: `kept()` stores the
drawing in the cache under a key naming whose figures, their `counted_at`, those choices
and a fingerprint of the templates that draw it, so a deploy that changes a template never
serves the old drawing. A new count has a new counted_at, so a change draws afresh. With
the cache down the part is drawn on every request: slower, never wrong.

A drawing is shared by every viewer of the same figures, so it may not hold anything of one
visit: a form in it is drawn with `CSRF_SLOT` as its token (`{"csrf_token": CSRF_SLOT}` in the
context), and `kept(..., request=request)` puts the request's own token in its place.
"""

import functools
import hashlib
import logging

from django.core.cache import cache
from django.middleware.csrf import get_token
from django.template.loader import get_template
from django.utils.safestring import mark_safe

from pipeline import figures

logger = logging.getLogger(__name__)

# Where a kept drawing's forms take the request's CSRF token.
CSRF_SLOT = "csrf-slot-3c1f0b9e"


def key(name, templates, scope, *parts):
    """The cache key of one drawing of `name` for the viewers of `scope`: `parts` are
    everything else the drawing depends on (hashed, so a long search makes no long key)."""
    said = "\x1f".join(p.isoformat() if hasattr(p, "isoformat") else str(p) for p in parts)
    digest = hashlib.sha256(f"{scope}\x1f{said}".encode()).hexdigest()[:32]
    return f"pipeline:drawn:{name}:{templates_version(tuple(templates))}:{digest}"


@functools.cache
def templates_version(names):
    """A fingerprint of the templates' sources (once per process)."""
    digest = hashlib.sha256()
    for name in names:
        digest.update(get_template(name).template.source.encode())
    return digest.hexdigest()[:12]


def kept(cache_key, draw, request=None):
    """The drawing under `cache_key`, drawn now when the cache has none or does not answer.
    It is our own templates' output, escaped when it was drawn. With `request`, its forms
    carry that request's CSRF token where the drawing has `CSRF_SLOT`."""
    body = _kept(cache_key, draw)
    if request is not None and CSRF_SLOT in body:
        body = body.replace(CSRF_SLOT, get_token(request))
    return mark_safe(body)


def _kept(cache_key, draw):
    try:
        body = cache.get(cache_key)
    except Exception:  # each backend raises its own connection errors
        logger.warning("The cache did not answer; drawing %s afresh", cache_key)
        return draw()
    if body is None:
        body = draw()
        try:
            cache.set(cache_key, body, figures.KEEP_SECONDS)
        except Exception:
            logger.warning("The cache did not answer; %s is not kept", cache_key)
    return body
