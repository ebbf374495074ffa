"""The OpenAPI 3.1 description, built from the routes as they are declared and from the
pydantic schemas of what they answer: a route cannot be left out of it, nor a field.

``operation`` registers a GET route on the blueprint and records it; ``document`` turns the
records into ``openapi.json`` (the schemas' JSON Schema 2020-12 is OpenAPI 3.1's own dialect).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from eventapp.api import schemas
from eventapp.api.blueprint import bp
from eventapp.api.queries import MAX_PER_PAGE, PER_PAGE
from eventapp.core.types import SessionKind

VERSION = "1.0.0"


@dataclass(frozen=True)
class Param:
    name: str
    schema: dict[str, Any]
    description: str
    where: str = "query"

    def describe(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "in": self.where,
            "required": self.where == "path",
            "description": self.description,
            "schema": self.schema,
        }


#: Query text without NUL: the app refuses a NUL in any query string (see ``core.params``);
#: in a path, the converters refuse it (a 404, as for any slug that names nothing).
NO_NUL = "^[^\\u0000]*$"
TEXT = {"type": "string", "pattern": NO_NUL}
SLUG = Param("slug", {"type": "string", "minLength": 1, "maxLength": 160}, "its slug", "path")
PAGE = Param("page", {"type": "integer", "minimum": 1, "maximum": 1_000_000}, "page, from 1")


def per_page(default: int = PER_PAGE, most: int = MAX_PER_PAGE) -> Param:
    schema = {"type": "integer", "minimum": 1, "maximum": most, "default": default}
    return Param("per_page", schema, "items per page")


KIND = Param(
    "kind", {"type": "string", "enum": [k.value for k in SessionKind]}, "has a session of this kind"
)
LIST = (PAGE, per_page())
LANG = Param(
    "lang",
    {"type": "string", "enum": ["en", "sv"]},
    "texts in this language, the original where it has none (see fallbacks); without it, "
    "the originals with their translations",
)


@dataclass(frozen=True)
class Operation:
    path: str  # as OpenAPI writes it: /api/v1/events/{slug}
    endpoint: str
    summary: str
    response: type[BaseModel] | None  # None: not JSON of ours (see ``media``)
    params: tuple[Param, ...] = ()
    media: str = "application/json"
    tag: str = "data"
    external_schema: dict[str, Any] = field(default_factory=dict)


OPERATIONS: list[Operation] = []


def operation(
    rule: str,
    summary: str,
    response: type[BaseModel] | None,
    params: tuple[Param, ...] = (),
    **more: Any,
) -> Callable:
    """``@bp.get(rule)``, recorded in the description (``rule`` in Flask's syntax)."""

    def register(view: Callable) -> Callable:
        path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule)
        OPERATIONS.append(
            Operation(path, f"api.{view.__name__}", summary, response, params, **more)
        )
        return bp.get(rule)(view)

    return register


def _response(op: Operation) -> dict[str, Any]:
    if op.response is not None:
        schema: dict[str, Any] = {"$ref": f"#/components/schemas/{op.response.__name__}"}
    else:
        schema = op.external_schema or {"type": "string"}
    error = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    headers = {
        "ETag": {"schema": {"type": "string"}},
        "Access-Control-Allow-Origin": {"schema": {"type": "string", "const": "*"}},
    }
    answers: dict[str, Any] = {
        "200": {"description": "OK", "headers": headers, "content": {op.media: {"schema": schema}}},
        "304": {"description": "Not modified (If-None-Match matched the ETag)"},
    }
    if op.params:
        answers["400"] = {"description": "A parameter has a value it cannot take", "content": error}
    if any(p.where == "path" for p in op.params):
        answers["404"] = {"description": "Nothing public at this address", "content": error}
    return answers


@cache
def components() -> dict[str, Any]:
    models = sorted({op.response for op in OPERATIONS if op.response} | {schemas.Error}, key=str)
    _, top = models_json_schema(
        [(m, "serialization") for m in models], ref_template="#/components/schemas/{model}"
    )
    return top["$defs"]


def document(server: str) -> dict[str, Any]:
    """The OpenAPI 3.1 description of every operation, served from ``server``."""
    paths: dict[str, Any] = {}
    for op in OPERATIONS:
        paths.setdefault(op.path, {})["get"] = {
            "operationId": op.endpoint.removeprefix("api."),
            "summary": op.summary,
            "tags": [op.tag],
            "parameters": [p.describe() for p in op.params],
            "responses": _response(op),
        }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "eventapp open programme data",
            "version": VERSION,
            "description": "Read-only public data: series, events, sessions, people, "
            "organisations and blog posts. No key is needed; every answer carries an ETag "
            "and may be read from any origin (CORS *).",
        },
        "servers": [{"url": server}],
        "paths": paths,
        "components": {"schemas": components()},
    }
