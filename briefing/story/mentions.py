"""Who a speaker mention is: "he", "the spokesman" or "Peskov" resolved to
the fullest name and role its article gives, in reading order. A mention that
resolves to no name keeps the article's own words as its role ("a senior
diplomat") or stays empty: no speaker is invented.

"He" and "she" are the person the article last brought in before them: the
last speaker, or a person a sentence is about ("Fayez Zaidan, the airline
chairman, came to the lounge. '...,' he told them."), whichever stands later,
and never one the article marks as the other sex ("Mrs.", "spokeswoman")."""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Collection, Iterator, Sequence
from functools import cached_property
from typing import NamedTuple

from briefing.story.speakers import (
    QUOTE,
    NounPhrase,
    Token,
    affiliation_start,
    after_role,
    hangs_on_role,
    is_role,
    left_phrase,
    name_part,
    opens_on_title,
    reads_as_verb,
    role_part,
    shared_subject,
    tokenize,
)
from briefing.story.vocabulary import (
    AUXILIARY,
    BODY_WORDS,
    DETERMINERS,
    DOCUMENTS,
    FINITE_VERB,
    HONORIFICS,
    KIN,
    NAMES_NOBODY,
    NO_NAME_OPENERS,
    NOT_NAMES,
    OPENERS,
    PERSON_TITLES,
    PERSONAL,
    PLURAL_ROLES,
    PRONOUNS,
    ROLE_WORDS,
    SERVING,
)
from briefing.text.cues import CUE_WORDS
from briefing.text.phrases import CALENDAR, PLACE_ADJECTIVE, POSSESSIVE


class _Known(NamedTuple):
    """A speaker or a person a sentence is about, where the article brings them in."""

    position: int
    name: str  # "" for a person the article only describes ("the survivor")
    role: str
    person: bool


