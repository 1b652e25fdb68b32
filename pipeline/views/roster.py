from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from leadership import access
from pipeline import access as pipeline_access
from pipeline import roster
from pipeline.forms import RosterApplyForm, RosterUploadForm
from pipeline.models import ImportRun
from pipeline.services import roster_import_apply, roster_import_preview

LEAVING_PER_PAGE = 100


@require_http_methods(["GET", "POST"])
@login_required
def roster_import(request):
    district = access.require_admin_district(request.user)
    form = RosterUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            run = roster_import_preview(
                district=district,
                actor=request.user,
                file_name=upload.name,
                content=upload.read(),
                full_sync=form.cleaned_data["full_sync"],
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            return redirect("pipeline:roster_run", run_id=run.pk)
    runs = ImportRun.objects.filter(district=district).defer("content")[:10]
    return render(
        request,
        "pipeline/roster_import.html",
        {"form": form, "runs": runs, "district": district},
    )


@require_GET
@login_required
def roster_template(request):
    access.require_admin_district(request.user)
    response = HttpResponse(roster.template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="deep-bench-roster-template.csv"'
    return response


@require_GET
@login_required
def roster_run(request, run_id):
    run = pipeline_access.get_import_run_for_user(request.user, run_id)
    leaving = Paginator(run.deactivating.get("people", []), LEAVING_PER_PAGE)
    return render(
        request,
        "pipeline/roster_run.html",
        {
            "run": run,
            "form": RosterApplyForm(run=run),
            "leaving": leaving.get_page(request.GET.get("page")),
            "leaving_schools": run.deactivating.get("schools", []),
        },
    )


@require_GET
@login_required
def roster_run_status(request, run_id):
    run = pipeline_access.get_import_run_for_user(request.user, run_id)
    return render(request, "pipeline/_roster_status.html", {"run": run})


@require_POST
@login_required
def roster_run_apply(request, run_id):
    run = pipeline_access.get_import_run_for_user(request.user, run_id)
    form = RosterApplyForm(request.POST, run=run)
    form.is_valid()
    try:
        roster_import_apply(
            run=run,
            actor=request.user,
            skip_bad_rows=form.cleaned_data.get("skip_bad_rows", False),
            confirm_deactivations=form.cleaned_data.get("confirm_deactivations", False),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "The import has started. This page shows its progress.")
    return redirect("pipeline:roster_run", run_id=run.pk)
