"""Who said what: the attributions of one article, found by rule.

Two kinds are found. A *quote* is a span in quotation marks (“…”, "…", «…»,
„…“, ‘…’, and the ASCII ''…'' and ``…'' of newswire archives; over several
sentences, or several paragraphs when each goes on with an opening mark) whose
sentence, or the sentence before it when that ends in a colon, names a speaker
beside a cue ("he said", "said Peskov", "Zalkaliani noted:", "according to the
ministry"; where one relays another's words, "the agency quoted him as saying",
the one relayed), or that makes up the sentence right after such a quote in its
paragraph (the speaker goes on; in an article written as one block, what
follows its closing mark is the next sentence's).
A *reported* statement is a sentence whose speaker and cue frame a clause
("Peskov said that ...", "..., the ministry said.", "According to the
ministry, ...").

The speaker mention (the words that name the speaker there: "he", "the
spokesman", "Peskov") is resolved to the fullest name and role the article
gives: "he" or "she" to the person the article brought in last (not one its
own sentence brings in, never one of the other sex), a bare role to the last speaker
holding it, a surname to the longest name that ends with it, and the role to
the title written before the name or in apposition after it. A mention that
resolves to no name keeps `speaker` empty: no speaker is invented.

Rules, not a statistical model: a parser shipped as a wheel (spaCy and its
models) would outweigh the rest of `briefing`, and the patterns of attribution
in news copy are few. bench/eval_attribution.py measures them on PolNeAR.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from briefing.story import mentions, speakers
from briefing.story.speakers import QUOTE, NounPhrase, Token
from briefing.story.vocabulary import FINITE_VERB, NAMES_NOBODY
from briefing.text import passages


@dataclass(frozen=True)
class Attribution:
    """One statement and who made it, with offsets into the article's cleaned text."""

    article: int  # index of the article in the corpus
    kind: str  # "quote" (in quotation marks) or "reported" (speech reported with a cue)
    start: int  # the statement: the quoted words (inside the marks) or the reported clause
    end: int
    speaker: str  # the fullest name the article gives, "" when the mention names nobody
    role: str  # the title or role the article gives the speaker ("Kremlin spokesman"), or ""
    mention: tuple[int, int]  # the words that name the speaker in this sentence ("he", "Peskov")
    cue: str  # the cue as written ("said", "told reporters", "according to")
    cue_span: tuple[int, int]
    sentences: tuple[int, ...]  # indices of the article's sentences the statement spans
    pieces: tuple[tuple[int, int], ...] = ()  # the quoted parts when a quote runs over paragraphs
    said_on: date | None = None  # the day the article says it was said, when it gives one
    # The sentence is not the speaker's own: the speaker is the subject of a relative clause ("a pact in
    # which North Korea pledged to..."), or only relays another speaker it holds ("Zalkaliani said..., according
    # to Tass", "..., he said Thursday, Tass reported": the channel, not the one who spoke).
    embedded: bool = False


@dataclass(frozen=True)
class _Quote:
    start: int  # first character inside the opening mark
    end: int  # last character before the closing mark (exclusive)
    outer: tuple[int, int]  # with the marks
    pieces: tuple[tuple[int, int], ...]


@dataclass
class _Found:
    mention: NounPhrase
    cue: tuple[int, int]
    cue_text: str
    content: tuple[int, int] | None = None  # reported speech only
    embedded: bool = False  # see Attribution.embedded


