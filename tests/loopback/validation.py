"""Discord's documented limits, checked the way the API does (400 Invalid Form Body).

Each ``check_*`` function returns None when the body is acceptable, else the JSON error body.
Only the limits bots commonly hit are checked.
"""

from __future__ import annotations

import re
from typing import Any

COMPONENTS_V2 = 1 << 15
NAME_RE = re.compile(r"^[-_'\w]{1,32}$")


class _Errors:
    def __init__(self) -> None:
        self.tree: dict[str, Any] = {}

    def add(self, path: list[str | int], code: str, message: str) -> None:
        node = self.tree
        for part in path:
            node = node.setdefault(str(part), {})
        node.setdefault("_errors", []).append({"code": code, "message": message})

    def too_long(self, path: list[str | int], value: Any, limit: int) -> None:
        if isinstance(value, str) and len(value) > limit:
            self.add(path, "BASE_TYPE_MAX_LENGTH", f"Must be {limit} or fewer in length.")

    def required_text(self, path: list[str | int], value: Any, limit: int,
                      minimum: int = 1) -> None:
        if not isinstance(value, str) or len(value) < minimum:
            self.add(path, "BASE_TYPE_REQUIRED", "This field is required")
        else:
            self.too_long(path, value, limit)

    def result(self) -> dict[str, Any] | None:
        if not self.tree:
            return None
        return {"message": "Invalid Form Body", "code": 50035, "errors": self.tree}


def _embed_size(embed: dict[str, Any]) -> int:
    total = len(embed.get("title") or "") + len(embed.get("description") or "")
    total += len((embed.get("footer") or {}).get("text") or "")
    total += len((embed.get("author") or {}).get("name") or "")
    for f in embed.get("fields") or []:
        total += len(f.get("name") or "") + len(f.get("value") or "")
    return total


def _check_embeds(errors: _Errors, embeds: list[dict[str, Any]]) -> None:
    if len(embeds) > 10:
        errors.add(["embeds"], "BASE_TYPE_MAX_LENGTH", "Must be 10 or fewer in length.")
    for i, embed in enumerate(embeds):
        base: list[str | int] = ["embeds", i]
        errors.too_long([*base, "title"], embed.get("title"), 256)
        errors.too_long([*base, "description"], embed.get("description"), 4096)
        errors.too_long([*base, "footer", "text"], (embed.get("footer") or {}).get("text"), 2048)
        errors.too_long([*base, "author", "name"], (embed.get("author") or {}).get("name"), 256)
        fields = embed.get("fields") or []
        if len(fields) > 25:
            errors.add([*base, "fields"], "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.")
        for j, f in enumerate(fields):
            errors.required_text([*base, "fields", j, "name"], f.get("name"), 256)
            errors.required_text([*base, "fields", j, "value"], f.get("value"), 1024)
    if sum(_embed_size(e) for e in embeds) > 6000:
        errors.add(["embeds"], "MAX_EMBED_SIZE_EXCEEDED", "Embed size exceeds maximum size of 6000")


def _check_components(errors: _Errors, components: list[dict[str, Any]], flags: int) -> None:
    seen: set[str] = set()
    v2 = bool(flags & COMPONENTS_V2)
    if not v2 and len(components) > 5:
        errors.add(["components"], "BASE_TYPE_MAX_LENGTH", "Must be 5 or fewer in length.")

    def visit(comp: dict[str, Any], path: list[str | int]) -> None:
        ctype = comp.get("type")
        custom_id = comp.get("custom_id")
        if custom_id is not None:
            errors.too_long([*path, "custom_id"], custom_id, 100)
            if custom_id in seen:
                errors.add([*path, "custom_id"], "COMPONENT_CUSTOM_ID_DUPLICATED",
                           "Component custom id cannot be duplicated")
            seen.add(custom_id)
        if ctype == 1:
            children = comp.get("components") or []
            if not children:
                errors.add([*path, "components"], "BASE_TYPE_REQUIRED", "This field is required")
            if len(children) > 5:
                errors.add([*path, "components"], "BASE_TYPE_MAX_LENGTH",
                           "Must be 5 or fewer in length.")
            if any(c.get("type") in (3, 5, 6, 7, 8) for c in children) and len(children) > 1:
                errors.add([*path, "components"], "COMPONENT_LAYOUT_WIDTH_EXCEEDED",
                           "The specified component exceeds the maximum width")
        elif ctype == 2:
            errors.too_long([*path, "label"], comp.get("label"), 80)
            style = comp.get("style")
            if style == 5 and not comp.get("url"):
                errors.add([*path, "url"], "BASE_TYPE_REQUIRED", "This field is required")
            if style not in (5, 6) and not custom_id:
                errors.add([*path, "custom_id"], "BASE_TYPE_REQUIRED", "This field is required")
        elif ctype in (3, 5, 6, 7, 8):
            errors.too_long([*path, "placeholder"], comp.get("placeholder"), 150)
            options = comp.get("options") or []
            if ctype == 3 and not 1 <= len(options) <= 25:
                errors.add([*path, "options"], "BASE_TYPE_BAD_LENGTH",
                           "Must be between 1 and 25 in length.")
            for k, opt in enumerate(options):
                errors.required_text([*path, "options", k, "label"], opt.get("label"), 100)
                errors.required_text([*path, "options", k, "value"], opt.get("value"), 100)
        for key in ("components",):
            for i, child in enumerate(comp.get(key) or []):
                visit(child, [*path, key, i])
        for key in ("component", "accessory"):
            if comp.get(key):
                visit(comp[key], [*path, key])

    for i, comp in enumerate(components):
        visit(comp, ["components", i])


