"""Names an editor would write: section headings and story headlines as noun phrases.

A discovered section is named by the noun phrase (`text.phrases`) that sets its
passages apart from the rest of its story: written in many of its passages and
few others (a TF-IDF weight over passages), and written in one of the section's
own bullets: a heading no bullet supports promises what the section does not
say. Two sections never share a name.

A story whose articles carry no headline is headlined by its two most widely
written noun phrases, never by a cut-off sentence.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Sequence

from briefing.config import SectionSpec
from briefing.models import Article, Passage, Section, SummarySection
from briefing.story.mentions import Resolver
from briefing.text.phrases import EMPTY_TERMS, PLACE_ADJECTIVE_ENDINGS, Phrase, noun_phrases, phrase_keys

# A longer phrase replaces its beginning when written in this share of as many texts
# ("salary cap" over "salary", "Bird exception" over "Bird").
EXTEND_SHARE = 0.5
# A name is written in at least this many of its section's passages (when it has that many).
MIN_TEXTS = 2
# A one-word term written before "of" this often is a part of something it does not name ("the
# head of", "the end of", "a lot of", "the number of").
OF_SHARE = 0.5


def name_sections(sections: Sequence[SummarySection | Section], story: Sequence[Passage]) -> tuple:
    """Discovered `sections` renamed by their distinctive noun phrases (kept as they are when none fits);
    a `SummarySection` only by a phrase one of its bullets writes."""
    everywhere = _whole(noun_phrases(p.text for p in story))
    people = Resolver("\n\n".join(p.text for p in story))  # who a one-word name is, over the whole story
    named: list[SummarySection | Section] = []
    taken: set[str] = set()
    for section in sections:
        bullets = [s.text for s in section.summary] if isinstance(section, SummarySection) else None
        title = section_name(section.passages, bullets, everywhere, len(story), taken, people)
        if title is None:
            named.append(section)
            continue
        taken.add(title.lower())
        anchor = SectionSpec(title, title).anchor
        if isinstance(section, SummarySection):
            named.append(dataclasses.replace(section, title=title, anchor=anchor))
        else:
            named.append(dataclasses.replace(section, title=title, key=anchor))
    return tuple(named)


def section_name(passages: Sequence[Passage], bullets: Sequence[str] | None, everywhere: dict[tuple[str, ...], Phrase],
                 total: int, taken: set[str], people: Resolver | None = None) -> str | None:
    """The most distinctive noun phrase of a section's `passages` (among the `total` of
    its story, whose phrases are `everywhere`) that one of its `bullets` writes (any,
    when `bullets` is None), capitalised, a person's one-word name in full as `people`
    (the story's, else the passages') name them; None when there is none."""
    texts = [p.text for p in passages]
    people = people or Resolver("\n\n".join(texts))
    own = _whole(noun_phrases(texts))
    written = set().union(set(), *(phrase_keys(text) for text in bullets)) if bullets is not None else None
    least = min(MIN_TEXTS, len(passages))
    scored = []
    for order, (key, phrase) in enumerate(own.items()):
        supported = written is None or key in written
        if not supported or phrase.texts < least or _is_taken(phrase.form, taken):
            continue
        spread = everywhere[key].texts if key in everywhere else phrase.texts
        score = phrase.texts * math.log((total + 1) / spread) * (1 + 0.5 * (len(key) - 1))
        if score > 0:
            scored.append((-score, order, phrase))  # of two alike, the first written
    # Best first, and only as far as the first that names something: `names_nothing` reads the texts.
    for *_, phrase in sorted(scored):
        if names_nothing(phrase, texts):
            continue
        title = _in_full(phrase.form[0].upper() + phrase.form[1:], people)
        if not _is_taken(title, taken):  # "Gates" in full is the "Bill Gates" of another section
            return title
    return None


def _is_taken(title: str, taken: set[str]) -> bool:
    """Whether another section's heading is `title`, begins with it or with which it begins ("Georgia"
    and "Georgians", "South Ossetia" and "South Ossetian people"), or ends on it as a word ("Gates" and
    "Bill Gates"): two such headings tell a reader nothing apart."""
    low = title.lower()
    return any(low.startswith(other) or other.startswith(low) or low.endswith(" " + other)
               or other.endswith(" " + low) for other in taken)


def _in_full(term: str, people: Resolver) -> str:
    """A one-word `term` that is a person's name, as `people` name them in full: "Bibilov" is headed
    "Anatoly Bibilov". The term itself when they give it two fuller names, or none a person's."""
    if " " in term:
        return term
    known = people.person_known_as(term)
    return known[0] if known else term


