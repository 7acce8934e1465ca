"""Cuts a sentence that states several facts into one draft fact per fact.

"Nordlys raised $40 million, and Fjord Capital led the round." holds two facts a reader
asks about separately; so does "The round was led by Fjord Capital, which is backed by
the Halvorsen family." A part is cut only where the split is clear:

- an independent clause after ", and" / ", but" that starts with its own subject and verb;
- a trailing ", which ..." / ", who ..." clause about the named entity right before it,
  or one between commas right after the name that opens the sentence;
- a trailing participle clause ", backed by X" about the named entity right before it,
  when it names another entity.

Each part's quote stays a verbatim span of the article (`storybot check` requires it);
its answer reads as a sentence of its own: a relative clause's antecedent becomes its
subject ("Fjord Capital is backed by the Halvorsen family."). Nothing is cut inside a
quotation, and every part keeps a subject, a verb and a few words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.drafting.names import Mention
from bot.drafting.sentences import Sentence
from bot.language.suggested_questions import _subject_and_verb

MIN_PART_WORDS = 4   # "Fjord Capital led the round." is a fact; "and led it" is not

_CLAUSE_JOIN = re.compile(r",\s+(?:and|but)\s+")
_RELATIVE = re.compile(r",\s+(?:which|who)\s+")
# A past participle with its agent: "backed by", "led by", "founded by", "run by".
_PARTICIPLE = re.compile(r",\s+(?P<verb>[a-z]+ed|led|run|held|built|made|owned|won|"
                         r"bought|sold|taken|given|written|chosen)\s+by\s+")
_PRESENT_VERBS = frozenset({"is", "are", "has", "have", "will", "can", "may", "must"})
# After the clause's closing comma the main verb comes, not another name or a conjunction.
_NOT_A_VERB = frozenset({"and", "or", "but", "the", "a", "an", "which", "who", "in", "on", "at"})
_LEADING_CLAUSE = re.compile(r"^[^,]{0,60},\s+")


@dataclass(frozen=True)
class Part:
    """One fact of a sentence: its quote is sentence.text[start:end]."""

    start: int
    end: int
    answer: str


def _sentence_answer(text: str) -> str:
    text = " ".join(text.split()).rstrip(",;:")
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?", "”", '"')) else text + "."


def _has_subject_and_verb(text: str, names: frozenset[str]) -> bool:
    """The clause opens with a short subject and its verb, perhaps after a leading phrase
    ("On Monday, the firm said...")."""
    clean = " ".join(text.split())
    return bool(_subject_and_verb(clean, names)
                or _subject_and_verb(_LEADING_CLAUSE.sub("", clean, count=1), names))


def _be(clause: str, names: frozenset[str]) -> str:
    """"is" or "was", in the tense of the clause the participle hangs on: "Brennmoor Labs,
    founded by Mira Castell" after "The contract went to..." was founded."""
    clean = " ".join(clause.split())
    parts = (_subject_and_verb(clean, names)
             or _subject_and_verb(_LEADING_CLAUSE.sub("", clean, count=1), names))
    verb = parts[1].lower() if parts else ""
    return "is" if verb in _PRESENT_VERBS or (verb.endswith("s") and verb != "was") else "was"


def _words(text: str) -> int:
    return len(re.findall(r"\w+", text))


def _mention_ending_at(mentions: list[Mention], sentence: Sentence, offset: int
                       ) -> Mention | None:
    return next((m for m in mentions if m.end - sentence.start == offset), None)


def _names_another(mentions: list[Mention], sentence: Sentence, start: int, end: int,
                   antecedent: Mention) -> bool:
    return any(start <= m.start - sentence.start < end and m.candidate != antecedent.candidate
               for m in mentions)


