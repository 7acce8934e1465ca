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

from bot.drafting.lexicon import ABBREVIATIONS

T = TypeVar("T")

MAX_SENTENCE_CHARS = 500  # longer runs without a full stop are cut at clause breaks

OPENING_QUOTES = "“\""
CLOSING_QUOTES = "”\""
SPEECH_ENDINGS = ",.!?…:;—–-"  # how a quotation of speech ends inside its marks
_BOUNDARY = re.compile(r"[.!?…]+[”\"’)\]]*(?=\s+[“\"‘(\[]?[A-Z0-9À-Þ])")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\f\v]*\n\s*")
_WORD_BEFORE = re.compile(r"([\w.]+)\.$")
# A list item's marker at a line's start: "- ", "• ", "1. ". Each item is a sentence of its
# own, without its marker ("- Nov 12: tunnel closed." is the fact "Nov 12: tunnel closed.").
_LIST_MARKER = re.compile(r"[-–—•*▪]\s+|\d{1,2}[.)]\s+(?=\S)")
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
        """Whether the sentence is someone's words: it goes on with a quotation, or opens
        with one that ends as speech does, in punctuation inside or just outside its marks
        ("“We never stopped,” Orrick said.") or with the sentence. A quoted title opening a
        sentence of the reporter's (“Women Mending Nets” will go on display) is not."""
        if self.opens_in_quote:
            return True
        if not self.starts_with_quote() or not self.quoted:
            return False
        start, end = self.quoted[0]
        inner = self.text[start + 1:end - 1].rstrip()
        after = self.text[end:end + 1]  # "“It is over”, he said." puts it outside
        return (end >= len(self.text.rstrip()) or inner[-1:] in SPEECH_ENDINGS
                or (after != "" and after in SPEECH_ENDINGS))

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
    before a capitalised line is a heading or byline, not a hard-wrapped sentence; the
    items of a list end at their line's end."""
    cuts = []
    line_start = start
    while True:
        newline = text.find("\n", line_start, end)
        if newline < 0:
            return cuts
        line = text[line_start:newline].strip()
        following = text[newline:end].lstrip()
        if line and ((following[:1].isupper() and (len(line) < 50 or line_start == 0))
                     or _LIST_MARKER.match(line) or _LIST_MARKER.match(following)):
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
        line_start = text.rfind("\n", 0, start + match.start()) + 1
        marker = _LIST_MARKER.match(text, line_start)
        if marker and marker.end() >= start + match.end():
            continue  # "1. Call the helpline.": the number marks a list item
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
    end = start + len(stripped)
    marker = _LIST_MARKER.match(text, start, end)
    if marker and (start == 0 or text[start - 1] == "\n"):
        start = marker.end()
    return (start, end) if start < end else None


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


MAX_QUOTATION_CHARS = 800  # a quotation left open by a typo joins no more than this
MIN_CLAUSE_WORDS = 5
_SEMICOLON = re.compile(r";\s+")


def join_quotations(text: str, sentences: list[Sentence]) -> list[Sentence]:
    """A quotation of several sentences stays one piece: a fact quotes a speaker's words
    whole, not cut at each full stop ("“Nobody expected them. They were gone.”")."""
    joined: list[Sentence] = []
    for sentence in sentences:
        previous = joined[-1] if joined else None
        if (previous is not None and sentence.opens_in_quote
                and sentence.paragraph == previous.paragraph
                and sentence.end - previous.start <= MAX_QUOTATION_CHARS):
            offset = sentence.start - previous.start
            joined[-1] = Sentence(
                start=previous.start, end=sentence.end, text=text[previous.start:sentence.end],
                paragraph=previous.paragraph, opens_in_quote=previous.opens_in_quote,
                quoted=_merge_spans(previous.quoted, tuple((s + offset, e + offset)
                                                           for s, e in sentence.quoted)))
            continue
        joined.append(sentence)
    return joined


def _merge_spans(first: tuple[tuple[int, int], ...], second: tuple[tuple[int, int], ...]
                 ) -> tuple[tuple[int, int], ...]:
    """The quoted spans of two joined sentences; one quotation running across them is one."""
    if first and second and second[0][0] <= first[-1][1] + 2:
        return (*first[:-1], (first[-1][0], second[0][1]), *second[1:])
    return (*first, *second)


def split_clauses(text: str, sentences: list[Sentence]) -> list[Sentence]:
    """A sentence of clauses joined by semicolons holds a fact in each: cut it there when
    each side has a subject's worth of words and no quotation is cut."""
    result: list[Sentence] = []
    for sentence in sentences:
        cuts = [m for m in _SEMICOLON.finditer(sentence.text)
                if sentence.outside_quotes(m.start(), m.end())]
        pieces, start = [], 0
        for cut in cuts:
            if (len(sentence.text[start : cut.start()].split()) >= MIN_CLAUSE_WORDS
                    and len(sentence.text[cut.end() :].split()) >= MIN_CLAUSE_WORDS):
                pieces.append((start, cut.start() + 1))
                start = cut.end()
        pieces.append((start, len(sentence.text)))
        for first, (begin, end) in enumerate(pieces):
            result.append(Sentence(
                start=sentence.start + begin, end=sentence.start + end,
                text=text[sentence.start + begin : sentence.start + end],
                paragraph=sentence.paragraph,
                opens_in_quote=sentence.opens_in_quote if first == 0 else False,
                quoted=tuple((s - begin, e - begin) for s, e in sentence.quoted
                             if begin <= s and e <= end)))
    return result