def extract(
    article: int, text: str, sentences: Sequence[tuple[int, int]], published: date | None = None
) -> tuple[Attribution, ...]:
    """Every attribution of one article: `text` is its cleaned text, `sentences`
    the (start, end) of each sentence in order (the pipeline's sentence split)."""
    quotes = _Quotes(find_quotes(text))
    ends = [end for _, end in sentences]
    tokens = _SentenceTokens(text, sentences, quotes)
    resolver = mentions.Resolver(text, [tokens.of(index) for index in range(len(sentences))])
    found: list[tuple[int, Attribution]] = []
    used_cues: set[tuple[int, int]] = set()
    previous: tuple[_Found, int, int] | None = None  # the last quote's speaker, its last sentence, its end
    for quote in quotes:
        first, last = _sentence_at(sentences, ends, quote.start), _sentence_at(sentences, ends, quote.end - 1)
        hit = _quote_speaker(text, sentences, tokens, quote, first, last)
        if hit is None and previous and _goes_on(text, previous, quote, (first, last), sentences):
            hit = previous[0]  # `“...,” Peskov said. “...”`: the next quotation is Peskov's too
        if hit is None:
            previous = None
            continue
        previous = (hit, max(last, _sentence_at(sentences, ends, hit.cue[0])), quote.outer[1])
        used_cues.add(hit.cue)
        found.append((quote.start, _attribution(article, "quote", (quote.start, quote.end), quote.pieces,
                                                 hit, range(first, last + 1), text, sentences, published)))
    for index in range(len(sentences)):
        for hit in _reported(tokens.of(index)):
            if hit.content is not None and hit.cue not in used_cues and not quotes.covers(hit.cue[0]):
                found.append((hit.content[0], _attribution(article, "reported", hit.content, (), hit, [index],
                                                           text, sentences, published)))
    found.sort(key=lambda pair: pair[0])
    # The cues of statements whose mention names someone ("Other threatened legal challenges" names no one).
    cues = [a.cue_span for _, a in found if text[a.mention[0] : a.mention[1]].lower() not in NAMES_NOBODY]
    resolved = []
    for _, attribution in found:
        relays = _relays(attribution, cues)
        speaker, role = resolver.resolve(attribution.mention, channel=relays)
        resolved.append(replace(attribution, speaker=speaker, role=role, embedded=attribution.embedded or relays))
    return tuple(resolved)


def _relays(attribution: Attribution, cues: Sequence[tuple[int, int]]) -> bool:
    """Whether `attribution` credits a channel with another's words: "according to" or "reported" whose
    statement holds another cue ("Zalkaliani said on Thursday that..., according to Tass")."""
    if attribution.kind != "reported" or attribution.cue.lower() not in _RELAYING_CUES:
        return False
    return any(attribution.start <= start and end <= attribution.end for start, end in cues
               if (start, end) != attribution.cue_span)


_RELAYING_CUES = frozenset({"according to", "reported"})


def _goes_on(text: str, previous: tuple[_Found, int, int], quote: _Quote, spans: tuple[int, int],
             sentences: Sequence[tuple[int, int]]) -> bool:
    """Whether `quote`, over the sentences `spans` (first, last), opens the
    sentence right after the previous quote (or its cue) in the same paragraph,
    with no words of its own outside the marks in its sentences."""
    first, last = spans
    return (first == previous[1] + 1 and "\n\n" not in text[previous[2] : quote.outer[0]]
            and not text[sentences[first][0] : quote.outer[0]].strip()
            and not _own_words(text, quote, sentences[last][1]))


def _own_words(text: str, quote: _Quote, sentence_end: int) -> bool:
    """Words after the closing mark in its sentence ("..." he added). What
    follows a quotation that ends its sentence is the next sentence's (in an
    article written as one block, no paragraph break comes between)."""
    after = text[quote.outer[1] : sentence_end].split("\n", 1)[0]
    return bool(re.match(r"\s*[,;]?\s*[A-Za-z]", after))


def _attribution(article, kind, span, pieces, hit: _Found, indices, text, sentences, published) -> Attribution:
    indices = tuple(indices)
    said_on = said_date(text[sentences[indices[0]][0] : sentences[indices[-1]][1]], published) if indices else None
    return Attribution(
        article=article, kind=kind, start=span[0], end=span[1], speaker="", role="",
        mention=(hit.mention.start, hit.mention.end), cue=hit.cue_text, cue_span=hit.cue,
        sentences=indices, pieces=pieces or (span,), said_on=said_on, embedded=hit.embedded,
    )


# ---------------------------------------------------------------- quotations

_OPEN = {"“": "”", "„": "“", "«": "»", '"': '"', "‘": "’", "``": "''", "''": "''"}  # two ASCII marks: see passages
_ANY_OPEN = "“„«\"‘"
_ANY_MARK = re.compile("|".join(re.escape(mark) for mark in sorted(_OPEN, key=len, reverse=True)))  # two-character first
_SINGLE_REACH = 600  # characters a single quotation mark may stay open
_FRAME = 200  # characters around a quote searched for its speaker and cue


def find_quotes(text: str) -> list[_Quote]:
    """The quoted spans of `text`. A quote left open at a paragraph's end goes
    on when the next paragraph opens with a mark (the newspaper convention for
    a quote of several paragraphs); otherwise it ends with its paragraph."""
    quotes: list[_Quote] = []
    breaks = [m.start() for m in re.finditer("\n\n", text)]  # where paragraphs end
    found = _ANY_MARK.search(text)
    while found:
        i, mark = found.start(), found.group()
        quote = _close(text, i, mark, breaks) if _opens(text, i, len(mark)) else None
        if quote:
            quotes.append(quote)
        found = _ANY_MARK.search(text, quote.outer[1] if quote else i + 1)
    return quotes


