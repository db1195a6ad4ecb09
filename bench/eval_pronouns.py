"""Who "he" and "she" are: `python bench/eval_pronouns.py [--show]`.

A quotation or claim whose speaker is a pronoun is credited to the person the
article means by it (`mentions.Resolver`). This scores that on 60 pronoun
speakers drawn at random from DUC 2003 and the DUC 2004 dev clusters and read
by hand (bench/labels/pronoun_speakers_duc.jsonl: the dataset, cluster,
document and mention offsets of each, and a pattern the right name matches,
"" where the article names no one, such as an unnamed survivor). The first 30
("rule") were read to write the resolver's rules, the other 30 ("check") were
labelled before those rules were written. Each is right (the person meant, or
no name where the article gives none), wrong (another person: a claim
credited to someone who did not make it) or unknown (no name where the
article gives one: the claim is left out, not misattributed). Reads the
shared datasets in place (never copy them into the project); a few seconds.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

# Run as a plain script from a checkout: make the package importable.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from eval_sets import EVAL

from briefing import pipeline
from briefing.evaluate import load_clusters
from briefing.story import who_said_what

LABELS = Path(__file__).resolve().parent / "labels" / "pronoun_speakers_duc.jsonl"


def verdict(pattern: str, name: str) -> str:
    """right, wrong or unknown: `name` (the resolved speaker, "" for none) against the label's pattern."""
    if name:
        return "right" if pattern and re.search(pattern, name) else "wrong"
    return "right" if re.fullmatch(pattern, "") else "unknown"


def resolved(labels: list[dict]) -> list[str]:
    """The speaker name the resolver gives each labelled mention ("" for none)."""
    clusters = {}
    for path in {label["dataset"] for label in labels}:
        clusters.update({(path, c.id): c for c in load_clusters(EVAL / path)})
    names: dict[tuple, str] = {}
    for key in {(label["dataset"], label["cluster"]) for label in labels}:
        articles = list(clusters[key].articles)
        for found in who_said_what.attributions_of(articles, pipeline.passages_of(articles)):
            names[(*key, articles[found.article].origin, *found.mention)] = found.speaker
    return [names.get((label["dataset"], label["cluster"], label["document"], *label["mention"]), "")
            for label in labels]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="print each label, the name given and the verdict")
    args = parser.parse_args(argv)
    labels = [json.loads(line) for line in LABELS.read_text("utf-8").splitlines() if line.strip()]
    counts: dict[str, Counter] = {"rule": Counter(), "check": Counter()}
    for label, name in zip(labels, resolved(labels), strict=True):
        result = verdict(label["speaker"], name)
        counts[label["set"]][result] += 1
        if args.show:
            print(f"{label['set']:5} {label['cluster']} {label['document']} {label['mention']}: "
                  f"{name!r} ({label['speaker']!r}) {result}")
    for part, found in [*counts.items(), ("all", sum(counts.values(), Counter()))]:
        total = sum(found.values())
        print(f"{part:5}: {found['right']} right, {found['wrong']} wrong, {found['unknown']} unknown of {total}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
