"""What readers type, and what the engine must do with it."""

from __future__ import annotations

import json

import pytest

from bot.engine.engine import Engine, plainly_affirms
from bot.language.text import tokens


def _answers(engine: Engine, question: str, fragment: str) -> None:
    answer = engine.ask(question)
    assert answer.answered, (question, answer.reason, answer.score)
    assert fragment in answer.answer.lower(), (question, answer.answer)


def test_answer_object_carries_everything_a_front_needs(engine):
    answer = engine.ask("When was Soleimani killed?")
    assert answer.answered
    assert engine.fact(answer.fact_id) is not None
    assert 0 < answer.score <= 100
    assert answer.quote and answer.quote in engine.stories["us-iraq-withdrawal"].article_text
    assert answer.date == "2020-01-03"
    assert answer.story["outlet"] == "Military Times"
    assert len(answer.alternatives) <= 3
    json.dumps(answer.to_dict())  # serialisable as is


@pytest.mark.parametrize("question, fragment", [
    ("who oposed the resolutoin", "sunni"),  # typos
    ("who opposed the resolution", "kurd"),  # lower case, no punctuation
    ("how many US troops are stationed in Iraq", "5,000"),
    ("how many U.S. troops r in iraq", "5,000"),  # abbreviation, chat spelling
    ("what is the name of Iraq's PM", "abdul-mahdi"),  # alias
    ("who did the Americans fight alongside Iraqi forces", "islamic state"),
    ("soleimani", "quds force"),  # entity look-up
    ("tell me about Abdul-Mahdi", "prime minister"),
    ("hoo is the secretery of state", "pompeo"),
    ("when was Soleimani killed?", "3 january 2020"),  # dates
    ("Were Iraqi officials told about the strike in advance?", "not"),  # yes/no
    ("who wrote this story?", "leo shane"),  # the story itself
    ("when was the article published", "10 january 2020"),
])
def test_readers_questions(engine, question, fragment):
    _answers(engine, question, fragment)


@pytest.mark.parametrize("question", [
    "How many NATO troops are in Iraq?",
    "Who opposed the new sanctions?",
    "What is the GDP of Iran?",
    "Who is the king of Spain?",
    "When will the last US soldier leave Iraq?",
    "zzzz",
])
def test_questions_the_story_does_not_answer_are_declined(engine, question):
    answer = engine.ask(question)
    assert not answer.answered, (question, answer.fact_id, answer.score)
    assert answer.message and "don't know" in answer.message
    assert answer.reason


@pytest.mark.parametrize("question", [
    "who is going to head the US delegation?",  # the future: the story cannot know
    "How did Tehran react to the strike?",  # Iran's reaction: the story quotes others
    "what time of day did the strike happen?",  # a time of day the story never gives
    "What award did Leo Shane win in 2015?",  # another year
    "What did Trump say at the White House briefing?",  # Pompeo spoke there, not Trump
])
def test_questions_framed_differently_from_the_nearest_fact_are_declined(engine, question):
    answer = engine.ask(question)
    assert not answer.answered, (question, answer.fact_id, answer.score)


@pytest.mark.parametrize("question, fragment", [
    ("What will the US keep fighting, according to the White House?", "will continue"),
    ("What did the White House say about sanctions?", "sanctions"),
])
def test_the_same_frames_answered_when_the_fact_fits(engine, question, fragment):
    _answers(engine, question, fragment)


def test_yes_no_questions_get_a_plain_yes_or_no(engine):
    assert engine.ask("Did Pompeo say America is safer?").answer.startswith("Yes: ")
    assert engine.ask("Were Iraqi officials told about the strike in advance?") \
        .answer.startswith("No")
    assert not engine.ask("Didn't Pompeo say America is safer?").answer.startswith("Yes")