class Resolver:
    """Resolves speaker mentions in one article, in reading order.

    `sentences` are the tokens of each sentence, quotations as one token each
    (`speakers.tokenize`): the people the narrative is about are found in them.
    """

    def __init__(self, text: str, sentences: Sequence[Sequence[Token]] = ()) -> None:
        self.text = text
        self.sentences = sentences
        self.history: list[_Known] = []  # speakers so far
        self._fullest: dict[str, str] = {}  # name -> fullest name: each a search of the whole text
        self._endings: dict[str, tuple[list[str], str]] = {}  # name -> the fuller names ending with it
        self._adjectives: dict[str, bool] = {}  # words -> whether the article writes them as an adjective
        self._roles: dict[str, str] = {}  # name -> the longest role the article gives it
        self._called: dict[str, set[str]] = {}  # name or description -> the sexes of the pronouns resolved to it

    def resolve(self, mention: tuple[int, int], channel: bool = False) -> tuple[str, str]:
        """The (name, role) of the speaker mentioned at text[start:end]; "" where the article gives none.
        A `channel` (a news agency relaying another's words) is heard as no person: no "he" after it is it."""
        heard = len(self.history)
        found = self._resolve_mention(mention)
        if channel and len(self.history) > heard:
            self.history[-1] = self.history[-1]._replace(person=False)
        return found

    def _resolve_mention(self, mention: tuple[int, int]) -> tuple[str, str]:
        start, end = mention
        tokens = tokenize(self.text, start, end)
        # "the spokesman": the role is "spokesman"; "Until North Korea said": the name is "North Korea".
        while len(tokens) > 1 and (tokens[0].text.lower() in DETERMINERS or tokens[0].text.lower() in NO_NAME_OPENERS):
            tokens.pop(0)
        words = tuple(t.text for t in tokens)
        if len(words) > 2 and words[-1] == ")" and "(" in words:  # "Rep. Gwen Moore (D-Wis.)": the gloss names no one
            tokens, words = tokens[: words.index("(")], words[: words.index("(")]
            end = tokens[-1].end
        if "," in words:  # "Dmitry Peskov, the Kremlin spokesman": a name, then its role
            cut = words.index(",")
            apposed = self._as_written(tokens[cut + 1 :])
            if apposed and _PLACE_BEFORE.search(self.text, max(0, tokens[0].start - 12), tokens[0].start):
                return self.resolve((tokens[cut + 1].start, end))  # "In London, a spokesman said": where, then who
            if _names_a_body(words[cut + 1 :]) and name_part(words[:cut]) and not _is_body(words[:cut]):
                # "her aide, Ruslan Linkov, the Interfax news agency reported": the agency, not the aide
                return self.resolve((tokens[cut + 1].start, end))
            if not name_part(words[:cut]) and apposed and name_part(apposed) == apposed:
                words, phrase_role = apposed, words[:cut]  # "his sister, Mei Lan": a description, then the name
            else:
                words, phrase_role = words[:cut], (apposed if is_role(apposed) else ())
        else:
            phrase_role = self._apposed_role(end)
        return self._resolve(words, phrase_role, start)

    def _heard(self, position: int, name: str, role: str, person: bool) -> tuple[str, str]:
        role = _without_relative_clause(role)
        self.history.append(_Known(position, name, role, person))
        return name, role

    def _as_written(self, tokens: list[Token]) -> tuple[str, ...]:
        """The words of `tokens` as the article writes them, a leading article or pronoun left out:
        a mark stays on the word it follows ("editor of a newsletter in Potomac, Md.")."""
        while tokens and tokens[0].text.lower() in DETERMINERS | {","}:
            tokens = tokens[1:]
        return tuple(self.text[tokens[0].start : tokens[-1].end].split()) if tokens else ()

    def _apposed_role(self, end: int) -> tuple[str, ...]:
        """A role set off by commas right after a mention ("Peskov, the Kremlin spokesman,")."""
        return apposed_role(self.text, end)

    def _resolve(self, words: tuple[str, ...], apposed: tuple[str, ...], position: int) -> tuple[str, str]:
        low = words[0].lower() if len(words) == 1 else ""
        low = _SUBJECT_FORM.get(low, low)  # "NTV quoted him as saying": whom "he" would mean
        if low in PRONOUNS or low in NAMES_NOBODY:
            if low in PERSONAL:
                return self._referent(low, position)
            if low == "they":
                return self._group_before(position)
            if low == "it":
                return self._body_before(position)
            return "", ""
        if _two_people(words):  # "Prime Minister Tony Blair and President Bill Clinton": both, neither alone
            return self._heard(position, "", " ".join(words), False)
        name = name_part(words)
        role = role_part(words) or apposed
        if name:
            if len(name) == 1 and name[0] in _SINGLE_WORD_BODIES:
                full, person = " ".join(words), False
            else:
                full, person = self.full_name(words, name, position), not (_is_body(words) or _possessive(name))
            role_text = " ".join(role) or self.role_of(full)
            if not person:
                full, role_text = " ".join(w for w in words if w.lower() not in DETERMINERS), ""
            return self._heard(position, full, role_text, person)
        # "the State Department": a body's own name; "Officials said", a plural role capitalized as a
        # sentence opens, is none (described, below).
        unnamed = len(role) == 1 and role[0].lower() in PLURAL_ROLES
        if role and (all(w[0].isupper() for w in role) or _body_named(role)) and not unnamed:
            return self._heard(position, " ".join(_body_name(words, role)), "", False)
        # "Supporters of Pinochet" are no one the article named by the name they hang on ("a spokesman for
        # the authority" may be the one it named "spokesman for the Maritime Safety Authority").
        head = "" if not role or (hangs_on_role(role) and role[-1][:1].isupper()) else role[-1].lower()
        if head in BODY_WORDS and any(w[:1].isupper() for w in role[:-1]):
            head = ""  # "The Aftonbladet newspaper" names its paper: no other newspaper heard before it
        # "analysts say" is no one analyst the article named ("Amy Jaffe, an energy analyst").
        plural = head in PLURAL_ROLES
        wanted = _role_parts(" ".join(role))  # once, not once per speaker heard before
        for known in reversed(self.history):
            if head and not plural and known.name and _holds_role(wanted, known.role):
                return self._heard(position, known.name, known.role, known.person)
        named = self._named_holder(head) if head and not plural and head not in DOCUMENTS else None
        if named:
            return self._heard(position, *named, head not in BODY_WORDS)  # "the newspaper": no "he"
        # The article's own words when no list knows them ("one elderly bystander", "Acme and Globex"): the
        # source describes its speaker, so the claim is not anonymous, and "he" may go on with them.
        described = " ".join(role or words)
        return self._heard(position, "", described, _describes_one_person(role or words))

    def _referent(self, pronoun: str, position: int) -> tuple[str, str]:
        """Whom "he" or "she" at `position` means: the person brought in last before it, of no other sex.

        Not one its own sentence brings in: in "To avoid an attack, Yugoslavia must withdraw, he said"
        or "...the last president, F.W. de Klerk, after he threatened", the pronoun is someone else."""
        own = self._sentence_start(position)
        before = [known for known in (*self.history, *(k for k in self._introduced if k.position < own))
                  if known.person and known.position < position and self._sex(known) in ("", _SEX[pronoun])]
        if before:
            known = max(before, key=lambda k: k.position)
            # The article's "she" for Yelena Masyuk says she is no "he" it writes later.
            self._called.setdefault(known.name or known.role, set()).add(_SEX[pronoun])
            return known.name, known.role
        titled = self._titled_person_before(position)
        if titled:
            return self._heard(position, *titled, True)
        return "", ""

    def _group_before(self, position: int) -> tuple[str, str]:
        """Whom "they" at `position` means: the group holding a role that spoke last, in this sentence or the
        one before ("CIA analysts said... But they said", "Administration officials say... They say"), or,
        when no one spoke there, the group the sentence before opens on ("U.S. intelligence officials declined
        to provide details about members of Islamic Jihad. But they said": the officials, not the members
        named last); none when someone else spoke since or no group opens it."""
        at = bisect.bisect_right(self._starts, position) - 1
        subject = self._joined_subject(at, position)
        if subject:
            return self._heard(position, "", subject, False)
        previous = self._starts[at - 1] if at > 0 else 0
        if not self.history or self.history[-1].position < previous:
            group = _opening_group(self._worded[at - 1]) if at > 0 else ""
            return self._heard(position, "", group, False) if group else ("", "")
        last = self.history[-1]
        if last.name or not _plural_head(last.role):
            return "", ""
        return self._heard(position, "", last.role, False)

    def _body_before(self, position: int) -> tuple[str, str]:
        """Whom "it" at `position` means: the speaker heard last, in the sentence before, when no person
        ("North Korea has said... It has offered...", "..., said the publication. It described..."); none
        when a person or a group spoke last, or anyone in this sentence ("critics say it also suggests...":
        what they say, not who says it), or no one in the sentence before."""
        at = bisect.bisect_right(self._starts, position) - 1
        if at < 1:
            return "", ""
        previous, own = self._starts[at - 1], self._starts[at]
        last = self.history[-1] if self.history else None
        if last is None or last.position < previous:  # no one spoke there: the body the sentence opens on, if one
            body = self._opening_body(self._worded[at - 1])
            return self._heard(position, body, "", False) if body else ("", "")
        # "officials" are they, not it
        if last.position >= own or self._known_person(last) or _plural_head(last.role):
            return "", ""
        return self._heard(position, last.name, last.role, False)

    def _opening_body(self, tokens: Sequence[Token]) -> str:
        """The name of the body or country a sentence opens on, past opening phrases and a "which" clause set
        off, when a verb follows ("Saudi Arabia, which stripped bin Laden of his citizenship..., has turned up
        pressure..."): "" for a person, or anything else."""
        i = _after_opening(tokens)
        if i is None or i >= len(tokens) or tokens[i].text.lower() in PRONOUNS:
            return ""
        k = _name_run(tokens, i)
        phrase = tuple(t.text for t in tokens[i:k])
        if k + 1 < len(tokens) and tokens[k].text == "," and tokens[k + 1].text.lower() == "which":
            close = _next_comma(tokens, k + 1)
            k = close + 1 if close is not None else len(tokens)
        name = name_part(phrase)
        if not name or name != phrase or k >= len(tokens) or not reads_as_verb(tokens, k) \
                or self._a_person(phrase, (), name) or _possessive(phrase):
            return ""
        return " ".join(phrase)

    def _known_person(self, known: _Known) -> bool:
        """Whether the article marks `known` as a person: a title, an honorific, a sex, a role only people hold."""
        return bool(known.person and (_titled(known.role.split()) or self._sex(known)
                                      or (known.name and self._titles_of(known.name.split()[-1]))
                                      or (known.role and not _is_body(known.role.split()))))

    def _joined_subject(self, at: int, position: int) -> str:
        """"they" right after "and" or "but" is the group that opens the clause before, if a plural role
        ("Microsoft officials are closely watching market surveys..., but they insist that..."); "" else."""
        tokens = self._worded[at] if 0 <= at < len(self._worded) else ()
        k = next((i for i, t in enumerate(tokens) if t.start == position), 0)
        if k < 1 or tokens[k - 1].text.lower() not in ("and", "but"):
            return ""
        return _as_group(shared_subject(tokens, k - 1))

    def _sentence_start(self, position: int) -> int:
        starts = self._starts
        return starts[bisect.bisect_right(starts, position) - 1] if starts and starts[0] <= position else 0

    @cached_property
    def _worded(self) -> list[Sequence[Token]]:
        """The sentences that hold a token, which `_starts` numbers."""
        return [tokens for tokens in self.sentences if tokens]

    @cached_property
    def _starts(self) -> list[int]:
        return [tokens[0].start for tokens in self._worded]

    @cached_property
    def _introduced(self) -> list[_Known]:
        """The people the narrative brings in, sentence by sentence, outside quotations: the one a
        sentence opens on, and anyone set off with an age, a role or a "who" ("Pal Martins, 34,")."""
        found = []
        for tokens in self.sentences:
            subject = _subject(tokens)
            for phrase, apposed in ([subject] if subject else []) + _set_off_people(tokens):
                name = name_part(phrase)
                if name and self._a_person(phrase, apposed, name):
                    full = self.full_name(phrase, name, tokens[0].start)
                    role = " ".join(role_part(phrase) or _as_role(apposed)) or self.role_of(full)
                    found.append(_Known(tokens[0].start, full, role, True))
        return found

    def _a_person(self, phrase: Sequence[str], apposed: Sequence[str], name: Sequence[str]) -> bool:
        """Whether the name of `phrase` is a person's: a title or a description set off by commas says
        so, or the article gives the name a title elsewhere; a body ("the Foreign Ministry"), a place
        or a possessive ("Afghanistan's") is none."""
        if _is_body(phrase) or _possessive(phrase) or name[-1] in _SINGLE_WORD_BODIES:
            return False
        if _titled(phrase) or apposed:
            return True
        return bool(self._titles_of(name[-1])) or _titled(self.role_of(self.fullest_name(" ".join(name))).split())

    def _titles_of(self, surname: str) -> set[str]:
        """The honorifics and short titles the article writes before `surname` ("mrs", "dr")."""
        return self._titles.get(surname, set())

    @cached_property
    def _titles(self) -> dict[str, set[str]]:
        """Each word of a name the article writes after an honorific or a short title, and those titles
        ("Mrs. Lynne Slepian": "Lynne" and "Slepian" -> {"mrs"}): one pass over the text."""
        found: dict[str, set[str]] = {}
        for match in _AFTER_TITLE.finditer(self.text):
            for word in match.group(2).split():
                found.setdefault(word, set()).add(match.group(1).lower())
        return found

    def _sex(self, known: _Known) -> str:
        """"m", "f" or "" (not known) for a person, from the titles and roles the article gives them.

        A surname the article gives both a title of one sex and one of none ("Mrs. Slepian" and
        "Dr. Slepian") may be two people's: it tells nothing."""
        marked = {_SEX_OF_WORD[w] for w in known.role.lower().replace(",", " ").split() if w in _SEX_OF_WORD}
        marked |= self._called.get(known.name or known.role, set())
        if known.name:
            titles = self._titles_of(known.name.split()[-1])
            sexed = {_SEX_OF_WORD[t] for t in titles if t in _SEX_OF_WORD}
            if not (sexed and titles - _SEX_OF_WORD.keys()):
                marked |= sexed
        return marked.pop() if len(marked) == 1 else ""

    def full_name(self, phrase: Sequence[str], name: Sequence[str], position: int | None = None) -> str:
        """The fullest name the article gives the `name` of `phrase`, unless the honorific `phrase`
        opens on says it is someone else: "Mrs. Slepian" is not "Dr. Barnett Slepian", nor the "Dr.
        Slepian" of the same article; she stays "Mrs. Slepian". An honorific of another kind (Mr. and
        Dr.; Mrs. or Ms. and either) written before the fuller name, or before the surname alone,
        marks another person of that name."""
        honorific = phrase[0].rstrip(".").lower() if len(phrase) > len(name) else ""
        # An honorific says which of two people of one surname is meant (below), not the place in the text.
        if position is not None and honorific not in _HONORIFIC_KIND:
            full = self._nearest_fuller(" ".join(name), position)
        else:
            full = self.fullest_name(" ".join(name))
        if honorific not in _HONORIFIC_KIND:
            return full
        marked = full.split()[0] if full != " ".join(name) else name[-1]
        kinds = {_HONORIFIC_KIND[t] for t in self._titles_of(marked) if t in _HONORIFIC_KIND}
        if kinds - {_HONORIFIC_KIND[honorific]}:
            return " ".join([phrase[0], *name])
        return full

    def _nearest_fuller(self, name: str, position: int) -> str:
        """Of two people the article names with the same surname ("Race spokesman Peter Campbell", later
        "American John Campbell"), the one it named last before `position`; the fullest name otherwise.
        Given names that begin alike may be one person's ("Bart" and "Barnett Slepian", "Jim" and "James
        Clark", "Arik" and "Ariel Sharon"), and an initial may stand for either: those keep the fullest."""
        fuller = self._names_ending_with(name)[0]
        people = [f for f in fuller if not any(other != f and other.endswith(" " + f) for other in fuller)]
        initials = [f[0] for f in people]
        if len(people) < 2 or len(set(initials)) < len(initials) or any(f.split()[0].endswith(".") for f in people):
            return self.fullest_name(name)
        before = {f: self.text.rfind(f, 0, position) for f in people}
        latest = max(people, key=lambda f: before[f])
        return latest if before[latest] >= 0 else self.fullest_name(name)

    def fullest_name(self, name: str) -> str:
        """The longest name in the article that ends with `name` ("Peskov" -> "Dmitry Peskov"), or for
        a one-word name that ends none, the one fuller name it begins ("Anwar" -> "Anwar Ibrahim")."""
        if name not in self._fullest:
            fullest = self._longest_ending_with(name)
            if fullest == name and " " not in name:
                fullest = self._only_name_begun_by(name)
            self._fullest[name] = fullest
        return self._fullest[name]

    def person_known_as(self, word: str, speakers: Collection[str] = ()) -> tuple[str, str] | None:
        """The fuller name and role of the person the article names by the one `word` ("Delic" ->
        "Hazim Delic", "Anwar" -> "Anwar Ibrahim"): None when the article writes no fuller name for it,
        or gives that name no person's title or role ("Democratic Turkey", "Hurricane Georges") and
        the name, ending on `word`, is none of the `speakers` found (a speaker's name that `word` only
        begins may be a body's: "China Sports Daily", "North Korea"); nor for a plural whose singular
        the article writes ("Albanians" of "an Albanian")."""
        full = self.fullest_name(word)
        if full == word or word.lower() in _BEFORE_NAMES:
            return None
        name = tuple(full.split())
        if any(not set(other.split()) <= set(name) for other in self._names_ending_with(word)[0]):
            return None  # "Emile Lahoud" and "Nassib Lahoud": which is "Lahoud" is not known
        if self._written_as_no_one(word) or _is_body(name) or _possessive(name):
            return None
        role = self.role_of(full).split()
        # "official newspaper" is a body's role, for all its "official": "China Sports Daily" is no person.
        titled = _titled(role) and role[-1].lower() not in BODY_WORDS
        if self._titles_of(name[-1]) or titled or self._spoke_as_person(full, word, speakers):
            return full, " ".join(role)
        return None

    def _spoke_as_person(self, full: str, word: str, speakers: Collection[str]) -> bool:
        """Whether `full`, a name `word` ends, is a person's by what the article says of it rather than
        by a title: a speaker, or set off with an age or a "who"; not one it writes as a place ("in East
        Africa"). A name `word` only begins ("Chechen Telecom", "North Korea") is known only by a title."""
        if full.split()[-1] != word or not (full in speakers or self._set_off_as_person(full)):
            return False
        return not re.search(rf"\b(?:in|across|throughout) (?:{re.escape(full)}|{re.escape(word)})\b", self.text)

    def _set_off_as_person(self, name: str) -> bool:
        """Whether the article sets off `name` with an age or a "who" ("Hazim Delic, a Muslim who served
        as deputy warden of the camp,", "Pal Martins, 34,"): only a person has either."""
        return bool(re.search(rf"\b{re.escape(name)},\s+(?:\d{{1,3}}\s*,|who\b|(?:a|an|the)\s[^,.;]{{0,60}}?\bwho\b)",
                              self.text))

    def _written_as_no_one(self, word: str) -> bool:
        """Whether the article writes `word` as no one's name: in lower case ("the bill": "Bill" that
        opens a sentence may be no "Bill Archer"), or a plural after "the" or beside its singular ("the
        Democrats", "an ethnic Albanian": a party, a people or a family)."""
        if re.search(rf"\b{re.escape(word.lower())}\b", self.text):
            return True
        return word.endswith("s") and bool(re.search(rf"\b(?:the {re.escape(word)}|{re.escape(word[:-1])})\b", self.text))

    def _only_name_begun_by(self, name: str) -> str:
        """The one fuller name the article writes that the word `name` begins: a name written given
        name first and shortened to it ("Anwar" of "Anwar Ibrahim"), or family name first ("Mahathir"
        of "Mahathir Mohamad"); `name` when the article writes none, or several ("Kim" of "Kim
        Dae-jung" and of "Kim Jong-il")."""
        if name.isupper() or _is_body([name]) or name.lower() in _BODY_ENDINGS:  # "FBI", "Senate": a body's
            return name
        # "Pinochet's son, Augusto", "his oldest brother Paul", "a woman who identified herself only as
        # Susan": someone named by a given name alone, not the "Gen. Augusto Pinochet", the "Rev. Paul
        # Schenck" or the "Susan Ward" of the same article.
        if re.search(rf"\b(?:(?:{_KNOWN_BY_GIVEN_NAME})s?,?|as|named|called)[ \t]+{re.escape(name)}\b", self.text):
            return name
        fuller: set[str] = set()
        at = self.text.find(name)
        while at >= 0:
            if (at == 0 or not self.text[at - 1].isalnum()) and not _inside_longer_name(self.text, at):
                found = self._name_going_on(name, at + len(name))
                if found is None:  # a body's or a place's name, not a person's
                    return name
                if found:
                    fuller.add(found)
            at = self.text.find(name, at + 1)
        return fuller.pop() if len(fuller) == 1 else name

    def _name_going_on(self, name: str, end: int) -> str | None:
        """The name that `name`, ending at `end`, opens: its capitalised words that follow, up to a
        possessive, or "" when none follow; None when they run into a body's name ("Kosovo Liberation
        Army", "Microsoft Corp.", "Swissair Flight 111"): `name` is then no person's."""
        words = [name]
        while len(words) < 4 and (after := _NEXT_WORD.match(self.text, end)):
            word = POSSESSIVE.sub("", after.group(1))
            if word.lower() in CALENDAR:
                break
            if word.lower() in _BEFORE_NAMES or word.lower() in _BODY_ENDINGS:
                return None
            words.append(word)
            end = after.end()
            if word != after.group(1):  # "Anwar Ibrahim's lawyers": the name ends at its possessive
                break
        if _NUMBER_NEXT.match(self.text, end):
            return None
        return " ".join(words) if len(words) > 1 else ""

    def _longest_ending_with(self, name: str) -> str:
        fuller, described = self._names_ending_with(name)
        return max(fuller, key=len, default=described)

    def _names_ending_with(self, name: str) -> tuple[list[str], str]:
        """The fuller names the article writes that end with `name`, each once, in order ("Dmitry
        Peskov" for "Peskov"), and the longest written with one capitalised word after an article,
        which may describe the person instead ("the Christian Lahoud"): `name` when there is none."""
        if name not in self._endings:
            self._endings[name] = self._search_names_ending_with(name)
        return self._endings[name]

    def _search_names_ending_with(self, name: str) -> tuple[list[str], str]:
        fuller: dict[str, None] = {}
        described = name
        for before, after_article in self._words_before(name):
            kept: list[str] = []
            for word in reversed(before):
                if word.lower() in _BEFORE_NAMES or word.endswith(("’s", "'s", "ing")):
                    break
                kept.insert(0, word)
            if kept and kept[-1] == name:  # "Fernando Henrique Cardoso Cardoso": a doubled word
                kept.pop()
            kept = self._without_nationality(kept)
            candidate = " ".join([*kept, name])
            # "the Christian Lahoud", "the Sunni Hariri": a person's name takes no article, so one
            # capitalised word between an article and the name may describe the person; it is
            # taken only when the article writes the name no other way ("the Israeli Cabinet").
            if after_article and len(kept) == len(before) == 1:
                described = max(described, candidate, key=len)
            elif kept:
                fuller[candidate] = None
        return list(fuller), described

    def _without_nationality(self, kept: list[str]) -> list[str]:
        """The words before a name without the nationality in front of them ("[American] John Campbell",
        "[Bosnian Serb] Goran Jelisic"): words opening on an adjective of place that the article also
        writes as one, after an article and before a common noun ("an American citizen", "the Bosnian Serb
        police"), and that leave a given name in front of the surname. "Christian" of "Christian Lahoud"
        leaves none and stays."""
        if not kept or not PLACE_ADJECTIVE.fullmatch(kept[0]):
            return kept
        for cut in range(len(kept) - 1, 0, -1):
            if self._written_as_adjective(" ".join(kept[:cut])):
                return kept[cut:]
        return kept

    def _written_as_adjective(self, words: str) -> bool:
        # Once per words: a name is met once per time the article writes it, and each search reads the text.
        if words not in self._adjectives:
            found = re.search(rf"\b(?:[Aa]n?|[Tt]he) {re.escape(words)} [a-z]", self.text)
            self._adjectives[words] = found is not None
        return self._adjectives[words]

    def _goes_on(self, end: int) -> bool:
        """Whether a longer name goes on past `end`: "Mohammed" in "Yusef Ali Mohammed Zughayar"
        ends no name of its own, and lends none ("Yusef Ali Mohammed") to the father Mohammed."""
        after = _NEXT_WORD.match(self.text, end)
        return after is not None and after.group(1).lower() not in _BEFORE_NAMES

    def _words_before(self, name: str) -> Iterator[tuple[list[str], bool]]:
        """The capitalised words (up to three) right before each whole-word `name` that ends a name
        in the text, and whether an article stands before them. Found with str.find and one compiled
        pattern: a pattern made per name cost more than the search."""
        at, taken = self.text.find(name), 0  # words a name before took are no one else's (a doubled word)
        while at >= 0:
            end = at + len(name)
            if (end == len(self.text) or not (self.text[end].isalnum() or self.text[end] == "_")) \
                    and not self._goes_on(end):
                match = _NAME_WORDS_BEFORE.search(self.text, max(taken, at - _NAME_REACH), at)
                if match:
                    yield match.group(1).split(), bool(_ARTICLE_BEFORE.search(self.text, max(0, match.start() - 5),
                                                                              match.start()))
                    taken = end
            at = self.text.find(name, at + 1)

    def role_of(self, name: str) -> str:
        """The longest role the article writes before `name` or in apposition after it. Once per name: each
        search reads every place the article writes it, and every mention of the name asks again."""
        if name not in self._roles:
            self._roles[name] = self._search_role_of(name)
        return self._roles[name]

    def _search_role_of(self, name: str) -> str:
        best = ""
        for match in re.finditer(re.escape(name) + r"\b", self.text):
            if _inside_longer_name(self.text, match.start()):
                continue  # "Silva" in "Marina Silva": another Silva's role
            tokens = tokenize(self.text, max(0, match.start() - 80), match.start())
            phrase = left_phrase(tokens, len(tokens) - 1) if tokens else None
            # A phrase that ends before a word of its own ("President Eduardo Frei of [Chile]") is another's.
            right_before = phrase is not None and not self.text[phrase.end : match.start()].strip()
            role = " ".join(_role_right_before(phrase.words)) if phrase and right_before else ""
            if not role:
                role = " ".join(apposed_role(self.text, match.end()))
            role = _own_title(role)
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
        # A name's words are no headline's capitals: "GOVERNMENT SEES ARM-TWISTING The ..." names no one.
        match = re.search(r"\b(?i:" + re.escape(head) + r")\s+((?:(?:[A-Z](?:[a-z]|['’][A-Z])[\w’'\-]*|"
                          r"(?:II|III|IV|Jr\.?)(?!\w))\s?){1,4})", self.text)
        return self._person(match.group(1)) if match else None

    def _person(self, words: str) -> tuple[str, str] | None:
        """The fullest name and the role of the person `words` name (None when they name nobody):
        "Prime Minister Mahathir Mohamad's government" names Mahathir Mohamad."""
        name = name_part(tuple(re.sub(r"['’]s$", "", words.strip()).split()))
        if not name or all(w.lower() in NOT_NAMES for w in name):  # "organizers Monday"
            return None
        full = self.fullest_name(" ".join(name))
        return full, self.role_of(full)


