"""Reading text into terms: one row per rule."""

from __future__ import annotations

import pytest

from bot.factbase.models import Entity
from bot.language.analyzer import Analyzer, alternatives, entity_ids
from bot.language.text import stem

ENTITIES = [
    Entity(id="pompeo", story_id="s", name="Mike Pompeo", kind="person",
           aliases=("Pompeo", "the Secretary of State")),
    Entity(id="iraq", story_id="s", name="Iraq", kind="place"),
    Entity(id="house-of-commons", story_id="s", name="House of Commons", kind="organisation"),
]
SYNONYMS = [("withdraw", "pull out", "leave"), ("oppose", "reject")]
VOCABULARY = ["The troops will withdraw from the embassy compound.",
              "Lawmakers rejected the resolution about sanctions.",
              "Others contribute to the fund."]


@pytest.fixture(scope="module")
def analyzer():
    return Analyzer(ENTITIES, SYNONYMS, vocabulary_texts=VOCABULARY)


@pytest.mark.parametrize("question, terms", [
    ("When will Pompeo leave Iraq?", ["@pompeo", "~withdraw", "@iraq"]),  # entities, synonyms
    ("Did the Secretary of State pull out?", ["@pompeo", "~withdraw"]),  # multiword phrases
    ("Who rejected the resolution?", ["~oppos", "resolut"]),
    ("Who was against the resolution?", ["~oppos", "resolut"]),  # "against" after "be"
    ("sanctions against iraq", ["sanction", "@iraq"]),  # a preposition otherwise
    ("tell us about the embassy", ["embassi"]),  # "us", the pronoun
    ("what did the us do", ["us"]),  # "us", the country
    ("What day did the troops leave?", ["troop", "~withdraw"]),  # "day" made it a "when"
    ("date of the resolution", ["resolut"]),
    ("which groups rejected it", ["~oppos"]),
    ("what party is pompeo in", ["parti", "@pompeo"]),  # a party the fact must name
    ("which country did pompeo visit", ["countri", "@pompeo", "visit"]),
    ("what is pompeo called?", ["@pompeo"]),  # a closing "called" asks for a name
    ("how long did the vote last", ["vote", "last"]),  # "how long", "how big": the kind
    ("how big was the vote", ["vote"]),
    ("the long vote", ["long", "vote"]),  # not after "how"
    ("the House of Commons vote", ["@house-of-commons", "vote"]),  # names with small words
    ("who is the ceo?", ["chief", "execut"]),  # a title's abbreviation, spelt out
    ("the chief executive", ["chief", "execut"]),
    ("what did the pm say", ["prime", "minist"]),  # PM, the prime minister
    ("the vote at 7 pm", ["vote", "7", "pm"]),  # but not the "p.m." of a time
])
def test_terms(analyzer, question, terms):
    assert analyzer.analyze(question).terms == terms


@pytest.mark.parametrize("question, kind", [
    ("When will Pompeo leave?", "when"),
    ("According to Pompeo, is the embassy safe?", "yesno"),  # after the comma
    ("According to Pompeo, the embassy is safe", None),
    ("pompeo", None),
    ("hw long did the debate last", "how long"),  # slips an English word list holds as words
    ("when was teh plant supposed to shut", "when"),
    ("how many hrs did the strike last", "how many"),
])
def test_kind(analyzer, question, kind):
    assert analyzer.analyze(question).question_word == kind


@pytest.mark.parametrize("question, corrected", [
    ("embasy", {"embasy": "embassy"}),  # a typo of a fact base word
    ("wich troops", {"wich": "which"}),  # a four-letter small word
    ("lawmakerss vote", {"lawmakerss": "lawmakers"}),  # a possessive without apostrophe
    ("vote", {}),  # four-letter words are corrected to small words only
    ("think", {}),  # generic words are real words
    ("zzzzzzzz", {}),  # nothing close
])
def test_typo_corrections(analyzer, question, corrected):
    assert analyzer.analyze(question).corrections == corrected


def test_unknown_words_are_kept_and_named(analyzer):
    analysis = analyzer.analyze("What is the GDP of Iraq?")
    assert "gdp" in analysis.unknown
    assert "gdp" in analysis.terms


def test_a_derived_word_meets_its_root(analyzer):
    assert analyzer.known_prefix(stem("contributors")) == stem("contribute")
    assert analyzer.known_prefix("short") is None  # too short to guess


def test_facts_are_read_without_typo_correction(analyzer):
    assert analyzer.analyze("embasy", correct_typos=False).terms == [stem("embasy")]


def test_entity_mentions_carry_their_words(analyzer):
    analysis = analyzer.analyze("What did Mike Pompeo say?")
    assert analysis.entities == ["pompeo"]
    assert stem("mike") in analysis.expansion


