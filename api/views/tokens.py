"""The page where a district administrator makes, sees and revokes the API tokens."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from api import access, services
from api.forms import TokenForm
from api.models import ApiToken

LOG_ROWS = 50


@require_http_methods(["GET", "POST"])
@login_required
def token_list(request):
    district = access.token_district(request.user)
    initial = {"expires_on": timezone.localdate() + datetime.timedelta(days=90)}
    form = TokenForm(request.POST or None, initial=initial)
    if form.is_valid():
        token, secret = services.token_create(
            actor=request.user, district=district, **form.cleaned_data
        )
        # Rendered, not redirected: the secret is in this one answer and nowhere else.
        return render(request, "api/token_created.html", {"token": token, "secret": secret})
    tokens = ApiToken.objects.filter(district=district).select_related("created_by", "revoked_by")
    return render(
        request,
        "api/token_list.html",
        {"district": district, "form": form, "tokens": tokens, "now": timezone.now()},
    )


@require_GET
@login_required
def token_detail(request, token_id):
    token = access.get_token_for_user(request.user, token_id)
    log = token.requests.all()[:LOG_ROWS]
    return render(request, "api/token_detail.html", {"token": token, "log": log})


@require_POST
@login_required
def token_revoke(request, token_id):
    token = access.get_token_for_user(request.user, token_id)
    services.token_revoke(actor=request.user, token=token)
    messages.success(request, f"The token “{token.name}” is revoked: it no longer works.")
    return redirect("api:token_list")