# Up to three capitalized words (or initials) ending where a name starts, on one line: "Dmitry " before "Peskov".
# Each word opens where no word goes on: "L." of "rehabilitate PAL. PAL's" is no initial.
_NAME_WORDS_BEFORE = re.compile(r"((?:(?<![\w’'-])(?:[A-Z][\w’']*(?:-[A-Z][\w’']*)*[ \t]+|[A-Z]\.[ \t]*)){1,3})$")
_NAME_REACH = 80  # characters: three words of a name
_NEXT_WORD = re.compile(r"[ \t]+([A-Z][\w’'\-]*)")
# Whom news names by a given name alone: kin, and those close as kin.
_KNOWN_BY_GIVEN_NAME = "|".join(sorted(KIN | {"nephew", "niece", "grandson", "granddaughter", "child", "friend",
                                               "partner"}))
# Words that end a body's name besides BODY_WORDS, or are one: a person's name never runs into them.
_BODY_ENDINGS = frozenset(["corp", "inc", "co", "ltd", "plc", "llc", "ag", "sa", "nv", "division", "bureau",
                           "senate", "congress", "assembly", "bank", "bourse", "exchange", "network", "flight"])
_NUMBER_NEXT = re.compile(r"[ \t]+\d")
_ARTICLE_BEFORE = re.compile(r"\b(?:the|a|an)[ \t]+$")
_WORD_BEFORE = re.compile(r"([\w’'.-]+)[ \t]+$")
# A full stop after a lone capital is an initial's, not the role's end: "the leader of a U.S. group".
_APPOSITION = re.compile(r",\s+(?:(?:the|an|a)\s+)?([^,.;“”\"](?:[^,.;“”\"]|(?<=\b[A-Z])\.){2,159}?)(?:[,;]|(?<!\b[A-Z])\.)")
# Where a role set off after a name, too long to show whole, stops past its head word: at the place,
# the employer or the clause that says more of the person ("a professor of European Affairs | at the
# Johns Hopkins University...", "executive creative director of the Milan office | of Pirella Gottsche
# Lowe"): one "of" or "for" phrase stays, as in "head of the central bank".
_RELATIVE_WORDS = frozenset({"that", "which", "who", "whom", "whose"})
_ROLE_STOPS = _RELATIVE_WORDS | {"at", "in", "from", "with", "on", "since", "based", "now", "currently"}
_COMPLEMENT = frozenset({"of", "for"})  # "head of the bank", "spokesman for the authority": one stays
_SHORT_APPOSITION = 60  # characters: a role shown whole, as the article writes it
# A phrase set off after a name that opens on these tells when or how, not who: "Kosovo, after long
# negotiations with the government,". Nor does one that ends where a relative clause opens
# (`_RELATIVE_WORDS`): "the World Food Program, Unicef and the European Union found that, ..." goes on
# with the list, not with a role.
_NOT_A_ROLE_OPENER = frozenset({"after", "before", "during", "with", "without", "in", "on", "at", "for", "from",
                                "by", "as", "because", "since", "while", "when", "if", "despite", "twice",
                                "according", "including", "is", "was", "are", "were", "has", "had", "will"})
