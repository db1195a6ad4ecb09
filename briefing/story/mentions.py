"""Who a speaker mention is: "he", "the spokesman" or "Peskov" resolved to
the fullest name and role its article gives, in reading order. A mention that
resolves to no name keeps the article's own words as its role ("a senior
diplomat") or stays empty: no speaker is invented."""

from __future__ import annotations

import re
from collections.abc import Sequence

from briefing.story.speakers import (
    BODY_WORDS,
    DETERMINERS,
    HONORIFICS,
    NOT_NAMES,
    OPENERS,
    PERSONAL,
    PRONOUNS,
    ROLE_WORDS,
    Token,
    is_role,
    left_phrase,
    name_part,
    role_part,
    tokenize,
)


class Resolver:
    """Resolves speaker mentions in one article, in reading order."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.history: list[tuple[str, str, bool]] = []  # (name, role, a person) of speakers so far

    def resolve(self, mention: tuple[int, int]) -> tuple[str, str]:
        """The (name, role) of the speaker mentioned at text[start:end]; "" where the article gives none."""
        start, end = mention
        tokens = tokenize(self.text, start, end)
        while len(tokens) > 1 and tokens[0].text.lower() in DETERMINERS:  # "the spokesman": the role is "spokesman"
            tokens.pop(0)
        words = tuple(t.text for t in tokens)
        if "," in words:  # "Dmitry Peskov, the Kremlin spokesman": a name, then its role
            cut = words.index(",")
            apposed = self._as_written(tokens[cut + 1 :])
            if not name_part(words[:cut]) and apposed and name_part(apposed) == apposed:
                words, phrase_role = apposed, words[:cut]  # "his sister, Mei Lan": a description, then the name
            else:
                words, phrase_role = words[:cut], (apposed if is_role(apposed) else ())
        else:
            phrase_role = self._apposed_role(end)
        return self._resolve(words, phrase_role, start)

    def _as_written(self, tokens: list[Token]) -> tuple[str, ...]:
        """The words of `tokens` as the article writes them, a leading article or pronoun left out:
        a mark stays on the word it follows ("editor of a newsletter in Potomac, Md.")."""
        while tokens and tokens[0].text.lower() in DETERMINERS | {","}:
            tokens = tokens[1:]
        return tuple(self.text[tokens[0].start : tokens[-1].end].split()) if tokens else ()

    def _apposed_role(self, end: int) -> tuple[str, ...]:
        """A role set off by commas right after a mention ("Peskov, the Kremlin spokesman,")."""
        after = self.text[end : end + 80]
        match = _APPOSITION.match(after)
        if match and is_role(match.group(1).split()) and len(match.group(1).split()) <= _MAX_ROLE_WORDS:
            return tuple(match.group(1).split())
        return ()

    def _resolve(self, words: tuple[str, ...], apposed: tuple[str, ...], position: int) -> tuple[str, str]:
        low = words[0].lower() if len(words) == 1 else ""
        if low in PRONOUNS:
            if low in PERSONAL:
                for known, known_role, person in reversed(self.history):
                    if person:
                        return known, known_role
                titled = self._titled_person_before(position)
                if titled:
                    self.history.append((*titled, True))
                    return titled
            return "", ""
        name = name_part(words)
        role = role_part(words) or apposed
        if name:
            if len(name) == 1 and name[0] in _SINGLE_WORD_BODIES:
                full, person = " ".join(words), False
            else:
                full, person = self.fullest_name(" ".join(name)), not _is_body(words)
            role_text = " ".join(role) or self.role_of(full)
            if not person:
                full, role_text = " ".join(w for w in words if w.lower() not in DETERMINERS), ""
            self.history.append((full, role_text, person))
            return full, role_text
        if role and all(w[0].isupper() for w in role):  # "the State Department": a body's own name
            full = " ".join(role)
            self.history.append((full, "", False))
            return full, ""
        head = role[-1].lower() if role else ""
        for known, known_role, _person in reversed(self.history):
            if head and head in known_role.lower().split():
                return known, known_role
        named = self._named_holder(head) if head else None
        if named:
            self.history.append((named[0], named[1], True))
            return named
        # The article's own words when no list knows them ("one elderly bystander", "Acme and Globex"): the
        # source describes its speaker, so the claim is not anonymous.
        return "", " ".join(role or words)

    def fullest_name(self, name: str) -> str:
        """The longest name in the article that ends with `name` ("Peskov" -> "Dmitry Peskov")."""
        best = name
        for match in re.finditer(_NAME_WORDS + re.escape(name) + r"\b", self.text):
            before = match.group(1).split()
            kept: list[str] = []
            for word in reversed(before):
                if word.lower() in _BEFORE_NAMES or word.endswith(("’s", "'s", "ing")):
                    break
                kept.insert(0, word)
            candidate = " ".join([*kept, name])
            if len(candidate) > len(best):
                best = candidate
        return best

    def role_of(self, name: str) -> str:
        """The longest role the article writes before `name` or in apposition after it."""
        best = ""
        for match in re.finditer(re.escape(name) + r"\b", self.text):
            tokens = tokenize(self.text, max(0, match.start() - 80), match.start())
            phrase = left_phrase(tokens, len(tokens) - 1) if tokens else None
            role = " ".join(role_part(phrase.words)) if phrase else ""
            appositive = _APPOSITION.match(self.text, match.end())
            if not role and appositive and is_role(appositive.group(1).split()) \
                    and len(appositive.group(1).split()) <= _MAX_ROLE_WORDS:
                role = appositive.group(1)
            if len(role) > len(best):
                best = role
        return best

    def _titled_person_before(self, position: int) -> tuple[str, str] | None:
        """For "he said" before anyone is quoted: the last person the text
        names with a title just before ("spokesman Dmitry Peskov met ...")."""
        window = self.text[max(0, position - _PRONOUN_REACH) : position]
        last = None
        for match in _TITLED.finditer(window):
            if match.group(1).lower() in ROLE_WORDS:
                last = match
        return None if last is None else self._person(last.group(2))

    def _named_holder(self, head: str) -> tuple[str, str] | None:
        """"spokesman Dmitry Peskov" elsewhere in the article, for "the spokesman said"."""
        match = re.search(r"\b" + re.escape(head) + r"\s+((?:[A-Z][\w’'\-]+\s?){1,4})", self.text, re.I)
        return self._person(match.group(1)) if match else None

    def _person(self, words: str) -> tuple[str, str] | None:
        """The fullest name and the role of the person `words` name (None when they name nobody)."""
        name = name_part(tuple(words.split()))
        if not name:
            return None
        full = self.fullest_name(" ".join(name))
        return full, self.role_of(full)


# Up to three capitalized words (or initials) before a name, on one line: "Dmitry " before "Peskov".
_NAME_WORDS = r"((?:[A-Z][\w’']*(?:-[A-Z][\w’']*)*[ \t]+|[A-Z]\.[ \t]*){1,3})"
_APPOSITION = re.compile(r",\s+(?:the|a|an)?\s*([^,.;“”\"]{3,60}?)[,.;]")
# A title, then a name of two to four capitalized words: "spokesman Dmitry Peskov".
_TITLED = re.compile(r"\b([\w.\-]+)\s+((?:[A-Z][\w’'\-]+[ \t]+){1,3}[A-Z][\w’'\-]+)")
_MAX_ROLE_WORDS = 8  # a longer phrase in apposition is a clause, not a role
_PRONOUN_REACH = 600  # characters back a pronoun may reach for a titled name
_SINGLE_WORD_BODIES = frozenset({"Kremlin", "Pentagon", "Vatican", "Elysee", "Élysée"})
# Words that stop a name's reach back: roles, bodies, honorifics, openers, determiners (one set, made once).
_BEFORE_NAMES = ROLE_WORDS | BODY_WORDS | HONORIFICS | OPENERS | DETERMINERS | NOT_NAMES


def _is_body(words: Sequence[str]) -> bool:
    return bool(words) and (words[-1].lower() in BODY_WORDS or words[-1] in _SINGLE_WORD_BODIES)
