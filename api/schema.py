"""What the OpenAPI document adds to drf-spectacular's: the token scheme, and the error
shape of api/errors.py on every operation, so that a client (and Schemathesis) can check
an error as strictly as a success."""

import json

from drf_spectacular.extensions import OpenApiAuthenticationExtension

from portrait.case import SCHEMA_1_1

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


IMSX = {
    "type": "object",
    "required": ["imsx_codeMajor", "imsx_severity", "imsx_description"],
    "properties": {
        "imsx_codeMajor": {"type": "string", "enum": ["failure"]},
        "imsx_severity": {"type": "string", "enum": ["error"]},
        "imsx_description": {"type": "string"},
        "imsx_codeMinor": {"type": "object"},
    },
}


def case_components():
    """1EdTech's CASE 1.1 package schema as OpenAPI components (its $defs as CASE<name>),
    and a reference to the package."""
    text = json.dumps(json.loads(SCHEMA_1_1.read_text()))
    schema = json.loads(text.replace('"#/$defs/', '"#/components/schemas/CASE'))
    components = {f"CASE{name}": body for name, body in schema.pop("$defs").items()}
    for key in ("$schema", "$id"):
        schema.pop(key)
    components["CASECFPackage"] = schema
    return components, {"$ref": "#/components/schemas/CASECFPackage"}


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
    schemas = result["components"]["schemas"]
    schemas["Error"] = ERROR
    schemas["ImsxStatusInfo"] = IMSX
    case, package = case_components()
    schemas.update(case)
    for path, item in result.get("paths", {}).items():
        is_case = path.startswith("/ims/case/")
        name = "ImsxStatusInfo" if is_case else "Error"
        reference = {"$ref": f"#/components/schemas/{name}"}
        for operation in item.values():
            if is_case:
                operation["responses"]["200"]["content"]["application/json"]["schema"] = package
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "path" and parameter["name"] == "id":
                    parameter["schema"] = {"type": "integer", "minimum": 1}
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
