"""The SQLite index: derived from facts/, rebuilt whenever it is missing or stale."""

from bot.index.build import build_index
from bot.index.store import IndexError_, ensure_index, load_index

__all__ = ["IndexError_", "build_index", "ensure_index", "load_index"]
