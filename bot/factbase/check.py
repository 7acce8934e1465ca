"""Checks that span records: references between files, quotes against the article, dates."""

from __future__ import annotations

from pathlib import Path

from bot.factbase.models import FactBase
from bot.factbase.problems import ProblemCollector
from bot.language.tense import speaks_of_future


def quote_mismatch_hint(quote: str, article: str) -> str:
    """Say where a quote stops matching the article, so the curator sees the typo."""
    low, high = 0, len(quote)
    while low < high:  # longest prefix of the quote that the article contains
        mid = (low + high + 1) // 2
        if quote[:mid] in article:
            low = mid
        else:
            high = mid - 1
    if low == 0:
        return "its first character does not occur in the article"
    found = quote[:low]
    start = article.find(found)
    article_next = article[start + low : start + low + 12]
    quote_next = quote[low : low + 12]
    hint = (f"it matches the article up to {found[-30:]!r}, then the quote has "
            f"{quote_next!r} where the article has {article_next!r}")
    if any(c in quote_next for c in "\"'") and any(c in article_next for c in "“”‘’"):
        hint += " (the article uses curly quotes)"
    return hint


def cross_check(
    base: FactBase,
    out: ProblemCollector,
    entity_files: dict[tuple[str, str], Path],
    fact_files: dict[str, Path],
    event_files: dict[tuple[str, str], Path],
) -> None:
    skip = out.unparsable_folders
    # Aliases are unique within a story: "the PM" may be another person in another story.
    alias_owner: dict[tuple[str, str], str] = {}
    for entity in base.entities.values():
        path = entity_files[(entity.story_id, entity.id)]
        where = out.where(path, entity.id, 0)
        if entity.story_id in skip:
            continue
        if entity.profile is not None and entity.profile not in base.facts:
            out.error(path, where, f"profile {entity.profile!r} is not a fact id")
        elif entity.profile is not None and base.facts[entity.profile].story_id != entity.story_id:
            out.error(path, where, f"profile {entity.profile!r} belongs to another story")
        elif entity.profile is not None and base.facts[entity.profile].draft:
            out.error(path, where, f"profile {entity.profile!r} is a draft fact, left out of "
                      "the index; review it or choose another profile")
        for name in entity.all_names():
            key = (entity.story_id, " ".join(name.casefold().replace(".", "").split()))
            owner = alias_owner.get(key)
            if owner is not None and owner != entity.id:
                out.error(path, where, f"alias {name!r} is also an alias of {owner!r}; "
                          "a name must point to one entity in a story")
            alias_owner.setdefault(key, entity.id)

    for fact in base.facts.values():
        path = fact_files[fact.id]
        where = out.where(path, fact.id, 0)
        story = base.stories[fact.story_id]
        if fact.story_id in skip:
            continue
        rejected = out.rejected_ids
        for entity_id in fact.entities:
            if base.entity(fact.story_id, entity_id) is None \
                    and (fact.story_id, entity_id) not in rejected:
                out.error(path, where, f"unknown entity {entity_id!r}; add it to "
                          "entities.toml or fix the id")
        if fact.speaker is not None and base.entity(fact.story_id, fact.speaker) is None \
                and (fact.story_id, fact.speaker) not in out.rejected_ids:
            out.error(path, where, f"speaker {fact.speaker!r} is not an entity id")
        if fact.quote not in story.article_text:
            out.error(path, where, "quote does not appear verbatim in the article: "
                      + quote_mismatch_hint(fact.quote, story.article_text))
        # A later date is what a fact that speaks of the future has ("will resume on
        # Wednesday"); on one told as past it is likely a slip.
        if (fact.date is not None and fact.date > story.published
                and not speaks_of_future(f"{fact.answer} {fact.quote}")):
            out.warning(path, where, f"date {fact.date} is after the story's publication "
                        f"date {story.published}, but its words do not speak of the future "
                        "(\"will\", \"is due to\"): check the date")
        if not fact.questions:
            out.warning(path, where, "no 'questions': the fact can only be found by its words")
        if fact.draft:
            out.warning(path, where, "draft fact: review it and remove 'draft = true'; "
                        "the index leaves it out until then")

    for event in base.events:
        path = event_files[(event.story_id, event.id)]
        where = out.where(path, event.id, 0)
        if event.story_id in skip:
            continue
        for fact_id in event.facts:
            if fact_id not in base.facts:
                out.error(path, where, f"unknown fact {fact_id!r}")
            elif base.facts[fact_id].story_id != event.story_id:
                out.error(path, where, f"fact {fact_id!r} belongs to another story")
        story = base.stories[event.story_id]
        told = [event.title, *(f"{base.facts[f].answer} {base.facts[f].quote}"
                               for f in event.facts if f in base.facts)]
        if event.date > story.published and not any(map(speaks_of_future, told)):
            out.warning(path, where, f"date {event.date} is after the story's publication "
                        f"date {story.published}, but neither it nor its facts speak of the "
                        "future (\"will\", \"is due to\"): check the date")
