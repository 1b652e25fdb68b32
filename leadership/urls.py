from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from leadership import views
from leadership.forms import EmailAuthenticationForm

handler403 = "leadership.views.error_403"
handler404 = "leadership.views.error_404"
handler500 = "leadership.views.error_500"

urlpatterns = [
    path("", views.home_page, name="home"),
    path("healthz/", views.healthz, name="healthz"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(
            authentication_form=EmailAuthenticationForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
    path("", include("notices.urls")),
    path("", include("portrait.urls")),
    path("", include("programs.urls")),
    path("", include("opportunities.urls")),
    path("", include("pipeline.urls")),
]
