"""Figures that disagree: what a number counts, compared across sources.

A figure is a number read as the interval of values it allows
(`text/numbers.py`: "less than 50,000", "some 30 thousand", "5,000 to
7,000"), with what it counts (`Thing`: the noun, what happened to it, whose,
where). Two sources disagree when they count the same thing and their
intervals cannot both be true.

The grammar is hand-written: quantulum3, the one library that reads
quantities from text, knows units (metres, dollars) but not what a bare
count counts, nor qualifiers as bounds, and ships a classifier model; the
part we need is the noun after the number and the words around it.
"""

from __future__ import annotations

import calendar
import math
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import combinations

from briefing.models import Figure, FigureConflict, Sentence
from briefing.text.numbers import NUMBER_WORDS, numbers
from briefing.text.tokens import content_stems, stem, stop_words


def _stems(words: str) -> frozenset[str]:
    """The stems of a space-separated list of words (a lexicon written as prose is easier to read)."""
    return frozenset(stem(w) for w in words.split())


_YEAR_IN_TEXT = re.compile(r"(?<![\d,.])\b(?:1[5-9]\d\d|20\d\d)\b(?![,.]?\d)")

# Words that make a figure a measure we do not compare (time, distance, money, share).
_MEASURES = _stems(
    "year years month months week weeks day days hour hours minute minutes second seconds decade "
    "decades century centuries km kilometers kilometres mile miles meter meters metre metres feet "
    "foot inch inches percent per cent % dollars euros pounds rubles roubles lari dollar euro pound "
    "ruble yuan yen tons tonnes ton acres hectares square times points degrees age aged old th st nd "
    "rd am pm gmt utc kg grams votes percentage-points dlrs dlr cts pct shares barrels bpd"
)

