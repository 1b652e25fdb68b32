from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.http import require_GET

from pipeline import dashboard, drawn, figures, suppression
from pipeline.scope import pipeline_scope

BODY = "pipeline/_dashboard_body.html"


@require_GET
@login_required
def pipeline_dashboard(request):
    """The figures are counted in two parts kept apart in the cache: a submitted reflection
    recounts only completion and growth (pipeline/figures.py). The page's content is drawn
    from those figures alone, so it is kept drawn beside them (pipeline/drawn.py): a visitor
    after the first waits for neither the count nor the drawing."""
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

    templates = [BODY, *(section["template"] for section in people.get("sections", ()))]
    key = drawn.key(
        "dashboard",
        templates,
        figures.figure_scope(user, district, is_admin),
        people["counted_at"],
        reflections["counted_at"],
    )
    return render(request, "pipeline/dashboard.html", {"body": drawn.kept(key, draw)})
