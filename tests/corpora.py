"""Generated corpora for tests that need many articles: the seeds' paragraphs recombined.

Deterministic for a given seed; nothing from outside the repository.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
NAMES = ("Tamara Gagloeva", "Alan Dzhioev", "Irina Kokoeva", "David Tskhovrebov", "Zarina Bagaeva", "Georgi Kabisov")
MONTHS = ("March", "April", "May", "June")


def seed_paragraphs() -> list[str]:
    """Body paragraphs of the seed articles long enough to be sentences, not furniture."""
    found = []
    for path in sorted(SEEDS.glob("*.txt")):
        for paragraph in re.split(r"\n\s*\n", path.read_text("utf-8")):
            text = " ".join(paragraph.split())
            if len(text.split()) >= 25 and text[-1:] in ".\"”":
                found.append(text)
    return found


def write_corpus(folder: Path, count: int, paragraphs_each: int = 2, seed: int = 11) -> Path:
    """`count` distinct articles in `folder`: a dated header, then seed paragraphs with numbers and names varied."""
    rnd, pool = random.Random(seed), seed_paragraphs()
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        body = []
        for paragraph in rnd.sample(pool, paragraphs_each):
            paragraph = re.sub(r"\b\d+\b", lambda m: str(int(m.group()) + rnd.randint(1, 9)), paragraph)
            body.append(paragraph.replace("Bibilov", rnd.choice(NAMES).split()[1]))
        header = f"Report {number} from Tskhinvali\nBy {rnd.choice(NAMES)}\n{rnd.choice(MONTHS)} {rnd.randint(1, 28)}, 2022"
        (folder / f"a{number:04d}.txt").write_text(header + "\n\n" + "\n\n".join(body) + "\n", encoding="utf-8")
    return folder
