"""How good a first version `storybot draft` writes, against a curator's own files.

For each story folder (article.txt, story.toml, and the curator's entities.toml, plus
timeline.toml and facts.toml or speakers.toml when there are any) it drafts the article
and counts:

- entities: the curator's entities the draft finds (a drafted name or alias is one of
  the curator's), those typed with the curator's kind, people typed as people, and the
  drafted entities the curator would delete (matching none of theirs); a curated entity
  found twice is a missed merge, a drafted one matching two curated ones a false merge;
- dated events: the curator's timeline events (date and precision) the draft's timeline
  holds, and the drafted events whose date the curator has no event for;
- speakers: of the curator's sentences, those whose drafted fact has the curator's
  speaker, another speaker, none, or a speaker where the curator has none.

    python benchmarks/draft_quality.py                 # the bundled and the test stories
    python benchmarks/draft_quality.py FOLDER... --json
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import tomllib
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.drafting.names import name_key  # noqa: E402
from bot.drafting.story import article_text, draft_story  # noqa: E402

DEFAULT_FOLDERS = (ROOT / "facts" / "us-iraq-withdrawal",
                   *sorted((ROOT / "tests" / "data" / "stories").iterdir()),
                   *sorted((ROOT / "tests" / "data" / "drafting").iterdir()))
DRAFT_ID = "draft-quality"


@dataclass
class Scores:
    story: str
    curated_entities: int = 0
    named_in_article: int = 0      # curated entities whose name or an alias the text uses
    entities_found: int = 0
    kind_agrees: int = 0
    curated_people: int = 0
    people_found_as_people: int = 0
    drafted_entities: int = 0
    entities_to_delete: int = 0
    missed_merges: int = 0
    false_merges: int = 0
    curated_events: int = 0
    events_found: int = 0
    drafted_events: int = 0
    events_to_delete: int = 0
    speaker_sentences: int = 0     # the curator's sentences with a speaker
    speaker_right: int = 0
    speaker_wrong: int = 0
    speaker_missing: int = 0
    narration_sentences: int = 0   # the curator's sentences nobody says
    narration_given_speaker: int = 0
    details: tuple[str, ...] = ()  # what was missed or added, for --details


def _toml(path: Path, table: str) -> list[dict]:
    if not path.is_file():
        return []
    return tomllib.loads(path.read_text(encoding="utf-8")).get(table, [])


def _keys(names: Iterable[str]) -> set[str]:
    return {name_key(n) for n in names if n}


def _used_in(article: str, names: Iterable[str]) -> bool:
    return any(re.search(r"(?<!\w)" + re.escape(n) + r"(?!\w)", article) for n in names if n)


def _drafted_events(draft) -> set[tuple[dt.date, str]]:
    """The draft's timeline; a draft without one offers its facts' dates instead."""
    timeline = getattr(draft, "timeline", None)
    if timeline is not None:
        return {(event.date.date, event.date.precision) for event in timeline}
    return {(fact.date.date, fact.date.precision) for fact in draft.facts if fact.date}


def _truth_sentences(folder: Path) -> list[tuple[str, str]]:
    listed = _toml(folder / "speakers.toml", "sentence")
    if listed:
        return [(s["quote"], s.get("speaker", "")) for s in listed]
    return [(f["quote"], f.get("speaker", "")) for f in _toml(folder / "facts.toml", "fact")]


def measure(folder: Path) -> Scores:
    story = _toml(folder / "story.toml", "story") or tomllib.loads(
        (folder / "story.toml").read_text(encoding="utf-8"))["story"]
    raw = (folder / story.get("article", "article.txt")).read_bytes()
    article = article_text(raw)
    published = story["published"]
    draft = draft_story(article, DRAFT_ID, published, author=story.get("author"),
                        outlet=story.get("outlet"), title=story.get("title"))
    scores = Scores(folder.name)

    curated = _toml(folder / "entities.toml", "entity")
    curated_keys = {e["id"]: _keys([e["name"], *e.get("aliases", [])]) for e in curated}
    drafted_keys = {d.id: _keys([d.name, *d.aliases, *d.forms]) for d in draft.entities}
    matches = {d.id: [c for c, keys in curated_keys.items() if keys & drafted_keys[d.id]]
               for d in draft.entities}
    kinds = {d.id: d.kind for d in draft.entities}
    scores.curated_entities = len(curated)
    scores.drafted_entities = len(draft.entities)
    scores.entities_to_delete = sum(1 for found in matches.values() if not found)
    scores.false_merges = sum(1 for found in matches.values() if len(found) > 1)
    notes = [f"to delete: {d.name!r} ({d.kind})" for d in draft.entities if not matches[d.id]]
    notes += [f"false merge: {d.name!r} = {matches[d.id]}" for d in draft.entities
              if len(matches[d.id]) > 1]
    for entity in curated:
        names = [entity["name"], *entity.get("aliases", [])]
        scores.named_in_article += _used_in(article, names)
        finders = [d for d, found in matches.items() if entity["id"] in found]
        scores.curated_people += entity["kind"] == "person"
        if not finders:
            notes.append(f"missed entity: {entity['name']!r} ({entity['kind']})")
            continue
        if len(finders) > 1:
            notes.append(f"missed merge: {finders}")
        if entity["kind"] == "person" and not any(kinds[d] == "person" for d in finders):
            notes.append(f"person typed {[kinds[d] for d in finders]}: {entity['name']!r}")
        scores.entities_found += 1
        scores.missed_merges += len(finders) - 1
        scores.kind_agrees += any(kinds[d] == entity["kind"] for d in finders)
        scores.people_found_as_people += entity["kind"] == "person" and any(
            kinds[d] == "person" for d in finders)

    events = {(e["date"], e["date_precision"]) for e in _toml(folder / "timeline.toml", "event")}
    drafted = _drafted_events(draft)
    scores.curated_events = len(events)
    scores.events_found = len(events & drafted)
    scores.drafted_events = len(drafted)
    scores.events_to_delete = len(drafted - events)
    notes += [f"missed event: {d.isoformat()} {p}" for d, p in sorted(events - drafted)]
    notes += [f"event to delete: {d.isoformat()} {p}" for d, p in sorted(drafted - events)]

    curated_of = {d: found[0] for d, found in matches.items() if len(found) == 1}
    for quote, speaker in _truth_sentences(folder):
        fact = next((f for f in draft.facts if quote in f.quote or f.quote in quote), None)
        given = curated_of.get(fact.speaker, "?") if fact and fact.speaker else ""
        if speaker:
            scores.speaker_sentences += 1
            if given == speaker:
                scores.speaker_right += 1
            elif given:
                scores.speaker_wrong += 1
                notes.append(f"speaker {given} instead of {speaker}: {quote[:60]!r}")
            else:
                scores.speaker_missing += 1
                notes.append(f"no speaker, the curator's is {speaker}: {quote[:60]!r}")
        else:
            scores.narration_sentences += 1
            scores.narration_given_speaker += bool(given)
            if given:
                notes.append(f"narration given to {given}: {quote[:60]!r}")
    scores.details = tuple(notes)
    return scores


def _line(s: Scores) -> str:
    return (f"{s.story}\n"
            f"  entities: found {s.entities_found}/{s.curated_entities} of the curator's "
            f"({s.named_in_article} named in the article), kind agrees {s.kind_agrees}, "
            f"people as people {s.people_found_as_people}/{s.curated_people}; "
            f"{s.entities_to_delete} of {s.drafted_entities} drafted to delete, "
            f"{s.missed_merges} missed merges, {s.false_merges} false merges\n"
            f"  events:   found {s.events_found}/{s.curated_events} of the curator's; "
            f"{s.events_to_delete} of {s.drafted_events} drafted to delete\n"
            f"  speakers: {s.speaker_right}/{s.speaker_sentences} right, {s.speaker_wrong} "
            f"wrong, {s.speaker_missing} missing; narration given a speaker "
            f"{s.narration_given_speaker}/{s.narration_sentences}")


def total(all_scores: list[Scores]) -> Scores:
    summed = Scores("total")
    for scores in all_scores:
        for key, value in asdict(scores).items():
            if key not in ("story", "details"):
                setattr(summed, key, getattr(summed, key) + value)
    return summed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folders", nargs="*", type=Path, help="curated story folders")
    parser.add_argument("--json", action="store_true", help="one JSON object per story")
    parser.add_argument("--details", action="store_true", help="list what was missed or added")
    args = parser.parse_args(argv)
    all_scores = [measure(folder) for folder in (args.folders or DEFAULT_FOLDERS)]
    all_scores.append(total(all_scores))
    for scores in all_scores:
        print(json.dumps(asdict(scores)) if args.json else _line(scores))
        if args.details and not args.json:
            print("".join(f"    {note}\n" for note in scores.details), end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
