from django.contrib import admin

from pipeline.models import Candidate, CandidateChange


@admin.register(Candidate)
class CandidateAdmin(admin.ModelAdmin):
    list_display = ["user", "district", "school", "stage", "readiness"]
    list_filter = ["district", "stage", "readiness"]
    list_select_related = ["user", "district", "school"]
    search_fields = ["user__full_name", "user__email"]


admin.site.register(CandidateChange)
