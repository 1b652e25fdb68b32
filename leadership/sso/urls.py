from django.urls import path

from leadership.sso import callbacks, views

app_name = "sso"

urlpatterns = [
    path("login/", views.find_district, name="find"),
    path("login/<slug:slug>/", views.district_sign_in, name="district"),
    path("login/<slug:slug>/<str:kind>/", views.provider_begin, name="begin"),
    path("sign-in/settings/", views.sign_in_settings, name="settings"),
    path("sign-in/settings/<str:kind>/", views.provider_edit, name="provider"),
    path("sign-in/accounts/", views.linked_accounts, name="linked"),
    path("sign-in/accounts/<int:account_id>/unlink/", views.account_unlink, name="unlink"),
]

# The redirect URIs a district registers with its provider. allauth finds them by these
# names, without a namespace, so they are included on their own under accounts/.
callback_patterns = [
    path("google/login/callback/", callbacks.google_callback, name="google_callback"),
    path("microsoft/login/callback/", callbacks.microsoft_callback, name="microsoft_callback"),
    path("clever/login/callback/", callbacks.clever_callback, name="clever_callback"),
    path(
        "oidc/<str:provider_id>/login/callback/",
        callbacks.openid_connect_callback,
        name="openid_connect_callback",
    ),
]
