"""A sign-in lasts as long as the person's district says (DistrictSignIn.session_hours)."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from leadership.sso import policy


@receiver(user_logged_in, dispatch_uid="sso_session_length")
def _session_length(sender, request, user, **kwargs):
    seconds = policy.session_seconds(user)
    if seconds is not None and request is not None and hasattr(request, "session"):
        request.session.set_expiry(seconds)
