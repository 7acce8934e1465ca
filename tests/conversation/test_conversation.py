"""Follow-up questions read against the conversation, end to end over the engine."""

from __future__ import annotations

import glob
import json
from pathlib import Path

import pytest

from bot.conversation import Context, converse
from bot.conversation.scoring import Score, load_conversations
from tests.conftest import DATA_DIR
from tests.conversation.conftest import CONVERSATIONS_DIR

IRAQ = "us-iraq-withdrawal"
UK = "uk-election"


def talk(engine, *turns, story=IRAQ):
    context = Context(story=story)
    return [converse(engine, context, turn) for turn in turns]


def test_he_is_the_person_just_asked_about_and_the_answer_says_so(conversation_engine):
    _, said = talk(conversation_engine, "who is Pompeo?", "where did he speak?")
    assert said.answer.answered and "white house briefing" in said.answer.answer.lower()
    assert said.follow_up.kind == "pronoun"
    assert said.follow_up.note == "Taking 'he' as Mike Pompeo"
    assert said.follow_up.taken_as == "where did Mike Pompeo speak?"


def test_the_answer_to_a_who_question_is_what_he_means_next(conversation_engine):
    _, answer, why = talk(conversation_engine, "who ordered the strike on Soleimani?",
                          "why did he do it?", "who said that?")
    assert "Donald Trump" in answer.follow_up.note
    assert "pompeo" in why.answer.answer.lower() or "white house" in why.answer.answer.lower()


def test_it_there_and_then(conversation_engine):
    _, where = talk(conversation_engine, "when was Soleimani killed?", "where did it happen?")
    assert "Airstrike" in where.follow_up.note and "baghdad" in where.answer.answer.lower()
    _, there = talk(conversation_engine, "How many US troops are in Iraq?",
                    "what are they doing there?")
    assert "'there' as Iraq" in there.follow_up.note
    _, same_day = talk(conversation_engine, "When was the White House briefing?",
                       "what else happened then?")
    assert "10 January 2020" in same_day.follow_up.note
    assert "statement" in same_day.answer.answer.lower()


def test_it_after_what_the_story_is_about_is_the_story(conversation_engine):
    about, said = talk(conversation_engine, "what is this story about?", "who wrote it?")
    assert about.answer.answered
    assert said.answer.answered and "leo shane" in said.answer.answer.lower()


def test_the_story_a_conversation_is_about_answers_questions_about_the_story(
        conversation_engine):
    """With no story chosen and several loaded, "who wrote this article?" means the story
    the conversation is about; asked first, which stories there are."""
    first = talk(conversation_engine, "who wrote this article?", story=None)[0]
    assert first.answer.reason == "which-story"
    _, wrote, ran = talk(conversation_engine, "who congratulated Boris Johnson?",
                         "who wrote this article?", "when did the story run?", story=None)
    assert wrote.answer.answered and "Ann Writer" in wrote.answer.answer
    assert ran.answer.answered and ran.answer.fact_id == "uk-election-published"


def test_two_people_it_could_mean_are_asked_about_not_guessed(conversation_engine):
    context = Context(story=IRAQ)
    converse(conversation_engine, context, "Did Pompeo say Trump made the right choice?")
    which = converse(conversation_engine, context, "what else did he say?")
    assert not which.answer.answered and which.answer.reason == "ambiguous"
    assert [c.name for c in which.follow_up.choices] == ["Mike Pompeo", "Donald Trump"]
    assert "Mike Pompeo or Donald Trump" in which.answer.message
    picked = converse(conversation_engine, context, "Trump")
    assert picked.follow_up.note == "Taking 'he' as Donald Trump"
    assert picked.follow_up.taken_as == "what else did Donald Trump say?"


def test_a_question_that_names_its_subject_ignores_the_context(conversation_engine):
    for first in ("who is Pompeo?", "how many troops are in Iraq?", "give me the timeline"):
        context = Context(story=IRAQ)
        converse(conversation_engine, context, first)
        reply = converse(conversation_engine, context, "when was Soleimani killed?")
        assert reply.follow_up is None
        assert reply.answer == conversation_engine.ask("when was Soleimani killed?", story=IRAQ)


def test_bare_question_words_ask_about_the_last_fact(conversation_engine):
    _, when = talk(conversation_engine, "who ordered the airstrike?", "when?")
    assert when.answer.answer.startswith("3 January 2020")
    _, how_many = talk(conversation_engine, "what are US troops doing in Iraq?", "how many?")
    assert "5,000" in how_many.answer.answer
    _, why = talk(conversation_engine, "Might the US downsize its forces in Iraq?", "why?")
    assert why.follow_up.taken_as.startswith("why might")


