"""Clean stage: `RawDocument` -> `Article`.

Rebuilds paragraphs from the layouts plain-text articles come in, moves the
title, byline and dateline into metadata, and drops boilerplate with general
rules. Every kept paragraph is the source's own characters, whitespace
collapsed, so later stages can quote it verbatim.
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import PurePosixPath

from briefing.models import Article, RawDocument
from briefing.urls import parse as parse_url

HEADER_SCAN = 8  # leading paragraphs searched for title, byline and dateline
MAX_RULE_CHARS = 600  # longer paragraphs are body text, never boilerplate
MAX_REPEATED_CHARS = 300  # longer repeated paragraphs are shared copy, not site furniture
WRAP_SLACK = 0.85  # a line this close to the wrap width was broken by the wrapper
WRAP_WIDTHS = (40, 200)  # plausible hard-wrap widths; outside them lines are paragraphs

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")
_CLOSERS = "\"'”’»)]›*"
_SENTENCE_END = frozenset(".!?…。！？")
_HEADING_END = frozenset(".!…。！:")  # a question can be a subhead
_TITLE_END = frozenset(".,;:。")
_EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
_LINK = re.compile(rf"(?:https?://|www\.)\S+|{_EMAIL}")
_QUOTE = re.compile(r"[\"“”„«»]")
_SEPARATORS = (" | ", " › ", " » ", " > ")
_NAVIGATION = re.compile(
    r"^(?:skip to (?:the )?(?:main )?(?:content|navigation|menu)|see also|also (?:read|see)"
    r"|read (?:more|also|next)|related(?: (?:articles?|stor(?:y|ies)|posts?|news|coverage|content"
    r"|reading|links?|topics))?|further reading|recommended(?: for you)?|most (?:read|popular)"
    r"|trending(?: now)?|you (?:may|might) also (?:like|enjoy)|don'?t miss|watch|listen"
    r"|photo|image|video|source|tags?|topics?|filed under)\s*(?:$|[:|»›>\-–—])",
    re.I,
)
_NOTICES = tuple(
    re.compile(pattern, re.I)
    for pattern in (  # each a family: cookies, consent, translations, newsletters, sharing, ads, rights, ...
        r"\b(?:we|(?:this|our) (?:web ?)?site) uses? cookies\b|\bcookie (?:policy|settings|preferences|notice|consent)\b",
        r"\baccept (?:all )?cookies\b|\bby (?:continuing|clicking|using)\b.{0,60}\byou (?:agree|consent|accept)\b",
        r"\b(?:is )?(?:also )?available in\s*:",
        r"\b(?:subscribe|sign up|sign-up)\b.{0,50}\b(?:newsletters?|updates|alerts|inbox|our)\b",
        r"^(?:share|tweet|e-?mail|print|copy link|comments?)\b(?: (?:this|on|via|to|link|article|story|page)\b.{0,40})?$",
        r"^(?:advertisement|advertising|sponsored(?: content)?|promoted|paid content)$|\bcontinues? below\b",
        r"\ball rights reserved\b|©|\(c\) (?:19|20)\d\d|\bcopyright (?:19|20)\d\d",
        r"^placeholder\b|^loading(?:\W*$| (?:article|comments?|video|content|player))",
    )
)
# A site disclaimer: disowning views, and naming the site (so that political
# sentences like "does not reflect the views of the people" survive). Two
# searches, not one pattern with a look-ahead, which would rescan the line
# from every position.
_DISOWNS_VIEWS = re.compile(
    r"(?:\bnot (?:all|every)\b.{0,60}\bexpress(?:es)?\b|\b(?:does|do|did) ?n[o']t (?:necessarily )?"
    r"(?:reflect|represent|express)\b).{0,40}\b(?:views?|opinions?|point of view|position)\b",
    re.I,
)
_NAMES_THE_SITE = re.compile(r"\b(?:site|website|publication|editors?|editorial|author|platform|portal|newspaper)\b", re.I)
_JOB_CUES = tuple(
    re.compile(pattern, re.I)
    for pattern in (
        r"\bsend (?:your |us (?:your )?|an? )?(?:cv|resume|résumé|application)\b",
        r"\bcover letter\b",
        r"\b(?:we are|we're|now) hiring\b|\bjoin our team\b|\bjob (?:openings?|vacanc)",
        r"\bseeks?\b.{0,60}\b(?:specialists|journalists|correspondents|freelancers|contributors|writers|reporters|editors|interns)\b",
        r"\b(?:competitive|attractive) (?:remuneration|salary|pay)\b|\bwriting samples?\b|\bapply (?:now|today)\b",
        _EMAIL,
    )
)
_TRAILER = re.compile(
    r"^(?:reporting|editing|writing|additional reporting|compiled) by\b|^contact\b"
    # Editors' notes about the piece itself: "This article was originally published in Russian."
    r"|^this (?:article|story|piece|interview)\b(?:\s+\w+){0,3}?\s+"
    r"(?:published|updated|translated|appeared|corrected|edited|condensed)\b",
    re.I,
)
_SITE_TALK = re.compile(
    r"\b(?:we|our|us|you|your|site|website|portal|page|click|app|newsletter|subscribe|follow|editorial"
    r"|editors?|advertis\w*|cookies?|rights|contact|e-?mail)\b",
    re.I,
)

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH = r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DATES = (
    re.compile(r"(?<!\d)(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?!\d)"),
    re.compile(rf"\b{_MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})(?!\d)", re.I),
    re.compile(rf"(?<!\d)(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+(?P<y>\d{{4}})(?!\d)", re.I),
    re.compile(r"(?<!\d)(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})(?!\d)"),
)
_WEEKDAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|rsday|urday|sday)?\.?"
_DATE_NOISE = re.compile(
    rf"\b{_WEEKDAY}(?!\w)|\d{{1,2}}[:.]\d{{2}}(?:[:.]\d{{2}})?|\b\d{{1,2}}\s*[ap]\.?m\b\.?|\b[ap]\.?m\b\.?"
    r"|\b(?:published|updated|posted|last|modified|on|at|date|time|gmt|utc)\b|(?-i:\b[A-Z]{2,5}\b|T(?=\d)|Z\b)|[+-]\d{2}",
    re.I,
)
_BYLINE = re.compile(r"^(?:(?:[Ww]ritten|[Ww]ords|[Rr]eported|[Tt]ext|[Ss]tory) by|By|BY)\s*:?\s+(?P<rest>.+)$")
_BYLINE_SPLIT = re.compile(r"\s*(?:[|,;•·]|\s[-–—]\s)\s*")
_NAME_PARTICLES = frozenset(["and", "&", "de", "da", "del", "der", "den", "van", "von", "al", "bin", "ibn", "la", "le", "di", "du", "dos"])
_NOT_NAMES = re.compile(rf"^(?:{_WEEKDAY}|{_MONTH}|the|a|an)$", re.I)


def clean(raw: RawDocument, repeated: frozenset[str] = frozenset()) -> Article:
    """Clean one document: paragraphs rebuilt, header read, boilerplate dropped.

    `repeated` holds normalized lines (see `repeated_lines`) to drop as site
    furniture. An article with nothing left has empty text; the caller decides.
    """
    paras = _paragraphs(raw.text)
    header = _read_header(paras, raw, repeated) if raw.has_header else _Header()
    body, removed = [], []
    for i, para in enumerate(paras):
        if i in header.taken:
            continue
        if _is_boilerplate(para, repeated) or _is_heading(para):
            removed.append(para)
        else:
            body.append(para)
    while body and _is_trailer(body[-1]):
        removed.append(body.pop())
    text, spans = _join(body)
    return Article(
        origin=raw.origin,
        title=raw.title or header.title or _lead(text) or _stem(raw.origin),
        has_headline=bool(raw.title or header.title),
        text=text,
        paragraphs=spans,
        author=raw.author or header.author,
        outlet=raw.outlet,
        published=raw.published or header.published,
        url=raw.url,
        removed=tuple(removed),
        also=raw.also,
    )


def clean_all(raws: Sequence[RawDocument]) -> list[Article]:
    """Clean a corpus, first finding the lines its sites repeat across pages."""
    repeated = repeated_lines(raws)
    return [clean(raw, repeated) for raw in raws]


def repeated_lines(raws: Sequence[RawDocument]) -> frozenset[str]:
    """Normalized paragraphs that several documents share and that read as site furniture.

    A shared sentence carrying a quotation, or one only two outlets share, is
    kept: that is the same story told twice, not boilerplate.
    """
    docs: dict[str, set[int]] = defaultdict(set)
    for i, raw in enumerate(raws):
        for para in _paragraphs(raw.text):
            if len(para) <= MAX_REPEATED_CHARS:
                docs[_key(para)].add(i)
    sites = [_site(raw) for raw in raws]
    return frozenset(key for key, found in docs.items() if _is_furniture(key, [sites[i] for i in found]))


def parse_date(text: str) -> date | None:
    """The first date written in `text` ("2022-04-01", "April 1, 2022", "1 Apr 2022", ...)."""
    found = _find_date(text[:1000])
    return found[0] if found else None


def _paragraphs(text: str) -> list[str]:
    blocks = _blocks(text)
    width = _wrap_width(blocks)
    paras = []
    for block in blocks:
        current = [block[0]]
        for line, following in itertools.pairwise(block):
            if not _continues(line, following, width):
                paras.append(_collapse(" ".join(current)))
                current = []
            current.append(following)
        paras.append(_collapse(" ".join(current)))
    return [para for para in paras if para]


def _blocks(text: str) -> list[list[str]]:
    text = _CONTROL.sub(" ", text.replace("\ufeff", "").replace("\r\n", "\n").replace("\r", "\n"))
    blocks: list[list[str]] = [[]]
    for line in text.split("\n"):
        line = line.strip()
        if line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [block for block in blocks if block]


def _wrap_width(blocks: list[list[str]]) -> int | None:
    """The hard-wrap width of a document, or None when its lines are paragraphs."""
    inner = [line for block in blocks for line in block[:-1]]
    if len(inner) < 3:
        return None
    middle = statistics.median(len(line) for line in inner)
    band = [line for line in inner if 0.8 * middle <= len(line) <= 1.2 * middle]
    open_ended = [line for line in band if not _ends_sentence(line)]
    if not WRAP_WIDTHS[0] <= middle <= WRAP_WIDTHS[1] or len(band) < 0.6 * len(inner) or len(open_ended) < 0.5 * len(band):
        return None
    return max(len(line) for line in band)


def _continues(line: str, following: str, width: int | None) -> bool:
    """Whether `following` carries on the paragraph `line` belongs to."""
    if not _ends_sentence(line) and following[:1].islower():
        return True
    if width is None or _parse_byline(following) or _parse_date_line(following):
        return False
    # A wrapper breaks only where the next word would not fit; the slack allows
    # for uneven widths, except after a full stop, where a paragraph may end.
    limit = width if _ends_sentence(line) else WRAP_SLACK * width
    return len(line) + 1 + len(re.split(r"\s", following, maxsplit=1)[0]) > limit


@dataclass(frozen=True)
class _Header:
    """What the top of a document says about it."""

    title: str | None = None
    author: str | None = None
    published: date | None = None
    taken: frozenset[int] = frozenset()  # paragraphs that were header, not body


def _read_header(paras: list[str], raw: RawDocument, repeated: frozenset[str]) -> _Header:
    """Title, byline and dateline from the first paragraphs, skipping furniture among them.

    The title is the first surviving paragraph, if it reads like one; bylines
    and datelines count anywhere in the first `HEADER_SCAN` paragraphs.
    """
    title = author = published = None
    taken: set[int] = set()
    in_header, seen_title = True, False
    for i, para in enumerate(paras[:HEADER_SCAN]):
        byline = _parse_byline(para)
        day = None if published else _parse_date_line(para)
        if byline and not author:
            author, published = byline[0], published or byline[1]
        elif day:
            published = day
        elif not in_header or _is_boilerplate(para, repeated):
            continue
        elif not seen_title and raw.title and _key(para) == _key(raw.title):
            seen_title = True
        elif not seen_title and not raw.title and _looks_like_title(para):
            title, seen_title = para, True
        else:
            in_header = False
            continue
        taken.add(i)
    return _Header(title, author, published, frozenset(taken))


def _parse_byline(para: str) -> tuple[str, date | None] | None:
    match = _BYLINE.match(para) if len(para) <= 150 else None
    if not match:
        return None
    name, *rest = _BYLINE_SPLIT.split(match["rest"], maxsplit=1)
    words = name.split()
    if not 1 <= len(words) <= 8 or any(not _is_name_word(word) for word in words) or _NOT_NAMES.match(name):
        return None
    tail = rest[0] if rest else ""
    if len(tail.split()) > 10:
        return None
    return name, parse_date(tail)


def _is_name_word(word: str) -> bool:
    return word.lower() in _NAME_PARTICLES or (word[0].isupper() and not any(c.isdigit() for c in word))


def _parse_date_line(para: str) -> date | None:
    """The date of a line that is only a dateline (weekday, time and labels allowed)."""
    found = _find_date(para) if len(para) <= 120 else None
    if not found:
        return None
    day, match = found
    residue = _DATE_NOISE.sub(" ", para[: match.start()] + " " + para[match.end() :])
    return None if re.search(r"\w", residue) else day


def _find_date(text: str) -> tuple[date, re.Match] | None:
    for pattern in _DATES:
        for match in pattern.finditer(text):
            if day := _to_date(match):
                return day, match
    return None


def _to_date(match: re.Match) -> date | None:
    parts = match.groupdict()
    month = _MONTHS.index(parts["mon"][:3].lower()) + 1 if parts.get("mon") else int(parts["m"])
    try:
        return date(int(parts["y"]), month, int(parts["d"]))
    except ValueError:
        return None


def _looks_like_title(para: str) -> bool:
    return len(para) <= 250 and len(para.split()) <= 30 and _last_char(para) not in _TITLE_END and not para[0].islower()


def _is_boilerplate(para: str, repeated: frozenset[str]) -> bool:
    """Whether a paragraph is page furniture rather than article text."""
    if len(para) <= MAX_REPEATED_CHARS and _key(para) in repeated:
        return True
    if len(para) > MAX_RULE_CHARS:
        return False
    rules = (_is_breadcrumb, _is_link_only, _is_navigation, _is_notice, _is_job_ad)
    return any(rule(para) for rule in rules)


def _is_breadcrumb(para: str) -> bool:
    return para.startswith(("|", "»", "›", ">")) or sum(para.count(sep) for sep in _SEPARATORS) >= 2


def _is_link_only(para: str) -> bool:
    """Bare URLs and e-mail addresses, or no words at all."""
    linked = sum(len(match) for match in _LINK.findall(para))
    return linked >= 0.5 * len("".join(para.split())) or not re.search(r"\w", para)


def _is_navigation(para: str) -> bool:
    return bool(_NAVIGATION.match(para))


def _is_notice(para: str) -> bool:
    if any(pattern.search(para) for pattern in _NOTICES):
        return True
    return bool(_DISOWNS_VIEWS.search(para) and _NAMES_THE_SITE.search(para))


def _is_job_ad(para: str) -> bool:
    return sum(1 for cue in _JOB_CUES if cue.search(para)) >= 2


def _is_heading(para: str) -> bool:
    """A short line that is no sentence: subhead, teaser headline, label."""
    return len(para) <= 160 and len(para.split()) <= 16 and _last_char(para) not in _HEADING_END


def _is_trailer(para: str) -> bool:
    """Credits and crumbs after the last real paragraph."""
    return len(para) <= 300 and bool(_TRAILER.match(para) or _LINK.search(para))


def _is_furniture(key: str, sites: list[str | None]) -> bool:
    """Whether a paragraph found on the pages of `sites` is site furniture."""
    if len(sites) < 2 or _QUOTE.search(key):
        return False
    known = [site for site in sites if site]
    if len(set(known)) < len(known) or (len(key.split()) <= 4 and not _ends_sentence(key)):
        return True
    # Across outlets a shared sentence is usually wire copy, so only lines
    # that talk about the site or its reader go.
    return len(sites) >= 3 and bool(_SITE_TALK.search(key))


def _site(raw: RawDocument) -> str | None:
    if raw.outlet:
        return raw.outlet.casefold()
    host = parse_url(raw.url or "").hostname or parse_url(raw.origin).hostname
    return host.removeprefix("www.") if host else None


def _lead(text: str, words: int = 12) -> str:
    """A stand-in title for an untitled article: the opening words of its text."""
    opening = text.split("\n\n", 1)[0].split()
    return " ".join(opening[:words]) + ("…" if len(opening) > words else "")


def _stem(origin: str) -> str:
    address = parse_url(origin)
    name = re.split(r"[\\/]", (address.path if address.scheme else origin).rstrip("/\\"))[-1]
    return PurePosixPath(name).stem or name or address.hostname or origin


def _join(paras: list[str]) -> tuple[str, tuple[tuple[int, int], ...]]:
    spans, offset = [], 0
    for para in paras:
        spans.append((offset, offset + len(para)))
        offset += len(para) + 2
    return "\n\n".join(paras), tuple(spans)


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _key(para: str) -> str:
    return _collapse(para).casefold()


def comparable(text: str) -> str:
    """`text` as `repeated_lines` compares lines: controls as spaces, white
    space collapsed, case folded; a repeated line occurs in it as a substring."""
    return _key(_CONTROL.sub(" ", text.replace("\ufeff", "")))


def _last_char(text: str) -> str:
    return text.rstrip(_CLOSERS)[-1:]


def _ends_sentence(text: str) -> bool:
    return _last_char(text) in _SENTENCE_END
