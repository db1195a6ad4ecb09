"""The words around a cue: tokens, cue words, the speaker's noun phrase and
the reported clause. Used by `attributions`; `mentions` resolves a speaker
phrase to the fullest name and role its article gives. The word lists these
rules read (roles, bodies, titles, pronouns) are in `vocabulary`."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import NamedTuple

from briefing.story.vocabulary import (
    BODY_WORDS,
    DETERMINERS,
    FINITE_VERB,
    HONORIFICS,
    MODIFIERS,
    NAME_PARTICLES,
    NO_NAME_OPENERS,
    NOT_NAMES,
    OPENERS,
    OPENING_PREPOSITIONS,
    PERSON_MODIFIERS,
    PERSON_TITLES,
    PICKING_WORDS,
    PRONOUNS,
    QUANTIFIERS,
    ROLE_WORDS,
    SERVING,
    particle_name,
)
from briefing.text import dates
from briefing.text.cues import CUE_WORDS
from briefing.text.phrases import PLACE_ADJECTIVE, POSSESSIVE
from briefing.text.tokens import stop_words

# Cues that introduce a quotation but do not on their own report a statement.
QUOTE_ONLY_CUES = frozenset([
    "continue", "continues", "continued", "ask", "asks", "asked", "call", "calls", "called", "calling",
    "describe", "describes", "described", "describing", "shouted", "shouting", "yelled", "yelling", "quoted"
])
# Words between a speaker and the cue: "Peskov also said", "she has warned".
_BETWEEN = frozenset([
    "also", "later", "then", "earlier", "again", "once", "previously", "recently", "reportedly", "further",
    "repeatedly", "publicly", "privately", "separately", "simply", "only", "just", "clearly", "has", "had",
    "have", "would", "will", "could", "may", "might", "had", "already", "often", "frequently", "flatly",
    "angrily", "bluntly", "told", "here", "themselves", "himself", "herself", "initially", "privately"
]) - {"told"}  # "A diplomat here said", "Commission officials themselves say"
_CONNECT = frozenset({"of", "for", "and"})
_POSSESSED_REACH = 4  # tokens from a possessive to the person it has: "Zughayar's 54-year-old father"
_POSSESSIVES = frozenset({"his", "her", "their"})
_HEADLINE_RUN = 3  # words in capitals in a row: a headline, not a name or a role ("U.S. Senate" is no run)
_INITIALS = re.compile(r"(?:[A-Z]\.)+")  # "F.W." of "F.W. de Klerk": no sentence ends on it
# Verbs after which "that X <bare verb>" is a demand, not a report (the mandative subjunctive).
_DEMANDS = frozenset({"demand", "demanded", "demands", "demanding", "urge", "urged", "urges", "insist",
                      "insisted", "insists", "ask", "asked", "asks", "require", "required", "requires",
                      "propose", "proposed", "proposes", "recommend", "recommended", "recommends"})
_DEMAND_REACH = 6  # tokens from "demanded" to the bare verb: "demanded that the new president admit"
_PAST_CUES = frozenset({"said", "told", "wrote", "spoke", "thought", "felt", "made", "gave", "held", "put", "read"})
_AGE = re.compile(r"\d+-year-old$")
# Cues whose next noun phrase is whom they address, unless it closes the sentence.
_OBJECT_VERBS = frozenset([
    "tell", "tells", "told", "telling", "ask", "asks", "asked", "urge", "urges", "urged", "call", "calls",
    "called", "calling", "warn", "warns", "warned", "describe", "describes", "described", "describing",
    "quoted", "charge", "charges", "charged"
])
_NAMING = frozenset({"call", "calls", "called", "calling", "describe", "describes", "described", "describing"})
_OBJECTS = frozenset([
    "reporters", "journalists", "the", "press", "us", "him", "her", "them", "me", "interfax", "tass",
    "reuters"
])

# A middle initial before the rest of a name is one token with its full stop ("James [P.] Rubin"): else the
# name after a cue ends on it ("said James P").
_TOKEN = re.compile(
    r"(?:[A-Z]\.){2,}|(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Prof|Sgt|Capt|Jr|Sr|St|Rev|Maj|Adm|Cmdr)\."
    r"|(?<=[A-Za-z] )[A-Z]\.(?= [A-Z][a-z])"
    r"|[^\W_]+(?:['’\-][^\W_]+)*|\S"
)


QUOTE = "\x00quote"  # the text of the token that stands for a quoted span


class Token(NamedTuple):
    """A word or a mark of the text, with its offsets. A named tuple, not a dataclass:
    every sentence is tokenized, and a tuple is made several times faster."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class NounPhrase:
    """A speaker mention: its tokens (determiners left out) and its span."""

    words: tuple[str, ...]
    start: int
    end: int
    role: tuple[str, ...] = ()  # a role in apposition: "Peskov, the Kremlin spokesman, said"


def tokenize(text: str, start: int, end: int, quotes: Sequence = ()) -> list[Token]:
    """Tokens of text[start:end]; each quoted span in it is one QUOTE token."""
    tokens: list[Token] = []
    spans = sorted((max(q.outer[0], start), min(q.outer[1], end)) for q in quotes
                   if q.outer[0] < end and q.outer[1] > start)
    position = start
    for q_start, q_end in [*spans, (end, end)]:
        tokens += [Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text, position, q_start)]
        if q_end > q_start:
            tokens.append(Token(QUOTE, q_start, q_end))
        position = max(position, q_end)
    return tokens


def words_of(tokens: Sequence[Token]) -> list[Token]:
    return [t for t in tokens if t.text != QUOTE and t.text[0].isalnum()]


def cues(tokens: Sequence[Token]) -> list[tuple[int, int]]:
    """(index, length) of every cue among `tokens`."""
    found = []
    for i, token in enumerate(tokens):
        if token.text in CUE_WORDS and not _demanded(tokens, i) and not _passive(tokens, i) and not _noun(tokens, i):
            found.append((i, 1))
        elif token.text in ("according", "According") and i + 1 < len(tokens) and tokens[i + 1].text == "to":
            found.append((i, 2))
    return found


def _noun(tokens: Sequence[Token], i: int) -> bool:
    """Whether the cue word at tokens[i] is a noun, after a possessive or an article: "Donald Trump's
    tweets", "her claims", "the remarks", "a promise"."""
    before = tokens[i - 1].text if i else ""
    return before.lower() in _ARTICLES or before.endswith(("'s", "’s"))


_ARTICLES = DETERMINERS - {"that"}  # "a survey that suggested": there, a verb


def _passive(tokens: Sequence[Token], i: int) -> bool:
    """Whether the cue at tokens[i] is a participle with its agent after it: "a statement reported by the
    Anatolia news agency", "as announced by Ankara" (not a means: "the father said by telephone")."""
    word = tokens[i].text
    if not (word.endswith("ed") or word in _PAST_CUES) or i + 2 >= len(tokens) or tokens[i + 1].text != "by":
        return False
    agent = tokens[i + 2].text
    return agent.lower() in DETERMINERS or agent[:1].isupper()


def _demanded(tokens: Sequence[Token], i: int) -> bool:
    """Whether the cue at tokens[i] is what someone demands be said, not a statement: a bare verb
    after "demanded that X" ("He demanded that Lahoud admit that he acted unconstitutionally":
    Lahoud admitted nothing)."""
    word = tokens[i].text.lower()
    if word.endswith(("s", "ed", "ing")) or word in _PAST_CUES:
        return False
    window = [t.text.lower() for t in tokens[max(0, i - _DEMAND_REACH) : i]]
    return any(window[k] == "that" and k > 0 and window[k - 1] in _DEMANDS for k in range(len(window)))


def speaker_of(tokens: Sequence[Token], i: int, length: int, quoted: bool, whole: bool = True) -> NounPhrase | None:
    """The speaker of the cue tokens[i:i+length]: before it ("Peskov said"), in
    apposition ("Peskov, the spokesman, said"), or after it ("said Peskov",
    "according to the ministry") where the order allows one there. `whole`: whether `tokens` open on
    their sentence's start (a quotation's frame may not), where a subject far back is looked for."""
    if length == 2:  # "according to"
        named = _with_head_noun(tokens, _without_subject(tokens, _right_phrase(tokens, i + 2, then_name=False)))
        return named if named is not None else _source_described(tokens, i + 2)
    relayed = _quoted_as_saying(tokens, i)
    if relayed is not None:
        return relayed
    j = i - 1
    while j >= 0 and tokens[j].text.lower() in _BETWEEN:
        j -= 1
    aside = _parenthesis_before(tokens, j)
    if aside is None:
        return _speaker_before(tokens, i, length, quoted, j, whole)
    # "Rep. Gwen Moore (D-Wis.) said", "The ... Safety Authority (AMSA) said": the gloss is the mention's.
    found = _speaker_before(tokens, i, length, quoted, aside - 1, whole)
    return replace(found, end=tokens[j].end) if found is not None and found.end == tokens[aside - 1].end else found


