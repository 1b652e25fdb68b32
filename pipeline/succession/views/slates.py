from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.views.decorators.http import require_GET, require_POST

from leadership import confirm, outcome
from pipeline.models import Stage
from pipeline.succession import access, services, suggestions
from pipeline.succession.forms import (
    FillForm,
    KindSlateForm,
    SlateAddForm,
    SlateEntryForm,
    SlateMoveForm,
)
from pipeline.succession.models import SlateEntry, SlateReadiness
from pipeline.succession.views.positions import _slate_rows


def _back(slate):
    if slate.position_id:
        return reverse("pipeline:position_detail", args=[slate.position_id])
    return reverse("pipeline:slate_detail", args=[slate.pk])


@require_POST
@login_required
def position_slate_add(request, position_id):
    position = access.get_position_for_user(request.user, position_id, write=True)
    back = reverse("pipeline:position_detail", args=[position.pk])
    form = SlateAddForm(request.POST, district=position.district)
    if not form.is_valid():
        return outcome.refused(request, form, back)
    slate = services.open_slate(position=position, actor=request.user)
    return _add_to(request, form, slate)


def _add_to(request, form, slate):
    data = form.cleaned_data
    if data.get("candidate"):
        candidate = access.get_candidate_for_slate(request.user, slate, data["candidate"])
    else:
        candidate = data["found"]
    return outcome.carried_out(
        request,
        lambda: services.slate_add(
            actor=request.user,
            slate=slate,
            candidate=candidate,
            readiness=data["readiness"],
            reasons=data["reasons"],
        ),
        lambda entry: f"{candidate.user} is on the slate at rank {entry.rank}.",
        _back(slate),
    )


@require_POST
@login_required
def slate_add(request, slate_id):
    slate = access.get_slate_for_user(request.user, slate_id, write=True)
    form = SlateAddForm(request.POST, district=slate.district)
    if not form.is_valid():
        return outcome.refused(request, form, _back(slate))
    return _add_to(request, form, slate)


@require_POST
@login_required
def kind_slate_open(request):
    """The slate of a kind's expected openings at a level (made the first time)."""
    form = KindSlateForm(request.POST)
    if not form.is_valid():
        return outcome.refused(request, form, "pipeline:succession", nothing="opened")
    kind = access.get_kind_for_user(request.user, form.cleaned_data["kind"])
    slate = services.open_slate(kind=kind, level=form.cleaned_data["level"], actor=request.user)
    return redirect("pipeline:slate_detail", slate_id=slate.pk)


@require_GET
@login_required
def slate_detail(request, slate_id):
    """A slate of a kind's expected openings, or a filled slate kept as history."""
    slate = access.get_slate_for_user(request.user, slate_id)
    is_admin = slate.district_id in access.admin_district_ids(request.user)
    may_change = slate.filled_at is None and is_admin
    entries = _slate_rows(slate)
    if slate.position_id and any(e.candidate.user_id == request.user.pk for e in entries):
        if not is_admin:
            entries, slate.hidden = [], True
    found, matched = [], 0
    if may_change and slate.kind_id:
        found, matched = suggestions.suggest(
            district=slate.district,
            kind=slate.kind,
            level=slate.level,
            exclude_candidates=[e.candidate_id for e in entries],
        )
    services.viewed(district=slate.district, actor=request.user, what=slate, obj=slate)
    return render(
        request,
        "pipeline/succession/slate_detail.html",
        {
            "slate": slate,
            "entries": entries,
            "may_change": may_change,
            "is_admin": is_admin,
            "add_form": SlateAddForm(district=slate.district) if may_change else None,
            "suggestions": found,
            "matched": matched,
            "pool": suggestions.POOL,
            "readiness_choices": SlateReadiness.choices,
            "placements": slate.placements.select_related("person", "position__kind"),
        },
    )


@require_POST
@login_required
def entry_update(request, entry_id):
    entry = access.get_entry_for_user(request.user, entry_id)
    form = SlateEntryForm(request.POST)
    if not form.is_valid():
        return outcome.refused(request, form, _back(entry.slate))
    return outcome.carried_out(
        request,
        lambda: services.entry_update(actor=request.user, entry=entry, **form.cleaned_data),
        f"{entry.candidate.user}'s readiness and reasons are saved.",
        _back(entry.slate),
    )


