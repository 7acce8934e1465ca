"""Writing fact files: TOML values and records laid out as curators read them.

One writer for every program that produces fact files (`storybot draft`, the synthetic
archive of the benchmarks), so that they quote strings the same way and lay out records
alike. Reading is tomllib's job; this module only writes.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence

Value = str | bool | int | float | dt.date | Sequence[str]


def toml_string(value: str) -> str:
    """A TOML basic string. JSON's escapes are TOML's, except that TOML also forbids DEL."""
    return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")


def toml_list(values: Iterable[str]) -> str:
    return "[" + ", ".join(toml_string(v) for v in values) + "]"


def toml_value(value: Value) -> str:
    if isinstance(value, bool):  # before int: True is an int too
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return toml_string(value)
    return toml_list(value)


def toml_record(table: str, fields: Iterable[tuple[str, Value | None]], *,
                array: bool = True, one_per_line: Iterable[str] = ()) -> list[str]:
    """The lines of one `[[table]]` record (or `[table]` with array=False). Fields whose
    value is None are left out; lists named in one_per_line get one item a line, so that
    a curator can delete a suggested question by deleting its line."""
    spread = set(one_per_line)
    lines = [f"[[{table}]]" if array else f"[{table}]"]
    for key, value in fields:
        if value is None:
            continue
        if key in spread and not isinstance(value, str) and value:
            lines += [f"{key} = [", *(f"  {toml_string(item)}," for item in value), "]"]
        else:
            lines.append(f"{key} = {toml_value(value)}")
    return lines
