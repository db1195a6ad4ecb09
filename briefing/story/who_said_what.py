"""From the attributions of every article to the briefing's parts: the
"Who said what" entries, and the speaker of each summary sentence.

The product's rule: no claim is shown without the speaker its source gives it.
A sentence that is a quotation or a reported claim is a summary candidate only
when its source names the speaker (a name, or a description such as "a senior
official"); one whose speaker is a pronoun the article never resolves, or a
quotation with no speaker found, is left out (`Attributed.usable`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace

from briefing.models import Article, Passage, Sentence, Speaker, Statement, SummarySentence
from briefing.story.attributions import Attribution, extract, find_quotes
from briefing.story.corroboration import Matcher, Outlets

# A quoted span this short ("unacceptable") says little alone: its sentence is the statement.
MIN_QUOTE_WORDS = 8
# A sentence this much inside quotation marks is a quotation, whoever said it.
QUOTED_SHARE = 0.5


def attributions_of(articles: Sequence[Article], passages: Sequence[Passage]) -> list[Attribution]:
    """Every attribution of every article, on the pipeline's sentence split."""
    spans: dict[int, list[tuple[int, int]]] = {}
    for passage in passages:
        spans.setdefault(passage.article, []).extend((s.start, s.end) for s in passage.sentences)
    found: list[Attribution] = []
    for number in sorted(spans):  # an article none of `passages` is from has no sentence to attribute
        found += extract(number, articles[number].text, sorted(spans[number]), articles[number].published)
    return found


class Attributed:
    """The attributions of a story, looked up by the sentence they cover."""

    def __init__(self, found: Sequence[Attribution]):
        self.found = list(found)
        self._by_sentence: dict[tuple[int, int], Attribution] = {}
        # A named speaker first, then a quotation: the best answer to "who said this?" A statement inside a
        # relative clause answers it for its clause, not for the sentence ("...a pact in which North Korea
        # pledged to give up its program" is not North Korea's sentence).
        for attribution in sorted(found, key=lambda a: (not a.speaker, not a.role, a.kind != "quote")):
            if attribution.embedded:
                continue
            for index in attribution.sentences:
                self._by_sentence.setdefault((attribution.article, index), attribution)

    def of(self, sentence: Sentence) -> Attribution | None:
        return self._by_sentence.get((sentence.article, sentence.index))

    def usable(self, sentence: Sentence) -> bool:
        """Whether `sentence` may be shown: not a claim whose speaker its source leaves unknown."""
        attribution = self.of(sentence)
        if attribution is None:
            return not mostly_quoted(sentence.text)
        return bool(attribution.speaker or attribution.role)

    def speaker_of(self, cited: SummarySentence, sentence: Sentence | None) -> SummarySentence:
        """`cited` with the speaker its source gives it, when it is an attributed statement."""
        attribution = self.of(sentence) if sentence else None
        if attribution is None or not (attribution.speaker or attribution.role):
            return cited
        named = names_speaker(cited.text, attribution.speaker, attribution.role)
        return replace(cited, speaker=attribution.speaker, speaker_role=attribution.role, speaker_named=named)


def names_speaker(text: str, name: str, role: str) -> bool:
    """Whether `text` names its speaker as fully as the source does: every word of the `name` but its
    initials ("Barnett Slepian" names "Barnett A. Slepian"), or the last word of a `role` given for a
    speaker the source does not name. "Rubin said..." does not name "James Rubin": a reader of the
    bullet alone would not know which Rubin, and the briefing shows the name per its source."""
    words = set(re.findall(r"[\w-]+", text.lower()))
    if name:
        return all(w in words for w in re.findall(r"[\w-]+", name.lower()) if len(w) > 1)
    return role.split()[-1].lower() in text.lower()


def mostly_quoted(text: str) -> bool:
    """Whether most of `text` stands inside quotation marks."""
    inside = sum(q.end - q.start for q in find_quotes(text))
    return inside >= QUOTED_SHARE * len(text.strip())


def speakers(
    found: Sequence[Attribution],
    articles: Sequence[Article],
    sentences: Sequence[Sentence],
    matcher: Matcher,
    outlets: Outlets,
    score: Callable[[str], float],
    limit: int,
    per_speaker: int,
) -> tuple[Speaker, ...]:
    """The "Who said what" entries: every named speaker with their key statements,
    the speaker quoted by the most articles first (then by the most outlets,
    then the most often): the people the story turns on."""
    by_place = {(s.article, s.index): s for s in sentences}
    groups: dict[str, list[Attribution]] = {}
    for attribution in found:
        if attribution.speaker and not attribution.embedded:  # its sentence is not the speaker's
            groups.setdefault(attribution.speaker, []).append(attribution)
    entries = []
    for name, said in _merge_names(groups).items():
        statements = _statements(said, articles, by_place, matcher, score)[:per_speaker]
        if not statements:
            continue
        quoted_in = sorted({a.article + 1 for a in said})
        reach = (len(quoted_in), outlets.count(a.article for a in said), len(said))
        entries.append((reach, Speaker(name, _role(said), tuple(statements), tuple(quoted_in))))
    entries.sort(key=lambda e: (tuple(-n for n in e[0]), e[1].name))
    return tuple(entry for _, entry in entries[:limit])


