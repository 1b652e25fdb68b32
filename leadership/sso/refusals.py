"""The page a refused sign-in gets: what happened, what to do, and who to ask. No session."""

import logging

import jwt
from django.shortcuts import render

from leadership.sso import policy

logger = logging.getLogger(__name__)

NOBODY_NAMED = "your district's Deep Bench administrator"

# reason -> (HTTP status, heading, explanation). {district}, {provider}, {contact} and
# {detail} are filled in.
REASONS = {
    "unverified": (
        403,
        "Your provider has not confirmed your email address",
        "{provider} did not say that your email address is verified, so Deep Bench cannot "
        "tell that it is yours. No account was created and you are not signed in. Ask "
        "{contact} to check your account.",
    ),
    "other_domain": (
        403,
        "That account is not a {district} account",
        "You signed in with an address outside {district}'s email domains. Sign in with "
        "your {district} account; if you work for another district, use that district's "
        "sign-in page. No account was created and you are not signed in.",
    ),
    "not_in_roster": (
        403,
        "You are not on {district}'s roster in Deep Bench",
        "Signing in with your district account never creates a Deep Bench account: it "
        "finds the person your district already added. Ask {contact} to add you to the "
        "roster, then sign in again.",
    ),
    "inactive": (
        403,
        "Your Deep Bench account in {district} is not active",
        "The district's roster lists you as no longer active, so you cannot sign in. If "
        "that is a mistake, ask {contact}.",
    ),
    "off": (
        403,
        "{district} does not sign in this way",
        "This way of signing in is turned off for {district}. Use one of the buttons on "
        "the district's sign-in page, or ask {contact}.",
    ),
    "state": (
        400,
        "This sign-in has expired or was already used",
        "A sign-in works once, in the browser that started it, within ten minutes. Nothing "
        "was signed in. Start again from your district's sign-in page.",
    ),
    "token": (
        400,
        "Deep Bench could not confirm who you are",
        "The answer from {provider} failed a security check: {detail}. Nothing was signed "
        "in. Try again; if it happens again, tell {contact}.",
    ),
    "cancelled": (
        400,
        "Sign-in cancelled",
        "You did not finish signing in with {provider}. Nothing was signed in.",
    ),
    "unavailable": (
        502,
        "Deep Bench could not finish signing you in with {provider}",
        "Either {provider} did not answer or the district's settings for it are "
        "incomplete. Try again in a few minutes; if it keeps happening, tell {contact}.",
    ),
    "linked_elsewhere": (
        403,
        "That account belongs to somebody else here",
        "The account you signed in with is already linked to, or has the address of, "
        "another person in Deep Bench. Nothing was linked. Ask {contact}.",
    ),
    "confirm_password": (
        403,
        "Confirm your password before linking an account",
        "Linking a district account needs your Deep Bench password, entered in the last "
        "five minutes. Nothing was linked.",
    ),
}

TOKEN_DETAILS = [
    (jwt.ExpiredSignatureError, "the sign-in token had expired"),
    (jwt.InvalidIssuerError, "the sign-in token was issued by a different server"),
    (jwt.InvalidSignatureError, "the sign-in token's signature does not match the provider's"),
    (jwt.InvalidAudienceError, "the sign-in token was meant for another application"),
]


def token_detail(exception):
    cause = exception
    while cause is not None:
        for kind, text in TOKEN_DETAILS:
            if isinstance(cause, kind):
                return text
        if getattr(cause, "deepbench_detail", None):
            return cause.deepbench_detail
        cause = cause.__cause__
    return "its answer could not be checked"


def refuse(request, reason, *, district=None, provider=None, detail=""):
    """Render the refusal page for `reason` (a key of REASONS)."""
    status, heading, text = REASONS[reason]
    sign_in = policy.settings_for(district) if district is not None else None
    names = {
        "district": district.name if district else "Your district",
        "provider": provider or "Your provider",
        "contact": (sign_in.help_contact if sign_in else "") or NOBODY_NAMED,
        "detail": detail,
    }
    logger.warning(
        "Sign-in refused (%s) for district %s through %s%s",
        reason,
        district.slug if district else "-",
        provider or "-",
        f": {detail}" if detail else "",
    )
    context = {
        "heading": heading.format(**names),
        "text": text.format(**names),
        "district": district,
    }
    return render(request, "sso/refused.html", context, status=status)
