"""Speaker rules, one row each: who says each sentence of a story quoting several people."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.drafting.story import draft_story

STORY = (
    'Researchers found the bees in June. "We were stunned," said Ana Reyes, who led the '
    'survey. "Nobody expected them. They were gone." The bees had not been seen since 1990.'
    '\n\n"It is a remarkable find," said Tom Okoro, a biologist at Lund University. "But one '
    'summer proves little."\n\n"We need more counts," Reyes said. The council has promised '
    'money.\n\nOkoro agreed. "The data will tell," he said.\n\n'
    "Peter Nyberg, chief economist at Holmsted Bank, said the price was fair. "
    "The railway union, the RFU, said the guarantees were weak.\n\n"
    '"This changes our plans," the council\'s chair, Eva Lind, said in a statement.'
)


@pytest.fixture(scope="module")
def speakers() -> dict[str, str | None]:
    draft = draft_story(STORY, "bees", dt.date(2026, 7, 1), author="Ann Writer", outlet="Wire")
    return {f.quote: f.speaker for f in draft.facts}


@pytest.mark.parametrize(("quote", "speaker"), [
    ('"We were stunned," said Ana Reyes, who led the survey.', "ana-reyes"),
    ('"Nobody expected them. They were gone."', "ana-reyes"),           # runs on, one fact
    ("The bees had not been seen since 1990.", None),                   # narration after it
    ('"It is a remarkable find," said Tom Okoro, a biologist at Lund University.',
     "tom-okoro"),
    ('"But one summer proves little."', "tom-okoro"),
    ('"We need more counts," Reyes said.', "ana-reyes"),                # not the last speaker
    ("The council has promised money.", None),
    ("Okoro agreed.", None),
    ('"The data will tell," he said.', "tom-okoro"),                    # he: the latest subject
    ("Peter Nyberg, chief economist at Holmsted Bank, said the price was fair.",
     "peter-nyberg"),                                                   # not the bank
    ("The railway union, the RFU, said the guarantees were weak.", "rfu"),
    ('"This changes our plans," the council\'s chair, Eva Lind, said in a statement.',
     "eva-lind"),
])
def test_who_says_each_sentence(speakers, quote, speaker):
    assert speakers[quote] == speaker
