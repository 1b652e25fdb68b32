from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from leadership import outcome, picker
from leadership.access import require_admin_district
from pipeline.succession import access, services
from pipeline.succession.forms import SettingsForm, SupervisorForm
from pipeline.succession.models import SchoolSupervisor


@require_http_methods(["GET", "POST"])
@login_required
def succession_settings(request):
    """Whether principal supervisors see succession, and which schools each supervises."""
    district = require_admin_district(request.user)
    setting = services.settings_for(district)
    before = setting.supervisors_see_succession
    form = SettingsForm(request.POST or None, instance=setting)
    if form.is_valid():
        services.settings_update(actor=request.user, setting=form.save(commit=False), before=before)
        messages.success(request, "The succession settings are saved.")
        return redirect("pipeline:succession_settings")
    supervisors = SchoolSupervisor.objects.filter(district=district).select_related(
        "supervisor", "school"
    )
    return render(
        request,
        "pipeline/succession/settings.html",
        {
            "form": form,
            "supervisor_form": SupervisorForm(district=district),
            "supervisors": supervisors,
            "district": district,
        },
    )


@require_POST
@login_required
def supervisor_add(request):
    district = require_admin_district(request.user)
    form = SupervisorForm(request.POST, district=district)
    if not form.is_valid():
        return outcome.refused(request, form, "pipeline:succession_settings")
    school = form.cleaned_data["school"]
    return outcome.carried_out(
        request,
        lambda: services.supervisor_add(
            actor=request.user, district=district, person=form.person, school=school
        ),
        f"{form.person} supervises {school}.",
        "pipeline:succession_settings",
    )


@require_POST
@login_required
def supervisor_remove(request, supervision_id):
    supervision = access.get_supervision_for_user(request.user, supervision_id)
    services.supervisor_remove(actor=request.user, supervision=supervision)
    messages.success(
        request, f"{supervision.supervisor} no longer supervises {supervision.school}."
    )
    return redirect("pipeline:succession_settings")


@require_GET
@login_required
def school_search(request):
    """The school pickers' suggestions (a position's school, a supervisor's school): the
    active schools of the district the admin administers; 403 for everybody else."""
    district = require_admin_district(request.user)
    schools = picker.labelled(access.district_schools(district))
    return picker.search_response(request, schools, "school")