def test_who_said_that_names_the_speaker_or_declines(conversation_engine):
    _, said = talk(conversation_engine, "Is America safer after the strike?", "who said that?")
    assert said.answer.answer.startswith("Mike Pompeo said it")
    _, nobody = talk(conversation_engine, "how many troops are in Iraq?", "who said that?")
    assert not nobody.answer.answered and nobody.answer.reason == "no-speaker"


def test_and_x_repeats_the_last_question_about_x(conversation_engine):
    _, trump, soleimani = talk(conversation_engine, "Who is Pompeo?", "and Trump?",
                               "and Soleimani?")
    assert trump.follow_up.taken_as == "Who is Trump?"
    assert "president" in trump.answer.answer.lower()
    assert "quds" in soleimani.answer.answer.lower()


def test_tell_me_more_never_repeats_a_fact(conversation_engine):
    replies = talk(conversation_engine, "who opposed the resolution?",
                   *["tell me more"] * 6)
    shown = [r.answer.fact_id for r in replies if r.answer.answered]
    assert len(shown) == len(set(shown)) == 7


def test_intents_route_to_the_timeline_people_and_source(conversation_engine):
    timeline, cast, source, about = talk(
        conversation_engine, "give me the timeline", "who is in this story?",
        "show me the source", "what is this article about?")
    assert "3 January 2020" in timeline.answer.answer
    assert timeline.answer.answer.index("2019") < timeline.answer.answer.index("3 January 2020")
    assert "Mike Pompeo" in cast.answer.answer and "Places:" in cast.answer.answer
    assert "Military Times" in source.answer.answer and "Leo Shane" in source.answer.answer
    assert about.answer.answered and "withdraw" in about.answer.answer.lower()
    _, after, before = talk(conversation_engine, "who ordered the airstrike?",
                            "what happened next?", "what happened before that?")
    assert "briefing" in after.answer.answer.lower()
    assert "soleimani" in before.answer.answer.lower()


def test_what_happened_next_steps_through_a_day_in_the_curators_order(conversation_engine):
    """Five events on 10 January: "next" and "before" step one at a time, as the timeline
    lists them, not by their ids."""
    _, briefing_next, then, back = talk(
        conversation_engine, "who ordered the airstrike?", "what happened next?",
        "and then?", "what happened before that?")
    assert "White House briefing" in briefing_next.answer.answer
    assert "not preparing to withdraw completely" in then.answer.answer
    assert "White House briefing" in back.answer.answer


def test_a_follow_up_with_nothing_before_it_is_just_a_question(conversation_engine):
    for text in ("what did he say?", "why?", "and Trump?", "tell me more", "who said that?"):
        reply = converse(conversation_engine, Context(story=IRAQ), text)
        assert reply.follow_up is None
        assert reply.answer == conversation_engine.ask(text, story=IRAQ)


def test_first_turns_are_answered_as_the_engine_answers_them(conversation_engine):
    """Every labelled single question, as the first turn of a conversation: the same answer."""
    for path in sorted(glob.glob(str(DATA_DIR / "*questions*.jsonl"))):
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            if line.strip():
                question = json.loads(line)["q"]
                reply = converse(conversation_engine, Context(), question)
                assert reply.answer == conversation_engine.ask(question), question


@pytest.mark.parametrize("name, min_right, max_wrong", [
    ("conversations.jsonl", 0.90, 0.02),
    # Run once after building (16 of 18 follow-ups right, none wrong): now a regression
    # guard at the level reached. Improve on the development set, not on this one.
    ("blind_conversations.jsonl", 0.88, 0.02),
])
def test_labelled_conversations_meet_the_bar(conversation_engine, name, min_right, max_wrong):
    score = Score()
    for conversation in load_conversations(CONVERSATIONS_DIR / name):
        context = Context(story=conversation["story"])
        for index, turn in enumerate(conversation["turns"]):
            reply = converse(conversation_engine, context, turn["q"])
            score.add(conversation["id"], index, turn, reply.to_dict())
    report = score.summary() + "\n" + "\n".join(score.misses)
    assert score.follow_ups_right >= min_right * score.follow_ups, report
    assert score.follow_ups_wrong <= max_wrong * score.follow_ups, report


def test_greetings_and_empty_turns_leave_the_context_alone(conversation_engine):
    context = Context(story=IRAQ)
    converse(conversation_engine, context, "who is Pompeo?")
    for text in ("hello", "   ", "help"):
        converse(conversation_engine, context, text)
    said = converse(conversation_engine, context, "where did he speak?")
    assert said.follow_up.note == "Taking 'he' as Mike Pompeo"