def test_a_name_of_two_entities_stands_for_both():
    other = Entity(id="johnson", story_id="t", name="Boris Johnson", kind="person",
                   aliases=("the PM",))
    mine = Entity(id="abdul-mahdi", story_id="s", name="Adil Abdul-Mahdi", kind="person",
                  aliases=("the PM",))
    term = Analyzer([other, mine], []).analyze("who is the PM").terms[0]
    assert sorted(entity_ids(term)) == ["abdul-mahdi", "johnson"]
    assert alternatives(term) == ["@abdul-mahdi", "@johnson"]


def test_a_story_analyzer_knows_only_its_entities():
    story = Analyzer((), SYNONYMS).for_story([ENTITIES[1]])
    assert story.analyze("Pompeo in Iraq", correct_typos=False).terms == [stem("pompeo"),
                                                                          "@iraq"]


@pytest.mark.parametrize("typed, meant", [
    ("irak", "iraq"),  # a short name: sounds alike, "iran" does not
    ("mnay", "many"),  # two letters swapped, rather than "may" one letter short
    ("wich", "which"),  # sounds alike, rather than "with"
    ("waht", "what"),
    ("gist", None),  # ordinary English: meant as typed, not some story word
    ("sunny", None),  # not "sunni"
    ("zzq", None),  # nothing one edit away
])
def test_short_and_english_words_in_typo_correction(typed, meant):
    analyzer = Analyzer([], [], vocabulary_texts=["Iraq and Iran may send many troops",
                                                  "the Sunni bloc"])
    analysis = analyzer.analyze(f"how {typed} troops")
    assert analysis.corrections.get(typed) == meant


def test_a_name_that_is_a_synonym_word_still_says_that_word():
    """A fact naming the entity "the airstrike" holds the synonym group's term too, so a
    question about "the attack" meets it even when the curator gave no alias "attack"."""
    reader = Analyzer([Entity(id="airstrike", story_id="s", name="airstrike", kind="event")],
                      [("airstrike", "attack")])
    fact = reader.analyze("The airstrike happened at night.", correct_typos=False)
    asked = reader.analyze("when did the attack happen")
    assert "@airstrike" in fact.terms
    assert set(asked.terms) & set(fact.expanded_terms) >= {"~airstrik"}


@pytest.mark.parametrize("question, terms", [
    ("who is the PM", ["@johnson"]),  # the alias as typed
    ("who is the prime minister", ["@johnson"]),  # and as news text spells it
    ("what did the president say", ["presid"]),  # "POTUS" alone does not make it a name
])
def test_an_abbreviated_alias_is_found_spelt_out_when_that_is_a_phrase(question, terms):
    johnson = Entity(id="johnson", story_id="t", name="Boris Johnson", kind="person",
                     aliases=("the PM",))
    trump = Entity(id="trump", story_id="t", name="Donald Trump", kind="person",
                   aliases=("POTUS",))
    assert Analyzer([johnson, trump], []).analyze(question).terms == terms


@pytest.mark.parametrize("question, terms", [
    ("who is in charge", ["~command"]),  # the phrase, small word and all
    ("when does the charge start", ["charg", "start"]),  # its content word alone: a fee
    ("did they pull out", ["~withdraw"]),
    ("did they pull the plug", ["pull", "plug"]),
])
def test_a_synonym_phrase_of_one_content_word_needs_its_small_words(question, terms):
    analyzer = Analyzer([], [("commander", "in charge"), ("withdraw", "pull out")])
    assert analyzer.analyze(question).terms == terms


@pytest.mark.parametrize("question, published", [
    ("which outlet ran this article?", True),  # a paper runs a story: it published it
    ("when did the story run?", True),
    ("which paper carried the report", True),
    ("who runs the union?", False),  # a person runs a body: leads it
    ("who carried the injured", False),
])
def test_running_a_story_is_publishing_it(question, published):
    analysis = Analyzer([], []).analyze(question)
    assert (stem("published") in analysis.terms) is published


@pytest.mark.parametrize("typed, meant", [
    ("how much per nite", "night"),  # chat spellings an English word list holds as words
    ("how many yrs", "years"),
    ("three hrs", "hours"),
])
def test_chat_spellings_of_time_words(typed, meant):
    assert stem(meant) in Analyzer([], []).analyze(typed).terms


@pytest.mark.parametrize("text, digits", [
    ("what are the other 3 charged with", "3"),
    ("The other three were charged with handling.", "3"),  # a fact reads alike
    ("twenty years on", "20"),
    ("which one was charged", None),  # "one" is a pronoun more often than a count
])
def test_small_counts_in_words_are_read_as_digits(text, digits):
    terms = Analyzer([], []).analyze(text, correct_typos=False).terms
    assert not {"three", "twenty", "1"} & set(terms)
    assert digits is None or digits in terms
