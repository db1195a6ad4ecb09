"""Numbers in text as the intervals they allow (text/numbers.py)."""

import math

import pytest

from briefing.text.numbers import numbers


@pytest.mark.parametrize(
    "text, written, low, high, low_open, high_open",
    [
        ("less than 50,000 people", "less than 50,000", 0, 50000, False, True),
        ("more than 9,000 dead", "more than 9,000", 9000, math.inf, True, True),
        ("at least 4,000 people", "at least 4,000", 4000, math.inf, False, True),
        ("up to 12,000 people", "up to 12,000", 0, 12000, False, False),
        ("some 11 thousand people", "some 11 thousand", 10000, 12000, True, True),
        ("approximately 55,000 inhabitants", "approximately 55,000", 54000, 56000, True, True),
        ("55,000 inhabitants", "55,000", 54500, 55500, False, True),
        ("between 5,000 and 7,000 soldiers", "between 5,000 and 7,000", 4500, 7500, False, True),
        ("two to three thousand people", "two to three thousand", 1500, 3500, False, True),
        ("hundreds of thousands of people", "hundreds of thousands of", 100_000, 1_999_999, False, False),
        ("about 2.5 million people", "about 2.5 million", 2_400_000, 2_600_000, True, True),
    ],
)
def test_a_number_is_the_interval_its_words_allow(text, written, low, high, low_open, high_open):
    [number] = numbers(text)
    assert text[number.start : number.end] == written
    assert (number.low, number.high, number.low_open, number.high_open) == (low, high, low_open, high_open)


@pytest.mark.parametrize("text", ["in 2008", "the 1991-92 conflict", "the 4th base", "0 people", "$300", "12%"])
def test_years_ordinals_zero_money_and_shares_are_no_numbers(text):
    assert numbers(text) == []
