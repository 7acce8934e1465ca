"""Drafting a story from an article: what a curator would otherwise type from scratch.

The bundled article, with its curated fact files, is the yardstick: the draft must load
without errors and find the people, dates and speakers the curator found.
"""

from __future__ import annotations

import datetime as dt
import time
import tomllib
from pathlib import Path

import pytest

from bot.drafting.dates import find_dates
from bot.drafting.names import name_key
from bot.drafting.sentences import MAX_SENTENCE_CHARS
from bot.drafting.story import (
    MAX_DRAFT_FACT_ID,
    MAX_STORY_ID,
    Draft,
    DraftError,
    ExistingNames,
    article_text,
    check_story_id,
)
from bot.drafting.story import (
    draft_story as _draft_story,
)
from bot.drafting.write import write_draft
from bot.factbase.loader import ID_PATTERN, MAX_FACT_ID, load_factbase
from bot.factbase.story_facts import story_record_facts
from tests.conftest import FACTS_DIR

CURATED = FACTS_DIR / "us-iraq-withdrawal"


def draft_story(*args, **options) -> Draft:
    """A draft with a byline and an outlet: `storybot check` rejects a story without (see
    test_a_draft_without_a_byline_says_so_and_check_reports_it_once)."""
    options.setdefault("author", "Ann Writer")
    options.setdefault("outlet", "Test Wire")
    return _draft_story(*args, **options)
ARTICLE_BYTES = (CURATED / "article.txt").read_bytes()
ARTICLE = article_text(ARTICLE_BYTES)
PUBLISHED = dt.date(2020, 1, 10)  # a Friday
STORY = "iraq-draft"


def _curated(name: str, table: str) -> list[dict]:
    return tomllib.loads((CURATED / name).read_text(encoding="utf-8"))[table]


@pytest.fixture(scope="module")
def draft() -> Draft:
    # The byline is not in the text; a curator passes it as the README's metadata says.
    return draft_story(ARTICLE, STORY, PUBLISHED, author="Leo Shane III",
                       outlet="Military Times")


def _errors(root: Path) -> list[str]:
    _, problems = load_factbase(root)
    return [str(p) for p in problems if p.level == "error"]


def _write_alone(tmp_path: Path, draft: Draft, raw: bytes = ARTICLE_BYTES) -> Path:
    root = tmp_path / "facts"
    write_draft(draft, root / draft.story_id, raw)
    return root


def _fact_quoting(draft: Draft, words: str):
    return next(f for f in draft.facts if words in f.quote)


def _entity(draft: Draft, entity_id: str):
    return next(e for e in draft.entities if e.id == entity_id)


def _names(entity) -> set[str]:
    return {name_key(n) for n in (entity.name, *entity.aliases)}


# ---------------------------------------------------------------- the bundled article

def test_bundled_draft_loads_with_warnings_only(tmp_path, draft):
    root = _write_alone(tmp_path, draft)
    base, problems = load_factbase(root)
    assert [str(p) for p in problems if p.level == "error"] == []
    assert any("draft fact" in p.message for p in problems)
    assert len(base.facts) == len(draft.facts) and all(f.draft for f in base.facts.values())
    assert (root / STORY / "article.txt").read_bytes() == ARTICLE_BYTES


def test_bundled_draft_beside_the_curated_story_loads(facts_copy):
    base, _ = load_factbase(facts_copy)
    existing = ExistingNames.from_factbase(base)
    beside = draft_story(ARTICLE, STORY, PUBLISHED, existing=existing)
    write_draft(beside, facts_copy / STORY, ARTICLE_BYTES)
    assert _errors(facts_copy) == []
    # A person the other story knows keeps its id there: the same id is the same entity.
    pompeo = next(e for e in beside.entities if e.name == "Mike Pompeo")
    assert pompeo.id == "pompeo" and pompeo.also_in == "us-iraq-withdrawal"