# A title, then a name of two to four capitalized words: "spokesman Dmitry Peskov".
_TITLED = re.compile(r"\b([\w.\-]+)\s+((?:[A-Z][\w’'\-]+[ \t]+){1,3}[A-Z][\w’'\-]+)")
_MAX_ROLE_WORDS = 8  # a longer phrase in apposition is a clause, not a role
_PRONOUN_REACH = 600  # characters back a pronoun may reach for a titled name
_SEX = {"he": "m", "she": "f"}
# The object pronouns a speaker mention can be (`speakers._quoted_as_saying`), as subjects.
_SUBJECT_FORM = {"him": "he", "her": "she", "them": "they"}
_SEX_OF_WORD = {
    **dict.fromkeys(["mr", "spokesman", "chairman", "congressman", "businessman", "man", "husband", "father",
                     "son", "brother", "king", "pope", "prince", "widower", "grandfather", "uncle", "nephew"], "m"),
    **dict.fromkeys(["mrs", "ms", "miss", "spokeswoman", "chairwoman", "congresswoman", "businesswoman", "woman",
                     "wife", "mother", "daughter", "sister", "queen", "princess", "widow", "grandmother", "aunt",
                     "niece", "actress"], "f"),
}
# Honorifics by the person they mark: two of another kind before one surname are two people.
_HONORIFIC_KIND = {"mr": "mr", "dr": "dr", "mrs": "woman", "ms": "woman", "miss": "woman"}
# An honorific or a short title and the capitalised words after it: "Mrs. Slepian", "Dr. Barnett Slepian".
_AFTER_TITLE = re.compile(r"\b(Mr|Mrs|Ms|Miss|Dr|Prof|Sen|Rep|Gov|Gen|Col|Lt|Sgt|Capt|Rev)\.?\s+"
                          r"((?:[A-Z][\w’'\-]*\s+)*[A-Z][\w’'\-]*)")
