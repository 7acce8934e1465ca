"""Curation gaps are warnings in `storybot check`, each naming its file and record; a
valid story with gaps still loads."""

from __future__ import annotations

import shutil

import pytest

from bot.factbase.loader import has_errors, load_factbase
from bot.factbase.quality import (
    article_sentences,
    quality_warnings,
    quotes_sentence,
    story_stats,
)
from tests.conftest import SECOND_STORY


@pytest.fixture
def story(tmp_path):
    """The small second story, alone, in a folder of its own that a test may change."""
    root = tmp_path / "facts"
    shutil.copytree(SECOND_STORY, root / SECOND_STORY.name)
    return root


def _edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def _warnings(root):
    base, problems = load_factbase(root)
    assert not has_errors(problems)
    return [str(p) for p in quality_warnings(base, root)]


@pytest.mark.parametrize(("quote", "sentence", "covers"), [
    ("About 3,000 police officers", "About 3,000 police officers were deployed.", True),
    ("one two three four five six seven eight nine", "zero one two three four five six "
     "seven eight ten", True),  # eight words in a row
    ("one two three four five six seven nine", "one two three four five six seven eight",
     False),
    ("The whole sentence, and more.", "The whole sentence", True),  # the quote holds it
])
def test_a_quote_covers_a_sentence(quote, sentence, covers):
    assert quotes_sentence(quote, sentence) is covers


def test_sentences_are_long_enough_to_hold_a_fact():
    article = "Headline here\n\nThe first sentence has more than eight words in it. Short one."
    assert article_sentences(article) == ["Headline here\n\nThe first sentence has more than "
                                          "eight words in it."]


def test_a_well_curated_story_has_only_the_gaps_it_has(story):
    assert _warnings(story) == [
        "facts/uk-election/entities.toml:european-union (line 21): warning: no 'profile': "
        "\"who is European Union?\" has no fact to answer it"]


def test_an_entity_no_fact_names(story):
    with (story / "uk-election" / "entities.toml").open("a", encoding="utf-8") as f:
        f.write('\n[[entity]]\nid = "london"\nname = "London"\nkind = "place"\n')
    found = [w for w in _warnings(story) if "london" in w]
    assert found[0].startswith("facts/uk-election/entities.toml:london (line 27): warning: "
                               "no fact names this entity")
    assert "no 'profile'" in found[1]


def test_a_sentence_no_fact_quotes(story):
    with (story / "uk-election" / "article.txt").open("a", encoding="utf-8") as f:
        f.write("\nTurnout was the lowest recorded in the city for twenty years.\n")
    found = [w for w in _warnings(story) if "article" in w]
    assert found == ["facts/uk-election/story.toml:article: warning: 1 sentence(s) of the "
                     "article are quoted by no fact: 'Turnout was the lowest recorded in the "
                     "city …'"]


def test_timeline_events_out_of_order_and_dates_not_in_the_article(story):
    with (story / "uk-election" / "timeline.toml").open("a", encoding="utf-8") as f:
        f.write('\n[[event]]\nid = "campaign-starts"\ndate = 2019-11-06\ndate_text = '
                '"November"\ndate_precision = "month"\ntitle = "The campaign starts"\n')
    found = [w for w in _warnings(story) if "timeline" in w]
    assert len(found) == 2
    assert "campaign-starts (line 10): warning: out of date order: 2019-11-06 comes after " \
           "'uk-general-election' (2019-12-12)" in found[0]
    assert "date_text 'November' is not the article's own words" in found[1]


def test_an_entity_id_shared_by_two_stories_with_two_kinds(story):
    second = story / "other-story"
    shutil.copytree(story / "uk-election", second)
    _edit(second / "story.toml", 'id = "uk-election"', 'id = "other-story"')
    for name in ("facts.toml", "timeline.toml", "entities.toml"):
        path = second / name
        text = path.read_text(encoding="utf-8")
        for fact_id in ("johnson-prime-minister", "pompeo-congratulated-johnson",
                        "police-at-polling-stations", "johnson-brexit-by-january"):
            text = text.replace(f'"{fact_id}"', f'"other-{fact_id}"')
        path.write_text(text, encoding="utf-8")
    _edit(second / "entities.toml", 'kind = "organisation"', 'kind = "place"')
    found = [w for w in _warnings(story) if "kind" in w]
    assert found == ["facts/uk-election/entities.toml:european-union (line 21): warning: "
                     "kind 'organisation', but story 'other-story' says 'european-union' is a "
                     "place; the same id in two stories must be the same entity (or give this "
                     "one its own id)"]


def test_story_stats(story):
    base, _ = load_factbase(story)
    (stats,) = story_stats(base)
    assert (stats.facts, stats.questions, stats.entities) == (4, 7, 3)
    assert (stats.sentences, stats.sentences_quoted) == (4, 4)
    assert stats.questions_per_fact == 1.75
