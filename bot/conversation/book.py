"""What a conversation looks up about the fact base, gathered once per engine: entities by
id, and which timeline event each fact belongs to."""

from __future__ import annotations

import weakref
from bisect import bisect_left, bisect_right

from bot.factbase.models import Entity, Event, Story


class Book:
    def __init__(self, engine) -> None:
        self.stories: dict[str, Story] = engine.stories
        self._entities = engine.entities  # (story id, entity id) -> Entity
        newest = sorted(self._entities.values(),
                        key=lambda e: self.stories[e.story_id].published, reverse=True)
        self._by_id: dict[str, list[Entity]] = {}
        for entity in newest:
            self._by_id.setdefault(entity.id, []).append(entity)
        # story id -> its events in date order, those of one day as its curator listed them
        self.events: dict[str, list[Event]] = {}
        self.event_of_fact: dict[tuple[str, str], Event] = {}
        for event in engine.events:
            self.events.setdefault(event.story_id, []).append(event)
            for fact_id in event.facts:
                self.event_of_fact.setdefault((event.story_id, fact_id), event)
        self._dates = {story: [e.date for e in events] for story, events in self.events.items()}

    def entity(self, entity_id: str, story: str | None) -> Entity | None:
        """The entity's record in the story, or in its newest story."""
        if story is not None:
            found = self._entities.get((story, entity_id))
            if found is not None:
                return found
        records = self._by_id.get(entity_id)
        return records[0] if records else None

    def in_story(self, entity_id: str, story: str | None) -> bool:
        return entity_id in self._by_id if story is None else (story, entity_id) in self._entities

    def kind(self, entity_id: str, story: str | None) -> str | None:
        found = self.entity(entity_id, story)
        return found.kind if found else None

    def name(self, entity_id: str, story: str | None) -> str:
        found = self.entity(entity_id, story)
        return found.name if found else entity_id

    def story_entities(self, story: str) -> list[Entity]:
        return [e for (s, _), e in self._entities.items() if s == story]

    def events_on(self, story: str, date) -> list[Event]:
        events, dates = self.events.get(story, []), self._dates.get(story, [])
        return events[bisect_left(dates, date):bisect_right(dates, date)]

    def step_from(self, event: Event, step: int) -> Event | None:
        """The event right after (step 1) or right before (step -1) an event in its story's
        timeline: by date, and within a day as its curator listed them."""
        events = self.events.get(event.story_id, [])
        at = next((i for i, e in enumerate(events) if e.id == event.id), None)
        if at is None or not 0 <= at + step < len(events):
            return None
        return events[at + step]

    def neighbour(self, story: str, date, step: int) -> Event | None:
        """The first event after (step 1) or the last before (step -1) a date."""
        if date is None:
            return None
        events, dates = self.events.get(story, []), self._dates.get(story, [])
        index = bisect_right(dates, date) if step > 0 else bisect_left(dates, date) - 1
        return events[index] if 0 <= index < len(events) else None


_BOOKS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def book_of(engine) -> Book:
    """The engine's book, made on first use (a reloaded engine gets its own)."""
    found = _BOOKS.get(engine)
    if found is None:
        found = _BOOKS[engine] = Book(engine)
    return found
