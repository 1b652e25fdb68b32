from django.urls import path

from leadership.pipeline.views import audit

app_name = "pipeline"

urlpatterns = [
    path("pipeline/audit/", audit.audit_list, name="audit_list"),
]
