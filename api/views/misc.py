"""The API's own documents: the OpenAPI schema, its documentation page, and a JSON 404 for
any address under /api/v1/ that names no endpoint."""

from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework import exceptions
from rest_framework.permissions import AllowAny

from api.base import LoggedView


class SchemaView(SpectacularAPIView):
    """The OpenAPI 3 document (public: it holds no data)."""

    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = []


class DocsView(SpectacularSwaggerSplitView):
    """Swagger UI from our own static files (drf-spectacular-sidecar), its start-up script
    a file of its own so that the Content-Security-Policy needs nothing inline."""

    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = []
    template_name = "api/swagger_ui.html"
    url_name = "api:schema"


@extend_schema(exclude=True)
class NoEndpoint(LoggedView):
    def get(self, request, *args, **kwargs):
        raise exceptions.NotFound(
            f"No API endpoint at {request.path}. Every endpoint is listed at /api/v1/docs/."
        )

    post = put = patch = delete = get
