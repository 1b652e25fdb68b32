from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from leadership.models import AuditEvent, CoachAssignment, District, Membership, School, User


def _superusers_only(request):
    return request.user.is_active and request.user.is_superuser


# /admin/ is for the people who run the installation, never for district staff.
admin.site.has_permission = _superusers_only
admin.site.site_header = "Deep Bench administration"


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["school"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_active", "is_superuser"]
    search_fields = ["email", "full_name"]
    inlines = [MembershipInline]
    fieldsets = [
        (None, {"fields": ["email", "password", "full_name", "reminder_emails"]}),
        ("Access", {"fields": ["is_active", "is_staff", "is_superuser"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "full_name", "password1", "password2"]}),
    ]
    filter_horizontal = []
    list_filter = ["is_active", "is_superuser"]


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(School)
class SchoolAdmin(admin.ModelAdmin):
    list_display = ["name", "district", "is_active"]
    list_filter = ["district"]
    search_fields = ["name"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "district", "role", "school", "level", "is_active"]
    list_filter = ["district", "role", "level", "is_active"]
    search_fields = ["user__email", "user__full_name"]
    list_select_related = ["user", "district", "school"]


admin.site.register(CoachAssignment)


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["at", "district", "actor", "action", "summary"]
    list_filter = ["district", "action"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
