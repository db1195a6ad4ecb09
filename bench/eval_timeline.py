"""Precision and recall of the timeline's dated events on hand-labelled articles: `python bench/eval_timeline.py`.

The labelled articles:
  - the five seed articles (tests/fixtures/timeline_seeds.jsonl; only 000 has a date of its own, the
    others give absolute dates only), read and cleaned as `briefing build` reads them;
  - three DUC 2004 dev articles, labelled by document id and sentence offset
    (bench/labels/timeline_duc.jsonl), read in place from ../shared/eval: APW19981009.1040 (a
    biography of Ariel Sharon, d30037t), APW19981019.0098 (Pinochet's arrest, d30003t),
    APW19981202.0880 (Bulent Ecevit, d31009t). Each is dated by its id (APW19981019 is 1998-10-19),
    as a newsroom's file would be by its metadata;
  - "blind": one more DUC 2004 dev article, NYT19981121.0117 (Clinton in Seoul, d30049t), labelled
    after the rules were settled and before the extractor was run on it.
A label is a sentence that reads alone and tells of something that happened (or
is scheduled) at a date the sentence gives, with that date at the precision
given; relative dates resolved against the article's date, none in an undated
article. "Since 2008", "until 1922" and "the 2008 war" name no event of the
sentence. An event found counts as right when it is a labelled sentence with
the labelled date (first and last day equal).

Beside it, a baseline: every sentence with a four-digit year, dated by the first year.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from briefing.config import default_config_path, load_config
from briefing.evaluate import load_clusters
from briefing.report import Report
from briefing.sources.corpus import read_articles
from briefing.story.timeline import events
from briefing.text.passages import to_passages

HERE = Path(__file__).resolve().parent
SEEDS = HERE.parent / "tests" / "fixtures" / "timeline_seeds.jsonl"
DUC = HERE / "labels" / "timeline_duc.jsonl"
SHARED = HERE.parents[1] / "shared" / "eval"
_YEAR = re.compile(r"\b(1[0-9]{3}|20[0-9]{2})\b")

# (article key, sentence start, earliest, latest)
Dated = tuple[str, int, date, date]


def timeline(sentences, published) -> set[Dated]:
    return {(key, e.start, e.earliest, e.latest) for key, found in _per_article(sentences, published)
            for e in found}


def _per_article(sentences, published):
    """Each article alone: the score is of dating sentences, not of merging them across sources."""
    for key, group in sentences.items():
        yield key, events(group, [published[key]] * (max(s.article for s in group) + 1))


def baseline(sentences) -> set[Dated]:
    found = set()
    for key, group in sentences.items():
        for s in group:
            year = _YEAR.search(s.text)
            if year:
                y = int(year.group())
                found.add((key, s.start, date(y, 1, 1), date(y, 12, 31)))
    return found


def seed_set() -> tuple[dict, dict, set[Dated]]:
    articles = read_articles(load_config(default_config_path()), Report())
    sentences, published, starts = {}, {}, {}
    for index, article in enumerate(articles):
        key = Path(article.origin).name
        sentences[key] = [s for p in to_passages(index, article) for s in p.sentences]
        published[key] = article.published
        starts[key] = {_opening(s.text): s.start for s in sentences[key]}
    labels = set()
    for line in SEEDS.read_text("utf-8").splitlines():
        row = json.loads(line)
        # Matched by the sentence's opening words: a change to cleaning may move offsets.
        start = starts[row["file"]][_opening(row["opens"])]
        labels.add((row["file"], start, date.fromisoformat(row["earliest"]), date.fromisoformat(row["latest"])))
    return sentences, published, labels


def _opening(text: str) -> str:
    return " ".join(text.split()[:6])


def duc_set(shared: Path, blind: bool) -> tuple[dict, dict, set[Dated]]:
    """The DUC articles labelled while the rules were written, or (`blind`) after."""
    rows = [row for row in map(json.loads, DUC.read_text("utf-8").splitlines()) if row.get("blind", False) == blind]
    wanted = {(r["dataset"], r["cluster"], r["doc"]) for r in rows}
    sentences, published = {}, {}
    for dataset in {w[0] for w in wanted}:
        for cluster in load_clusters(shared / dataset):
            for article in cluster.articles:
                if (dataset, cluster.id, article.origin) in wanted:
                    sentences[article.origin] = [s for p in to_passages(0, article) for s in p.sentences]
                    published[article.origin] = _date_of_id(article.origin)
    labels = {(r["doc"], r["start"], date.fromisoformat(r["earliest"]), date.fromisoformat(r["latest"])) for r in rows}
    return sentences, published, labels


def _date_of_id(doc_id: str) -> date:
    digits = re.search(r"(\d{4})(\d{2})(\d{2})", doc_id)
    if digits is None:
        raise ValueError(f"no date (YYYYMMDD) in the document id {doc_id!r}")
    return date(*map(int, digits.groups()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=SHARED, help="the shared eval folder (read in place)")
    parser.add_argument("--show", action="store_true", help="print the events missed and the wrong ones")
    args = parser.parse_args(argv)
    sets = {"seeds": seed_set(), "duc": duc_set(args.shared, blind=False), "blind": duc_set(args.shared, blind=True)}
    print(f"{'set':6} {'method':9} {'labelled':>8} {'found':>5} {'right':>5} {'precision':>9} {'recall':>6}")
    totals: dict[str, list[int]] = {}
    for name, (sentences, published, labels) in sets.items():
        for method, found in (("baseline", baseline(sentences)), ("timeline", timeline(sentences, published))):
            right = len(found & labels)
            _row(name, method, len(labels), len(found), right)
            total = totals.setdefault(method, [0, 0, 0])
            for i, n in enumerate((len(labels), len(found), right)):
                total[i] += n
            if args.show and method == "timeline":
                texts = {(k, s.start): s.text for k, group in sentences.items() for s in group}
                for item in sorted(found - labels, key=str):
                    print(f"  wrong  {item[2]}..{item[3]}  {texts[item[:2]][:100]}")
                for item in sorted(labels - found, key=str):
                    print(f"  missed {item[2]}..{item[3]}  {texts[item[:2]][:100]}")
    for method, (labelled, found_count, right) in totals.items():
        _row("all", method, labelled, found_count, right)
    return 0


def _row(name: str, method: str, labelled: int, found: int, right: int) -> None:
    precision = f"{right / found:.2f}" if found else "-"
    recall = f"{right / labelled:.2f}" if labelled else "-"
    print(f"{name:6} {method:9} {labelled:8} {found:5} {right:5} {precision:>9} {recall:>6}")


if __name__ == "__main__":
    sys.exit(main())