def _opens(text: str, i: int, width: int = 1) -> bool:
    """Whether the mark of `width` characters at `i` opens a quote: after a space, a bracket, a dash or
    the start, before a word (an apostrophe in "don’t" never does)."""
    before = text[i - 1] if i else " "
    after = text[i + width] if i + width < len(text) else " "
    return (before.isspace() or before in "([—–-:/" or before in _ANY_OPEN) and not after.isspace()


def _close(text: str, i: int, mark: str, breaks: Sequence[int]) -> _Quote | None:
    """The quote opened by `mark` at `i`, or None when a single mark finds no
    close in its paragraph within _SINGLE_REACH (then it is an apostrophe)."""
    closer = _OPEN[mark]
    pieces: list[tuple[int, int]] = []
    start = i + len(mark)
    limit = min(len(text), start + _SINGLE_REACH) if mark == "‘" else len(text)
    while True:
        k = bisect.bisect_left(breaks, start)
        paragraph_end = min(breaks[k], limit) if k < len(breaks) else limit
        close = text.find(closer, start, paragraph_end)
        while close >= 0 and closer == "’" and close + 1 < len(text) and text[close + 1].isalpha():
            close = text.find(closer, close + 1, paragraph_end)  # "don’t": an apostrophe
        if close >= 0:
            pieces.append((start, close))
            return _Quote(pieces[0][0], close, (i, close + len(closer)), tuple(pieces))
        if mark == "‘" or (paragraph_end >= len(text) and start >= len(text)):
            return None
        pieces.append((start, paragraph_end))
        if paragraph_end >= len(text):
            return _Quote(pieces[0][0], len(text), (i, len(text)), tuple(pieces))
        following = paragraph_end
        while following < len(text) and text[following].isspace():
            following += 1
        if text.startswith(mark, following):  # the quote goes on in the next paragraph
            start = following + len(mark)
            continue
        return _Quote(pieces[0][0], pieces[-1][1], (i, paragraph_end), tuple(pieces))


class _Quotes(list):
    """The quotes of an article in order, found by position without a scan."""

    def __init__(self, quotes: Sequence[_Quote]):
        super().__init__(quotes)
        self._starts = [q.outer[0] for q in quotes]

    def between(self, start: int, end: int) -> list[_Quote]:
        """The quotes that overlap text[start:end]."""
        i = max(bisect.bisect_right(self._starts, start) - 1, 0)
        found = []
        while i < len(self) and self[i].outer[0] < end:
            if self[i].outer[1] > start:
                found.append(self[i])
            i += 1
        return found

    def covers(self, position: int) -> bool:
        return bool(self.between(position, position + 1))


class _SentenceTokens:
    """Each sentence's tokens, made once (quotes as single tokens), and the
    tokens of a part of a sentence by bisection."""

    def __init__(self, text: str, sentences: Sequence[tuple[int, int]], quotes: _Quotes):
        self.text, self.sentences, self.quotes = text, sentences, quotes
        self._made: dict[int, tuple[list[Token], list[int]]] = {}

    def of(self, index: int) -> list[Token]:
        return self._tokens(index)[0]

    def within(self, index: int, start: int, end: int) -> list[Token]:
        """The tokens of sentence `index` that lie inside text[start:end]."""
        tokens, starts = self._tokens(index)
        k = bisect.bisect_left(starts, start)
        found = []
        while k < len(tokens) and tokens[k].end <= end:
            found.append(tokens[k])
            k += 1
        return found

    def _tokens(self, index: int) -> tuple[list[Token], list[int]]:
        if index not in self._made:
            start, end = self.sentences[index]
            start += passages.dateline_length(self.text[start:end])  # "MUNICH (AP) —" is no one's words
            tokens = speakers.tokenize(self.text, start, end, self.quotes.between(start, end))
            self._made[index] = (tokens, [t.start for t in tokens])
        return self._made[index]


def _sentence_at(sentences: Sequence[tuple[int, int]], ends: Sequence[int], position: int) -> int:
    """The sentence holding `position` (the one before, when it falls between two)."""
    index = bisect.bisect_right(ends, position)
    if index >= len(sentences):
        return len(sentences) - 1
    return index if position >= sentences[index][0] or index == 0 else index - 1