def _speaker_before(tokens: Sequence[Token], i: int, length: int, quoted: bool, j: int,
                    whole: bool) -> NounPhrase | None:
    """The speaker of the cue tokens[i:i+length] whose words before it end at tokens[j]."""
    if j >= 0 and tokens[j].text.lower() in _JOINING:
        return _subject_of_first_verb(tokens, j, tokens[i].text) if _finite(tokens[i].text) and whole else None
    if j > 0 and tokens[j].text in _BEFORE_PARTICIPLE and tokens[i].text.endswith("ing") and whole:
        # "Clinton attacked Trump, saying he would...", "Bolton distanced himself by saying he would...";
        # not "..., with the Bosnian Serb president, Nikola Poplasen, saying": the one set off says it.
        absolute = any(tokens[k].text == "," and tokens[k + 1].text.lower() == "with" for k in range(j))
        subject = None if absolute else _subject_of_first_verb(tokens, j, tokens[i].text)
        if subject is not None:
            return subject
    if j >= 0 and tokens[j].text.lower() in PRONOUNS:
        return NounPhrase((tokens[j].text,), tokens[j].start, tokens[j].end)
    # A reported clause's tokens open on its sentence; a quotation's are a frame around it, cut anywhere.
    unclosed = None if quoted else _unclosed_apposition(tokens, j)
    if unclosed is not None:
        return unclosed
    left = left_phrase(tokens, j) or _role_of_thing(tokens, j)
    member = None if left is None else _member_of_body(tokens, left)
    if member is not None:
        return member
    if left is not None and not tokens[i].text.endswith("ing") and _object_of_preposition(tokens, left):
        # "critics of Washington's policy toward [Milosevic] argue": the phrase the preposition hangs on speaks.
        return _hung_on(tokens, left)
    if left is not None:
        holder = _role_of(tokens, left)
        if holder is not None:
            return holder
        left = _subject_before_place(tokens, left)
        # `"...," one elderly bystander said`: the source's own description, not its last word.
        wider = _described(tokens, i, length) if quoted and all(w.islower() for w in left.words) else None
        return wider if wider is not None and wider.end == left.end and wider.start < left.start else left
    if j >= 0 and tokens[j].text == ",":
        # "..., said Michael Spinks of the tourism office.": the usual inversion ("told [The Huffington
        # Post]" names whom one told).
        named = None if tokens[i].text in _OBJECT_VERBS else _name_after_cue(tokens, i + length)
        if named is not None:
            return named
        appositive = _apposition(tokens, j)
        if appositive is not None:
            return appositive
    inverted = j < 0 or tokens[j].text in {",", QUOTE, ":"} or (j > 0 and tokens[j - 1].text == QUOTE)
    if inverted and (quoted or (j >= 0 and tokens[j].text == ",")):
        right = _right_phrase(tokens, i + 1)
        # "asked Sihanouk for help": after a verb that takes an object, the phrase is its object.
        takes_object = tokens[i].text in _OBJECT_VERBS or not quoted
        if (right is not None and (not takes_object or _ends_sentence(tokens, right))
                and not _opens_clause(tokens, right)):
            return right
    described = _described(tokens, i, length) if quoted else None
    # `"full of loopholes," asked Sihanouk for his help`: after a verb that takes an object, a phrase
    # after the cue that does not end the sentence is whom one asked, not who spoke.
    if (described is not None and tokens[i].text in _OBJECT_VERBS and described.start > tokens[i].start
            and (not _ends_sentence(tokens, described) or tokens[i].text.lower() in _NAMING)):
        return None  # (nor is anyone called or described after the cue: "describing the team as heroes")
    return described


def shared_subject(tokens: Sequence[Token], joining: int) -> NounPhrase | None:
    """The subject of the verb before tokens[joining] ("and", "but"), which a clause after it shares ("Microsoft
    officials are watching..., but they insist": whom "they" stands for)."""
    return _subject_of_first_verb(tokens, joining, "")


def _subject_of_first_verb(tokens: Sequence[Token], joining: int, cue: str) -> NounPhrase | None:
    """"The judge rubbed his chin, and then said...", "Human rights experts expressed support and said...",
    "Clinton attacked Trump, saying...": a cue joined to a verb before it shares that verb's subject, the
    phrase that opens the clause (past an opening phrase set off by a comma) when a verb follows it (past
    a gloss in brackets or a role set off by commas). None when the clause opens otherwise
    ("...students, who organized a party and charged a fee": whom "who" stands for is not looked for) or
    `cue` shares a passive."""
    # After a comma the cue goes with the sentence's own verb ("Michael acknowledged that Pinochet entered
    # Britain on a diplomatic passport, but said"); without one, with the clause it follows ("...recalled
    # that the ministers had met with IMF officials and vowed").
    after_comma = "," in (tokens[joining].text, tokens[joining - 1].text)
    opens = _SENTENCE_BOUNDS if after_comma else _CLAUSE_OPENS
    start = joining
    while start > 0 and (tokens[start - 1].text.lower() not in opens or _abbreviated(tokens, start - 1)):
        start -= 1
    if start < joining and tokens[start].text.lower() in _OPENING_WORDS:
        comma = next((k for k in range(start, joining) if tokens[k].text == ","), None)
        if comma is None:
            return None
        start = comma + 1
    subject = _right_phrase(tokens, start)
    if subject is None or subject.start != tokens[start].start:
        return None
    verb = _index_at(tokens, subject.end)
    if verb < joining and tokens[verb].text == "(":  # "Sen. Bernie Sanders (I-Vt.) defended..."
        close = next((k for k in range(verb, min(joining, verb + _MAX_GLOSS + 2)) if tokens[k].text == ")"), None)
        verb = verb if close is None or _parenthesis_before(tokens, close) != verb else close + 1
    if verb < joining and tokens[verb].text == ",":  # "Armando Cossutta, leader of the moderate wing, resigned..."
        close = next((k for k in range(verb + 1, min(joining, verb + _MAX_APPOSITION)) if tokens[k].text == ","), None)
        verb = close + 1 if close is not None and close + 1 < joining and reads_as_verb(tokens, close + 1) else verb
    if cue.endswith("ed") and any(t.text in _PASSIVE for t in tokens[verb:joining]):
        return None  # "Anwar was arrested (or: mounted a campaign before being detained) and charged with..."
    if verb < joining and reads_as_verb(tokens, verb):
        return subject
    # "Human rights experts expressed...": a description the phrase's first words only begin.
    described = left_phrase(tokens, verb + 1) if verb + 2 < joining and reads_as_verb(tokens, verb + 2) else None
    return described if described is not None and is_role(described.words) else None


_SENTENCE_BOUNDS = frozenset({".", ";", ":", "!", "?", QUOTE})
_CLAUSE_OPENS = _SENTENCE_BOUNDS | {"that", "who", "which"}
_OPENING_WORDS = OPENERS | OPENING_PREPOSITIONS


def _abbreviated(tokens: Sequence[Token], k: int) -> bool:
    """Whether the full stop tokens[k] closes an abbreviation inside the sentence ("(I-Vt.)", "Rep.")."""
    before = tokens[k - 1] if k else None
    return (tokens[k].text == "." and before is not None and before.end == tokens[k].start
            and len(before.text) <= 5 and before.text[:1].isupper() and k + 1 < len(tokens))


def _finite(cue: str) -> bool:
    """Whether a cue is a tense of its verb, not its bare form: "could put anything in it and [declare] it a
    single product" shares a modal, and states nothing."""
    return cue.endswith(("s", "ed", "ing")) or cue in _PAST_CUES


_JOINING = frozenset({"and", "but"})  # a cue right after one has no subject of its own
_BEFORE_PARTICIPLE = frozenset({",", "by", "while"})  # nor has a participle after these


def _source_described(tokens: Sequence[Token], k: int) -> NounPhrase | None:
    """After "according to", a source no name or role word heads, up to the comma or full stop that ends it:
    "according to [a new poll]", "[the results]", "[a count by The Associated Press]", "[state law]". None
    when no such mark or verb ends it within a few words (what was said runs on from it)."""
    end = k
    while end < len(tokens) and tokens[end].text not in _PHRASE_ENDS and tokens[end].text != QUOTE:
        if end - k >= _MAX_SOURCE_WORDS or reads_as_verb(tokens, end):
            return None
        end += 1
    while end > k and (tokens[end - 1].text.lower() in _TIMES or tokens[end - 1].text in _TIME_LINKS):
        end -= 1  # "daily Cumhuriyet [on Saturday]": when, not who
    source = [t.text for t in tokens[k:end]]
    if not any(w[:1].isalnum() for w in source) or source[-1].lower() in _NORMS:
        return None
    return NounPhrase(tuple(source), tokens[k].start, tokens[end - 1].end)


_MAX_SOURCE_WORDS = 12  # "early results of exit polls conducted for the Associated Press and television networks"
_NORMS = frozenset({"plan", "schedule", "tradition", "custom"})  # "went according to plan": no one's words
_TIME_LINKS = frozenset({"in", "on", "at", "during", "until"})  # "[on] Saturday", "[until] early Sunday"


def _without_subject(tokens: Sequence[Token], phrase: NounPhrase | None) -> NounPhrase | None:
    """"According to the report Pinochet was informed...": with no comma after the source, the name
    the clause said opens on is no part of it. `phrase` cut after its last word in lower case when a
    verb follows it and names follow that word; `phrase` itself otherwise."""
    if phrase is None or not _opens_clause(tokens, phrase):
        return phrase
    last = max((k for k, w in enumerate(phrase.words) if w.islower() and w not in DETERMINERS), default=None)
    if last is None or last == len(phrase.words) - 1:
        return phrase
    at = _index_at(tokens, phrase.start)
    kept = phrase.words[: last + 1]
    end = next(t.end for t in tokens[at:] if t.text == kept[-1])
    return replace(phrase, words=kept, end=end)


