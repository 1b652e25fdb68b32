from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from leadership import access as people_access
from leadership import confirm, outcome, picker
from leadership.audit import audit_log
from leadership.links import each_link
from leadership.models import Role
from leadership.words import counted
from opportunities import access, clashes, services
from opportunities.forms import (
    ApplicationForm,
    FollowForm,
    KindForm,
    OpportunityFilter,
    OpportunityForm,
    SelectForm,
)
from opportunities.models import (
    Application,
    ExperienceEntry,
    Follow,
    Opportunity,
    OpportunityKind,
)

COUNTED = ["submitted", "selected", "not_selected"]


def _posting_place(user):
    """Where the user posts: (district, None) for an admin, (district, school) for a principal."""
    for membership in people_access.memberships(user):
        if membership.role == Role.DISTRICT_ADMIN:
            return membership.district, None
    for membership in people_access.memberships(user):
        if membership.role == Role.PRINCIPAL:
            return membership.district, membership.school
    raise PermissionDenied


PAGE_SIZE = 25


def _with_counts(queryset):
    return queryset.annotate(
        applied=Count("applications", filter=Q(applications__status__in=COUNTED)),
        taken=Count("applications", filter=Q(applications__status="selected")),
        chosen=Count(
            "applications",
            filter=Q(applications__status="submitted", applications__chosen_at__isnull=False),
        ),
    )


@login_required
def opportunity_list(request):
    today = timezone.localdate()
    visible = (
        Opportunity.objects.visible_to(request.user)
        .select_related("kind", "school")
        .prefetch_related("attributes")
    )
    filterset = OpportunityFilter(
        request.GET or None, queryset=visible.open_on(today), request=request
    )
    found = filterset.qs.order_by("closes_on", "title", "id")
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    mine = dict(
        Application.objects.filter(
            applicant=request.user, opportunity__in=[row.pk for row in rows]
        ).values_list("opportunity", "status")
    )
    detail = each_link("opportunities:opportunity_detail")  # not a reverse() a row
    for row in rows:
        status = mine.get(row.pk)
        row.my_status = Application.Status(status).label if status else ""
        row.manages = services.manages(request.user, row)
        row.url = detail(row.pk)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filter": filterset,
        "opportunities": rows,
        "page": page,
        "query": query.urlencode(),
        "can_post": access.can_post(request.user),
    }
    if request.htmx:
        return render(request, "opportunities/_opportunity_table.html", context)
    if context["can_post"]:
        # The closed ones show no attributes: none read for them.
        managed = _with_counts(
            visible.prefetch_related(None)
            .managed_by(request.user)
            .exclude(status="open", closes_on__gte=today)
        ).order_by("-closes_on")[:50]
        applications = each_link("opportunities:application_list")
        context["managed"] = [*managed]
        for row in context["managed"]:
            row.url = applications(row.pk)
    return render(request, "opportunities/opportunity_list.html", context)


@login_required
def school_search(request):
    """The school filter's suggestions (leadership/picker.py): schools of the user's districts."""
    schools = picker.labelled(access.filter_schools(request.user))
    return picker.search_response(request, schools, "school")


@login_required
def posting_school_search(request):
    """The posting form's school suggestions: the active schools of the district the admin
    posts for; 403 for everybody else (a principal posts for their own school)."""
    district = people_access.require_admin_district(request.user)
    schools = picker.labelled(access.posting_schools(district))
    return picker.search_response(request, schools, "school")


@login_required
def opportunity_detail(request, opportunity_id):
    opportunity = access.get_opportunity_for_user(request.user, opportunity_id)
    application = opportunity.applications.filter(applicant=request.user).first()
    entry = ExperienceEntry.objects.filter(
        person=request.user, source_key=f"opportunity:{opportunity.pk}"
    ).first()
    may_apply = services.may_apply(request.user, opportunity) and opportunity.is_open()
    context = {
        "opportunity": opportunity,
        "attributes": opportunity.attributes.all(),
        "application": application,
        "entry": entry,
        "may_apply": may_apply and (application is None or application.status == "draft"),
        "manages": services.manages(request.user, opportunity),
        "form": ApplicationForm(initial={"note": application.note if application else ""}),
        "can_manage": access.can_manage(request.user, opportunity),
    }
    if context["can_manage"]:
        context["counts"] = _with_counts(Opportunity.objects.filter(pk=opportunity.pk)).first()
    return render(request, "opportunities/opportunity_detail.html", context)