def _merge_names(groups: dict[str, list[Attribution]]) -> dict[str, list[Attribution]]:
    """One group per person: "Peskov" joins "Dmitry Peskov", "Davit" and "David
    Zalkaliani" (one surname, first names alike in their first three letters) are one.
    A name of one word that begins one fuller name, and only one, joins it too: the
    short form of a name written family name first or of one with no surname
    ("Mahathir" of "Mahathir Mohamad", "Kim" of "Kim Dae-jung")."""
    names = sorted(groups, key=lambda n: (-len(n.split()), -len(groups[n]), n))
    merged: dict[str, list[Attribution]] = {}
    for name in names:
        home = next((kept for kept in merged if _same_person(name, kept)), None)
        if home is None and " " not in name:
            begun = [kept for kept in merged if " " in kept and kept.split()[0] == name]
            home = begun[0] if len(begun) == 1 else None
        merged.setdefault(home or name, []).extend(groups[name])
    return merged


def _same_person(name: str, kept: str) -> bool:
    short, long = name.lower().split(), kept.lower().split()  # "De Klerk" opens a sentence, "F.W. de Klerk"
    if short == long[-len(short):]:
        return True
    return (len(short) == len(long) >= 2 and short[-1] == long[-1]
            and short[0][:3].lower() == long[0][:3].lower())


def _role(said: Sequence[Attribution]) -> str:
    """The role the sources give most often (the longest of those)."""
    roles = Counter(a.role for a in said if a.role and a.role[0].isalpha())
    if not roles:
        return ""
    best = max(roles.values())
    return max((r for r, n in roles.items() if n == best), key=len)


def _statements(said, articles, by_place, matcher: Matcher, score) -> list[Statement]:
    """A speaker's statements, verbatim and cited, the same statement from two
    sources said once (crediting both), the most central first."""
    kept: list[tuple[Statement, Sentence]] = []
    for attribution in said:
        statement, probe = _statement(attribution, articles[attribution.article], by_place)
        if statement is None:
            continue
        # The same words are the same statement, whatever the sentences around them ("She had said she
        # would run again in 2000." in three articles; a quotation split around its cue, met twice).
        twin = next((k for k, (said, other) in enumerate(kept)
                     if said.text == statement.text or matcher.same(probe, other)), None)
        if twin is None:
            kept.append((statement, probe))
        elif statement.kind == "quote" and kept[twin][0].kind != "quote":
            # The speaker's own words stand for what another source only reports them as saying.
            first = kept[twin][0]
            credited = tuple(s for s in (first.source, *first.also) if s != statement.source)
            kept[twin] = (replace(statement, also=(*statement.also, *credited)), probe)
        elif statement.source not in (kept[twin][0].source, *kept[twin][0].also):
            first = kept[twin][0]
            kept[twin] = (replace(first, also=(*first.also, statement.source)), kept[twin][1])
    kept.sort(key=lambda pair: (pair[0].kind != "quote", -score(pair[0].text, 1 + len(pair[0].also))))
    return [statement for statement, _ in kept]


def _statement(attribution: Attribution, article: Article, by_place) -> tuple[Statement | None, Sentence]:
    """The words to show for an attribution (a quotation of MIN_QUOTE_WORDS or
    more as quoted, otherwise the sentences that carry the statement), and
    those sentences, which the same-statement test compares."""
    covered = [by_place.get((attribution.article, i)) for i in attribution.sentences]
    covered = [s for s in covered if s is not None]
    if not covered:
        return None, Sentence("", attribution.article, -1, attribution.start, attribution.end)
    around = article.text[covered[0].start : covered[-1].end]
    probe = Sentence(around, attribution.article, -1, covered[0].start, covered[-1].end)
    start, end = attribution.start, attribution.end
    quoted = attribution.kind == "quote" and len(article.text[start:end].split()) >= MIN_QUOTE_WORDS
    if not quoted:
        start, end = probe.start, probe.end
    text = article.text[start:end].strip(" ,")
    start = article.text.index(text, start) if text else start
    statement = Statement(text, attribution.article + 1, start, start + len(text), attribution.kind,
                          attribution.cue, attribution.said_on, quoted=quoted)
    return (statement if len(text.split()) >= 3 else None), probe
