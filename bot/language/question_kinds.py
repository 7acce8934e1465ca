"""The kinds of question storybot tells apart, one row each: the words that cue it, what a
fact needs to answer it, and what the score loses when the fact lacks it.

The analyzer reads a question's kind from these rows, the index stores the fact traits
they need, the scorer applies (and bounds) their penalties, and the engine reads the few
behaviours a kind has beyond scoring. To add a kind, add a row to KINDS; to add a trait a
kind can need, add it to TRAITS (and, for a stored flag, say in fact_analysis how a fact's
wording shows it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Protocol

# A question's kind is told by its first few words: later on, "what" or "how" belong to a
# clause ("Who said what the US would do?").
KIND_WINDOW = 8
# "What was the name of the official...?": the phrase counts among the first words only.
PHRASE_WINDOW = 6
# "What" and "which" ask for the kind of their noun: "what year", "which groups".
WH_DETERMINERS = frozenset({"what", "which"})


# -- fact traits --------------------------------------------------------------------------


class FactTerms(Protocol):
    """What a trait is decided from: a fact's analysis (fact_analysis.FactTerms)."""

    flags: int
    actors: tuple[tuple[str, str], ...]
    entity_kinds: tuple[str, ...]
    question_words: tuple[str, ...]


@dataclass(frozen=True)
class Trait:
    """Something about a fact that a kind of question needs.

    A stored trait (flag > 0) is read from the fact's wording when the index is built and
    kept as a bit of its flags, so the scorer can bound every fact's score from the flags
    alone. Any other trait depends on the question too, and is decided when a fact is
    scored: `held(fact terms, entities the question names, the question's kind)`."""

    name: str
    flag: int = 0
    held_for: Callable[[FactTerms, frozenset[str], str | None], bool] | None = None

    def held(self, fact: FactTerms, named: frozenset[str], kind: str | None) -> bool:
        if self.flag:
            return bool(fact.flags & self.flag)
        assert self.held_for is not None
        return self.held_for(fact, named, kind)


def _others(fact: FactTerms, named: frozenset[str]) -> list[str]:
    """The kinds of the actors a fact's answer names, but the question does not."""
    return [kind for entity, kind in fact.actors if entity not in named]


HAS_DATE = Trait("has a date (its date field, or its answer says when)", flag=1)
STATES_DATE = Trait("its answer itself says when", flag=2)
STATES_TIME_OF_DAY = Trait("its answer says what time of day", flag=4)
SPEAKS_OF_FUTURE = Trait("its answer or quote speaks of what will happen", flag=8)
HAS_NUMBER = Trait("its answer states a number that is not a date", flag=16)
STATES_AGE = Trait("its answer states an age", flag=32)
STATES_DURATION = Trait("its answer states a duration or a length", flag=64)
NAMES_ANOTHER_ACTOR = Trait(
    "its answer names a person or body the question does not",
    held_for=lambda fact, named, kind: bool(_others(fact, named)))
NAMES_ANOTHER_PERSON = Trait(
    "its answer names a person the question does not",
    held_for=lambda fact, named, kind: "person" in _others(fact, named))
NAMES_A_PLACE = Trait(
    "it involves a place",
    held_for=lambda fact, named, kind: "place" in fact.entity_kinds)
CURATED_FOR_KIND = Trait(
    "one of its curated questions is of the question's kind",
    held_for=lambda fact, named, kind: kind in fact.question_words)

TRAITS = (HAS_DATE, STATES_DATE, STATES_TIME_OF_DAY, SPEAKS_OF_FUTURE, HAS_NUMBER, STATES_AGE,
          STATES_DURATION, NAMES_ANOTHER_ACTOR, NAMES_ANOTHER_PERSON, NAMES_A_PLACE,
          CURATED_FOR_KIND)
STORED_TRAITS = tuple(t for t in TRAITS if t.flag)


