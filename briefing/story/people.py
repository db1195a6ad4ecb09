"""Who is who in a sentence read alone: the people a summary sentence, a dated event or a figure
names by one word ("Delic was cleared of two murders"), as its source names them in full ("Hazim
Delic"), given once a block (the key points, a section, the timeline) where no entry before names
them so. A person is one the article gives a title or role, one the attributions found speaking, or
one it sets off with an age or a "who" (`mentions.Resolver.person_known_as`).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import replace
from typing import Protocol, TypeVar

from briefing.models import Article, NamedPerson, SummarySentence
from briefing.story.mentions import Resolver
from briefing.story.vocabulary import NAME_PARTICLES
from briefing.text.stopwords import ENGLISH

_NAME_WORD = re.compile(r"[\"“‘'(]*([A-Z][a-z][\w-]*)(?:['’]s?)?([.,;:!?\"”’')]*)$")


def _one_word_names(text: str) -> list[str]:
    """The capitalised words of `text` that stand alone, no capitalised word right before or after them
    (but an honorific before: "Gen. Pinochet"), possessives left off: people named by one word ("Delic")."""
    tokens = text.split()
    found = []
    for k, token in enumerate(tokens):
        match = _NAME_WORD.match(token)
        if not match:
            continue
        before = tokens[k - 1] if k else ""
        joined_before = (before[:1].isupper() and not before.endswith((".", ",", ";", ":"))) or before in NAME_PARTICLES
        joined_after = not match.group(2) and k + 1 < len(tokens) and tokens[k + 1][:1].isupper()
        if not (joined_before or joined_after):
            found.append(match.group(1))
    return list(dict.fromkeys(found))


class People:
    """The people a story's articles name, looked up by the one word a summary sentence names them by."""

    def __init__(self, articles: Sequence[Article], speakers: Collection[str] = ()):
        self.articles = articles
        self.speakers = frozenset(speakers)  # names the attributions found speaking: people (or bodies)
        self._resolvers: dict[int, Resolver] = {}

    def named_in(self, cited: SummarySentence, article: int) -> SummarySentence:
        """`cited` with each person it names by one word whom its source, `article`, names in full:
        "Delic was cleared of two murders" names "Hazim Delic", whom a reader of the bullet alone
        would not know. Not a speaker the bullet already shows in full, nor a word the article gives
        two fuller names (`mentions.Resolver.person_known_as`)."""
        shown = cited.speaker if cited.speaker and not cited.speaker_named else ""
        people = self.known_in(cited.text, article, shown)
        return replace(cited, people=people) if people else cited

    def known_in(self, text: str, article: int, shown: str = "") -> tuple[NamedPerson, ...]:
        """The people `text` names by one word whom its source, `article`, names in full, but the
        one it shows beside the text already (`shown`, a speaker)."""
        resolver = self._resolvers.get(article)
        if resolver is None:
            resolver = self._resolvers[article] = Resolver(self.articles[article].text)
        named = {shown}
        people: list[NamedPerson] = []
        for word in _one_word_names(text):
            if word.lower() in ENGLISH:
                continue
            known = resolver.person_known_as(word, self.speakers)
            if known and known[0] not in named and known[0] not in text:
                named.add(known[0])
                people.append(NamedPerson(word, *known))
        return tuple(people)


class Glossed(Protocol):
    """A verbatim sentence shown with the full names of the people it names by one word."""

    @property
    def text(self) -> str: ...

    @property
    def people(self) -> tuple[NamedPerson, ...]: ...


GlossedT = TypeVar("GlossedT", bound=Glossed)


def named_once(block: Sequence[GlossedT]) -> tuple[GlossedT, ...]:
    """The entries of one `block` (the key points, a section, the timeline) read in order, each person
    given in full only where no entry before names them so, in its text or beside it: "— Pinochet:
    Augusto Pinochet" once a section, not after every bullet that says "Pinochet"."""
    shown = ""
    kept = []
    for entry in block:
        people = tuple(p for p in entry.people if p.name not in shown)
        # Every Glossed is a frozen dataclass, which a Protocol cannot say.
        kept.append(entry if people == entry.people else replace(entry, people=people))  # type: ignore[type-var]
        shown = " ".join([shown, entry.text, getattr(entry, "speaker", ""), *(p.name for p in people)])
    return tuple(kept)
