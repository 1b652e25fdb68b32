"""The only way from an id in a request to a sign-in row."""

from allauth.socialaccount.models import SocialAccount
from django.http import Http404

from leadership import access


def get_linked_account_for_user(user, account_id):
    """One of the user's own linked accounts; anybody else's, or none, is 404."""
    found = SocialAccount.objects.filter(pk=account_id, user=user).first()
    if found is None or access.primary_district(user) is None:
        raise Http404("No such linked account.")
    return found
