"""The leadership record: recording a finished opportunity, and experience from outside;
/experience/people/: the person picker's suggestions on /experience/add/."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import prefetch_related_objects
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from leadership import access as people_access
from leadership import confirm, outcome, picker
from opportunities import access
from opportunities import services_experience as services
from opportunities.forms import (
    ExperienceForm,
    OutsideExperienceForm,
    OwnExperienceForm,
    VerifyForm,
)
from opportunities.models import Application, ExperienceEntry
from opportunities.record import record_of

RECENT = 30


@login_required
def experience_list(request):
    entries = record_of(request.user, people_access.district_ids(request.user))
    # What was learned: the reflections of each saved line, which only this page shows.
    prefetch_related_objects([entry for entry in entries if entry.pk], "reflections__attribute")
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
    outside = ExperienceEntry.objects.filter(
        district=district, source=ExperienceEntry.Source.OUTSIDE
    ).select_related("person", "verified_by")
    context = {
        "form": form,
        "added": outside.order_by("-created_at", "-pk")[:RECENT],
        # Added by people themselves, oldest first; nobody verifies their own.
        "unverified": outside.filter(verified_at=None)
        .exclude(person=request.user)
        .order_by("created_at", "pk")[:RECENT],
    }
    return render(request, "opportunities/experience_add.html", context)


@login_required
def experience_person_search(request):
    """The person picker's suggestions (leadership/picker.py): the people /experience/add/
    offers, those of the district the admin administers; 403 for everybody else."""
    district = people_access.require_admin_district(request.user)
    people = picker.labelled(access.experience_people(district), picker.PERSON_LABEL)
    return picker.search_response(request, people, "person")


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


@login_required
def experience_new(request):
    district = people_access.primary_district(request.user)
    form = OwnExperienceForm(request.POST or None)
    if form.is_valid():
        try:
            entry = services.experience_add_own(
                person=request.user, district=district, entry=form.save(commit=False)
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"“{entry.title}” is on your leadership record.")
            return redirect("opportunities:experience_list")
    return render(request, "opportunities/experience_own_form.html", {"form": form})


@login_required
def experience_edit(request, entry_id):
    entry = access.get_own_experience_for_user(request.user, entry_id)
    verified_by, verified_at = entry.verified_by, entry.verified_at
    form = OwnExperienceForm(request.POST or None, instance=entry)
    if form.is_valid():
        try:
            services.experience_edit_own(
                person=request.user, entry=form.save(commit=False), changed=form.changed_data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _edited(form, verified_at))
            return redirect("opportunities:experience_list")
    context = {"form": form, "entry": entry, "verified_by": verified_by, "verified_at": verified_at}
    return render(request, "opportunities/experience_own_form.html", context)


def _edited(form, verified_at):
    if not form.has_changed():
        return "Nothing changed."
    if verified_at:
        return (
            "Your changes are saved. Its verification is cleared until a district "
            "administrator verifies it again."
        )
    return "Your changes are saved."


@login_required
@require_POST
def experience_verify(request, entry_id):
    entry = access.get_experience_for_user(request.user, entry_id, write=True)
    form = VerifyForm(request.POST)
    if not form.is_valid():
        return outcome.refused(request, form, "opportunities:experience_add", nothing="changed")
    verified = form.cleaned_data["verified"] == "yes"
    return outcome.carried_out(
        request,
        lambda: services.experience_verify(actor=request.user, entry=entry, verified=verified),
        f"“{entry.title}” on {entry.person}'s record is verified."
        if verified
        else f"“{entry.title}” on {entry.person}'s record is no longer verified.",
        "opportunities:experience_add",
    )
