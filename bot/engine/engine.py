"""The question-answering engine: a question in, an Answer out. Knows nothing of Discord."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz, process, utils

from bot.engine.answer import Alternative, Answer
from bot.engine.formulas import (
    ScoringWeights,
    SemanticWeights,
    confidence,
    least_exact_score,
)
from bot.engine.scorer import FactScorer, Scored
from bot.engine.settings import EngineSettings
from bot.factbase.models import Entity, Event, Fact, Story
from bot.factbase.story_facts import is_not_in_story, record_kind, summary_fact
from bot.index.reader import IndexReader
from bot.language.analyzer import ENTITY_PREFIX, Analysis, Analyzer
from bot.language.fact_analysis import ACTORS, stored_traits
from bot.language.lexicon import (
    ABOUT_WORDS,
    DENIAL,
    GREETING_WORDS,
    HELP_PHRASES,
    NEGATION,
    OVERVIEW_OPENINGS,
    QUESTION_OPENERS,
    STORY_WORDS,
)
from bot.language.question_kinds import DATE_AFTER_STORY, STATES_DATE, kind_named
from bot.language.tense import speaks_of_future
from bot.language.text import YEAR_DIGITS, clean, stem, tokens

_WORD = re.compile(r"\w+")
_YEAR = re.compile(rf"\b({YEAR_DIGITS})\b")

HOW_TO_ASK = (
    "Ask me a question about the story in plain words, for example "
    "“Who opposed the resolution?”, “When was Soleimani killed?” or “How many US troops are "
    "in Iraq?”. You can also ask about a person (“who is Pompeo?”) or for the timeline."
)
EMPTY_MESSAGE = "Please type a question, for example “Who opposed the resolution?”."
DECLINE_MESSAGE = "I don't know: the story doesn't say."

# rapidfuzz cut-offs (0-100) for what readers type: a story's id or title, a name.
STORY_CUTOFF = 80  # WRatio: the story a reader means
STORY_SUGGESTION_CUTOFF = 50  # WRatio: stories offered while typing
QUESTION_SUGGESTION_CUTOFF = 50  # WRatio: questions offered while typing
ENTITY_SUGGESTION_CUTOFF = 60  # WRatio: names offered while typing
_ABOUT_STEMS = frozenset(stem(word) for word in ABOUT_WORDS)
ENTITY_CUTOFF = 80  # ratio: the entity a reader means by a near-spelling of its name
STORY_ANALYZERS_KEPT = 64  # stories whose own analyzers are kept ready
# With several stories and none chosen, a question that finds the same record fact (byline,
# date, outlet, headline) of two stories within this many points of its best fact does not
# say which story it means ("who wrote this article?"). A record fact's quote is its
# headline: a word the question shares with one headline by chance ("run", "leaders") moves
# that story's by some ten points; naming the story's topic, by twenty or more.
RECORD_TIE = 12.0
STORIES_LISTED = 5  # stories named, newest first, when a reader must choose one


def _story_summary(story: Story) -> dict[str, str]:
    return {
        "id": story.id,
        "title": story.title,
        "outlet": story.outlet,
        "author": story.author,
        "published": story.published.isoformat(),
        "source": story.source_line(),
    }


def headed_with(when: str, text: str) -> str:
    """An answer headed by its date: "3 January 2020 (“the 3rd January”): The airstrike..."."""
    return f"{when[:1].upper()}{when[1:]}: {text}"


def plainly_affirms(question_words: Iterable[str], answer_words: Iterable[str]) -> bool:
    """Whether an answer to a yes/no question may be given as a plain "Yes": neither the
    question nor the answer negates ("didn't he...?", "no one was hurt"), and the answer
    does not say that what was asked was refused or did not happen ("the trust refused to
    pay" answers "did they pay?" with a no)."""
    asked, said = set(question_words), set(answer_words)
    return not (NEGATION & asked or NEGATION & said or DENIAL & said)


def asks_what_story_says(analysis: Analysis) -> bool:
    """"What is this story about?": no topic words, only the story and "about"."""
    words = set(analysis.words) | set(analysis.tokens)  # as typed: "gist" is no typo
    # "summary" is a topic word of its own elsewhere ("a summary of the talks").
    return (set(analysis.terms) <= _ABOUT_STEMS and bool(words & STORY_WORDS)
            and bool(words & ABOUT_WORDS))


class Engine:
    """Answers questions from one index: across every story, or within one."""

    def __init__(
        self,
        reader: IndexReader,
        settings: EngineSettings | None = None,
        weights: ScoringWeights | None = None,
    ) -> None:
        self.reader = reader
        self.settings = settings or EngineSettings()
        self.semantic_weights = SemanticWeights()
        self.stories: dict[str, Story] = reader.stories
        self._summaries: dict[str, Fact] = {}  # story id -> what it is about
        self.entities: dict[tuple[str, str], Entity] = reader.entities
        self.events: list[Event] = reader.events
        # The same id in several stories is one person or body; its newest story speaks first.
        self._by_id: dict[str, list[Entity]] = {}
        for entity in sorted(self.entities.values(),
                             key=lambda e: self.stories[e.story_id].published, reverse=True):
            self._by_id.setdefault(entity.id, []).append(entity)
        self.analyzer = Analyzer(self.entities.values(), reader.synonyms,
                                 surface_words=(word for word, _ in reader.vocabulary))
        self._synonyms_analyzer: Analyzer | None = None
        self._story_analyzers: dict[str, Analyzer] = {}
        self.scorer = FactScorer(reader, self.analyzer,
                                 {i: found[0].kind for i, found in self._by_id.items()}, weights)
        self._profile_rows: dict[str, list[int]] = {}  # entity id -> in every story
        for (_, entity_id), row in reader.profile_rows.items():
            self._profile_rows.setdefault(entity_id, []).append(row)
        self._entity_names: dict[str, str] = {}
        for entity in self.entities.values():
            for name in entity.all_names():
                self._entity_names.setdefault(name, entity.id)
        self._entity_name_list = list(self._entity_names)
        self._sorted_entity_names = sorted({e.name for e in self.entities.values()})
        self._suggestions: dict[str | None, list[str]] = {}

    @classmethod
    def open(cls, db_path: str | Path, settings: EngineSettings | None = None,
             weights: ScoringWeights | None = None) -> Engine:
        """The engine over an index file (IndexError_ when it cannot be read)."""
        return cls(IndexReader(db_path), settings, weights)

    def close(self) -> None:
        self.reader.close()

    def counts(self) -> dict[str, int]:
        return self.reader.counts()

    def story(self, story_id: str | None) -> Story | None:
        return self.stories.get(story_id) if story_id else None

    def find_story(self, text: str | None) -> Story | None:
        """The story a reader means by its id or (part of) its title."""
        if not text or not text.strip():
            return None
        text = text.strip()
        if text in self.stories:
            return self.stories[text]
        by_words = self._stories_by_words(text)
        if by_words:
            return by_words[0]
        titles = {f"{s.title} ({s.id})": s for s in self.stories.values()}
        match = process.extractOne(clean(text), list(titles), scorer=fuzz.WRatio,
                                   processor=utils.default_process, score_cutoff=STORY_CUTOFF)
        return titles[match[0]] if match else None

    def _stories_by_words(self, text: str) -> list[Story]:
        """Stories whose title or id has a word beginning with each word typed ("iraq",
        "bison", "uk election"), those with the most words typed whole first, then the
        newest. A word or two is too short for fuzzy matching against a whole title."""
        typed = _WORD.findall(clean(text).lower())
        if not typed:
            return []
        found = []
        for story in self.stories.values():
            words = set(_WORD.findall(clean(f"{story.title} {story.id}").lower()))
            if all(any(w.startswith(t) for w in words) for t in typed):
                found.append((sum(t in words for t in typed), story.published, story.id, story))
        return [entry[-1] for entry in sorted(found, reverse=True)]

    def suggest_stories(self, typed: str, limit: int = 25) -> list[Story]:
        """Stories whose title or id looks like what the reader is typing, newest first."""
        newest = sorted(self.stories.values(), key=lambda s: (s.published, s.id), reverse=True)
        text = clean(typed or "")
        if not text:
            return newest[:limit]
        labels = {f"{s.title} {s.id}": s for s in newest}
        matches = process.extract(text, list(labels), scorer=fuzz.WRatio,
                                  processor=utils.default_process, limit=limit,
                                  score_cutoff=STORY_SUGGESTION_CUTOFF)
        return [labels[m[0]] for m in matches]

    def fact(self, fact_id: str) -> Fact | None:
        found = self.reader.fact(fact_id)
        return found.fact if found else None

    def analyzer_for(self, story: str | None) -> Analyzer:
        """What reads a question: for one story, its own names and words alone (a name or
        a spelling another story knows changes nothing in it); else every story's."""
        if story is None or story not in self.stories:
            return self.analyzer
        found = self._story_analyzers.get(story)
        if found is None:
            if self._synonyms_analyzer is None:
                self._synonyms_analyzer = Analyzer((), self.reader.synonyms)
            found = self._synonyms_analyzer.for_story(
                [e for e in self.entities.values() if e.story_id == story],
                surface_words=self.reader.story_terms(story).words)
            if len(self._story_analyzers) >= STORY_ANALYZERS_KEPT:
                self._story_analyzers.clear()
            self._story_analyzers[story] = found
        return found

    # -- questions ---------------------------------------------------------------------

    def ask(self, question: str, story: str | None = None) -> Answer:
        """Answer from every story, or only from the story with id `story`."""
        text = clean(question or "")
        if not tokens(text):
            return Answer(question=text, answered=False, reason="empty", message=EMPTY_MESSAGE)
        small_talk = self._small_talk(text)
        if small_talk is not None:
            return small_talk
        if story is not None and story not in self.stories:
            return Answer(question=text, answered=False, reason="unknown-story",
                          message=f"There is no story {story!r}.")
        analysis = self.analyzer_for(story).analyze(text)
        if asks_what_story_says(analysis):
            return self._story_summary(text, story)
        overview = self._overview_asked(text, story)
        if overview:
            return self._story_summary(text, overview[0] if len(overview) == 1 else None)
        profile = self._entity_profile(analysis, story)
        threshold = self.settings.answer_threshold
        exact_from = least_exact_score(self.scorer.weights, threshold)
        ranked = self.scorer.score(
            analysis, limit=self.settings.max_alternatives + 1,
            preferred=self._profiles_of(analysis, story),
            story=story,
            min_score=min(self.settings.suggestion_threshold, exact_from),
            exact_from=exact_from)
        if profile is not None:
            ranked = [profile, *[s for s in ranked if s.fact.id != profile.fact.id]]
        if not ranked:
            return self._decline(text, [], "no-match")
        sure = confidence(self.scorer.weights, ranked[0].score,
                          ranked[1].score if len(ranked) > 1 else None, ranked[0].coverage)
        best = replace(ranked[0], score=round(sure, 1))
        chosen = None
        if best.score < threshold:
            chosen = self._rerank(text, analysis, ranked, story)
            if chosen is None:
                within = self._ask_within_its_story(text, story, ranked)
                if within is not None:
                    return within
                return self._decline(text, [best, *ranked[1:]], "below-threshold")
            best = chosen.parts.scored
            ranked = [best, *[s for s in ranked if s.row != best.row]]
        if story is None and self._asks_of_some_story(ranked):
            return self._which_story(text, "to hear its answer")
        if is_not_in_story(best.fact.id):  # a curator taught that the story doesn't say
            return replace(self._decline(text, ranked[1:], "not-in-story"), score=best.score)
        if (DATE_AFTER_STORY.asked(analysis.words, analysis.question_word)
                and not self._dated_after_story(best.fact)):
            return self._decline(text, ranked, "future")
        answer = self._answer(text, best, ranked[1:])
        if chosen is not None:
            answer = replace(answer, method="semantic", cosine=chosen.cosine,
                             fused=chosen.fused)
        kind = kind_named(analysis.question_word)
        if kind.says_yes:
            answer = self._settle_yes_no(analysis, answer)
        if kind.heads_with_date:
            answer = self._headed_with_date(answer, best.fact)
        return answer

    @staticmethod
    def _headed_with_date(answer: Answer, fact: Fact) -> Answer:
        """A "when?" answer whose own words state no date, headed by the fact's date
        ("3 January 2020: The airstrike took place near Baghdad airport.")."""
        if answer.when is None or stored_traits(fact)[STATES_DATE]:
            return answer
        return replace(answer, answer=headed_with(answer.when, answer.answer or ""))

    def _ask_within_its_story(self, text: str, story: str | None,
                              ranked: list[Scored]) -> Answer | None:
        """A question asked of no story, that the whole archive's search is not sure of,
        asked again of the story its best fact comes from: there its words are weighed by
        that story alone (a word common in another story no longer dilutes it), as in the
        story's own channel. Its answer, if that is sure; else None. Not for questions that
        several stories' records answer alike ("who wrote this?"): those must name their
        story."""
        if (story is not None or len(self.stories) < 2
                or ranked[0].score < self.settings.suggestion_threshold
                or self._asks_of_some_story(ranked)):
            return None  # a best fact too weak to suggest is not worth a second search
        answer = self.ask(text, story=ranked[0].fact.story_id)
        return answer if answer.answered else None

    def prepare_semantic(self) -> bool:
        """Load the sentence model now rather than at the first question that needs it (a
        long-running bot); whether it is on."""
        if not self.settings.semantic:
            return False
        from bot.engine import semantic

        return semantic.sentence_model() is not None

    def semantic_judged(self, text: str, analysis: Analysis, ranked: list[Scored],
                        story: str | None) -> list:
        """The sentence model's view of a declining question's candidates (the engine's
        ranked facts above the suggestion threshold), best fused first; [] when it is off
        or not installed. The model is loaded by the first question that needs it."""
        candidates = [s for s in ranked if s.score >= self.settings.suggestion_threshold]
        if not self.settings.semantic or not candidates:
            return []
        from bot.engine import semantic  # loads the model (onnxruntime) only when asked to

        rows = [s.row for s in candidates]
        parts = self.scorer.explain(analysis, rows, self._profiles_of(analysis, story), story)
        entries = self.reader.facts_at(rows)
        of_kind = [semantic.of_asked_kind(p, entries[p.scored.row].analysis, analysis)
                   for p in parts]
        if not semantic.worth_judging(parts, of_kind, self.semantic_weights):
            return []
        model = semantic.sentence_model()
        if model is None:
            return []
        return semantic.judge(model, text, parts, of_kind, self.semantic_weights)

    def _rerank(self, text: str, analysis: Analysis, ranked: list[Scored],
                story: str | None):
        judged = self.semantic_judged(text, analysis, ranked, story)
        if not judged:
            return None
        from bot.engine.semantic import choose

        return choose(judged, self.semantic_weights)

    @staticmethod
    def _settle_yes_no(analysis: Analysis, answer: Answer) -> Answer:
        """Say "Yes" when a yes/no question is answered by a fact that plainly affirms it.

        Only when neither the question nor the answer has a negation: a fact that says
        what did not happen is curated with its own "No:", and "didn't he...?" is left to
        the reader."""
        text = answer.answer or ""
        if text.startswith(("Yes", "No")) or not plainly_affirms(analysis.words, tokens(text)):
            return answer
        return replace(answer, answer=f"Yes: {text}")

    def answer_fact(self, fact_id: str, question: str = "") -> Answer | None:
        """The answer for one fact, as when a reader picks a "did you mean" suggestion."""
        fact = self.fact(fact_id)
        if fact is None:
            return None
        return self._answer(question or fact.answer, Scored(fact, 100.0, 1.0, 1.0), [])

    def _small_talk(self, text: str) -> Answer | None:
        words = tokens(text)
        lowered = " ".join(words)
        # Whole phrases only: "what do you know about Soleimani?" is a question.
        if lowered in HELP_PHRASES or (words[0] == "help" and len(words) <= 3):
            return Answer(question=text, answered=False, reason="help", message=HOW_TO_ASK)
        if all(w in GREETING_WORDS for w in words):
            return Answer(question=text, answered=False, reason="greeting",
                          message="Hello! " + HOW_TO_ASK)
        return None

    def _story_summary(self, text: str, story: str | None) -> Answer:
        """What the chosen story (or the only one) says; with several and none chosen,
        which stories there are, rather than the newest one's summary."""
        if story is None and len(self.stories) == 1:
            story = next(iter(self.stories))
        summary = self._summary_fact(story) if story is not None else None
        if summary is not None:
            return replace(self._answer(text, Scored(summary, 100.0, 1.0, 1.0), []),
                           method="summary")
        return self._which_story(text, "to hear what it is about")

    def _overview_asked(self, text: str, story: str | None) -> list[str]:
        """The stories a question may ask the gist of: it opens with an overview phrase
        ("what's going on", "tell me about") and its other words name nothing a story's
        headline and lead do not ("what's going on in Caddon?", "tell me about the
        floods"). The chosen story, or with none chosen every story that fits: several
        (nothing named: "what's the news?") must be told apart by the reader."""
        lowered = " ".join(clean(text).replace("’", "'").lower().split())
        lowered = lowered.rstrip("?!. ")
        opening = next((o for o in OVERVIEW_OPENINGS
                        if lowered == o or lowered.startswith(o + " ")), None)
        if opening is None:
            return []
        rest = lowered[len(opening):]
        if story is not None:
            return [story] if self._names_only_the_gist(rest, story) else []
        asked = set(self.analyzer.analyze(rest).terms) - _ABOUT_STEMS
        if not asked:
            return list(self.stories)
        # Only stories with a fact holding every word asked can tell it in their headline
        # or lead (both are facts): a large archive is not read story by story.
        return [s for s in self._stories_holding(asked) if self._names_only_the_gist(rest, s)]

    def _stories_holding(self, terms: set[str]) -> list[str]:
        """The stories with a fact that holds every term."""
        rows = None
        for term in terms:
            held = self.scorer.rows_holding(term)
            rows = held if rows is None else np.intersect1d(rows, held, assume_unique=True)
            if not len(rows):
                return []
        return [story for story, (first, last) in self.reader.story_rows.items()
                if np.searchsorted(rows, first) < np.searchsorted(rows, last, "right")]

    def _names_only_the_gist(self, words: str, story: str) -> bool:
        """Whether words name nothing beyond a story's headline and lead."""
        analyzer = self.analyzer_for(story)
        analysis = analyzer.analyze(words)
        asked = set(analysis.terms) - _ABOUT_STEMS
        if not asked:
            return True
        headline = analyzer.analyze(self.stories[story].title, correct_typos=False)
        named = [self._named_entity(e, story) for e in analysis.entities]
        # "tell me about Pompeo" asks about him, not the story; but a body the headline is
        # about is the story's subject ("what's going on with this airline?").
        if any(e is not None and e.kind in ACTORS
               and (e.kind == "person" or e.id not in headline.entities) for e in named):
            return False
        gist = self._summary_fact(story)
        told = {*headline.expanded_terms,
                *analyzer.analyze(gist.answer, correct_typos=False).expanded_terms}
        return asked <= told

    def _asks_of_some_story(self, ranked: list[Scored]) -> bool:
        """Whether a question asked of no story in particular finds the same record fact
        of several stories about as well as its best fact: "who wrote this article?" or
        "when did the story run?" with several stories loaded. Then no story's answer is
        the reader's."""
        if len(self.stories) < 2:
            return False
        close = ranked[0].score - RECORD_TIE
        stories: dict[str, set[str]] = {}
        for scored in ranked:
            kind = record_kind(scored.fact)
            if scored.score >= close and kind is not None:
                stories.setdefault(kind, set()).add(scored.fact.story_id)
        return any(len(found) > 1 for found in stories.values())

    def _which_story(self, text: str, to_hear: str) -> Answer:
        """Which stories there are, newest first (the first few), for a question that must
        be asked of one."""
        newest = sorted(self.stories.values(), key=lambda s: (s.published, s.id), reverse=True)
        titles = "; ".join(f"“{s.title}” ({s.id})" for s in newest[:STORIES_LISTED])
        if len(newest) > STORIES_LISTED:
            titles += f"; and {len(newest) - STORIES_LISTED} more"
        return Answer(question=text, answered=False, reason="which-story",
                      message=f"There are several stories: {titles}. Ask in a story's "
                              f"channel, or choose one, {to_hear}.")

    def _summary_fact(self, story: str) -> Fact:
        """The story's fact a curator wrote for "what is this story about?" (their
        override), else the one written from the story record."""
        if story not in self._summaries:
            first, last = self.reader.story_rows.get(story, (0, -1))
            curated = [
                found.fact for found in self.reader.facts_at(list(range(first, last + 1))).values()
                if any(
                    asks_what_story_says(self.analyzer_for(story).analyze(
                        q, correct_typos=False))
                    for q in found.fact.questions)]
            self._summaries[story] = (curated[0] if curated
                                      else summary_fact(self.stories[story]))
        return self._summaries[story]

    def _named_entity(self, entity_id: str, story: str | None) -> Entity | None:
        """The record of an entity in the given story, or in its newest story."""
        found = self._by_id.get(entity_id, [])
        if story is not None:
            found = [e for e in found if e.story_id == story]
        return found[0] if found else None

    def _entity_profile(self, analysis: Analysis, story: str | None) -> Scored | None:
        """'soleimani', 'who is Pompeo?', 'tell me about Abdul-Mahdi': the entity's profile."""
        if not analysis.terms or not kind_named(analysis.question_word).profile_of_bare_name:
            return None
        if any(not t.startswith(ENTITY_PREFIX) for t in analysis.terms):
            return None
        # A name several stories use ("the PM") means, within one story, that story's own.
        entity_ids = {e for e in analysis.entities if self._named_entity(e, story)}
        if len(entity_ids) != 1:
            return None
        entity = self._named_entity(entity_ids.pop(), story)
        row = self.reader.profile_rows.get((entity.story_id, entity.id)) if entity else None
        profile = self.reader.fact_at(row) if row is not None else None
        if profile is None:
            return None
        return Scored(profile.fact, 100.0, 1.0, 1.0, profile.row)

    def _profiles_of(self, analysis: Analysis, story: str | None) -> frozenset[int]:
        """Rows of the profile facts of the entities a question names: the default fact
        about each, in every story that has one."""
        if story is None:
            return frozenset(row for entity_id in analysis.entities
                             for row in self._profile_rows.get(entity_id, ()))
        return frozenset(
            found for entity_id in analysis.entities
            if (found := self.reader.profile_rows.get((story, entity_id))) is not None)

    def _dated_after_story(self, fact: Fact) -> bool:
        """Whether a fact tells of a time after its story: its date is later, or its answer
        names a later year ("will shut the plant by 2030", dated the day it was said), or,
        undated, it speaks of the future ("the report is due within 30 days"). Only such a
        fact can answer "When will...?" (question_kinds.DATE_AFTER_STORY)."""
        story = self.stories.get(fact.story_id)
        if story is None:
            return False
        if fact.date is None and speaks_of_future(fact.answer):
            return True
        if fact.date is not None and fact.date > story.published:
            return True
        return any(int(year) > story.published.year for year in _YEAR.findall(fact.answer))

    def _alternatives(self, ranked: Iterable[Scored]) -> list[Alternative]:
        alternatives = []
        for scored in ranked:
            if scored.score < self.settings.suggestion_threshold:
                break
            fact = scored.fact
            if is_not_in_story(fact.id):
                continue
            alternatives.append(Alternative(
                fact_id=fact.id,
                answer=fact.answer,
                score=scored.score,
                question=fact.questions[0] if fact.questions else None,
            ))
            if len(alternatives) == self.settings.max_alternatives:
                break
        return alternatives

    def _answer(self, question: str, best: Scored, others: list[Scored]) -> Answer:
        fact = best.fact
        story = self.stories.get(fact.story_id)
        speaker = self.entities.get((fact.story_id, fact.speaker)) if fact.speaker else None
        return Answer(
            question=question,
            answered=True,
            answer=fact.answer,
            fact_id=fact.id,
            score=min(100.0, best.score),
            quote=fact.quote,
            date=fact.date.isoformat() if fact.date else None,
            date_text=fact.date_text,
            when=fact.when(),
            speaker=speaker.name if speaker else None,
            story=_story_summary(story) if story else None,
            alternatives=self._alternatives(others),
        )

    def _decline(self, question: str, ranked: list[Scored], reason: str) -> Answer:
        return Answer(
            question=question,
            answered=False,
            score=ranked[0].score if ranked else 0.0,
            alternatives=self._alternatives(ranked),
            reason=reason,
            message=DECLINE_MESSAGE,
        )

    def looks_like_question(self, text: str) -> bool:
        """Whether a chat message is a question (for channels where every question is
        answered, but not every remark)."""
        words = tokens(clean(text or ""))
        return bool(words) and (text.rstrip().endswith("?") or words[0] in QUESTION_OPENERS)

    # -- suggestions for autocomplete ------------------------------------------------------

    def _suggestion_list(self, story: str | None) -> list[str]:
        if story not in self._suggestions:
            suggestions = [
                f"Who is {entity.name}?" for entity in self.entities.values()
                if entity.kind in ACTORS
                and (story is None or entity.story_id == story)
            ]
            suggestions.extend(self.reader.questions(story))
            if len(self._suggestions) > 64:  # a few stories' lists at a time
                self._suggestions.clear()
            self._suggestions[story] = list(dict.fromkeys(q for q in suggestions if len(q) <= 100))
        return self._suggestions[story]

    def suggest_questions(self, typed: str, limit: int = 25, story: str | None = None
                          ) -> list[str]:
        """Questions the fact base can answer that look like what the reader is typing."""
        suggestions = self._suggestion_list(story)
        text = clean(typed or "")
        if len(text) < 2:
            return suggestions[:limit]
        matches = process.extract(text, suggestions, scorer=fuzz.WRatio,
                                  processor=utils.default_process, limit=limit,
                                  score_cutoff=QUESTION_SUGGESTION_CUTOFF)
        return [m[0] for m in matches]

    def suggest_entities(self, typed: str, limit: int = 25) -> list[str]:
        text = clean(typed or "")
        if not text:
            return self._sorted_entity_names[:limit]
        matches = process.extract(text, self._entity_name_list, scorer=fuzz.WRatio,
                                  processor=utils.default_process, limit=limit * 3,
                                  score_cutoff=ENTITY_SUGGESTION_CUTOFF)
        found = [self._by_id[self._entity_names[m[0]]][0].name for m in matches]
        return list(dict.fromkeys(found))[:limit]

    # -- entities and the timeline -------------------------------------------------------

    def find_entity(self, name: str, story: str | None = None) -> Entity | None:
        """The entity a reader means by a name, alias or near-spelling of one: its record in
        the given story, or in the newest story that names it."""
        text = clean(name or "")
        if not tokens(text):
            return None
        for entity_id in self.analyzer_for(story).analyze(text).entities:
            entity = self._named_entity(entity_id, story)
            if entity is not None:
                return entity
        # Whole-name similarity: WRatio's partial matching would find "Leo" in "Napoleon".
        match = process.extractOne(text, self._entity_name_list, scorer=fuzz.ratio,
                                   processor=utils.default_process, score_cutoff=ENTITY_CUTOFF)
        return self._named_entity(self._entity_names[match[0]], story) if match else None

    def entity_facts(self, entity_id: str, story: str | None = None) -> list[Fact]:
        """The facts that involve an entity, in one story or in every story."""
        rows = self.reader.fact_rows_of_entity(entity_id, story)
        found = self.reader.facts_at(rows)
        return [found[row].fact for row in rows if row in found]

    def timeline(self, about: str | None = None, story: str | None = None
                 ) -> tuple[list[Event], Entity | None]:
        """Events in date order, of one story or all, optionally only those involving one
        entity."""
        events = [e for e in self.events if story is None or e.story_id == story]
        if not about or not about.strip():
            return events, None
        entity = self.find_entity(about, story)
        if entity is None:
            return [], None
        involved = {f.id for f in self.entity_facts(entity.id, story)}
        return [e for e in events if involved & set(e.facts)], entity
