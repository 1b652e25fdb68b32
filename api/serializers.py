"""What each collection shows. Confidential fields are left out by naming the fields shown,
never by excluding: a field added to a model later stays private until it is named here.
Reflection text is never named."""

from rest_framework import serializers

from leadership.models import Membership, School, User
from opportunities.models import Application, ExperienceEntry, Opportunity
from pipeline.models import Candidate, CandidateChange
from pipeline.succession.models import Position, PositionKind, RoleTerm, Slate, SlateEntry
from programs.models import Attendance, Cohort, Enrollment, Nomination, NominationEvidence, Program


class Id(serializers.IntegerField):
    """The id of a row: a whole number a database column can hold."""

    def __init__(self, **kwargs):
        super().__init__(min_value=1, max_value=2**63 - 1, **kwargs)


class SchoolSerializer(serializers.ModelSerializer):
    class Meta:
        model = School
        fields = ["id", "name", "sourced_id", "is_active", "updated_at"]


class PersonMembershipSerializer(serializers.ModelSerializer):
    class Meta:
        model = Membership
        fields = ["id", "role", "school", "level", "job_title", "is_active", "sourced_id"]


class PersonSerializer(serializers.ModelSerializer):
    """A person of the district: name, work email and their memberships in this district
    only. Never their demographics, reflections or settings."""

    memberships = PersonMembershipSerializer(source="district_memberships", many=True)

    class Meta:
        model = User
        fields = ["id", "full_name", "email", "memberships"]


class MembershipSerializer(serializers.ModelSerializer):
    class Meta:
        model = Membership
        fields = [
            "id",
            "person",
            "role",
            "school",
            "level",
            "job_title",
            "is_active",
            "sourced_id",
            "created_at",
            "updated_at",
        ]

    person = serializers.IntegerField(source="user_id")


class CandidateSerializer(serializers.ModelSerializer):
    person = serializers.IntegerField(source="user_id")
    person_name = serializers.CharField(source="user.full_name")
    target_role = serializers.CharField(help_text="The roles the person aims at, as written.")

    class Meta:
        model = Candidate
        fields = [
            "id",
            "person",
            "person_name",
            "school",
            "current_level",
            "target_level",
            "target_role",
            "stage",
            "readiness",
            "readiness_set_by",
            "readiness_set_at",
            "sponsor",
            "created_at",
            "updated_at",
        ]


class CandidateChangeSerializer(serializers.ModelSerializer):
    class Meta:
        model = CandidateChange
        fields = [
            "id",
            "candidate",
            "field",
            "old_value",
            "new_value",
            "note",
            "changed_by",
            "changed_at",
        ]


class CandidateChangeWrite(serializers.Serializer):
    """The body of a stage or readiness change (pipeline's CandidateChangeForm checks it)."""

    stage = serializers.ChoiceField(choices=Candidate._meta.get_field("stage").choices)
    readiness = serializers.ChoiceField(choices=Candidate._meta.get_field("readiness").choices)
    note = serializers.CharField(max_length=2000, help_text="Why: kept in the history.")


class ProgramSerializer(serializers.ModelSerializer):
    class Meta:
        model = Program
        fields = [
            "id",
            "name",
            "description",
            "target_level",
            "focus_attributes",
            "is_active",
            "created_at",
            "updated_at",
        ]


class CohortSerializer(serializers.ModelSerializer):
    class Meta:
        model = Cohort
        fields = [
            "id",
            "program",
            "name",
            "starts_on",
            "ends_on",
            "capacity",
            "facilitator",
            "updated_at",
        ]


class EnrollmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Enrollment
        fields = [
            "id",
            "cohort",
            "person",
            "status",
            "enrolled_on",
            "ended_on",
            "nomination",
            "updated_at",
        ]


class AttendanceSerializer(serializers.ModelSerializer):
    cohort = serializers.IntegerField(source="session.cohort_id")
    session_title = serializers.CharField(source="session.title")
    session_starts_at = serializers.DateTimeField(source="session.starts_at")

    class Meta:
        model = Attendance
        fields = [
            "id",
            "session",
            "cohort",
            "session_title",
            "session_starts_at",
            "enrollment",
            "status",
            "recorded_at",
        ]


class EvidenceSerializer(serializers.ModelSerializer):
    class Meta:
        model = NominationEvidence
        fields = ["attribute", "seen", "link"]


class NominationSerializer(serializers.ModelSerializer):
    """Status and parties; what the nominator wrote only for a token with
    read:nomination_text (the view adds `NominationTextSerializer`'s fields)."""

    class Meta:
        model = Nomination
        fields = [
            "id",
            "program",
            "nominee",
            "school",
            "nominated_by",
            "is_self_nomination",
            "attributes",
            "status",
            "cohort",
            "created_at",
            "updated_at",
        ]


class NominationTextSerializer(NominationSerializer):
    evidence = EvidenceSerializer(many=True)

    class Meta(NominationSerializer.Meta):
        fields = [*NominationSerializer.Meta.fields, "rationale", "evidence"]


class OpportunitySerializer(serializers.ModelSerializer):
    kind = serializers.CharField(source="kind.name")

    class Meta:
        model = Opportunity
        fields = [
            "id",
            "kind",
            "title",
            "description",
            "level",
            "attributes",
            "time_asked",
            "seats",
            "school",
            "closes_on",
            "starts_on",
            "ends_on",
            "status",
            "posted_by",
            "created_at",
            "updated_at",
        ]