@pytest.mark.parametrize("question, answer, plain_yes", [
    ("did they pay up", "the trust had refused to pay the ransom", False),
    ("was the vote held", "the vote was postponed until march", False),
    ("did the court hear the case", "the court dismissed the lawsuit", False),
    ("did anyone die", "no one was hurt", False),
    ("didn't he resign", "he resigned on friday", False),
    ("did he resign", "he resigned on friday", True),
    ("did the trust pay", "the trust paid the ransom on monday", True),
])
def test_a_plain_yes_only_for_an_answer_that_affirms(question, answer, plain_yes):
    assert plainly_affirms(tokens(question), tokens(answer)) is plain_yes


@pytest.mark.parametrize("text, reason", [
    ("", "empty"), ("   \t ", "empty"), ("?!", "empty"),
    ("hello", "greeting"), ("hi there bot", "greeting"), ("help", "help"),
    ("what can you do?", "help"), ("help me please", "help"),
])
def test_empty_greetings_and_help_get_a_how_to(engine, text, reason):
    answer = engine.ask(text)
    assert not answer.answered
    assert answer.reason == reason
    assert answer.message


def test_a_question_that_starts_like_a_help_request_is_still_answered(engine):
    answer = engine.ask("what do you know about soleimani?")
    assert answer.answered and "quds force" in answer.answer.lower()


def test_did_you_mean_answers_the_chosen_fact(engine):
    answer = engine.ask("sunni")
    fact_ids = [a.fact_id for a in answer.alternatives] or [answer.fact_id]
    chosen = engine.answer_fact(fact_ids[0])
    assert chosen.answered and chosen.fact_id == fact_ids[0]
    assert engine.answer_fact("no-such-fact") is None


def test_a_huge_question_is_cut_and_still_handled(engine):
    answer = engine.ask("who opposed the resolution? " + "x" * 10_000)
    assert len(answer.question) <= 500
    assert answer.answered or answer.reason


@pytest.mark.parametrize("question", [
    'who "opposed" the resolution*', "troops -iraq", "title:pompeo", "(soleimani OR trump)",
    "pompeo NEAR trump", "iraq AND NOT iran", "^troops", "'; DROP TABLE facts; --",
    "who\x00opposed\x07 the\x1b[31m resolution", "who\u200b opposed\u200d the\ufeff resolution",
    "who opposed the resolution 🤔🔥", "‏من عارض القرار؟‏", "谁反对这项决议？",
    "Qui s'est opposé à la résolution ?", "\ud800 lone surrogate", "🇺🇸" * 300,
])
def test_hostile_and_unusual_text_never_raises(engine, question):
    answer = engine.ask(question)
    assert isinstance(answer.answered, bool)
    json.dumps(answer.to_dict())


def test_zero_width_characters_do_not_change_the_answer(engine):
    plain = engine.ask("who opposed the resolution")
    hidden = engine.ask("who\u200b op\u200dposed the reso\ufefflution")
    assert plain.fact_id == hidden.fact_id


def test_timeline_in_date_order_and_about_an_entity(engine):
    events, entity = engine.timeline()
    assert entity is None and len(events) >= 5
    assert [e.date for e in events] == sorted(e.date for e in events)
    about, entity = engine.timeline("soleimani")
    assert entity.id == "soleimani"
    assert about and all(e in events for e in about)
    assert any(e.date.isoformat() == "2020-01-03" for e in about)
    assert engine.timeline("nobody at all") == ([], None)


def test_find_entity_accepts_aliases_and_near_spellings(engine):
    assert engine.find_entity("ISIS").id == "islamic-state"
    assert engine.find_entity("Soliemani").id == "soleimani"
    assert engine.find_entity("") is None


