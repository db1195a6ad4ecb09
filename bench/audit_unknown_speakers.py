"""The candidates a key point may not quote, and why: `python bench/audit_unknown_speakers.py [SEED] [--sample N]`.

A key point never quotes a claim whose speaker its source leaves unknown
(`who_said_what.Attributed.usable`). This lists the summary candidates of DUC
2003 and the DUC 2004 dev clusters that the rule excludes, counted by kind
(an unattributed quotation, a quotation or reported claim whose speaker
mention resolved to nothing) and by mention, then prints a random sample of
them with the sentence before, to judge by eye how many have a speaker the
source does give (a false "unknown"). Reads the shared datasets in place
(never copy them into the project); a few seconds of CPU.
"""

from __future__ import annotations

import argparse
import collections
import random
import sys
from pathlib import Path

# Run as a plain script from a checkout: make the package importable.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from eval_sets import SETS

from briefing import pipeline
from briefing.evaluate import load_clusters, split_half
from briefing.story import summarize, who_said_what

Row = tuple[str, str, int, int, str, str, str, str]  # set, cluster, article, index, kind, mention, text, before


def excluded() -> list[Row]:
    """Every summary candidate of the three sets that the rule refuses, as the pipeline judges it: by each
    sentence it is made of (`summarize.candidates(..., keep=Attributed.usable)`). A candidate that joins a
    lead-in to a quotation ("Russian officials added... '...,' said Alexander Krasnov") is judged by the
    quotation's own sentences, not looked up as the lead-in."""
    rows: list[Row] = []
    for name, (path, half) in SETS.items():
        for cluster in split_half(load_clusters(path), half):
            articles = list(cluster.articles)
            passages = pipeline.passages_of(articles)
            corpus = [s for p in passages for s in p.sentences]
            attributed = who_said_what.Attributed(who_said_what.attributions_of(articles, passages))
            kept = {(s.article, s.start, s.end) for s in summarize.candidates(corpus, attributed.usable)}
            by_place = {(s.article, s.index): s for s in corpus}
            for unit in summarize.candidates(corpus):
                if (unit.article, unit.start, unit.end) in kept:
                    continue
                refused = next(s for s in corpus if s.article == unit.article and s.start < unit.end
                               and s.end > unit.start and not attributed.usable(s))
                found = attributed.of(refused)
                text = articles[refused.article].text
                kind, mention = ("unattributed quotation", "") if found is None else (found.kind, text[slice(*found.mention)])
                before = by_place.get((refused.article, refused.index - 1))
                rows.append((name, cluster.id, refused.article, refused.index, kind, mention, unit.text,
                             before.text if before else ""))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("seed", nargs="?", type=int, default=0, help="of the random sample")
    parser.add_argument("--sample", type=int, default=40, help="how many to print")
    args = parser.parse_args(argv)
    rows = excluded()
    print(f"{len(rows)} candidates excluded; by set {dict(collections.Counter(r[0] for r in rows))}; "
          f"by kind {dict(collections.Counter(r[4] for r in rows))}")
    print("by mention:", collections.Counter(r[5].lower() for r in rows).most_common(30))
    for name, cluster, article, index, kind, mention, text, before in random.Random(args.seed).sample(
            rows, min(args.sample, len(rows))):
        print(f"\n== {name} {cluster} article {article} sentence {index}: {kind}, mention {mention!r}")
        print("BEFORE:", before[:300])
        print("SENTENCE:", text[:400])
    return 0


if __name__ == "__main__":
    sys.exit(main())