def test_every_quote_is_a_verbatim_sentence_and_every_fact_a_draft(draft):
    assert len(draft.facts) >= 28  # quotations of several sentences are one fact each
    for fact in draft.facts:
        assert fact.quote in ARTICLE
        assert fact.answer == " ".join(fact.answer.split())
    quotes = [f.quote for f in draft.facts]
    # garbled spots stay as the article has them; short content sentences are kept
    assert any("Prime Minister said. minister in a statement" in q for q in quotes)
    assert any("He made the right choice." in q for q in quotes)
    assert any("We will continue this mission." in q for q in quotes)
    # trivial lines are left out
    assert "Comments are closed." not in quotes
    assert "More in the Pentagon and Congress" not in quotes


def test_story_record_defaults_and_options(draft):
    assert draft.title == "US leaders reject Iraqi demands for withdrawal of all military forces"
    assert draft.author == "Leo Shane III" and draft.outlet == "Military Times"
    assert draft.contributors == ("Shawn Snow", "The Associated Press")
    bare = _draft_story(ARTICLE, STORY, PUBLISHED)
    assert bare.author == "Unknown" and bare.outlet == "Unknown outlet"
    titled = draft_story(ARTICLE, STORY, PUBLISHED, title="  A   title ")
    assert titled.title == "A title"


def test_finds_the_people_a_curator_found(draft):
    found = [_names(e) for e in draft.people()]
    named = []
    for person in (e for e in _curated("entities.toml", "entity") if e["kind"] == "person"):
        names = [person["name"], *person.get("aliases", [])]
        if any(f" {n} " in f" {ARTICLE} " or f"{n}’s" in ARTICLE or f"{n}," in ARTICLE
               for n in names if len(n) > 2):
            named.append(person)
    assert {p["id"] for p in named} >= {"pompeo", "abdul-mahdi", "trump", "soleimani"}
    missing = [p["name"] for p in named
               if not any({name_key(n) for n in [p["name"], *p["aliases"]]} & keys
                          for keys in found)]
    assert missing == []


def test_a_person_is_one_entity_with_surname_and_title_aliases(draft):
    pompeo = next(e for e in draft.entities if e.name == "Mike Pompeo")
    assert pompeo.kind == "person" and pompeo.mentions == 4
    assert {"Pompeo", "Secretary of State Mike Pompeo"} <= set(pompeo.aliases)
    assert not any(e.name == "Pompeo" for e in draft.entities)
    assert pompeo.description == "Secretary of State"
    trump = next(e for e in draft.entities if e.name == "Donald Trump")
    assert "Trump" in trump.aliases and trump.mentions == 3  # "the President" counts too


def test_acronyms_places_and_groups_are_candidates(draft):
    by_name = {e.name: e for e in draft.entities}
    assert {"NATO", "ISIS", "Islamic State", "White House", "State Department"} <= set(by_name)
    assert by_name["United States"].mentions >= 10 and "US" in by_name["United States"].aliases
    assert by_name["Iraq"].kind == "place"
    assert by_name["Iraqi parliament"].kind == "organisation"
    assert by_name["Kurdish lawmakers"].kind == "group"
    for entity in draft.entities:
        assert ID_PATTERN.match(entity.id)
        assert entity.kind in ("person", "group", "organisation", "place", "event", "document")


def test_facts_list_the_entities_their_sentence_names(draft):
    ids = {e.id for e in draft.entities}
    for fact in draft.facts:
        assert set(fact.entities) <= ids
    nato = _fact_quoting(draft, "the increase in NATO troops")
    assert {"nato", "united-states", "mike-pompeo"} <= set(nato.entities)


def test_finds_the_dates_a_curator_found(draft):
    curated = {(f["date"], f["date_text"], f["date_precision"])
               for f in _curated("facts.toml", "fact") if "date" in f}
    curated |= {(e["date"], e["date_text"], e["date_precision"])
                for e in _curated("timeline.toml", "event")}
    found = {(d.date, d.text, d.precision) for d in draft.dates}
    assert curated <= found
    vote = _fact_quoting(draft, "parliament vote last week").date
    assert (vote.date, vote.text, vote.precision) == (dt.date(2019, 12, 30), "last week", "week")
    strike = _fact_quoting(draft, "on the 3rd January").date
    assert (strike.date, strike.text) == (dt.date(2020, 1, 3), "the 3rd January")
    briefing = _fact_quoting(draft, "briefing on Friday morning").date
    assert (briefing.date, briefing.text) == (PUBLISHED, "Friday morning")