# What is counted: head nouns that name the same kind of thing, by stem.
_PEOPLE = {stem(w) for w in ["people", "person", "persons", "individuals", "citizens", "nationals"]}
_POPULATION_HEADS = {stem(w) for w in ["inhabitants", "residents", "population", "dwellers"]}
_TROOPS = {stem(w) for w in ["troops", "soldiers", "servicemen", "serviceman", "personnel", "conscripts", "reservists"]}
_HEAD_CLASSES = {
    **dict.fromkeys(_PEOPLE | _POPULATION_HEADS, "people"),
    **dict.fromkeys(_TROOPS, "troops"),
    stem("refugees"): "people", stem("deaths"): "people",
}
# What happened to them, by stem of a word near the figure.
_EVENTS = {
    **dict.fromkeys(_stems(
        "killed dead died deaths death perished lives fatalities slain"
    ), "dead"),
    **dict.fromkeys(map(stem, ["injured", "wounded", "hurt", "injuries"]), "injured"),
    **dict.fromkeys(map(stem, ["displaced", "uprooted", "refugees", "fled", "expelled", "homeless"]), "displaced"),
    **dict.fromkeys(map(stem, ["evacuated", "evacuation"]), "evacuated"),
    **dict.fromkeys(map(stem, ["arrested", "detained", "jailed", "imprisoned", "captured"]), "detained"),
    **dict.fromkeys(map(stem, ["missing"]), "missing"),
    **dict.fromkeys(map(stem, ["inhabitants", "residents", "population", "live", "living"]), "population"),
    **dict.fromkeys(map(stem, ["protesters", "demonstrators", "protested", "marched", "rallied"]), "protest"),
    **dict.fromkeys(_stems(
        "sent send sending deployed deploying dispatched redeployed mobilized mobilised"
    ), "sent"),
    **dict.fromkeys(map(stem, ["stationed", "based"]), "stationed"),
}
# Words that say how many and of what, or who reported it: no clue to the incident.
_NOT_CONTEXT = frozenset(
    set(_EVENTS) | set(_HEAD_CLASSES) | {stem(w) for w in NUMBER_WORDS}
    | _stems(
        "people say said says told report reported according claimed announced estimate official "
        "officials figure figures number total toll least"
    )
    | {stem(w) for w in calendar.month_name[1:] + calendar.day_name[:]}
)
# What happens to people, so that a figure with no noun counts people.
_PEOPLE_EVENTS = frozenset(("dead", "injured", "displaced", "evacuated", "detained", "missing", "population"))
_QUALIFIED = r"(?:at\s+least\s+|some\s+|about\s+|an?\s+estimated\s+|another\s+|more\s+than\s+)?"
# A verb just before the number says what happened to them, whatever follows:
# "killing 60 people and injuring 162 others".
_VERB_BEFORE = [
    (re.compile(rf"\b(?:killing|killed|kill)\s+{_QUALIFIED}$", re.I), "dead"),
    (re.compile(rf"\b(?:injuring|injured|wounding|wounded)\s+{_QUALIFIED}$", re.I), "injured"),
    (re.compile(rf"\b(?:displacing|displaced|uprooting|uprooted|forcing)\s+{_QUALIFIED}$", re.I), "displaced"),
    (re.compile(rf"\b(?:sent|sending|send|deployed|deploying|dispatched|dispatching)\s+{_QUALIFIED}$", re.I), "sent"),
]
# The death toll, a place's population: the counted thing named before the number.
_NOUN_BEFORE = [
    (re.compile(r"\b(?:death\s+toll|toll)\s+(?:[\w-]+\s+){0,3}?(?:of|at|to|reached|hit|passed|past|topped|"
                r"exceeded|is|was|stands\s+at|stood\s+at)\s+$", re.I), "dead"),
    (re.compile(r"\b(?:population|inhabitants|residents)\b[^.;,]{0,25}$", re.I), "population"),
    (re.compile(r"(?:\bits|\btheir|[A-Z]\w*['’]s)\s+(?:entire\s+|whole\s+|total\s+)?$"), "population"),
    (re.compile(r"(?:\bhome\s+to|\b(?:territory|country|region|city|town|republic|nation|enclave|island|state)"
                r"\s+(?:of|with))\s+$", re.I), "population"),
]
# Words before the counted noun that do not make it another count ("30,000
# ethnic Georgians" are "30,000 Georgians"); any other ("government troops",
# "rebel troops") does.
_NOT_RESTRICTIVE = frozenset(("and", "or", "ethnic", "other", "more", "additional", "total", "estimated",
                              "reported", "registered", "armed", "some", "all"))
# Sub-groups: "civilians" and "people" killed are not the same count.
_SUBGROUPS = _stems(
    "civilian civilians child children women men police policemen officers journalists workers "
    "students military foreign foreigners local locals ethnic volunteer volunteers elderly"
) - {stem("ethnic"), stem("local"), stem("locals")}

_PROPER = r"(?:[A-Z][\w’'.-]*)(?:\s+(?:of\s+)?[A-Z][\w’'.-]*)*"
_PLACE_AFTER = re.compile(rf"^\s*(?:[a-z]+\s+){{0,3}}?(?:of|in|from|throughout|across)\s+(?:the\s+)?"
                          rf"(?:(?:eastern|western|northern|southern|central|neighbou?ring)\s+)?(?P<place>{_PROPER})")
