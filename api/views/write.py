"""What other systems write: positions and their holders (hires, departures, retirement
eligibility, ends), outside experience, and a candidate's stage or readiness.

Each write is checked by the same form as its page and carried out by the same service,
so the rules and the audit log are the pages' own; the actor is the admin who made the
token. A form's errors come back per field (api/errors.py)."""

from django.db import transaction
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, mixins, status
from rest_framework.decorators import action
from rest_framework.response import Response

from api import serializers as s
from api.auth import token_of
from api.base import ReadOnly
from api.models import Scope
from api.views import read
from opportunities import services_experience
from opportunities.forms import OutsideExperienceForm
from opportunities.models import ExperienceEntry
from pipeline.forms import CandidateChangeForm
from pipeline.services import candidate_change
from pipeline.succession import services as succession
from pipeline.succession.forms import PositionForm, RoleEndForm, RoleTermForm
from pipeline.succession.kinds import kinds_ensure_defaults
from pipeline.succession.models import Position, RoleTerm


def body_of(request, shape, *, partial=False):
    """The JSON object sent, its fields of the types `shape` (a serializer) documents, as a
    form takes them (None as empty). Fields `shape` does not name are refused."""
    data = request.data
    if not isinstance(data, dict):
        raise exceptions.ValidationError(
            {"non_field_errors": ["Send a JSON object with Content-Type: application/json."]}
        )
    allowed = list(shape().fields)
    unknown = sorted(set(data) - set(allowed))
    if unknown:
        raise exceptions.ValidationError(
            {name: [f"Not a field here; the fields are: {', '.join(allowed)}."] for name in unknown}
        )
    typed = shape(data=data, partial=partial)
    typed.is_valid(raise_exception=True)
    return {name: "" if value is None else value for name, value in typed.validated_data.items()}


def checked(form):
    """The form, valid; else a 400 with its errors per field."""
    if not form.is_valid():
        errors = {
            "non_field_errors" if name == "__all__" else name: list(messages)
            for name, messages in form.errors.items()
        }
        raise exceptions.ValidationError(errors)
    return form


def current(instance, names):
    """The instance's values of `names` as a form would receive them (ids for relations)."""
    values = {}
    for name in names:
        field = instance._meta.get_field(name)
        value = getattr(instance, field.attname)
        values[name] = "" if value is None else value
    return values


def actor(request):
    return token_of(request).created_by


class CandidateViewSet(read.CandidateViewSet):
    write_scope = Scope.WRITE_PIPELINE

    @extend_schema(request=s.CandidateChangeWrite, responses={201: s.CandidateSerializer})
    @action(detail=True, methods=["post"])
    def changes(self, request, pk=None):
        """Move the candidate to a stage and/or readiness, with a note saying why (kept in
        the stage history and the audit log). Nothing changed is a 400."""
        candidate = self.get_object()
        data = body_of(request, s.CandidateChangeWrite, partial=True)
        data = {"stage": candidate.stage, "readiness": candidate.readiness, **data}
        form = checked(CandidateChangeForm(data))
        candidate = candidate_change(candidate=candidate, actor=actor(request), **form.cleaned_data)
        candidate = self.get_queryset().get(pk=candidate.pk)
        return Response(s.CandidateSerializer(candidate).data, status=status.HTTP_201_CREATED)


class ExperienceViewSet(mixins.CreateModelMixin, ReadOnly):
    """The leadership record: lines from opportunities in Deep Bench and experience from
    outside it. HR adds outside experience (write:experience); it counts as verified by the
    token's administrator."""

    queryset = ExperienceEntry.objects.all()
    serializer_class = s.ExperienceSerializer
    read_scope = Scope.READ_OPPORTUNITIES
    write_scope = Scope.WRITE_EXPERIENCE

    @extend_schema(request=s.ExperienceWrite, responses={201: s.ExperienceSerializer})
    def create(self, request, *args, **kwargs):
        form = OutsideExperienceForm(body_of(request, s.ExperienceWrite), district=self.district)
        checked(form)
        entry = services_experience.experience_add_outside(
            actor=actor(request), district=self.district, entry=form.save(commit=False)
        )
        return Response(self.get_serializer(entry).data, status=status.HTTP_201_CREATED)


