"""Problems found in fact files, gathered as they are found and located for a curator.

The loader reads records and the cross-file checks judge them; both report here, so a
curator gets every problem at once, each with its file and record.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from bot.factbase.models import Problem

_ID_LINE = re.compile(r"""^\s*id\s*=\s*["']([^"'\n]*)["']""", re.M)


class ProblemCollector:
    """Problems found so far, with helpers that locate a record in its file."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.problems: list[Problem] = []
        self._texts: dict[Path, str] = {}
        self._lines: dict[Path, dict[str, int]] = {}
        # Folders with a file that could not be parsed: references into them can't be judged.
        self.unparsable_folders: set[str] = set()
        # (story, id) of records already reported as invalid: a fact naming one is not
        # reported again as naming an unknown entity, so one mistake is one error.
        self.rejected_ids: set[tuple[str, str]] = set()

    def rel(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.root.parent))
        except ValueError:
            return str(path)

    def remember(self, path: Path, text: str) -> None:
        self._texts[path] = text

    def where(self, path: Path, record_id: Any, index: int) -> str:
        """'fact-id (line N)' when the id can be found in the file, else the record's position."""
        if isinstance(record_id, str) and record_id:
            line = self._id_lines(path).get(record_id)
            return f"{record_id} (line {line})" if line else record_id
        return f"record {index + 1}"

    def _id_lines(self, path: Path) -> dict[str, int]:
        """Where each record id is written in a file, found in one pass over it."""
        lines = self._lines.get(path)
        if lines is None:
            text = self._texts.get(path, "")
            lines = {}
            line, counted_to = 1, 0
            for match in _ID_LINE.finditer(text):
                line += text.count("\n", counted_to, match.start())
                counted_to = match.start()
                lines.setdefault(match.group(1), line)
            self._lines[path] = lines
        return lines

    def error(self, path: Path, where: str, message: str) -> None:
        self.problems.append(Problem(self.rel(path), where, message, "error"))

    def warning(self, path: Path, where: str, message: str) -> None:
        self.problems.append(Problem(self.rel(path), where, message, "warning"))
