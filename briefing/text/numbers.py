"""Numbers in news text read as the intervals of values they allow.

"less than 50,000" is 0 up to (not) 50,000, "more than 9,000" 9,000 and up
(not 9,000 itself), "up to 12,000" 0 to 12,000, "5,000 to 7,000" both ends,
numbers in words included ("30 thousand", "two to three thousand",
"hundreds of thousands"). Rounding is part of what a number says: "55,000"
allows half a unit of its last significant digit (54,500 up to 55,500),
"about 55,000" up to one whole unit either side, ends excluded (54,000 to
56,000: an approximation stops short of the next round number). A tolerance
in per cent would let "about 55,000" agree with "less than 50,000", which a
reader sees as a contradiction. What a number counts is `story/figures.py`'s
business; a year ("2008") is no number here.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "a": 1, "an": 1, "a dozen": 12, "dozen": 12,
}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "mln": 1_000_000, "billion": 1_000_000_000,
           "bn": 1_000_000_000}
# "Hundreds of" and the like: wide on purpose, a vague figure contradicts little.
_VAGUE = {"dozens": (20, 199), "scores": (20, 199), "hundreds": (100, 1_999), "thousands": (1_000, 19_999),
          "tens of thousands": (10_000, 199_999), "hundreds of thousands": (100_000, 1_999_999),
          "millions": (1_000_000, 19_999_999)}

# Qualifier -> how it bounds the number N written after it (unit u: see module doc).
_QUALIFIERS = {
    **dict.fromkeys(("more than", "over", "above", "in excess of", "upwards of", "past", "more than some"), "more"),
    **dict.fromkeys(("at least", "no fewer than", "no less than", "not less than", "a minimum of"), "at least"),
    **dict.fromkeys(("less than", "fewer than", "under", "below"), "less"),
    **dict.fromkeys(("up to", "at most", "as many as", "no more than", "not more than", "a maximum of"), "up to"),
    **dict.fromkeys(("just over", "just above"), "just above"),
    **dict.fromkeys(("nearly", "almost", "close to", "just under", "just below"), "just below"),
    **dict.fromkeys(("about", "around", "approximately", "roughly", "some", "an estimated", "estimated", "circa",
                     "approx.", "or so", "an approximate", "an estimate of", "perhaps", "reportedly"), "about"),
}

_WORD_NUMBER = (
    r"(?:a\s+dozen|dozen"
    r"|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine))?"
    r"|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
    r"|one|two|three|four|five|six|seven|eight|nine|ten"
    r"|an?(?=\s+(?:hundred|thousand|million|billion)\b))"
)
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_SCALE = r"(?:\s+|-)?(?:hundred|thousand|million|mln|billion|bn)\b"
_ONE = rf"(?:(?:{_DIGITS}|{_WORD_NUMBER})(?:{_SCALE})?(?:\s+(?:thousand|million))?)"
_QUALIFIER = "|".join(sorted((re.escape(q) for q in _QUALIFIERS if q != "or so"), key=len, reverse=True))
_VAGUE_RE = "|".join(sorted((re.escape(v) for v in _VAGUE), key=len, reverse=True))

_QUANTITY = re.compile(
    rf"(?<![\w$€£.,\-])(?:(?P<qual>{_QUALIFIER})\s+)?"
    rf"(?:(?:between|from)\s+)?"
    rf"(?:(?P<vague>{_VAGUE_RE})\s+of\b"
    rf"|(?P<low>{_ONE})(?:\s*(?:-|–|—|to|and)\s*(?P<high>{_ONE}))?(?![\w%$€£]|[.,]\d|-\w|:\d))",
    re.IGNORECASE,
)
# A four-digit number is a year unless it is written with a comma or a scale.
_YEARLIKE = re.compile(r"^(1[0-9]|20)\d\d$")

# Every word that writes a number or qualifies one: no clue to what is counted.
NUMBER_WORDS = frozenset(w for phrase in (*_QUALIFIERS, *_UNITS, *_SCALES, *_VAGUE) for w in phrase.split())


@dataclass(frozen=True)
class Number:
    """A number written in a text, with its qualifier: where, and the values it allows."""

    start: int  # offsets in the text read
    end: int
    low: float
    high: float  # math.inf when only a lower bound is given
    low_open: bool = False  # the bound itself is not allowed ("more than 9,000")
    high_open: bool = False


def numbers(text: str) -> list[Number]:
    """Every number of `text` that could count something (no years), in order."""
    found = []
    for match in _QUANTITY.finditer(text):
        bounds = _interval(match)
        if bounds is not None:
            found.append(Number(match.start(), match.end(), *bounds))
    return found


def _interval(match: re.Match[str]) -> Bounds | None:
    """The values a figure allows, or None when it is not a count (a year, an ordinal)."""
    if match.group("vague"):
        least, most = _VAGUE[" ".join(match.group("vague").lower().split())]
        return float(least), float(most), False, False
    low_text, high_text = match.group("low"), match.group("high")
    if _YEARLIKE.match(low_text) or (high_text and _YEARLIKE.match(high_text)):
        return None
    scale_of_high = _scale_word(high_text) if high_text else None
    low, low_unit = _value(low_text, scale_of_high)
    if low is None:
        return None
    if high_text:  # a range: "5,000 to 7,000", "two to three thousand"
        high, high_unit = _value(high_text, None)
        if high is None or high < low:
            return None
        return low - low_unit / 2, high + high_unit / 2, False, True
    qualifier = " ".join((match.group("qual") or "").lower().split())
    kind = _QUALIFIERS.get(qualifier)
    if kind is None and match.string[match.end():].lstrip().lower().startswith("or so"):
        kind = "about"
    return _bounded(low, low_unit, kind)


# How a qualifier bounds N (u: the unit of its last digit), and which ends are
# open: "more than 9,000" is not 9,000; "some 3,000" is not 4,000 (an
# approximation stops short of the next round number); "at least 4,000" and
# "up to 4,000" may be it.
Bounds = tuple[float, float, bool, bool]  # low, high, low open, high open


def _bounded(value: float, unit: float, kind: str | None) -> Bounds:
    bounds: dict[str | None, Bounds] = {
        "more": (value, math.inf, True, True),
        "at least": (value, math.inf, False, True),
        "less": (0.0, value, False, True),
        "up to": (0.0, value, False, False),
        "just above": (value, value + unit, True, True),
        "just below": (value - unit, value, True, True),
        "about": (value - unit, value + unit, True, True),
    }
    # A number as written is rounded to its last digit: 55,000 is from 54,500 up to (not) 55,500.
    return bounds.get(kind, (value - unit / 2, value + unit / 2, False, True))


def _scale_word(text: str) -> str | None:
    words = re.findall(r"[a-z]+", text.lower())
    return next((w for w in reversed(words) if w in _SCALES), None)


def _value(text: str, borrowed_scale: str | None) -> tuple[float | None, float]:
    """The number written in `text` and the unit of its last significant digit.

    `borrowed_scale` is the scale of the other end of a range: "two to three
    thousand" is 2,000 to 3,000."""
    text = " ".join(text.lower().replace("-", " ").split())
    scale = 1
    words = text.split()
    while words and words[-1] in _SCALES:
        scale *= _SCALES[words.pop()]
    if scale == 1 and borrowed_scale:
        scale = _SCALES[borrowed_scale]
    number = " ".join(words)
    if re.fullmatch(_DIGITS, number):
        digits = number.replace(",", "")
        value = float(digits)
        unit = 10 ** -len(digits.split(".")[1]) if "." in digits else _last_digit_unit(int(digits))
    elif number in _UNITS or all(w in _UNITS for w in words):
        value = float(sum(_UNITS[w] for w in words)) if number not in _UNITS else float(_UNITS[number])
        unit = _last_digit_unit(int(value))
    else:
        return None, 0.0
    if value == 0:
        return None, 0.0
    return value * scale, unit * scale


def _last_digit_unit(number: int) -> int:
    """10 for 250, 1,000 for 55,000, 1 for 1,234: how far a round number is rounded."""
    unit = 1
    while number and number % (unit * 10) == 0:
        unit *= 10
    return unit
