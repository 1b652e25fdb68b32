"""The redirect URIs: where each provider sends people back, through allauth's own views.

Two checks are stricter than allauth's defaults, because a district's IT review asks for
them: an ID token's signature is always checked against the provider's published keys (the
OpenID Connect spec lets a client skip it when the token came over its own TLS connection),
and an OpenID Connect provider's discovery document must name the issuer the district
configured.
"""

from allauth.socialaccount.internal import jwtkit
from allauth.socialaccount.models import SocialApp
from allauth.socialaccount.providers.clever.views import CleverOAuth2Adapter
from allauth.socialaccount.providers.google import views as google_views
from allauth.socialaccount.providers.microsoft.views import MicrosoftGraphOAuth2Adapter
from allauth.socialaccount.providers.oauth2.client import OAuth2Error
from allauth.socialaccount.providers.oauth2.views import OAuth2CallbackView
from allauth.socialaccount.providers.openid_connect.views import OpenIDConnectOAuth2Adapter
from requests import RequestException

from leadership.sso.adapter import chosen_district
from leadership.sso.refusals import refuse


class IssuerMismatch(Exception):
    deepbench_detail = "the provider names a different issuer than the district set up"


class StrictOpenIDConnectAdapter(OpenIDConnectOAuth2Adapter):
    def _decode_id_token(self, app, id_token):
        config = self.openid_config
        if config.get("issuer", "").rstrip("/") != app.settings["server_url"].rstrip("/"):
            raise OAuth2Error("issuer mismatch") from IssuerMismatch()
        return jwtkit.verify_and_decode(
            credential=id_token,
            keys_url=config["jwks_uri"],
            issuer=config["issuer"],
            audience=app.client_id,
            lookup_kid=jwtkit.lookup_kid_jwk,
            verify_signature=True,
        )


class StrictGoogleAdapter(google_views.GoogleOAuth2Adapter):
    def _decode_id_token(self, app, id_token):
        return google_views._verify_and_decode(app, id_token, verify_signature=True)


def _finish(request, adapter):
    try:
        return OAuth2CallbackView.adapter_view(adapter)(request)
    except SocialApp.DoesNotExist:
        district = chosen_district(request)
        # No district in this session: the sign-in did not start in this browser.
        return refuse(request, "off" if district else "state", district=district)
    except (OAuth2Error, RequestException):
        return refuse(request, "unavailable", district=chosen_district(request))


def google_callback(request):
    return _finish(request, StrictGoogleAdapter)


def microsoft_callback(request):
    return _finish(request, MicrosoftGraphOAuth2Adapter)


def clever_callback(request):
    return _finish(request, CleverOAuth2Adapter)


def openid_connect_callback(request, provider_id):
    return _finish(request, StrictOpenIDConnectAdapter(request, provider_id))
