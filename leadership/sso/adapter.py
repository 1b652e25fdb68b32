"""django-allauth, bent to the district's rules (settings: ACCOUNT_ADAPTER, SOCIALACCOUNT_ADAPTER).

- The apps (client id and secret) come from the district the sign-in started in, kept in
  the session by leadership/sso/views.py `provider_begin`; never from allauth's own table.
- Nobody is ever signed up: a sign-in finds an existing person (policy.person_for) or ends
  on a page that says who to ask (refusals.py). Every error of the protocol — state,
  issuer, signature, expiry — ends on that page too.
- Linking an account while signed in (process "connect") needs the person's password,
  entered in the last five minutes (views.linked_accounts).
"""

import time

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.models import SocialAccount
from allauth.socialaccount.providers.base.constants import AuthError, AuthProcess
from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect
from requests import RequestException

from leadership.audit import audit_log
from leadership.models import District, User
from leadership.sso import crypto, policy, providers
from leadership.sso.refusals import refuse, token_detail

DISTRICT_KEY = "deepbench_sso_district"
LINK_KEY = "deepbench_sso_link"
LINK_SECONDS = 300
BACKEND = "leadership.sso.backends.PersonBackend"


def remember_district(request, district):
    request.session[DISTRICT_KEY] = district.pk


def chosen_district(request):
    district_id = request.session.get(DISTRICT_KEY) if request is not None else None
    return District.objects.filter(pk=district_id).first() if district_id else None


def allow_link(request):
    """The person just re-entered their password: linking is allowed for five minutes."""
    request.session[LINK_KEY] = {"user": request.user.pk, "at": time.time()}


def link_allowed(request):
    mark = request.session.get(LINK_KEY) or {}
    fresh = time.time() - mark.get("at", 0) <= LINK_SECONDS
    return fresh and mark.get("user") == request.user.pk


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        return False

    def login(self, request, user):
        user.backend = BACKEND
        super().login(request, user)

    def add_message(self, request, level, message_template=None, *args, **kwargs):
        # allauth's own "Successfully signed in as ..." and friends: the home page says it.
        return None


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def list_apps(self, request, provider=None, client_id=None):
        district = chosen_district(request)
        if district is None:
            return []
        rows = providers.enabled_rows(district.pk)
        wanted = [
            row
            for row in rows
            if provider in (None, providers.provider_id(row), providers.ALLAUTH[row.kind][0])
        ]
        if not wanted:
            return []
        domains = policy.domains(district)
        try:
            apps = [providers.social_app(row, domains) for row in wanted]
        except (crypto.NoKey, crypto.Unreadable) as exc:
            refused = refuse(
                request, "unavailable", district=district, provider=wanted[0].get_kind_display()
            )
            raise ImmediateHttpResponse(refused) from exc
        return [app for app in apps if client_id in (None, app.client_id)]

    def is_open_for_signup(self, request, sociallogin):
        return False

    def is_auto_signup_allowed(self, request, sociallogin):
        return False

    def authenticate_by_email(self, sociallogin):
        # Matching on email is ours (policy.person_for), inside the district's domains only;
        # allauth's would also wipe the person's password.
        return None

    def pre_social_login(self, request, sociallogin):
        row = sociallogin.provider.app.deepbench_row
        linked = sociallogin.user if sociallogin.is_existing else None
        email = policy.verified_email(sociallogin)
        try:
            if sociallogin.state.get("process") == AuthProcess.CONNECT:
                response = self._link(request, sociallogin, row, email, linked)
                raise ImmediateHttpResponse(response)
            sociallogin.user = policy.person_for(row.district, email, linked=linked)
        except policy.Refusal as refusal:
            refused = refuse(
                request, refusal.reason, district=row.district, provider=row.get_kind_display()
            )
            raise ImmediateHttpResponse(refused) from refusal

    def _link(self, request, sociallogin, row, email, linked):
        if not request.user.is_authenticated or not link_allowed(request):
            raise policy.Refusal("confirm_password")
        person = policy.person_for(row.district, email, linked=linked or request.user)
        someone_else = User.objects.filter(email__iexact=email).exclude(pk=person.pk).exists()
        if person != request.user or someone_else:
            raise policy.Refusal("linked_elsewhere")
        request.session.pop(LINK_KEY, None)
        if linked is None:
            with transaction.atomic():
                sociallogin.connect(request, request.user)
                audit_log(
                    district=row.district,
                    actor=request.user,
                    action="sign_in.link",
                    obj=sociallogin.account,
                    summary=f"{request.user} linked their {row.get_kind_display()} account",
                    after={"provider": sociallogin.account.provider, "email": email},
                )
        messages.success(request, f"Your {row.get_kind_display()} account is linked.")
        return redirect("sso:linked")

    def on_authentication_error(
        self, request, provider, error=None, exception=None, extra_context=None
    ):
        row = getattr(getattr(provider, "app", None), "deepbench_row", None)
        district = row.district if row else chosen_district(request)
        name = row.get_kind_display() if row else None
        extra_context = extra_context or {}
        if error == AuthError.CANCELLED:
            reason, detail = "cancelled", ""
        elif exception is None and "state" not in extra_context:
            reason, detail = "state", ""
        elif exception is None:
            reason = "token"
            detail = "it answered with an error ({})".format(
                request.GET.get("error", "no code")[:60]
            )
        elif isinstance(exception, RequestException):
            reason, detail = "unavailable", ""
        else:
            reason, detail = "token", token_detail(exception)
        raise ImmediateHttpResponse(
            refuse(request, reason, district=district, provider=name, detail=detail)
        )


def linked_accounts(user):
    return SocialAccount.objects.filter(user=user).order_by("provider", "pk")
