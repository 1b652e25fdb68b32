from django.contrib import admin

from opportunities.models import Application, ExperienceEntry, Opportunity, OpportunityKind


@admin.register(OpportunityKind)
class OpportunityKindAdmin(admin.ModelAdmin):
    list_display = ["name", "district", "is_archived"]
    list_filter = ["district"]


@admin.register(Opportunity)
class OpportunityAdmin(admin.ModelAdmin):
    list_display = ["title", "district", "kind", "level", "school", "closes_on", "status"]
    list_filter = ["district", "status", "level"]
    search_fields = ["title"]
    raw_id_fields = ["posted_by"]


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ["opportunity", "applicant", "status", "submitted_at"]
    list_filter = ["status"]
    raw_id_fields = ["opportunity", "applicant", "decided_by"]


@admin.register(ExperienceEntry)
class ExperienceEntryAdmin(admin.ModelAdmin):
    list_display = ["person", "title", "source", "started_on", "ended_on"]
    list_filter = ["district", "source"]
    raw_id_fields = ["person", "opportunity", "added_by"]
    filter_horizontal = ["reflections"]