@login_required
def opportunity_create(request):
    district, school = _posting_place(request.user)
    services.kinds_ensure_defaults(district=district)
    opportunity = Opportunity(district=district, school=school)
    form = OpportunityForm(
        request.POST or None, instance=opportunity, district=district, school=school
    )
    if form.is_valid():
        try:
            opportunity = services.opportunity_post(
                actor=request.user,
                opportunity=form.save(commit=False),
                attributes=form.cleaned_data["attributes"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"“{opportunity.title}” is posted.")
            return redirect("opportunities:opportunity_detail", opportunity.pk)
    return render(request, "opportunities/opportunity_form.html", {"form": form})


@login_required
def opportunity_edit(request, opportunity_id):
    opportunity = access.get_opportunity_for_user(request.user, opportunity_id, write=True)
    is_admin = opportunity.district_id in people_access.admin_district_ids(request.user)
    form = OpportunityForm(
        request.POST or None,
        instance=opportunity,
        district=opportunity.district,
        school=None if is_admin else opportunity.school,
    )
    if form.is_valid():
        try:
            services.opportunity_update(
                actor=request.user,
                opportunity=form.save(commit=False),
                attributes=form.cleaned_data["attributes"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Your changes are saved.")
            return redirect("opportunities:opportunity_detail", opportunity.pk)
    context = {"form": form, "opportunity": opportunity}
    return render(request, "opportunities/opportunity_form.html", context)


@login_required
@require_POST
def application_save(request, opportunity_id):
    opportunity = access.get_opportunity_for_user(request.user, opportunity_id)
    form = ApplicationForm(request.POST)
    if not form.is_valid():
        return outcome.refused(request, form, "opportunities:opportunity_detail", opportunity.pk)
    submit = "submit" in request.POST
    return outcome.carried_out(
        request,
        lambda: services.application_save(
            applicant=request.user,
            opportunity=opportunity,
            note=form.cleaned_data["note"],
            submit=submit,
        ),
        "Your application is sent." if submit else "Your draft is saved; send it when ready.",
        "opportunities:opportunity_detail",
        opportunity.pk,
    )


@login_required
@require_POST
def application_withdraw(request, application_id):
    application = access.get_application_for_applicant(request.user, application_id)
    if not confirm.confirmed(request):
        return confirm.ask(
            request,
            title=f"Withdraw your application for “{application.opportunity.title}”?",
            happens=["You cannot send an application for it again."],
            button="Withdraw my application",
            danger=True,
            back=reverse("opportunities:opportunity_detail", args=[application.opportunity_id]),
        )
    return outcome.carried_out(
        request,
        lambda: services.application_withdraw(applicant=request.user, application=application),
        "Your application is withdrawn.",
        "opportunities:opportunity_detail",
        application.opportunity_id,
    )


@login_required
def own_application_list(request):
    applications = (
        Application.objects.of_applicant(request.user)
        .select_related("opportunity")
        .order_by("-created_at", "-pk")
    )
    return render(
        request, "opportunities/own_application_list.html", {"applications": applications}
    )


def _mark_who_cannot_be_chosen(opportunity, applications, taken):
    """`cannot` on each waiting application whose person cannot be chosen: the reason the
    selection would give (opportunities.clashes)."""
    if opportunity.status != Opportunity.Status.OPEN:
        return
    waiting = [a for a in applications if a.status == "submitted" and not a.chosen_at]
    found = clashes.clashes(opportunity, [a.applicant_id for a in waiting])
    full = clashes.seats_full(opportunity) if taken >= opportunity.seats else None
    for application in waiting:
        application.cannot = found.get(application.applicant_id) or full


@login_required
def application_list(request, opportunity_id):
    opportunity = access.get_opportunity_for_user(request.user, opportunity_id, write=True)
    applications = list(
        opportunity.applications.exclude(status="draft")
        .select_related("applicant")
        .order_by("submitted_at")
    )
    taken = sum(1 for a in applications if a.status == "selected" or a.chosen_at)
    _mark_who_cannot_be_chosen(opportunity, applications, taken)
    context = {
        "opportunity": opportunity,
        "applications": applications,
        "drafts": opportunity.applications.filter(status="draft").count(),
        "taken": taken,
        "chosen": sum(1 for a in applications if a.status == "submitted" and a.chosen_at),
        # Whose facts stand beside the selection (pipeline/profile.py, loaded with htmx).
        "applicants": [a.applicant for a in applications if a.status == "submitted"],
    }
    return render(request, "opportunities/application_list.html", context)


def _names(people):
    return ", ".join(str(person) for person in people)


@login_required
@require_POST
def opportunity_select(request, opportunity_id):
    opportunity = access.get_opportunity_for_user(request.user, opportunity_id, write=True)
    form = SelectForm(request.POST, opportunity=opportunity)
    if not form.is_valid():
        messages.error(request, "Tick at least one person whose application is waiting.")
        return redirect("opportunities:application_list", opportunity.pk)
    chosen = [a.applicant for a in form.cleaned_data["applications"]]
    if not confirm.confirmed(request):
        taken = services.seats_taken(opportunity) + len(chosen)
        return confirm.ask(
            request,
            check=lambda: services.select_check(opportunity, form.cleaned_data["applications"]),
            title=f"Choose {_names(chosen)} for “{opportunity.title}”?",
            happens=[
                f"{taken} of {counted(opportunity.seats, 'seat')} will then be taken.",
                "Nobody is told yet. When you finish the selection, the people you chose are "
                "told they were selected and everybody else who applied is told it was not "
                "them this time. Until then you can undo a choice.",
            ],
            groups=[("You are choosing", chosen)],
            told=[],
            button="Choose them",
            back=reverse("opportunities:application_list", args=[opportunity.pk]),
        )
    return outcome.carried_out(
        request,
        lambda: services.opportunity_select(
            actor=request.user,
            opportunity=opportunity,
            application_ids=[a.pk for a in form.cleaned_data["applications"]],
        ),
        lambda done: (
            f"Chosen: {_names(a.applicant for a in done)}. Nobody is told until you finish "
            "the selection; until then you can undo a choice."
        ),
        "opportunities:application_list",
        opportunity.pk,
    )


@login_required
@require_POST
def opportunity_unselect(request, opportunity_id):
    opportunity = access.get_opportunity_for_user(request.user, opportunity_id, write=True)
    application_id = people_access.request_id(request.POST.get("application"))
    if application_id is None:
        messages.error(request, "Choose whose choice to undo; nothing changed.")
        return redirect("opportunities:application_list", opportunity.pk)
    return outcome.carried_out(
        request,
        lambda: services.opportunity_unselect(
            actor=request.user, opportunity=opportunity, application_id=application_id
        ),
        lambda application: f"{application.applicant} is no longer chosen; nobody was told.",
        "opportunities:application_list",
        opportunity.pk,
    )


def _unsent(drafts):
    if not drafts:
        return ""
    who = "person" if drafts == 1 else "people"
    return f"{drafts} {who} started an application but never sent it; they are not emailed."


@login_required
@require_POST
def opportunity_finish(request, opportunity_id):
    opportunity = access.get_opportunity_for_user(request.user, opportunity_id, write=True)
    chosen, others = services.selection_announcement(opportunity)
    picked, passed = [a.applicant for a in chosen], [a.applicant for a in others]
    if not confirm.confirmed(request, picked + passed):
        return confirm.ask(
            request,
            check=lambda: services.finish_check(opportunity),
            title=f"Finish the selection for “{opportunity.title}”?",
            happens=[
                "Applications close and everybody who sent one hears the outcome. "
                "This cannot be undone.",
                _unsent(opportunity.applications.filter(status="draft").count()),
            ],
            groups=[
                (f"Told they were selected ({len(picked)})", picked),
                (f"Told it was not them this time ({len(passed)})", passed),
            ],
            button="Finish the selection and send the emails",
            back=reverse("opportunities:application_list", args=[opportunity.pk]),
        )
    return outcome.carried_out(
        request,
        lambda: services.opportunity_finish_selection(actor=request.user, opportunity=opportunity),
        lambda told: (
            f"The selection is finished: {len(told[0])} told they were selected, "
            f"{len(told[1])} told it was not them this time."
        ),
        "opportunities:application_list",
        opportunity.pk,
    )


@login_required
@require_POST
def opportunity_cancel(request, opportunity_id):
    opportunity = access.get_opportunity_for_user(request.user, opportunity_id, write=True)
    applicants = services.cancel_told(opportunity)
    if not confirm.confirmed(request, applicants):
        return confirm.ask(
            request,
            check=lambda: services.cancel_check(opportunity),
            title=f"Call off “{opportunity.title}”?",
            happens=["Nobody can apply any more, and it cannot be opened again."],
            groups=[("Told it is called off: everybody who applied or started to", applicants)],
            button="Call it off and tell them",
            danger=True,
            back=reverse("opportunities:opportunity_detail", args=[opportunity.pk]),
        )
    return outcome.carried_out(
        request,
        lambda: services.opportunity_cancel(actor=request.user, opportunity=opportunity),
        "The opportunity is cancelled; everybody who applied was told.",
        "opportunities:opportunity_detail",
        opportunity.pk,
    )


@login_required
def kind_list(request):
    district = people_access.require_admin_district(request.user)
    services.kinds_ensure_defaults(district=district)
    form = KindForm(request.POST or None, district=district)
    if form.is_valid():
        kind = form.save(commit=False)
        kind.district = district
        kind.order = OpportunityKind.objects.filter(district=district).count()
        with transaction.atomic():
            kind.save()
            audit_log(
                district=district,
                actor=request.user,
                action="kind.add",
                obj=kind,
                summary=f"{request.user} added the kind of opportunity “{kind.name}”",
                after={"name": kind.name},
            )
        messages.success(request, f"“{kind.name}” is added to the list.")
        return redirect("opportunities:kind_list")
    kinds = OpportunityKind.objects.filter(district=district)
    return render(request, "opportunities/kind_list.html", {"form": form, "kinds": kinds})


@login_required
@require_POST
def kind_rename(request, kind_id):
    kind = access.get_kind_for_user(request.user, kind_id)
    old_name = kind.name
    form = KindForm(request.POST, instance=kind, district=kind.district)
    if form.is_valid():
        with transaction.atomic():
            form.save()
            if kind.name != old_name:
                audit_log(
                    district=kind.district,
                    actor=request.user,
                    action="kind.rename",
                    obj=kind,
                    summary=f"{request.user} renamed the kind “{old_name}” to “{kind.name}”",
                    before={"name": old_name},
                    after={"name": kind.name},
                )
        messages.success(request, f"“{old_name}” is now called “{kind.name}”.")
    else:
        messages.error(request, " ".join(form.errors.get("name", ["Write a name."])))
    return redirect("opportunities:kind_list")


@login_required
@require_POST
def kind_toggle(request, kind_id):
    kind = access.get_kind_for_user(request.user, kind_id)
    with transaction.atomic():
        kind.is_archived = not kind.is_archived
        kind.save(update_fields=["is_archived"])
        audit_log(
            district=kind.district,
            actor=request.user,
            action="kind.archive" if kind.is_archived else "kind.restore",
            obj=kind,
            summary=(
                f"{request.user} put away the kind “{kind.name}”"
                if kind.is_archived
                else f"{request.user} offered the kind “{kind.name}” again"
            ),
            before={"archived": not kind.is_archived},
            after={"archived": kind.is_archived},
        )
    state = "put away; it is no longer offered" if kind.is_archived else "offered again"
    messages.success(request, f"“{kind.name}” is {state}.")
    return redirect("opportunities:kind_list")


@login_required
def follow_edit(request):
    district = people_access.primary_district(request.user)
    if district is None:
        raise PermissionDenied
    services.kinds_ensure_defaults(district=district)
    follow = Follow.objects.filter(district=district, person=request.user).first()
    initial = {}
    if follow:
        initial = {"kinds": follow.kinds.all(), "attributes": follow.attributes.all()}
    form = FollowForm(request.POST or None, initial=initial, district=district)
    if form.is_valid():
        follow, _ = Follow.objects.get_or_create(district=district, person=request.user)
        follow.kinds.set(form.cleaned_data["kinds"])
        follow.attributes.set(form.cleaned_data["attributes"])
        messages.success(request, "Saved. We will tell you about matching opportunities.")
        return redirect("opportunities:opportunity_list")
    return render(request, "opportunities/follow_form.html", {"form": form})
