from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from leadership import outcome
from leadership.access import admin_district_ids, require_admin_district
from leadership.links import each_link, fixed_link
from pipeline.succession import access, projection, services, suggestions
from pipeline.succession.forms import (
    FillForm,
    PositionFilter,
    PositionForm,
    PositionKindForm,
    RoleEndForm,
    RoleTermForm,
    SlateAddForm,
)
from pipeline.succession.kinds import kinds_ensure_defaults
from pipeline.succession.models import (
    PositionKind,
    RoleTerm,
    Slate,
    SlateEntry,
    SlateReadiness,
)

PER_PAGE = 50


def time_in_role(started_on, today):
    """ "3 years, 2 months" from `started_on` to `today`."""
    months = (today.year - started_on.year) * 12 + today.month - started_on.month
    if today.day < started_on.day:
        months -= 1
    years, months = divmod(max(0, months), 12)
    parts = [f"{years} year{'' if years == 1 else 's'}"] if years else []
    if months or not years:
        parts.append(f"{months} month{'' if months == 1 else 's'}")
    return ", ".join(parts)


def _filtered(positions, data, today):
    if data.get("kind"):
        positions = positions.filter(kind=data["kind"])
    if data.get("level"):
        positions = positions.filter(level=data["level"])
    if data.get("school"):
        positions = positions.filter(school_id=data["school"])
    state = data.get("state")
    current = RoleTerm.objects.filter(projection.current_terms(today), position=OuterRef("pk"))
    if state == "vacant":
        positions = positions.filter(~Exists(current))
    elif state == "no_ready":
        positions = positions.filter(~Exists(projection.ready_successors()))
    elif state in ("1", "2", "3"):
        known = projection.known_openings(positions, today)
        positions = positions.filter(pk__in=[o.position_id for o in known if o.year == int(state)])
    return positions


def _ready_counts(position_ids):
    """{position id: ready-now people on its open slate}, one query."""
    return dict(
        SlateEntry.objects.filter(
            slate__position_id__in=position_ids,
            slate__filled_at__isnull=True,
            readiness=SlateReadiness.READY_NOW,
        )
        .exclude(candidate__stage__in=projection.GONE)
        .order_by()
        .values_list("slate__position_id")
        .annotate(n=Count("id"))
    )


def _holder_cells(holders):
    """What a row of the list says in its Holder and Time in role cells: written here, where
    two template loops a row cost a fifth of the page's Python."""
    if not holders:
        return mark_safe('<span class="text-danger">Vacant</span>'), mark_safe("—")
    names = format_html_join(
        ", ",
        "{}{}",
        ((term.person, " (interim)" if term.is_interim else "") for term in holders),
    )
    since = format_html_join(
        ", ",
        "since {}",
        ((date_format(term.started_on, "YEAR_MONTH_FORMAT"),) for term in holders),
    )
    return names, since


