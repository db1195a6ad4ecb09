"""What is new since the previous edition: update summarization (TAC 2008-2011).

The "New since" section draws only on articles added or changed since the
previous edition, and of those only on sentences that say something the
previous edition's readers have not seen (`similarity.Knowledge`). "Old" is the previous edition's own summary and every article it
was built from. A new article that repeats known facts adds nothing.

Numbers count here (unlike in `cite`): "9 dead" after "7 dead" is news, so
a sentence is known only where its numbers are known too.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from briefing.models import Passage, Sentence, SummarySection
from briefing.story import cite, summarize
from briefing.text.similarity import Knowledge


@dataclass(frozen=True)
class Changes:
    """Articles, by origin, since the previous edition."""

    new: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.new or self.changed or self.removed)


def compare(previous: Mapping[str, str], current: Mapping[str, str]) -> Changes:
    """Origins added, changed or removed, given each edition's origin -> content hash."""
    return Changes(
        new=tuple(o for o in current if o not in previous),
        changed=tuple(o for o in current if o in previous and previous[o] != current[o]),
        removed=tuple(o for o in previous if o not in current),
    )


def new_since_section(
    passages: Sequence[Passage], known: Knowledge, words_budget: int, summarizer: str, title: str,
    keep: Callable[[Sentence], bool] = lambda s: True,
) -> SummarySection:
    """The "New since" section: novel sentences of `passages` (the new and changed
    articles') that `keep` accepts (never a claim whose speaker is unknown, in a build),
    summarized within `words_budget` and cited among those articles only."""
    sentences = [s for p in passages for s in p.sentences]
    chosen = summarize.summarize(sentences, words_budget, summarizer, keep=lambda s: keep(s) and not known.knows(s.text))
    return SummarySection(title, cite.cite(chosen, sentences), tuple(passages), anchor="new-since")
