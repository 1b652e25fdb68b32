"""The collections the API reads, each scoped to the token's district (another district's
id is a 404, like an id that does not exist)."""

from collections import defaultdict

from django.db.models import Exists, OuterRef, Prefetch, Q
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response

from api import serializers as s
from api.auth import token_of
from api.base import LoggedView, ReadOnly
from api.models import Scope
from leadership.access import request_id
from leadership.audit import audit_log
from leadership.models import Membership, School, User
from opportunities.models import Application, Opportunity
from pipeline import figures
from pipeline.models import Candidate, CandidateChange
from pipeline.succession import projection
from pipeline.succession.models import PositionKind, Slate, SlateEntry
from programs.models import Attendance, Cohort, Enrollment, Nomination, Program


class SchoolViewSet(ReadOnly):
    """Schools of the district."""

    queryset = School.objects.all()
    serializer_class = s.SchoolSerializer
    read_scope = Scope.READ_PEOPLE


class PersonViewSet(ReadOnly):
    """People with a membership in the district, with those memberships. `updated_since`
    finds a person whose name or email changed, or any of whose memberships did.

    The largest collection (a full export reads 150,000 people), so its rows are built
    from plain values, not model instances and serializer fields: a page of 500 in a
    third of the time. `PersonSerializer` documents the same shape."""

    serializer_class = s.PersonSerializer
    read_scope = Scope.READ_PEOPLE
    membership_fields = ["id", "role", "school_id", "level", "job_title", "is_active"]

    def memberships(self):
        return Membership.objects.filter(district=self.district)

    def get_queryset(self):
        held = self.memberships().filter(user=OuterRef("pk"))
        # The page's cursor bounds the memberships too: without it PostgreSQL merges from
        # the first membership, and the last page of 150,000 took 75 ms instead of 0.5.
        cursor = self.paginator.decode_cursor(self.request) if self.request else None
        bound = request_id(cursor.position) if cursor and cursor.position else None
        if bound is not None:
            held = held.filter(**{"user_id__lt" if cursor.reverse else "user_id__gt": bound})
        return User.objects.filter(Exists(held)).values("id", "full_name", "email")

    def rows(self, people):
        """The people (dicts) with their memberships of the district: one query."""
        found = defaultdict(list)
        held = self.memberships().filter(user_id__in=[p["id"] for p in people]).order_by("id")
        for person, *values in held.values_list("user_id", *self.membership_fields, "sourced_id"):
            row = dict(zip([*self.membership_fields, "sourced_id"], values, strict=True))
            row["school"] = row.pop("school_id")
            found[person].append(row)
        return [{**person, "memberships": found[person["id"]]} for person in people]

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response(self.rows(page))

    def retrieve(self, request, *args, **kwargs):
        return Response(self.rows([self.get_object()])[0])

    def changed_since(self, queryset, moment):
        changed = self.memberships().filter(user=OuterRef("pk"), updated_at__gte=moment)
        return queryset.filter(Q(updated_at__gte=moment) | Exists(changed))


class MembershipViewSet(ReadOnly):
    """Each person's role, school, level and job title in the district (the roster)."""

    queryset = Membership.objects.all()
    serializer_class = s.MembershipSerializer
    read_scope = Scope.READ_PEOPLE


class CandidateViewSet(ReadOnly):
    """People in the pipeline: stage, readiness (who set it, when) and aims."""

    queryset = Candidate.objects.select_related("user")
    serializer_class = s.CandidateSerializer
    read_scope = Scope.READ_PIPELINE


class CandidateChangeViewSet(ReadOnly):
    """The stage history: every change of a candidate's stage or readiness, with its note."""

    queryset = CandidateChange.objects.all()
    serializer_class = s.CandidateChangeSerializer
    read_scope = Scope.READ_PIPELINE
    district_filter = "candidate__district"
    updated_field = "changed_at"


class FiguresView(LoggedView):
    """The pipeline dashboard's figures for the whole district, as its administrators see
    them (counted once and kept; `counted_at` says when)."""

    read_scope = Scope.READ_PIPELINE

    @extend_schema(
        responses=inline_serializer(
            "Figures",
            {
                "counted_at": serializers.DateTimeField(),
                "figures": serializers.DictField(
                    help_text="The dashboard's numbers, by name (pipeline/figures.py)."
                ),
            },
        )
    )
    def get(self, request):
        token = token_of(request)
        district = token.district
        schools = School.objects.filter(district=district)
        people = figures.dashboard_people(token.created_by, district, schools, True)
        reflections = figures.dashboard_reflections(token.created_by, district, schools, True)
        numbers = {**people, **reflections}
        counted_at = min(people["counted_at"], reflections["counted_at"])
        numbers.pop("counted_at", None)
        return Response({"counted_at": counted_at, "figures": plain(numbers)})


