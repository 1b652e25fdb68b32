from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import get_adapter
from allauth.socialaccount.models import SocialApp
from allauth.socialaccount.providers.base.constants import AuthProcess
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.http import require_http_methods, require_POST
from requests import RequestException

from leadership import access
from leadership.models import District
from leadership.sso import adapter, policy, providers, services
from leadership.sso.access import get_linked_account_for_user
from leadership.sso.forms import (
    ConfirmPasswordForm,
    DistrictSignInForm,
    ProviderForm,
    WorkEmailForm,
)
from leadership.sso.models import Kind, SignInProvider
from leadership.sso.refusals import refuse

EMAIL_HINT_KEY = "deepbench_sso_email"


class PasswordSignInView(auth_views.LoginView):
    """Django's sign-in page; when the district requires its own account, the page shows
    that district's buttons (EmailAuthenticationForm.sso_rows) and lets them reach it."""

    redirect_authenticated_user = True

    def form_invalid(self, form):
        return providers.allow_form_action(super().form_invalid(form), form.sso_rows)


def _next(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if safe else ""


@require_http_methods(["GET", "POST"])
def find_district(request):
    """The email-first step: the address's domain picks the district."""
    form = WorkEmailForm(request.POST or None)
    if form.is_valid():
        email = form.cleaned_data["email"]
        district = policy.district_for_email(email)
        if district is not None:
            request.session[EMAIL_HINT_KEY] = email
            url = reverse("sso:district", args=[district.slug])
            target = _next(request)
            return redirect(f"{url}?{urlencode({'next': target})}" if target else url)
        form.add_error(
            "email",
            f"No district here signs in with addresses at {policy.domain_of(email)}. Sign in "
            "with your password, or ask your district's Deep Bench administrator.",
        )
    return render(request, "sso/find.html", {"form": form, "next": _next(request)})


@require_http_methods(["GET"])
def district_sign_in(request, slug):
    """A district's own sign-in address: only the buttons it turned on."""
    district = get_object_or_404(District, slug=slug)
    rows = providers.enabled_rows(district.pk)
    context = {
        "district": district,
        "rows": rows,
        "passwords_allowed": policy.settings_for(district).passwords_allowed,
        "email": request.session.get(EMAIL_HINT_KEY, ""),
        "next": _next(request),
    }
    return providers.allow_form_action(render(request, "sso/district.html", context), rows)


def _to_provider(request, row, process, next_url=""):
    """Send the browser to the provider, remembering the district for the way back."""
    adapter.remember_district(request, row.district)
    try:
        provider = get_adapter(request).get_provider(request, providers.provider_id(row))
        params = provider.get_auth_params()
        hint = request.session.get(EMAIL_HINT_KEY)
        if hint and process == AuthProcess.LOGIN:
            params["login_hint"] = hint
        return provider.redirect(request, process, next_url=next_url or None, auth_params=params)
    except ImmediateHttpResponse as stop:
        return stop.response
    except SocialApp.DoesNotExist:
        return refuse(request, "off", district=row.district, provider=row.get_kind_display())
    except RequestException:
        return refuse(
            request, "unavailable", district=row.district, provider=row.get_kind_display()
        )


@require_POST
def provider_begin(request, slug, kind):
    district = get_object_or_404(District, slug=slug)
    if kind not in Kind.values:
        raise Http404("No such way to sign in.")
    row = next((r for r in providers.enabled_rows(district.pk) if r.kind == kind), None)
    if row is None:
        return refuse(request, "off", district=district, provider=Kind(kind).label)
    return _to_provider(request, row, AuthProcess.LOGIN, _next(request))


@login_required
@require_http_methods(["GET", "POST"])
def sign_in_settings(request):
    district = access.require_admin_district(request.user)
    rows = {row.kind: row for row in district.sign_in_providers.all()}
    enabled = [row for row in rows.values() if row.enabled]
    form = DistrictSignInForm(
        request.POST or None,
        instance=policy.settings_for(district),
        district=district,
        enabled_providers=enabled,
    )
    if form.is_valid():
        services.sign_in_settings_save(
            district=district,
            actor=request.user,
            domains=form.cleaned_data["domains"],
            **{name: form.cleaned_data[name] for name in form.Meta.fields},
        )
        messages.success(request, "Sign-in settings saved.")
        return redirect("sso:settings")
    kinds = [(kind, rows.get(kind.value)) for kind in Kind]
    context = {"form": form, "district": district, "kinds": kinds}
    return render(request, "sso/settings.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def provider_edit(request, kind):
    district = access.require_admin_district(request.user)
    if kind not in Kind.values:
        raise Http404("No such way to sign in.")
    row = SignInProvider.objects.filter(district=district, kind=kind).first()
    row = row or SignInProvider(district=district, kind=kind)
    form = ProviderForm(request.POST or None, instance=row)
    if form.is_valid():
        changes = {name: form.cleaned_data[name] for name in form.fields if name != "secret"}
        services.provider_save(
            district=district,
            kind=kind,
            actor=request.user,
            changes=changes,
            secret=form.cleaned_data["secret"],
        )
        messages.success(request, f"{row.get_kind_display()} saved.")
        return redirect("sso:settings")
    context = {
        "form": form,
        "row": row,
        "district": district,
        "redirect_uri": providers.redirect_uri(row),
        "scopes": " ".join(providers.scopes(row)) or "(none needed)",
    }
    return render(request, "sso/provider_form.html", context)


def _account_email(account):
    data = account.extra_data if isinstance(account.extra_data, dict) else {}
    for part in (data, data.get("userinfo") or {}, data.get("id_token") or {}):
        if part.get("email") or part.get("mail"):
            return part.get("email") or part.get("mail")
    return account.uid


@login_required
@require_http_methods(["GET", "POST"])
def linked_accounts(request):
    """The person's linked accounts; linking another needs their password again."""
    district = access.primary_district(request.user)
    rows = providers.enabled_rows(district.pk) if district else []
    form = ConfirmPasswordForm(request.POST or None, request=request, kinds=[r.kind for r in rows])
    if form.is_valid():
        adapter.allow_link(request)
        row = next(r for r in rows if r.kind == form.cleaned_data["kind"])
        return _to_provider(request, row, AuthProcess.CONNECT, reverse("sso:linked"))
    context = {
        "form": form,
        "rows": rows,
        "district": district,
        "accounts": [(a, _account_email(a)) for a in adapter.linked_accounts(request.user)],
    }
    return providers.allow_form_action(render(request, "sso/linked.html", context), rows)


@login_required
@require_POST
def account_unlink(request, account_id):
    account = get_linked_account_for_user(request.user, account_id)
    services.account_unlink(
        account=account, actor=request.user, district=access.primary_district(request.user)
    )
    messages.success(request, "The account is no longer linked.")
    return redirect("sso:linked")
