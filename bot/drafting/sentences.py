"""Cuts an article into sentences, each an exact span of the text.

A fact's quote must appear verbatim in the article, so a sentence is never rebuilt from
pieces: it is always `text[start:end]`. Quotation marks are tracked across sentences
because a speaker's words often run on for several sentences after one "he said".
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")

MAX_SENTENCE_CHARS = 500  # longer runs without a full stop are cut at clause breaks

OPENING_QUOTES = "“\""
CLOSING_QUOTES = "”\""
# Words ending in a full stop that do not end a sentence.
ABBREVIATIONS = frozenset("""
    mr mrs ms dr st gen sen rep gov lt col sgt capt maj adm prof jr sr no vol vs etc inc corp
    ltd co jan feb mar apr jun jul aug sep sept oct nov dec fig approx est dept univ ave
    u.s u.k u.n e.u a.m p.m i.e e.g d.c
""".split())

_BOUNDARY = re.compile(r"[.!?…]+[”\"’)\]]*(?=\s+[“\"‘(\[]?[A-Z0-9À-Þ])")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\f\v]*\n\s*")
_WORD_BEFORE = re.compile(r"([\w.]+)\.$")
_CLAUSE_BREAK = re.compile(r"[;:]\s|\s[–—-]\s|,\s")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str                    # exactly text[start:end] of the article
    paragraph: int
    opens_in_quote: bool         # begins inside a quotation opened by an earlier sentence
    quoted: tuple[tuple[int, int], ...] = ()   # spans inside quotation marks, sentence offsets

    def starts_with_quote(self) -> bool:
        return self.text[:1] in OPENING_QUOTES

    def is_quotation(self) -> bool:
        return self.opens_in_quote or self.starts_with_quote()

    def outside_quotes(self, start: int, end: int) -> bool:
        return not any(s <= start and end <= e for s, e in self.quoted)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Blank-line separated blocks, as (start, end) spans without surrounding whitespace."""
    spans = []
    position = 0
    for match in [*_PARAGRAPH_BREAK.finditer(text), None]:
        end = match.start() if match else len(text)
        block = text[position:end]
        stripped = block.strip()
        if stripped:
            lead = len(block) - len(block.lstrip())
            spans.append((position + lead, position + lead + len(stripped)))
        position = match.end() if match else len(text)
    return spans


def _ends_with_abbreviation(text: str) -> bool:
    match = _WORD_BEFORE.search(text)
    if not match:
        return False
    word = match.group(1).lower()
    return word in ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def _line_breaks(text: str, start: int, end: int) -> list[int]:
    """Line ends inside a block that end a sentence: a short line without a full stop
    before a capitalised line is a heading or byline, not a hard-wrapped sentence."""
    cuts = []
    line_start = start
    while True:
        newline = text.find("\n", line_start, end)
        if newline < 0:
            return cuts
        line = text[line_start:newline].strip()
        following = text[newline:end].lstrip()
        if line and following[:1].isupper() and (len(line) < 50 or line_start == 0):
            cuts.append(newline)
        line_start = newline + 1


def _cut_points(text: str, start: int, end: int) -> list[int]:
    cuts = set(_line_breaks(text, start, end))
    block = text[start:end]
    for match in _BOUNDARY.finditer(block):
        word_end = match.start() + 1
        if match.group().startswith(".") and _ends_with_abbreviation(
                block[max(0, word_end - 40) : word_end]):
            continue
        cuts.add(start + match.end())
    return sorted(cuts)


def _split_long(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Runs longer than MAX_SENTENCE_CHARS, cut at the last clause break (or space) in range."""
    pieces = []
    while end - start > MAX_SENTENCE_CHARS:
        window = text[start : start + MAX_SENTENCE_CHARS]
        breaks = [m.end() for m in _CLAUSE_BREAK.finditer(window) if m.end() > 100]
        cut = breaks[-1] if breaks else window.rfind(" ") + 1
        if cut <= 0:
            cut = MAX_SENTENCE_CHARS
        pieces.append((start, start + cut))
        start += cut
    pieces.append((start, end))
    return pieces


def _trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    piece = text[start:end]
    stripped = piece.strip()
    if not stripped:
        return None
    start += len(piece) - len(piece.lstrip())
    return start, start + len(stripped)


def _quote_spans(text: str, start: int, end: int, open_at: int | None
                 ) -> tuple[list[tuple[int, int]], int | None]:
    """Quoted spans in text[start:end]; open_at is where a still-open quotation began."""
    spans = []
    for index in range(start, end):
        char = text[index]
        if char == "“" or (char == '"' and open_at is None):
            if open_at is None:
                open_at = index
        elif char in CLOSING_QUOTES and open_at is not None:
            spans.append((max(open_at, start), index + 1))
            open_at = None
    return spans, open_at


def split_sentences(text: str) -> list[Sentence]:
    sentences = []
    for number, (p_start, p_end) in enumerate(paragraphs(text)):
        open_at: int | None = None
        bounds = [p_start, *_cut_points(text, p_start, p_end), p_end]
        for raw_start, raw_end in zip(bounds, bounds[1:], strict=False):
            for piece in _split_long(text, raw_start, raw_end):
                span = _trimmed(text, *piece)
                if span is None:
                    continue
                start, end = span
                opens_in_quote = open_at is not None
                spans, open_at = _quote_spans(text, start, end, open_at)
                if open_at is not None:
                    spans.append((max(open_at, start), end))
                sentences.append(Sentence(
                    start=start, end=end, text=text[start:end], paragraph=number,
                    opens_in_quote=opens_in_quote,
                    quoted=tuple((s - start, e - start) for s, e in spans),
                ))
    return sentences


def by_sentence(sentences: list[Sentence], items: list[T], start: Callable[[T], int]
                ) -> list[list[T]]:
    """Items (mentions, dates) grouped by the sentence their start offset falls in."""
    starts = [sentence.start for sentence in sentences]
    groups: list[list[T]] = [[] for _ in sentences]
    for item in items:
        index = bisect_right(starts, start(item)) - 1
        if index >= 0 and start(item) < sentences[index].end:
            groups[index].append(item)
    return groups