def _parenthesis_before(tokens: Sequence[Token], j: int) -> int | None:
    """Where the parenthesis that tokens[j] closes opens, when it only glosses the phrase before it: a
    legislator's party and state ("(D-Wis.)", "(R-N.Y.)") or a body's initials ("(AMSA)"), a few tokens
    of no clause (no cue, no quotation). None when tokens[j] closes no such parenthesis."""
    if j < 1 or tokens[j].text != ")":
        return None
    k = j - 1
    while k >= 0 and j - k <= _MAX_GLOSS and tokens[k].text != "(":
        if tokens[k].text in CUE_WORDS or tokens[k].text in {QUOTE, ",", ";", ":", ")"}:
            return None
        k -= 1
    gloss = tokens[k + 1 : j]
    if k < 1 or tokens[k].text != "(" or not gloss:
        return None
    initials = len(gloss) == 1 and gloss[0].text.isupper() and gloss[0].text.isalpha()
    return k if initials or _PARTY.match("".join(t.text for t in gloss)) else None


_MAX_GLOSS = 6  # tokens of "(D-N.Y.)": "D-N", ".", "Y", "."


def _with_head_noun(tokens: Sequence[Token], phrase: NounPhrase | None) -> NounPhrase | None:
    """`phrase` with the common noun it modifies, which heads it: "according to [Israel radio]", "according
    to [Scottish law]" (a norm, not a source named "Scottish"); up to two such words, none a function word,
    a time, a cue or a verb."""
    if phrase is None:
        return None
    end = _index_at(tokens, phrase.end)
    stops = stop_words()
    head = end
    while (head < len(tokens) and head - end < 2 and tokens[head].text.isalpha() and tokens[head].text.islower()
           and tokens[head].text not in stops and tokens[head].text not in _TIMES and tokens[head].text not in CUE_WORDS
           and not reads_as_verb(tokens, head)):  # "a court document [filed]": what follows is no part of it
        head += 1
    if head == end:
        return phrase
    return NounPhrase((*phrase.words, *(t.text for t in tokens[end:head])), phrase.start, tokens[head - 1].end)


def _subject_before_place(tokens: Sequence[Token], phrase: NounPhrase) -> NounPhrase:
    """"Residents in Gaza said", "62 of the 128 members in Parliament declared": the people before
    the place speak, never the place. `phrase` itself when no word of place stands before it, or
    when it is the body they speak for ("officials at the State Department said")."""
    at = _index_at(tokens, phrase.start)
    place = tokens[at - 1].text.lower() if 2 <= at < len(tokens) else ""
    if place not in _PLACE_PREPOSITIONS or (place == "at" and phrase.words[-1].lower() in BODY_WORDS):
        return phrase
    before = left_phrase(tokens, at - 2)
    if before is None and tokens[at - 2].text.isalpha():
        before = NounPhrase((tokens[at - 2].text,), tokens[at - 2].start, tokens[at - 2].end)
    # Only people stand there ("members", "residents", "a spokesman"): "atrocities in Kosovo, said..."
    # is no speaker's phrase at all, and is left as it was.
    return before if before is not None and _names_people(before.words) else phrase


def _unclosed_apposition(tokens: Sequence[Token], j: int) -> NounPhrase | None:
    """"David Fleischer, a professor of political science at the University of Brasilia said": the name that
    opens the sentence or follows its comma ("..., Namanga Ngongi, deputy head of the World Food Program
    said"), its role set off by a comma the copy never closes. Only a name of two words or more ("Separately,
    the ministry said" and "In Moscow, the spokesman said" are none), before a role that opens on an article
    or a role word and holds no verb ("Bill Smith, the mayor who resigned, said" is `_apposition`'s)."""
    comma = max((k for k in range(2, j) if tokens[k].text == ","), default=None)
    if comma is None or any(t.text in {",", QUOTE, ";", ":"} for t in tokens[comma + 1 : j + 1]):
        return None
    name = left_phrase(tokens, comma - 1)
    if name is None or len(name.words) < 2 or name_part(name.words) != name.words:
        return None
    if name.start != tokens[0].start and tokens[_index_at(tokens, name.start) - 1].text != ",":
        return None  # "The storm hit Peter Smith, the mayor said": the name opens no subject
    return _set_off(tokens, comma, j + 1) if _unclosed_role(tokens[comma + 1 : j + 1]) else None


def _unclosed_role(between: Sequence[Token]) -> bool:
    """Whether the words between a name's comma and the cue are a role: opened by an article or a role word,
    with no relative word or verb, and not ending on a preposition ("in [charge] of": the cue is a noun)."""
    first = between[0].text.lower()
    return ((first in {"a", "an", "the"} or first in ROLE_WORDS)
            and between[-1].text.lower() not in _PREPOSITIONS | _GOVERNING
            and not any(t.text.lower() in _RELATIVES or reads_as_verb(between, k) for k, t in enumerate(between)))


def _object_of_preposition(tokens: Sequence[Token], phrase: NounPhrase) -> bool:
    """Whether `phrase`, before a cue, is what a preposition inside the subject governs ("the 49-page
    indictment detailing atrocities at [Celebici] asserts"), not the subject. A preposition opening its
    clause says where or when ("In Moscow, Putin said"); people before a place are found by
    `_subject_before_place`, and a body at its place speaks ("officials at the State Department"); "by"
    and "from" name the author ("a statement by the ministry said") and are not among these."""
    at = _index_at(tokens, phrase.start)
    if at < 2 or tokens[at - 1].text.lower() not in _GOVERNING or tokens[at - 2].text in _CLAUSE_BOUNDS:
        return False
    if phrase.words[-1].endswith(("'s", "’s")):
        return False  # "a fact-check on [Donald Trump's] claim": the owner of the claim makes it
    if role_part(phrase.words) and name_part(phrase.words):
        return False  # "The Council on American-Islamic Relations National Executive Director Nihad Awad": he speaks
    place = tokens[at - 1].text.lower()
    return not (place in _PLACE_PREPOSITIONS and (_subject_before_place(tokens, phrase) != phrase
                                                  or (place == "at" and phrase.words[-1].lower() in BODY_WORDS)))


def _role_of_thing(tokens: Sequence[Token], j: int) -> NounPhrase | None:
    """A role whose "of" or "for" a common noun follows, ending at tokens[j]: "[The author of the report]
    said", "[the head of the 49-page study] said", "[Opponents of abortion] said", "[Advocates for stem cell
    research] said", "[The deputy head of China's delegation to the forum] said"; None when no role word
    stands before the "of", or a clause comes between ("the leader of the party [that won] said")."""
    last = tokens[j].text
    if not _THING_WORD.fullmatch(last) or last in DETERMINERS or last in _PREPOSITIONS or last in _NOT_IN_THING:
        return None
    for k in range(j - 1, max(j - _MAX_THING_TOKENS, 0) - 1, -1):
        word = tokens[k].text
        if word in _THING_LINKS and k >= 1 and tokens[k - 1].text.lower() in ROLE_WORDS - BODY_WORDS:
            role = left_phrase(tokens, k - 1)
            return None if role is None else NounPhrase(
                (*role.words, *(t.text for t in tokens[k : j + 1])), role.start, tokens[j].end)
        if not (_THING_WORD.fullmatch(word) or POSSESSIVE.search(word)) or word in _NOT_IN_THING \
                or FINITE_VERB.fullmatch(word) or (word == "to" and _infinitive(tokens, k)):
            return None  # "Officials of both companies [declined to] confirm": a verb, no noun phrase
    return None


def _infinitive(tokens: Sequence[Token], k: int) -> bool:
    """Whether "to" at tokens[k] marks an infinitive ("a chance to tell") rather than a place ("to the forum")."""
    after = tokens[k + 1].text if k + 1 < len(tokens) else ""
    return after.islower() and after not in DETERMINERS


_THING_WORD = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_THING_LINKS = frozenset({"of", "for"})
_MAX_THING_TOKENS = 8  # "of China's delegation to the forum"
# Words that open a clause or a new phrase, which no noun phrase after "of" holds.
_NOT_IN_THING = frozenset({"that", "which", "who", "whom", "whose", "and", "or", "but", "when", "where", "as"})


def _member_of_body(tokens: Sequence[Token], body: NounPhrase) -> NounPhrase | None:
    """The person named right before "of/from/at/with" and `body`, who speaks for it: "[Magno] of the
    Foundation for Economic Freedom said", "[Judge Leonard Sand] of the U.S. District Court said"; None
    when `body` names no body ("Bank of the Philippine Islands") or no person stands before it."""
    at = _index_at(tokens, body.start)
    if at < 2 or tokens[at - 1].text.lower() not in _MEMBERSHIP or not any(
            w.lower() in BODY_WORDS for w in body.words):
        return None
    named = left_phrase(tokens, at - 2)
    if named is None or not named.words[-1][:1].isupper() or named.words[-1].lower() in BODY_WORDS:
        return None
    return named if name_part(named.words) else None


_MEMBERSHIP = frozenset({"of", "from", "at", "with"})