_PLACE_BEFORE = [
    re.compile(rf"(?P<place>{_PROPER})['’]s\s+(?:[\w-]+\s+){{0,3}}$"),
    re.compile(rf"(?P<place>{_PROPER})\s+(?:has|had|have|counts|is\s+home\s+to|was\s+home\s+to)\s+"
               rf"(?:a\s+population\s+of\s+)?$"),
    re.compile(rf"(?P<place>{_PROPER})\s*(?:,|–|—|-)\s*(?:a|an|the)\s+(?:[\w-]+\s+){{0,3}}(?:of|with)\s+$"),
    re.compile(rf"population\s+of\s+(?:the\s+)?(?P<place>{_PROPER})\s+(?:is|was|stands\s+at|of|at|to)?\s*"
               rf"(?:estimated\s+at\s+)?$"),
]
_KIND_OF_PLACE = {
    **dict.fromkeys(("city", "town", "village", "capital", "municipality"), "settlement"),
    **dict.fromkeys(("country", "nation", "region", "territory", "republic", "state", "province", "enclave",
                     "island"), "country"),
}
_KIND = re.compile(r"\b(" + "|".join(_KIND_OF_PLACE) + r")\b", re.I)
_NAMES = re.compile(_PROPER)
_CALENDAR = frozenset((*calendar.month_name[1:], *calendar.month_abbr[1:], *(f"{m}." for m in calendar.month_abbr[1:]),
                       "Sept", "Sept.", *calendar.day_name))
_NOT_PLACES = {"The", "A", "An", "In", "On", "At", "Since", "After", "Before", "About", "Some", "More", "Its"}
_ELIDED = re.compile(r"\s+(?:were|have\s+been|had\s+been|are|was)\s+(?:\w+ly\s+)?(killed|injured|wounded|"
                     r"displaced|evacuated|arrested|detained|missing|dead)\b", re.I)
_WORD = re.compile(r"[A-Za-z][\w’'-]*|[^\s\w]")
_NP_MAX = 5  # words between a figure and the noun it counts, at most ("Russian and local troops")
_EVENT_WINDOW = 6  # words after the noun where "were killed", "displaced" may follow


@dataclass(frozen=True)
class Thing:
    """What a figure counts: a kind of noun, what happened to it, whose, where.

    `event` None means the sentence does not say (a bare troop count); `place`
    None means the sentence gives no place bound to the figure, which then
    matches a figure of any place.
    """

    head: str  # "people", "troops", or another counted noun's stem
    event: str | None  # "dead", "displaced", "population", "sent", ...
    group: frozenset[str]  # whose: nationality and sub-group stems ("georgian", "civilian")
    place: str | None = None
    # Without a place bound to the figure: the places the sentence names, and
    # the kind of place it counts in ("city", "region"); either may be empty.
    named: frozenset[str] = frozenset()
    kind: str | None = None
    # The sentence's other content words: two tolls are of one incident only
    # if their sentences share one ("the blast", "Hurricane Mitch", "the fire"),
    # unless one of them says too little to tell (fewer than MIN_CONTEXT).
    context: frozenset[str] = frozenset()
    # The years the sentence names: "In 1978, 20 people died in a fire" is another fire.
    years: frozenset[str] = frozenset()

    def same_as(self, other: Thing) -> bool:
        """Whether two figures count the same thing: the same noun, event and
        group, in a place that may be the same one."""
        if (self.head, self.event, self.group, self.years) != (other.head, other.event, other.group, other.years):
            return False
        # A population is the place's own; any other count is of an incident.
        same_incident = self.event == "population" or bool(self.context & other.context) or min(
            len(self.context), len(other.context)) < MIN_CONTEXT
        return same_incident and self._place_may_be(other) and other._place_may_be(self)

    def _place_may_be(self, other: Thing) -> bool:
        if self.place and other.place:
            return self.place == other.place
        if self.kind and other.kind and _KIND_OF_PLACE[self.kind] != _KIND_OF_PLACE[other.kind]:
            return False  # a city's population is not a country's
        if self.place is None:
            # Neither bound to a place: sentences naming only other places speak of other places.
            return other.place is not None or not (self.named and other.named) or bool(self.named & other.named)
        # Bound to a place, against a figure that is not: a toll in one town is
        # part of a total, not another count of it; a population without a
        # place is the story's own place, unless its sentence names others only.
        return self.event == "population" and (not other.named or self.place in other.named)

    def describe(self) -> str:
        """The thing in a few words, for a heading: "population of South Ossetia"."""
        group = " ".join(sorted(self.group))
        if self.event == "population":
            words = f"{group} population" if group else "population"
        else:
            words = " ".join(w for w in (group, self.head, _EVENT_WORDS.get(self.event or "", "")) if w)
        return f"{words} of {self.place}" if self.place and self.event == "population" else (
            f"{words} ({self.place})" if self.place else words)