@require_POST
@login_required
def entry_move(request, entry_id):
    entry = access.get_entry_for_user(request.user, entry_id)
    form = SlateMoveForm(request.POST)
    if not form.is_valid():
        return outcome.refused(request, form, _back(entry.slate), nothing="moved")
    return outcome.carried_out(
        request,
        lambda: services.entry_move(
            actor=request.user, entry=entry, direction=form.cleaned_data["direction"]
        ),
        lambda moved: f"{entry.candidate.user} is now ranked {moved.rank}.",
        _back(entry.slate),
    )


@require_POST
@login_required
def entry_remove(request, entry_id):
    entry = access.get_entry_for_user(request.user, entry_id)
    return outcome.carried_out(
        request,
        lambda: services.entry_remove(actor=request.user, entry=entry),
        f"{entry.candidate.user} is off the slate.",
        _back(entry.slate),
    )


def _fill_happens(position, entry, starts_on, end_other_roles):
    """Every change filling the position makes, in sentences, for the confirmation page."""
    person = entry.candidate.user
    day = date_format(starts_on)
    happens = [f"{person} becomes {position} from {day}, a new line in their role history."]
    for term in services.holders(position, starts_on):
        last = date_format(services.last_day_before(starts_on, term))
        happens.append(
            f"{term.person}'s role as {position} ends: {last} is the last day; it stays in the "
            "role history."
        )
    others = services.other_roles(person, position, starts_on)
    for term in others:
        last = date_format(services.last_day_before(starts_on, term))
        if end_other_roles:
            happens.append(f"{person}'s role as {term.position} ends: {last} is the last day.")
        else:
            happens.append(f"{person} also stays {term.position}.")
    stage = entry.candidate.get_stage_display()
    if entry.candidate.stage == Stage.PLACED:
        happens.append(f"{person}'s stage in the pipeline stays Placed.")
    else:
        happens.append(
            f"{person}'s stage in the pipeline becomes Placed (from {stage}), "
            "with a line in their history saying where."
        )
    happens.append(
        "This slate is kept as history, marked filled; the position starts with an empty slate."
    )
    elsewhere = SlateEntry.objects.filter(
        candidate=entry.candidate, slate__filled_at__isnull=True
    ).exclude(slate=entry.slate)
    if elsewhere.exists():
        happens.append(
            f"{person} stays on {elsewhere.count()} other slate(s), marked placed, and no longer "
            "counts as ready there."
        )
    return happens


@require_POST
@login_required
def position_fill(request, position_id):
    """Fill a position from its slate, after a page that says exactly what will change."""
    position = access.get_position_for_user(request.user, position_id, write=True)
    back = reverse("pipeline:position_detail", args=[position.pk])
    form = FillForm(request.POST)
    if not form.is_valid():
        return outcome.refused(request, form, back, nothing="changed")
    data = form.cleaned_data
    entry = access.get_entry_for_user(request.user, data["entry"])
    if entry.slate.position_id != position.pk:
        messages.error(request, "Nothing was changed: that person is not on this slate.")
        return redirect(back)
    if not confirm.confirmed(request):
        return confirm.ask(
            request,
            title=f"Place {entry.candidate.user} as {position}?",
            happens=_fill_happens(position, entry, data["starts_on"], data["end_other_roles"]),
            button=f"Place {entry.candidate.user}",
            back=back,
            check=lambda: services.fill_check(
                position=position, entry=entry, starts_on=data["starts_on"]
            ),
        )
    return outcome.carried_out(
        request,
        lambda: services.position_fill(
            actor=request.user,
            position=position,
            entry=entry,
            starts_on=data["starts_on"],
            end_other_roles=data["end_other_roles"],
            note=data["note"],
        ),
        f"{entry.candidate.user} is placed as {position} from {date_format(data['starts_on'])}.",
        back,
    )