def plain(value):
    """The figures as JSON: dicts, lists, numbers and text (anything else as text)."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


class ProgramViewSet(ReadOnly):
    queryset = Program.objects.prefetch_related("focus_attributes")
    serializer_class = s.ProgramSerializer
    read_scope = Scope.READ_PROGRAMS


class CohortViewSet(ReadOnly):
    queryset = Cohort.objects.all()
    serializer_class = s.CohortSerializer
    read_scope = Scope.READ_PROGRAMS
    district_filter = "program__district"


class EnrollmentViewSet(ReadOnly):
    queryset = Enrollment.objects.all()
    serializer_class = s.EnrollmentSerializer
    read_scope = Scope.READ_PROGRAMS
    district_filter = "cohort__program__district"


class AttendanceViewSet(ReadOnly):
    """Who came to each session (`updated_since` compares when it was recorded)."""

    queryset = Attendance.objects.select_related("session")
    serializer_class = s.AttendanceSerializer
    read_scope = Scope.READ_PROGRAMS
    district_filter = "session__cohort__program__district"
    updated_field = "recorded_at"


class NominationViewSet(ReadOnly):
    """Nominations and their status. What the nominator wrote (rationale and evidence)
    only with the scope read:nomination_text."""

    read_scope = Scope.READ_PROGRAMS

    def with_text(self):
        token = token_of(self.request)
        return token is not None and Scope.READ_NOMINATION_TEXT in token.scopes

    def base_queryset(self):
        found = Nomination.objects.prefetch_related("attributes")
        return found.prefetch_related("evidence") if self.with_text() else found

    @extend_schema(responses=s.NominationTextSerializer(many=True))
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(responses=s.NominationTextSerializer)
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)

    def get_serializer_class(self):
        if self.with_text():
            return s.NominationTextSerializer
        return s.NominationSerializer


class OpportunityViewSet(ReadOnly):
    queryset = Opportunity.objects.select_related("kind").prefetch_related("attributes")
    serializer_class = s.OpportunitySerializer
    read_scope = Scope.READ_OPPORTUNITIES


class ApplicationViewSet(ReadOnly):
    """Applications once sent (a draft is the applicant's own)."""

    queryset = Application.objects.exclude(status=Application.Status.DRAFT)
    serializer_class = s.ApplicationSerializer
    read_scope = Scope.READ_OPPORTUNITIES
    district_filter = "opportunity__district"


class Audited:
    """Reading succession planning is audited, as on its pages: one event per request."""

    what = "succession planning"

    def finalize_response(self, request, response, *args, **kwargs):
        token = token_of(request)
        if token is not None and response.status_code == 200:
            audit_log(
                district=token.district,
                actor=token.created_by,
                action="succession.view",
                summary=f"{token.created_by} viewed {self.what} through the API token "
                f"“{token.name}” ({request.path})",
                after={"token": token.prefix, "path": request.get_full_path()[:200]},
            )
        return super().finalize_response(request, response, *args, **kwargs)


class PositionKindViewSet(Audited, ReadOnly):
    queryset = PositionKind.objects.all()
    serializer_class = s.PositionKindSerializer
    read_scope = Scope.READ_SUCCESSION
    what = "the kinds of position"


class SlateViewSet(Audited, ReadOnly):
    """Ranked successors for a position, or for a kind's expected openings at a level."""

    serializer_class = s.SlateSerializer
    read_scope = Scope.READ_SUCCESSION
    what = "slates"

    def base_queryset(self):
        entries = SlateEntry.objects.select_related("candidate").order_by("rank", "id")
        return Slate.objects.prefetch_related(Prefetch("entries", queryset=entries))


class OpeningsView(Audited, LoggedView):
    """The openings ahead for three years: each known opening (an announced departure, a
    term's end, retirement eligibility, an interim or a vacancy) and, per kind of position
    and level, the expected openings from the district's own turnover."""

    read_scope = Scope.READ_SUCCESSION
    what = "the openings ahead"

    @extend_schema(responses=s.OpeningsSerializer)
    def get(self, request):
        outlook = projection.outlook(token_of(request).district)
        groups = [
            {
                "kind": group.kind.pk,
                "kind_name": group.kind.name,
                "level": group.level,
                "positions": group.positions,
                "held": group.held,
                "vacant": group.vacant,
                "interim": group.interim,
                "without_ready_successor": group.no_ready,
                "known": group.known,
                "expected": group.expected,
                "openings": group.openings,
                "explanation": group.explain(),
            }
            for group in outlook["groups"]
        ]
        known = [
            {
                "position": o.position_id,
                "label": o.label,
                "holder": o.holder,
                "on": o.day,
                "reason": o.reason,
                "year": o.year,
                "ready_successor": o.ready,
            }
            for o in outlook["known"]
        ]
        body = {
            "today": outlook["today"],
            "years": outlook["years"],
            "groups": groups,
            "known": known,
        }
        return Response(s.OpeningsSerializer(body).data)
