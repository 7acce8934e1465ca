"""Teaching edits the curator's files in place, keeps them valid, and can be undone."""

from __future__ import annotations

import shutil

import pytest

from bot.curation.lessons import LessonLog, teach, undo
from bot.curation.teach import TeachError, teach_fact, teach_not_in_story, unteach
from bot.engine.engine import Engine
from bot.factbase.loader import load_factbase
from bot.index.store import ensure_index
from tests.conftest import SECOND_STORY

STORY = SECOND_STORY.name


@pytest.fixture
def facts(tmp_path):
    root = tmp_path / "facts"
    shutil.copytree(SECOND_STORY, root / STORY)
    facts_file = root / STORY / "facts.toml"
    facts_file.write_text("# The curator's notes stay where they are.\n"
                          + facts_file.read_text(encoding="utf-8"), encoding="utf-8")
    return root


def _questions(root, fact_id):
    base, _ = load_factbase(root)
    return base.facts[fact_id].questions


def test_a_taught_question_joins_the_fact_and_nothing_else_changes(facts):
    path = facts / STORY / "facts.toml"
    before = path.read_text(encoding="utf-8")
    lesson = teach_fact(facts, "  how many cops were at the polls ", "police-at-polling-stations")
    assert lesson.question == "how many cops were at the polls" and lesson.story_id == STORY
    after = path.read_text(encoding="utf-8")
    assert after.replace(', "how many cops were at the polls"', "") == before
    assert _questions(facts, "police-at-polling-stations")[-1] == lesson.question
    unteach(facts, lesson)
    assert path.read_text(encoding="utf-8") == before


def test_a_fact_without_questions_gets_its_first(facts):
    path = facts / STORY / "facts.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(
        'questions = ["How many police officers were at the polling stations?"]\n', ""),
        encoding="utf-8")
    teach_fact(facts, "How many police?", "police-at-polling-stations")
    assert _questions(facts, "police-at-polling-stations") == ("How many police?",)


@pytest.mark.parametrize(("question", "fact_id", "message"), [
    ("Who won the UK election?", "johnson-prime-minister", "already has the question"),
    ("WHO WON the  UK election?", "johnson-prime-minister", "already has the question"),
    ("   ", "johnson-prime-minister", "the question is empty"),
    ("Who won?", "no-such-fact", "no fact 'no-such-fact'"),
])
def test_what_cannot_be_taught(facts, question, fact_id, message):
    before = (facts / STORY / "facts.toml").read_bytes()
    with pytest.raises(TeachError, match=message):
        teach_fact(facts, question, fact_id)
    assert (facts / STORY / "facts.toml").read_bytes() == before


def test_an_edit_that_would_break_the_story_is_undone(facts, monkeypatch):
    from bot.curation import teach as teaching
    from bot.factbase.models import Problem

    path = facts / STORY / "facts.toml"
    before = path.read_bytes()
    found = iter([[], [Problem("facts.toml", "x", "broken by the edit")]])
    monkeypatch.setattr(teaching, "_story_errors", lambda *args: next(found))
    with pytest.raises(TeachError, match="would break the story.*broken by the edit"):
        teach_fact(facts, "Who congratulated the winner?", "pompeo-congratulated-johnson")
    assert path.read_bytes() == before


def test_errors_the_story_had_already_do_not_stop_a_lesson(facts):
    path = facts / STORY / "facts.toml"
    path.write_text(path.read_text(encoding="utf-8") + '\n[[fact]]\nid = "half-written"\n',
                    encoding="utf-8")
    teach_fact(facts, "Who congratulated the winner?", "pompeo-congratulated-johnson")
    assert "Who congratulated the winner?" in path.read_text(encoding="utf-8")


def test_the_story_does_not_say(facts, tmp_path):
    story_file = facts / STORY / "story.toml"
    before = story_file.read_text(encoding="utf-8")
    lesson = teach_not_in_story(facts, "What was the turnout?", STORY)
    base, problems = load_factbase(facts)
    assert not problems and base.stories[STORY].unanswerable == ("What was the turnout?",)
    engine = Engine.open(ensure_index(facts, tmp_path / "i.db").db_path)
    for question in ("What was the turnout?", "what was turnout"):
        answer = engine.ask(question)
        assert not answer.answered and answer.reason == "not-in-story", question
        assert answer.score >= engine.settings.answer_threshold
    declined = engine.ask("How tall is Boris Johnson?")
    assert all(not a.fact_id.endswith("not-in-story") for a in declined.alternatives)
    assert "What was the turnout?" not in engine.suggest_questions("turnout")
    with pytest.raises(TeachError, match="already lists"):
        teach_not_in_story(facts, "what was the TURNOUT?", STORY)
    unteach(facts, lesson)
    assert story_file.read_text(encoding="utf-8") == before


def test_lessons_are_recorded_and_undone_latest_first(facts, tmp_path):
    log = LessonLog(tmp_path / "log.db")
    first = teach(facts, log, "How many cops?", by="ann", fact_id="police-at-polling-stations")
    second = teach(facts, log, "What was the turnout?", by="bob", story_id=STORY)
    assert [r.id for r in log.latest()] == [second.id, first.id]
    assert (first.taught_by, first.lesson.fact_id) == ("ann", "police-at-polling-stations")
    undone = undo(facts, log, by="carol")
    assert undone.id == second.id
    assert log.get(second.id).undone_by == "carol"
    assert undo(facts, log, by="carol").id == first.id
    assert "How many cops?" not in _questions(facts, "police-at-polling-stations")
    with pytest.raises(TeachError, match="nothing to undo"):
        undo(facts, log, by="carol")
    with pytest.raises(TeachError, match="undone already"):
        undo(facts, log, by="carol", lesson_id=first.id)
    log.close()
