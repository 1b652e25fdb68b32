from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from leadership import views
from leadership.forms import DistrictPasswordResetForm, EmailAuthenticationForm
from leadership.sso import views as sso_views
from leadership.sso.urls import callback_patterns as sso_callbacks

handler403 = "leadership.views.error_403"
handler404 = "leadership.views.error_404"
handler500 = "leadership.views.error_500"

urlpatterns = [
    path("", views.home_page, name="home"),
    path("healthz/", views.healthz, name="healthz"),
    path(
        "accounts/login/",
        sso_views.PasswordSignInView.as_view(authentication_form=EmailAuthenticationForm),
        name="login",
    ),
    path(
        "accounts/password_reset/",
        auth_views.PasswordResetView.as_view(form_class=DistrictPasswordResetForm),
        name="password_reset",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    # Sign-in with the district's account: its pages, and the providers' redirect URIs.
    path("", include("leadership.sso.urls")),
    path("accounts/", include(sso_callbacks)),
    path("admin/", admin.site.urls),
    path("", include("notices.urls")),
    path("", include("portrait.urls")),
    path("", include("programs.urls")),
    path("", include("opportunities.urls")),
    path("", include("pipeline.urls")),
    path("", include("api.urls")),
]
