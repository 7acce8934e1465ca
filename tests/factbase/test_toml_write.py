"""The fact files' writer: what it writes reads back as the same values."""

from __future__ import annotations

import datetime as dt
import tomllib

import pytest

from bot.factbase.toml_write import toml_list, toml_record, toml_string, toml_value


@pytest.mark.parametrize("text", ["plain", 'quote " and \\ back', "tab\tnew\nline",
                                  "“curly” ’ é", "del \x7f bell \x07 nul \x00", ""])
def test_strings_read_back(text):
    assert tomllib.loads(f"value = {toml_string(text)}")["value"] == text


@pytest.mark.parametrize(("value", "written"), [
    (True, "true"), (False, "false"), (3, "3"), (dt.date(2020, 1, 10), "2020-01-10"),
    ("x", '"x"'), (["a", "b"], '["a", "b"]'), ((), "[]"),
])
def test_values(value, written):
    assert toml_value(value) == written
    assert tomllib.loads(f"v = {written}")["v"] == (list(value) if isinstance(value, tuple)
                                                     else value)


def test_a_record_leaves_out_missing_fields_and_spreads_lists_it_is_told_to():
    lines = toml_record("fact", [("id", "a"), ("speaker", None), ("draft", True),
                                 ("entities", ["x"]), ("questions", ["Who?", "When?"])],
                        one_per_line=["questions"])
    assert lines == ["[[fact]]", 'id = "a"', "draft = true", 'entities = ["x"]',
                     "questions = [", '  "Who?",', '  "When?",', "]"]
    assert tomllib.loads("\n".join(lines))["fact"] == [
        {"id": "a", "draft": True, "entities": ["x"], "questions": ["Who?", "When?"]}]


def test_an_empty_spread_list_stays_on_one_line_and_a_table_may_be_single():
    lines = toml_record("story", [("id", "s"), ("questions", [])], array=False,
                        one_per_line=["questions"])
    assert lines == ["[story]", 'id = "s"', "questions = []"]
    assert toml_list(("a",)) == '["a"]'