class PositionViewSet(read.Audited, mixins.CreateModelMixin, mixins.UpdateModelMixin, ReadOnly):
    """Leadership positions: kind, school (none: the district office), level, title."""

    queryset = Position.objects.select_related("kind", "school")
    serializer_class = s.PositionSerializer
    read_scope = Scope.READ_SUCCESSION
    write_scope = Scope.WRITE_HR
    http_method_names = ["get", "post", "patch", "head", "options"]
    what = "positions"
    fields = ["kind", "school", "level", "title"]

    @extend_schema(request=s.PositionWrite, responses={201: s.PositionSerializer})
    def create(self, request, *args, **kwargs):
        kinds_ensure_defaults(district=self.district)
        data = body_of(request, s.PositionWrite)
        form = checked(PositionForm(data, district=self.district))
        position = form.save(commit=False)
        position.district = self.district
        succession.position_save(actor=actor(request), position=position)
        return Response(self.get_serializer(position).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.PositionWrite(partial=True), responses=s.PositionSerializer)
    def partial_update(self, request, *args, **kwargs):
        position = self.get_object()
        before = succession.values_of(position, succession.POSITION_FIELDS)
        data = {**current(position, self.fields), **body_of(request, s.PositionWrite, partial=True)}
        form = checked(PositionForm(data, instance=position, district=self.district))
        if form.has_changed():
            succession.position_save(
                actor=actor(request), position=form.save(commit=False), before=before
            )
        return Response(self.get_serializer(self.get_object()).data)


class RoleTermViewSet(read.Audited, mixins.CreateModelMixin, mixins.UpdateModelMixin, ReadOnly):
    """Role history: who held which position from when to when, and what is known ahead
    (an announced departure, retirement eligibility, a fixed term, an interim holder).
    HR adds a holder (POST), sends a departure or retirement date (PATCH) and ends a role
    (POST …/end/); an ended role is kept as history."""

    queryset = RoleTerm.objects.all()
    serializer_class = s.RoleTermSerializer
    read_scope = Scope.READ_SUCCESSION
    write_scope = Scope.WRITE_HR
    http_method_names = ["get", "post", "patch", "head", "options"]
    what = "role history"
    known = [
        "started_on",
        "is_interim",
        "departure_on",
        "retirement_eligible_on",
        "term_ends_on",
        "note",
    ]

    @extend_schema(request=s.RoleTermWrite, responses={201: s.RoleTermSerializer})
    def create(self, request, *args, **kwargs):
        data = body_of(request, s.RoleTermWrite)
        position = Position.objects.filter(district=self.district, pk=data.pop("position")).first()
        if position is None:
            raise exceptions.ValidationError(
                {
                    "position": [
                        "Give the id of a position of your district (GET /api/v1/positions/)."
                    ]
                }
            )
        form = checked(RoleTermForm(data, district=self.district))
        term = form.save(commit=False)
        term.position, term.person = position, form.person
        succession.term_add(actor=actor(request), term=term)
        return Response(self.get_serializer(term).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.RoleTermPatch, responses=s.RoleTermSerializer)
    def partial_update(self, request, *args, **kwargs):
        term = self.get_object()
        if term.ended_on is not None:
            raise exceptions.ValidationError(
                {
                    "non_field_errors": [
                        "This role has ended; what is known ahead no longer changes."
                    ]
                }
            )
        before = succession.values_of(term, succession.TERM_FIELDS)
        data = {**current(term, self.known), **body_of(request, s.RoleTermPatch, partial=True)}
        form = checked(RoleTermForm(data, instance=term, district=self.district))
        if form.has_changed():
            succession.term_update(
                actor=actor(request), term=form.save(commit=False), before=before
            )
        return Response(self.get_serializer(self.get_object()).data)

    @extend_schema(request=s.RoleEndWrite, responses=s.RoleTermSerializer)
    @action(detail=True, methods=["post"])
    def end(self, request, pk=None):
        """End a holder's role on their last day, with the reason; it stays in the history."""
        term = self.get_object()
        form = checked(RoleEndForm(body_of(request, s.RoleEndWrite), term=term))
        with transaction.atomic():
            succession.term_end(
                actor=actor(request),
                term=term,
                ended_on=form.cleaned_data["ended_on"],
                reason=form.cleaned_data["reason"],
            )
        return Response(self.get_serializer(self.get_object()).data)