def _hung_on(tokens: Sequence[Token], phrase: NounPhrase) -> NounPhrase | None:
    """The subject `phrase` ends: a name before its place ("[The British Foreign Ministry] in London"), or the
    whole phrase from its clause's first word as a description ("critics of Washington's policy toward
    Milosevic"); None when that is no short noun phrase ("Trump doubled down on his comments about Curiel")."""
    at, after = _index_at(tokens, phrase.start), _index_at(tokens, phrase.end)
    if after < len(tokens) and tokens[after].text.lower() in {"and", "or"}:
        return None  # "Arafat appeared on Israeli TV and promised": the subject of the first verb, far back
    first = _clause_start(tokens, at - 1)
    if first is None:
        return None
    named = left_phrase(tokens, at - 2)
    if (named is not None and tokens[at - 1].text.lower() in _PLACE_PREPOSITIONS and named.words[-1][0].isupper()
            and _index_at(tokens, named.start) == first):
        return named
    head = list(itertools.takewhile(lambda t: t.text.lower() not in _RELATIVES, tokens[first:at]))
    if not head or not head[0].text[0].isalpha() or any(reads_as_verb(head, k) for k in range(len(head))):
        return None
    return _description(tokens[first:after])


def _clause_start(tokens: Sequence[Token], preposition: int) -> int | None:
    """Where the clause whose subject holds tokens[preposition] begins, a linking word left out ("[Though]
    executives who..."); None when a preposition opens it or it runs past a short phrase."""
    first = preposition
    while first > 0 and tokens[first - 1].text not in _CLAUSE_BOUNDS and preposition - first <= _MAX_DESCRIPTION:
        first -= 1
    if first > 0 and tokens[first - 1].text not in _CLAUSE_BOUNDS:
        return None
    while first < preposition and tokens[first].text.lower() in _LINKS:
        first += 1
    opening = " ".join(t.text.lower() for t in tokens[first : first + 2])
    if tokens[first].text.lower() in _GOVERNING | _PREPOSITIONS | OPENING_PREPOSITIONS and opening not in _COUNTING:
        return None  # "in order to prevent traffickers from crossing into...": an adverbial, no subject
    return first if first < preposition else None


def reads_as_verb(tokens: Sequence[Token], k: int) -> bool:
    """Whether tokens[k] reads as a finite verb: a past form or an auxiliary, first or after a word that is no
    determiner or adverb ("Wilson [praised]", "his campaign [sent]", "[have] flocked"); "the [alleged]
    killer" and "[Retired] generals" are adjectives."""
    word = tokens[k].text
    before = tokens[k - 1].text.lower() if k else ""
    if before in DETERMINERS or before.endswith("ly") or not word.islower():
        return False
    return bool(FINITE_VERB.fullmatch(word)) or word in _PAST_CUES or word in _IRREGULAR_PASTS


# Prepositions whose object, right before a cue, is not who speaks (see `_object_of_preposition`).
_GOVERNING = frozenset({"toward", "towards", "at", "against", "over", "about", "on", "with", "to", "into", "near",
                        "among", "between", "under", "through", "across", "behind", "without", "within", "upon",
                        "in", "around", "beyond", "inside", "outside"})
# What ends the clause a subject opens: punctuation, a quotation, or a clause's own opening word.
_CLAUSE_BOUNDS = frozenset({",", ";", ":", "(", ")", QUOTE, "that"})
# Prepositions that count, not place: "[at least] one operative of bin Laden's group in East Africa concluded".
_COUNTING = frozenset({"at least", "at most"})
# Words that link a clause to the one before ("Though executives who..."): no part of its subject.
_LINKS = frozenset({"and", "but", "or", "though", "although", "while", "whereas", "because", "since", "as", "if"})
# Past forms that do not end in "-ed", beside the cues' own (_PAST_CUES): "his campaign [sent] out a message".
_IRREGULAR_PASTS = frozenset({"sent", "went", "took", "came", "got", "met", "left", "won", "lost", "ran", "saw",
                              "found", "began", "brought", "kept", "paid", "stood", "spent", "chose"})


def _names_people(words: Sequence[str]) -> bool:
    """Whether `words` end on a role or people's word, singular or plural ("members", "U.S. officials")."""
    last = words[-1].lower()
    return last in ROLE_WORDS or (last.endswith("s") and last[:-1] in ROLE_WORDS) or last == "people"


def _name_after_cue(tokens: Sequence[Token], k: int) -> NounPhrase | None:
    """A name right after a cue that ends its clause or hangs a body on it ("said [Michael Spinks] of
    the Barbados-based Caribbean Tourism Organization."): the speaker, whatever stands before the cue
    ("said Russia would respond" names what was said about)."""
    phrase = _right_phrase(tokens, k) if k < len(tokens) and tokens[k].text[0].isupper() else None
    if phrase is None or not name_part(phrase.words):
        return None
    at = _index_at(tokens, phrase.end)
    after = tokens[at].text if at < len(tokens) else "."
    return phrase if after in _PHRASE_ENDS or after in {"of", "at", "from", "with", "for"} else None


def _quoted_as_saying(tokens: Sequence[Token], i: int) -> NounPhrase | None:
    """The one whose words another relays, at the cue tokens[i]: `El Mundo quoted [Hiriart] as saying`,
    `NTV quoted [him] as telling reporters`, `the agency cited [a minister] as saying`. The one who
    quotes is a medium, not the speaker. tokens[i] is "quoted" or the verb of saying after "as"."""
    relaying = i if tokens[i].text in _RELAYING else _relaying_verb(tokens, i)
    if relaying < 1 or relaying + 1 >= len(tokens):
        return None
    if tokens[relaying - 1].text in _PASSIVE:  # "Kutan was quoted by the daily Milliyet as saying"
        said_as = any(_as_saying(tokens, k) for k in range(relaying + 1, relaying + 1 + _MAX_DESCRIPTION))
        return speaker_of(tokens, relaying - 1, 1, quoted=False) if said_as else None
    after = tokens[relaying + 1]
    if after.text.lower() in _OBJECT_PRONOUNS:
        relayed: NounPhrase | None = NounPhrase((after.text,), after.start, after.end)
    else:
        relayed = _right_phrase(tokens, relaying + 1)
    return relayed if relayed is not None and _as_saying(tokens, _index_at(tokens, relayed.end)) else None


def _relaying_verb(tokens: Sequence[Token], i: int) -> int:
    """Where the verb that relays stands ("quoted", "cited"), a few words before the cue tokens[i] when
    that is a verb of saying after "as" ("quoted Hiriart as [saying]"); -1 when there is none."""
    if not _as_saying(tokens, i - 1):
        return -1
    return next((k for k in range(i - 2, max(i - 2 - _MAX_DESCRIPTION, -1), -1) if tokens[k].text in _RELAYING), -1)


def _as_saying(tokens: Sequence[Token], k: int) -> bool:
    """Whether tokens[k:k+2] are "as" and a verb of saying in -ing ("as saying", "as telling")."""
    return 0 <= k < len(tokens) - 1 and tokens[k].text == "as" and tokens[k + 1].text.endswith("ing") \
        and tokens[k + 1].text in CUE_WORDS


# Verbs by which one relays another's words: "X quoted Y as saying", "X cited Y as saying".
_RELAYING = frozenset({"quoted", "cited"})
# Before a relaying verb, the passive: its subject is the one relayed.
_PASSIVE = frozenset({"was", "were", "is", "are", "been", "being"})
# Whom a relaying verb names as the speaker, when a pronoun: "quoted him as saying".
_OBJECT_PRONOUNS = frozenset({"him", "her", "them"})


def _described(tokens: Sequence[Token], i: int, length: int) -> NounPhrase | None:
    """The speaker of a quotation described in words no role list holds: `"...," one elderly
    bystander said`, `"...," said his sister, Mei Lan.`, `The report said: "..."`. Only where
    nothing else can stand between the quotation and its cue, and only a short phrase."""
    k = i - 1
    while k >= 0 and tokens[k].text[0].isalnum() and i - k <= _MAX_DESCRIPTION:
        k -= 1
    opens = k < 0 and _before_quote(tokens, _past_where_said(tokens, i + length))  # `[The report] said: "..."`
    if k < i - 1 and (opens or _after_quote(tokens, k)):  # `"...," [one elderly bystander] said`
        return _description(tokens[k + 1 : i])
    if not _after_quote(tokens, i - 1):
        return None
    return _described_after(tokens, i + length) or _named_after(tokens, i + length)


def _described_after(tokens: Sequence[Token], start: int) -> NounPhrase | None:
    """`"...," said [one man, Piotr Novak,] ...`, `said [a young man] who ...`: the description from `start`."""
    end = start
    while (end < len(tokens) and tokens[end].text[0].isalnum() and tokens[end].text not in _CLAUSE
           and end - start < _MAX_DESCRIPTION):
        end += 1
    if end < len(tokens) and tokens[end].text not in _PHRASE_ENDS | _CLAUSE:
        return None
    named = _name_end(tokens, end + 1) if tokens[end:end + 1] and tokens[end].text == "," else end
    if named > end + 1:
        end = named  # ", Piotr Novak": the name the description goes on to give
    return _description(tokens[start:end])