def test_a_lead_decides_as_a_search_of_every_fact_would(bundled_index):
    """With the lead counting, the search still scores exactly every fact that can change
    the decision: each answer is the one a search without any bar gives."""
    from bot.engine.calibrate import load_labelled
    from bot.engine.formulas import ScoringWeights, confidence
    from bot.engine.settings import EngineSettings
    from tests.conftest import DATA_DIR

    weights = ScoringWeights(margin_weight=0.75, margin_cap=30.0)
    engine = Engine.open(bundled_index, EngineSettings(answer_threshold=70.0, semantic=False),
                         weights)
    asked = [item for name in ("dev_questions.jsonl", "questions.jsonl",
                               "holdout_questions.jsonl")
             for item in load_labelled(DATA_DIR / name)]
    for item in asked:
        answer = engine.ask(item["q"])
        analysis = engine.analyzer.analyze(item["q"])
        every = engine.scorer.score(analysis, limit=4,
                                    preferred=engine._profiles_of(analysis, None))
        profile = engine._entity_profile(analysis, None)  # chosen by name, before scores
        if profile is not None:
            every = [profile, *[s for s in every if s.fact.id != profile.fact.id]]
        if answer.reason not in ("below-threshold", None) or not every:
            continue
        if answer.fact_id == every[0].fact.id:
            sure = confidence(weights, every[0].score,
                              every[1].score if len(every) > 1 else None, every[0].coverage)
            assert answer.score == pytest.approx(round(sure, 1)), item["q"]
        assert answer.answered == (answer.score >= 70.0), item["q"]


@pytest.mark.parametrize("answer, days_after, tells_of_future", [
    ("The plant will close by March 31, 2030.", 0, True),  # said on the day, of a later year
    ("The plant opened in 1979.", 0, False),
    ("The plant closed.", 3, True),  # dated after the story
    ("The plant closed.", 0, False),
    ("The report is due within 30 days.", None, True),  # undated, told as to come
    ("The report came out.", None, False),
])
def test_when_will_is_answered_by_a_fact_that_tells_of_a_later_time(engine, answer, days_after,
                                                                    tells_of_future):
    import datetime as dt

    from bot.factbase.models import Fact

    story = next(iter(engine.stories.values()))
    fact = Fact(id="f", story_id=story.id, answer=answer, quote=answer,
                date=None if days_after is None
                else story.published + dt.timedelta(days=days_after))
    assert engine._dated_after_story(fact) is tells_of_future


@pytest.mark.parametrize("answer, date, headed", [
    # its own words state no date: headed by the fact's date, the article's words beside it
    ("The airstrike took place near Baghdad airport.", "2020-01-03",
     "3 January 2020 (“the 3rd January”): The airstrike took place near Baghdad airport."),
    ("The airstrike came on 3 January.", "2020-01-03", None),  # states it already
    ("The airstrike took place near Baghdad airport.", None, None),  # no date to give
])
def test_a_when_answer_states_its_date(answer, date, headed):
    import datetime as dt

    from bot.engine.answer import Answer
    from bot.factbase.models import Fact

    fact = Fact(id="f", story_id="s", answer=answer, quote=answer,
                date=dt.date.fromisoformat(date) if date else None,
                date_text="the 3rd January" if date else None)
    plain = Answer(question="when?", answered=True, answer=answer, when=fact.when())
    assert Engine._headed_with_date(plain, fact).answer == (headed or answer)


def test_when_is_answered_by_a_fact_dated_only_in_its_date_field(tmp_path):
    # The lightly curated story's fact "The US airstrike killed Qassem Soleimani..." gives
    # its date only in its date field; asked when, the reader reads the date first.
    from bot.engine.settings import EngineSettings
    from bot.index.store import ensure_index
    from tests.conftest import DATA_DIR

    light = Engine.open(ensure_index(DATA_DIR / "light" / "facts", tmp_path / "i.db").db_path,
                        EngineSettings(semantic=False))
    answer = light.ask("On which day was the Quds commander killed?")
    assert answer.answered, (answer.reason, answer.score)
    assert answer.answer.startswith("3 January 2020"), answer.answer
    # asked where, the same fact is not headed by its date
    where = light.ask("Where was Soleimani killed?")
    assert not where.answer.startswith("3 January"), where.answer
