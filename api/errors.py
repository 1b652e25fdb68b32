"""One shape for every error the API answers:

    {"error": {"status": 400, "code": "invalid", "message": "…", "fields": {"name": ["…"]}}}

`code` is stable (not_authenticated, authentication_failed, permission_denied, not_found,
method_not_allowed, invalid, throttled, server_error, …); `message` says what to do;
`fields` holds validation errors per field (empty otherwise). 401: no token or a token
that does not work; 403: a working token without the scope; 404: nothing with that id in
the token's district (another district's ids included).
"""

import logging

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

logger = logging.getLogger(__name__)

NOT_FOUND = (
    "Nothing with this id in your district. Check the id, or list the collection to find it."
)


def body(status_code, code, message, fields=None):
    return {
        "error": {"status": status_code, "code": code, "message": message, "fields": fields or {}}
    }


def _flatten(detail, prefix=""):
    """Field errors as {"field" or "field.sub": [messages]}."""
    if isinstance(detail, dict):
        found = {}
        for key, value in detail.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            found.update(_flatten(value, name))
        return found
    if isinstance(detail, list) and detail and isinstance(detail[0], dict | list):
        found = {}
        for index, value in enumerate(detail):
            found.update(_flatten(value, f"{prefix}.{index}" if prefix else str(index)))
        return found
    messages = detail if isinstance(detail, list) else [detail]
    return {prefix or "non_field_errors": [str(message) for message in messages]}


def _as_drf(exc):
    if isinstance(exc, Http404):
        return exceptions.NotFound(NOT_FOUND)
    if isinstance(exc, DjangoPermissionDenied):
        return exceptions.PermissionDenied()
    if isinstance(exc, DjangoValidationError):
        if hasattr(exc, "error_dict"):
            return exceptions.ValidationError(exc.message_dict)
        return exceptions.ValidationError({"non_field_errors": exc.messages})
    return exc


def handler(exc, context):
    exc = _as_drf(exc)
    response = exception_handler(exc, context)
    if response is None:
        logger.exception("API request failed", exc_info=exc)
        return Response(
            body(
                500,
                "server_error",
                "Something went wrong on our side; nothing was saved. Try again later.",
            ),
            status=status.HTTP_500_INTERNAL_SERVER_ERROR,
        )
    if isinstance(exc, exceptions.ValidationError):
        fields = _flatten(exc.detail)
        general = fields.pop("non_field_errors", [])
        names = ", ".join(sorted(fields))
        message = " ".join(general) or f"Some fields are not valid: {names}. Nothing was saved."
        if general and fields:
            message += f" Also check: {names}."
        response.data = body(response.status_code, "invalid", message, fields)
        return response
    codes = exc.get_codes() if isinstance(exc, exceptions.APIException) else "error"
    code = codes if isinstance(codes, str) else "error"
    message = str(exc.detail) if isinstance(exc, exceptions.APIException) else str(exc)
    if isinstance(exc, exceptions.NotFound) and message in (
        "Not found.",
        "No Response matches the given query.",
    ):
        message = NOT_FOUND
    if isinstance(exc, exceptions.Throttled):
        message = (
            f"Too many requests with this token. Try again in {exc.wait:.0f} seconds "
            "(the Retry-After header says the same)."
        )
    response.data = body(response.status_code, code, message)
    return response