def _named_after(tokens: Sequence[Token], start: int) -> NounPhrase | None:
    """`"...," said [his wife, Mei Lan].`, `said [one of the lawyers, Piotr Novak].`: a short phrase
    that only points elsewhere, then the name it goes on to give, which names the speaker."""
    for comma in range(start + 1, min(start + _MAX_DESCRIPTION + 1, len(tokens))):
        if not tokens[comma - 1].text[0].isalnum() and tokens[comma - 1].text not in {"'s", "’s"}:
            return None  # the phrase ended, or a mark no description holds
        if tokens[comma].text == ",":
            end = _name_end(tokens, comma + 1)
            return NounPhrase(tuple(t.text for t in tokens[comma + 1 : end]), tokens[comma + 1].start,
                              tokens[end - 1].end) if end > comma + 1 else None
    return None


def _name_end(tokens: Sequence[Token], start: int) -> int:
    """Where a run of capitalised words from `start` ends, if a phrase ends there (else `start`)."""
    end = start
    while end < len(tokens) and tokens[end].text[0].isupper() and tokens[end].text[0].isalpha():
        end += 1
    return end if end == len(tokens) or tokens[end].text in _PHRASE_ENDS else start


def _past_where_said(tokens: Sequence[Token], k: int) -> int:
    """Past where or how something was said, when tokens[k] opens that ("said [in a front-page comment]:
    "..."", "wrote [on Sunday]:"): the index after it, else `k`."""
    if k >= len(tokens) or tokens[k].text not in _SAID_IN:
        return k
    end = k + 1
    while end < len(tokens) and tokens[end].text[0].isalnum() and end - k <= _MAX_DESCRIPTION:
        end += 1
    return end


_SAID_IN = frozenset({"in", "on", "at", "during"})


def _before_quote(tokens: Sequence[Token], k: int) -> bool:
    """Whether a quotation opens at tokens[k], or right after a comma or colon there."""
    return k < len(tokens) and (tokens[k].text == QUOTE or (
        tokens[k].text in {",", ":"} and k + 1 < len(tokens) and tokens[k + 1].text == QUOTE))


def _after_quote(tokens: Sequence[Token], k: int) -> bool:
    """Whether tokens[k] closes a quotation (the quotation itself, or a comma right after it)."""
    return k >= 0 and (tokens[k].text == QUOTE or (tokens[k].text == "," and k > 0 and tokens[k - 1].text == QUOTE))


def _description(tokens: Sequence[Token]) -> NounPhrase | None:
    """A short phrase of words that describes a speaker; None for a pronoun or a cue among them."""
    if tokens and tokens[0].text == "as":
        tokens = tokens[1:]  # `"off the grid," as some agents describe it`
    words = tuple(t.text for t in tokens)
    if not words or any(w.lower() in _STANDS_IN or w in CUE_WORDS for w in words):
        return None  # "one of them" names no one
    if not (words[0].lower() in DETERMINERS | QUANTIFIERS or is_role(words) or any(w[0].isupper() for w in words)):
        return None  # `"...", according to remarks ...`: no noun phrase
    if all(w.lower() in DETERMINERS | QUANTIFIERS | PICKING_WORDS for w in words):
        return None  # "one said", "the other said": one of whom?
    return NounPhrase(words, tokens[0].start, tokens[-1].end)


# At most this many words describe a speaker ("a statement by the three parties"); more is a clause.
_MAX_DESCRIPTION = 8
# Words that end a description after its cue and open what qualifies it ("a young man who gave his name").
_CLAUSE = frozenset({"of", "who", "from", "in", "at", "with", "for", "whose", "which", "that"})
_PHRASE_ENDS = frozenset({",", ".", ";", "!", "?", ":"})
# Pronouns, subject or object: a description holding one points elsewhere ("one of them").
_STANDS_IN = PRONOUNS | {"them", "us", "him", "me", "you", "someone", "somebody", "anyone", "anybody", "everyone",
                         "everybody", "nobody", "others"}


def _takes(token: Token) -> bool:
    """Whether a token can belong to a speaker's noun phrase."""
    word = token.text
    low = word.lower()
    if word == QUOTE or low in NOT_NAMES:
        return False
    if (word[0].isupper() and (word[0].isalpha())) or particle_name(word):
        return True
    return low in ROLE_WORDS or low in BODY_WORDS or low in DETERMINERS or low in _CONNECT


def left_phrase(tokens: Sequence[Token], j: int) -> NounPhrase | None:
    k = j
    while k >= 0 and _takes(tokens[k]) and tokens[k].text.lower() not in DETERMINERS:
        k -= 1
    if k >= 0 and tokens[k].text.lower() in DETERMINERS:
        k -= 1
    return _phrase(tokens[k + 1 : j + 1])


def _right_phrase(tokens: Sequence[Token], i: int, then_name: bool = True) -> NounPhrase | None:
    """The phrase after a cue, from tokens[i]; with `then_name`, a description and the name it gives
    ("said the friend, Ellen Fink"), which after "according to" opens what was said instead."""
    k = i
    if k < len(tokens) and tokens[k].text.lower() in PRONOUNS and not _opens_name(tokens, k):
        return NounPhrase((tokens[k].text,), tokens[k].start, tokens[k].end)
    if k < len(tokens) and tokens[k].text.lower() in DETERMINERS:
        k += 1
    while k < len(tokens) and _takes(tokens[k]) and tokens[k].text.lower() not in DETERMINERS:
        k += 1
    possessed = _possessed_person(tokens, i, k)
    if possessed is not None:
        return possessed
    phrase = _phrase(tokens[i:k])
    if phrase is not None and phrase.words[-1].endswith(("'s", "’s")):
        return None  # "stressed Stepinac's treatment": the owner of what follows, no one who speaks
    if phrase is not None and k + 1 < len(tokens) and tokens[k].text == ",":
        after = left_phrase(tokens, _phrase_end(tokens, k + 1))
        if after is not None and after.start == tokens[k + 1].start and is_role(after.words):
            phrase = replace(phrase, role=after.words)
        elif (then_name and after is not None and after.start == tokens[k + 1].start
              and name_part(after.words) == after.words
              and all(w.islower() for w in phrase.words) and _ends_sentence(tokens, after)):
            # "said the friend, Ellen Fink.": the description, then the name it gives
            phrase = NounPhrase((*phrase.words, ",", *after.words), phrase.start, after.end)
    return phrase


def _possessed_person(tokens: Sequence[Token], i: int, k: int) -> NounPhrase | None:
    """After a cue, the person someone has ("said Zughayar's 54-year-old father, Mohammed", "said
    Bruce Guy's son Mark Guy", "said his wife, Mei Lan"): that person speaks, by the name that
    follows, else as described ("Zughayar's father"); never the one named first. The phrase runs
    from the possessive to the name, so the description is the speaker's role. None when
    tokens[i:k] holds no possessive before a person."""
    owner = next((j for j in range(i, min(k, len(tokens)))
                  if tokens[j].text.endswith(("'s", "’s")) or tokens[j].text.lower() in _POSSESSIVES), None)
    if owner is None:
        return None
    head = next((h for h in range(owner + 1, min(owner + 1 + _POSSESSED_REACH, len(tokens)))
                 if tokens[h].text.lower() in ROLE_WORDS), None)
    if head is None or any(not tokens[j].text[0].islower() and not _AGE.match(tokens[j].text)
                           for j in range(owner + 1, head)):
        return None
    while head + 1 < len(tokens) and tokens[head + 1].text.lower() in ROLE_WORDS:  # "foreign minister"
        head += 1
    named = head + 2 if head + 2 < len(tokens) and tokens[head + 1].text == "," else head + 1
    end = named
    while end < len(tokens) and tokens[end].text[0].isupper() and tokens[end].text != QUOTE:
        end += 1
    first = owner + 1 if tokens[owner].text.lower() in _POSSESSIVES else owner
    while i < first <= owner and tokens[first - 1].text[0].isupper():  # "Bruce Guy's son"
        first -= 1
    last = end - 1 if end > named else head
    return NounPhrase(tuple(t.text for t in tokens[first : last + 1]), tokens[first].start, tokens[last].end)


def _opens_name(tokens: Sequence[Token], k: int) -> bool:
    """Whether the pronoun-like word at tokens[k], after a cue, opens a name: "said He Xintong". A
    pronoun there is written small ("said he"); a capital after it would be its sentence's next word."""
    return (tokens[k].text[0].isupper() and k + 1 < len(tokens)
            and tokens[k + 1].text[0].isupper() and tokens[k + 1].text[0].isalpha())


def _phrase_end(tokens: Sequence[Token], k: int) -> int:
    while k < len(tokens) and _takes(tokens[k]):
        k += 1
    return k - 1


def _apposition(tokens: Sequence[Token], comma: int) -> NounPhrase | None:
    """"Dmitry Peskov, the Kremlin spokesman, said", "Jim Bennett, 57, told": the
    name before words set off by commas that give a role, an age or a party, or open with
    an article, "who" or a participle ("Smith, speaking of his rival, said"); "A lawyer for
    the families, Maria Ortiz, said": a name set off by commas. The words set off may hold
    commas of their own ("Ann Lee, editor of a newsletter in Potomac, Md., said"): the
    nearest comma before them that leaves a name in front opens them."""
    # A name after a preposition is a place or a body inside the words set off ("liaison at the office
    # for Human Rights in [China], a New York-based group, said"), never the speaker: another comma is
    # looked for. Where a role holds the preposition ("[officials] in Tanzania, speaking on condition of
    # anonymity, said"), the role speaks, if no comma further back leaves a name in front.
    holder = None
    k = comma - 1
    while k >= 0 and comma - k <= _MAX_APPOSITION and (tokens[k].text not in {QUOTE, ".", ";", ":"}
                                                       or _abbreviation_stop(tokens, k)):
        if tokens[k].text == "," and k < comma - 1:
            found = _set_off(tokens, k, comma)
            if found is not None and not _after_preposition(tokens, found):
                return found
            if found is not None and holder is None:
                holder = _role_holding(tokens, found)
        k -= 1
    return holder


