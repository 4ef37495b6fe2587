"""Documented Discord limits that the OpenAPI spec does not encode (or encodes more loosely)."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from typing import Any

MESSAGE_CONTENT_MAX = 2000
EMBEDS_MAX = 10
EMBED_TOTAL_MAX = 6000
EMBED_TITLE_MAX = 256
EMBED_DESCRIPTION_MAX = 4096
EMBED_FIELDS_MAX = 25
EMBED_FIELD_NAME_MAX = 256
EMBED_FIELD_VALUE_MAX = 1024
EMBED_FOOTER_MAX = 2048
EMBED_AUTHOR_NAME_MAX = 256
ACTION_ROWS_MAX = 5
BUTTONS_PER_ROW_MAX = 5
CUSTOM_ID_MAX = 100
BUTTON_LABEL_MAX = 80
COMMAND_NAME_MAX = 32
COMMAND_DESCRIPTION_MAX = 100
COMMAND_OPTIONS_MAX = 25
COMMAND_CHOICES_MAX = 25
CHOICE_NAME_MAX = 100
CHOICE_STRING_VALUE_MAX = 100
COMMAND_TOTAL_TEXT_MAX = 4000
CHAT_INPUT_COMMANDS_MAX = 100

_CHAT_INPUT = 1
_SUB_COMMAND = 1
_SUB_COMMAND_GROUP = 2
_ACTION_ROW = 1
_BUTTON = 2
_COMPONENTS_V2_FLAG = 1 << 15


def _is_devanagari_or_thai(char: str) -> bool:
    code = ord(char)
    return (
        0x0900 <= code <= 0x097F
        or 0xA8E0 <= code <= 0xA8FF
        or 0x11B00 <= code <= 0x11B5F
        or 0x0E00 <= code <= 0x0E7F
    )


def is_valid_command_name(name: str) -> bool:
    r"""Match ``^[-_\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$`` and Discord's lowercase rule."""
    if not 1 <= len(name) <= COMMAND_NAME_MAX or name != name.lower():
        return False
    return all(
        char in "-_" or unicodedata.category(char)[0] in "LN" or _is_devanagari_or_thai(char)
        for char in name
    )


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _embed_problems(index: int, embed: dict[str, Any]) -> Iterator[tuple[str, int]]:
    where = f"embeds[{index}]"
    title = _text(embed.get("title"))
    description = _text(embed.get("description"))
    footer = _text((embed.get("footer") or {}).get("text"))
    author = _text((embed.get("author") or {}).get("name"))
    yield f"{where}.title", len(title) - EMBED_TITLE_MAX
    yield f"{where}.description", len(description) - EMBED_DESCRIPTION_MAX
    yield f"{where}.footer.text", len(footer) - EMBED_FOOTER_MAX
    yield f"{where}.author.name", len(author) - EMBED_AUTHOR_NAME_MAX
    fields = embed.get("fields") or []
    yield f"{where}.fields (count)", len(fields) - EMBED_FIELDS_MAX
    for field_index, field in enumerate(fields):
        yield (
            f"{where}.fields[{field_index}].name",
            len(_text(field.get("name"))) - EMBED_FIELD_NAME_MAX,
        )
        yield (
            f"{where}.fields[{field_index}].value",
            len(_text(field.get("value"))) - EMBED_FIELD_VALUE_MAX,
        )


def embed_total_length(embed: dict[str, Any]) -> int:
    """Characters Discord counts towards the 6000 total for one embed."""
    total = len(_text(embed.get("title"))) + len(_text(embed.get("description")))
    total += len(_text((embed.get("footer") or {}).get("text")))
    total += len(_text((embed.get("author") or {}).get("name")))
    for field in embed.get("fields") or []:
        total += len(_text(field.get("name"))) + len(_text(field.get("value")))
    return total


def _component_problems(body: dict[str, Any]) -> list[str]:
    components = body.get("components") or []
    problems: list[str] = []
    seen_ids: set[str] = set()
    is_v2 = bool((body.get("flags") or 0) & _COMPONENTS_V2_FLAG)
    if not is_v2 and len(components) > ACTION_ROWS_MAX:
        problems.append(f"components: {len(components)} action rows, at most {ACTION_ROWS_MAX}")
    stack: list[tuple[str, dict[str, Any]]] = [
        (f"components[{i}]", c) for i, c in enumerate(components)
    ]
    while stack:
        where, component = stack.pop()
        children = component.get("components") or []
        if component.get("type") == _ACTION_ROW:
            buttons = [c for c in children if c.get("type") == _BUTTON]
            if len(buttons) > BUTTONS_PER_ROW_MAX:
                problems.append(f"{where}: {len(buttons)} buttons, at most {BUTTONS_PER_ROW_MAX}")
        custom_id = component.get("custom_id")
        if isinstance(custom_id, str):
            if not 1 <= len(custom_id) <= CUSTOM_ID_MAX:
                problems.append(f"{where}.custom_id: length {len(custom_id)}, 1..{CUSTOM_ID_MAX}")
            if custom_id in seen_ids:
                problems.append(f"{where}.custom_id: {custom_id!r} is not unique in the message")
            seen_ids.add(custom_id)
        label = component.get("label")
        if isinstance(label, str) and len(label) > BUTTON_LABEL_MAX:
            problems.append(f"{where}.label: length {len(label)}, at most {BUTTON_LABEL_MAX}")
        stack.extend((f"{where}.components[{i}]", c) for i, c in enumerate(children))
    return problems


def message_problems(body: dict[str, Any], *, creating: bool, has_files: bool = False) -> list[str]:
    """Limits on a message body (channel message, interaction response, follow-up or edit)."""
    problems: list[str] = []
    content = body.get("content")
    if isinstance(content, str) and len(content) > MESSAGE_CONTENT_MAX:
        problems.append(f"content: {len(content)} characters, at most {MESSAGE_CONTENT_MAX}")
    embeds = body.get("embeds") or []
    if len(embeds) > EMBEDS_MAX:
        problems.append(f"embeds: {len(embeds)} embeds, at most {EMBEDS_MAX}")
    for index, embed in enumerate(embeds):
        for where, excess in _embed_problems(index, embed):
            if excess > 0:
                problems.append(f"{where}: {excess} over the limit")
    total = sum(embed_total_length(embed) for embed in embeds)
    if total > EMBED_TOTAL_MAX:
        problems.append(f"embeds: {total} characters in total, at most {EMBED_TOTAL_MAX}")
    problems.extend(_component_problems(body))
    is_empty = not (content or embeds or body.get("components") or body.get("poll") or has_files)
    if creating and is_empty and not body.get("sticker_ids"):
        problems.append("Cannot send an empty message")
    return problems


def _option_problems(where: str, options: list[dict[str, Any]]) -> Iterator[str]:
    if len(options) > COMMAND_OPTIONS_MAX:
        yield f"{where}.options: {len(options)} options, at most {COMMAND_OPTIONS_MAX}"
    seen_optional = False
    names: set[str] = set()
    for index, option in enumerate(options):
        at = f"{where}.options[{index}]"
        yield from _named_problems(at, option)
        name = option.get("name", "")
        if name in names:
            yield f"{at}.name: {name!r} is used twice"
        names.add(name)
        option_type = option.get("type")
        if option_type in (_SUB_COMMAND, _SUB_COMMAND_GROUP):
            yield from _option_problems(at, option.get("options") or [])
            continue
        if option.get("required"):
            if seen_optional:
                yield f"{at}: required option {name!r} comes after an optional one"
        else:
            seen_optional = True
        choices = option.get("choices") or []
        if len(choices) > COMMAND_CHOICES_MAX:
            yield f"{at}.choices: {len(choices)} choices, at most {COMMAND_CHOICES_MAX}"
        if choices and option.get("autocomplete"):
            yield f"{at}: autocomplete cannot be combined with choices"
        for choice_index, choice in enumerate(choices):
            if not 1 <= len(_text(choice.get("name"))) <= CHOICE_NAME_MAX:
                yield f"{at}.choices[{choice_index}].name: length must be 1..{CHOICE_NAME_MAX}"
            value = choice.get("value")
            if isinstance(value, str) and len(value) > CHOICE_STRING_VALUE_MAX:
                yield f"{at}.choices[{choice_index}].value: longer than {CHOICE_STRING_VALUE_MAX}"


def _named_problems(where: str, item: dict[str, Any]) -> Iterator[str]:
    name = _text(item.get("name"))
    if not is_valid_command_name(name):
        yield f"{where}.name: {name!r} breaks the name pattern or is not lowercase"
    description = _text(item.get("description"))
    if not 1 <= len(description) <= COMMAND_DESCRIPTION_MAX:
        yield f"{where}.description: length {len(description)}, must be 1..100"


def _total_text(item: dict[str, Any]) -> int:
    total = len(_text(item.get("name"))) + len(_text(item.get("description")))
    for choice in item.get("choices") or []:
        total += len(_text(choice.get("name"))) + len(str(choice.get("value", "")))
    return total + sum(_total_text(option) for option in item.get("options") or [])


def command_problems(commands: list[dict[str, Any]]) -> list[str]:
    """Limits on a bulk overwrite of application commands."""
    problems: list[str] = []
    chat_input = [c for c in commands if c.get("type", _CHAT_INPUT) == _CHAT_INPUT]
    if len(chat_input) > CHAT_INPUT_COMMANDS_MAX:
        problems.append(f"{len(chat_input)} slash commands, at most {CHAT_INPUT_COMMANDS_MAX}")
    names: set[str] = set()
    for index, command in enumerate(chat_input):
        where = f"[{index}]"
        problems.extend(_named_problems(where, command))
        problems.extend(_option_problems(where, command.get("options") or []))
        if command.get("name") in names:
            problems.append(f"{where}.name: {command.get('name')!r} registered twice")
        names.add(str(command.get("name")))
        if _total_text(command) > COMMAND_TOTAL_TEXT_MAX:
            problems.append(f"{where}: more than {COMMAND_TOTAL_TEXT_MAX} characters in total")
    return problems
