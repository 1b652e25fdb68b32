from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from programs.models import (
    Assignment,
    Attendance,
    Cohort,
    Enrollment,
    Nomination,
    NominationEvent,
    NominationEvidence,
    NominationWindow,
    Program,
    Session,
)


class NominationEventInline(admin.TabularInline):
    model = NominationEvent
    extra = 0
    readonly_fields = ["from_status", "to_status", "actor", "at", "note"]
    can_delete = False


class NominationEvidenceInline(admin.TabularInline):
    """What the nominator saw, per attribute. A file opens only through the app's own
    access-checked address, never the storage's."""

    model = NominationEvidence
    extra = 0
    fields = ["attribute", "seen", "link", "file_in_app"]
    readonly_fields = fields
    can_delete = False

    @admin.display(description="File")
    def file_in_app(self, evidence):
        if not evidence.file:
            return "-"
        url = reverse("programs:nomination_evidence", args=[evidence.pk])
        return format_html('<a href="{}">{}</a>', url, evidence.file_name)


@admin.register(Nomination)
class NominationAdmin(admin.ModelAdmin):
    """Read-only here: decisions go through the app, so the history and emails stay whole.
    The evidence is shown beside it, and the nomination's page in the app is one click away."""

    list_display = ["nominee", "program", "school", "status", "created_at", "in_app"]
    list_filter = ["status", "program"]
    search_fields = ["nominee__full_name", "nominee__email"]
    list_select_related = ["nominee", "program", "school"]
    inlines = [NominationEvidenceInline, NominationEventInline]

    @admin.display(description="In Deep Bench")
    def in_app(self, nomination):
        url = reverse("programs:nomination", args=[nomination.pk])
        return format_html('<a href="{}">Open with the evidence</a>', url)

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(Program)
class ProgramAdmin(admin.ModelAdmin):
    list_display = ["name", "district", "target_level", "is_active"]
    list_filter = ["district", "is_active"]


@admin.register(Cohort)
class CohortAdmin(admin.ModelAdmin):
    list_display = ["name", "program", "starts_on", "ends_on", "capacity"]
    raw_id_fields = ["facilitator"]


@admin.register(Enrollment)
class EnrollmentAdmin(admin.ModelAdmin):
    list_display = ["person", "cohort", "status", "enrolled_on", "ended_on"]
    list_filter = ["status"]
    raw_id_fields = ["person", "nomination"]


admin.site.register([Session, Assignment, NominationWindow, Attendance])