_EVENT_WORDS = {"dead": "killed", "injured": "injured", "displaced": "displaced", "evacuated": "evacuated",
                "detained": "detained", "missing": "missing", "protest": "protesting", "sent": "sent",
                "stationed": "stationed"}


@dataclass(frozen=True)
class Quantity:
    """A figure found in a sentence: the interval it allows and what it counts."""

    low: float
    high: float  # math.inf when only a lower bound is given
    thing: Thing
    sentence: Sentence
    start: int  # offsets of the figure in the article's cleaned text
    end: int
    low_open: bool = False  # the bound itself is not allowed ("more than 9,000")
    high_open: bool = False

    @property
    def written(self) -> str:
        offset = self.sentence.start
        return self.sentence.text[self.start - offset : self.end - offset]


def quantities(sentence: Sentence) -> list[Quantity]:
    """Every figure of `sentence` that counts something we can name (see `Thing`)."""
    found = []
    text = sentence.text
    for number in numbers(text):
        counted = _counted(text, number.start, number.end)
        if counted is None:
            continue
        thing, end = counted
        found.append(Quantity(number.low, number.high, thing, sentence, sentence.start + number.start,
                              sentence.start + end, number.low_open, number.high_open))
    return found


def _counted(text: str, start: int, stop: int) -> tuple[Thing, int] | None:
    """What the number at text[start:stop] counts, and where its noun phrase ends; None when unclear."""
    tail = text[stop:]
    tokens = [(m.group(), stop + m.start(), stop + m.end()) for m in _WORD.finditer(tail)]
    if tokens and tokens[0][0].lower() == "of":  # "thousands of people", "2,000 of the troops"
        tokens = tokens[1:]
        if tokens and tokens[0][0].lower() in ("the", "its", "their"):
            tokens = tokens[1:]
    head_at = _head_position(tokens)
    before = text[:start]
    verb = next((event for pattern, event in _VERB_BEFORE if pattern.search(before)), None)
    noun = next((event for pattern, event in _NOUN_BEFORE if pattern.search(before)), None)
    if head_at is None:
        return _understood(text, start, stop, tokens, verb or noun)
    word, _, end = tokens[head_at]
    modifiers = [t[0] for t in tokens[:head_at]]
    head, group = _head(word, modifiers)
    if head is None:
        return None
    after = [stem(t[0]) for t in tokens[head_at + 1 : head_at + 1 + _EVENT_WINDOW] if t[0].isalpha()]
    event = _event(stem(word), after, verb, noun)
    if event == "population" and head != "people":
        event = None  # "their 2,000 fighters" is no population
    if event is None:
        # "10,000 people", "2,000 troops" with nothing said of them: too vague to compare.
        return None
    return _thing(head, event, group, text, start, end), end


def _thing(head: str, event: str | None, group: frozenset[str], text: str, start: int, end: int) -> Thing:
    place = _place(text, start, end)
    kinds = _KIND.findall(text[:start]) if event == "population" else []
    kind = kinds[-1].lower() if kinds else None
    own = {stem(w) for w in re.findall(r"[\w’'-]+", text[start:end])}
    years = frozenset(_YEAR_IN_TEXT.findall(text))
    return Thing(head, event, group, place, frozenset() if place else _names(text), kind, _context(text, own), years)


def _context(text: str, own: set[str]) -> frozenset[str]:
    """Content stems of `text` but the figure's own words and those in `_NOT_CONTEXT`."""
    return frozenset(s for s in content_stems(text) if s not in _NOT_CONTEXT and s not in own)