@dataclass(frozen=True)
class Need:
    """A trait a fact needs to answer a kind of question, and the ScoringWeights field its
    score is multiplied by when it lacks it."""

    trait: Trait
    penalty: str
    # A fact whose curator wrote a question of this kind for it answers it anyway.
    waived_if_curated: bool = False


# -- question kinds -----------------------------------------------------------------------


@dataclass(frozen=True)
class QuestionKind:
    """One kind of answer a question can ask for, and how to tell it."""

    name: str | None  # as stored with a fact's curated questions ("?who"); None: unstated
    # Cues, tried in this order: the first word; a phrase among the first PHRASE_WINDOW
    # words; then, word by word among the first KIND_WINDOW, a pair of words, "what" or
    # "which" and a noun, or a question word; last, a noun anywhere.
    first_words: frozenset[str] = frozenset()
    phrases: tuple[str, ...] = ()
    word_pairs: frozenset[tuple[str, str]] = frozenset()
    nouns_after_wh: frozenset[str] = frozenset()
    question_words: frozenset[str] = frozenset()
    nouns_anywhere: frozenset[str] = frozenset()
    # What a fact needs to answer it. The needs not waived are checked first, in order,
    # and the first one unmet gives the penalty.
    needs: tuple[Need, ...] = ()
    # A question of this kind naming nothing but one entity ("Pompeo?", "who is Pompeo?")
    # asks for that entity's profile.
    profile_of_bare_name: bool = False
    # It asks who spoke: "Who said the party would...?" is not about the party's words.
    asks_for_speaker: bool = False
    # A number it names is settled by a fact stating another: "More than 10,000 troops?"
    # is answered by "about 5,000".
    settled_by_other_number: bool = False
    # Its answer says "Yes:" when it plainly affirms the question.
    says_yes: bool = False
    # Its answer is headed by the fact's date when the fact's own words state none: a fact
    # dated in its date field answers "when?" as well as one whose answer says the date.
    heads_with_date: bool = False
    # Whether a fact may be chosen for it by meaning alone (the optional sentence model,
    # engine/semantic.py). The model reads what a question is about, not the kind of answer
    # it wants ("how old was he?" is close to his profile), so a kind whose answer no fact
    # trait shows (an age, a duration) is never answered that way.
    chosen_by_meaning: bool = True

    @cached_property
    def strict_needs(self) -> tuple[Need, ...]:
        return tuple(n for n in self.needs if not n.waived_if_curated)

    @cached_property
    def waivable_needs(self) -> tuple[Need, ...]:
        return tuple(n for n in self.needs if n.waived_if_curated)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


TIME_NOUNS = _words("date day year month time")
COUNT_NOUNS = _words("number amount count tally total quantity")
PLACE_NOUNS = _words("place places location locations")
# "which groups", "what country": asking for an actor, as "who" does.
ACTOR_NOUNS = _words(
    "group groups people person persons country countries organization organizations "
    "organisation organisations faction factions party parties side sides politician "
    "politicians official officials")
# Of those, words that also say what the answer must be, which a fact answering it states:
# "what party is she in?" is not answered by a fact about her that names no party. A fact
# holds such a word by saying it, or by naming an entity of the kind it stands for ("which
# country...?" of a fact naming Iran, a place).
ACTOR_NOUNS_THAT_ARE_TOPICS = _words("party parties country countries")
ENTITY_KIND_OF_NOUN = {"country": "place", "countries": "place"}
_MISSING = "missing_type_penalty"
# A count, a duration or an age: each is a number ("5,000 troops", "nine days", "aged 54").
_NEEDS_NUMBER = (Need(HAS_NUMBER, _MISSING),)