_AGE = re.compile(r"\d{1,3}")
# A preposition of place right before a mention's first words: they say where, not who ("In London, ...").
_PLACE_BEFORE = re.compile(r"\b(?:In|At|From|Outside|Inside|in|at|from)\s+$")
# A sentence may open on up to two phrases before its subject ("In 1993, when a man was arrested, Slepian...").
_OPENING_PHRASES = 2
_MAX_OPENING = 30  # tokens an opening phrase, or a role set off by commas, may run to
_MAX_APPOSITION = 15  # words a description set off after a name may run to
_HANGING = frozenset({"of", "in", "at", "for", "with", "from", "to", "on", "who", "whose", "that", "which"})
# What may follow a title in a noun phrase: "ambassador designate", "abortion doctor by principle".
_TRAILING_TITLE = frozenset({"and", "designate", "emeritus", "elect", "by"})
_CONJUNCTIONS = frozenset({"but", "and", "yet", "so", "still", "then", "meanwhile", "however", ","})
_PREPOSITIONS = frozenset({"for", "like", "unlike", "among", "despite", "under", "over", "through", "to",
                           "about", "against", "within", "outside", "inside", "once", "until", "whatever"})
_SINGLE_WORD_BODIES = frozenset({"Kremlin", "Pentagon", "Vatican", "Elysee", "Élysée"})
# Words that stop a name's reach back: roles, bodies, honorifics, openers, determiners (one set, made once).
# A party's member written before a name ("fellow Democrat Bill Clinton") is no part of it.
_PARTY_MEMBERS = frozenset({"democrat", "republican", "conservative", "liberal", "socialist", "communist", "tory"})
# A word that may be an adjective of place ("American", "Bosnian", "Chinese", "Turkish", "Israeli").
_BEFORE_NAMES = (ROLE_WORDS | BODY_WORDS | HONORIFICS | OPENERS | DETERMINERS | NOT_NAMES | NO_NAME_OPENERS
                 | _PARTY_MEMBERS)


