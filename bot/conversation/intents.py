"""Requests that are not a question about one fact, answered from the matching feature:
the timeline, the events around the last answer, the people of the story, its source."""

from __future__ import annotations

from bot.conversation.book import Book
from bot.conversation.context import Turn
from bot.factbase.models import Event, format_date

MAX_LINES = 25
KIND_TITLES = (("person", "People"), ("group", "Groups"), ("organisation", "Organisations"),
               ("place", "Places"), ("event", "Events"), ("document", "Documents"))


def neighbours(book: Book, last: Turn, intent: str) -> tuple[str, Event] | None:
    """The text and event for "what happened next/before?" and "what else happened then?"."""
    story = last.story
    if story is None:
        return None
    event = None
    if last.event_id:
        event = next((e for e in book.events.get(story, []) if e.id == last.event_id), None)
    if event is None and last.fact_id:
        event = book.event_of_fact.get((story, last.fact_id))
    if intent == "same-day":
        date = event.date if event is not None else last.date
        if date is None:
            return None
        same = book.events_on(story, date)
        if not same:
            return None
        return "\n".join(f"{e.when()}: {e.title}" for e in same), same[0]
    step = 1 if intent == "next" else -1
    if event is not None:  # the event right after (before) it, as the curator ordered them
        found = book.step_from(event, step)
        return (f"{found.when()}: {found.title}", found) if found is not None else None
    # Only a date: the events of the next (or previous) day, told together; the one told
    # last in the direction asked is where "and then?" goes on from.
    found = book.neighbour(story, last.date, step)
    if found is None:
        return None
    told = book.events_on(story, found.date)
    return "\n".join(f"{e.when()}: {e.title}" for e in told), told[-1 if step > 0 else 0]


def _timeline(book: Book, story: str | None) -> str:
    events = (book.events.get(story, []) if story else
              sorted((e for found in book.events.values() for e in found),
                     key=lambda e: e.date))
    if not events:
        return "The story has no dated events."
    lines = [f"{e.when()}: {e.title}" for e in events[:MAX_LINES]]
    if len(events) > MAX_LINES:
        lines.append(f"… and {len(events) - MAX_LINES} more (the timeline command shows all).")
    return "\n".join(lines)


def _cast(book: Book, story: str) -> str:
    entities = book.story_entities(story)
    lines = []
    for kind, title in KIND_TITLES:
        found = [e for e in entities if e.kind == kind]
        if found:
            names = ", ".join(f"{e.name} ({e.description})" if e.description and kind ==
                              "person" else e.name for e in found)
            lines.append(f"{title}: {names}")
    return "\n".join(lines) or "The story names nobody."


def _source(book: Book, story: str) -> str:
    record = book.stories[story]
    published = format_date(record.published, "day")
    text = f"“{record.title}”, {record.outlet}, {published}, by {record.author}"
    if record.contributors:
        text += f", with {' and '.join(record.contributors)} contributing"
    return text + "."


def _summary(book: Book, story: str) -> str:
    record = book.stories[story]
    return (f"“{record.title}” ({record.outlet}, "
            f"{format_date(record.published, 'day')}).")


def render(engine, book: Book, intent: str, story: str | None) -> str:
    if intent == "timeline":
        return _timeline(book, story)
    if intent == "cast":
        return _cast(book, story)
    if intent == "source":
        return _source(book, story)
    return _summary(book, story)
