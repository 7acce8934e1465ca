"""A per-user limit on questions, kept in memory only (the query log stores no user ids)."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable


class Cooldown:
    """At most `rate` questions per `per` seconds for each user."""

    def __init__(self, rate: int, per: float, clock: Callable[[], float] = time.monotonic):
        self.rate = rate
        self.per = per
        self._clock = clock
        self._asked: dict[int, deque[float]] = {}
        self._forget_above = 10_000

    def retry_after(self, user_id: int) -> float:
        """0 when the user may ask now (and counts the question), else seconds to wait."""
        if self.rate <= 0:
            return 0.0
        now = self._clock()
        asked = self._asked.setdefault(user_id, deque())
        while asked and now - asked[0] >= self.per:
            asked.popleft()
        if len(asked) >= self.rate:
            return self.per - (now - asked[0])
        asked.append(now)
        if len(self._asked) > self._forget_above:  # forget users who have gone quiet
            self._asked = {u: q for u, q in self._asked.items() if q and now - q[-1] < self.per}
            self._forget_above = max(10_000, 2 * len(self._asked))  # cleanups stay rare
        return 0.0