def _opening_group(tokens: Sequence[Token]) -> str:
    """The group a sentence opens on, its article left out: the words from its start (past opening phrases) to
    its first verb, when they end on a plural role ("Thus far, U.S. prosecutors have charged..."); "" else."""
    i = _after_opening(tokens)
    if i is None:
        return ""
    while i < len(tokens) and tokens[i].text.lower() in DETERMINERS:
        i += 1
    verb = next((k for k in range(i, min(len(tokens), i + _MAX_GROUP_WORDS + 1)) if reads_as_verb(tokens, k)), None)
    words = [t.text for t in tokens[i:verb]] if verb is not None else []
    lower = [w.lower() for w in words]
    # "Residents say soldiers have...": a word before the role that is a cue or a group of its own opens a clause.
    if not words or lower[-1] not in _GROUP_HEADS or not all(w[:1].isalnum() for w in words) \
            or any(w in CUE_WORDS or w in PLURAL_ROLES for w in lower[:-1]):
        return ""
    return " ".join(words)


# Who "they" may be: a plural role, or people the sentence counts ("More than 100 people held a vigil"),
# though "people" alone is too vague a speaker to name anyone before a cue ("people say").
_GROUP_HEADS = PLURAL_ROLES | {"people"}
_MAX_GROUP_WORDS = 5  # "Senior Clinton administration foreign policy officials" is the longest such


def _plural_head(role: str) -> bool:
    """Whether a role is a group's: its last word a plural role ("Senior administration officials")."""
    return bool(role) and role.split()[-1].lower() in PLURAL_ROLES


def _as_group(subject: NounPhrase | None) -> str:
    """The words of a subject that is a group holding a role ("Microsoft officials"), without its article;
    "" for any other subject."""
    if subject is None or subject.words[-1].lower() not in PLURAL_ROLES:
        return ""
    return " ".join(w for w in subject.words if w.lower() not in DETERMINERS)


def _role_right_before(words: Sequence[str]) -> tuple[str, ...]:
    """The role of a phrase written right before a name, its opening word left off ("Both President
    Eduardo Frei" is President): none when lower-case words stand between the role and the name, whose
    role it is not ("President Eduardo Frei of [Chile]")."""
    if any(not w[:1].isupper() for w in after_role(words)):
        return ()
    role = list(role_part(words))
    while role and role[0].lower() in NO_NAME_OPENERS | DETERMINERS:
        role.pop(0)
    return tuple(role)


def _own_title(role: str) -> str:
    """The title a person's own in a role written before their name: in "supporters of President" (of
    Mohammad Khatami) or "a spokesman for President" (Clinton), "President"; `role` itself else."""
    words = role.split()
    for k in range(len(words) - 2, -1, -1):
        if words[k] in SERVING and opens_on_title(words[k + 1 :]):
            return " ".join(words[k + 1 :])
    return role


def _role_parts(role: str) -> tuple[str, tuple[str, ...]]:
    """The word a role is named by and what hangs on it: "spokesman" and [] of "government spokesman",
    "head" and ["of", "the", "world", "food", "program"] of "deputy head of the World Food Program"."""
    words = role.lower().split()
    cut = len(list(itertools.takewhile(lambda w: w not in _ROLE_HANGS, words)))
    return (words[cut - 1] if cut else ""), tuple(words[cut:])


_ROLE_HANGS = frozenset({"of", "for", "at", "in", "with", "to", "from", "on"})


def _holds_role(wanted: tuple[str, tuple[str, ...]], known: str) -> bool:
    """Whether a known speaker's role is the one a mention names (`wanted`, its `_role_parts`): the same
    head, and what hangs on it, if anything, ends on a word of the known role ("a spokesman for the
    authority" is the "spokesman for the Australian Maritime Safety Authority"; "the government" is no
    "government spokesman")."""
    head, hanging = wanted
    if not head or head != _role_parts(known)[0]:
        return False
    return not hanging or hanging[-1] in known.lower().split()


def _is_body(words: Sequence[str]) -> bool:
    """Whether `words` name a body: their head, before any body a titled person hangs on, is one."""
    head = words[: affiliation_start(words)]
    return bool(head) and (head[-1].lower() in BODY_WORDS or head[-1] in _SINGLE_WORD_BODIES)


