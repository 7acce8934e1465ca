"""'Tell me more': the fact most related to the last answer that the reader has not seen.

Related means sharing the last fact's people, groups, places and events (a rare one counts
more than one every fact names), or its speaker, then standing near it in the article."""

from __future__ import annotations

import math


def next_related(engine, fact_id: str, shown: set[str]) -> str | None:
    """The unseen fact most related to fact_id, in its story."""
    here = engine.reader.fact(fact_id)
    if here is None:
        return None
    story = here.fact.story_id
    first, final = engine.reader.story_rows.get(story, (0, -1))
    size = max(1, final - first + 1)
    weights: dict[int, float] = {}
    involved = list(dict.fromkeys((*here.fact.entities, *(
        [here.fact.speaker] if here.fact.speaker else []))))
    for entity_id in involved:
        rows = engine.reader.fact_rows_of_entity(entity_id, story)
        weight = math.log(1 + size / max(1, len(rows)))
        for row in rows:
            weights[row] = weights.get(row, 0.0) + weight
    # Neighbours in the article count a little, so a fact that names nobody can follow.
    for row in range(max(first, here.row - 2), min(final, here.row + 2) + 1):
        weights[row] = weights.get(row, 0.0) + 0.5 / max(1, abs(row - here.row))
    weights.pop(here.row, None)
    ranked = sorted(weights, key=lambda row: (-weights[row], abs(row - here.row), row))
    for start in range(0, len(ranked), 16):
        batch = ranked[start:start + 16]
        found = engine.reader.facts_at(batch)
        for row in batch:
            fact = found.get(row)
            if fact is not None and fact.fact.id not in shown and fact.fact.story_id == story:
                return fact.fact.id
    return None