def _quote_speaker(text, sentences, tokens: _SentenceTokens, quote: _Quote, first: int, last: int) -> _Found | None:
    """The speaker and cue of `quote`: after it in its last sentence, else before
    it in its first, else in the sentence before when that one ends in a colon."""
    if not sentences:
        return None
    # The cue stands near its quote: a frame of _FRAME characters either side is enough.
    after = tokens.within(last, quote.outer[1], quote.outer[1] + _FRAME)
    before = tokens.within(first, quote.outer[0] - _FRAME, quote.outer[0])
    me = Token(QUOTE, quote.outer[0], quote.outer[1])
    frame = [*before, me, *after]
    whole = not before or before[0].start == tokens.of(first)[0].start  # the frame opens on its sentence
    # A signature may open the next sentence: `“...shame.” ― Sonya Herridge`.
    signature = after or (tokens.of(last + 1) if last + 1 < len(sentences) else [])
    hit = _cue_near(frame, len(before), whole) or _colon_speaker(before) or _signed(signature)
    if hit is None and first > 0 and not speakers.words_of(before):
        prev_start, prev_end = sentences[first - 1]
        if text[prev_start:prev_end].rstrip().endswith(":"):
            previous = tokens.of(first - 1)
            hit = _cue_near([*previous, me], len(previous))
    return hit


def _colon_speaker(before: list[Token]) -> _Found | None:
    """"Clinton: “...”": a name and a colon just before the quote."""
    if len(before) < 2 or before[-1].text != ":":
        return None
    mention = speakers.left_phrase(before, len(before) - 2)
    if mention is None or not speakers.name_part(mention.words) or mention.start != _opening(before, mention):
        return None
    return _Found(mention, (before[-1].start, before[-1].end), ":")


def _signed(after: list[Token]) -> _Found | None:
    """`“...” ― Sonya Herridge`: a name after a dash right after the quote, and nothing after the name but
    the end of its sentence or the next quote (a page's pull-quotes and readers' voices are signed so)."""
    if len(after) < 2 or after[0].text not in _SIGNING_DASHES:
        return None
    end = 1
    while end < min(len(after), _MAX_SIGNATURE + 1) and after[end].text[:1].isupper() and after[end].text[:1].isalpha():
        end += 1
    words = tuple(t.text for t in after[1:end])
    if not words or speakers.name_part(words) != words or (end < len(after) and after[end].text not in {".", QUOTE}):
        return None
    return _Found(NounPhrase(words, after[1].start, after[end - 1].end), (after[0].start, after[0].end), after[0].text)


_SIGNING_DASHES = frozenset({"―", "—", "–", "--"})
_MAX_SIGNATURE = 4  # words of a name that signs a quote


def _opening(tokens: list[Token], mention: NounPhrase) -> int:
    """Where the clause of `mention` opens: it must stand alone before the colon."""
    inside = [t for t in tokens if t.start < mention.start]
    return mention.start if not inside or inside[-1].text in {".", ",", ";", speakers.QUOTE} else -1


def _cue_near(tokens: list[Token], at: int, whole: bool = True) -> _Found | None:
    """The cue nearest the quote token at `at` that has a speaker (`whole`: see `speakers.speaker_of`)."""
    cues = [(abs(i - at), i, length) for i, length in speakers.cues(tokens)]
    for _, i, length in sorted(cues):
        mention = speakers.speaker_of(tokens, i, length, quoted=True, whole=whole)
        if mention is not None:
            return _Found(mention, (tokens[i].start, tokens[i + length - 1].end),
                          " ".join(t.text for t in tokens[i : i + length]))
    return None


# ---------------------------------------------------------------- reported speech

_MIN_CONTENT_WORDS = 3


