"""Validation of request bodies against Discord's official OpenAPI spec (read from ../shared)."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError, best_match
from referencing import Registry
from referencing.jsonschema import DRAFT202012

_SPEC_URI = "urn:discord-api-spec:openapi.json"
_MAX_ERRORS_REPORTED = 5


def default_spec_path() -> Path:
    """Where the shared copy of Discord's spec lives: ``<repo>/../shared/discord-api-spec``."""
    repo_root = Path(__file__).resolve().parents[2]
    return repo_root / ".." / "shared" / "discord-api-spec" / "openapi.json"


def _escape_pointer_token(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def _describe(error: ValidationError) -> str:
    focused = best_match([error, *error.context]) if error.context else error
    instance = focused.instance
    if isinstance(instance, str | list | dict) and len(repr(instance)) > 80:
        rule = f"{focused.validator}={focused.validator_value!r}"[:120]
        kind = type(instance).__name__
        return f"{focused.json_path}: {kind} of length {len(instance)} breaks {rule}"
    return f"{focused.json_path}: {focused.message[:200]}"


class SpecValidator:
    """Compiles (and caches) one JSON-schema validator per documented request body."""

    def __init__(self, spec: dict[str, Any]) -> None:
        schemas = spec["components"]["schemas"]
        # Discord accepts snowflakes as integers too (discord.py sends new attachment ids as 0,
        # 1, …), while the spec documents only the string form.
        schemas["SnowflakeType"] = {
            "anyOf": [schemas["SnowflakeType"], {"type": "integer", "minimum": 0}]
        }
        self._spec = spec
        self._registry: Registry[Any] = Registry().with_resource(
            _SPEC_URI, DRAFT202012.create_resource(spec)
        )
        self._validators: dict[tuple[str, str, str], Draft202012Validator | None] = {}

    def _compile(
        self, method: str, path_template: str, content_type: str
    ) -> Draft202012Validator | None:
        operation = self._spec["paths"].get(path_template, {}).get(method.lower())
        if operation is None:
            raise KeyError(f"the spec documents no {method} {path_template}")
        content = operation.get("requestBody", {}).get("content", {})
        if content_type not in content:
            return None
        pointer = "/".join(
            (
                "",
                "paths",
                _escape_pointer_token(path_template),
                method.lower(),
                "requestBody",
                "content",
                _escape_pointer_token(content_type),
                "schema",
            )
        )
        schema = {"$ref": f"{_SPEC_URI}#{quote(pointer, safe='/~')}"}
        return Draft202012Validator(schema, registry=self._registry)

    def documents_body(self, method: str, path_template: str) -> bool:
        """Whether the spec describes a JSON request body for this route."""
        return self._validator(method, path_template) is not None

    def _validator(self, method: str, path_template: str) -> Draft202012Validator | None:
        key = (method.upper(), path_template, "application/json")
        if key not in self._validators:
            self._validators[key] = self._compile(*key)
        return self._validators[key]

    def errors(self, method: str, path_template: str, body: object) -> list[str]:
        """Return readable schema violations of a JSON body sent to a documented route."""
        validator = self._validator(method, path_template)
        if validator is None:
            return [] if body is None else [f"{method} {path_template} takes no request body"]
        found = sorted(validator.iter_errors(body), key=lambda e: list(e.absolute_path))
        return [_describe(error) for error in found[:_MAX_ERRORS_REPORTED]]


@functools.cache
def load_spec_validator(spec_path: Path) -> SpecValidator:
    """Load the spec once per process; compiled validators are cached on the returned object."""
    with spec_path.open(encoding="utf-8") as spec_file:
        return SpecValidator(json.load(spec_file))
