"""Error rate of the "same statement" matcher on labelled sentence pairs:
`python bench/eval_corroboration.py`.

bench/data/seed_pairs.jsonl holds pairs of sentences from two different seed
articles (file name and offsets into the cleaned text, the sentences' words for
reading) and a hand label: do they make the same statement (one states the
other's main claim: the same fact or the same quote, reworded or translated)?
bench/data/duc2004_pairs.jsonl holds pairs from two DUC 2004 dev clusters as
cluster, document id and offsets into the document's text only (DUC text is
never copied into the project); it is read from ../shared/eval in place. The
matcher's thresholds were chosen on the seed pairs; the DUC pairs are held out.
How it was built is in the README ("Corroboration"). Two matchers side by side:
`corroboration.Matcher` (rarity-weighted shared words)
and `similarity.same_statement` (shared phrases), which citations used alone.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from briefing.config import load_config, shipped_dir
from briefing.models import Sentence
from briefing.report import Report
from briefing.sources.corpus import read_articles
from briefing.story import corroboration
from briefing.text import passages
from briefing.text.passages import split_sentences
from briefing.text.similarity import same_statement
from briefing.text.tokens import content_bigrams

PAIRS = Path(__file__).resolve().parent / "data" / "seed_pairs.jsonl"
DUC_PAIRS = Path(__file__).resolve().parent / "data" / "duc2004_pairs.jsonl"
DUC = Path(__file__).resolve().parents[2] / "shared" / "eval" / "duc2004" / "dev.jsonl"
_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\n)[^\n]*)*")


def seed_story():
    """The seed articles, their sentences and the matcher over them."""
    config = load_config(shipped_dir("seeds") / "briefing.toml")
    articles = read_articles(config, Report())
    sentences = [s for i, article in enumerate(articles) for p in passages.to_passages(i, article) for s in p.sentences]
    matcher = corroboration.Matcher(sentences)
    by_place = {(Path(articles[s.article].origin).name, s.start, s.end): s for s in sentences}
    return matcher, by_place


def seed_pairs(path: Path):
    """(sentence, sentence, label) of the labelled seed pairs, and the matcher's test."""
    matcher, by_place = seed_story()
    pairs, missing = [], 0
    for line in path.open(encoding="utf-8"):
        row = json.loads(line)
        a, b = by_place.get(tuple(row["a"])), by_place.get(tuple(row["b"]))
        if a is None or b is None:
            missing += 1
            continue
        pairs.append((a, b, row["same"]))
    if missing:
        print(f"warning: {missing} labelled pairs no longer match a sentence of the seeds", file=sys.stderr)
    return pairs, matcher.same


def duc_pairs(path: Path, dataset: Path):
    """(sentence, sentence, label) of the labelled DUC pairs, and the matcher's
    test with each pair's own cluster as the story."""
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    wanted = {row["cluster"] for row in rows}
    matchers, places = {}, {}
    for line in dataset.open(encoding="utf-8"):
        cluster = json.loads(line)
        if cluster["id"] not in wanted:
            continue
        sentences: list[Sentence] = []
        for number, document in enumerate(cluster["documents"]):
            for paragraph in _PARAGRAPH.finditer(document["text"]):
                for text, start, end in split_sentences(paragraph.group()):
                    sentence = Sentence(text, number, len(sentences), paragraph.start() + start,
                                        paragraph.start() + end)
                    sentences.append(sentence)
                    places[(cluster["id"], document["id"], sentence.start, sentence.end)] = sentence
        matchers[cluster["id"]] = corroboration.Matcher(sentences)
    pairs, story = [], {}
    for row in rows:
        a, b = places[(row["cluster"], *row["a"])], places[(row["cluster"], *row["b"])]
        pairs.append((a, b, row["same"]))
        story[(id(a), id(b))] = matchers[row["cluster"]]
    return pairs, lambda a, b: story[(id(a), id(b))].same(a, b)


def confusion(pairs, decide) -> dict[str, float]:
    tp = fp = fn = tn = 0
    for a, b, label in pairs:
        said = decide(a, b)
        tp += said and label
        fp += said and not label
        fn += label and not said
        tn += not said and not label
    total = tp + fp + fn + tn
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return {"pairs": total, "same": tp + fn, "tp": tp, "fp": fp, "fn": fn, "tn": tn,
            "error_rate": (fp + fn) / total, "precision": precision, "recall": recall,
            "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pairs", nargs="?", type=Path, default=PAIRS)
    parser.add_argument("--duc", type=Path, default=DUC, help="DUC 2004 dev.jsonl, read in place")
    args = parser.parse_args(argv)
    sets = [("seeds", *seed_pairs(args.pairs))]
    if args.duc.is_file():
        sets.append(("DUC 2004 (held out)", *duc_pairs(DUC_PAIRS, args.duc)))
    else:
        print(f"(no DUC 2004 dev set at {args.duc}: seed pairs only)")
    print(f"{'pairs':<20} {'matcher':<36} {'n':>4} {'same':>4} {'errors':>6} {'rate':>6} {'P':>6} {'R':>6} {'F1':>6}"
          "  fp/fn")
    for name, pairs, same in sets:
        rows = {
            "phrases (similarity.same_statement)": confusion(
                pairs, lambda a, b: same_statement(content_bigrams(a.text), content_bigrams(b.text))),
            "corroboration.Matcher": confusion(pairs, same),
        }
        for matcher, r in rows.items():
            print(f"{name:<20} {matcher:<36} {r['pairs']:>4} {r['same']:>4} {r['fp'] + r['fn']:>6} "
                  f"{r['error_rate']:>6.3f} {r['precision']:>6.3f} {r['recall']:>6.3f} {r['f1']:>6.3f}  "
                  f"{r['fp']}/{r['fn']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