YES_NO = QuestionKind(
    "yesno",
    # "Could the number of troops go down?" asks yes or no, whatever words follow.
    first_words=_words("is are was were do does did has have had can could will would "
                       "should might may"),
    settled_by_other_number=True,
    says_yes=True,
)
NAME = QuestionKind(
    "name",
    phrases=("name of",),  # "what was the name of the official...?" wants someone named
    needs=(Need(NAMES_ANOTHER_PERSON, _MISSING),),
    profile_of_bare_name=True,
    asks_for_speaker=True,
)
HOW_MANY = QuestionKind(
    "how many",
    word_pairs=frozenset({("how", "many"), ("how", "much"), ("number", "of")}),
    nouns_after_wh=COUNT_NOUNS,  # "what tally of hospitals...?"
    needs=_NEEDS_NUMBER,
    settled_by_other_number=True,
)
# A fact stating no duration or length cannot say how long, however much of the question it
# holds ("How long has she been mayor?" of the mayor's fact giving the city's budget); one
# stating no age cannot say how old ("How old is the mayor?" asked of the mayor's only fact,
# which gives the city's budget).
HOW_LONG = QuestionKind("how long", word_pairs=frozenset({("how", "long")}),
                        needs=(Need(STATES_DURATION, _MISSING),), chosen_by_meaning=False)
HOW_OLD = QuestionKind("how old", word_pairs=frozenset({("how", "old")}),
                       needs=(Need(STATES_AGE, _MISSING),), chosen_by_meaning=False)
# A size, a distance, a speed, a delay or a margin is a measure, and a measure is a number
# ("about 2 centimetres long", "three metres in six hours", "two years late", "7 to 4").
MEASURE_WORDS = _words("big large small tall high deep wide far fast quick heavy late close "
                       "early")
HOW_BIG = QuestionKind("how big", word_pairs=frozenset(("how", w) for w in MEASURE_WORDS),
                       needs=_NEEDS_NUMBER)
HOW = QuestionKind("how", question_words=_words("how hows"))
WHEN = QuestionKind(
    "when",
    nouns_after_wh=TIME_NOUNS,
    question_words=_words("when"),
    nouns_anywhere=TIME_NOUNS,  # "polk award year?", "date of the strike"
    needs=(Need(HAS_DATE, _MISSING),),
    heads_with_date=True,
)
WHO = QuestionKind(
    "who",
    nouns_after_wh=ACTOR_NOUNS,
    question_words=_words("who whom whose whos"),
    # It wants someone the question does not already name.
    needs=(Need(NAMES_ANOTHER_ACTOR, _MISSING, waived_if_curated=True),),
    profile_of_bare_name=True,
    asks_for_speaker=True,
)
WHERE = QuestionKind(
    "where",
    nouns_after_wh=PLACE_NOUNS,  # "in which location...?"
    question_words=_words("where wheres"),
    needs=(Need(NAMES_A_PLACE, _MISSING, waived_if_curated=True),),
)
WHY = QuestionKind(
    "why",
    question_words=_words("why"),
    # Nothing in a fact's wording shows a reason; its curator's "why" question does.
    needs=(Need(CURATED_FOR_KIND, "unexplained_why_factor"),),
)
WHAT = QuestionKind("what", question_words=_words("what whats"), profile_of_bare_name=True)
WHICH = QuestionKind("which", question_words=_words("which"))
UNSTATED = QuestionKind(None, profile_of_bare_name=True, settled_by_other_number=True)

KINDS = (YES_NO, NAME, HOW_MANY, HOW_LONG, HOW_OLD, HOW_BIG, HOW, WHEN, WHO, WHERE, WHY, WHAT,
         WHICH)


def _cue_map(cues: Callable[[QuestionKind], Iterable]) -> dict:
    """Each cue to its kind; a cue may belong to one kind only."""
    found: dict = {}
    for kind in KINDS:
        for cue in cues(kind):
            if cue in found:
                raise ValueError(f"{cue!r} cues both {found[cue]!r} and {kind.name!r}")
            found[cue] = kind.name
    return found


_BY_NAME = {kind.name: kind for kind in KINDS}
_BY_FIRST_WORD = _cue_map(lambda kind: kind.first_words)
_BY_PHRASE = _cue_map(lambda kind: kind.phrases)
_BY_WORD_PAIR = _cue_map(lambda kind: kind.word_pairs)
_BY_NOUN_AFTER_WH = _cue_map(lambda kind: kind.nouns_after_wh)
_BY_QUESTION_WORD = _cue_map(lambda kind: kind.question_words)
_BY_NOUN_ANYWHERE = _cue_map(lambda kind: kind.nouns_anywhere)

