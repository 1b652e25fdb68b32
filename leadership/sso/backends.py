from django.contrib.auth.backends import ModelBackend

from leadership.models import User
from leadership.sso import policy

# The request attribute through which the sign-in form learns why a right password failed.
PASSWORD_REFUSED_BY = "deepbench_password_refused_by"


class PersonBackend(ModelBackend):
    """Email and password, and the signed-in person on every request, by the district's rules.

    A password is refused for people whose district requires its own account (the form
    then points to that district's buttons). The session's person is loaded in one query
    that also asks whether they may still sign in, so the roster turning them off ends
    their session at their next request, at no extra query."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None:
            return None
        district = policy.password_refused_by(user)
        if district is not None:
            if request is not None:
                setattr(request, PASSWORD_REFUSED_BY, district)
            return None
        return user

    def user_can_authenticate(self, user):
        return super().user_can_authenticate(user) and policy.may_sign_in(user)

    def get_user(self, user_id):
        return User._default_manager.filter(policy.SIGN_IN_ALLOWED, pk=user_id).first()
