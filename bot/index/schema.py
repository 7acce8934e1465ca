"""What readers and the builder of the index agree on."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

SCHEMA_VERSION = 4  # bump when the tables change: older indexes are then rebuilt
POSTING_TYPECODE = "q"  # postings are arrays of 64-bit integers: row * 2 + said-in-text
_ANALYSIS_SOURCES = ("language/text.py", "language/analyzer.py", "language/fact_analysis.py",
                     "factbase/story_facts.py", "index/build.py", "index/schema.py")


@lru_cache(maxsize=1)
def analysis_version() -> str:
    """A digest of the code that turns facts into stored rows: when it changes, stored
    analyses are stale, and no story may be copied from an older index."""
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256(str(SCHEMA_VERSION).encode())
    for name in _ANALYSIS_SOURCES:
        digest.update((package / name).read_bytes())
    return digest.hexdigest()[:16]