def test_speakers_of_quotations(draft):
    pompeo = next(e.id for e in draft.entities if e.name == "Mike Pompeo")
    happy = _fact_quoting(draft, "We are happy to continue")
    assert (happy.speaker, happy.speaker_words) == (pompeo, "he said")
    assert _fact_quoting(draft, "We will continue this mission.").speaker == pompeo
    assert _fact_quoting(draft, "He made the right choice.").speaker == pompeo
    assert _fact_quoting(draft, "He added that the increase").speaker == pompeo
    assert _fact_quoting(draft, "Pompeo said Trump").speaker == pompeo
    assert _entity(draft, _fact_quoting(draft, "Prime Minister said.").speaker).name \
        == "Adel Abdul-Mahdi"
    assert _fact_quoting(draft, "the statement said").speaker == "white-house"
    assert _fact_quoting(draft, "State Department officials said").speaker == "state-department"
    assert _fact_quoting(draft, "Sunni and Kurdish lawmakers").speaker is None


def test_speakers_agree_with_the_curator(draft):
    curated_names = {e["id"]: {name_key(n) for n in [e["name"], *e.get("aliases", [])]}
                     for e in _curated("entities.toml", "entity")}
    spoken = [f for f in _curated("facts.toml", "fact") if "speaker" in f]
    agree = 0
    for fact in spoken:
        mine = next(f for f in draft.facts if fact["quote"] in f.quote)
        if mine.speaker and _names(_entity(draft, mine.speaker)) & curated_names[fact["speaker"]]:
            agree += 1
    assert agree >= 0.9 * len(spoken)


def test_fact_ids_are_unique_valid_and_tied_to_the_story(tmp_path, draft):
    ids = [f.id for f in draft.facts]
    assert len(set(ids)) == len(ids)
    assert all(ID_PATTERN.match(i) and len(i) <= MAX_DRAFT_FACT_ID for i in ids)
    assert all(i.startswith("iraq-") for i in ids)
    assert ids[0] == "iraq-us-leaders-reject-iraqi"
    # A second draft of the same article beside the first does not collide with it.
    root = _write_alone(tmp_path, draft)
    base, _ = load_factbase(root)
    write_draft(draft_story(ARTICLE, "iraq-draft-2", PUBLISHED,
                            existing=ExistingNames.from_factbase(base)),
                root / "iraq-draft-2", ARTICLE_BYTES)
    assert _errors(root) == []


def test_long_story_ids_still_give_short_fact_ids():
    story = "a" * MAX_STORY_ID
    draft = draft_story(ARTICLE, story, PUBLISHED)
    assert all(len(f.id) <= MAX_FACT_ID for f in draft.facts)


def test_fact_ids_avoid_those_of_other_stories():
    taken = draft_story(ARTICLE, STORY, PUBLISHED).facts[0].id
    draft = draft_story(ARTICLE, STORY, PUBLISHED,
                        existing=ExistingNames(fact_ids=frozenset({taken})))
    assert draft.facts[0].id != taken and draft.facts[0].id.startswith(taken)


@pytest.mark.parametrize("story_id", ["", "Iraq", "iraq_draft", "-iraq", "iraq--x", "a" * 61])
def test_bad_story_ids_are_refused(story_id):
    with pytest.raises(DraftError):
        check_story_id(story_id)
    with pytest.raises(DraftError):
        draft_story(ARTICLE, story_id, PUBLISHED)


# ---------------------------------------------------------------- date rules

def _dates(text: str) -> list[tuple[str, dt.date, str]]:
    return [(d.text, d.date, d.precision) for d in find_dates(text, PUBLISHED)]