def _abbreviation_stop(tokens: Sequence[Token], k: int) -> bool:
    """Whether the full stop tokens[k] closes an abbreviation before a comma ("Potomac, Md.,", "D-Calif.,"), or
    a short one inside the words set off ("the No. 2 Republican in the Senate", "of St. Louis")."""
    if tokens[k].text != "." or not 0 < k < len(tokens) - 1 or tokens[k - 1].end != tokens[k].start:
        return False
    before, after = tokens[k - 1].text, tokens[k + 1].text
    before_comma = after == "," and len(before) <= 8
    inside = len(before) <= 3 and after[:1].isalnum() and not before.isupper()
    return before[:1].isupper() and (before_comma or inside)


def _set_off(tokens: Sequence[Token], k: int, comma: int) -> NounPhrase | None:
    """The speaker of `..., [words between the commas at k and comma], said`, or None."""
    between = [t.text for t in tokens[k + 1 : comma]]
    # A cue set off is a speaker's own aside, unless a relative clause holds it ("Barkley, who said he
    # typically votes Democratic, said..."); the search for k stops at a quotation.
    if k < 1 or (between[0] != "who" and any(w in CUE_WORDS for w in between)):
        return None
    if len(between) <= 4 and name_part(between) == tuple(between):  # "A lawyer for the families, Maria Ortiz, said"
        return NounPhrase(tuple(between), tokens[k + 1].start, tokens[comma - 1].end)
    if _ASIDE.fullmatch(" ".join(between)):  # "Fitzgerald, for his part, said": how, not who
        name = left_phrase(tokens, k - 1)
        if name is not None and (name_part(name.words) or is_role(name.words)):
            return name
        return _role_of_thing(tokens, k - 1)  # "Proponents of the new bill, however, say"
    first = between[0]
    if not (is_role(between) or first.isdigit() or first.lower() in {"a", "an", "the", "who"}
            or _PARTY.match(first) or _PARTY_OF.match(" ".join(between)) or _participle(first)):
        return None
    name = left_phrase(tokens, k - 1)
    # A role or a source speaks before a clause that only says how it spoke ("The official, who spoke on
    # condition of anonymity, said", "The statement, broadcast by government television, said"); before a
    # noun phrase the role is the name's ("Susan Ward, a spokeswoman for the clinic, the private clinic...").
    described = (name is not None and is_role(name.words) and (first.lower() == "who" or _participle(first))
                 and "and" not in name.words and _after_clause_boundary(tokens, _index_at(tokens, name.start)))
    if name is None or not (name_part(name.words) or described) or _PARTY.match(name.words[-1]):
        return None
    return replace(name, role=tuple(w for w in between if w.lower() not in {"a", "an", "the"}),
                   end=tokens[comma - 1].end)


# Words set off between a speaker and the cue that say how or when, not who ("Smith, for his part, said").
_ASIDE = re.compile(r"(?i)for (?:his|her|their|its) part|in turn|however|meanwhile|too|though|moreover|also|"
                    r"in (?:a|an|her|his|their|its) (?:statement|interview|letter|speech|response)|in response|"
                    rf"(?:on|late|early) {dates.WEEKDAY}(?: (?:morning|afternoon|evening|night))?")


def _after_clause_boundary(tokens: Sequence[Token], k: int) -> bool:
    """Whether tokens[k] opens a clause: first, or after a mark or a linking word ("[The official], who...",
    not "charges of heading [an organization], threatening...")."""
    return k == 0 or tokens[k - 1].text in {",", ";", ":", QUOTE} or tokens[k - 1].text.lower() in _LINKS


def _participle(word: str) -> bool:
    """Whether `word` opens a participle phrase set off after a speaker: "speaking on condition of anonymity",
    "asked about the talks", "reached in London"; not a verb of its own ("Terri Bell, died on the flight")."""
    return word.islower() and (word.endswith("ing") or word in _SET_OFF_PARTICIPLES)


_SET_OFF_PARTICIPLES = frozenset({"asked", "reached", "contacted", "interviewed", "questioned", "pressed",
                                  "published", "broadcast", "issued", "released", "quoted", "dated"})


def _after_preposition(tokens: Sequence[Token], name: NounPhrase) -> bool:
    """Whether `name` is the object of a preposition ("in [China]")."""
    at = _index_at(tokens, name.start)
    return at > 0 and tokens[at - 1].text in _PREPOSITIONS


def _role_holding(tokens: Sequence[Token], name: NounPhrase) -> NounPhrase | None:
    """The role phrase whose preposition `name` follows, ending where `name` (with what is set off after
    it) ends: "[officials in Tanzania, speaking on condition of anonymity,]"; None when no role holds it
    ("the Democratic Party of the Left": a body's name, not a speaker)."""
    at = _index_at(tokens, name.start)
    if at < 2 or tokens[at - 2].text.lower() not in ROLE_WORDS:
        return None
    role = left_phrase(tokens, at - 2)
    return None if role is None else replace(role, end=name.end)


def _role_of(tokens: Sequence[Token], phrase: NounPhrase) -> NounPhrase | None:
    """"The chief executive of [the International Monetary Fund] said": the role whose "of" `phrase` follows
    speaks, with the body it holds, as a description; None when no role word stands before the "of"."""
    at = _index_at(tokens, phrase.start)
    if at < 2 or tokens[at - 1].text != "of" or tokens[at - 2].text.lower() not in ROLE_WORDS - BODY_WORDS:
        return None
    return _role_holding(tokens, phrase)


def _index_at(tokens: Sequence[Token], start: int) -> int:
    """The index of the token that starts at `start` (or the first after it)."""
    return next((k for k, t in enumerate(tokens) if t.start >= start), len(tokens))


_PREPOSITIONS = frozenset({"in", "at", "on", "from", "with", "by", "near", "to", "into", "of", "for", "about"})
# A legislator's party and state, set off after the name ("Rep. Ann Lee, D-Calif., said").
_PARTY = re.compile(r"[DRI]-[A-Z][A-Za-z.]*$")
_PARTY_OF = re.compile(r"(?:Democrat|Republican|Independent) of [A-Z]")  # "Dianne Feinstein, Democrat of California,"


# Tokens that words set off between a name and its cue may span: "Beatrice Laroche, liaison at the United
# Nations for Human Rights in China, a New York-based group, said" takes 16. At 20 rather than 15, 28
# attributions of DUC 2003 and DUC 2004 dev are found or change speaker, all but two to the one who spoke;
# PolNeAR dev quotations gain too. At 30 rather than 20, "Yelena Masyuk, one of three Russian television
# journalist kidnapped and then released last year after payment of $2 million in ransom, said" is hers
# (13 DUC attributions found, all the right speaker; PolNeAR dev and train +0.001).
_MAX_APPOSITION = 30


def _phrase(tokens: Sequence[Token]) -> NounPhrase | None:
    """The noun phrase of `tokens` without leading determiners, connectors or
    sentence-opening words ("But", "In"); None when no speaker can head it."""
    tokens = list(tokens)
    start = None
    while tokens and (tokens[0].text.lower() in DETERMINERS | _CONNECT
                      or (tokens[0].text.lower() in OPENERS and tokens[0].text[0].isupper())):
        determiner = tokens.pop(0)
        start = determiner.start if determiner.text.lower() in DETERMINERS else None
    while tokens and tokens[-1].text.lower() in DETERMINERS | _CONNECT:
        tokens.pop()
    if not tokens:
        return None
    head = tokens[-1].text
    if not (head[0].isupper() or particle_name(head) or head.lower() in ROLE_WORDS or head.lower() in BODY_WORDS):
        return None
    if head.lower() in MODIFIERS - PERSON_MODIFIERS and not (head[:1].isupper() and len(tokens) > 1):
        return None  # "the former" names no one; "the Associated Press" is a name
    # The mention keeps its article ("the spokesman"), as a reader would quote it.
    return NounPhrase(tuple(t.text for t in tokens), tokens[0].start if start is None else start, tokens[-1].end)


def is_role(words: Sequence[str]) -> bool:
    """Whether `words` name a role or a body ("the Kremlin spokesman", "the ministry")."""
    if any(w in CUE_WORDS for w in words):  # "Bibilov, a Kremlin-backed politician said, ..." is no apposition
        return False
    if words and words[0].lower() in _NO_ROLE_OPENERS:  # "Oestra Hospital, where many of the victims were taken"
        return False
    return any(w.lower() in ROLE_WORDS or w.lower() in BODY_WORDS for w in words)


# Words that open a relative clause, which describes but names no role.
_RELATIVES = frozenset({"who", "whose", "whom", "which", "where", "when", "that"})
# Nor does a phrase set off after a name that opens on these: "Ecevit, asked to form a new government,".
_NO_ROLE_OPENERS = _RELATIVES | {"to", "and", "or", "but"}


