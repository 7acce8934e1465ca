"""The storybot command line, run as a reader runs it: a separate process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FACTS_DIR, LIVE_FACTS, ROOT


def storybot(*args: str, stdin: bytes | None = None, db: Path | None = None,
             cwd: Path | None = None) -> subprocess.CompletedProcess:
    extra = ["--db", str(db)] if db is not None else []
    if "--facts" not in args and "--config" not in args:
        extra += ["--facts", str(FACTS_DIR)]  # the bundled story, whatever facts/ holds
    command = [sys.executable, "-m", "bot", *args]
    if args and args[0] in ("ask", "timeline", "chat", "check", "stats", "index", "calibrate",
                            "unanswered", "why", "teach"):
        command += extra
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("STORYBOT_CONFIG", None)
    return subprocess.run(command, input=stdin, capture_output=True, cwd=cwd or ROOT, env=env,
                          timeout=60)


@pytest.fixture
def db(bundled_index) -> Path:
    return bundled_index


def test_ask_prints_answer_quote_and_source(db):
    result = storybot("ask", "who opposed the resolution?", db=db)
    out = result.stdout.decode()
    assert result.returncode == 0, result.stderr
    assert "Sunni" in out and "Kurdish" in out
    assert "“" in out  # the quote
    assert "Military Times" in out  # the source


def test_ask_json_has_the_answer_fields(db):
    result = storybot("ask", "--json", "When was Soleimani killed?", db=db)
    data = json.loads(result.stdout)
    for key in ("answered", "answer", "fact_id", "score", "quote", "date", "story",
                "alternatives", "reason"):
        assert key in data
    assert data["answered"] and data["date"] == "2020-01-03"


def test_ask_from_stdin_gives_one_json_line_per_input_line_in_order(db):
    lines = ["who opposed the resolution?", "", "   ", "What is the GDP of Iran?",
             "how many us troops r in iraq"]
    payload = ("\n".join(lines) + "\n").encode() + b"\xff\xfe broken bytes\n"
    result = storybot("ask", "--json", stdin=payload, db=db)
    assert result.returncode == 0, result.stderr
    outputs = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert len(outputs) == len(lines) + 1
    assert outputs[0]["answered"] and "sunni" in outputs[0]["answer"].lower()
    assert outputs[1]["reason"] == "empty" and outputs[2]["reason"] == "empty"
    assert not outputs[3]["answered"]
    assert "5,000" in outputs[4]["answer"]


def test_ask_with_an_empty_question_is_a_usage_error(db):
    result = storybot("ask", "   ", db=db)
    assert result.returncode == 2
    assert "type a question" in result.stdout.decode().lower()


def test_ask_does_not_import_discord(db):
    code = ("import sys; from bot.cli.main import main; main(['ask', '--db', sys.argv[1], "
            "'who opposed the resolution']); "
            "assert not any(m == 'discord' or m.startswith('discord.') for m in sys.modules), "
            "'discord imported'")
    result = subprocess.run([sys.executable, "-c", code, str(db)], capture_output=True,
                            cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stderr.decode()


def test_timeline_lists_events_in_order_with_the_articles_words(db):
    result = storybot("timeline", "--json", db=db)
    events = json.loads(result.stdout)
    assert [e["date"] for e in events] == sorted(e["date"] for e in events)
    assert any(e["date_text"] == "the 3rd January" for e in events)
    text = storybot("timeline", db=db).stdout.decode()
    assert "3 January 2020" in text


def test_timeline_about_an_entity_and_an_unknown_one(db):
    result = storybot("timeline", "--about", "soleimani", db=db)
    assert result.returncode == 0 and "Soleimani" in result.stdout.decode()
    unknown = storybot("timeline", "--about", "Napoleon", db=db)
    assert unknown.returncode == 2
    assert "Napoleon" in unknown.stderr.decode()


def test_check_passes_on_the_shipped_facts():
    result = storybot("check", "--facts", str(LIVE_FACTS))
    assert result.returncode == 0, result.stdout
    assert "0 error(s)" in result.stdout.decode()


def test_check_exits_2_on_a_broken_file(facts_copy):
    path = facts_copy / "us-iraq-withdrawal" / "facts.toml"
    path.write_text(path.read_text(encoding="utf-8") + "\n[[fact]\n", encoding="utf-8")
    result = storybot("check", "--facts", str(facts_copy))
    assert result.returncode == 2
    assert "facts.toml:line" in result.stdout.decode()


def test_index_builds_and_refuses_broken_facts(facts_copy, tmp_path):
    db = tmp_path / "x.db"
    built = storybot("index", "--facts", str(facts_copy), db=db)
    assert built.returncode == 0 and db.exists(), built.stderr
    before = db.read_bytes()
    path = facts_copy / "us-iraq-withdrawal" / "facts.toml"
    path.write_text(path.read_text(encoding="utf-8") + "\n[[fact]\n", encoding="utf-8")
    refused = storybot("index", "--facts", str(facts_copy), db=db)
    assert refused.returncode == 2
    assert "facts.toml:line" in refused.stderr.decode()
    assert db.read_bytes() == before


def test_ask_keeps_answering_from_the_last_good_index(facts_copy, tmp_path):
    db = tmp_path / "x.db"
    storybot("index", "--facts", str(facts_copy), db=db)
    path = facts_copy / "us-iraq-withdrawal" / "facts.toml"
    path.write_text(path.read_text(encoding="utf-8") + "\n[[fact]\n", encoding="utf-8")
    os.utime(path, (db.stat().st_mtime + 5, db.stat().st_mtime + 5))
    result = storybot("ask", "--facts", str(facts_copy), "who opposed the resolution", db=db)
    assert result.returncode == 0
    assert "Sunni" in result.stdout.decode()
    assert "last good index" in result.stderr.decode()


def test_vanished_database_is_rebuilt(tmp_path):
    db = tmp_path / "gone.db"
    result = storybot("ask", "who opposed the resolution", db=db)
    assert result.returncode == 0 and db.exists()


def test_chat_answers_and_shows_the_timeline(db):
    result = storybot("chat", stdin=b"who opposed the resolution\ntimeline\nhelp\nquit\n", db=db)
    out = result.stdout.decode()
    assert result.returncode == 0
    assert "Sunni" in out and "3 January 2020" in out and "quit" in out
    assert out.rstrip().endswith("you>")  # left on 'quit', not on end of input


def test_config_option_and_bad_config(tmp_path):
    good = tmp_path / "good.toml"
    good.write_text(f'[storybot]\nfacts = "{FACTS_DIR}"\ndatabase = "idx.db"\n', encoding="utf-8")
    result = storybot("ask", "--config", str(good), "who opposed the resolution")
    assert result.returncode == 0 and (tmp_path / "idx.db").exists()
    bad = tmp_path / "bad.toml"
    bad.write_text('[engine]\nanswer_treshold = 50\n', encoding="utf-8")
    result = storybot("ask", "--config", str(bad), "who opposed the resolution")
    assert result.returncode == 2
    assert "answer_treshold" in result.stderr.decode()


def test_calibrate_prints_a_threshold_table(db):
    result = storybot("calibrate", str(ROOT / "tests/data/dev_questions.jsonl"), db=db)
    assert result.returncode == 0, result.stderr
    assert "<- best" in result.stdout.decode()


def test_calibrate_fits_one_threshold_over_several_facts_folders(db):
    dev = ROOT / "tests/data/dev_questions.jsonl"
    light = ROOT / "tests/data/light/facts"
    story = ROOT / "tests/data/stories/vesfreight-sale"
    result = storybot("calibrate", str(dev), f"{dev}@{light}",
                      f"{story / 'dev_questions.jsonl'}@{story}", "--max-wrong", "0.02",
                      "--weight", "phrasing_share=0.5,0.6", "--step", "10", db=db)
    out = result.stdout.decode()
    assert result.returncode == 0, result.stderr
    assert "phrasing_share=0.5: threshold" in out and "phrasing_share=0.6: threshold" in out
    assert "best weights: phrasing_share=" in out and "<- best" in out
    for name in (f"{dev}: right", f"{dev}@{light}: right", f"@{story}: right"):
        assert name in out


@pytest.mark.parametrize("option, said", [
    (["--weight", "no_such_weight=1"], "no scoring weight"),
    (["--weight", "phrasing_share=x"], "must be numbers"),
    (["--max-wrong", "2"], "--max-wrong"),
])
def test_calibrate_refuses_bad_weights_and_budgets(db, option, said):
    dev = ROOT / "tests/data/dev_questions.jsonl"
    result = storybot("calibrate", str(dev), *option, db=db)
    assert result.returncode == 2
    assert said in result.stderr.decode() and "Traceback" not in result.stderr.decode()


def test_calibrate_compares_clear_leads_of_the_sentence_model(db):
    story = ROOT / "tests/data/stories/velde-bumblebee"
    labelled = f"{story / 'dev_questions.jsonl'}@{story}"
    # 100,1,100 is no lead at all: what the configured lead adds shows beside it
    result = storybot("calibrate", labelled, "--lead", "100,1,100", db=db)
    out = result.stdout.decode()
    assert result.returncode == 0, result.stderr
    configured = next(line for line in out.splitlines() if line.startswith("configured:"))
    off = next(line for line in out.splitlines() if line.startswith("lead 100, cosine 1"))
    right = [int(line.split("right ")[1].split("/")[0]) for line in (configured, off)]
    assert right[0] >= right[1]
    assert f"@{story}: right" in out


@pytest.mark.parametrize("lead, said", [
    ("18,0.71", "POINTS,COSINE,SCORE"),
    ("18,x,45", "POINTS,COSINE,SCORE"),
    ("18,2,45", "a cosine from -1 to 1"),
])
def test_calibrate_refuses_a_bad_lead(db, lead, said):
    result = storybot("calibrate", str(ROOT / "tests/data/dev_questions.jsonl"), "--lead", lead,
                      db=db)
    assert result.returncode == 2
    assert said in result.stderr.decode() and "Traceback" not in result.stderr.decode()


def test_calibrate_says_a_lead_needs_the_sentence_model(db, monkeypatch):
    monkeypatch.setenv("STORYBOT_SEMANTIC", "0")
    result = storybot("calibrate", str(ROOT / "tests/data/dev_questions.jsonl"), "--lead",
                      "18,0.71,45", db=db)
    assert result.returncode == 2
    assert "needs the sentence model" in result.stderr.decode()


def test_no_command_prints_help():
    result = storybot()
    assert result.returncode == 2
    assert "ask" in result.stdout.decode()


@pytest.fixture
def two_story_db(two_stories, tmp_path) -> tuple[Path, Path]:
    return two_stories, tmp_path / "two.db"


def test_ask_and_timeline_take_a_story(two_story_db):
    facts, db = two_story_db
    uk = storybot("ask", "--json", "--story", "uk-election", "who is the PM?",
                  "--facts", str(facts), db=db)
    assert uk.returncode == 0, uk.stderr
    assert json.loads(uk.stdout)["fact_id"] == "johnson-prime-minister"
    by_title = storybot("ask", "--json", "--story", "US leaders reject Iraqi demands",
                        "who is the PM?", "--facts", str(facts), db=db)
    assert json.loads(by_title.stdout)["story"]["id"] == "us-iraq-withdrawal"
    timeline = storybot("timeline", "--json", "--story", "uk-election", "--facts", str(facts),
                        db=db)
    assert [e["story"] for e in json.loads(timeline.stdout)] == ["uk-election"]


def test_unknown_story_is_one_clear_line(two_story_db):
    facts, db = two_story_db
    result = storybot("ask", "--story", "nope", "who is the PM?", "--facts", str(facts), db=db)
    assert result.returncode == 2
    assert result.stderr.decode().count("\n") == 1
    assert "no story 'nope'" in result.stderr.decode()
    assert "uk-election" in result.stderr.decode()