def _subject_relative(sentence: Sentence, mentions: list[Mention], names: frozenset[str]
                      ) -> list[Part] | None:
    """"Fjord Capital, which is backed by Halvorsen Holdings, led the round.": the sentence
    opens with a name and a relative clause between commas. The whole sentence is the quote
    of its main fact, answered without the clause ("Fjord Capital led the round."); the
    name and the clause are the quote of the second ("Fjord Capital is backed by ...")."""
    text = sentence.text
    cut = _RELATIVE.search(text)
    if cut is None or not sentence.outside_quotes(cut.start(), cut.end()):
        return None
    antecedent = _mention_ending_at(mentions, sentence, cut.start())
    if antecedent is None or antecedent.start != sentence.start:
        return None
    comma = text.find(",", cut.end())
    if comma < 0:
        return None
    subject, clause, remainder = text[: cut.start()], text[cut.end() : comma], text[comma + 1 :]
    clause_answer = _sentence_answer(f"{subject} {clause}")
    main_answer = _sentence_answer(f"{subject} {remainder.strip()}")
    known = names | {subject}
    if (_words(clause) < MIN_PART_WORDS - 1 or _words(remainder) < MIN_PART_WORDS - 1
            or not _has_subject_and_verb(clause_answer, known)
            or not _has_subject_and_verb(main_answer, known)
            or remainder.split()[0].lower() in _NOT_A_VERB):
        return None
    return [Part(0, len(text), main_answer), Part(0, comma, clause_answer)]


def split_facts(sentence: Sentence, mentions: list[Mention], names: frozenset[str] = frozenset()
                ) -> list[Part]:
    """The sentence's parts, one per fact; the whole sentence alone when no cut is clear.
    `mentions` are the named entities inside the sentence (article offsets)."""
    text = sentence.text
    whole = [Part(0, len(text), "")]
    if sentence.is_quotation():
        return whole
    inserted = _subject_relative(sentence, mentions, names)
    if inserted:
        return inserted
    cuts = sorted(
        [(m, "clause") for m in _CLAUSE_JOIN.finditer(text)]
        + [(m, "relative") for m in _RELATIVE.finditer(text)]
        + [(m, "participle") for m in _PARTICIPLE.finditer(text)],
        key=lambda item: item[0].start())
    parts: list[Part] = []
    begin = 0           # where the part being built starts
    for cut, kind in cuts:
        if cut.start() < begin or not sentence.outside_quotes(cut.start(), cut.end()):
            continue
        left = text[begin : cut.start()]
        # A relative clause still open on the left may be what ", and" continues.
        if (_words(left) < MIN_PART_WORDS + 1 or _RELATIVE.search(left)
                or not _has_subject_and_verb(left, names)):
            continue
        rest = text[cut.end() :]
        if kind == "clause":
            if _words(rest) < MIN_PART_WORDS or not _has_subject_and_verb(rest, names):
                continue
            parts.append(Part(begin, cut.start(), _sentence_answer(left)))
            begin = cut.end()
            continue
        # A relative or participle clause runs to the sentence's end and is about the
        # named entity right before its comma: that entity is the new fact's subject.
        antecedent = _mention_ending_at(mentions, sentence, cut.start())
        clause = rest if kind == "relative" else text[cut.start("verb") :]
        if antecedent is None or _words(clause) < MIN_PART_WORDS - 1 or "," in clause:
            continue
        subject = text[antecedent.start - sentence.start : cut.start()]
        if kind == "relative":
            answer = _sentence_answer(f"{subject} {clause}")
            if not _has_subject_and_verb(answer, names | {subject}):
                continue
        else:
            if not _names_another(mentions, sentence, cut.end(), len(text), antecedent):
                continue
            answer = _sentence_answer(f"{subject} {_be(left, names)} {clause}")
        parts.append(Part(begin, cut.start(), _sentence_answer(left)))
        parts.append(Part(antecedent.start - sentence.start, len(text), answer))
        return parts
    if not parts:
        return whole
    parts.append(Part(begin, len(text), _sentence_answer(text[begin:])))
    return parts
