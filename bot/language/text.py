"""Turning free text into comparable terms: normalisation, tokens, stems.

Questions and facts go through the same steps, so "U.S.", "US" and "us" meet, as do
"Iraq's" and "Iraq", "5,000" and "5000", "withdrawal" and "withdraw".
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import Stemmer

from bot.language.lexicon import IRREGULAR, STEM_EXCEPTIONS

MAX_QUESTION_CHARS = 500
# A year as news writes it: four digits from 1500 to 2099 ("painted in 1642", "since
# 2024"). Written with a separator it is a count ("1,642 visitors"), but a term has lost
# the separator, so a term of those digits may be either.
YEAR_DIGITS = r"(?:1[5-9]|20)\d\d"

_STEMMER = Stemmer.Stemmer("english")

_ABBREVIATION = re.compile(r"\b[^\W\d_](?:\.[^\W\d_])+\.?")
_DIGIT_GROUP = re.compile(r"(?<=\d)[,.](?=\d{3}\b)")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "ʼ": "'"})
_NEGATION = re.compile(r"n't\b")
_POSSESSIVE = re.compile(r"'s?\b")
_TOKEN = re.compile(r"[^\W_]+")
_ORDINAL = re.compile(r"\b(\d+)(?:st|nd|rd|th)\b")
_HAS_DIGIT = re.compile(r"\d").search
# Cheap searches for what the rewrites need: a dot before a letter ("u.s"), a separator
# between digits ("5,000"), a digit followed by an ordinal suffix ("3rd").
_ABBREVIATION_MARK = re.compile(r"\.[^\W\d_]").search
_DIGIT_GROUP_MARK = re.compile(r"\d[,.]\d").search
_ORDINAL_MARK = re.compile(r"\d(?:st|nd|rd|th)").search

_DROPPED = {"Cf": "", "Cs": "", "Co": "", "Cn": "", "Cc": " ", "Zl": " ", "Zp": " "}


def clean(text: str) -> str:
    """Normalise Unicode, drop control and invisible characters, cap the length."""
    # Cut first: normalisation can expand text, and a huge paste must stay cheap.
    text = text[: MAX_QUESTION_CHARS * 4]
    if not (text.isascii() and text.isprintable()):  # plain text, most of it, skips this
        text = unicodedata.normalize("NFKC", text)
        # Invisible format characters (zero-width joiners, BOMs, direction marks) vanish, so
        # a word pasted with one inside stays one word; control characters separate words.
        text = "".join(
            _DROPPED.get(unicodedata.category(ch), ch) if not " " <= ch < "\x7f" else ch
            for ch in text
        )
    return " ".join(text.split())[:MAX_QUESTION_CHARS]


def tokens(text: str) -> list[str]:
    """Lower-case word tokens, with abbreviations joined and possessives dropped."""
    text = text.casefold()
    # Each rewrite runs only when its mark is there: this is the inner loop of indexing.
    if not text.isascii() or "`" in text:
        text = text.translate(_APOSTROPHES)
    if _ABBREVIATION_MARK(text):
        text = _ABBREVIATION.sub(_without_dots, text)
    if _HAS_DIGIT(text):
        if _DIGIT_GROUP_MARK(text):
            text = _DIGIT_GROUP.sub("", text)
        if _ORDINAL_MARK(text):
            text = _ORDINAL.sub(_ordinal_number, text)
    if "'" in text:
        text = _NEGATION.sub(" not", text)
        text = _POSSESSIVE.sub("", text)
    return _TOKEN.findall(text)


def _without_dots(match: re.Match) -> str:
    return match.group().replace(".", "")


def _ordinal_number(match: re.Match) -> str:
    return match.group(1)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    if word.isdigit():
        return word.lstrip("0") or "0"
    if word in STEM_EXCEPTIONS:
        return STEM_EXCEPTIONS[word]
    return _STEMMER.stemWord(IRREGULAR.get(word, word))

