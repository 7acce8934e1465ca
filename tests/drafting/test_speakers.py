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
    '"This changes our plans," the council\'s chair, Eva Lind, said in a statement.\n\n'
    "The trust, which serves people in the region of Ostrelia, said records were taken."
)


def _speakers_of(article: str, published: dt.date) -> dict[str, str | None]:
    """Each drafted fact's quote, and the speaker the draft gave it."""
    draft = draft_story(article, "story", published, author="Ann Writer", outlet="Wire")
    return {f.quote: f.speaker for f in draft.facts}


@pytest.fixture(scope="module")
def speakers() -> dict[str, str | None]:
    return _speakers_of(STORY, dt.date(2026, 7, 1))


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
    # a place does not speak: the trust does, and the article does not name it
    ("The trust, which serves people in the region of Ostrelia, said records were taken.",
     None),
])
def test_who_says_each_sentence(speakers, quote, speaker):
    assert speakers[quote] == speaker


WIRE_STORY = (
    '"We will not go back," said ULD general secretary Marta Olenick. The strike goes on.\n\n'
    '"It is a very expensive hole," said chamber president Ingrid Raskov.\n\n'
    "The Veldmark Chamber of Commerce urged both sides to talk. "
    '"Talks must start," said chamber president Ingrid Raskov.\n\n'
    "Operator chief executive Tomas Hallberg said the offer stood. "
    "He said more was impossible.\n\n"
    "Minister Ilse Brandvik disagreed. She said the offer was too little. "
    '"It is written on a napkin," he said.'
)


@pytest.fixture(scope="module")
def wire_speakers() -> dict[str, str | None]:
    return _speakers_of(WIRE_STORY, dt.date(2026, 11, 29))


@pytest.mark.parametrize(("quote", "speaker"), [
    # after an inverted verb, a body and a job before a person: the person speaks
    ('"We will not go back," said ULD general secretary Marta Olenick.', "marta-olenick"),
    ('"It is a very expensive hole," said chamber president Ingrid Raskov.', "ingrid-raskov"),
    ('"Talks must start," said chamber president Ingrid Raskov.', "ingrid-raskov"),
    ("He said more was impossible.", "tomas-hallberg"),
    ("She said the offer was too little.", "ilse-brandvik"),
    # "he" after a subject the article calls "she": the latest one it calls "he"
    ('"It is written on a napkin," he said.', "tomas-hallberg"),
])
def test_who_says_each_sentence_of_a_wire_story(wire_speakers, quote, speaker):
    assert wire_speakers[quote] == speaker


def test_he_for_a_subject_the_article_calls_she_is_nobody_rather_than_a_guess():
    text = ("Anna Kolb said the court would rule. She said it was fair. Tomas Berg disagreed. "
            "Kolb spoke again. \"It is over,\" he told reporters.")
    draft = draft_story(text, "court", dt.date(2026, 11, 29), author="Ann Writer")
    speakers = {f.quote: f.speaker for f in draft.facts}
    assert speakers["She said it was fair."] == "anna-kolb"
    assert speakers['"It is over," he told reporters.'] is None


@pytest.mark.parametrize(("article", "quote", "speaker"), [
    # a verb that describes or dismisses, with a quotation after it, attributes the words
    ('Minister Anneli Brask called the closure "the biggest step we can take." Brask left.',
     'Minister Anneli Brask called the closure "the biggest step we can take."',
     "anneli-brask"),
    ('Union leader Jorun Maltby dismissed the offer: "It is an insult." Maltby left.',
     'Union leader Jorun Maltby dismissed the offer: "It is an insult."', "jorun-maltby"),
    # without a quotation it attributes nothing
    ("Union leader Jorun Maltby called a strike for Friday. Maltby left.",
     "Union leader Jorun Maltby called a strike for Friday.", None),
])
def test_a_describing_verb_before_a_quotation_names_its_speaker(article, quote, speaker):
    assert _speakers_of(article, dt.date(2026, 7, 1))[quote] == speaker


@pytest.mark.parametrize(("article", "quote", "speaker"), [
    # a quoted title opening the reporter's sentence does not go on with the last quotation
    ('Minister Irena Moslav spoke. "They must be protected," she said.\n\n'
     '"Women Mending Nets" will go back on display in May.',
     '"Women Mending Nets" will go back on display in May.', None),
    # words quoted whole, or ended by punctuation outside the marks, still do
    ('Minister Irena Moslav spoke. "They must be protected," she said.\n\n'
     '"It is a national treasure."',
     '"It is a national treasure."', "irena-moslav"),
    ('Minister Irena Moslav spoke. "They must be protected," she said.\n\n'
     '"It is over", she added.',
     '"It is over", she added.', "irena-moslav"),
])
def test_a_quoted_title_is_not_a_quotation(article, quote, speaker):
    assert _speakers_of(article, dt.date(2026, 7, 1))[quote] == speaker
