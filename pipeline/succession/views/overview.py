from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.http import require_GET

from pipeline import drawn, figures
from pipeline.succession import access, bench, exports, page, services
from pipeline.succession.forms import PeopleFilter

PER_PAGE = 50
BODY = "pipeline/succession/_overview_body.html"


def _context(request, *, kept):
    """The page's figures; `kept`: counted once and kept in the cache until a position, a
    role, a slate or a candidate changes (pipeline/figures.py), as the dashboard's are."""
    district, school_ids, may_change = access.succession_scope(request.user)
    scope = "all" if school_ids is None else "-".join(str(pk) for pk in sorted(school_ids))
    if kept:
        found = figures.counted(
            f"succession-{page.FORMAT}:district-{district.pk}:{scope}",
            lambda: page.overview(district, school_ids),
            topics=(figures.PEOPLE, figures.SUCCESSION),
        )
    else:
        found = page.overview(district, school_ids, full=True)
    return district, {
        **found,
        "district": district,
        "may_change": may_change,
        "scoped": school_ids is not None,
        "scope": f"district-{district.pk}:{scope}",
    }


@require_GET
@login_required
def succession_overview(request):
    """Drawn from the kept figures alone, so kept drawn beside them (pipeline/drawn.py);
    each view is still audited."""
    district, context = _context(request, kept=True)
    services.viewed(district=district, actor=request.user, what="the succession page")

    def draw():
        return render_to_string(BODY, {**context, "csrf_token": drawn.CSRF_SLOT})

    key = drawn.key(
        "succession",
        [BODY, "leadership/_person_link.html"],
        context["scope"],
        context["counted_at"],
        context["may_change"],
    )
    body = drawn.kept(key, draw, request=request)
    return render(request, "pipeline/succession/overview.html", {"body": body})


@require_GET
@login_required
def succession_export(request, fmt):
    if fmt not in exports.EXPORTS:
        raise Http404("No such format.")
    district, context = _context(request, kept=False)
    services.viewed(
        district=district,
        actor=request.user,
        what=f"the succession page, exported as {fmt.upper()}",
        after={"format": fmt},
    )
    return exports.EXPORTS[fmt](context)


def _chosen(people, groups, data):
    """The people the filter asks for: by their best entry's kind, level and readiness."""
    for person in people:
        best = person.best
        kind_id, level = groups[best.entry_id]
        if data.get("kind") and data["kind"].pk != kind_id:
            continue
        if data.get("level") and data["level"] != level:
            continue
        if data.get("readiness") and data["readiness"] != best.readiness:
            continue
        if data.get("several") and person.slates < 2:
            continue
        yield person


@require_GET
@login_required
def succession_people(request):
    """The people behind a figure of the succession page, each once, with all their slates."""
    district, school_ids, may_change = access.succession_scope(request.user)
    form = PeopleFilter(request.GET or None, district=district)
    data = form.cleaned_data if form.is_valid() else {}
    by_group, people = bench.people_on_slates(district, school_ids)
    groups = {
        person.best.entry_id: key
        for key, readiness in by_group.items()
        for found in readiness.values()
        for person in found
    }
    chosen = list(_chosen(people, groups, data))
    page = Paginator(chosen, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    services.viewed(
        district=district,
        actor=request.user,
        what="the people on succession slates",
        after={k: str(v) for k, v in request.GET.items() if v},
    )
    return render(
        request,
        "pipeline/succession/people.html",
        {
            "district": district,
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "may_change": may_change,
        },
    )
