"""Adding a valid story to facts/ never fails the suite: the suite's fact-base, index,
accuracy and command-line tests run again over a copy of facts/ with one more story."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

from tests.conftest import LIVE_FACTS, ROOT, SECOND_STORY

GUARDED = ("tests/factbase", "tests/index", "tests/engine/test_accuracy.py",
           "tests/engine/test_engine.py", "tests/cli/test_cli.py")


def test_a_valid_new_story_in_facts_fails_no_test(tmp_path):
    facts = tmp_path / "facts"
    shutil.copytree(LIVE_FACTS, facts)
    shutil.copytree(SECOND_STORY, facts / "a-new-story")
    story = facts / "a-new-story" / "story.toml"
    story.write_text(story.read_text(encoding="utf-8").replace(
        'id = "uk-election"', 'id = "a-new-story"'), encoding="utf-8")
    fact_ids = re.findall(r'^id = "([^"]+)"', (facts / "a-new-story" / "facts.toml")
                          .read_text(encoding="utf-8"), re.M)
    for name in ("facts.toml", "timeline.toml", "entities.toml"):
        path = facts / "a-new-story" / name  # fact ids are shared by all stories
        text = path.read_text(encoding="utf-8")
        for fact_id in fact_ids:
            text = text.replace(f'"{fact_id}"', f'"new-{fact_id}"')
        path.write_text(text, encoding="utf-8")
    checked = subprocess.run([sys.executable, "-m", "bot", "check", "--facts", str(facts),
                              "--db", str(tmp_path / "i.db")],
                             capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert checked.returncode == 0, checked.stdout  # the new story is valid
    assert "2 stories" in checked.stdout
    env = {**os.environ, "STORYBOT_TEST_LIVE_FACTS": str(facts), "PYTHONPATH": str(ROOT)}
    suite = subprocess.run([sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider",
                            *GUARDED], capture_output=True, text=True, cwd=ROOT, env=env,
                           timeout=600)
    assert suite.returncode == 0, suite.stdout[-3000:]
