"""Who is speaking in each sentence: quotations and reported speech.

News prose attributes words in a few fixed shapes ("“…,” he said", "Pompeo said", "said
Pompeo", "according to X", "“…” the statement said"), and keeps the speaker as the subject
of the sentence, so "he" is read as the subject of the latest sentence that named a
person rather than the last name written (often the person spoken about). A quotation
that runs on over several sentences keeps the speaker of its attributed sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.drafting.lexicon import INVERTIBLE_VERBS, PERSON_WORDS, SPEECH_VERBS
from bot.drafting.names import Candidate, Mention
from bot.drafting.sentences import Sentence, by_sentence

_VERB = re.compile(r"\b(?P<verb>" + "|".join(SPEECH_VERBS) + r")\b"
                   r"|\b(?:issued|released|put out)\s+a\s+statement\b")
# Verbs that attribute words only when a quotation follows them in the sentence: "Brask
# called the closure “a big step”", "Maltby dismissed the offer: “It is an insult.”" (but
# "the union called a strike" quotes nobody).
_QUOTING_VERB = re.compile(r"\b(?:called|described|dismissed|hailed|branded|labell?ed|termed|"
                           r"praised|critici[sz]ed|condemned|rejected)\b(?=[^“”\"]{0,80}[“\"])")
_PRONOUN = re.compile(r"\b(?:[Hh]e|[Ss]he)\b")
_STATEMENT = re.compile(r"\b[Tt]he\s+statement\b")
_SAYING = re.compile(r",\s+saying\b")
_ACCORDING = re.compile(r"\baccording to\s+(?:the\s+)?$", re.I)
# What may stand between a speaker and the verb: "State Department officials have also
# publicly stated", "Pompeo, speaking in Baghdad, said".
_LEFT_GAP = re.compile(r"(?:’s|'s)?(?:\s*,[^,“”\"]{1,80},|,)?(?:\s+(?:officials?|spokes(?:man|"
                       r"woman|person)|representatives?|aides?|sources?|have|has|had|also|"
                       r"would|will|then|later|again|\w+ly))*\s+")
_RIGHT_GAP = re.compile(r"\s+(?:the\s+)?")
# What may stand between an inverted verb and its speaker besides "the": a body and the
# speaker's job in it ("said ULD general secretary Marta Olenick", "said chamber president
# Ingrid Raskov"); the last word is a job word, checked apart. \x00 stands for the body.
_RIGHT_JOB_GAP = re.compile(r"\s+(?:(?:the|its)\s+)?(?:\x00(?:’s|'s)?\s+)?"
                            r"(?:[a-z][\w’'-]*\s+){1,4}")
_GENDER = {"he": "male", "she": "female"}
_TITLE_GENDER = {"Mr": "male", "Mrs": "female", "Ms": "female", "Miss": "female"}


@dataclass(frozen=True)
class Attribution:
    speaker: int        # index of the candidate speaking
    how: str            # the words that name the speaker, for the curator


@dataclass(frozen=True)
class _Item:
    """Something in a sentence that can be a speaker: a name, a pronoun, "the statement"."""

    start: int          # sentence offsets
    end: int
    candidate: int
    words: str


class _Context:
    """What earlier sentences tell us about later ones."""

    def __init__(self, candidates: list[Candidate]) -> None:
        self.candidates = candidates
        self.subject: int | None = None             # the latest sentence's person subject
        self.statement_issuer: int | None = None    # who issued the latest statement
        self.subjects: list[int] = []               # the person subjects so far, latest last
        # "he" or "she", as the article calls each person; a courtesy title tells it first
        self.genders: dict[int, str] = {
            index: gender for index, candidate in enumerate(candidates)
            for title, gender in _TITLE_GENDER.items() if title in candidate.titles
            and not any(other in candidate.titles for other, g in _TITLE_GENDER.items()
                        if g != gender)}

    def refer(self, person: int | None, pronoun: str) -> int | None:
        """The person a pronoun stands for, given the one the sentence's shape points to:
        that one unless the article calls them by the other pronoun, then the latest subject
        it calls by this one; nobody rather than a guess."""
        gender = _GENDER[pronoun.lower()]
        if person is not None and self.genders.get(person, gender) == gender:
            self.genders.setdefault(person, gender)
            return person
        known = [p for p in self.subjects if self.genders.get(p) == gender]
        return known[-1] if known else None

    def is_person(self, index: int) -> bool:
        return self.candidates[index].kind == "person"

    def may_speak(self, index: int) -> bool:
        """People and bodies speak; a place does not ("people in Ostrelia, said")."""
        return self.candidates[index].kind != "place"


def _items(sentence: Sentence, mentions: list[Mention], context: _Context) -> list[_Item]:
    items = []
    for mention in mentions:
        start, end = mention.start - sentence.start, mention.end - sentence.start
        if sentence.outside_quotes(start, end):
            items.append(_Item(start, end, mention.candidate, sentence.text[start:end]))
    for match in _PRONOUN.finditer(sentence.text):
        if not sentence.outside_quotes(*match.span()):
            continue
        earlier = [i.candidate for i in items if i.end <= match.start()
                   and context.is_person(i.candidate)]
        person = context.refer(earlier[0] if earlier else context.subject, match.group())
        if person is not None:
            items.append(_Item(*match.span(), person, match.group()))
    if context.statement_issuer is not None:
        for match in _STATEMENT.finditer(sentence.text):
            if sentence.outside_quotes(*match.span()):
                items.append(_Item(*match.span(), context.statement_issuer, match.group()))
    return sorted(items, key=lambda i: i.start)


def _left_of(text: str, items: list[_Item], position: int, context: _Context
             ) -> _Item | None:
    """The speaker written before the verb: the nearest name, or a person named before a
    description ("Peter Nyberg, chief economist at Holmsted Bank, said")."""
    fits = [i for i in items if i.end <= position and _LEFT_GAP.fullmatch(text[i.end : position])
            and context.may_speak(i.candidate)]
    people = [i for i in fits if context.is_person(i.candidate)]
    return (people or fits or [None])[-1]


def _right_of(text: str, items: list[_Item], position: int, context: _Context
              ) -> _Item | None:
    """The speaker written after an inverted verb: the name right after it, or a person
    after a body and a job ("said ULD general secretary Marta Olenick")."""
    following = [i for i in items if i.start >= position and context.may_speak(i.candidate)]
    for index, item in enumerate(following[:3]):
        if not context.is_person(item.candidate):
            continue
        gap = text[position : item.start]
        for other in reversed(following[:index]):
            gap = gap[: other.start - position] + "\x00" + gap[other.end - position :]
        job = gap.split()[-1].lower() if gap.split() else ""
        if gap.count("\x00") <= 1 and job in PERSON_WORDS and _RIGHT_JOB_GAP.fullmatch(gap):
            return item
    if following and _RIGHT_GAP.fullmatch(text[position : following[0].start]):
        return following[0]
    return None


def _by_verb(sentence: Sentence, items: list[_Item], context: _Context) -> Attribution | None:
    for match in _VERB.finditer(sentence.text):
        if not sentence.outside_quotes(*match.span()):
            continue
        item = _left_of(sentence.text, items, match.start(), context)
        if item is None and match["verb"] in INVERTIBLE_VERBS:
            item = _right_of(sentence.text, items, match.end(), context)
        if item is None:
            continue
        if match["verb"] is None:
            context.statement_issuer = item.candidate
        words = sentence.text[min(item.start, match.start()) : max(item.end, match.end())]
        return Attribution(item.candidate, words)
    return None


def _by_quoting_verb(sentence: Sentence, items: list[_Item], context: _Context
                     ) -> Attribution | None:
    for match in _QUOTING_VERB.finditer(sentence.text):
        if not sentence.outside_quotes(*match.span()):
            continue
        item = _left_of(sentence.text, items, match.start(), context)
        if item is not None and context.is_person(item.candidate):
            return Attribution(item.candidate,
                               sentence.text[item.start : match.end()])
    return None


def _by_phrase(sentence: Sentence, items: list[_Item]) -> Attribution | None:
    for item in items:
        if _ACCORDING.search(sentence.text[: item.start]):
            return Attribution(item.candidate, f"according to {item.words}")
    saying = _SAYING.search(sentence.text)
    if saying and sentence.outside_quotes(*saying.span()):
        subjects = [i for i in items if i.end <= saying.start()]
        if subjects:
            return Attribution(subjects[0].candidate, f"{subjects[0].words} … saying")
    return None


def _own_attributions(sentences: list[Sentence], mentions: list[Mention],
                      candidates: list[Candidate]) -> list[Attribution | None]:
    context = _Context(candidates)
    found: list[Attribution | None] = []
    grouped = by_sentence(sentences, mentions, lambda m: m.start)
    for sentence, inside in zip(sentences, grouped, strict=True):
        items = _items(sentence, inside, context)
        found.append(_by_verb(sentence, items, context)
                     or _by_quoting_verb(sentence, items, context)
                     or _by_phrase(sentence, items))
        people = [i.candidate for i in items if context.is_person(i.candidate)]
        if people:
            context.subject = people[0]
            context.subjects.append(people[0])
    return found


def _carry_through_quotations(sentences: list[Sentence], own: list[Attribution | None]
                              ) -> list[Attribution | None]:
    """Unattributed sentences of a quotation take the speaker of the attributed one."""
    result = list(own)
    carry: Attribution | None = None
    for index, sentence in enumerate(sentences):
        new_paragraph = index == 0 or sentences[index - 1].paragraph != sentence.paragraph
        if new_paragraph and not (sentence.is_quotation() and index
                                  and sentences[index - 1].is_quotation()):
            carry = None
        if result[index] is not None:
            carry = result[index]
        elif sentence.is_quotation() and carry is not None:
            result[index] = Attribution(carry.speaker, f"continues the quotation ({carry.how})")
        else:
            carry = None
    for index in range(len(sentences) - 2, -1, -1):  # "“A. B,” he said.": A is his too
        later = result[index + 1]
        if (result[index] is None and later is not None and sentences[index].is_quotation()
                and sentences[index + 1].opens_in_quote):
            result[index] = Attribution(later.speaker, f"same quotation as ({later.how})")
    return result


def find_speakers(sentences: list[Sentence], mentions: list[Mention],
                  candidates: list[Candidate]) -> list[Attribution | None]:
    """For each sentence, who says it, or None when nobody is quoted."""
    return _carry_through_quotations(sentences,
                                     _own_attributions(sentences, mentions, candidates))
