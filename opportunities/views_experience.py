"""The leadership record: recording a finished opportunity, and experience from outside."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from leadership import access as people_access
from leadership import confirm
from opportunities import access, services
from opportunities.forms import ExperienceForm, OutsideExperienceForm
from opportunities.models import Application, ExperienceEntry
from opportunities.record import record_of

RECENT = 30


@login_required
def experience_list(request):
    entries = record_of(request.user, people_access.district_ids(request.user))
    return render(request, "opportunities/experience_list.html", {"entries": entries})


@login_required
def experience_record(request, opportunity_id):
    opportunity = access.get_opportunity_for_user(request.user, opportunity_id)
    application = opportunity.applications.filter(
        applicant=request.user, status=Application.Status.SELECTED
    ).first()
    if application is None:
        raise PermissionDenied
    if ExperienceEntry.objects.filter(
        person=request.user, source_key=f"opportunity:{opportunity.pk}"
    ).exists():
        messages.info(request, f"“{opportunity.title}” is already on your leadership record.")
        return redirect("opportunities:experience_list")
    initial = {"started_on": opportunity.starts_on, "ended_on": opportunity.ends_on}
    prompts = services.reflection_prompts(opportunity)
    form = ExperienceForm(request.POST or None, initial=initial, prompts=prompts)
    if form.is_valid():
        try:
            services.experience_record(
                person=request.user,
                application=application,
                started_on=form.cleaned_data["started_on"],
                ended_on=form.cleaned_data["ended_on"],
                summary=form.cleaned_data["summary"],
                reflections=form.reflections(),
                shared_with_principal=form.cleaned_data.get("share_with_principal", False),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"“{opportunity.title}” is on your leadership record.")
            return redirect("opportunities:experience_list")
    context = {"form": form, "opportunity": opportunity}
    return render(request, "opportunities/experience_form.html", context)


@login_required
def experience_add(request):
    district = people_access.require_admin_district(request.user)
    form = OutsideExperienceForm(request.POST or None, district=district)
    if form.is_valid():
        try:
            entry = services.experience_add_outside(
                actor=request.user, district=district, entry=form.save(commit=False)
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"Added “{entry.title}” to {entry.person}'s record.")
            return redirect("opportunities:experience_add")
    added = (
        ExperienceEntry.objects.filter(district=district, source=ExperienceEntry.Source.OUTSIDE)
        .select_related("person")
        .order_by("-created_at", "-pk")[:RECENT]
    )
    return render(request, "opportunities/experience_add.html", {"form": form, "added": added})


@login_required
@require_POST
def experience_remove(request, entry_id):
    entry = access.get_experience_for_user(request.user, entry_id, write=True)
    if not confirm.confirmed(request):
        return confirm.ask(
            request,
            title=f"Remove “{entry.title}” from {entry.person}'s leadership record?",
            happens=["It is deleted from the record and cannot be brought back."],
            button="Remove it",
            danger=True,
            back=reverse("opportunities:experience_add"),
        )
    services.experience_remove(actor=request.user, entry=entry)
    messages.success(request, f"Removed “{entry.title}” from {entry.person}'s record.")
    return redirect("opportunities:experience_add")