QUESTION_WORDS = frozenset(_BY_QUESTION_WORD)
FIRST_WORD_CUES = frozenset(_BY_FIRST_WORD)
NOUNS_AFTER_WH = frozenset(_BY_NOUN_AFTER_WH)
# The nouns after "what"/"which" that make the kind and add no topic.
FRAMING_NOUNS_AFTER_WH = NOUNS_AFTER_WH - ACTOR_NOUNS_THAT_ARE_TOPICS
# The word after "how" that makes the kind ("how long", "how big") adds no topic either.
KIND_WORD_PAIRS = frozenset(_BY_WORD_PAIR)
# Words without which a kind can come from the first word only.
ASKING_WORDS = (QUESTION_WORDS | frozenset(_BY_NOUN_ANYWHERE) | WH_DETERMINERS
                | {first for first, _ in _BY_WORD_PAIR}
                | {phrase.split()[0] for phrase in _BY_PHRASE})


def kind_named(name: str | None) -> QuestionKind:
    """The row of a kind by its name (UNSTATED for None)."""
    return _BY_NAME.get(name, UNSTATED) if name is not None else UNSTATED


def kind_of(words: list[str]) -> str | None:
    """The name of the kind of answer these words (a question's, lower-cased) ask for."""
    if words and words[0] in _BY_FIRST_WORD:
        return _BY_FIRST_WORD[words[0]]
    opening = " ".join(words[:PHRASE_WINDOW])
    for phrase, kind in _BY_PHRASE.items():
        if phrase in opening:
            return kind
    for index, word in enumerate(words[:KIND_WINDOW]):
        if index + 1 < len(words):
            following = words[index + 1]
            kind = _BY_WORD_PAIR.get((word, following))
            if kind is None and word in WH_DETERMINERS:
                kind = _BY_NOUN_AFTER_WH.get(following)
            if kind is not None:
                return kind
        if word in _BY_QUESTION_WORD:
            return _BY_QUESTION_WORD[word]
    for word in words:
        if word in _BY_NOUN_ANYWHERE:
            return _BY_NOUN_ANYWHERE[word]
    return None


# -- aspects: what a question asks on top of its kind -------------------------------------


@dataclass(frozen=True)
class Aspect:
    """Something a question asks besides its kind ("who WILL lead...?", "what TIME...?"),
    cued by a word among its first `window` words, in questions of one kind or of any."""

    name: str
    cue_words: frozenset[str]
    window: int
    of_kind: str | None = None  # None: any kind
    # The trait a fact needs, else it conflicts with the question; None: not scored.
    need: Need | None = None

    def asked(self, words: list[str], kind: str | None) -> bool:
        if self.of_kind is not None and kind != self.of_kind:
            return False
        return not self.cue_words.isdisjoint(words[: self.window])


FUTURE_WORDS = _words("will shall going gonna")
FUTURE = Aspect(
    "future",
    FUTURE_WORDS,
    # "who will lead", "what is going to happen"; further on, "going" is as often about the
    # past ("which fighters are American forces going after?").
    window=4,
    need=Need(SPEAKS_OF_FUTURE, "conflict_penalty"),
)
TIME_OF_DAY = Aspect(
    "time of day", _words("time"), window=4, of_kind=WHEN.name,
    need=Need(STATES_TIME_OF_DAY, "conflict_penalty"),
)
# "When will...?" asks for a date after the story, which the story cannot know: the engine
# declines it when the answer's date is not after the story's. Cued further than FUTURE
# ("when are the troops going to leave?"): it concerns "when" questions only, and the
# answer's date decides.
DATE_AFTER_STORY = Aspect("date after the story", FUTURE_WORDS, window=6, of_kind=WHEN.name)

SCORED_ASPECTS = (FUTURE, TIME_OF_DAY)
