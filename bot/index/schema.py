"""What readers and the builder of the index agree on."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

SCHEMA_VERSION = 4  # bump when the tables change: older indexes are then rebuilt
POSTING_TYPECODE = "q"  # postings are arrays of 64-bit integers: row * 2 + said-in-text
# The packages whose code decides what an index holds: the fact model and loader, text
# analysis, the index builder and the engine that reads its rows. Whole packages, so that a
# module added to or moved between them is covered without anyone remembering to list it.
ANALYSIS_PACKAGES = ("factbase", "language", "index", "engine")
BOT_PACKAGE = Path(__file__).resolve().parent.parent


def source_digest(root: Path = BOT_PACKAGE, packages: tuple[str, ...] = ANALYSIS_PACKAGES
                  ) -> str:
    """A digest of every Python file in `packages` under `root`, names and contents."""
    digest = hashlib.sha256(str(SCHEMA_VERSION).encode())
    for package in packages:
        for path in sorted((root / package).rglob("*.py")):
            digest.update(path.relative_to(root).as_posix().encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


@lru_cache(maxsize=1)
def analysis_version() -> str:
    """A digest of the code that turns facts into stored rows: when it changes, stored
    analyses are stale, and no story may be copied from an older index."""
    return source_digest()