def _names(text: str) -> frozenset[str]:
    """The names of places a sentence may speak of: its capitalised phrases,
    less nationalities ("Russian"), dates, and a first word that is capitalised
    only because it starts the sentence."""
    names = set()
    for match in _NAMES.finditer(text):
        key = _place_key(match.group())
        first = match.start() == len(text) - len(text.lstrip("\"“‘'( "))
        if first and " " not in match.group().strip() and (match.group().lower() in stop_words()
                                                          or match.group().endswith("ly")):
            continue  # "Roughly", "Since": capitalised only to open the sentence
        if key and not _is_demonym(key) and not key.endswith(("ian", "ese", "ish")) and key not in _CALENDAR:
            names.add(key)
    return frozenset(names)


def _understood(text: str, start: int, stop: int, tokens: Sequence[tuple[str, int, int]],
                before_event: str | None) -> tuple[Thing, int] | None:
    """A number with no noun after it that counts people all the same, or None."""
    elided = _ELIDED.match(text, stop)
    if elided:  # "more than 190 were seriously injured"
        return _thing("people", _EVENTS[stem(elided.group(1))], frozenset(), text, start, stop), stop
    if tokens and _EVENTS.get(stem(tokens[0][0])) in _PEOPLE_EVENTS:
        end = tokens[0][2]  # "65 dead", "the 162 injured"
        return _thing("people", _EVENTS[stem(tokens[0][0])], frozenset(), text, start, end), end
    # "a population of about 55,000", "the death toll rose to 9,000", "killed 60 and
    # injured 162": the noun came first, or is understood.
    if before_event in _PEOPLE_EVENTS and not (tokens and _is_measure(tokens[0][0])):
        return _thing("people", before_event, frozenset(), text, start, stop), stop
    return None


def _head_position(tokens: Sequence[tuple[str, int, int]]) -> int | None:
    """Index of the counted noun among the words after a figure, or None."""
    stops = stop_words()
    for index, (word, _, _) in enumerate(tokens[:_NP_MAX]):
        if not word[0].isalpha():
            return None
        if _is_measure(word):
            return None
        key = stem(word)
        if key in _HEAD_CLASSES or _is_demonym(word):
            return index
        if word.lower() in ("and", "or") and index:
            continue
        if word.lower() in stops:
            return None
        if word.islower() and word.endswith("s") and not word.endswith("ss") and key not in _EVENTS:
            return index  # another plural noun: "villages", "tanks"
    return None


def _is_measure(word: str) -> bool:
    return word == "%" or stem(word) in _MEASURES


def _is_demonym(word: str) -> bool:
    return word[:1].isupper() and re.search(r"(?:ans|ians|ese|is|ers)$", word) is not None


def _head(word: str, modifiers: Sequence[str]) -> tuple[str | None, frozenset[str]]:
    """The counted noun's class and whose it is: ("people", {"georgian"}) for "ethnic Georgians"."""
    group = {_nationality(m) for m in modifiers if m[:1].isupper()}
    group |= {stem(m) for m in modifiers if m[:1].islower() and m.lower() not in _NOT_RESTRICTIVE}
    key = stem(word)
    if _is_demonym(word) and key not in _HEAD_CLASSES:
        return "people", frozenset(group | {_nationality(word)})
    if key in _SUBGROUPS:
        return "people", frozenset(group | {key})
    return _HEAD_CLASSES.get(key, key), frozenset(group)


def _nationality(word: str) -> str:
    """One key for "Georgian" and "Georgians", "Ossetian" and "Ossetians"."""
    return stem(word).removesuffix("s")


def _event(head_stem: str, after: Sequence[str], verb: str | None, noun: str | None) -> str | None:
    """What happened to what is counted: said by the noun itself ("refugees"), the
    verb just before ("killing"), a word after ("were displaced"), or a noun before ("toll")."""
    if head_stem in _EVENTS and _EVENTS[head_stem] in ("population", "dead", "displaced"):
        return _EVENTS[head_stem]
    if verb:
        return verb
    return next((_EVENTS[word] for word in after if word in _EVENTS), noun)