@require_GET
@login_required
def position_list(request):
    district, school_ids, may_change = access.succession_scope(request.user)
    today = timezone.localdate()
    form = PositionFilter(request.GET or None, district=district)
    data = form.cleaned_data if form.is_valid() else {}
    current = RoleTerm.objects.filter(projection.current_terms(today)).select_related("person")
    positions = (
        _filtered(projection.positions_in(district, school_ids), data, today)
        .select_related("kind", "school")
        .prefetch_related(Prefetch("terms", queryset=current, to_attr="holders"))
        .order_by("kind__order", "school__name", "pk")
    )
    page = Paginator(positions, PER_PAGE).get_page(request.GET.get("page"))
    ready = _ready_counts([position.pk for position in page.object_list])
    detail = each_link("pipeline:position_detail")  # not a reverse() a row
    listed = fixed_link("pipeline:position_list")
    for position in page.object_list:
        position.url = detail(position.pk)
        position.school_url = f"{listed}?school={position.school_id}"
        ends = [term.known_end() for term in position.holders]
        ends = [end for end in ends if end[0] is not None]
        position.known = min(ends) if ends else None
        position.ready = ready.get(position.pk, 0)
        position.holder_cell, position.since_cell = _holder_cells(position.holders)
    query = request.GET.copy()
    query.pop("page", None)
    services.viewed(
        district=district,
        actor=request.user,
        what="the list of positions",
        after={k: v for k, v in request.GET.items() if v},
    )
    return render(
        request,
        "pipeline/succession/position_list.html",
        {
            "district": district,
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "may_change": may_change,
            "today": today,
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def position_add(request):
    district = require_admin_district(request.user)
    kinds_ensure_defaults(district=district)
    form = PositionForm(request.POST or None, district=district)
    if form.is_valid():
        position = form.save(commit=False)
        position.district = district
        services.position_save(actor=request.user, position=position)
        messages.success(request, f"{position} is added. Record its holder below.")
        return redirect("pipeline:position_detail", position_id=position.pk)
    return render(request, "pipeline/succession/position_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
@login_required
def position_edit(request, position_id):
    position = access.get_position_for_user(request.user, position_id, write=True)
    before = services.values_of(position, services.POSITION_FIELDS)
    form = PositionForm(request.POST or None, instance=position, district=position.district)
    if form.is_valid():
        services.position_save(actor=request.user, position=form.save(commit=False), before=before)
        messages.success(request, "The position is saved.")
        return redirect("pipeline:position_detail", position_id=position.pk)
    return render(
        request, "pipeline/succession/position_form.html", {"form": form, "position": position}
    )


def _slate_rows(slate):
    """The slate's entries, each with how many other open slates name the same person."""
    entries = list(slate.entries.select_related("candidate__user", "candidate__school"))
    elsewhere = dict(
        SlateEntry.objects.filter(
            candidate_id__in=[e.candidate_id for e in entries], slate__filled_at__isnull=True
        )
        .exclude(slate=slate)
        .order_by()
        .values_list("candidate_id")
        .annotate(n=Count("id"))
    )
    for entry in entries:
        entry.elsewhere = elsewhere.get(entry.candidate_id, 0)
    return entries


@require_GET
@login_required
def position_detail(request, position_id):
    position = access.get_position_for_user(request.user, position_id)
    may_change = position.district_id in admin_district_ids(request.user)
    today = timezone.localdate()
    holders = services.holders(position, today)
    for term in holders:
        term.time_in_role = time_in_role(term.started_on, today)
    known = min((t.known_end() for t in holders if t.known_end()[0]), default=None)
    slate = Slate.objects.filter(position=position, filled_at__isnull=True).first()
    entries = _slate_rows(slate) if slate else []
    hidden = not may_change and any(e.candidate.user_id == request.user.pk for e in entries)
    found, matched = [], 0
    if may_change:
        found, matched = suggestions.suggest(
            district=position.district,
            kind=position.kind,
            level=position.level,
            exclude_candidates=[e.candidate_id for e in entries],
            exclude_users=[t.person_id for t in holders],
        )
    services.viewed(district=position.district, actor=request.user, what=position, obj=position)
    return render(
        request,
        "pipeline/succession/position_detail.html",
        {
            "position": position,
            "holders": holders,
            "known": known,
            "slate": None if hidden else slate,
            "entries": [] if hidden else entries,
            "hidden": hidden,
            "suggestions": found,
            "matched": matched,
            "pool": suggestions.POOL,
            "history": position.terms.select_related("person").order_by("-started_on", "-id"),
            "placements": position.placements.select_related("person", "candidate", "placed_by"),
            "may_change": may_change,
            "is_admin": may_change,
            "add_form": SlateAddForm(district=position.district) if may_change else None,
            "fill_form": FillForm(initial={"starts_on": today}) if may_change else None,
            "readiness_choices": SlateReadiness.choices,
            "today": today,
            "today_iso": today.isoformat(),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def term_add(request, position_id):
    position = access.get_position_for_user(request.user, position_id, write=True)
    form = RoleTermForm(request.POST or None, district=position.district)
    if form.is_valid():
        term = form.save(commit=False)
        term.position, term.person = position, form.person
        services.term_add(actor=request.user, term=term)
        messages.success(request, f"{term.person} is recorded as {position}.")
        return redirect("pipeline:position_detail", position_id=position.pk)
    return render(
        request, "pipeline/succession/term_form.html", {"form": form, "position": position}
    )


@require_http_methods(["GET", "POST"])
@login_required
def term_edit(request, term_id):
    term = access.get_term_for_user(request.user, term_id)
    before = services.values_of(term, services.TERM_FIELDS)
    form = RoleTermForm(request.POST or None, instance=term, district=term.position.district)
    if form.is_valid():
        try:
            services.term_update(actor=request.user, term=form.save(commit=False), before=before)
        except ValidationError as error:
            messages.info(request, " ".join(error.messages))
        else:
            messages.success(request, f"What is known about {term.person}'s role is saved.")
        return redirect("pipeline:position_detail", position_id=term.position_id)
    services.viewed(
        district=term.position.district,
        actor=request.user,
        what=f"what is known about {term.person}'s role as {term.position}",
        obj=term,
    )
    return render(
        request,
        "pipeline/succession/term_form.html",
        {
            "form": form,
            "position": term.position,
            "term": term,
            "end_form": RoleEndForm(term=term, initial={"ended_on": timezone.localdate()}),
        },
    )


@require_POST
@login_required
def term_end(request, term_id):
    term = access.get_term_for_user(request.user, term_id)
    form = RoleEndForm(request.POST, term=term)
    if not form.is_valid():
        return outcome.refused(request, form, "pipeline:term_edit", term.pk, nothing="changed")
    return outcome.carried_out(
        request,
        lambda: services.term_end(
            actor=request.user,
            term=term,
            ended_on=form.cleaned_data["ended_on"],
            reason=form.cleaned_data["reason"],
        ),
        f"{term.person}'s role has ended; it stays in the role history.",
        "pipeline:position_detail",
        term.position_id,
    )


@require_http_methods(["GET", "POST"])
@login_required
def kind_list(request):
    district = require_admin_district(request.user)
    kinds_ensure_defaults(district=district)
    form = PositionKindForm(request.POST or None, district=district)
    if form.is_valid():
        kind = form.save(commit=False)
        kind.district = district
        kind.order = PositionKind.objects.filter(district=district).count()
        services.kind_save(actor=request.user, kind=kind)
        messages.success(request, f"“{kind.name}” is added to the kinds of position.")
        return redirect("pipeline:position_kinds")
    kinds = PositionKind.objects.filter(district=district).annotate(count=Count("positions"))
    return render(request, "pipeline/succession/kind_list.html", {"form": form, "kinds": kinds})


@require_http_methods(["GET", "POST"])
@login_required
def kind_edit(request, kind_id):
    kind = access.get_kind_for_user(request.user, kind_id)
    before = services.values_of(kind, services.KIND_FIELDS)
    form = PositionKindForm(request.POST or None, instance=kind, district=kind.district)
    if form.is_valid():
        services.kind_save(actor=request.user, kind=form.save(commit=False), before=before)
        messages.success(request, f"“{kind.name}” is saved.")
        return redirect("pipeline:position_kinds")
    return render(request, "pipeline/succession/kind_form.html", {"form": form, "kind": kind})
