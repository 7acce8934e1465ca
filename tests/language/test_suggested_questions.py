"""Suggested questions: one row per shape, made from the fact's own sentence."""

from __future__ import annotations

import pytest

from bot.language.suggested_questions import Named, suggest_questions

CONSERVANCY = Named("Tern Valley Conservancy", "organisation", ("the conservancy",))
BRANDT = Named("Tomas Brandt", "person", ("Brandt",))
FERREIRA = Named("Paul Ferreira", "person", ("Ferreira",))
HOUSE = Named("U.S. House", "organisation", ("House",))
IRAQ = Named("Iraq", "place")


@pytest.mark.parametrize(("sentence", "options", "expected"), [
    # who did it: the subject replaced by who/what
    ("The House passed a bill that created the wetland grants.", {"entities": [HOUSE]},
     "Who passed a bill that created the wetland grants?"),
    ("Pompeo says the US will stay.", {"entities": [Named("Mike Pompeo", "person",
                                                          ("Pompeo",))]},
     "Who says the US will stay?"),
    ("A breeding pair of cranes has nested in the wetland.", {},
     "What has nested in the wetland?"),
    # when: a passive verb with its date, and what happened on the date
    ("The birds were spotted on May 14 by a volunteer.",
     {"date_text": "May 14", "date_precision": "day"}, "When were the birds spotted?"),
    ("The birds were spotted on May 14 by a volunteer.",
     {"date_text": "May 14", "date_precision": "day"}, "What happened on May 14?"),
    ("The county renamed it in 2003.", {"date_text": "2003", "date_precision": "year"},
     "What happened in 2003?"),
    ("The House passed a bill last year.", {"date_text": "last year",
                                            "date_precision": "year"},
     "What happened last year?"),
    # how many: a number before a noun
    ("About 5,000 US troops are currently stationed in Iraq.", {"entities": [IRAQ]},
     "How many US troops are currently stationed in Iraq?"),
    ("The restoration replanted 300 acres of reeds.", {},
     "How many acres of reeds were replanted?"),
    ("A $12 million restoration is working.", {}, "How much is the restoration?"),
    # what someone said, and who someone is
    ("According to Paul Ferreira, a spokesman for the ministry, the canal closed.",
     {"entities": [FERREIRA], "speaker": FERREIRA}, "What did Paul Ferreira say?"),
    ("According to Paul Ferreira, a spokesman for the ministry, the canal closed.",
     {"entities": [FERREIRA], "speaker": FERREIRA}, "Who is Paul Ferreira?"),
    ("“I thought my eyes were playing tricks,” Brandt said of the conservancy.",
     {"entities": [BRANDT, CONSERVANCY], "speaker": BRANDT},
     "What did Tomas Brandt say about Tern Valley Conservancy?"),
])
def test_question_shapes(sentence, options, expected):
    assert expected in suggest_questions(sentence, **options)


@pytest.mark.parametrize(("sentence", "options", "unwanted"), [
    # "birds" and "troops" are no verbs, "five years" is no count
    ("About 5,000 US troops are stationed in Iraq.", {}, "Who troops"),
    ("It lasted five years.", {}, "How many years?"),
    # a long subject with a comma is not guessed at
    ("Farmers, who lost hay, objected.", {}, "Who objected?"),
])
def test_shapes_not_made_from_the_wrong_words(sentence, options, unwanted):
    assert not any(q.startswith(unwanted) for q in suggest_questions(sentence, **options))


def test_at_most_the_limit_and_no_two_alike():
    questions = suggest_questions(
        "About 5,000 US troops were sent on Friday, 300 soldiers and 20 ships, said Ann Roe.",
        speaker=Named("Ann Roe", "person"), date_text="Friday", date_precision="day", limit=3)
    assert len(questions) == 3 == len(set(questions))
    assert all(q.endswith("?") and q[0].isupper() for q in questions)


def test_a_sentence_with_nothing_to_ask_gives_nothing():
    assert suggest_questions("Comments are closed.") in ([], ["What are closed?"])


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Scientists are cautious about it.", "Who is cautious about it?"),
    ("Farmers objected to the plan.", "Who objected to the plan?"),
    ("Prices rose sharply in May.", "What rose sharply in May?"),
    ("Prime Minister Boris Johnson won a large majority.", "Who won a large majority?"),
    ("In a non-binding vote, MPs ordered the government to act.",
     "Who ordered the government to act?"),
    ("Farmers east of the marsh say the fields are wet.",
     "Who says the fields are wet?"),
    ("They had almost stopped hoping.", "Who had almost stopped hoping?"),
])
def test_who_or_what_without_an_entity(sentence, expected):
    assert expected in suggest_questions(sentence)


def test_a_capital_first_word_is_no_name_before_a_verb_in_s():
    assert not any(q.startswith("What cranes") for q in
                   suggest_questions("Rare cranes return to the wetland."))


def test_a_fact_with_an_entity_always_gets_a_question():
    assert suggest_questions("The study’s authors agree.",
                             entities=[Named("Velde study", "document")]) == [
        "What about Velde study?"]