def names_nothing(phrase: Phrase, texts: Sequence[str]) -> bool:
    """Whether `phrase` alone names no subject: a name or a one-word term the `texts` write only
    before the noun it modifies ("Turkish", "diplomatic"), a one-word term for a time or for
    something named elsewhere (`EMPTY_TERMS`: "Week", "Country"), a participle ("Flooded"), or
    one the `texts` mostly write before "of" ("Head", "End", "Lot")."""
    if phrase.is_name:
        return _only_a_modifier(phrase.form, texts)
    if len(phrase.key) > 1:
        return False
    word = phrase.form.lower()
    if word in EMPTY_TERMS or (word.endswith("ed") and not word.endswith("eed")):  # "Flooded": a participle
        return True
    if _only_a_modifier(phrase.form, texts, re.I):  # "diplomatic" of "diplomatic relations"
        return True
    uses = [m.group(1) is not None for text in texts
            for m in re.finditer(rf"\b{re.escape(word)}\b(\s+of\b)?", text, re.I)]
    return bool(uses) and sum(uses) >= OF_SHARE * len(uses)


def _only_a_modifier(name: str, texts: Sequence[str], flags: int = 0) -> bool:
    """Whether the `texts` write `name` only before a noun it modifies ("Turkish troops", "the
    Chilean government", "North Korean officials"): never where a noun stands, after
    a preposition or before a full stop, a comma, a possessive, a conjunction or a verb ("in
    Turkey", "Israel's", "Israel said"). Such a word is an adjective and names no subject. A
    capitalised word after it makes a longer name ("Turkish Prime Minister"), no noun of its own."""
    for text in texts:
        for match in re.finditer(rf"(\w+\s+)?(?<![\w-]){re.escape(name)}(?![\w-])(\S*\s*\S+)?", text, flags):
            before, after = (match.group(1) or "").strip().lower(), (match.group(2) or "").strip()
            if not after or not after[0].isalpha() or _NOUN_AFTER.match(after):
                return False
            # After a preposition a word is a noun ("of NATO commanders"), but one shaped like an
            # adjective may modify the word after it: "with Chilean exiles", "to Turkish President".
            if before in _NOUN_BEFORE and not _ADJECTIVE_SHAPED.search(name):
                return False
    return True


# The endings of adjectives of place and kind: "Chilean", "Turkish", "Japanese", "Israeli", "Islamic".
_ADJECTIVE_SHAPED = re.compile(rf"(?:{PLACE_ADJECTIVE_ENDINGS}|ic)$", re.I)
# What stands before a noun (an adjective of place too: "Spanish and Chilean officials"), and what follows a noun.
_NOUN_BEFORE = frozenset(["in", "to", "from", "of", "at", "by", "with", "against", "into", "for", "and", "or",
                          "than", "between", "like", "visit", "visited"])
_NOUN_AFTER = re.compile(r"(?:['’]s?\b|and\b|or\b|but\b|has\b|have\b|had\b|is\b|was\b|are\b|were\b|"
                         r"will\b|would\b|said\b|says\b|to\b|of\b|in\b|on\b|at\b|for\b|with\b|from\b|by\b|"
                         r"as\b|that\b|which\b|who\b|[a-z]+ed\b)")


def headline(articles: Sequence[Article]) -> str:
    """A headline for articles that have none: their two most widely written noun phrases."""
    texts = [a.text for a in articles]
    phrases = _whole(noun_phrases(texts))
    ranked = sorted(phrases.values(), key=lambda p: (-p.texts * (1 + 0.5 * (len(p.key) - 1)), p.form))
    chosen: list[Phrase] = []
    for phrase in ranked:
        if not any(set(phrase.key) & set(c.key) for c in chosen) and not names_nothing(phrase, texts):
            chosen.append(phrase)
        if len(chosen) == 2:
            break
    if not chosen:
        return articles[0].title if articles else "Briefing"
    # Names first; a term reads as a headline with its article ("Russia and the referendum").
    forms = [c.form if c.is_name else "the " + c.form for c in sorted(chosen, key=lambda c: not c.is_name)]
    text = " and ".join(forms)
    return text[0].upper() + text[1:]


def _whole(phrases: dict[tuple[str, ...], Phrase]) -> dict[tuple[str, ...], Phrase]:
    """The phrases less those a longer one written nearly as often completes."""
    longest: dict[tuple[str, ...], int] = {}  # texts of the most written one-word-longer phrase
    for key, phrase in phrases.items():
        if len(key) > 1:
            longest[key[:-1]] = max(longest.get(key[:-1], 0), phrase.texts)
    return {
        key: phrase for key, phrase in phrases.items()
        if not (longest.get(key, 0) >= MIN_TEXTS and longest[key] > EXTEND_SHARE * phrase.texts)
    }
