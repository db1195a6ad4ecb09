"""Noun phrases a text writes, without a part-of-speech tagger.

Two patterns find nearly every name an editor would put in a heading:

- **Names**: runs of capitalised words ("Hun Sen", "Republic of South Ossetia",
  "Bird exception" when written so), a run's first word only when it is not the
  sentence's first word, or the text also writes it capitalised elsewhere. Month
  and weekday names, and abbreviations ("Dec.", "Gen."), are never names: they
  would tear "Dec" out of "Dec. 10".
- **Terms**: the content words after a determiner ("the salary cap", "a
  lockout", "their contracts"): what follows "the" is a noun phrase, so a word
  found only there is a noun, never a verb or an adjective alone. A term ends at
  the first stop word, punctuation or adverb.

Each phrase is counted once per text that writes it, keyed by its stems, with
the written form seen most.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from briefing.text.tokens import stem, stop_words

DETERMINERS = frozenset(["the", "a", "an", "its", "their", "his", "her", "our", "this", "that", "these", "those"])
FUNCTION_WORDS = frozenset(
    ["i", "he", "she", "it", "we", "they", "you", "me", "him", "us", "them", "this", "that", "these", "those", "his", "her", "its", "our", "their", "my", "your", "but", "and", "or", "nor", "if", "in", "on", "at", "of", "for", "to", "by", "as", "with", "from", "the", "a", "an", "so", "yet"]
)
# Words that may sit inside a name ("Republic of South Ossetia") but never end it.
NAME_JOINERS = frozenset({"of", "de", "du", "van", "von", "al", "bin"})
CALENDAR = frozenset(
    ["jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
)
# Words an English term never ends on although they follow a determiner.
NOT_HEADS = frozenset(["same", "other", "first", "last", "next", "former", "latest", "new", "own", "many", "much", "more", "most", "such", "only", "few"])
# Words that, as a whole phrase, name no subject a reader could look for: a time ("the week", "the
# past"), or a word that stands in for something named elsewhere ("the country", "the company").
EMPTY_TERMS = frozenset([
    "time", "times", "day", "days", "week", "weeks", "weekend", "month", "months", "year", "years", "decade",
    "hour", "hours", "morning", "night", "past", "future", "moment", "period", "date",
    "country", "countries", "nation", "state", "republic", "government", "administration", "company", "firm",
    "city", "capital", "region", "territory", "province", "town", "village", "area", "side", "place", "thing",
    "way", "people", "man", "woman", "group", "official", "officials",
])
# Past tenses without "-ed" that end a term when they follow its noun ("an explosion shook the area").
IRREGULAR_PAST = frozenset([
    "shook", "brought", "took", "made", "said", "found", "began", "came", "went", "gave", "told", "won", "lost",
    "left", "held", "led", "met", "ran", "rose", "fell", "saw", "sent", "spent", "struck", "thought", "wrote",
    "became", "broke", "chose", "drove", "flew", "fought", "grew", "kept", "knew", "paid", "sold", "stood",
    "threw", "understood", "sought", "got", "spoke", "stole", "swore",
])
# "that" opens a clause far more often than a noun phrase ("a period that ended in August").
_TERM_DETERMINERS = DETERMINERS - {"that"}
MAX_TERM_WORDS = 3
# The endings of adjectives of place: "Chilean", "Iranian", "Japanese", "Turkish", "Israeli".
PLACE_ADJECTIVE_ENDINGS = r"(?:an|ese|ish|i)"
PLACE_ADJECTIVE = re.compile(rf"[A-Z][a-z]+{PLACE_ADJECTIVE_ENDINGS}")
# A possessive ending a word: "Yeltsin's", "Reuters'".
POSSESSIVE = re.compile(r"['’]s?\Z")
# Runs of words and the punctuation between them; a phrase never spans punctuation.
_TOKEN = re.compile(r"[^\W_](?:[^\W_]|['’\-](?=[^\W_]))*|[^\w\s]")
# Words that a full stop after makes abbreviations ("Dec. 10", "Gen. Pinochet"), and single initials.
ABBREVIATIONS = frozenset(
    ["jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mr", "mrs", "ms", "dr", "gen", "sen", "rep", "gov", "lt", "col", "maj", "sgt", "capt", "cmdr", "adm", "rev", "st", "jr", "sr", "inc", "co", "corp", "ltd", "bros", "ave", "mt", "ft", "no", "vs"]
)
_ABBREVIATION = re.compile(r"[A-Z][a-z]{0,3}\Z")


@dataclass(frozen=True)
class Phrase:
    """A noun phrase: its stems (the key), its most written form, and in how many texts."""

    key: tuple[str, ...]
    form: str
    texts: int

    @property
    def is_name(self) -> bool:
        return self.form[:1].isupper()


def noun_phrases(texts: Iterable[str]) -> dict[tuple[str, ...], Phrase]:
    """Every noun phrase of `texts`, by its stems."""
    texts = list(texts)
    capitalised = _capitalised_inside(texts)
    seen: Counter = Counter()
    forms: dict[tuple[str, ...], Counter] = {}
    for text in texts:
        # Only a sentence's first word asks whether the texts write it capitalised elsewhere.
        for key, form in _text_phrases(text, _capitals(text)[1] & capitalised):
            seen[key] += 1
            forms.setdefault(key, Counter())[form] += 1
    return {key: Phrase(key, forms[key].most_common(1)[0][0], count) for key, count in seen.items()}


@lru_cache(maxsize=8192)
def _text_phrases(text: str, capitalised: frozenset[str]) -> tuple[tuple[tuple[str, ...], str], ...]:
    """The phrases of one text (stems, form as written), given which of its sentence-opening
    words are `capitalised` elsewhere. Cached: a story's passages are read for its
    name, then for each section's, and again once the sections have bullets."""
    found = {}
    for words in _segments(text):
        for phrase in [*_names(words, capitalised), *_terms(words)]:
            key = tuple(stem(w) for w in phrase)
            found[key] = " ".join(phrase)
    return tuple(found.items())


