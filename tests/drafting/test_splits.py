"""A sentence that states several facts becomes several draft facts, where the cut is clear.

Each row is an invented sentence and the draft facts a curator would want from it, as
(quote, answer): the quote a verbatim span of the article, the answer a sentence.
"""

from __future__ import annotations

import datetime as dt

import pytest

from bot.drafting.story import draft_story

PUBLISHED = dt.date(2026, 3, 6)


def _facts(sentence: str) -> list[tuple[str, str]]:
    article = f"Startup news\n\n{sentence}\n"
    draft = draft_story(article, "splits-test", PUBLISHED, author="Ann Writer",
                        outlet="Test Wire")
    for fact in draft.facts:
        assert fact.quote in article
    return [(f.quote, f.answer) for f in draft.facts if f.quote != "Startup news"]


SPLITS = [
    pytest.param(
        "Nordlys Robotics raised $40 million last week, and Fjord Capital led the round.",
        [("Nordlys Robotics raised $40 million last week",
          "Nordlys Robotics raised $40 million last week."),
         ("Fjord Capital led the round.", "Fjord Capital led the round.")],
        id="and-joins-two-clauses"),
    pytest.param(
        "The council approved the new bridge in March, but the builders have not started work.",
        [("The council approved the new bridge in March",
          "The council approved the new bridge in March."),
         ("the builders have not started work.", "The builders have not started work.")],
        id="but-joins-two-clauses"),
    pytest.param(
        "The round was led by Fjord Capital, which is backed by the Halvorsen family.",
        [("The round was led by Fjord Capital", "The round was led by Fjord Capital."),
         ("Fjord Capital, which is backed by the Halvorsen family.",
          "Fjord Capital is backed by the Halvorsen family.")],
        id="relative-which-about-a-name"),
    pytest.param(
        "The prize went to the engineer Mira Castell, who designed the harbour crane.",
        [("The prize went to the engineer Mira Castell",
          "The prize went to the engineer Mira Castell."),
         ("Mira Castell, who designed the harbour crane.",
          "Mira Castell designed the harbour crane.")],
        id="relative-who-about-a-person"),
    pytest.param(
        "The contract went to Brennmoor Labs, founded by Mira Castell in 2019.",
        [("The contract went to Brennmoor Labs", "The contract went to Brennmoor Labs."),
         ("Brennmoor Labs, founded by Mira Castell in 2019.",
          "Brennmoor Labs was founded by Mira Castell in 2019.")],
        id="participle-naming-another-entity"),
    pytest.param(
        "The new ferry is run by Kestrel Lines, owned by Halvorsen Holdings.",
        [("The new ferry is run by Kestrel Lines", "The new ferry is run by Kestrel Lines."),
         ("Kestrel Lines, owned by Halvorsen Holdings.",
          "Kestrel Lines is owned by Halvorsen Holdings.")],
        id="participle-in-the-present"),
    pytest.param(
        "Nordlys Robotics raised $40 million, and the round was led by Fjord Capital, "
        "which is backed by Halvorsen Holdings.",
        [("Nordlys Robotics raised $40 million", "Nordlys Robotics raised $40 million."),
         ("the round was led by Fjord Capital", "The round was led by Fjord Capital."),
         ("Fjord Capital, which is backed by Halvorsen Holdings.",
          "Fjord Capital is backed by Halvorsen Holdings.")],
        id="three-facts"),
    pytest.param(
        "Fjord Capital, which is backed by Halvorsen Holdings, led the round on Monday.",
        [("Fjord Capital, which is backed by Halvorsen Holdings, led the round on Monday.",
          "Fjord Capital led the round on Monday."),
         ("Fjord Capital, which is backed by Halvorsen Holdings",
          "Fjord Capital is backed by Halvorsen Holdings.")],
        id="relative-clause-after-the-subject"),
    pytest.param(
        "Nordlys Robotics raised $40 million, and Fjord Capital led the round, "
        "which is backed by the Halvorsen family.",
        [("Nordlys Robotics raised $40 million", "Nordlys Robotics raised $40 million."),
         ("Fjord Capital led the round, which is backed by the Halvorsen family.",
          "Fjord Capital led the round, which is backed by the Halvorsen family.")],
        id="three-facts-but-the-relative-clause-is-about-no-name"),
]

NOT_SPLIT = [
    pytest.param("The station sells bread, milk, and cheese to the villagers every morning.",
                 id="list-of-nouns"),
    pytest.param("Officials counted the votes twice, and then again on Friday.",
                 id="second-part-has-no-subject"),
    pytest.param("The ferry left on time, and arrived late.", id="too-short-and-no-subject"),
    pytest.param("Fjord Capital, which Halvorsen Holdings owns, and two banks led the round.",
                 id="relative-clause-then-a-list"),
    pytest.param("The round was led by a local fund, which is backed by several families.",
                 id="relative-clause-about-no-name"),
    pytest.param("The mayor opened the new library on Tuesday, backed by the crowd.",
                 id="participle-naming-no-other-entity"),
    pytest.param("“We moved fast, and the investors followed us,” the founder told reporters.",
                 id="inside-a-quotation"),
    pytest.param("Lena Ostrova said the firm grew quickly, and its staff doubled in a year.",
                 id="a-speakers-sentence-stays-whole"),
]


@pytest.mark.parametrize(("sentence", "expected"), SPLITS)
def test_a_sentence_of_several_facts_is_split(sentence, expected):
    assert _facts(sentence) == expected


@pytest.mark.parametrize("sentence", NOT_SPLIT)
def test_a_sentence_without_a_clear_cut_stays_one_fact(sentence):
    assert [quote for quote, _ in _facts(sentence)] == [sentence]


def test_each_part_lists_only_the_entities_and_dates_it_states():
    article = ("Startup news\n\nNordlys Robotics raised $40 million on 2 March 2026, "
               "and Fjord Capital led the round.\n")
    draft = draft_story(article, "splits-test", PUBLISHED, author="Ann Writer",
                        outlet="Test Wire")
    first, second = (f for f in draft.facts if f.quote != "Startup news")
    names = {e.id: e.name for e in draft.entities}
    assert [names[e] for e in first.entities] == ["Nordlys Robotics"]
    assert [names[e] for e in second.entities] == ["Fjord Capital"]
    assert first.date is not None and first.date.date == dt.date(2026, 3, 2)
    assert second.date is None
    assert first.id != second.id
