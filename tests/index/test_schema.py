"""The analysis digest follows the code itself: any edit to a module that decides what the
index stores makes older stored analyses stale, with no list of files to keep up to date."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest

from bot.index.schema import ANALYSIS_PACKAGES, BOT_PACKAGE, analysis_version, source_digest

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