def _opens_clause(tokens: Sequence[Token], phrase: NounPhrase) -> bool:
    """Whether `phrase`, after a cue, is the subject of the clause said, a verb right after it: in
    `Stein said de Kock typified... "banality of evil"`, de Kock is whom Stein spoke of, not who spoke."""
    after = _index_at(tokens, phrase.end)
    return after < len(tokens) and bool(FINITE_VERB.fullmatch(tokens[after].text))


def _ends_sentence(tokens: Sequence[Token], phrase: NounPhrase) -> bool:
    after = [t for t in tokens if t.start >= phrase.end]
    return not after or after[0].text in {".", ",", "!", "?", ";"}


def reported_content(tokens: Sequence[Token], i: int, length: int, mention: NounPhrase) -> tuple[int, int] | None:
    """The reported clause of a cue: what follows "X said (that)", what comes
    before ", X said.", the rest of a sentence with "according to X"."""
    words = [t for t in tokens if t.text not in {".", "!", "?"} or t is not tokens[-1]]
    if not words:
        return None
    cue_end = tokens[i + length - 1].end
    if mention.start >= cue_end or length == 2:  # "..., said Peskov." / "according to X, ..."
        before = [t for t in words if t.end <= min(mention.start, tokens[i].start) and t.text != ","]
        after = _past_relative_clause([t for t in words if t.start > max(mention.end, cue_end)])
        after = [t for t in after if t.text != ","]
        part = after if length == 2 and len(after) > len(before) else before
        return (part[0].start, part[-1].end) if part else None
    if mention.start < tokens[0].start + 1 and i + length < len(tokens) and tokens[i + length].text in {",", "."}:
        return None  # "Peskov said." with nothing said
    rest = [t for t in words if t.start >= cue_end]
    if tokens[i].text.lower().startswith("tel") or tokens[i].text == "told":
        rest = _skip_object(rest)
    if rest and rest[0].text.lower() == "that":
        rest = rest[1:]
    if rest and rest[0].text in {",", ":"}:
        rest = rest[1:]
    if rest and rest[0].text in {"and", "but"} and tokens[i + length].text == ",":
        rest = []  # "..., relatives said, and neighbors said the same": what they said came before
    if rest and (rest[0].text.lower() in _CIRCUMSTANCE or rest[0].text.lower() in _TIMES):
        rest = _past_circumstance(rest, tokens, mention)
    if i > 0 and tokens[i - 1].text == "as" and (not rest or rest[0].text in _CIRCUMSTANCE):
        # "..., the agency quoted Ocalan as saying [after prayers]": what he said comes before
        # the one who relays it; what follows says where or when, never what.
        return _before_relayer(words, tokens, i, mention)
    front = [t for t in words if t.end <= mention.start and t.text != ","]
    if not rest and front and front[-1].text not in CUE_WORDS:  # "The talks failed, Peskov said."
        return front[0].start, front[-1].end  # (not "[Peskov said] Russia would respond.": what he said)
    return (rest[0].start, rest[-1].end) if rest else None


def _past_circumstance(rest: list[Token], tokens: Sequence[Token], mention: NounPhrase) -> list[Token]:
    """What was said, when the words after a cue open on where or when it was said: after "that"
    ("said on Monday that [the talks failed]"), or nothing when those words end the sentence and a
    clause set off by a comma came before the speaker ("[The talks failed], Peskov said on Monday.")."""
    that = next((k for k, t in enumerate(rest[:_MAX_DESCRIPTION]) if t.text.lower() == "that"), None)
    # "said last week's bombing that...": a noun phrase, what was said, not when.
    if that is not None and not (rest[0].text.lower() in _WHEN and len(rest) > 1 and rest[1].text.endswith(("'s", "’s"))):
        return rest[that + 1 :]
    clause = _clause_after_circumstance(rest)
    if clause is not None:
        return rest[clause:]
    at = _index_at(tokens, mention.start)
    front = [t for t in tokens[: max(at - 1, 0)] if t.text != ","]
    set_off = at > 0 and tokens[at - 1].text == ","
    return [] if len(rest) <= _MAX_DESCRIPTION and set_off and len(front) >= _LEAST_CLAUSE_WORDS else rest


def _clause_after_circumstance(rest: list[Token]) -> int | None:
    """Where what was said starts when a short phrase of when or where stands between the cue and it,
    with no "that": "said Monday [he would resign]", "said last week [the talks had failed]", "told
    reporters in Moscow [he had...]", "said in a statement Thursday night [they had...]", "argued in his
    email, [the incident was...]": on a determiner or a subject pronoun right after the phrase."""
    words = [t.text for t in rest[: _MAX_DESCRIPTION + 1]]
    end = _circumstance_end(words)
    if end is not None and end < len(words) and words[end] == ",":
        end += 1
    return end if end is not None and end < len(words) and words[end].lower() in _CLAUSE_OPENERS else None


def _circumstance_end(words: Sequence[str]) -> int | None:
    """Where a phrase of when or where that `words` open on ends: a day and a word more ("Monday
    night"), a time of one word after "last", "late" and the like, or "in", "on" or "at" and a few
    words of a name ("in Moscow") or of a noun after a determiner ("in a statement Thursday night").
    None for anything else: a gerund ("insisted on paying"), an adverb ("at roughly the same time"),
    a word of function ("in April while..."), a quotation ("on NBC's ''Meet the Press''")."""
    first = words[0].lower()
    timed = first in _TIMES
    if timed:
        start = 1
    elif first in _PLACE_PREPOSITIONS and len(words) > 1 and not words[1].endswith("ing"):
        start = 2 if words[1].lower() in DETERMINERS - {"that"} else 1
    else:
        return None
    named = start == 1 and not timed  # "in Moscow": with no determiner, only a name
    stops = stop_words()
    end = start
    while end < len(words) and end - start < (1 if timed else _MAX_PHRASE_WORDS) \
            and words[end].lower() not in _CLAUSE_OPENERS and words[end] != ",":
        word = words[end].replace("’s", "").replace("'s", "")
        if not word.isalpha() or word.lower() in stops or (named and not word[0].isupper()):
            return None
        end += 1
    return end if end > start or first in NOT_NAMES else None


def _before_relayer(words: Sequence[Token], tokens: Sequence[Token], i: int,
                    mention: NounPhrase) -> tuple[int, int] | None:
    """What the one relayed said, before the one who relays it, at the cue tokens[i] after "as":
    `[The talks failed], the ITAR-Tass news agency quoted him as saying.`, `[...], the agency, Tass,
    quoted him as saying`, `[...], Kutan was quoted as saying`. The clause ends on the comma before the
    relayer (the second, when the relayer is set off by commas) or before the one quoted, a few words
    back, and holds a few words: "Meanwhile, Tass quoted..." says nothing. Where a quotation stands
    before, what was said is that quotation, not a clause."""
    relaying = _relaying_verb(tokens, i)
    if relaying < 1 or any(t.text == QUOTE for t in tokens[:relaying]):
        return None
    # Back from the one relayed ("Kutan was quoted") or from the relayer ("Tass quoted him").
    before = min(_index_at(tokens, mention.start), relaying) if tokens[relaying - 1].text in _PASSIVE else relaying
    set_off = tokens[before - 1].text == "," and before == relaying
    commas = [k for k in range(before - 1 - set_off, max(before - 2 - _MAX_DESCRIPTION, -1), -1)
              if tokens[k].text == ","]
    if len(commas) < 1 + set_off or any(t.text.lower() in CUE_WORDS for t in tokens[commas[set_off] + 1 : relaying]):
        return None  # the relayer is no plain phrase
    end = tokens[commas[set_off]].start
    said = [t for t in words if t.end <= end]
    return (said[0].start, said[-1].end) if len(said) >= _LEAST_CLAUSE_WORDS else None


# Fewer words before a speaker or a relayer are an adverb or a time ("Meanwhile,"), not what was said.
_LEAST_CLAUSE_WORDS = 4
# What opens a clause after a phrase of where or when: "said on Monday [the|he] ...".
_CLAUSE_OPENERS = (DETERMINERS - {"this", "that"}) | PRONOUNS
_PLACE_PREPOSITIONS = frozenset({"in", "on", "at"})
_MAX_PHRASE_WORDS = 4  # words of a name or noun in that phrase: "in a statement Thursday night"
# Words a time opens on after a cue: "said last year that...", "said earlier that...".
_WHEN = frozenset({"last", "earlier", "recently", "previously", "late", "early", "tonight"})
_TIMES = NOT_NAMES | _WHEN  # what a time after a cue opens on: a day ("Monday") or one of those
# Words that open where or when something was said, not what: "as saying [in Sarawak]".
_CIRCUMSTANCE = frozenset({"to", "in", "at", "on", "after", "before", "during", "while", "when", "from",
                           "with", "by", "for", "of", "as", "."})


def _past_relative_clause(after: list[Token]) -> list[Token]:
    """What follows a speaker named after its cue, past a relative clause on the speaker: "According to
    relatives who found the bodies, [the man was killed]"."""
    if after and after[0].text.lower() in _RELATIVES:
        comma = next((k for k, t in enumerate(after) if t.text == ","), None)
        return after[comma + 1 :] if comma is not None else []
    return after


def _skip_object(rest: list[Token]) -> list[Token]:
    """Skip whom someone told ("told reporters", "told the BBC", "told a press briefing")."""
    k = 0
    while k < len(rest) and k < 4 and (rest[k].text.lower() in _TOLD or rest[k].text[0].isupper()):
        k += 1
    return rest[k:]


