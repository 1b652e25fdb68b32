"""The district's framework at the CASE 1.1 REST path, read-only, for a state standards tool:
GET /ims/case/v1p1/CFPackages/<identifier> with a token that has read:framework. Errors in
CASE's own shape (imsx_StatusInfo), as a CASE client expects."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler

from api.auth import token_of
from api.base import LoggedView
from api.models import Scope
from portrait.case import export_framework, framework_of

CODE_MINOR = {
    400: "invalid_selection_field",
    401: "unauthorisedrequest",
    403: "forbidden",
    404: "unknownobject",
    405: "invalid_data",
    429: "server_busy",
}


def status_info(status, description):
    return {
        "imsx_codeMajor": "failure",
        "imsx_severity": "error",
        "imsx_description": description,
        "imsx_codeMinor": {
            "imsx_codeMinorField": [
                {
                    "imsx_codeMinorFieldName": "TargetEndSystem",
                    "imsx_codeMinorFieldValue": CODE_MINOR.get(status, "internal_server_error"),
                }
            ]
        },
    }


def case_errors(exc, context):
    response = exception_handler(exc, context)
    if response is None:
        return None
    detail = exc.detail if isinstance(exc, exceptions.APIException) else str(exc)
    if isinstance(exc, exceptions.NotFound):
        detail = "No framework of your district has this identifier."
    response.data = status_info(response.status_code, str(detail))
    return response


class CFPackageView(LoggedView):
    """The framework as a CASE 1.1 package: its document, items and associations."""

    read_scope = Scope.READ_FRAMEWORK

    def get_exception_handler(self):
        return case_errors

    @extend_schema(
        operation_id="getCFPackage",
        parameters=[OpenApiParameter("identifier", str, OpenApiParameter.PATH)],
        responses={200: dict},
        tags=["CASE 1.1"],
    )
    def get(self, request, identifier):
        framework = framework_of(token_of(request).district, identifier)
        if framework is None:
            raise exceptions.NotFound()
        return Response(export_framework(framework))
