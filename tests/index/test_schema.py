"""What the index's writer and readers agree on.

The analysis digest follows the code itself: any edit to a module that decides what the
index stores makes older stored analyses stale, with no list of files to keep up to date.
Each table's columns are declared once: a field added to a model is a column everywhere."""

from __future__ import annotations

import ast
import datetime as dt
import shutil
import sqlite3
from dataclasses import dataclass, fields, replace
from pathlib import Path

import pytest
import sqlite_utils

from bot.factbase.loader import FACT_FIELDS
from bot.factbase.models import Fact, file_fields
from bot.index.prepare import content_hash
from bot.index.schema import (
    ANALYSIS_PACKAGES,
    BOT_PACKAGE,
    FACTS,
    TABLES,
    analysis_version,
    source_digest,
    table,
)

BUILDER = ("index/build.py", "index/prepare.py", "index/store.py")


@pytest.fixture
def bot_copy(tmp_path) -> Path:
    target = tmp_path / "bot"
    shutil.copytree(BOT_PACKAGE, target, ignore=shutil.ignore_patterns("__pycache__"))
    return target


def test_the_digest_of_the_installed_code_is_the_analysis_version():
    assert analysis_version() == source_digest(BOT_PACKAGE)


@pytest.mark.parametrize("package", ANALYSIS_PACKAGES)
def test_editing_any_module_of_an_analysed_package_changes_the_digest(bot_copy, package):
    before = source_digest(bot_copy)
    modules = sorted((bot_copy / package).rglob("*.py"))
    assert modules
    for module in modules:
        original = module.read_bytes()
        module.write_bytes(original + b"\n# an edit\n")
        assert source_digest(bot_copy) != before, module.relative_to(bot_copy)
        module.write_bytes(original)
    assert source_digest(bot_copy) == before


def test_adding_or_renaming_a_module_changes_the_digest(bot_copy):
    before = source_digest(bot_copy)
    new = bot_copy / "language" / "lexicon_extra.py"
    new.write_text("WORDS = ()\n")
    assert source_digest(bot_copy) != before
    new.unlink()
    text = bot_copy / "language" / "text.py"
    text.rename(bot_copy / "language" / "words.py")
    assert source_digest(bot_copy) != before


def test_editing_a_front_leaves_the_digest_alone(bot_copy):
    before = source_digest(bot_copy)
    ask = bot_copy / "cli" / "ask.py"
    ask.write_text(ask.read_text() + "\n# an edit\n")
    assert source_digest(bot_copy) == before


def _bot_imports(path: Path) -> set[str]:
    """The bot modules a module imports, as paths relative to the bot package."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = ([alias.name for alias in node.names] if isinstance(node, ast.Import)
                 else [node.module] if isinstance(node, ast.ImportFrom) and node.module
                 else [])
        for name in names:
            if name.startswith("bot."):
                parts = name.split(".")[1:]
                module = BOT_PACKAGE.joinpath(*parts)
                found.add(f"{'/'.join(parts)}.py" if module.with_suffix(".py").exists()
                          else f"{'/'.join(parts)}/__init__.py")
    return found


def test_everything_the_index_builder_imports_is_digested():
    """A module the builder comes to rely on in a package outside the digest would let a
    rebuild copy rows analysed by older code: the digest's packages must cover it."""
    seen, waiting = set(), list(BUILDER)
    while waiting:
        module = waiting.pop()
        if module not in seen:
            seen.add(module)
            waiting += _bot_imports(BOT_PACKAGE / module)
    outside = sorted(m for m in seen if m.split("/")[0] not in ANALYSIS_PACKAGES)
    assert not outside


# ------------------------------------------------------------------ one declaration per table


def test_the_index_has_exactly_the_declared_columns(bundled_index):
    with sqlite3.connect(bundled_index) as conn:
        for table in TABLES:
            found = [row[1] for row in conn.execute(f"PRAGMA table_info({table.name})")]
            assert found == list(table.columns), table.name


def test_a_facts_columns_are_its_fields_everywhere():
    file_keys = [f.name for f in fields(Fact) if f.name != "story_id"]
    assert list(FACT_FIELDS) == file_keys
    assert FACTS.model_columns == tuple(f.name for f in fields(Fact) if f.name != "draft")
    assert set(FACTS.model_columns) <= set(FACTS.columns)


@dataclass(frozen=True)
class _FactWithMore(Fact):
    """A fact model with one more field, as a maintainer would add it."""

    updated: dt.date | None = None
    tags: tuple[str, ...] = ()


def test_a_field_added_to_a_model_is_read_from_files_created_written_and_read_back(tmp_path):
    assert file_fields(_FactWithMore)["tags"] == (list, False)
    assert file_fields(_FactWithMore)["updated"] == (dt.date, False)
    facts = table("facts", model=_FactWithMore, before={"row": int}, after={"flags": int})
    db = sqlite_utils.Database(tmp_path / "t.db")
    facts.create(db)
    fact = _FactWithMore(id="f", story_id="s", answer="A.", quote="a", entities=("e",),
                         date=dt.date(2020, 1, 3), updated=dt.date(2020, 2, 1),
                         tags=("x", "y"))
    db.conn.execute(facts.insert_sql(("row", *facts.row_columns)),
                    (1, *facts.row(fact, flags=3)))
    db.conn.row_factory = sqlite3.Row
    row = db.conn.execute("SELECT * FROM facts").fetchone()
    assert facts.decode(row) == fact
    assert row["flags"] == 3
    with pytest.raises(ValueError):
        facts.row(fact)  # the index's own columns are never left out by accident


def test_the_content_hash_follows_every_column_a_reader_sees():
    fact = Fact(id="f", story_id="s", answer="A.", quote="a")
    before = content_hash(FACTS.encode(fact))
    assert content_hash(FACTS.encode(replace(fact, story_id="t"))) == before
    for change in ({"answer": "B."}, {"quote": "b"}, {"entities": ("e",)},
                   {"questions": ("q?",)}, {"speaker": "e"}, {"date": dt.date(2020, 1, 1)},
                   {"date_text": "Friday"}, {"date_precision": "week"}):
        assert content_hash(FACTS.encode(replace(fact, **change))) != before, change