@pytest.mark.parametrize(("text", "expected"), [
    ("He spoke on Friday.", ("Friday", dt.date(2020, 1, 10), "day")),
    ("The vote on Monday passed.", ("Monday", dt.date(2020, 1, 6), "day")),
    ("They met Saturday.", ("Saturday", dt.date(2020, 1, 4), "day")),
    ("It rained last Friday.", ("last Friday", dt.date(2020, 1, 3), "day")),
    ("A briefing on Friday morning.", ("Friday morning", dt.date(2020, 1, 10), "day")),
    ("It happened on the 3rd January.", ("the 3rd January", dt.date(2020, 1, 3), "day")),
    ("It happened on January 3.", ("January 3", dt.date(2020, 1, 3), "day")),
    ("It happened on 3 January.", ("3 January", dt.date(2020, 1, 3), "day")),
    ("On the 31st of December.", ("the 31st of December", dt.date(2019, 12, 31), "day")),
    # a day and month after publication means the year before
    ("Since December 25 it has.", ("December 25", dt.date(2019, 12, 25), "day")),
    ("On Jan. 3, 2019 it began.", ("Jan. 3, 2019", dt.date(2019, 1, 3), "day")),
    ("On Friday, January 3, 2020.", ("Friday, January 3, 2020", dt.date(2020, 1, 3), "day")),
    ("Filed 2020-01-03 at noon.", ("2020-01-03", dt.date(2020, 1, 3), "day")),
    ("A vote last week.", ("last week", dt.date(2019, 12, 30), "week")),
    ("Talks this week.", ("this week", dt.date(2020, 1, 6), "week")),
    ("Sales fell last month.", ("last month", dt.date(2019, 12, 1), "month")),
    ("Sales fell last year.", ("last year", dt.date(2019, 1, 1), "year")),
    ("It opened in March.", ("March", dt.date(2019, 3, 1), "month")),
    ("It opened in March 2018.", ("March 2018", dt.date(2018, 3, 1), "month")),
    ("He has worked there since 2004.", ("2004", dt.date(2004, 1, 1), "year")),
    ("He won a 2009 Polk Award.", ("2009", dt.date(2009, 1, 1), "year")),
    ("It said so yesterday.", ("yesterday", dt.date(2020, 1, 9), "day")),
    ("It says so today.", ("today", dt.date(2020, 1, 10), "day")),
    ("They meet next Monday.", ("next Monday", dt.date(2020, 1, 13), "day")),
])
def test_date_rules(text, expected):
    assert _dates(text) == [expected]


@pytest.mark.parametrize("text", [
    "They sent 2000 troops.", "Forces may downsize.", "About 5,000 troops.",
    "On February 30 nothing.", "Fridays are quiet.", "In the 1990s.", "It cost $2019.",
])
def test_words_that_are_not_dates(text):
    assert _dates(text) == []


def test_a_fact_gets_its_first_date_and_the_three_date_fields(tmp_path):
    text = ("Talks\n\nThe minister resigned on Monday after a 2019 scandal.\n\n"
            "Nothing else happened.\n")
    draft = draft_story(text, "talks", PUBLISHED)
    fact = _fact_quoting(draft, "resigned")
    assert (fact.date.text, fact.date.date) == ("Monday", dt.date(2020, 1, 6))
    assert [d.text for d in fact.other_dates] == ["2019"]
    assert _fact_quoting(draft, "Nothing else").date is None
    root = _write_alone(tmp_path, draft, text.encode())
    written = tomllib.loads((root / "talks" / "facts.toml").read_text(encoding="utf-8"))
    dated = [f for f in written["fact"] if "date" in f]
    assert len(dated) == 1
    assert (dated[0]["date"], dated[0]["date_text"], dated[0]["date_precision"]) \
        == (dt.date(2020, 1, 6), "Monday", "day")
    assert all(f["draft"] is True for f in written["fact"])
    assert _errors(root) == []


