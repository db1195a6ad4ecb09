"""Build a DUC cluster as a story, the way a newsroom's files would be: `python bench/build_duc_story.py d30003t OUT`.

Each document is written, in a temporary folder, as a text file with front
matter (its title, and the date in its id: APW19981019.0098 was published on
1998-10-19), then `briefing build` runs on the folder with the given
options. Read in place from ../shared/eval; nothing is copied into the
project. Prints the timeline and the figures that disagree, for reading.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared" / "eval" / "duc2004" / "dev.jsonl"


def write_cluster(dataset: Path, cluster_id: str, folder: Path) -> int:
    """The cluster's documents as dated text files in `folder`; how many."""
    for line in dataset.read_text("utf-8").splitlines():
        cluster = json.loads(line)
        if cluster["id"] != cluster_id:
            continue
        for document in cluster["documents"]:
            dated = re.search(r"(\d{4})(\d{2})(\d{2})", document["id"])
            if dated is None:
                raise SystemExit(f"error: no date (YYYYMMDD) in the document id {document['id']!r}")
            year, month, day = dated.groups()
            title = " ".join((document.get("title") or document["id"]).split()).replace('"', "'")
            front = f'---\ntitle: "{title}"\npublished: {year}-{month}-{day}\n---\n'
            (folder / f"{document['id']}.txt").write_text(front + document["text"] + "\n", "utf-8")
        return len(cluster["documents"])
    raise SystemExit(f"error: no cluster {cluster_id} in {dataset}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cluster")
    parser.add_argument("out", type=Path)
    parser.add_argument("--dataset", type=Path, default=SHARED)
    parser.add_argument("options", nargs="*", help="more `briefing build` options, after --")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        count = write_cluster(args.dataset, args.cluster, Path(folder))
        command = [sys.executable, "-m", "briefing", "build", folder, "--out", str(args.out), *args.options]
        result = subprocess.run(command, text=True)
        if result.returncode:
            return result.returncode
    data = json.loads((args.out / "briefing.json").read_text("utf-8"))
    print(f"{args.cluster}: {count} documents, {len(data['timeline'] or [])} timeline events, "
          f"{len(data['figures'] or [])} figures that disagree")
    for conflict in data["figures"] or []:
        print(f"  {conflict['about']}: " + "; ".join(f"{f['figure']} [{', '.join(map(str, f['sources']))}]"
                                                   for f in conflict["figures"]))
    for event in data["timeline"] or []:
        print(f"  {event['when']:>20}  {event['text'][:90]} {event['sources']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
