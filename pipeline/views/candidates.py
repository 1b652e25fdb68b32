from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from leadership import access, outcome, picker
from leadership.audit import audit_log
from leadership.audit_words import form_in_words
from leadership.words import counted
from pipeline import access as candidate_access
from pipeline import exports, ratings, sections
from pipeline.filters import CandidateFilter
from pipeline.forms import CandidateChangeForm
from pipeline.models import Readiness, Stage
from pipeline.scope import pipeline_scope, scoped_candidates
from pipeline.services import candidate_change

PER_PAGE = 25
FEW = 1000  # a name search with at most this many matches is counted and paged from their ids
EXPORTS = {"csv": exports.csv_response, "xlsx": exports.xlsx_response}


def _filtered(request):
    district, schools, is_admin = pipeline_scope(request.user)
    candidates = scoped_candidates(request.user, district).select_related(
        "user", "school", "sponsor"
    )
    found = CandidateFilter(
        request.GET, queryset=candidates, district=district, schools=schools, is_admin=is_admin
    )
    return district, found


def _page(found, number):
    """The page numbered `number` of what `found` found (as Paginator.get_page finds it).

    A name search finds its matches through the trigram index on people's names (leadership
    0004); at 150,000 people that is most of the page's time, and a Paginator finds them
    twice, once to count them and once for the page. So the ids of up to FEW matches are read
    once, in the list's order, and counted and sliced here, and the page's rows read by id.
    A search that matches more (a letter or two) is counted and paged by the database."""
    candidates = found.qs
    if found.form.cleaned_data.get("q"):
        ids = list(candidates.values_list("pk", flat=True)[: FEW + 1])
        if len(ids) <= FEW:
            page = Paginator(ids, PER_PAGE).get_page(number)
            rows = candidates.in_bulk(page.object_list)
            page.object_list = [rows[pk] for pk in page.object_list if pk in rows]  # gone since
            return page
    return Paginator(candidates, PER_PAGE).get_page(number)


@require_GET
@login_required
def candidate_list(request):
    district, found = _filtered(request)
    page = _page(found, request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"district": district, "filter": found, "page": page, "query": query.urlencode()}
    if request.htmx:
        return render(request, "pipeline/_candidate_table.html", context)
    return render(request, "pipeline/candidate_list.html", context)


@require_GET
@login_required
def school_search(request):
    """The school filter's suggestions (leadership/picker.py): only schools it offers."""
    schools = candidate_access.candidate_filter_schools(request.user)
    return picker.search_response(request, picker.labelled(schools), "school")


@require_GET
@login_required
def candidate_export(request, fmt):
    if fmt not in EXPORTS:
        raise Http404("No such format.")
    district, found = _filtered(request)
    if not found.is_valid():
        # Exporting with the bad filter left out would hand over more than was asked for.
        messages.error(request, "Nothing was exported: a filter needs fixing (see below).")
        return redirect(f"{reverse('pipeline:candidate_list')}?{request.GET.urlencode()}")
    candidates = found.qs
    count = candidates.count()
    filters = form_in_words(found.form)  # "Stage: Ready now", as the audit log says it
    audit_log(
        district=district,
        actor=request.user,
        action="candidates.export",
        summary=f"Exported {counted(count, 'candidate')} as {fmt.upper()}",
        after={"format": fmt, "filters": filters, "count": count},
    )
    return EXPORTS[fmt](candidates)


@require_GET
@login_required
def candidate_detail(request, candidate_id):
    candidate = candidate_access.get_candidate_for_user(request.user, candidate_id)
    can_change = candidate.district_id in access.admin_district_ids(request.user)
    form = CandidateChangeForm(initial={"stage": candidate.stage, "readiness": candidate.readiness})
    rows = ratings.latest_for(candidate, request.user)
    return render(
        request,
        "pipeline/candidate_detail.html",
        {
            "candidate": candidate,
            "history": _history(candidate),
            "ratings": rows,
            "ratings_hidden": any(row["hidden_when"] for row in rows),
            "sections": sections.candidate_sections(request, candidate),
            "form": form if can_change else None,
        },
    )


def _history(candidate):
    labels = {**dict(Stage.choices), **dict(Readiness.choices)}
    return [
        {
            "change": change,
            "old": labels.get(change.old_value, change.old_value),
            "new": labels.get(change.new_value, change.new_value),
        }
        for change in candidate.changes.select_related("changed_by")
    ]


@require_POST
@login_required
def candidate_change_view(request, candidate_id):
    candidate = candidate_access.get_candidate_for_user(request.user, candidate_id, write=True)
    form = CandidateChangeForm(request.POST)
    if form.is_valid():
        try:
            candidate_change(candidate=candidate, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"{candidate.user}'s stage and readiness are saved.")
    else:
        return outcome.refused(request, form, "pipeline:candidate_detail", candidate.pk)
    return redirect("pipeline:candidate_detail", candidate_id=candidate.pk)
