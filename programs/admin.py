from django.contrib import admin

from programs.models import (
    Assignment,
    Attendance,
    Cohort,
    Enrollment,
    Nomination,
    NominationEvent,
    NominationWindow,
    Program,
    Session,
)


class NominationEventInline(admin.TabularInline):
    model = NominationEvent
    extra = 0
    readonly_fields = ["from_status", "to_status", "actor", "at", "note"]
    can_delete = False


@admin.register(Nomination)
class NominationAdmin(admin.ModelAdmin):
    """Read-only here: decisions go through the app, so the history and emails stay whole."""

    list_display = ["nominee", "program", "school", "status", "created_at"]
    list_filter = ["status", "program"]
    search_fields = ["nominee__full_name", "nominee__email"]
    inlines = [NominationEventInline]

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
