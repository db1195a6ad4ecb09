"""Build a DUC 2004 dev cluster as a story and print its "Who said what" and
corroboration: `python bench/duc_story.py d30001t [--out DIR]`.

The cluster's articles are written as text files (AP and NYT: the outlet is
read from the document id) into a temporary folder, never into the project;
the briefing goes to --out (default: a temporary folder, printed) for reading.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from briefing.config import load_config
from briefing.output.writer import write_briefing
from briefing.pipeline import build
from briefing.report import Report

DUC = Path(__file__).resolve().parents[2] / "shared" / "eval" / "duc2004" / "dev.jsonl"
OUTLETS = {"APW": "Associated Press", "NYT": "New York Times", "XIE": "Xinhua"}


def write_cluster(cluster: dict, folder: Path) -> None:
    for document in cluster["documents"]:
        outlet = OUTLETS.get(document["id"][:3], document["id"][:3])
        day = document["id"][3:11]
        front = f"---\ntitle: {document.get('title') or document['id']}\noutlet: {outlet}\n" \
                f"published: {day[:4]}-{day[4:6]}-{day[6:]}\n---\n"
        (folder / f"{document['id']}.txt").write_text(front + document["text"] + "\n", "utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cluster", help="a DUC 2004 dev cluster id, e.g. d30001t")
    parser.add_argument("--data", type=Path, default=DUC)
    parser.add_argument("--out", type=Path, help="where to write the briefing (default: a temporary folder)")
    args = parser.parse_args(argv)
    clusters = {c["id"]: c for c in map(json.loads, args.data.open(encoding="utf-8"))}
    if args.cluster not in clusters:
        print(f"error: no cluster {args.cluster} in {args.data}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "articles"
        folder.mkdir()
        write_cluster(clusters[args.cluster], folder)
        out = args.out or Path(tempfile.mkdtemp(prefix=f"briefing-{args.cluster}-"))
        out.mkdir(parents=True, exist_ok=True)
        config = load_config(None, sources=(folder,), out=out, formats=("pdf", "md", "json"))
        report = Report()
        briefing = build(config, report)
        write_briefing(briefing, config, report)
    points = [*briefing.key_points, *(s for section in briefing.sections for s in section.summary)]
    counts = [p.corroboration.count for p in points if p.corroboration]
    print(f"{args.cluster}: {len(briefing.sources)} articles, {len(points)} summary sentences; "
          f"independent outlets per sentence: {counts}; single-source: {sum(c == 1 for c in counts)}")
    for speaker in briefing.who_said_what:
        print(f"- {speaker.name}{', ' + speaker.role if speaker.role else ''} (sources {list(speaker.sources)})")
        for statement in speaker.statements:
            print(f"    [{statement.source}{''.join(f', {n}' for n in statement.also)}] {statement.text[:110]}")
    print(f"briefing written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
