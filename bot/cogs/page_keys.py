"""What a pager needs to rebuild its pages after a restart, carried in a button's custom_id."""

from __future__ import annotations

from dataclasses import dataclass

# Discord's limit on a component's custom_id.
CUSTOM_ID_MAX = 100
PREFIX = "pager:at:"
_SEPARATOR = "|"


@dataclass(frozen=True, slots=True)
class PageKey:
    """A command's pages by kind (e.g. "brief") and the options that rebuild them."""

    kind: str
    args: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PagePosition:
    """What the position button of a sent pager says: page, owner, kind and (if kept) options."""

    index: int
    owner_id: int
    kind: str
    args: tuple[str, ...] | None


def option(value: object) -> str:
    """An option value as a key argument ("" for an option left out)."""
    return "" if value is None else str(value)


def _quote(arg: str) -> str:
    return arg.replace("%", "%25").replace(_SEPARATOR, "%7C")


def _unquote(arg: str) -> str:
    return arg.replace("%7C", _SEPARATOR).replace("%25", "%")


def encode_position(key: PageKey | None, *, index: int, owner_id: int) -> str:
    """The position button's custom_id; options that do not fit in 100 characters are dropped."""
    head = f"{PREFIX}{index}:{owner_id}:{key.kind if key else ''}"
    if key is None:
        return head
    full = f"{head}:{_SEPARATOR.join(_quote(arg) for arg in key.args)}"
    return full if len(full) <= CUSTOM_ID_MAX else head[:CUSTOM_ID_MAX]


def decode_position(custom_id: str) -> PagePosition | None:
    """The position a custom_id from ``encode_position`` holds, or None for any other id."""
    if not custom_id.startswith(PREFIX):
        return None
    parts = custom_id[len(PREFIX) :].split(":", 3)
    if len(parts) < 3 or not parts[0].isdigit() or not parts[1].isdigit():
        return None
    args = None if len(parts) < 4 else tuple(_unquote(a) for a in parts[3].split(_SEPARATOR))
    return PagePosition(int(parts[0]), int(parts[1]), parts[2], args if args != ("",) else ())
