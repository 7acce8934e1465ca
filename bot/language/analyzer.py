"""Reads a question (or a fact) into terms: stems, synonym groups and entity mentions.

Terms are what the scorer compares. Entity mentions become one term per entity
("@pompeo"), so "Iraq's PM", "Abdul-Mahdi" and "the Iraqi prime minister" all meet.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from bot.factbase.models import Entity
from bot.language.english import is_english_word, sounds_like
from bot.language.lexicon import (
    BE_VERBS,
    CHAT_SPELLINGS,
    CLOCK_SUFFIXES,
    GENERIC_WORDS,
    NUMBER_WORDS,
    STOPWORDS,
    STORY_RUN_VERBS,
    STORY_WORDS,
    TITLE_ABBREVIATIONS,
)
from bot.language.question_kinds import (
    ASKING_WORDS,
    FIRST_WORD_CUES,
    FRAMING_NOUNS_AFTER_WH,
    KIND_WORD_PAIRS,
    QUESTION_WORDS,
    WH_DETERMINERS,
    kind_named,
    kind_of,
)
from bot.language.text import clean, stem, tokens

ENTITY_PREFIX = "@"
SYNONYM_PREFIX = "~"
# A name several stories give to different entities ("the PM") stands for any of them:
# "@abdul-mahdi|@johnson". A story's own facts hold only its entity, so a question asked in
# one story's channel meets the right one.
ALTERNATIVE_SEPARATOR = "|"
# Typo correction (rapidfuzz ratio, 0-100). A word of TYPO_MIN_LENGTH letters or more is
# corrected to a fact base word of about its length (TYPO_LENGTH_SPREAD letters either
# way); a four-letter one only to a small word ("wich", "waht"), with its own cut-off.
TYPO_MIN_LENGTH = 5
TYPO_LENGTH_SPREAD = 2
TYPO_CUTOFF = 80
# A shorter word (three or four letters) that is not English is corrected only one edit away.
SHORT_TYPO_MIN_LENGTH = 3
FUNCTION_WORD_MIN_LENGTH = 3  # shorter small words are too near everything to correct to
FUNCTION_WORDS = sorted(w for w in STOPWORDS if len(w) >= FUNCTION_WORD_MIN_LENGTH)
# A stem the fact base doesn't know may be a known one with a derived ending
# ("contributor"): when it has PREFIX_MIN_STEM letters, a known stem of at least
# PREFIX_MIN_LENGTH letters and PREFIX_MIN_SHARE of its length that begins it stands for it.
PREFIX_MIN_STEM = 6
PREFIX_MIN_LENGTH = 5
PREFIX_MIN_SHARE = 0.7
# A question may follow a comma ("According to Pompeo, is the US safer?"): its first
# word is looked for among this many characters after the comma.
AFTER_COMMA_CHARS = 40
MAX_CORRECTIONS_CACHED = 50_000


@dataclass
class Analysis:
    text: str
    words: list[str]
    terms: list[str]
    question_word: str | None = None
    unknown: set[str] = field(default_factory=set)
    corrections: dict[str, str] = field(default_factory=dict)
    # An entity mention's own words ("economic", "sanctions" beside "@iran-sanctions"): fact
    # texts count them too, so a question can match a word of a longer name.
    expansion: list[str] = field(default_factory=list)
    tokens: list[str] = field(default_factory=list)  # the words as typed, lower-cased

    @property
    def expanded_terms(self) -> list[str]:
        return self.terms + self.expansion

    @property
    def entities(self) -> list[str]:
        return [e for t in self.terms if t.startswith(ENTITY_PREFIX) for e in entity_ids(t)]


def entity_ids(term: str) -> list[str]:
    """The entity ids an entity term stands for (several when the name is ambiguous)."""
    return [part[len(ENTITY_PREFIX):] for part in term.split(ALTERNATIVE_SEPARATOR)]


def alternatives(term: str) -> list[str]:
    return term.split(ALTERNATIVE_SEPARATOR) if ALTERNATIVE_SEPARATOR in term else [term]


def _may_ask(cleaned: str, words: list[str]) -> bool:
    """Whether the words after the first comma could ask something: they are among the
    text's words, so without an asking word only a yes/no opener right after the comma can.
    (Fact texts are mostly statements: this spares reading them twice.)"""
    if not ASKING_WORDS.isdisjoint(words):
        return True
    first = tokens(cleaned.split(",", 1)[1][:AFTER_COMMA_CHARS])[:1]
    return bool(first) and first[0] in FIRST_WORD_CUES


def _names_a_story(following: list[str]) -> bool:
    """Whether the words around a verb name a story ("ran this article", "the story ran")."""
    return any(w in STORY_WORDS for w in following)


def _longest_by_first(phrases: dict[tuple[str, ...], str]) -> dict[str, int]:
    longest: dict[str, int] = {}
    for key in phrases:
        longest[key[0]] = max(longest.get(key[0], 0), len(key))
    return longest


def _spelt_out(word: str, before: str) -> str:
    """A typed word as news text spells it: a title's abbreviation as its words ("PM", but
    not the "pm" of "7 p.m."), a chat spelling as the word meant, a small count as its
    digits ("three" as "3")."""
    if word in CLOCK_SUFFIXES and before.isdigit():
        return word
    return TITLE_ABBREVIATIONS.get(word, NUMBER_WORDS.get(word, CHAT_SPELLINGS.get(word, word)))


class Analyzer:
    """Turns text into terms. Questions need the whole fact base's vocabulary (to correct
    typos); facts need only the synonyms and their own story's entities."""

    def __init__(
        self,
        entities: Iterable[Entity],
        synonyms: Iterable[tuple[str, ...]],
        vocabulary_texts: Iterable[str] = (),
        surface_words: Iterable[str] = (),
    ) -> None:
        self.phrases: dict[tuple[str, ...], str] = {}
        # Phrases that need their small words ("helped report", "members of parliament"),
        # matched before stopwords are dropped.
        self.raw_phrases: dict[tuple[str, ...], str] = {}
        self.canonical: dict[str, str] = {}
        surface: set[str] = set(surface_words)
        for group in synonyms:
            stems_of_group = [self._content_stems(word) for word in group]
            stems_of_group = [s for s in stems_of_group if s]
            if not stems_of_group:
                continue
            canonical = SYNONYM_PREFIX + "_".join(stems_of_group[0])
            for word in group:
                surface.update(tokens(word))
                self._add_phrase(word, canonical, single_word_map=self.canonical)
        self._add_entities(entities, surface)
        for text in vocabulary_texts:
            surface.update(tokens(text))
        self._set_surface(surface)
        self._corrections: dict[str, str | None] = {}

    def _add_entities(self, entities: Iterable[Entity], surface: set[str]) -> None:
        for entity in entities:
            for name in entity.all_names():
                surface.update(tokens(name))
                self._add_phrase(name, ENTITY_PREFIX + entity.id)
        # The longest phrase starting with each stem, so matching tries only lengths that
        # could exist.
        self._phrase_starts = _longest_by_first(self.phrases)
        self._raw_phrase_starts = _longest_by_first(self.raw_phrases)

    def _set_surface(self, surface: set[str]) -> None:
        self.surface = frozenset(w for w in surface if not w.isdigit())
        self.known_stems = frozenset(stem(w) for w in self.surface)
        self._by_length: dict[int, list[str]] = {}
        for word in sorted(self.surface):
            self._by_length.setdefault(len(word), []).append(word)

    def for_story(self, entities: Iterable[Entity],
                  surface_words: Iterable[str] | None = None) -> Analyzer:
        """An analyzer of one story: these synonyms and that story's entities only, so a
        story's facts read the same whatever other stories say. Its facts need no typo
        correction; given the words the story knows (`surface_words`), it reads questions
        asked of that story alone, correcting typos to its words, its names and the
        synonyms' words."""
        story = object.__new__(Analyzer)
        story.phrases = dict(self.phrases)
        story.raw_phrases = dict(self.raw_phrases)
        story.canonical = self.canonical
        surface = set() if surface_words is None else {*self.surface, *surface_words}
        story._add_entities(entities, surface)
        story._set_surface(surface if surface_words is not None else set())
        story._corrections = {}
        return story

    @staticmethod
    def _content_stems(text: str) -> tuple[str, ...]:
        return tuple(stem(w) for w in tokens(text) if w not in STOPWORDS)

    def _add_phrase(
        self, text: str, term: str, single_word_map: dict[str, str] | None = None
    ) -> None:
        words = tokens(text)
        content = self._content_stems(text)
        spelt = self._words(text)
        spelt_content = tuple(stem(w) for w in spelt if w not in STOPWORDS)
        if spelt != words and len(spelt_content) > 1:
            # A name as a question spells it too ("the PM" asked as "prime minister"), when
            # that is a phrase: "POTUS" spelt "president" would make every president one.
            self._set_phrase(self.phrases, spelt_content, term)
        if len(words) > 1 and len(content) < len(words):
            self._set_phrase(self.raw_phrases, tuple(stem(w) for w in words), term)
        if not content:
            return
        if len(content) == 1 and single_word_map is not None:
            # A phrase of one content word and small words ("in charge", "carry on") means
            # what it means only with them, matched whole as a raw phrase above: "charge"
            # alone is a fee, not a command.
            if len(words) == 1:
                single_word_map.setdefault(content[0], term)
        else:
            self._set_phrase(self.phrases, content, term)

    @staticmethod
    def _set_phrase(phrases: dict[tuple[str, ...], str], key: tuple[str, ...], term: str) -> None:
        """The first meaning of a phrase wins, except that an entity name shared by
        different entities (of different stories) stands for all of them."""
        current = phrases.get(key)
        if current is None:
            phrases[key] = term
        elif (term.startswith(ENTITY_PREFIX) and current.startswith(ENTITY_PREFIX)
              and term not in alternatives(current)):
            phrases[key] = ALTERNATIVE_SEPARATOR.join(sorted({*alternatives(current), term}))

    def _match_raw_phrases(self, words: list[str]) -> list[str]:
        """Replace multiword phrases that contain small words by their term (marked '#')."""
        starts = self._raw_phrase_starts
        if not starts:
            return words
        stems = [stem(w) for w in words]
        positions = [i for i, s in enumerate(stems) if s in starts]
        if not positions:
            return words
        out: list[str] = []
        done = 0  # words before this index are in out
        for position in positions:
            if position < done:
                continue  # inside a phrase already matched
            for length in range(min(starts[stems[position]], len(words) - position), 1, -1):
                term = self.raw_phrases.get(tuple(stems[position : position + length]))
                if term is not None:
                    out.extend(words[done:position])
                    out.append("#" + term)
                    done = position + length
                    break
        out.extend(words[done:])
        return out

    def _single_term(self, stem_: str) -> str:
        """The term one stem stands for on its own: an entity, a synonym group, or itself."""
        return self.phrases.get((stem_,)) or self.canonical.get(stem_, stem_)

    def known_prefix(self, unknown_stem: str) -> str | None:
        """A known stem that begins an unknown one ("contribut" for "contributor"): the
        stemmer leaves some derived words apart from their root."""
        if len(unknown_stem) < PREFIX_MIN_STEM:
            return None
        for length in range(len(unknown_stem) - 1, PREFIX_MIN_LENGTH - 1, -1):
            if length < PREFIX_MIN_SHARE * len(unknown_stem):
                break
            if unknown_stem[:length] in self.known_stems:
                return unknown_stem[:length]
        return None

    def correct(self, word: str) -> str | None:
        """The fact base's word closest to a misspelt one, or None when nothing is close."""
        if word in self._corrections:
            return self._corrections[word]
        best = None
        if word.isdigit():
            pass
        elif len(word) >= TYPO_MIN_LENGTH:
            spread = TYPO_LENGTH_SPREAD
            candidates = [
                w for n in range(len(word) - spread, len(word) + spread + 1)
                for w in self._by_length.get(n, ())
            ] + [w for w in FUNCTION_WORDS if abs(len(w) - len(word)) <= spread]
            match = process.extractOne(word, candidates, scorer=fuzz.ratio,
                                       score_cutoff=TYPO_CUTOFF)
            best = match[0] if match else None
        elif len(word) >= SHORT_TYPO_MIN_LENGTH:
            best = self._correct_short(word)
        if len(self._corrections) < MAX_CORRECTIONS_CACHED:
            self._corrections[word] = best
        return best

    def _correct_short(self, word: str) -> str | None:
        """A short word that is not English, one edit (a transposition counts as one) from
        a word of the fact base or a small word: "irak" is "iraq", "mnay" is "many". Among
        several that near: the one with its letters swapped (the commonest slip: "many",
        not "may"), then the one that sounds like it ("iraq", not "iran"; "which", not
        "with"), then the one of its length; when that still leaves two, none."""
        candidates = {
            w for n in (len(word) - 1, len(word), len(word) + 1)
            for w in self._by_length.get(n, ()) if not w.isdigit()
        } | {w for w in FUNCTION_WORDS if abs(len(w) - len(word)) <= 1}
        sound, letters = sounds_like(word), sorted(word)
        ranked = sorted(
            ((OSA.distance(word, w), sorted(w) != letters, sounds_like(w) != sound,
              abs(len(w) - len(word))), w)
            for w in candidates if OSA.distance(word, w, score_cutoff=1) <= 1)
        if not ranked or (len(ranked) > 1 and ranked[0][0] == ranked[1][0]):
            return None
        return ranked[0][1]

    @staticmethod
    def _words(cleaned: str, raw: list[str] | None = None) -> list[str]:
        typed = tokens(cleaned) if raw is None else raw
        words = [spelt for i, w in enumerate(typed)
                 for spelt in _spelt_out(w, typed[i - 1] if i else "").split()]
        # "against" is a preposition ("sanctions against Iran") except after a verb of being.
        # A paper "runs" a story: "which outlet ran this article?" and "when did the story
        # run?" ask about its publication, not who leads anything.
        return [
            "opposed" if w == "against" and i > 0 and words[i - 1] in BE_VERBS
            else "published" if w in STORY_RUN_VERBS
            and _names_a_story(words[max(0, i - 2) : i] + words[i + 1 : i + 3])
            else w
            for i, w in enumerate(words)
        ]

    def _correct_typos(self, words: list[str]) -> dict[str, str]:
        """Replace, in place, words the fact base doesn't know by the closest ones it does."""
        corrections: dict[str, str] = {}
        for index, word in enumerate(words):
            # Generic words are real words: "think" must not become some rare "thin".
            if (word in STOPWORDS or word in GENERIC_WORDS or word in self.surface
                    or word.isdigit()):
                continue
            if stem(word) in self.known_stems:
                continue
            # An ordinary English word ("gist") is meant as typed, not a story word misspelt.
            if is_english_word(word):
                continue
            if word.endswith("s") and word[:-1] in self.surface:
                fixed = word[:-1]  # a possessive typed without its apostrophe: "pompeos"
            else:
                fixed = self.correct(word)
            if fixed is not None:
                corrections[word] = fixed
                words[index] = fixed
        return corrections

    def _topic_words(self, words: list[str], question_word: str | None) -> list[str]:
        """The words that name the topic: without stopwords and question framing, with
        phrases that need their small words already turned into terms ('#'-marked)."""
        # A noun that made the question's kind without a question word ("date of the
        # strike") adds no topic.
        from_noun = (kind_named(question_word).nouns_anywhere
                     if QUESTION_WORDS.isdisjoint(words) else frozenset())
        # "what day", "which groups": the words that make a question's kind add no topic;
        # nor does a closing "called" ("what is Iraq's PM called?" asks for a name).
        words = [
            w for i, w in enumerate(words)
            if not (i > 0 and words[i - 1] in WH_DETERMINERS and w in FRAMING_NOUNS_AFTER_WH)
            and not (i > 0 and (words[i - 1], w) in KIND_WORD_PAIRS)
            and w not in from_noun
            and not (w == "called" and i == len(words) - 1 and i > 1)
        ]
        words = self._match_raw_phrases(words)
        # "tell us about X": the pronoun, not the country.
        return [
            w for i, w in enumerate(words)
            if w not in STOPWORDS and not (w == "us" and i > 0 and words[i - 1] in
                                           ("tell", "give", "show", "help", "let"))
        ]

    def _terms(self, content: list[str]) -> tuple[list[str], list[str], set[str]]:
        """Stems folded into entity and synonym terms; the words of entity mentions; and
        the stems nobody knows."""
        stems = [w if w.startswith("#") else stem(w) for w in content]
        phrases, starts, canonical = self.phrases, self._phrase_starts, self.canonical
        # Facts are read without the vocabulary: none of their words is "unknown".
        known = self.known_stems if self.known_stems else None
        terms: list[str] = []
        expansion: list[str] = []
        unknown: set[str] = set()
        index = 0
        count = len(stems)
        while index < count:
            current = stems[index]
            if current[0] == "#":
                terms.append(current[1:])
                index += 1
                continue
            longest = starts.get(current)
            if longest:
                for length in range(min(longest, count - index), 0, -1):
                    key = tuple(stems[index : index + length])
                    term = phrases.get(key)
                    if term is not None:
                        terms.append(term)
                        if term[0] == ENTITY_PREFIX:
                            if length > 1:
                                expansion.extend(self._single_term(s) for s in key)
                            # A name that is also a word of a synonym group ("the
                            # airstrike") still says that word: "the attack" meets it.
                            expansion.extend(canonical[s] for s in key
                                             if canonical.get(s, "").startswith(SYNONYM_PREFIX))
                        index += length
                        break
                else:
                    longest = 0
                if longest:
                    continue
            index += 1
            if known is not None and current not in known and not current.isdigit():
                current = self.known_prefix(current) or current
                if current not in known:
                    unknown.add(current)
            terms.append(canonical.get(current, current))
        return terms, expansion, unknown

    def analyze(self, text: str, *, correct_typos: bool = True) -> Analysis:
        """The terms of a question, or of a fact's text (without typo correction)."""
        cleaned = clean(text)
        raw = tokens(cleaned)
        words = self._words(cleaned, raw)
        corrections = self._correct_typos(words) if correct_typos else {}
        question_word = kind_of(words)
        if question_word is None and "," in cleaned and _may_ask(cleaned, words):
            # "According to Pompeo, is the US safer?": the question follows the comma.
            question_word = kind_of(self._words(cleaned.split(",", 1)[1]))
        content = self._topic_words(words, question_word)
        terms, expansion, unknown = self._terms(content)
        return Analysis(
            text=cleaned,
            words=words,
            terms=terms,
            question_word=question_word,
            unknown=unknown,
            corrections=corrections,
            expansion=expansion,
            tokens=raw,
        )
