"""What the OpenAPI document adds to drf-spectacular's: the token scheme, and the error
shape of api/errors.py on every operation, so that a client (and Schemathesis) can check
an error as strictly as a success."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension

ERROR = {
    "type": "object",
    "required": ["error"],
    "additionalProperties": False,
    "properties": {
        "error": {
            "type": "object",
            "required": ["status", "code", "message", "fields"],
            "additionalProperties": False,
            "properties": {
                "status": {"type": "integer"},
                "code": {"type": "string"},
                "message": {"type": "string"},
                "fields": {
                    "type": "object",
                    "additionalProperties": {"type": "array", "items": {"type": "string"}},
                },
            },
        }
    },
}
WHEN = {
    "400": "The request is not valid: see `fields`. Nothing was saved.",
    "401": "No token, or a token that does not work (unknown, revoked, expired).",
    "403": "The token works but lacks the scope this needs.",
    "404": "Nothing with this id in the token's district.",
    "405": "This method is not allowed here.",
    "429": "Too many requests with this token; wait Retry-After seconds.",
}


class TokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.auth.TokenAuthentication"
    name = "token"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A token made by a district administrator: `dbk_<prefix>_<secret>`.",
        }


def add_errors_and_security(result, generator, request, public):
    result["components"]["schemas"]["Error"] = ERROR
    reference = {"$ref": "#/components/schemas/Error"}
    for item in result.get("paths", {}).values():
        for operation in item.values():
            responses = operation.setdefault("responses", {})
            for code, description in WHEN.items():
                responses.setdefault(
                    code,
                    {
                        "description": description,
                        "content": {"application/json": {"schema": reference}},
                    },
                )
            if "429" in responses:
                responses["429"].setdefault(
                    "headers",
                    {"Retry-After": {"schema": {"type": "integer"}, "description": "Seconds."}},
                )
    return result
