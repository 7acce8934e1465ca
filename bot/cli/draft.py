"""`storybot draft ARTICLE --story ID --published DATE`: a draft story folder to edit."""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import re
from pathlib import Path
from typing import TYPE_CHECKING

from bot.cli.common import CommandError, add_common_options, config_from_args

if TYPE_CHECKING:
    from bot.drafting.redraft import Redraft
    from bot.drafting.story import Draft, ExistingNames

MAX_ARTICLE_BYTES = 2_000_000  # a long news article is ~100 KB; more is the wrong file
SUMMARY_ENTITIES = 8


def register(commands) -> None:
    parser = commands.add_parser(
        "draft", help="write a draft story folder from an article, for a curator to edit",
        description="Write facts/<ID>/ from an article: one draft fact per sentence with its "
                    "verbatim quote, quotations with their speakers, candidate entities and "
                    "the dates the text mentions. Review the files, then run storybot check.")
    parser.add_argument("article", metavar="ARTICLE", help="the article, a UTF-8 text file")
    parser.add_argument("--story", metavar="ID", required=True,
                        help="the story id, lower-case words joined by hyphens; names the folder")
    parser.add_argument("--published", metavar="YYYY-MM-DD", required=True,
                        help="publication date, which anchors 'Friday', 'last week' ...")
    parser.add_argument("--title", help="headline (default: the article's first line)")
    parser.add_argument("--outlet", help="publication (default: 'Unknown outlet')")
    parser.add_argument("--author", help="byline (default: a 'By ...' line, else 'Unknown')")
    parser.add_argument("--force", action="store_true",
                        help="draft a corrected article over an existing story: curated facts "
                             "whose quote remains are kept, the others flagged, new sentences "
                             "drafted, and the old folder backed up beside it")
    add_common_options(parser)
    parser.set_defaults(handler=run)


def _published(value: str) -> dt.date:
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise CommandError(f"--published must be a date written YYYY-MM-DD, like 2020-01-10; "
                       f"got {value!r}")


def _read_article(path: Path) -> bytes:
    try:
        if path.is_dir():
            raise CommandError(f"{path} is a folder; give the article's text file")
        if path.stat().st_size > MAX_ARTICLE_BYTES:
            raise CommandError(f"{path} is {path.stat().st_size:,} bytes; a draft is made from "
                               f"one article of at most {MAX_ARTICLE_BYTES:,} bytes")
        return path.read_bytes()
    except OSError as exc:
        raise CommandError(f"cannot read the article {path}: {exc.strerror}") from exc


def _existing(facts_dir: Path, story_id: str, redrafting: bool) -> ExistingNames:
    """Other stories' fact ids and entity names; a broken story still lends what loads.
    Redrafting, the story's own names and fact ids count too: new facts must not take a
    curated fact's id, and a name the curator has keeps the curator's entity id."""
    from bot.drafting.redraft import curated_fact_ids
    from bot.drafting.story import ExistingNames
    from bot.factbase.loader import load_factbase, story_folders

    if not facts_dir.is_dir() or not story_folders(facts_dir):
        return ExistingNames()
    base, _ = load_factbase(facts_dir)
    existing = ExistingNames.from_factbase(base, except_story=None if redrafting
                                           else story_id)
    if redrafting:
        own = curated_fact_ids(facts_dir / story_id)
        existing = dataclasses.replace(existing, fact_ids=existing.fact_ids | own)
    return existing


def run(args: argparse.Namespace) -> int:
    from bot.drafting.redraft import redraft
    from bot.drafting.story import DraftError, article_text, check_story_id, draft_story
    from bot.drafting.write import write_draft

    config = config_from_args(args, facts_must_exist=False)  # the first story makes it
    published = _published(args.published)
    try:
        check_story_id(args.story)
    except DraftError as exc:
        raise CommandError(str(exc)) from exc
    folder = config.facts_dir / args.story
    if folder.exists() and not args.force:
        raise CommandError(f"{folder} already exists; pass --force to draft the article "
                           "over it (curated facts are kept, the old folder backed up), or "
                           "choose another --story id")
    raw = _read_article(Path(args.article))
    redrafting = folder.is_dir()
    try:
        article = article_text(raw)
        draft = draft_story(article, args.story, published, title=args.title,
                            outlet=args.outlet, author=args.author,
                            existing=_existing(config.facts_dir, args.story, redrafting))
        if redrafting:
            print(redraft_summary(redraft(folder, draft, article, raw), folder))
            return 0
        write_draft(draft, folder, raw)
    except DraftError as exc:
        raise CommandError(f"{args.article}: {exc}") from exc
    except OSError as exc:
        raise CommandError(f"cannot write {folder}: {exc.strerror or exc}") from exc
    print(summary(draft, folder))
    return 0


def redraft_summary(done: Redraft, folder: Path) -> str:
    lines = [f"Drafted the corrected article over {folder}/ (the old folder is kept as "
             f"{done.backup})",
             f"  {len(done.kept)} curated facts kept: their quotes are still in the article"]
    if done.flagged:
        lines.append(f"  {len(done.flagged)} facts flagged, their quotes are no longer in the "
                     f"article: {', '.join(done.flagged)}")
    lines.append(f"  {len(done.added)} draft facts added for sentences no fact quotes"
                 + (f", with {len(done.added_entities)} new entities"
                    if done.added_entities else ""))
    lines.append("next: fix or delete the flagged facts, review the added drafts, then run "
                 "storybot check")
    return "\n".join(lines)


def summary(draft: Draft, folder: Path) -> str:
    entities = sorted(draft.entities, key=lambda e: -e.mentions)
    top = ", ".join(f"{e.name} ({e.mentions})" for e in entities[:SUMMARY_ENTITIES])
    hidden = len(entities) - SUMMARY_ENTITIES
    more = f", … {hidden} more" if hidden > 0 else ""
    people = ", ".join(e.name for e in draft.people()) or "none found"
    wordings: dict[tuple[dt.date, str], list[str]] = {}
    for found in draft.dates:
        texts = wordings.setdefault((found.date, found.precision), [])
        if found.text not in texts:
            texts.append(found.text)
    dates = sorted(wordings)
    dated = "; ".join(f"{day.isoformat()} ({precision}): "
                      + ", ".join(f"“{text}”" for text in wordings[day, precision])
                      for day, precision in dates)
    lines = [
        f"Wrote a draft of story {draft.story_id!r} to {folder}/",
        f"  title: {draft.title}",
        f"  author: {draft.author} · outlet: {draft.outlet} · published: "
        f"{draft.published.isoformat()}",
        f"  {len(draft.facts)} draft facts, one per sentence or quotation "
        f"({len(draft.skipped)} trivial lines left out)",
        f"  {len(draft.quotations())} with a speaker (quotations and reported speech)",
        f"  {len(draft.entities)} candidate entities: {top}{more}" if entities
        else "  no candidate entities found",
        f"  people: {people}",
        f"  {len(dates)} dates: {dated}" if dates else "  dates: none found",
        "next: edit the files (review each fact, rewrite its answer, add questions, remove "
        "draft = true), then run storybot check",
    ]
    return "\n".join(lines)
