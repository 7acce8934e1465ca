"""Synonyms of nouns, from WordNet 3.0 (data/README.md): how storybot reads a reader's word
that no fact of the story holds ("who confirmed the discovery?" of a story saying "the
find"). Only a word whose commonest sense is a noun, and only that sense's synonyms: verbs
and rarer senses stray too far ("resign" is "vacate" in one of them).

The table is written by scripts/build_wordnet_nouns.py and checked by its sha256 when first
read; a missing or altered table gives no synonyms (one WARNING line), never a failure.
"""

from __future__ import annotations

import hashlib
import logging
import lzma
from functools import lru_cache
from pathlib import Path

log = logging.getLogger("storybot.wordnet")

TABLE_PATH = Path(__file__).resolve().parent / "data" / "wordnet-nouns.tsv.xz"
TABLE_SHA256 = "669f08b4056e19d843bbc1a8188bf3a2897ce609db179074731668b65ad4684e"


@lru_cache(maxsize=1)
def _table() -> dict[str, tuple[str, ...]]:
    try:
        data = lzma.decompress(TABLE_PATH.read_bytes())
    except (OSError, lzma.LZMAError) as exc:
        log.warning("noun synonyms are off: %s cannot be read: %s", TABLE_PATH.name, exc)
        return {}
    if hashlib.sha256(data).hexdigest() != TABLE_SHA256:
        log.warning("noun synonyms are off: %s does not match its sha256", TABLE_PATH.name)
        return {}
    table = {}
    for line in data.decode("utf-8").splitlines():
        key, _, words = line.partition("\t")
        table[key] = tuple(words.split())
    return table


def noun_synonyms(stem: str) -> tuple[str, ...]:
    """The stems of the words sharing the commonest sense of a noun (given as its stem),
    in WordNet's order; () for a word that is not chiefly a noun or has none."""
    return _table().get(stem, ())
