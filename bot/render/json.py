"""JSON renderer: any core model (dataclasses, enums, datetimes, tuples) as stable JSON."""

from __future__ import annotations

import dataclasses
import json
from datetime import date, datetime
from enum import Enum
from typing import Any

_OMIT = frozenset({"sentences"})


def to_jsonable(value: object, *, omit: frozenset[str] = _OMIT) -> Any:
    """Convert a core model into JSON-ready primitives, fields named as in the dataclasses."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out: dict[str, Any] = {}
        for item in dataclasses.fields(value):
            if item.name in omit:
                continue
            out[item.name] = to_jsonable(getattr(value, item.name), omit=omit)
        return out
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): to_jsonable(v, omit=omit) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [to_jsonable(v, omit=omit) for v in value]
    return value


def render_json(value: object, *, omit: frozenset[str] = _OMIT) -> str:
    """Serialise a core model to indented UTF-8 JSON text."""
    return json.dumps(to_jsonable(value, omit=omit), ensure_ascii=False, indent=2)