class ApplicationSerializer(serializers.ModelSerializer):
    """A sent application: never a draft, never the applicant's note."""

    class Meta:
        model = Application
        fields = [
            "id",
            "opportunity",
            "applicant",
            "status",
            "submitted_at",
            "decided_at",
            "updated_at",
        ]


class ExperienceSerializer(serializers.ModelSerializer):
    """A line of a leadership record (never the reflections linked to it)."""

    class Meta:
        model = ExperienceEntry
        fields = [
            "id",
            "person",
            "title",
            "kind",
            "level",
            "started_on",
            "ended_on",
            "source",
            "opportunity",
            "summary",
            "verified_by",
            "verified_at",
            "updated_at",
        ]


class ExperienceWrite(serializers.Serializer):
    """Outside experience added by HR (opportunities' OutsideExperienceForm checks it)."""

    person = Id(help_text="A person of the district (`/people/`).")
    title = serializers.CharField(max_length=200)
    kind = serializers.CharField(max_length=120, required=False, allow_blank=True)
    level = serializers.ChoiceField(choices=ExperienceEntry._meta.get_field("level").choices)
    started_on = serializers.DateField()
    ended_on = serializers.DateField(required=False, allow_null=True)
    summary = serializers.CharField(required=False, allow_blank=True)


class PositionKindSerializer(serializers.ModelSerializer):
    class Meta:
        model = PositionKind
        fields = ["id", "key", "name", "level", "aims", "is_archived", "updated_at"]


class PositionSerializer(serializers.ModelSerializer):
    label = serializers.CharField(source="__str__", read_only=True)

    class Meta:
        model = Position
        fields = [
            "id",
            "label",
            "kind",
            "school",
            "level",
            "title",
            "sourced_id",
            "is_active",
            "updated_at",
        ]


class PositionWrite(serializers.Serializer):
    """A position (succession's PositionForm checks it). `school` null: the district office."""

    kind = Id(help_text="A kind of position (`/position-kinds/`).")
    school = Id(allow_null=True, required=False, help_text="None: the district office.")
    level = serializers.ChoiceField(choices=Position._meta.get_field("level").choices)
    title = serializers.CharField(max_length=200, required=False, allow_blank=True)


class RoleTermSerializer(serializers.ModelSerializer):
    class Meta:
        model = RoleTerm
        fields = [
            "id",
            "position",
            "person",
            "started_on",
            "ended_on",
            "end_reason",
            "is_interim",
            "departure_on",
            "retirement_eligible_on",
            "term_ends_on",
            "note",
            "source",
            "updated_at",
        ]


class RoleTermWrite(serializers.Serializer):
    """A holder of a position (succession's RoleTermForm checks it). To change only what is
    known ahead (a departure, retirement eligibility), PATCH those fields alone."""

    position = Id(help_text="A position of the district (`/positions/`).")
    email = serializers.EmailField(help_text="The holder, on the roster. Only when adding.")
    started_on = serializers.DateField()
    is_interim = serializers.BooleanField(required=False)
    departure_on = serializers.DateField(required=False, allow_null=True)
    retirement_eligible_on = serializers.DateField(required=False, allow_null=True)
    term_ends_on = serializers.DateField(required=False, allow_null=True)
    note = serializers.CharField(max_length=300, required=False, allow_blank=True)


class RoleTermPatch(RoleTermWrite):
    position = None
    email = None
    started_on = serializers.DateField(required=False)


class RoleEndWrite(serializers.Serializer):
    ended_on = serializers.DateField(help_text="The holder's last day in the position.")
    reason = serializers.ChoiceField(
        choices=[c for c in RoleTerm.EndReason.choices if c[0] != RoleTerm.EndReason.ROSTER]
    )


class SlateEntrySerializer(serializers.ModelSerializer):
    person = serializers.IntegerField(source="candidate.user_id")

    class Meta:
        model = SlateEntry
        fields = ["candidate", "person", "rank", "readiness", "reasons"]


class SlateSerializer(serializers.ModelSerializer):
    entries = SlateEntrySerializer(many=True)

    class Meta:
        model = Slate
        fields = [
            "id",
            "position",
            "kind",
            "level",
            "created_at",
            "filled_at",
            "entries",
            "updated_at",
        ]


class OpeningGroupSerializer(serializers.Serializer):
    kind = serializers.IntegerField()
    kind_name = serializers.CharField()
    level = serializers.CharField()
    positions = serializers.IntegerField()
    held = serializers.IntegerField()
    vacant = serializers.IntegerField()
    interim = serializers.IntegerField()
    without_ready_successor = serializers.IntegerField()
    known = serializers.ListField(child=serializers.IntegerField(), help_text="Per year ahead.")
    expected = serializers.ListField(child=serializers.FloatField(), help_text="Per year ahead.")
    openings = serializers.ListField(child=serializers.FloatField(), help_text="Per year ahead.")
    explanation = serializers.ListField(child=serializers.CharField())


class KnownOpeningSerializer(serializers.Serializer):
    position = serializers.IntegerField()
    label = serializers.CharField()
    holder = serializers.CharField()
    on = serializers.DateField()
    reason = serializers.CharField()
    year = serializers.IntegerField(help_text="1: the next 12 months, 2: the 12 after, 3: …")
    ready_successor = serializers.BooleanField()


class OpeningsSerializer(serializers.Serializer):
    today = serializers.DateField()
    years = serializers.ListField(child=serializers.CharField())
    groups = OpeningGroupSerializer(many=True)
    known = KnownOpeningSerializer(many=True)
