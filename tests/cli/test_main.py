"""`storybot` starts with only what the command it runs needs: building the parser (which
lists every command) imports no engine, index, drafting, conversation, curation or Discord
code, so `storybot ask` starts quickly and a command's dependencies stay its own."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from bot.cli.main import COMMANDS
from tests.conftest import FACTS_DIR, ROOT

# What a command loads only when it runs it; none of it is needed to read the arguments.
HEAVY = ("discord", "numpy", "rapidfuzz", "sqlite3", "sqlite_utils", "bot.engine.engine",
         "bot.index", "bot.language", "bot.factbase.loader", "bot.drafting",
         "bot.conversation", "bot.curation", "bot.discord_app")
# What answering one question never needs.
NOT_FOR_ASK = ("discord", "bot.drafting", "bot.conversation", "bot.curation",
               "bot.discord_app")


def _loaded_after(code: str, *args: str) -> set[str]:
    """The modules loaded once `code` has run in a fresh interpreter."""
    script = f"import json, sys\n{code}\nprint(json.dumps(sorted(sys.modules)))"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("STORYBOT_CONFIG", None)
    result = subprocess.run([sys.executable, "-c", script, *args], capture_output=True,
                            text=True, cwd=ROOT, env=env, timeout=60, check=True)
    return set(json.loads(result.stdout.splitlines()[-1]))


def _heavy(loaded: set[str], prefixes: tuple[str, ...]) -> list[str]:
    return sorted(m for m in loaded if any(m == p or m.startswith(p + ".") for p in prefixes))


def test_the_heavy_check_sees_a_heavy_module():
    assert _heavy({"bot.drafting.story", "bot.cli.ask", "bot.drafting_notes"},
                  NOT_FOR_ASK) == ["bot.drafting.story"]


def test_building_the_parser_imports_no_command_dependencies():
    loaded = _loaded_after("import bot.cli.main\nbot.cli.main.build_parser()")
    assert "bot.cli.main" in loaded
    assert _heavy(loaded, HEAVY) == []


def test_asking_imports_nothing_of_the_other_commands(tmp_path: Path):
    code = ("from bot.cli.main import main\n"
            "assert main(['ask', '--facts', sys.argv[1], '--db', sys.argv[2], "
            "'who is pompeo']) == 0")
    loaded = _loaded_after(code, str(FACTS_DIR), str(tmp_path / "index.db"))
    assert "bot.engine.engine" in loaded  # it did answer
    assert _heavy(loaded, NOT_FOR_ASK) == []


def test_help_lists_every_command():
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-m", "bot", "--help"], capture_output=True,
                            text=True, cwd=ROOT, env=env, timeout=60, check=True)
    names = [module.__name__.rsplit(".", 1)[-1] for module in COMMANDS]
    assert len(names) > 5
    listed = re.findall(r"^    (\w+)", result.stdout, flags=re.MULTILINE)
    assert listed == names