@pytest.mark.parametrize("sentence, warned", [
    ("The summit will open on 13 January in Paris.", False),  # told as to come: it fits
    ("The summit opened on 13 January in Paris.", True),  # told as past, dated later: a slip?
])
def test_a_date_after_publication_is_kept_and_check_warns_when_told_as_past(
        tmp_path, sentence, warned):
    text = f"Summit\n\n{sentence}\n"
    draft = draft_story(text, "summit", PUBLISHED)
    assert _fact_quoting(draft, "13 January").date.date == dt.date(2020, 1, 13)
    root = _write_alone(tmp_path, draft, text.encode())
    _, problems = load_factbase(root)
    assert not [p for p in problems if p.level == "error"]
    assert any("after the story's publication" in p.message for p in problems) is warned


# ---------------------------------------------------------------- speakers in small texts

SPEECH = """Talks stall

President Jane Roe met Chancellor Olaf Berg in Brussels. "We made progress," said Roe. Berg disagreed. “Nothing was agreed,” Berg told reporters. “We will meet again. Perhaps in March.”

According to the European Commission, the talks will resume. John Doe said prices rose. “Prices rose,” the bank said in a statement.

Analysts at Goldman Sachs warned that markets were nervous. Doe was right, said Goldman Sachs. She added that nothing was certain.
"""  # noqa: E501


def test_speaker_patterns():
    draft = draft_story(SPEECH, "talks", PUBLISHED)
    speaker = {f.quote: f.speaker for f in draft.facts}
    assert speaker['"We made progress," said Roe.'] == "jane-roe"
    assert speaker["“Nothing was agreed,” Berg told reporters."] == "olaf-berg"
    # a quotation of two sentences stays one fact, and keeps its speaker
    assert speaker["“We will meet again. Perhaps in March.”"] == "olaf-berg"
    assert speaker["Berg disagreed."] is None
    assert speaker["According to the European Commission, the talks will resume."] \
        == "european-commission"
    assert speaker["John Doe said prices rose."] == "john-doe"
    assert speaker["Doe was right, said Goldman Sachs."] == "goldman-sachs"
    # "she" is the subject of the latest sentence that named a person
    assert speaker["She added that nothing was certain."] == "john-doe"
    kinds = {e.id: e.kind for e in draft.entities}
    assert kinds["jane-roe"] == kinds["olaf-berg"] == kinds["john-doe"] == "person"
    assert kinds["goldman-sachs"] == "organisation"  # said things, but never "Sachs" alone


# ---------------------------------------------------------------- hostile input

@pytest.mark.parametrize(("raw", "message"), [
    (b"", "empty"),
    (b"  \n\n\t \n", "empty"),
    (b"Some text\n\xff\xfe broken", "not UTF-8 text (line 2)"),
    (b"\x7fELF\x02\x01\x01\x00\x00\x00", "binary"),
])
def test_unreadable_articles_are_refused(raw, message):
    with pytest.raises(DraftError, match=message.replace("(", r"\(").replace(")", r"\)")):
        article_text(raw)


@pytest.mark.parametrize("text", ["... !!! ???", "a", "x" * 5000])
def test_text_without_sentences_is_refused(text):
    with pytest.raises(DraftError, match="no sentences"):
        draft_story(text, "x", PUBLISHED)


def test_a_huge_single_line_is_cut_into_verbatim_pieces(tmp_path):
    text = "word " * 100_000 + "End."
    started = time.monotonic()
    draft = draft_story(text, "huge", PUBLISHED)
    assert time.monotonic() - started < 10
    assert len(draft.title) <= 201
    assert all(f.quote in text and len(f.quote) <= MAX_SENTENCE_CHARS for f in draft.facts)
    root = _write_alone(tmp_path, draft, text.encode())
    assert _errors(root) == []


def test_many_sentences_stay_fast():
    text = "Mr. Smith met Mr. Jones on Friday. “We agreed,” he said. " * 5000
    started = time.monotonic()
    draft = draft_story(text, "many", PUBLISHED)
    assert time.monotonic() - started < 10
    assert len(draft.facts) == 10_000 and len(draft.quotations()) == 5000