def phrase_keys(text: str) -> set[tuple[str, ...]]:
    """The stem keys of every run of up to MAX_TERM_WORDS words of `text` (to test which phrases it writes)."""
    stems = [stem(w.rstrip(".")) for w in _TOKEN.findall(text) if w[0].isalnum()]
    return {tuple(stems[i:i + n]) for n in range(1, MAX_TERM_WORDS + 3) for i in range(len(stems) - n + 1)}


def _segments(text: str) -> Iterable[list[tuple[str, bool]]]:
    """Runs of words between punctuation: (word, opens a sentence) pairs."""
    run: list[tuple[str, bool]] = []
    opens = True
    previous = ""
    for token in _TOKEN.findall(text):
        if token[0].isalnum():
            run.append((token, opens))
            opens = False
        else:
            abbreviation = _ABBREVIATION.match(previous) and (len(previous) == 1 or previous.lower() in ABBREVIATIONS)
            if token == "." and abbreviation and run:
                run[-1] = (previous + ".", run[-1][1])  # never a name, never a term
            if run:
                yield run
            run = []
            opens = opens or (token in "!?\"“”") or (token == "." and not abbreviation)
        previous = token
    if run:
        yield run


def _capitalised_inside(texts: list[str]) -> frozenset[str]:
    """Words the texts write capitalised where no sentence starts."""
    return frozenset().union(*(_capitals(text)[0] for text in texts))


@lru_cache(maxsize=16384)
def _capitals(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """The words `text` writes capitalised where no sentence starts, and the words
    that open its sentences, as `_names` looks them up (less a possessive)."""
    inside, openers = set(), set()
    for run in _segments(text):
        for word, opens in run:
            if opens:
                possessive = POSSESSIVE.search(word)
                openers.add(word[:possessive.start()] if possessive else word)
            elif word[:1].isupper():
                inside.add(word)
    return frozenset(inside), frozenset(openers)


def _names(words: Sequence[tuple[str, bool]], capitalised: frozenset[str]) -> Iterable[list[str]]:
    stops = stop_words()
    run: list[str] = []
    for word, opens in [*words, ("", False)]:
        possessive = POSSESSIVE.search(word)
        if possessive:  # "Boris Yeltsin's government": the name ends at its possessive
            word = word[:possessive.start()]
        # A capitalised stop word inside a sentence belongs to a name ("New York"), unless it is a function word.
        stop = word.lower() in stops and (opens or word.lower() in FUNCTION_WORDS)
        fits = (
            word[:1].isupper() and not word.endswith(".") and word.lower() not in CALENDAR
            and (not opens or word in capitalised) and not stop
        )
        if (fits or (run and word in NAME_JOINERS)) and not possessive:
            run.append(word)
            continue
        if fits:
            run.append(word)
        while run and run[-1] in NAME_JOINERS:
            run.pop()
        if run:
            yield run
        run = []


def _terms(words: Sequence[tuple[str, bool]]) -> Iterable[list[str]]:
    """Each run of words after a determiner, and each run inside it ("salary cap" in "a hard salary cap")."""
    stops = stop_words()
    plain = [w for w, _ in words]
    for i, word in enumerate(plain):
        if word.lower() not in _TERM_DETERMINERS:
            continue
        term: list[str] = []
        for following in plain[i + 1:i + 1 + MAX_TERM_WORDS]:
            lower = following.lower()
            if lower in stops or not following.isalpha() or lower.endswith("ly") or lower in CALENDAR:
                break
            if term and following[:1].isupper() and not term[-1][:1].isupper():
                break  # "the day Hrawi leaves": a name after a common noun opens a clause
            if term and (lower.endswith("ed") or lower in IRREGULAR_PAST):
                break  # "the players agreed to": a past tense after a noun is the clause's verb
            term.append(following)
        # Every run inside the term: "a hard salary cap" writes "salary cap" too.
        for start in range(len(term)):
            for end in range(start + 1, len(term) + 1):
                part = term[start:end]
                if part[-1].lower() not in NOT_HEADS and not all(w[:1].isupper() for w in part):  # names are found as names
                    yield part
