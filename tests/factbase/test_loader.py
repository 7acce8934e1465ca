"""Broken fact files: each problem names the file, the record or line, and what to fix."""

from __future__ import annotations

import tomllib
from pathlib import Path

from bot.factbase.loader import has_errors, load_factbase

STORY = "us-iraq-withdrawal"


def _facts_file(facts_dir: Path) -> Path:
    return facts_dir / STORY / "facts.toml"


def _append(path: Path, text: str) -> None:
    with path.open("a", encoding="utf-8") as handle:
        handle.write("\n" + text)


def _errors(facts_dir: Path) -> list[str]:
    _, problems = load_factbase(facts_dir)
    return [str(p) for p in problems if p.level == "error"]


def test_invalid_toml_names_file_and_line(facts_copy):
    path = _facts_file(facts_copy)
    lines = path.read_text(encoding="utf-8").count("\n")
    _append(path, '[[fact]]\nid = "broken\n')
    errors = _errors(facts_copy)
    assert len(errors) == 1
    assert f"{STORY}/facts.toml:line {lines + 3}" in errors[0]
    assert "not valid TOML" in errors[0]


def test_unknown_field_is_named_with_the_fact_id_and_line(facts_copy):
    path = _facts_file(facts_copy)
    _append(path, '[[fact]]\nid = "new-fact"\nanswer = "A."\nquote = "Comments are closed."\n'
                  'entites = ["iraq"]\n')
    errors = _errors(facts_copy)
    assert any("new-fact (line" in e and "unknown field 'entites'" in e for e in errors), errors


def test_missing_required_field(facts_copy):
    _append(_facts_file(facts_copy), '[[fact]]\nid = "no-answer"\nquote = "Comments are closed."\n')
    assert any("no-answer" in e and "missing required field 'answer'" in e
               for e in _errors(facts_copy))


def test_duplicate_fact_id(facts_copy):
    base, _ = load_factbase(facts_copy)
    existing = next(iter(base.facts))
    _append(_facts_file(facts_copy),
            f'[[fact]]\nid = "{existing}"\nanswer = "A."\nquote = "Comments are closed."\n')
    assert any(f"duplicate fact id '{existing}'" in e for e in _errors(facts_copy))


def test_unknown_entity_reference(facts_copy):
    _append(_facts_file(facts_copy), '[[fact]]\nid = "ghost"\nanswer = "A."\n'
                                     'quote = "Comments are closed."\nentities = ["nobody"]\n')
    assert any("ghost" in e and "unknown entity 'nobody'" in e for e in _errors(facts_copy))


def test_quote_not_in_article_shows_where_it_differs(facts_copy):
    straight_quote = "Sunni and Kurdish lawmakers opposed the parliament's resolution."
    _append(_facts_file(facts_copy),
            f'[[fact]]\nid = "misquote"\nanswer = "A."\nquote = "{straight_quote}"\n')
    errors = [e for e in _errors(facts_copy) if "misquote" in e]
    assert len(errors) == 1
    assert "does not appear verbatim" in errors[0]
    assert "curly quotes" in errors[0]


def test_bad_dates(facts_copy):
    _append(_facts_file(facts_copy),
            '[[fact]]\nid = "string-date"\nanswer = "A."\nquote = "Comments are closed."\n'
            'date = "2020-01-03"\ndate_text = "x"\ndate_precision = "day"\n'
            '[[fact]]\nid = "bad-precision"\nanswer = "A."\nquote = "Comments are closed."\n'
            'date = 2020-01-03\ndate_text = "x"\ndate_precision = "fortnight"\n'
            '[[fact]]\nid = "no-date-text"\nanswer = "A."\nquote = "Comments are closed."\n'
            'date = 2020-01-03\ndate_precision = "day"\n')
    errors = _errors(facts_copy)
    assert any("string-date" in e and "TOML date written without quotes" in e for e in errors)
    assert any("bad-precision" in e and "must be one of" in e for e in errors)
    assert any("no-date-text" in e and "needs 'date_text'" in e for e in errors)