def check_message(body: dict[str, Any], *, has_files: bool = False,
                  creating: bool = True) -> dict[str, Any] | None:
    """Validate a message create/edit body (channel message, callback data or webhook)."""
    errors = _Errors()
    content = body.get("content")
    errors.too_long(["content"], content, 2000)
    _check_embeds(errors, body.get("embeds") or [])
    flags = int(body.get("flags") or 0)
    _check_components(errors, body.get("components") or [], flags)
    result = errors.result()
    if result:
        return result
    if creating and not (content or body.get("embeds") or has_files or body.get("components")
                         or body.get("sticker_ids") or body.get("poll")):
        return {"message": "Cannot send an empty message", "code": 50006}
    return None


def check_autocomplete(data: dict[str, Any]) -> dict[str, Any] | None:
    errors = _Errors()
    choices = data.get("choices")
    if not isinstance(choices, list):
        errors.add(["data", "choices"], "BASE_TYPE_REQUIRED", "This field is required")
        return errors.result()
    if len(choices) > 25:
        errors.add(["data", "choices"], "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.")
    for i, choice in enumerate(choices):
        errors.required_text(["data", "choices", i, "name"], choice.get("name"), 100)
        value = choice.get("value")
        if isinstance(value, str):
            errors.too_long(["data", "choices", i, "value"], value, 100)
        elif value is None:
            errors.add(["data", "choices", i, "value"], "BASE_TYPE_REQUIRED",
                       "This field is required")
    return errors.result()


def _check_name(errors: _Errors, path: list[str | int], name: Any, *, chat: bool) -> None:
    if not isinstance(name, str) or not name:
        errors.add([*path, "name"], "BASE_TYPE_REQUIRED", "This field is required")
    elif chat and (not NAME_RE.match(name) or name != name.lower()):
        errors.add([*path, "name"], "APPLICATION_COMMAND_INVALID_NAME",
                   "Command name is invalid")
    elif len(name) > 32:
        errors.add([*path, "name"], "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 32 in length.")


def _check_options(errors: _Errors, path: list[str | int], options: list[dict]) -> int:
    """Returns the number of characters the options contribute to the 4000 limit."""
    size = 0
    if len(options) > 25:
        errors.add([*path, "options"], "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.")
    names: set[str] = set()
    seen_optional = False
    for i, opt in enumerate(options):
        opath: list[str | int] = [*path, "options", i]
        _check_name(errors, opath, opt.get("name"), chat=True)
        if opt.get("name") in names:
            errors.add([*opath, "name"], "APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS",
                       "Option names must be unique")
        names.add(opt.get("name"))
        errors.required_text([*opath, "description"], opt.get("description"), 100)
        size += len(opt.get("name") or "") + len(opt.get("description") or "")
        if opt.get("type") in (1, 2):
            size += _check_options(errors, opath, opt.get("options") or [])
            continue
        if opt.get("required"):
            if seen_optional:
                errors.add([*opath, "required"], "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID",
                           "Required options must be placed before non-required options")
        else:
            seen_optional = True
        choices = opt.get("choices") or []
        if choices and opt.get("autocomplete"):
            errors.add([*opath, "autocomplete"], "AUTOCOMPLETE_CHOICES_INVALID",
                       "Autocomplete cannot be set with choices")
        if len(choices) > 25:
            errors.add([*opath, "choices"], "BASE_TYPE_MAX_LENGTH",
                       "Must be 25 or fewer in length.")
        for k, choice in enumerate(choices):
            errors.required_text([*opath, "choices", k, "name"], choice.get("name"), 100)
            errors.too_long([*opath, "choices", k, "value"], choice.get("value"), 100)
            size += len(choice.get("name") or "") + len(str(choice.get("value", "")))
    return size


def check_commands(commands: list[dict[str, Any]]) -> dict[str, Any] | None:
    """Validate a bulk-overwrite body (PUT .../commands)."""
    errors = _Errors()
    if not isinstance(commands, list):
        return {"message": "Invalid Form Body", "code": 50035,
                "errors": {"_errors": [{"code": "BASE_TYPE_ARRAY", "message": "Not a list"}]}}
    counts = {1: 0, 2: 0, 3: 0}
    seen: set[tuple[int, str]] = set()
    for i, cmd in enumerate(commands):
        ctype = cmd.get("type", 1)
        counts[ctype] = counts.get(ctype, 0) + 1
        _check_name(errors, [i], cmd.get("name"), chat=ctype == 1)
        key = (ctype, cmd.get("name"))
        if key in seen:
            errors.add([i, "name"], "APPLICATION_COMMANDS_DUPLICATE_NAME",
                       f"Application command names must be unique: {cmd.get('name')}")
        seen.add(key)
        if ctype == 1:
            errors.required_text([i, "description"], cmd.get("description"), 100)
            size = len(cmd.get("name") or "") + len(cmd.get("description") or "")
            size += _check_options(errors, [i], cmd.get("options") or [])
            if size > 4000:
                errors.add([i], "APPLICATION_COMMAND_TOO_LARGE",
                           "Command exceeds maximum size (4000)")
        elif cmd.get("description"):
            errors.add([i, "description"], "APPLICATION_COMMAND_CONTEXT_MENU_DESCRIPTION",
                       "Context menu commands cannot have description")
    if counts.get(1, 0) > 100:
        errors.add([], "APPLICATION_COMMANDS_TOO_MANY", "Maximum number of chat commands (100)")
    for ctype in (2, 3):
        if counts.get(ctype, 0) > 15:
            errors.add([], "APPLICATION_COMMANDS_TOO_MANY",
                       "Maximum number of context menu commands reached (15)")
    return errors.result()
