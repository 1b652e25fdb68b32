"""Tokens and a client that speaks to the API as a district's other system would."""

import datetime
import json

from django.test import Client
from django.utils import timezone

from api import services
from api.models import Scope

ALL_SCOPES = list(Scope.values)


def token(admin, scopes=ALL_SCOPES, *, days=30, name="HR nightly"):
    """(token, secret) of `admin`'s first district."""
    district = admin.memberships.get(role="district_admin").district
    return services.token_create(
        actor=admin,
        district=district,
        name=name,
        scopes=scopes,
        expires_on=timezone.localdate() + datetime.timedelta(days=days),
    )


class ApiClient:
    """GET, POST and PATCH with a bearer token (None: no header) and JSON bodies."""

    def __init__(self, secret=None):
        self.client = Client()
        self.headers = {"Authorization": f"Bearer {secret}"} if secret else {}

    def get(self, path, **params):
        return self.client.get(path, params, headers=self.headers)

    def post(self, path, body=None):
        return self.client.post(
            path, json.dumps(body or {}), content_type="application/json", headers=self.headers
        )

    def patch(self, path, body=None):
        return self.client.patch(
            path, json.dumps(body or {}), content_type="application/json", headers=self.headers
        )
