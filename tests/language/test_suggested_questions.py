"""Suggested questions: one row per shape, made from the fact's own sentence."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from bot.drafting.story import article_text, draft_story
from bot.language.suggested_questions import Named, suggest_questions

ROOT = Path(__file__).resolve().parents[2]

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


# ---------------------------------------------------------------- shapes a curator throws away

VELDRAIL = Named("Veldrail", "organisation")
KESSEL = Named("Kessel", "place")
FENNICK = Named("Marta Fennick", "person", ("Fennick",))
NOV = Named("Nov", "organisation")
LINDE = Named("Rosa Linde", "person", ("Linde",))
HALLBERG = Named("Tomas Hallberg", "person", ("Hallberg",))
OLENICK = Named("Marta Olenick", "person", ("Olenick",))
ULD = Named("Union of Locomotive Drivers", "organisation", ("ULD",))


@pytest.mark.parametrize(("sentence", "options", "expected"), [
    # a count names its noun and what was done to it
    ("A ransomware attack forced staff to divert ambulances, postpone 1,140 operations and "
     "move 86 patients to other cities, the trust said.", {},
     ["What forced staff to divert ambulances?", "How many operations were postponed?",
      "How many patients were moved?"]),
    ("Veldrail said 1,140 trains had been cancelled since the stoppage began.",
     {"entities": [VELDRAIL], "speaker": VELDRAIL},
     ["What did Veldrail say?", "How many trains had been cancelled?"]),
    # a number's comma ends no clause: "the 2,300 nurses", never "the 2"
    ("Union secretary Rosa Linde called on the trust to pay the 2,300 nurses affected within "
     "a month.", {"entities": [LINDE]},
     ["Who called on the trust to pay the 2,300 nurses affected within a month?",
      "How many nurses?"]),
    # a subject "No arrests" asks whether there were any
    ("No arrests have been made.", {}, ["Have any arrests been made?"]),
    ("No one was on the bridge when it fell, police said.", {}, ["Was anyone on the bridge?"]),
    # a passive with its agent asks who did it; a date after an auxiliary asks when
    ("The strike was called by the Union of Locomotive Drivers.", {"entities": [ULD]},
     ["Who called the strike?"]),
    ("The court is due to rule on Dec 3.", {"date_text": "Dec 3", "date_precision": "day"},
     ["Who is due to rule?", "When is the court due to rule?", "What happened on Dec 3?"]),
    # quoted "we" and "our" say nothing of who: only what the speaker said
    ("“Our staff went back to paper and pens, and they kept people safe,” Fennick said.",
     {"entities": [FENNICK], "speaker": FENNICK}, ["What did Marta Fennick say?"]),
    # where someone spoke is no topic; a month's short form is no entity to ask about
    ("“That money is not coming back,” Hallberg told reporters in Kessel.",
     {"entities": [HALLBERG, KESSEL], "speaker": HALLBERG}, ["What did Tomas Hallberg say?"]),
    ("Veldrail said on Nov 26 that the strike would end.",
     {"entities": [VELDRAIL, NOV], "speaker": VELDRAIL}, ["What did Veldrail say?"]),
    # the speaker's own title names no topic
    ("“We will not go back,” said ULD general secretary Marta Olenick.",
     {"entities": [ULD, OLENICK], "speaker": OLENICK}, ["What did Marta Olenick say?"]),
])
def test_suggestions_a_curator_keeps(sentence, options, expected):
    assert suggest_questions(sentence, **options) == expected


BAD_SHAPES = [
    "How many when", "pay the 2?", "What have been made?", "closed -?", "How many crowns?",
    "about Nov?", "How many of its?", "in the early hours of?", "Who went back to paper?",
    "What said", "How many hours?", "How many lerns?", "What did Tomas Hallberg say about",
    "when the only bidder?", "in the whole?",
]


@pytest.mark.parametrize(("sentence", "options"), [
    ("The attack is the worst since 2022, when hackers stole the records of 45,000 patients.",
     {"date_text": "2022", "date_precision": "year"}),
    ("Union secretary Rosa Linde called on the trust to pay the 2,300 nurses.", {}),
    ("No arrests have been made.", {}),
    ("Nov 26 (Thursday): Strike begins at 4 a.m.; tunnel closed -", {}),
    ("“Every day the tunnel is closed costs us around 14 million crowns,” Hallberg said.",
     {"entities": [HALLBERG], "speaker": HALLBERG}),
    ("Kestrel had reset the passwords of all 230 of its customers.", {}),
    ("The attack began in the early hours of Tuesday, Nov 24, when staff noticed it.",
     {"date_text": "Tuesday, Nov 24", "date_precision": "day"}),
    ("“Our staff went back to paper and pens.”", {}),
    ("The trust said the attackers got in through a stolen password belonging to an outside "
     "supplier of billing software.", {}),
    ("The union said its members worked shifts of up to 16 hours.", {}),
    ("The trust asked for a ransom of 4.5 million lerns.", {}),
    ("“Every day costs us money,” Hallberg told reporters in Kessel.",
     {"entities": [HALLBERG, KESSEL], "speaker": HALLBERG}),
    ("That attempt collapsed when the only bidder, a foreign company, withdrew.", {}),
    ("That is more than the area gets in the whole of September.",
     {"date_text": "September", "date_precision": "month"}),
])
def test_no_broken_shape_is_suggested(sentence, options):
    questions = suggest_questions(sentence, **options)
    assert not [q for q in questions if any(bad in q for bad in BAD_SHAPES)], questions


@pytest.mark.parametrize(("sentence", "expected"), [
    # "and" before a verb ends a clause; "that" as a determiner is no relative pronoun
    ("Veldrail chief executive Tomas Hallberg called the walkout “disproportionate” and said "
     "the company could not afford more than its current offer.",
     "Who called the walkout disproportionate?"),
    ("That breach led to a law requiring hospitals to report cyber attacks within 72 hours.",
     "What led to a law requiring hospitals to report cyber attacks within 72 hours?"),
])
def test_a_clause_ends_before_its_next_verb(sentence, expected):
    assert expected in suggest_questions(sentence)


# ---------------------------------------------------------------- every test story's draft

STORIES = sorted((ROOT / "tests/data/stories").glob("*/article.txt"))
_ENDINGS = frozenset({"the", "a", "an", "of", "and", "or", "to", "in", "on", "at", "for", "by",
                      "with", "from", "its", "his", "her", "their", "this", "that", "-", "–",
                      "—"})


def _drafted_questions(path: Path) -> list[str]:
    draft = draft_story(article_text(path.read_bytes()), "s-" + path.parent.name[:30],
                        dt.date(2026, 1, 1), author="Ann Writer", outlet="Test Wire")
    return [q for fact in draft.facts for q in fact.questions]


@pytest.fixture(scope="module", params=STORIES, ids=lambda p: p.parent.name)
def story_questions(request) -> list[str]:
    return _drafted_questions(request.param)


def test_no_suggestion_ends_on_a_number_or_a_function_word(story_questions):
    bad = []
    for question in story_questions:
        words = question.rstrip("?").split()
        if words[-1].lower() in _ENDINGS:
            bad.append(question)
        # a bare number ends only a date: "What happened on Nov 30?"
        if re.fullmatch(r"[\d,.]+", words[-1]) and not question.startswith(
                ("What happened", "When")):
            bad.append(question)
    assert not bad


def test_no_suggestion_repeats_a_word_or_holds_a_stray_dash_or_month(story_questions):
    bad = [q for q in story_questions
           if re.search(r"\b(\w+) \1\b", q, re.IGNORECASE) or re.search(r"\s[-–—]\s", q)
           or re.search(r"\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b\.?(?!\s*\d)", q)]
    assert not bad


def test_a_count_names_a_noun_and_no_number_is_an_object(story_questions):
    for question in story_questions:
        if question.startswith(("How many", "How much")):
            noun = question.rstrip("?").split()[2]
            assert noun.isalpha() and noun.lower() not in _ENDINGS | {"when", "said"}, question
        # "pay the 2?", "worth 5?": a number with no noun after it
        assert not re.search(r"\b(?:the|of|a)\s+[\d,.]+\?$", question), question


def test_every_suggestion_is_a_question(story_questions):
    assert story_questions
    assert all(q.endswith("?") and q[:1].isupper() and "??" not in q
               for q in story_questions)
