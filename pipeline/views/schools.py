import functools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from leadership import links
from leadership.models import Level
from pipeline import dashboard, drawn, figures, schools
from pipeline.models import Readiness
from pipeline.scope import pipeline_scope

PER_PAGE = 50
TABLE = "pipeline/_school_table.html"


@require_GET
@login_required
def school_list(request):
    """The table is drawn from the kept figures and the request's search, sort and page
    alone, so it is kept drawn beside them (pipeline/drawn.py)."""
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
    query = request.GET.copy()
    query.pop("page", None)
    query = query.urlencode()
    number = request.GET.get("page")

    @functools.cache
    def chosen():
        # Narrowed once, only when needed: for the drawing, and for a principal's count.
        return schools.narrowed(found["rows"], q.strip(), sort, only)

    def draw():
        page = Paginator(chosen(), PER_PAGE).get_page(number)
        _link_cells(page.object_list, found["columns"])
        return render_to_string(TABLE, {"page": page, "columns": found["columns"], "query": query})

    key = drawn.key(
        "schools",
        [TABLE, "pipeline/_pagination.html"],
        figures.figure_scope(request.user, district, is_admin),
        found["counted_at"],
        q.strip(),
        sort,
        only,
        number,
        query,
    )
    return render(
        request,
        "pipeline/school_list.html",
        {
            "district": district,
            "is_admin": is_admin,
            "form": form,
            "table": drawn.kept(key, draw),
            # "Your schools": a principal's few rows, counted as the table narrows them.
            "count": None if is_admin else len(chosen()),
            "columns": found["columns"],
            "counted_at": found["counted_at"],
        },
    )


def _link_cells(rows, columns):
    """Each row's cells with the links to the people behind its numbers."""
    review = links.fixed_link("programs:nominations")
    for row in rows:
        pk = row["school"].pk
        bench = {"school": pk, "target_level": Level.SCHOOL, "active": "yes"}
        urls = {
            "ready_now": dashboard.list_url(**bench, readiness=Readiness.READY_NOW),
            "ready_later": dashboard.list_url(**bench, readiness=Readiness.READY_LATER),
            "nominations": f"{review}?school={pk}&window=current",
            "nominees": dashboard.list_url(school=pk, nominated="current"),
        }
        row["cells"] = _cells_html(row, columns, urls)


def _cells_html(row, columns, urls):
    """The row's number cells, written here rather than by a template loop (50 rows of up to
    ten cells each were most of the time of drawing the table)."""
    name = conditional_escape(row["school"].name)
    cells = []
    for key, label in columns:
        value = conditional_escape(row.get(key, 0))
        url = urls.get(key)
        if url:
            said = conditional_escape(str(label).lower())
            value = (
                f'<a href="{conditional_escape(url)}">{value}'
                f'<span class="visually-hidden"> {said} at {name}</span></a>'
            )
        cells.append(f'<td class="text-end">{value}</td>')
    return mark_safe("".join(cells))  # every part escaped above