def _place(text: str, start: int, end: int) -> str | None:
    """The place a figure is bound to by the sentence's grammar, if it names one."""
    after = _PLACE_AFTER.match(text[end:])
    if after:
        return _place_key(after.group("place"))
    before = text[:start]
    for pattern in _PLACE_BEFORE:
        found = pattern.search(before)
        if found:
            return _place_key(found.group("place"))
    return None


def _place_key(name: str) -> str | None:
    words = name.strip(".’'").split()
    while words and (words[0] in _NOT_PLACES or words[0].lower() in stop_words()):
        words.pop(0)
    return " ".join(words) or None


def conflicts(sentences: Sequence[Sentence]) -> tuple[FigureConflict, ...]:
    """Figures about the same thing whose intervals cannot both be true, across sources.

    Figures contradicting each other are linked, and each linked set is one
    conflict, its figures in source order. Figures of one source are not
    compared with each other (a story that updates its own toll is no
    disagreement), and figures that agree with all others are left out.
    """
    buckets: dict[tuple, list[Quantity]] = defaultdict(list)
    for quantity in (q for s in sentences for q in quantities(s)):
        thing = quantity.thing
        buckets[(thing.head, thing.event, thing.group)].append(quantity)
    result = []
    for members in buckets.values():
        for linked in _contradicting(members):
            about = _best_description(linked[0].thing, linked)
            result.append(FigureConflict(about, tuple(_figure(q) for q in linked)))
    return tuple(sorted(result, key=lambda c: (c.figures[0].sources, c.figures[0].start)))


def _contradicting(members: Sequence[Quantity]) -> list[list[Quantity]]:
    """Sets of members linked by contradictions between articles (connected components)."""
    parent = list(range(len(members)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]  # path halving: chains stay short
            i = parent[i]
        return i

    linked: set[int] = set()
    for (i, a), (j, b) in combinations(enumerate(members), 2):
        if a.sentence.article != b.sentence.article and a.thing.same_as(b.thing) and _disjoint(a, b):
            parent[root(i)] = root(j)
            linked |= {i, j}
    components: dict[int, list[Quantity]] = defaultdict(list)
    for i in sorted(linked):
        components[root(i)].append(members[i])
    return [sorted(c, key=lambda q: (q.sentence.article, q.start)) for c in components.values()]


# Sentences with fewer content words than this say too little about their
# incident for sharing none to mean another incident.
MIN_CONTEXT = 3
# Two readings of one count this far apart are not a disagreement but two
# counts: in the DUC clusters, a slum's residents and a continent's, one
# embassy's toll and two, or a toll that grew over days.
MAX_FACTOR = 3.0


def _disjoint(a: Quantity, b: Quantity) -> bool:
    """Whether `a` and `b` cannot both be true, and are close enough to be read as one count."""
    low, high = (a, b) if _below(a, b) else (b, a) if _below(b, a) else (None, None)
    return low is not None and high is not None and high.low <= MAX_FACTOR * low.high


def _below(a: Quantity, b: Quantity) -> bool:
    """Whether every value `a` allows is less than every value `b` allows."""
    return a.high < b.low or (a.high == b.low and (a.high_open or b.low_open))


def _best_description(thing: Thing, members: Sequence[Quantity]) -> str:
    """Describe with the place one of the figures gives, if any."""
    place = next((q.thing.place for q in members if q.thing.place), None)
    return replace(thing, place=place).describe()


def _figure(quantity: Quantity) -> Figure:
    sentence = quantity.sentence
    return Figure(
        text=sentence.text,
        figure=quantity.written,
        low=quantity.low,
        high=None if math.isinf(quantity.high) else quantity.high,
        sources=(sentence.article + 1,),
        start=sentence.start,
        end=sentence.end,
        figure_start=quantity.start,
        figure_end=quantity.end,
    )
