from allauth.socialaccount.models import SocialApp, SocialToken
from django.contrib import admin

from leadership.sso.models import DistrictSignIn, SignInDomain, SignInProvider

# Districts set their providers in Deep Bench (/sign-in/settings/), with the secret
# encrypted; allauth's own table of apps is never read, and no token is ever kept.
admin.site.unregister(SocialApp)
admin.site.unregister(SocialToken)


@admin.register(DistrictSignIn)
class DistrictSignInAdmin(admin.ModelAdmin):
    list_display = ["district", "passwords_allowed", "session_hours", "updated_at"]


@admin.register(SignInDomain)
class SignInDomainAdmin(admin.ModelAdmin):
    list_display = ["domain", "district"]
    search_fields = ["domain"]


@admin.register(SignInProvider)
class SignInProviderAdmin(admin.ModelAdmin):
    """Read-only here: the secret can only be entered, encrypted, by the district admin."""

    list_display = ["district", "kind", "enabled", "client_id", "updated_at"]
    readonly_fields = ["district", "kind", "client_id", "tenant", "issuer", "label"]
    fields = ["district", "kind", "enabled", "client_id", "tenant", "issuer", "label"]

    def has_add_permission(self, request):
        return False