def _names_a_body(words: Sequence[str]) -> bool:
    """Whether `words` name a body as one speaks of it, not describe a person: the article "the", a name,
    a body word last and no preposition ("the Interfax news agency"; not "a New York-based group", "the
    head of the agency")."""
    return (len(words) > 2 and words[0].lower() == "the" and words[-1].lower() in BODY_WORDS
            and any(w[:1].isupper() and not PLACE_ADJECTIVE.fullmatch(w) for w in words[1:])
            and not any(w in _OF_WORDS for w in words))


_OF_WORDS = frozenset({"of", "for", "at", "in", "from", "with", "on", "to", ","})  # what hangs a body on a role


def _as_role(apposed: Sequence[str]) -> tuple[str, ...]:
    """Words set off after a name as a role, without their article ("the transport minister"); none for an age."""
    return tuple(w for w in apposed if w.lower() not in DETERMINERS) if is_role(apposed) else ()


def _possessive(words: Sequence[str]) -> bool:
    return any(w.endswith(("'s", "’s")) for w in words)


def _two_people(words: Sequence[str]) -> bool:
    """Whether `words` join two named people with "and" ("Secretary Madeleine Albright and Foreign Secretary
    Robin Cook"), not one body's name ("the Ministry of Foreign Affairs and Trade")."""
    if "and" not in words:
        return False
    if any(w.lower() in BODY_WORDS for w in words):
        return False
    joint = list(words).index("and")
    before, after = words[:joint], words[joint + 1 :]
    # A full name before "and", however its title reads ("Secretary of Sate Madeline Albright", as one wire wrote).
    named_before = len(name_part(before)) >= 2 or (
        len(before) >= 2 and all(w[:1].isupper() and not _names_role(w) for w in before[-2:]))
    return named_before and len(name_part(after)) >= 2


def _titled(words: Sequence[str]) -> bool:
    """Whether `words` hold an honorific or a role only a person holds ("Dr.", "spokesman", "Justice Minister")."""
    return any(w.lower() in HONORIFICS or w.lower() in PERSON_TITLES for w in words)


def _body_name(words: Sequence[str], role: Sequence[str]) -> Sequence[str]:
    """A body's whole name, its role words and what its name goes on with ("Federal Bureau | of Prisons",
    "Ministry of Foreign Affairs | and Trade"); `role` when nothing of its name follows."""
    rest = words[len(role):] if tuple(words[: len(role)]) == tuple(role) else ()
    if rest and rest[0] in _NAME_LINKS and _capitalised_name(rest[1:]):
        return words
    return role


def _body_named(words: Sequence[str]) -> bool:
    """Whether `words` name a body with "of" or "for" in its name ("Ministry of Foreign Affairs", "Office of
    Civil Defense"): a body word, no title only a person holds ("Supporters of President Mohammad Khatami"
    describe people), and one capitalised name."""
    return any(w.lower() in BODY_WORDS for w in words) and not _titled(words) and _capitalised_name(words)


def _capitalised_name(words: Sequence[str]) -> bool:
    """Whether `words` read as one proper name: capitalised words, joined by "of", "for", "and" or "the"
    ("State Department", "Ministry of Foreign Affairs")."""
    return bool(words) and words[0][0].isupper() and words[-1][0].isupper() \
        and all(w[0].isupper() or w in _NAME_LINKS for w in words)


# The small words inside a body's name: "Bureau of Prisons", "Ministry of Foreign Affairs and Trade".
_NAME_LINKS = frozenset({"of", "for", "and", "the"})


def _describes_one_person(words: Sequence[str]) -> bool:
    """Whether a description the article gives a speaker is one person's ("the survivor", "an elderly
    woman", "a U.N. source": a name before a role only says whose), not a body's, a place's, a thing's or
    several people's ("the ministry", "Israel radio", "Acme and Globex", "residents")."""
    words = [w for w in words if w.lower() not in DETERMINERS]
    return bool(words) and (all(w.islower() for w in words) or words[-1] in PERSON_TITLES) \
        and words[-1] not in BODY_WORDS and not (words[-1].endswith("s") and not words[-1].endswith("ss")) \
        and "and" not in words


def _subject(tokens: Sequence[Token]) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """The words naming who a sentence is about, and words set off after them, when a name opens it
    after any opening phrase ("As the criticism grew, Primakov rushed...", "PAL spokesman Rolando
    Estabillo did not comment", "The leader of the party in Parliament, Fausto Bertinotti, seems...")."""
    i = _after_opening(tokens)
    while i is not None and i < len(tokens) and tokens[i].text.lower() in DETERMINERS:
        i += 1
    if i is None or i >= len(tokens) or tokens[i].text.lower() in PRONOUNS:
        return None
    k = _name_run(tokens, i)
    phrase = tuple(t.text for t in tokens[i:k])
    if not name_part(phrase) and _titled(phrase):
        return _named_after_title(tokens, k, phrase)
    apposed: tuple[str, ...] = ()
    if k < len(tokens) and tokens[k].text == ",":
        end = _next_comma(tokens, k + 1)
        if end is None:
            return None
        apposed = tuple(t.text for t in tokens[k + 1 : end])
        if not _says_a_person(apposed):
            return None
        k = end + 1
    # A verb goes on ("Primakov rushed"), not another name ("Ivanov and Sergeyev said": two people).
    if not phrase or k >= len(tokens) or not tokens[k].text.islower() or tokens[k].text in ("and", "or"):
        return None
    return phrase, apposed


def _after_opening(tokens: Sequence[Token]) -> int | None:
    """Where a sentence's subject may start: past a conjunction and up to _OPENING_PHRASES opening
    phrases ("In 1993, when a man was arrested, Slepian..."); None when a phrase runs on with no comma."""
    i = 0
    for _ in range(_OPENING_PHRASES):
        while i < len(tokens) and tokens[i].text.lower() in _CONJUNCTIONS:
            i += 1
        if i < len(tokens) and _opens_phrase(tokens[i].text):
            comma = _next_comma(tokens, i)
            if comma is None:
                return None
            i = comma + 1
    return i


