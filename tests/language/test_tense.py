"""What reads as speaking of what is to come (bot/language/tense.py)."""

import pytest

from bot.language.tense import speaks_of_future


@pytest.mark.parametrize("text, future", [
    ("The US will keep its troops in Iraq.", True),
    ("Managers are due to meet the union on Monday.", True),
    ("The airline is set to resume flights.", True),
    ("The restorer expects the work to take four months.", True),
    ("We expect a ruling in spring.", True),
    ("Talks are scheduled for 7 December.", True),
    ("The union vowed to fight on.", True),
    ("Flights are cancelled until Sunday.", True),
    ("The painting was found on Tuesday.", False),
    ("The delay was due to the strike.", False),  # a cause, in the past
    ("Unexpectedly, the vote passed.", False),  # a word holding a marker is not one
])
def test_speaks_of_future(text, future):
    assert speaks_of_future(text) is future
