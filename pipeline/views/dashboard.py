import functools
import hashlib
import logging

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.shortcuts import render
from django.template.loader import get_template, render_to_string
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from pipeline import dashboard, figures, suppression
from pipeline.scope import pipeline_scope

logger = logging.getLogger(__name__)
BODY = "pipeline/_dashboard_body.html"


@require_GET
@login_required
def pipeline_dashboard(request):
    """The figures are counted in two parts kept apart in the cache: a submitted reflection
    recounts only completion and growth (pipeline/figures.py). The page's content is drawn
    from those figures alone, so it is kept rendered beside them: a visitor after the first
    waits for neither the count nor the drawing."""
    user = request.user
    district, schools, is_admin = pipeline_scope(user)
    people = figures.dashboard_people(user, district, schools, is_admin)
    reflections = figures.dashboard_reflections(user, district, schools, is_admin)

    def draw():
        context = {**people, **reflections, "suppress_below": suppression.SUPPRESS_BELOW}
        context.update(
            charts=dashboard.charts(context),
            counted_at=min(people["counted_at"], reflections["counted_at"]),
            district=district,
            is_admin=is_admin,
            school_names=[] if is_admin else [s.name for s in schools],
        )
        return render_to_string(BODY, context)

    key = _body_key(figures.figure_scope(user, district, is_admin), people, reflections)
    return render(request, "pipeline/dashboard.html", {"body": _kept(key, draw)})


def _body_key(scope, people, reflections):
    """Names one drawing of one count: a new count of either part has a new counted_at, and
    a change to the templates a new version."""
    counts = f"{people['counted_at'].isoformat()}:{reflections['counted_at'].isoformat()}"
    sections = tuple(section["template"] for section in people.get("sections", ()))
    return f"pipeline:dashboard-body:{_templates_version(sections)}:{scope}:{counts}"


@functools.cache
def _templates_version(sections):
    """A fingerprint of the templates that draw the content, so a deploy that changes one
    never serves a page drawn by the old one."""
    digest = hashlib.sha256()
    for name in (BODY, *sections):
        digest.update(get_template(name).template.source.encode())
    return digest.hexdigest()[:12]


def _kept(key, draw):
    """The drawn content under `key`, drawn now if the cache has none (or does not answer).
    It is our own template's output, escaped when it was drawn."""
    try:
        body = cache.get(key)
    except Exception:  # each backend raises its own connection errors
        logger.warning("The cache did not answer; drawing the dashboard afresh")
        return draw()
    if body is None:
        body = draw()
        try:
            cache.set(key, body, figures.KEEP_SECONDS)
        except Exception:
            logger.warning("The cache did not answer; the drawn dashboard is not kept")
    return mark_safe(body)
