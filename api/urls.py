from django.urls import include, path, re_path
from rest_framework.routers import SimpleRouter

from api.views import case, misc, read, tokens, write

app_name = "api"

router = SimpleRouter()
router.register("schools", read.SchoolViewSet, basename="school")
router.register("people", read.PersonViewSet, basename="person")
router.register("memberships", read.MembershipViewSet, basename="membership")
router.register("candidates", write.CandidateViewSet, basename="candidate")
router.register("candidate-changes", read.CandidateChangeViewSet, basename="candidate-change")
router.register("programs", read.ProgramViewSet, basename="program")
router.register("cohorts", read.CohortViewSet, basename="cohort")
router.register("enrollments", read.EnrollmentViewSet, basename="enrollment")
router.register("attendance", read.AttendanceViewSet, basename="attendance")
router.register("nominations", read.NominationViewSet, basename="nomination")
router.register("opportunities", read.OpportunityViewSet, basename="opportunity")
router.register("applications", read.ApplicationViewSet, basename="application")
router.register("experience", write.ExperienceViewSet, basename="experience")
router.register("position-kinds", read.PositionKindViewSet, basename="position-kind")
router.register("positions", write.PositionViewSet, basename="position")
router.register("role-terms", write.RoleTermViewSet, basename="role-term")
router.register("slates", read.SlateViewSet, basename="slate")

urlpatterns = [
    path("api/tokens/", tokens.token_list, name="token_list"),
    path("api/tokens/<int:token_id>/", tokens.token_detail, name="token_detail"),
    path("api/tokens/<int:token_id>/revoke/", tokens.token_revoke, name="token_revoke"),
    path("api/v1/schema/", misc.SchemaView.as_view(), name="schema"),
    path("api/v1/docs/", misc.DocsView.as_view(), name="docs"),
    path("api/v1/figures/", read.FiguresView.as_view(), name="figures"),
    path("api/v1/openings/", read.OpeningsView.as_view(), name="openings"),
    path("api/v1/", include(router.urls)),
    path(
        "ims/case/v1p1/CFPackages/<str:identifier>",
        case.CFPackageView.as_view(),
        name="case_package",
    ),
    # [\s\S]: an address with a newline in it is still one of ours.
    re_path(r"^api/v1/[\s\S]*$", misc.NoEndpoint.as_view(), name="no_endpoint"),
]
