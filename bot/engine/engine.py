"""The question-answering engine: a question in, an Answer out. Knows nothing of Discord."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from rapidfuzz import fuzz, process, utils

from bot.engine.analyzer import ENTITY_PREFIX, Analysis, Analyzer
from bot.engine.answer import Alternative, Answer
from bot.engine.scorer import FactScorer, Scored, ScoringWeights
from bot.engine.settings import EngineSettings
from bot.engine.story_facts import story_record_facts
from bot.engine.text import clean, tokens
from bot.factbase.models import Entity, Event, Fact, FactBase, Story

HOW_TO_ASK = (
    "Ask me a question about the story in plain words, for example "
    "“Who opposed the resolution?”, “When was Soleimani killed?” or “How many US troops are "
    "in Iraq?”. You can also ask about a person (“who is Pompeo?”) or for the timeline."
)
EMPTY_MESSAGE = "Please type a question, for example “Who opposed the resolution?”."
DECLINE_MESSAGE = "I don't know: the story doesn't say."

GREETING_WORDS = frozenset(
    "hi hello hey hiya yo howdy greetings morning afternoon evening good thanks thank thx ty "
    "you there bot storybot everyone all ok okay cool great nice".split()
)
QUESTION_OPENERS = frozenset(
    "who whom whose what whats which when where why how is are was were do does did has have "
    "had can could will would should might may tell explain describe".split()
)
NEGATION = frozenset("not no never nor neither none nothing nobody without".split())
HELP_PHRASES = frozenset({
    "help", "what can you do", "how do i use this", "how do i use you", "how does this work",
    "commands", "how do i ask", "what do you know", "what can i ask", "what can i ask you",
})


def _story_summary(story: Story) -> dict[str, str]:
    return {
        "id": story.id,
        "title": story.title,
        "outlet": story.outlet,
        "author": story.author,
        "published": story.published.isoformat(),
        "source": story.source_line(),
    }


class Engine:
    def __init__(
        self,
        base: FactBase,
        settings: EngineSettings | None = None,
        weights: ScoringWeights | None = None,
    ) -> None:
        self.base = base
        self.settings = settings or EngineSettings()
        self.facts: dict[str, Fact] = {
            fid: fact for fid, fact in base.facts.items() if not fact.draft
        }
        for story in base.stories.values():
            for fact in story_record_facts(story):
                self.facts.setdefault(fact.id, fact)
        vocabulary = [
            text for fact in self.facts.values()
            for text in (fact.answer, fact.quote, *fact.questions)
        ]
        self.analyzer = Analyzer(base.entities.values(), base.synonyms, vocabulary)
        self.scorer = FactScorer(self.facts.values(), base.entities, self.analyzer, weights)
        self._entity_names = {
            name: entity.id for entity in base.entities.values() for name in entity.all_names()
        }
        self._entity_name_list = list(self._entity_names)
        self._sorted_entity_names = sorted({e.name for e in base.entities.values()})
        self._suggestions = self._build_suggestions()

    # -- questions ---------------------------------------------------------------------

    def ask(self, question: str) -> Answer:
        text = clean(question or "")
        if not tokens(text):
            return Answer(question=text, answered=False, reason="empty", message=EMPTY_MESSAGE)
        small_talk = self._small_talk(text)
        if small_talk is not None:
            return small_talk
        analysis = self.analyzer.analyze(text)
        profile = self._entity_profile(analysis)
        ranked = self.scorer.score(analysis, limit=self.settings.max_alternatives + 1,
                                   preferred=self._profiles_of(analysis))
        if profile is not None:
            ranked = [profile, *[s for s in ranked if s.fact.id != profile.fact.id]]
        if not ranked:
            return self._decline(text, [], "no-match")
        best = ranked[0]
        if best.score < self.settings.answer_threshold:
            return self._decline(text, ranked, "below-threshold")
        if analysis.question_word == "when" and self._asks_future(analysis, best.fact):
            return self._decline(text, ranked, "future")
        answer = self._answer(text, best, ranked[1:])
        if analysis.question_word == "yesno":
            answer = self._settle_yes_no(analysis, answer)
        return answer

    @staticmethod
    def _settle_yes_no(analysis: Analysis, answer: Answer) -> Answer:
        """Say "Yes" when a yes/no question is answered by a fact that plainly affirms it.

        Only when neither the question nor the answer has a negation: a fact that says
        what did not happen is curated with its own "No:", and "didn't he...?" is left to
        the reader."""
        text = answer.answer or ""
        if text.startswith(("Yes", "No")) or NEGATION & set(analysis.words):
            return answer
        if NEGATION & set(tokens(text)):
            return answer
        return replace(answer, answer=f"Yes: {text}")

    def answer_fact(self, fact_id: str, question: str = "") -> Answer | None:
        """The answer for one fact, as when a reader picks a "did you mean" suggestion."""
        fact = self.facts.get(fact_id)
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

    def _entity_profile(self, analysis: Analysis) -> Scored | None:
        """'soleimani', 'who is Pompeo?', 'tell me about Abdul-Mahdi': the entity's profile."""
        if not analysis.terms or analysis.question_word not in (None, "who", "what", "name"):
            return None
        if any(not t.startswith(ENTITY_PREFIX) for t in analysis.terms):
            return None
        entity_ids = set(analysis.entities)
        if len(entity_ids) != 1:
            return None
        entity = self.base.entities.get(entity_ids.pop())
        if entity is None or entity.profile not in self.facts:
            return None
        return Scored(self.facts[entity.profile], 100.0, 1.0, 1.0)

    def _profiles_of(self, analysis: Analysis) -> frozenset[str]:
        """Profile facts of the entities a question names: the default fact about each."""
        return frozenset(
            entity.profile for entity_id in analysis.entities
            if (entity := self.base.entities.get(entity_id)) and entity.profile
        )

    def _asks_future(self, analysis: Analysis, fact: Fact) -> bool:
        """'When will ...?' asks for a date after the story; the story cannot know it."""
        future = {"will", "going", "shall"} & set(analysis.words[:6])
        story = self.base.stories.get(fact.story_id)
        return bool(future) and (fact.date is None or story is None or
                                 fact.date <= story.published)

    def _alternatives(self, ranked: Iterable[Scored]) -> list[Alternative]:
        alternatives = []
        for scored in ranked:
            if scored.score < self.settings.suggestion_threshold:
                break
            fact = scored.fact
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
        story = self.base.stories.get(fact.story_id)
        speaker = self.base.entities.get(fact.speaker) if fact.speaker else None
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

    def _build_suggestions(self) -> list[str]:
        suggestions = []
        for entity in self.base.entities.values():
            if entity.kind in ("person", "group", "organisation"):
                suggestions.append(f"Who is {entity.name}?")
        for fact in self.facts.values():
            suggestions.extend(fact.questions[:2])
        return list(dict.fromkeys(q for q in suggestions if len(q) <= 100))

    def suggest_questions(self, typed: str, limit: int = 25) -> list[str]:
        """Questions the fact base can answer that look like what the reader is typing."""
        text = clean(typed or "")
        if len(text) < 2:
            return self._suggestions[:limit]
        matches = process.extract(text, self._suggestions, scorer=fuzz.WRatio,
                                  processor=utils.default_process, limit=limit, score_cutoff=50)
        return [m[0] for m in matches]

    def suggest_entities(self, typed: str, limit: int = 25) -> list[str]:
        text = clean(typed or "")
        if not text:
            return self._sorted_entity_names[:limit]
        matches = process.extract(text, self._entity_name_list, scorer=fuzz.WRatio,
                                  processor=utils.default_process, limit=limit * 3,
                                  score_cutoff=60)
        found = [self.base.entities[self._entity_names[m[0]]].name for m in matches]
        return list(dict.fromkeys(found))[:limit]

    # -- entities and the timeline -------------------------------------------------------

    def find_entity(self, name: str) -> Entity | None:
        """The entity a reader means by a name, alias or near-spelling of one."""
        text = clean(name or "")
        if not tokens(text):
            return None
        ids = self.analyzer.analyze(text).entities
        if ids:
            return self.base.entities.get(ids[0])
        # Whole-name similarity: WRatio's partial matching would find "Leo" in "Napoleon".
        match = process.extractOne(text, self._entity_name_list, scorer=fuzz.ratio,
                                   processor=utils.default_process, score_cutoff=80)
        return self.base.entities.get(self._entity_names[match[0]]) if match else None

    def entity_facts(self, entity_id: str) -> list[Fact]:
        return [f for f in self.facts.values()
                if entity_id in f.entities or f.speaker == entity_id]

    def timeline(self, about: str | None = None) -> tuple[list[Event], Entity | None]:
        """Events in date order, optionally only those involving one entity."""
        if not about or not about.strip():
            return list(self.base.events), None
        entity = self.find_entity(about)
        if entity is None:
            return [], None
        involved = {f.id for f in self.entity_facts(entity.id)}
        events = [e for e in self.base.events if involved & set(e.facts)]
        return events, entity