def test_bad_id_and_wrong_type(facts_copy):
    _append(_facts_file(facts_copy),
            '[[fact]]\nid = "Bad Id"\nanswer = "A."\nquote = "Comments are closed."\n'
            '[[fact]]\nid = "list-answer"\nanswer = ["A."]\nquote = "Comments are closed."\n')
    errors = _errors(facts_copy)
    assert any("'Bad Id' must be lower-case words" in e for e in errors)
    assert any("list-answer" in e and "'answer' must be a string" in e for e in errors)


def test_invalid_utf8_is_reported(facts_copy):
    path = _facts_file(facts_copy)
    path.write_bytes(path.read_bytes() + b"\n# \xff\xfe broken\n")
    errors = _errors(facts_copy)
    assert any("not valid UTF-8" in e and "line" in e for e in errors)


def test_missing_folder_and_empty_folder(tmp_path):
    assert has_errors(load_factbase(tmp_path / "nowhere")[1])
    assert any("no story folders" in str(p) for p in load_factbase(tmp_path)[1])


def test_entity_profile_and_event_references(facts_copy):
    entities = facts_copy / STORY / "entities.toml"
    _append(entities, '[[entity]]\nid = "lonely"\nname = "Lonely"\nkind = "person"\n'
                      'profile = "no-such-fact"\n')
    timeline = facts_copy / STORY / "timeline.toml"
    _append(timeline, '[[event]]\nid = "orphan"\ndate = 2020-01-04\ndate_text = "x"\n'
                      'date_precision = "day"\ntitle = "T"\nfacts = ["no-such-fact"]\n')
    errors = _errors(facts_copy)
    assert any("lonely" in e and "profile 'no-such-fact' is not a fact id" in e for e in errors)
    assert any("orphan" in e and "unknown fact 'no-such-fact'" in e for e in errors)


def test_shared_alias_is_an_error(facts_copy):
    _append(facts_copy / STORY / "entities.toml",
            '[[entity]]\nid = "copycat"\nname = "Copycat"\nkind = "person"\naliases = ["Pompeo"]\n')
    assert any("copycat" in e and "also an alias of" in e for e in _errors(facts_copy))


def test_draft_facts_are_warned_about(facts_copy):
    _append(_facts_file(facts_copy), '[[fact]]\nid = "drafty"\nanswer = "A."\n'
                                     'quote = "Comments are closed."\nquestions = ["q?"]\n'
                                     'draft = true\n')
    base, problems = load_factbase(facts_copy)
    assert not has_errors(problems)
    assert any(p.level == "warning" and "draft" in p.message for p in problems)
    assert base.facts["drafty"].draft


def _curated_order(timeline: Path) -> list[str]:
    return [e["id"] for e in tomllib.loads(timeline.read_text(encoding="utf-8"))["event"]]


def test_events_of_one_day_keep_the_order_the_curator_gave_them(facts_copy):
    timeline = facts_copy / STORY / "timeline.toml"
    # Listed out of alphabetical order: the curator's order is what readers see.
    _append(timeline, '[[event]]\nid = "b-later"\ndate = 2020-01-04\ndate_text = "x"\n'
            'date_precision = "day"\ntitle = "Second"\n\n'
            '[[event]]\nid = "a-even-later"\ndate = 2020-01-04\ndate_text = "x"\n'
            'date_precision = "day"\ntitle = "Third"\n')
    base, _ = load_factbase(facts_copy)
    ids = [e.id for e in base.events]
    curated = _curated_order(timeline)
    for day in {e.date for e in base.events}:
        same_day = [e.id for e in base.events if e.date == day]
        assert same_day == [i for i in curated if i in same_day]
    assert ids.index("b-later") < ids.index("a-even-later")
    assert [e.date for e in base.events] == sorted(e.date for e in base.events)