def test_awkward_characters_survive_the_toml(tmp_path):
    text = ("Odd \\ characters\r\n\r\nThe \"Big\" C:\\path\\ said \u0007bell and \x7fdel "
            "and a tab\there. It said “so”, ‘really’ – yes… “\r\n\r\nÜber-Straße café naïve "
            "text\u2028here.\r\n")
    raw = text.encode()
    draft = draft_story(article_text(raw), "odd", PUBLISHED)
    root = _write_alone(tmp_path, draft, raw)
    assert _errors(root) == []
    written = tomllib.loads((root / "odd" / "facts.toml").read_text(encoding="utf-8"))
    assert [f["quote"] for f in written["fact"]] == [f.quote for f in draft.facts]
    assert (root / "odd" / "article.txt").read_bytes() == raw


# ---------------------------------------------------------------- writing the folder

def test_write_refuses_an_existing_folder_unless_replacing(tmp_path, draft):
    root = _write_alone(tmp_path, draft)
    with pytest.raises(FileExistsError):
        write_draft(draft, root / STORY, ARTICLE_BYTES)
    (root / STORY / "notes.txt").write_text("old", encoding="utf-8")
    write_draft(draft, root / STORY, ARTICLE_BYTES, replace=True)
    assert not (root / STORY / "notes.txt").exists()
    assert sorted(p.name for p in root.iterdir()) == [STORY]  # no staging folders left


def test_the_folder_must_be_named_after_the_story(tmp_path, draft):
    with pytest.raises(DraftError, match="named after the story id"):
        write_draft(draft, tmp_path / "elsewhere", ARTICLE_BYTES)


def test_written_files_tell_the_curator_what_to_do(tmp_path, draft):
    folder = _write_alone(tmp_path, draft) / STORY
    facts = (folder / "facts.toml").read_text(encoding="utf-8")
    assert facts.startswith("# DRAFT") and "remove draft = true" in facts
    entities = (folder / "entities.toml").read_text(encoding="utf-8")
    assert entities.startswith("# DRAFT") and "# mentioned 4 times" in entities
    assert (folder / "story.toml").read_text(encoding="utf-8").startswith("# DRAFT")
    timeline = (folder / "timeline.toml").read_text(encoding="utf-8")
    assert timeline.startswith("# DRAFT") and "# the article says 'the 3rd January'" in timeline
    assert "questions = [\n" in facts


def test_a_draft_without_a_byline_says_so_and_check_reports_it_once(tmp_path):
    root = _write_alone(tmp_path, _draft_story(ARTICLE, STORY, PUBLISHED, outlet="Wire"))
    base, problems = load_factbase(root)
    errors = [p for p in problems if p.level == "error"]
    assert [p.file for p in errors] == [f"facts/{STORY}/story.toml"]
    assert "placeholder" in errors[0].message
    byline = next(f for f in story_record_facts(base.stories[STORY]) if "byline" in f.id)
    assert "Unknown" not in byline.answer


def test_a_byte_order_mark_stays_in_the_file_but_not_in_the_title_or_quotes(tmp_path):
    raw = "\ufeff".encode() + ARTICLE_BYTES
    draft = draft_story(article_text(raw), STORY, PUBLISHED)
    assert draft.title == "US leaders reject Iraqi demands for withdrawal of all military forces"
    root = _write_alone(tmp_path, draft, raw)
    assert (root / STORY / "article.txt").read_bytes() == raw
    assert _errors(root) == []


@pytest.mark.parametrize(("text", "quotes"), [
    # a quotation of several sentences is one fact; narration after it is not
    ('"We were stunned," said Ana Reyes. "Nobody expected them. They were gone." '
     "The bees returned.",
     ['"We were stunned," said Ana Reyes.', '"Nobody expected them. They were gone."',
      "The bees returned."]),
    # clauses joined by a semicolon are two facts, when each has a subject's worth of words
    ("They did not catch any bees in the traps; instead they collected DNA from pollen.",
     ["They did not catch any bees in the traps;", "instead they collected DNA from pollen."]),
    ("It was cold; very cold.", ["It was cold; very cold."]),
    ('"We will stay; we will fight on," Roe said.',
     ['"We will stay; we will fight on," Roe said.']),
])
def test_facts_follow_quotations_and_clauses(text, quotes):
    draft = draft_story(text, "cuts", PUBLISHED)
    assert [f.quote for f in draft.facts] == quotes
