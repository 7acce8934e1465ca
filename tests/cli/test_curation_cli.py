"""storybot stats, unanswered, why and teach, run as a curator runs them."""

from __future__ import annotations

import json
import shutil

import pytest

from tests.cli.test_cli import storybot
from tests.conftest import FACTS_DIR
from tests.curation.log_rows import write_log


@pytest.fixture
def db(bundled_index):
    return bundled_index


@pytest.fixture
def config(tmp_path, db):
    """A config over the bundled story whose query log holds a few questions."""
    log = write_log(tmp_path / "log.db", [
        {"question": "What is the GDP of Iran?", "answered": False},
        {"question": "what is the gdp of iran", "answered": False},
        {"question": "How many US troops are in Iraq?", "answered": True,
         "fact_id": "us-troops-5000-in-iraq"},
    ])
    path = tmp_path / "config.toml"
    path.write_text(f'[storybot]\nfacts = "{FACTS_DIR}"\ndatabase = "{db}"\n'
                    f'query_log = "{log}"\n', encoding="utf-8")
    return path


def test_stats_shows_each_story_and_this_weeks_questions(config):
    result = storybot("stats", "--json", "--config", str(config))
    assert result.returncode == 0, result.stderr
    (story,) = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert story["story_id"] == "us-iraq-withdrawal" and story["facts"] > 50
    assert story["sentences_quoted"] == story["sentences"]
    assert story["week"] == {"asked": 1, "answered": 1, "declined": 0}


def test_check_shows_the_numbers_too(db):
    out = storybot("check", db=db).stdout.decode()
    assert "us-iraq-withdrawal" in out and "sentences quoted" in out


def test_unanswered_groups_the_declined_questions(config):
    result = storybot("unanswered", "--config", str(config))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.decode().splitlines()
    assert lines[0].startswith("   2×  What is the GDP of Iran?  (2 declined; last ")
    assert "also: what is the gdp of iran" in lines[1]
    assert len(lines) == 2


def test_index_indexes_the_valid_stories_and_fails_on_a_broken_one(two_stories, tmp_path):
    facts = tmp_path / "facts"
    shutil.copytree(two_stories, facts)
    db = tmp_path / "i.db"
    assert storybot("index", "--facts", str(facts), db=db).returncode == 0
    with (facts / "uk-election" / "facts.toml").open("a", encoding="utf-8") as f:
        f.write('\n[[fact]]\nid = "half-written"\n')
    path = facts / "us-iraq-withdrawal" / "facts.toml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        'answer = "About 5,000 US troops', 'answer = "About 5,500 US troops'), encoding="utf-8")
    result = storybot("index", "--facts", str(facts), db=db)
    assert result.returncode == 2
    err = result.stderr.decode()
    assert "half-written" in err and "missing required field 'answer'" in err
    assert "1 story has errors: uk-election (served as it last validated)" in err
    asked = storybot("ask", "who congratulated Johnson?", "--facts", str(facts), db=db)
    assert "Pompeo" in asked.stdout.decode()
    assert "5,500" in storybot("ask", "how many us troops are in iraq", "--facts", str(facts),
                               db=db).stdout.decode()
    assert "uk-election (served as it last validated)" in asked.stderr.decode()


def test_teach_reindexes_at_once_and_undo_takes_it_back(tmp_path):
    facts = tmp_path / "facts"
    shutil.copytree(FACTS_DIR, facts)
    config = tmp_path / "config.toml"
    config.write_text(f'[storybot]\nfacts = "{facts}"\ndatabase = "{tmp_path / "i.db"}"\n'
                      f'query_log = "{tmp_path / "log.db"}"\n', encoding="utf-8")
    question = "what does the pentagon budget look like"
    assert '"answered": false' in storybot("ask", "--json", question, "--config",
                                           str(config)).stdout.decode()
    taught = storybot("teach", question, "nato-increase-could-decrease-us-personnel",
                      "--by", "ann", "--config", str(config))
    assert taught.returncode == 0, taught.stderr
    out = taught.stdout.decode()
    assert "taught: #1" in out and "ann" in out
    assert "is now answered from nato-increase-could-decrease-us-personnel" in out
    listed = storybot("teach", "--list", "--config", str(config)).stdout.decode()
    assert question in listed
    undone = storybot("teach", "--undo", "--config", str(config))
    assert "undone: #1" in undone.stdout.decode()
    assert "is now declined" in undone.stdout.decode()
    assert storybot("teach", "--undo", "--config", str(config)).returncode == 2
    wrong = storybot("teach", question, "no-such-fact", "--config", str(config))
    assert wrong.returncode == 2 and "no fact 'no-such-fact'" in wrong.stderr.decode()


def test_why_shows_the_parts_of_the_best_facts(db):
    result = storybot("why", "How many NATO troops are in Iraq?", "--json", db=db)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert found["answer"]["answered"] is False
    assert found["reason"].startswith("declined: the best fact, ")
    best = found["facts"][0]
    assert best["type_factor"] < 1 and best["score"] == found["answer"]["score"]
    text = storybot("why", "who opposed the resolution", db=db).stdout.decode()
    assert text.startswith("answered from sunni-kurdish-lawmakers-opposed-resolution")
    assert "1. sunni-kurdish-lawmakers-opposed-resolution  score 100.0 = " in text


def test_index_reports_progress_when_asked(two_stories, tmp_path):
    result = storybot("index", "--progress", "--facts", str(two_stories), db=tmp_path / "i.db")
    assert result.returncode == 0, result.stderr
    err = result.stderr.decode()
    assert "3 stories: 0 unchanged (copied from the index), 3 to read and analyse" in err \
        or "to read and analyse" in err
    assert "read and analysed" in err and "writing the index" in err
    quiet = storybot("index", "--facts", str(two_stories), db=tmp_path / "j.db")
    assert quiet.stderr.decode() == ""  # not a terminal: no progress unless asked


def test_unanswered_for_one_story(two_stories, tmp_path):
    log = write_log(tmp_path / "log.db", [
        {"question": "How many seats did Labour lose?", "answered": False,
         "asked_story": "uk-election"},
        {"question": "How many NATO troops are in Iraq?", "answered": False,
         "answer_story": "us-iraq-withdrawal"},
    ])
    config = tmp_path / "config.toml"
    config.write_text(f'[storybot]\nfacts = "{two_stories}"\ndatabase = "{tmp_path / "i.db"}"\n'
                      f'query_log = "{log}"\n', encoding="utf-8")
    result = storybot("unanswered", "--story", "uk-election", "--config", str(config))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.decode().splitlines()
    assert len(lines) == 1 and "How many seats did Labour lose?" in lines[0]
    unknown = storybot("unanswered", "--story", "uk", "--config", str(config))
    assert unknown.returncode == 2
    assert "no story 'uk'" in unknown.stderr.decode()
    assert "uk-election, us-iraq-withdrawal" in unknown.stderr.decode()
