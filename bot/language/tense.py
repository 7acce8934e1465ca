"""Whether a text speaks of what is to come: one rule, read by the fact traits the index
stores (a "will" question needs such a fact) and by `storybot check` (a date after the
story's publication fits only such a fact)."""

from __future__ import annotations

import re

from bot.language.lexicon import FUTURE_MARKERS

_FUTURE_EXPRESSION = re.compile(rf"\b(?:{'|'.join(FUTURE_MARKERS)})\b", re.I)


def speaks_of_future(text: str) -> bool:
    """Whether a text speaks of what will (or may) happen: "will", "is due to", "plans"."""
    return bool(_FUTURE_EXPRESSION.search(text))
