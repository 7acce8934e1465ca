"""Whether a word is ordinary English, and how a word sounds: what typo correction needs to
leave real words alone and to pick between equally near spellings.

Word frequencies come from `wordfreq` (a well-kept list built from many corpora) rather than
a list of our own; it is read only when a question has a word the fact base doesn't know.
"""

from __future__ import annotations

from functools import lru_cache

# Zipf frequency (log10 of uses per billion words) from which a word counts as ordinary
# English: "gist" (3.2) and "sunni" (3.5) are, "irak" (2.1) and "mnay" (0) are not.
ENGLISH_WORD_ZIPF = 3.0

_SOUNDEX_CODES = {
    **dict.fromkeys("bfpv", "1"), **dict.fromkeys("cgjkqsxz", "2"),
    **dict.fromkeys("dt", "3"), "l": "4", **dict.fromkeys("mn", "5"), "r": "6",
}


@lru_cache(maxsize=8192)
def is_english_word(word: str) -> bool:
    """Whether a lower-case word is common enough in English to be meant as typed."""
    from wordfreq import zipf_frequency  # loads its English list on first use (~0.2 s)

    return zipf_frequency(word, "en") >= ENGLISH_WORD_ZIPF


def sounds_like(word: str) -> str:
    """The word's Soundex code: "irak" and "iraq" share one, "iran" has another."""
    if not word:
        return ""
    code, last = word[0], _SOUNDEX_CODES.get(word[0], "")
    for letter in word[1:]:
        digit = _SOUNDEX_CODES.get(letter, "")
        if digit and digit != last:
            code += digit
        if letter not in "hw":
            last = digit
    return (code + "000")[:4]
