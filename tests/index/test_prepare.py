"""Reading stories in worker shares: merged, they are what one reader would have read."""

from __future__ import annotations

import datetime as dt

from bot.factbase.models import Event, FactBase
from bot.index import prepare


def test_merged_shares_keep_each_storys_order_of_events():
    def event(story, event_id, day):
        return Event(id=event_id, story_id=story, date=dt.date(2020, 1, day), date_text="",
                     date_precision="day", title=event_id)

    shares = [FactBase(events=[event("b", "z", 1), event("b", "a", 1), event("b", "m", 2)]),
              FactBase(events=[event("a", "y", 2), event("a", "c", 1), event("a", "x", 1)])]
    base, _, _ = prepare._merge([(share, [], {}) for share in shares])
    assert [(e.story_id, e.id) for e in base.events] == [
        ("a", "c"), ("a", "x"), ("b", "z"), ("b", "a"), ("a", "y"), ("b", "m")]
