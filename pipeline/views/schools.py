from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from leadership.models import Level
from pipeline import dashboard, figures, schools
from pipeline.models import Readiness
from pipeline.scope import pipeline_scope

PER_PAGE = 50


@require_GET
@login_required
def school_list(request):
    district, visible, is_admin = pipeline_scope(request.user)
    found = figures.school_table(request.user, district, visible, is_admin)
    form = schools.SchoolListForm(request.GET, columns=found["columns"])
    if form.is_valid():
        q, sort, only = (form.cleaned_data[name] for name in ("q", "sort", "only"))
    else:
        messages.error(
            request, "That sort order or search is not one we know; showing every school by name."
        )
        q, sort, only = "", "", ""
        form = schools.SchoolListForm(columns=found["columns"])
    page = Paginator(schools.narrowed(found["rows"], q.strip(), sort, only), PER_PAGE).get_page(
        request.GET.get("page")
    )
    review = reverse("programs:nominations")
    for row in page.object_list:
        pk = row["school"].pk
        bench = {"school": pk, "target_level": Level.SCHOOL, "active": "yes"}
        urls = {
            "ready_now": dashboard.list_url(**bench, readiness=Readiness.READY_NOW),
            "ready_later": dashboard.list_url(**bench, readiness=Readiness.READY_LATER),
            "nominations": f"{review}?school={pk}&window=current",
            "nominees": dashboard.list_url(school=pk, nominated="current"),
        }
        row["cells"] = [
            {"label": label, "value": row.get(key, 0), "url": urls.get(key)}
            for key, label in found["columns"]
        ]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "pipeline/school_list.html",
        {
            "district": district,
            "is_admin": is_admin,
            "form": form,
            "page": page,
            "columns": found["columns"],
            "counted_at": found["counted_at"],
            "query": query.urlencode(),
        },
    )