# Gatherings and outlets one tells something to: "told a news conference", "told a press briefing", "told the
# rally", "told the Anatolia news agency".
_AUDIENCES = frozenset({"news", "conference", "briefing", "meeting", "rally", "audience", "crowd", "gathering",
                        "session", "hearing", "parliament", "lawmakers", "supporters", "radio", "television",
                        "agency", "newspaper", "paper", "magazine", "station", "channel", "network"})
_TOLD = _OBJECTS | DETERMINERS | _AUDIENCES


def name_part(words: Sequence[str]) -> tuple[str, ...]:
    """The name in a phrase: the capitalized words after its last role word,
    honorifics left out ("Kremlin spokesman Dmitry Peskov" -> Dmitry Peskov), and
    a word a sentence opens on that opens no name ("Until North Korea...", "Is Bill Gates...").
    None for a name that hangs on a role before it (`_serves_the_named`)."""
    if _serves_the_named(words):
        return ()
    if hangs_on_role(words):
        return ()  # "a spokesman for Idris": the spokesman speaks
    last_role = _last_role(words)
    name = [w for w in words[last_role + 1 :] if w.lower() not in HONORIFICS]
    while name and name[0].lower() in NO_NAME_OPENERS:
        name = name[1:]
    # "Professor Michael Reisman of Yale": after a title, a person's name (two words or more) ends where
    # a place or body hangs on it; "the Federal Bureau of Prisons" is a body's whole name.
    person = list(itertools.takewhile(lambda w: w not in _PREPOSITIONS, name))
    if len(person) >= 2 and (last_role >= 0 or _hangs_a_place(name, len(person))):
        name = person
    # "Hun Sen. Hun Sen": a word with a full stop inside a name ends one sentence the splitter ran on.
    stops = [k for k, w in enumerate(name) if w.endswith(".") and len(w) > 2
             and not (_INITIALS.fullmatch(w) and k < len(name) - 1)]  # "F.W. de Klerk", not "Utica, N.Y."
    name = name[stops[-1] + 1 :] if stops else name
    if not name or not all(w[0].isupper() or particle_name(w) or (w in NAME_PARTICLES and name[k + 1 : k + 2] and name[k + 1][0].isupper())
                           for k, w in enumerate(name)):
        return ()
    return tuple(name)


def _hangs_a_place(name: Sequence[str], at: int) -> bool:
    """Whether name[at], after a person's name of capitalised words, hangs a place or body on it ("Jane B.
    Lathem | of Alpharetta", "E. Gerald Corrigan | of Goldman Sachs") with no title before: "of", "from" or
    "at" and a capitalised word."""
    return (at + 1 < len(name) and name[at] in {"of", "from", "at"} and name[at + 1][:1].isupper()
            and all(w[:1].isupper() for w in name[:at]))


def role_part(words: Sequence[str]) -> tuple[str, ...]:
    if _serves_the_named(words) or hangs_on_role(words):
        return tuple(words)  # "supporters of President Mohammad Khatami", "spokesman for Idris": the whole description
    return _past_headline(tuple(words[: _last_role(words) + 1]))


def hangs_on_role(words: Sequence[str]) -> bool:
    """Whether the name of `words` hangs on the role before it by a preposition ("a spokesman for Idris",
    "aides to Clinton", "colleagues of Starovoitova")."""
    last = _last_role(words)  # once: each call scans the words for roles and an affiliation
    return 0 <= last < len(words) - 1 and words[last + 1].lower() in _HANGING


_HANGING = OPENING_PREPOSITIONS | SERVING


def _serves_the_named(words: Sequence[str]) -> bool:
    """Whether the person `words` name by a title hangs on a role before it ("Supporters of President
    Mohammad Khatami", "a spokesman for President Clinton", "aides to Prime Minister Yilmaz"): the one
    who speaks is who serves or backs them, not the one named. "Secretary of State Madeleine Albright"
    and "Minister of Foreign Affairs Amr Moussa" are one title and a name."""
    connector = next((k for k, w in enumerate(words) if k and w in SERVING), None)
    if connector is None:
        return False
    after = [w for w in words[connector + 1 :] if w.lower() not in DETERMINERS and w.lower() not in MODIFIERS]
    return len(after) >= 2 and opens_on_title(after)


def opens_on_title(words: Sequence[str]) -> bool:
    """Whether `words`, modifiers aside, open on a capitalised title only a person holds ("President",
    "former Prime Minister")."""
    rest = [w for w in words if w.lower() not in MODIFIERS]
    return bool(rest) and rest[0][:1].isupper() and rest[0].lower() in PERSON_TITLES


def after_role(words: Sequence[str]) -> tuple[str, ...]:
    """The words of a phrase after its last role word (all of them when it holds none)."""
    return tuple(words[_last_role(words) + 1 :])


def _past_headline(words: tuple[str, ...]) -> tuple[str, ...]:
    """`words` after the last run of three or more words in capitals: a headline the text runs into
    ("AMERICA ONLINE TOSSES IN TOWEL America Online chairman" is "America Online chairman")."""
    run, cut = 0, 0
    for k, word in enumerate(words):
        run = run + 1 if word.isupper() and len(word) > 1 else 0
        if run >= _HEADLINE_RUN:
            cut = k + 1
    return words[cut:]


def _last_role(words: Sequence[str]) -> int:
    """Where the last role or body word of `words` stands (-1: none), before the body a titled person's name
    hangs on (`affiliation_start`)."""
    return max((k for k in range(affiliation_start(words)) if _role_at(words, k)), default=-1)


def affiliation_start(words: Sequence[str]) -> int:
    """Where the body or place a titled person's name hangs on begins ("Judge Leonard Sand | of U.S. District
    Court": the court is his, not his title); len(words) when there is none."""
    title = next((k for k in range(len(words)) if _role_at(words, k)), len(words))
    return next((k for k in range(title + 3, len(words)) if words[k] in _PREPOSITIONS
                 and all(words[n][:1].isupper() and not _role_at(words, n) for n in (k - 2, k - 1))), len(words))


def _role_at(words: Sequence[str], k: int) -> bool:
    """Whether words[k] is a role or body word. "de" is one only in "de facto": in "F.W. de Klerk" it is part
    of the name."""
    word = words[k].lower()
    return ((word in ROLE_WORDS or word in BODY_WORDS) and (word != "de" or words[k + 1 : k + 2] == ["facto"])
            and not _modifies_other(words, k) and not _closes_titled_name(words, k)
            and not _closes_given_name(words, k))


def _closes_titled_name(words: Sequence[str], k: int) -> bool:
    """Whether words[k], a capitalised role word, is the surname that closes a name a title or an honorific
    opens ("Rep. Peter King", "Mr. King"), not a title: a title stands before a name ("King Hussein")."""
    if not words[k][:1].isupper() or (words[k + 1 : k + 2] and words[k + 1][:1].isupper()):
        return False
    j = k - 1
    while j >= 0 and words[j][:1].isupper() and words[j].lower() not in ROLE_WORDS \
            and words[j].lower() not in HONORIFICS:
        j -= 1  # given names and initials
    return j >= 0 and words[j][:1].isupper() and (words[j].lower() in HONORIFICS
                                                   or (j < k - 1 and words[j].lower() in PERSON_TITLES))


def _closes_given_name(words: Sequence[str], k: int) -> bool:
    """Whether words[k], a role word that is as often a surname, closes the given names a phrase opens on
    ("Charlie King, a former executive director...", "Matthew Prince, chief executive of CloudFlare"): not
    after a nationality, a place or another role ("Saudi King", "Crown Prince"), nor before a name."""
    given = words[:k]
    return (words[k].lower() in _SURNAME_ROLES and words[k][:1].isupper() and k + 1 == len(words)
            and 1 <= len(given) <= 2 and all(
                w[:1].isupper() and w.isalpha() and w.lower() not in _NO_GIVEN_NAMES
                and not PLACE_ADJECTIVE.fullmatch(w) for w in given))


# Role words that are common surnames too, and words that are no given name before them.
_SURNAME_ROLES = frozenset({"king", "prince", "bishop", "pope", "judge"})
_NO_GIVEN_NAMES = ROLE_WORDS | BODY_WORDS | HONORIFICS | NOT_NAMES


def _modifies_other(words: Sequence[str], k: int) -> bool:
    """Whether words[k] only modifies a common noun that is no role: "foreign" of "the foreign researchers",
    "political" of "professor of political science" (not of "foreign minister", "chief executive Ray Verth",
    or "the chief executive of the IMF", a person's noun before a preposition)."""
    following = words[k + 1] if k + 1 < len(words) else ""
    if words[k].lower() in PERSON_MODIFIERS and following in _PREPOSITIONS:
        return False
    other_noun = (following.isalpha() and following.islower() and following not in ROLE_WORDS
                  and following not in BODY_WORDS and following not in MODIFIERS)
    # Any role word before a plural common noun is its adjective: "Official newspapers", "court documents"
    # (not before a participle or an adjective: "a diplomat posted in", "a strategist close to").
    return other_noun and (words[k].lower() in MODIFIERS or _PLURAL_NOUN.fullmatch(following) is not None)


_PLURAL_NOUN = re.compile(r"[a-z]+[^s\W]s")
