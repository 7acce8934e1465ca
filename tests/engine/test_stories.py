"""Several stories in one fact base: answers name their story, and stories that share a
person, or a name for different people, do not mix their facts up."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from bot.engine.engine import Engine, asks_what_story_says
from bot.factbase.loader import has_errors, load_factbase
from bot.factbase.models import Story
from bot.factbase.story_facts import SUMMARY, lead
from bot.index.store import ensure_index
from bot.language.analyzer import Analyzer
from tests.conftest import DATA_DIR, FACTS_DIR

IRAQ = "us-iraq-withdrawal"
UK = "uk-election"


def test_two_stories_sharing_an_entity_id_and_an_alias_load_cleanly(two_stories):
    base, problems = load_factbase(two_stories)
    assert not has_errors(problems), [str(p) for p in problems if p.level == "error"]
    assert base.entity(IRAQ, "pompeo").profile == "pompeo-secretary-of-state"
    assert base.entity(UK, "pompeo").profile == "pompeo-congratulated-johnson"


@pytest.mark.parametrize(("story", "profile"), [
    (IRAQ, "abdul-mahdi-iraqi-prime-minister"),
    (UK, "johnson-prime-minister"),
])
def test_a_shared_name_means_each_storys_own_person(two_story_engine, story, profile):
    answer = two_story_engine.ask("who is the PM?", story=story)
    assert answer.answered and answer.fact_id == profile
    assert answer.story["id"] == story


@pytest.mark.parametrize(("story", "profile"), [
    (IRAQ, "pompeo-secretary-of-state"),
    (UK, "pompeo-congratulated-johnson"),
])
def test_the_same_person_is_described_by_each_story(two_story_engine, story, profile):
    answer = two_story_engine.ask("who is Pompeo", story=story)
    assert answer.fact_id == profile


def test_questions_across_stories_find_the_story_that_answers(two_story_engine):
    uk = two_story_engine.ask("who congratulated Boris Johnson on winning?")
    assert uk.answered and uk.fact_id == "pompeo-congratulated-johnson"
    assert uk.story["title"] == "Johnson wins UK election with large majority"
    iraq = two_story_engine.ask("How many US troops are in Iraq?")
    assert iraq.answered and iraq.fact_id == "us-troops-5000-in-iraq"
    assert iraq.story["id"] == IRAQ


def test_a_question_scoped_to_another_story_is_not_answered_from_this_one(two_story_engine):
    answer = two_story_engine.ask("How many police officers were at the polling stations?",
                                  story=IRAQ)
    assert not answer.answered
    assert two_story_engine.ask("How many police officers were at the polling stations?",
                                story=UK).fact_id == "police-at-polling-stations"


def test_story_record_facts_belong_to_their_story(two_story_engine):
    assert "Ann Writer" in two_story_engine.ask("who wrote this story?", story=UK).answer
    assert "Leo Shane" in two_story_engine.ask("who wrote this story?", story=IRAQ).answer


def test_unknown_story_is_said_so(two_story_engine):
    answer = two_story_engine.ask("who is the PM?", story="no-such-story")
    assert not answer.answered and answer.reason == "unknown-story"


def test_timeline_and_entities_per_story(two_story_engine):
    engine = two_story_engine
    uk_events, _ = engine.timeline(story=UK)
    assert [e.id for e in uk_events] == ["uk-general-election"]
    all_events, _ = engine.timeline()
    assert {e.story_id for e in all_events} == {IRAQ, UK}
    assert engine.find_entity("Pompeo", story=UK).story_id == UK
    assert engine.find_entity("Pompeo").story_id == IRAQ  # the newer story speaks first
    everywhere = {f.story_id for f in engine.entity_facts("pompeo")}
    assert everywhere == {IRAQ, UK}
    assert {f.story_id for f in engine.entity_facts("pompeo", UK)} == {UK}


def test_stories_are_found_by_id_or_title(two_story_engine):
    engine = two_story_engine
    assert engine.find_story(UK).id == UK
    assert engine.find_story("johnson wins uk election").id == UK
    assert engine.find_story("something else entirely") is None
    assert [s.id for s in engine.suggest_stories("")] == [IRAQ, UK]  # newest first
    assert engine.suggest_stories("iraq")[0].id == IRAQ


def test_autocomplete_suggests_the_storys_own_questions(two_story_engine):
    uk_only = two_story_engine.suggest_questions("", story=UK)
    assert "Who congratulated Johnson?" in uk_only
    assert "Who opposed the resolution?" not in uk_only


@pytest.mark.parametrize("question", [
    "What is this story about?",
    "what is this article about",
    "What's the news about?",
    "give me a summary of the story",
])
def test_what_the_story_is_about_is_the_curators_summary_when_one_story_is_loaded(
        engine, question):
    answer = engine.ask(question)
    assert answer.answered, (question, answer.reason)
    # The bundled story has a fact curated for "what is this story about?": it overrides
    # the one written from the story record.
    assert not answer.fact_id.endswith(SUMMARY)
    assert "what is this story about?" in [
        q.casefold() for q in engine.fact(answer.fact_id).questions]


def test_a_question_about_a_topic_of_the_story_is_not_its_summary(engine):
    answer = engine.ask("What is the story about Soleimani?")
    assert not (answer.fact_id or "").endswith(SUMMARY)


def test_with_several_stories_and_none_chosen_the_reader_hears_which_there_are(
        two_story_engine):
    answer = two_story_engine.ask("What is this story about?")
    assert not answer.answered
    assert answer.reason == "which-story"
    for story in two_story_engine.stories.values():
        assert story.title in answer.message


def test_with_several_stories_the_chosen_one_says_what_it_is_about(two_story_engine):
    answer = two_story_engine.ask("What is this story about?", story="uk-election")
    assert answer.answered
    assert two_story_engine.stories["uk-election"].title in answer.answer
    assert answer.story["id"] == "uk-election"
    # No fact of that story is curated for it: its lead paragraph, not its headline.
    assert answer.fact_id == f"uk-election{SUMMARY}"
    story = two_story_engine.stories["uk-election"]
    assert answer.quote in story.article_text and answer.quote != story.title


@pytest.mark.parametrize("question", [
    "Who wrote this article?",
    "who is the reporter?",
    "When did the story run?",
    "when was this article published?",
    "where was this story published?",
    "What is the headline?",
])
def test_with_several_stories_a_question_about_the_story_asks_which(two_story_engine,
                                                                     question):
    answer = two_story_engine.ask(question)
    assert not answer.answered and answer.reason == "which-story", answer.fact_id
    for story in two_story_engine.stories.values():
        assert story.title in answer.message
    for story in two_story_engine.stories:  # asked of one story, its own record answers
        chosen = two_story_engine.ask(question, story=story)
        assert chosen.answered and chosen.story["id"] == story


@pytest.mark.parametrize("question, story", [
    ("what's going on with the UK election?", "uk-election"),  # its headline's words
    ("tell me about the election", "uk-election"),
    ("what happened in Iraq?", IRAQ),  # its lead's
])
def test_an_overview_of_what_one_storys_headline_names_is_its_summary(two_story_engine,
                                                                     question, story):
    answer = two_story_engine.ask(question)
    assert answer.answered and answer.story["id"] == story, answer.reason
    assert answer.fact_id == two_story_engine._summary_fact(story).id


@pytest.mark.parametrize("question", [
    "whats the news?",  # names no story: which one?
    "give me a summary",
])
def test_an_overview_naming_no_story_asks_which(two_story_engine, question):
    answer = two_story_engine.ask(question)
    assert not answer.answered and answer.reason == "which-story"
    chosen = two_story_engine.ask(question, story="uk-election")
    assert chosen.fact_id == two_story_engine._summary_fact("uk-election").id


@pytest.mark.parametrize("question", [
    "tell me about Pompeo",  # a person: his profile, not the story
    "what happened to the embassy?",  # a detail the headline and lead do not give
])
def test_an_overview_of_something_else_is_no_summary(engine, question):
    answer = engine.ask(question)
    assert not (answer.fact_id or "").endswith(SUMMARY)
    assert answer.fact_id != engine._summary_fact(IRAQ).id


@pytest.mark.parametrize("question, fact_id", [
    ("who wrote the story about the UK election?", "uk-election-byline"),
    ("when was the story about the election published?", "uk-election-published"),
])
def test_a_question_naming_the_storys_topic_is_answered_from_that_story(
        two_story_engine, question, fact_id):
    assert two_story_engine.ask(question).fact_id == fact_id


def test_the_stories_to_choose_from_are_the_newest_few(two_story_engine, monkeypatch):
    monkeypatch.setattr("bot.engine.engine.STORIES_LISTED", 1)
    message = two_story_engine.ask("who wrote this article?").message
    assert two_story_engine.stories[IRAQ].title in message  # the newer one
    assert two_story_engine.stories[UK].title not in message and "and 1 more" in message


@pytest.mark.parametrize("question, asks", [
    ("What is this story about?", True),
    ("what's the article about", True),
    ("Summarize the news", True),
    ("give me the gist of this piece", True),
    ("What is the story about Soleimani?", False),  # a topic of its own
    ("Who wrote this story?", False),  # the byline, not what it says
    ("What is this about?", False),  # no word for the story: may follow a topic
    ("What did the report say about troops?", False),
])
def test_which_questions_ask_what_the_story_says(question, asks):
    analysis = Analyzer([], []).analyze(question)
    assert asks_what_story_says(analysis) is asks


def test_a_storys_lead_is_its_first_paragraph_after_the_headline():
    story = Story(id="s", title="Bees return", outlet="O", author="A",
                  published=dt.date(2024, 1, 1), article_path="a.txt",
                  article_text="Bees return\n\n\nThe bees came back on Monday.\n\nMore text.")
    assert lead(story) == "The bees came back on Monday."
    assert lead(replace(story, article_text="")) == "Bees return"


# -- a story's answers do not depend on the stories beside it ------------------------------

STORIES_DIR = DATA_DIR / "stories"
TEST_STORIES = tuple(sorted(p.name for p in STORIES_DIR.iterdir() if p.is_dir()))


def _facts_with(target: Path, stories: tuple[str, ...], bundled: bool) -> Path:
    """A facts folder with the shared files, these test stories and maybe the bundled one."""
    target.mkdir(parents=True)
    for entry in FACTS_DIR.iterdir():
        if entry.is_file():
            shutil.copy2(entry, target / entry.name)
    if bundled:
        shutil.copytree(FACTS_DIR / IRAQ, target / IRAQ)
    for story in stories:
        shutil.copytree(STORIES_DIR / story, target / story)
    return target


@pytest.fixture(scope="module")
def every_story_engine(tmp_path_factory) -> Engine:
    root = tmp_path_factory.mktemp("every-story")
    return Engine.open(ensure_index(_facts_with(root / "facts", TEST_STORIES, True),
                                    root / "index.db").db_path)


def _labelled(path: Path) -> list[str]:
    if not path.exists():
        return []
    return [json.loads(line)["q"] for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def _typo(question: str) -> str:
    """The question with two letters of its longest word swapped."""
    words = question.split()
    longest = max(range(len(words)), key=lambda i: len(words[i]))
    word = words[longest]
    words[longest] = word[:2] + word[3] + word[2] + word[4:] if len(word) > 4 else word
    return " ".join(words)


def _questions(story: str, engine: Engine) -> list[str]:
    """The story's labelled dev questions, its facts' curated ones, every other test story's
    dev questions (asked of this one), and each with a typo."""
    asked = _labelled(STORIES_DIR / story / "dev_questions.jsonl")
    if story == IRAQ:
        asked += _labelled(DATA_DIR / "dev_questions.jsonl")
    first, last = engine.reader.story_rows[story]
    for found in engine.reader.facts_at(list(range(first, last + 1))).values():
        asked += list(found.fact.questions[:3])
    for other in TEST_STORIES:
        if other != story:
            asked += _labelled(STORIES_DIR / other / "dev_questions.jsonl")
    asked += ["who wrote this article?", "What is this story about?", "who is the PM?",
              "who is Pompeo?"]
    return list(dict.fromkeys(asked + [_typo(q) for q in asked]))


@pytest.mark.parametrize("story", [*TEST_STORIES, IRAQ])
def test_a_storys_answers_are_the_same_beside_other_stories(every_story_engine, story,
                                                             tmp_path):
    """Asked of one story, a question is answered the same, scores and suggestions alike,
    whether that story is alone or beside others: its terms are weighed, and its names and
    spellings read, by that story alone."""
    alone = Engine.open(ensure_index(
        _facts_with(tmp_path / "facts", () if story == IRAQ else (story,), story == IRAQ),
        tmp_path / "index.db").db_path)
    questions = _questions(story, alone)
    assert len(questions) > 100
    moved = [q for q in questions
             if alone.ask(q, story=story) != every_story_engine.ask(q, story=story)]
    assert moved == []
    # Alone, it answers the same asked of it or of every story.
    assert [q for q in questions if alone.ask(q, story=story) != alone.ask(q)] == []


LABELLED_STORIES = tuple(s for s in TEST_STORIES
                         if (STORIES_DIR / s / "dev_questions.jsonl").is_file())


@pytest.mark.parametrize("story", LABELLED_STORIES)
def test_asked_of_no_story_a_question_is_answered_as_its_best_storys_channel_would(
        every_story_engine, story):
    """With every story loaded and none chosen, a question whose best fact comes from a
    story that answers it is not declined because other stories dilute its words: the
    reader in a general channel hears what the story's own channel would say."""
    engine = every_story_engine
    questions = _labelled(STORIES_DIR / story / "dev_questions.jsonl")
    recovered, missed = [], []
    for question in questions:
        anywhere = engine.ask(question)
        if anywhere.answered or anywhere.reason != "below-threshold":
            if anywhere.answered and engine.fact(anywhere.fact_id).story_id == story:
                recovered.append(question)
            continue
        best = anywhere.alternatives[0].fact_id if anywhere.alternatives else None
        if best is None or engine.fact(best).story_id != story:
            continue
        if engine.ask(question, story=story).answered:
            missed.append(question)
    assert missed == []
    assert recovered  # the story's questions are answered with no story chosen


@pytest.mark.parametrize("question, summary", [
    ("whats going on with this airline?", True),  # the body the headline is about
    ("tell me about the airline", True),
    ("tell me about Vennick", False),  # a person: their profile, not the story
])
def test_an_overview_of_the_body_a_headline_names_is_the_summary(every_story_engine,
                                                                 question, summary):
    story = "aurelin-air-grounding"
    answer = every_story_engine.ask(question, story=story)
    assert (answer.fact_id == every_story_engine._summary_fact(story).id) is summary, \
        answer.fact_id
