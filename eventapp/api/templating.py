"""Template filters of the API's page: a JSON schema's type in a few words."""

from __future__ import annotations

from typing import Any

from eventapp.api.blueprint import bp


@bp.app_template_filter("api_type")
def api_type(schema: dict[str, Any]) -> str:
    """``string (date-time)``, ``Event``, ``list of Speaker``, ``integer or null``…"""
    if "$ref" in schema:
        return str(schema["$ref"]).rsplit("/", 1)[-1]
    if "anyOf" in schema:
        return " or ".join(api_type(option) for option in schema["anyOf"])
    if "enum" in schema:
        return "one of " + ", ".join(str(value) for value in schema["enum"])
    if "const" in schema:
        return repr(schema["const"])
    if schema.get("type") == "array":
        return "list of " + api_type(schema.get("items", {}))
    kind = str(schema.get("type", "any"))
    return f"{kind} ({schema['format']})" if "format" in schema else kind