def _reported(tokens: list[Token]) -> list[_Found]:
    """Reported statements of one sentence, given its tokens."""
    found = []
    for i, length in speakers.cues(tokens):
        if tokens[i].text.lower() in speakers.QUOTE_ONLY_CUES:
            continue
        mention = speakers.speaker_of(tokens, i, length, quoted=False)
        if mention is None:
            continue
        content = speakers.reported_content(tokens, i, length, mention)
        if content is None:
            continue
        said = [t for t in tokens if content[0] <= t.start < content[1]]
        if any(t.text == QUOTE for t in said) or len(speakers.words_of(said)) < _MIN_CONTENT_WORDS:
            continue
        cue = tokens[i].text.lower()
        if cue in _ALSO_NOT_SAYING and content[0] > tokens[i].start and not _a_clause(
                cue, [t for t in tokens[i + length :] if t.start < content[1]]):  # "that" too, which `said` leaves out
            continue  # "Cold claims dozens of lives", "Shares added 3 percent": no statement follows
        found.append(_Found(mention, (tokens[i].start, tokens[i + length - 1].end),
                            " ".join(t.text for t in tokens[i : i + length]), content,
                            embedded=_in_relative_clause(tokens, mention)))
    return found


def _in_relative_clause(tokens: list[Token], mention: NounPhrase) -> bool:
    """Whether `mention` is the subject of a relative clause ("a pact [in which North Korea pledged] to give
    up...", "[during which he says] he was beaten")."""
    at = next((k for k, t in enumerate(tokens) if t.start >= mention.start), len(tokens))
    return at > 0 and tokens[at - 1].text.lower() in _RELATIVE_OPENERS


_RELATIVE_OPENERS = frozenset({"which", "whom", "whereby"})


# Cues that are also verbs of taking, keeping or adding: a statement follows them only as a clause.
_ALSO_NOT_SAYING = frozenset({"claim", "claims", "claimed", "claiming", "maintain", "maintains", "maintained",
                              "maintaining", "add", "adds", "added", "adding", "hold", "holds", "held", "holding",
                              # "after he threatened a court challenge": a threat of an act, no statement
                              "threaten", "threatens", "threatened", "threatening",
                              # "Police charged them with writing articles...": an indictment, no statement
                              "charge", "charges", "charged", "charging"})


def _a_clause(cue: str, said: Sequence[Token]) -> bool:
    """Whether the words `said` make a clause: opened by "that", or holding a finite verb before any clause
    of their own ("threatened an attack on the rebels [if they did not free their captives]") or "with"
    ("charged Pinochet [with crimes committed]..."); or a claim of what one did ("Hamas claimed
    responsibility for the bombing"), a statement all the same."""
    words = [t.text.lower() for t in said]
    if words[:1] == ["to"] and cue in _ADDING:
        return False  # "The Senate added to that bloated omnibus": made it larger
    own = list(itertools.takewhile(lambda w: w not in _NOT_THE_CLAIM, words[1:]))
    return bool(words) and (words[0] in ("that", "responsibility", "credit")
                            or any(FINITE_VERB.fullmatch(w) for w in own))


_ADDING = frozenset({"add", "adds", "added", "adding"})
# Words after which a cue's object goes on with something other than what was claimed.
_NOT_THE_CLAIM = frozenset({"if", "unless", "when", "because", "after", "before", "until", "while", "with", ";"})


# ---------------------------------------------------------------- dates

_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"]
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_DAY_OF_MONTH = re.compile(
    r"\b(" + "|".join(m.capitalize() for m in _MONTHS) + r")\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?\b")
_MONTH_FIRST = re.compile(r"\b(\d{1,2})\s+(" + "|".join(m.capitalize() for m in _MONTHS) + r")(?:\s+(\d{4}))?\b")
_ON_WEEKDAY = re.compile(r"\b(?:on|last)\s+(" + "|".join(d.capitalize() for d in _WEEKDAYS) + r")\b")


def said_date(sentence: str, published: date | None) -> date | None:
    """The day a sentence says its statement was made ("on Monday", "March 30",
    "30 March 2022"), read against the article's date; None when it names none."""
    match = _DAY_OF_MONTH.search(sentence)
    if match:
        return _day(published, int(match.group(3) or 0), _MONTHS.index(match.group(1).lower()) + 1,
                    int(match.group(2)))
    match = _MONTH_FIRST.search(sentence)
    if match:
        return _day(published, int(match.group(3) or 0), _MONTHS.index(match.group(2).lower()) + 1,
                    int(match.group(1)))
    match = _ON_WEEKDAY.search(sentence)
    if match and published:
        back = (published.weekday() - _WEEKDAYS.index(match.group(1).lower())) % 7
        return published - timedelta(days=back)
    return None


def _day(published: date | None, year: int, month: int, day: int) -> date | None:
    if not year:
        if published is None:
            return None
        year = published.year - ((month, day) > (published.month, published.day))
    try:
        return date(year, month, day)
    except ValueError:
        return None