def _named_after_title(tokens: Sequence[Token], k: int,
                       title: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """"The leader of the party in Parliament, Fausto Bertinotti, seems...": a title with a phrase hanging
    on it (at `k`), then the name set off by commas."""
    comma = _next_comma(tokens, k) if k < len(tokens) and tokens[k].text.lower() in ("of", "for", "at") else None
    if comma is None:
        return None
    end = _name_run(tokens, comma + 1)
    named = tuple(t.text for t in tokens[comma + 1 : end])
    return (named, title) if end < len(tokens) and tokens[end].text == "," and name_part(named) else None


def _next_comma(tokens: Sequence[Token], start: int) -> int | None:
    return next((j for j in range(start, min(len(tokens), start + _MAX_OPENING)) if tokens[j].text == ","), None)


def _set_off_people(tokens: Sequence[Token]) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """People a sentence brings in anywhere with words set off after their name that describe a
    person: "like Pal Martins, 34, a former member", "by Umar Makhauri, who had been a bodyguard",
    "For Mafa Barbakh, an elderly woman wrapped in black, ..."."""
    found = []
    for k in range(1, len(tokens) - 2):
        if tokens[k].text != "," or not tokens[k - 1].text[:1].isupper() or tokens[k - 1].text.lower() in NOT_NAMES:
            continue
        start = k
        while start > 0 and tokens[start - 1].text[:1].isupper() and tokens[start - 1].text != QUOTE:
            start -= 1
        end = next((j for j in range(k + 1, min(len(tokens), k + _MAX_OPENING)) if tokens[j].text in ",.;"),
                   len(tokens))
        apposed = tuple(t.text for t in tokens[k + 1 : end])
        if _says_a_person(apposed):
            found.append((tuple(t.text for t in tokens[start:k]), apposed))
    return found


# Words that open a clause inside words set off, its subject pronoun or relative word.
_CLAUSE_OPENERS = frozenset({"who", "whose", "whom", "that", "which", "he", "she", "they", "we", "i", "you"})


def _says_a_person(apposed: Sequence[str]) -> bool:
    """Whether words set off after a name say it is a person's: an age, "who", or a noun phrase with a
    person's title or a word only a person is ("30", "who runs the clinic", "the airline chairman",
    "research head of the commission", "an elderly woman")."""
    words = [w.lower() for w in apposed]
    if not words or len(words) > _MAX_APPOSITION:
        return False
    if _AGE.fullmatch(words[0]) or words[0] in ("who", "whose"):
        return True
    opens_noun_phrase = words[0] in DETERMINERS or words[0] in ROLE_WORDS or "year-old" in words[0]
    # A clause is no description: "First, the man to his right was shot" sets off no one called First;
    # a relative clause may follow the noun, its pronoun left out ("the man he had been grooming").
    relative = next((k for k, w in enumerate(words) if w in _CLAUSE_OPENERS), len(words))
    if any(AUXILIARY.fullmatch(w) for w in words[:relative]):
        return False
    # Its head stands before any phrase hanging on it ("a senior legal adviser in Arbour's office"),
    # and a title ends it: "the Continent, the London-based French banker loosened his tie" is a clause.
    head = words[: next((k for k, w in enumerate(words) if w in _HANGING), len(words))]
    return opens_noun_phrase and (any("year-old" in w or w in _SEX_OF_WORD for w in head)
                                  or (_ends_on_title(head) and not _is_body(head)))


def _ends_on_title(head: Sequence[str]) -> bool:
    """Whether a noun phrase's head (lower case) holds a person's title that no verb follows:
    its last title ends it or stands before another role or `_TRAILING_TITLE`."""
    titles = [k for k, w in enumerate(head) if w in HONORIFICS or w in PERSON_TITLES]
    after = head[titles[-1] + 1 : titles[-1] + 2] if titles else []
    return bool(titles) and all(w in ROLE_WORDS or w in _TRAILING_TITLE for w in after)


def _name_run(tokens: Sequence[Token], i: int) -> int:
    """The end of the titles and capitalised words from `i` on ("PAL spokesman Rolando Estabillo")."""
    k = i
    while k < len(tokens) and tokens[k].text != QUOTE and (
            tokens[k].text[:1].isupper() or tokens[k].text.lower() in ROLE_WORDS):
        k += 1
    return k


def _opens_phrase(word: str) -> bool:
    """Whether a sentence's first word opens a phrase before its subject ("In 1993, ...", "Asked about...,")."""
    low = word.lower()
    return low in OPENERS or low in _PREPOSITIONS or (word[:1].isupper() and low.endswith(("ing", "ed")) and len(low) > 4)


def apposed_role(text: str, end: int) -> tuple[str, ...]:
    """The role set off by a comma right after a name ending at `end` ("Peskov, the Kremlin
    spokesman,"); () when none. One too long to show whole is cut after its head and one "of"
    or "for" phrase (`_head_of_long_role`)."""
    match = _APPOSITION.match(text, end)
    if match is None:
        return ()
    words = match.group(1).split()
    if words[0].lower() in _NOT_A_ROLE_OPENER or words[-1].lower() in _RELATIVE_WORDS:
        return ()
    if len(words) > 1 and FINITE_VERB.fullmatch(words[-1]) and _names_role(words[-2]):
        return ()  # "...help in Albania, the newspaper reported.": a clause, not Albania's role
    if len(match.group(1)) <= _SHORT_APPOSITION and len(words) <= _MAX_ROLE_WORDS:
        return tuple(words) if is_role(words) else ()
    return _head_of_long_role(words)


def _head_of_long_role(words: Sequence[str]) -> tuple[str, ...]:
    """"professor of European Affairs" of "professor of European Affairs at the Johns Hopkins
    University School for International Studies in Washington": the words up to the role's head,
    the last role word before any "of", "for" or stop, and one such phrase after it. A head followed by
    anything else is no role's ("the president addressed a handful of questions")."""
    opening = next((k for k, w in enumerate(words) if w.lower() in _COMPLEMENT or w.lower() in _ROLE_STOPS),
                   len(words))
    heads = [k for k in range(opening) if _names_role(words[k])]
    if not heads:
        return ()
    k = heads[-1] + 1
    if k < len(words) and words[k].lower() in _COMPLEMENT:
        k += 1
        while k < len(words) and words[k].lower() not in _ROLE_STOPS and words[k].lower() not in _COMPLEMENT:
            k += 1
    elif k < len(words) and words[k].lower() not in _ROLE_STOPS:
        return ()
    role = tuple(words[:k])
    return role if is_role(role) and len(role) <= _MAX_ROLE_WORDS else ()


def _names_role(word: str) -> bool:
    return word.lower() in ROLE_WORDS or word.lower() in BODY_WORDS


def _inside_longer_name(text: str, start: int) -> bool:
    """Whether the name at `start` ends a longer one, another person's: after a capitalised word
    that is no title and ends no sentence ("Marina Silva" for "Silva")."""
    before = _WORD_BEFORE.search(text, max(0, start - 40), start)
    if before is None:
        return False
    word = before.group(1)
    return word[0].isupper() and not word.endswith(".") and word.lower() not in _BEFORE_NAMES


# A relative clause, with the preposition that may open it ("the bank | on which the ECB is modeled").
_RELATIVE_IN_ROLE = re.compile(r"(?:\s+(?:on|in|at|of|for|to|with|by|from|under))?\s+(?:" + "|".join(_RELATIVE_WORDS)
                               + r")\s")


def _without_relative_clause(role: str) -> str:
    """A role without the clause that says more of its holder: "ex-premier | who commands 99 votes
    in parliament", "leader of the Republican party | whose backing helps the government"."""
    cut = _RELATIVE_IN_ROLE.search(role)
    kept = role[: cut.start()].rstrip(",;") if cut else ""
    if cut is None or not (is_role(kept.split()) or _AGE.fullmatch(kept)):  # "39, who had cooked...": 39
        return role
    return kept
