"""Who is who in the briefings of the DUC clusters: `python bench/who_is_who.py [--show]`.

Briefs each cluster of DUC 2003 and DUC 2004 dev as one story without a profile
(`pipeline.brief_articles`, as `briefing eval --key-points` does) and counts, over
the key points, the sections' bullets, the timeline and the figures that disagree,
the entries shown with the full name of a person they name by one word ("Delic was
cleared... — Delic: Hazim Delic", `story/people.py`), and the bullets shown with a
speaker they name by less than the full name ("Rubin said..." — James Rubin, per
[4]). `--show` prints each, to be read: the figures in the README and the closing
notes were read so. The datasets are read in place and never copied.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout

from eval_sets import EVAL

from briefing import pipeline
from briefing.config import Config
from briefing.evaluate import load_clusters
from briefing.report import Report

DATASETS = (EVAL / "duc2003" / "all.jsonl", EVAL / "duc2004" / "dev.jsonl")


def entries(briefing):
    """(part, entry) for every sentence a briefing shows outside "Who said what"."""
    yield from (("key points", s) for s in briefing.key_points)
    yield from (("sections", s) for section in briefing.sections for s in section.summary)
    yield from (("timeline", e) for e in briefing.timeline or ())
    yield from (("figures", f) for conflict in briefing.figures or () for f in conflict.figures)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="print every entry counted")
    show = parser.parse_args().show
    shown: Counter[str] = Counter()
    named: Counter[str] = Counter()
    speakers: Counter[str] = Counter()  # "in part": a surname only; "not at all": "he said", "the ministry said"
    for dataset in DATASETS:
        for cluster in load_clusters(dataset):
            briefing = pipeline.brief_articles(list(cluster.articles), Config(), Report())
            for part, entry in entries(briefing):
                shown[part] += 1
                if entry.people:
                    named[part] += 1
                    if show:
                        print(cluster.id, part, "|", "; ".join(f"{p.written}: {p.name}" for p in entry.people),
                              "|", entry.text)
                speaker = getattr(entry, "speaker", "")
                if speaker and not entry.speaker_named:
                    speakers["in part" if speaker.split()[-1].lower() in entry.text.lower() else "not at all"] += 1
                    if show:
                        print(cluster.id, part, "| speaker:", speaker, "|", entry.text)
    for part in shown:
        print(f"{part}: {named[part]} of {shown[part]} show a full name")
    bullets = shown["key points"] + shown["sections"]
    for how, count in sorted(speakers.items()):
        print(f"bullets that name their speaker {how}, shown with the name: {count} of {bullets}")


if __name__ == "__main__":
    main()
