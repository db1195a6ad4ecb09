"""Score speaker attribution on PolNeAR: `python bench/eval_attribution.py [--split dev|train]`.

Reads ../shared/eval/polnear/<split>.jsonl in place (never copy it into the
project). Two systems side by side: `briefing.story.attributions.extract` and a
cue-verb rule baseline (the capitalized words or pronoun just before a cue
verb, or just after "according to", speak the whole sentence).

Two gold sets:
  quotations  attributions with a speaker whose content holds a quotation mark;
              the systems' predictions are their quotations (the baseline's:
              its cue sentences that hold a quotation mark);
  all         every attribution with a speaker (PolNeAR also annotates beliefs
              and perceptions: "thinks", "wants", "polls show"), all predictions.
A prediction is right when its statement overlaps the gold content and its
speaker mention matches the gold source span: *exact* (the same characters, up
to surrounding punctuation) or *overlap* (any character in common). Precision
is over predictions, recall over gold attributions.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from briefing.story import attributions, speakers, vocabulary
from briefing.text.passages import split_sentences

DATA = Path(__file__).resolve().parents[2] / "shared" / "eval" / "polnear"
_QUOTE_MARK = re.compile(r"[\"“”«»„]|''|``")  # ''...'': the ASCII of the New York Times' archive
_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\n)[^\n]*)*")
_BASELINE_CUES = frozenset(["said", "says", "say", "told", "tells", "stated", "declared", "warned", "added", "noted", "wrote", "announced"])


@dataclass(frozen=True)
class Guess:
    """A predicted attribution: the speaker mention, the statement, a quotation or not."""

    source: tuple[int, int]
    content: tuple[tuple[int, int], ...]
    quote: bool


def sentences_of(text: str) -> list[tuple[int, int]]:
    """The sentence spans the pipeline would make: paragraphs, then syntok."""
    spans = []
    for paragraph in _PARAGRAPH.finditer(text):
        spans += [(paragraph.start() + s, paragraph.start() + e) for _, s, e in split_sentences(paragraph.group())]
    return spans


def system(text: str, published: date | None) -> list[Guess]:
    return [Guess(a.mention, a.pieces, a.kind == "quote")
            for a in attributions.extract(0, text, sentences_of(text), published)]


def baseline(text: str, published: date | None) -> list[Guess]:
    """The cue-verb rule: a speaker just before a cue verb speaks its whole sentence."""
    guesses = []
    for start, end in sentences_of(text):
        tokens = speakers.tokenize(text, start, end)
        for i, token in enumerate(tokens):
            if token.text.lower() == "according" and i + 2 < len(tokens) and tokens[i + 1].text == "to":
                run = _capitalized_run(tokens, i + 2, 1)
            elif token.text in _BASELINE_CUES and i:
                run = _capitalized_run(tokens, i - 1, -1)
            else:
                continue
            if run:
                quote = bool(_QUOTE_MARK.search(text[start:end]))
                guesses.append(Guess((run[0].start, run[-1].end), ((start, end),), quote))
    return guesses


def _capitalized_run(tokens, k: int, step: int):
    if tokens[k].text.lower() in vocabulary.PRONOUNS:
        return [tokens[k]]
    run = []
    while 0 <= k < len(tokens) and tokens[k].text[:1].isupper():
        run.append(tokens[k])
        k += step
    return sorted(run, key=lambda t: t.start)


def _overlaps(a: tuple[int, int], pieces) -> bool:
    return any(a[0] < e and s < a[1] for s, e in pieces)


def _same(text: str, a: tuple[int, int], b: tuple[int, int]) -> bool:
    strip = " \t\n,.;:“”\"'’‘"
    return text[a[0] : a[1]].strip(strip) == text[b[0] : b[1]].strip(strip) and _overlaps(a, [b])


def _right(text: str, guess: Guess, gold, exact: bool) -> bool:
    if not any(_overlaps(piece, gold["content"]) for piece in guess.content):
        return False
    source = (min(s for s, _ in gold["source"]), max(e for _, e in gold["source"]))
    return _same(text, guess.source, source) if exact else _overlaps(guess.source, gold["source"])


def score(articles, guesser, quotes_only: bool) -> dict[str, float]:
    """Precision, recall and F1 (exact and overlap) of `guesser` on `articles`."""
    counts = {"exact": [0, 0], "overlap": [0, 0]}  # [right predictions, found gold]
    n_guess = n_gold = 0
    for article in articles:
        text = article["text"]
        gold = [g for g in article["attributions"] if g["source"]
                and (not quotes_only or any(_QUOTE_MARK.search(text[s:e]) for s, e in g["content"]))]
        published = date.fromisoformat(article["published"]) if article.get("published") else None
        guesses = [g for g in guesser(text, published) if g.quote or not quotes_only]
        n_guess += len(guesses)
        n_gold += len(gold)
        for mode in counts:
            exact = mode == "exact"
            counts[mode][0] += sum(any(_right(text, g, a, exact) for a in gold) for g in guesses)
            counts[mode][1] += sum(any(_right(text, g, a, exact) for g in guesses) for a in gold)
    row: dict[str, float] = {"predicted": n_guess, "annotated": n_gold}
    for mode, (right, found) in counts.items():
        p = right / n_guess if n_guess else 0.0
        r = found / n_gold if n_gold else 0.0
        row[f"{mode}_p"], row[f"{mode}_r"] = p, r
        row[f"{mode}_f1"] = 2 * p * r / (p + r) if p + r else 0.0
    return row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["dev", "train"], default="dev")
    parser.add_argument("--data", type=Path, default=DATA, help="the folder of PolNeAR's JSONL files")
    parser.add_argument("--json", type=Path, help="also write the rows here")
    args = parser.parse_args(argv)
    path = args.data / f"{args.split}.jsonl"
    if not path.is_file():
        print(f"error: no PolNeAR split at {path}", file=sys.stderr)
        return 1
    articles = [json.loads(line) for line in path.open(encoding="utf-8")]
    rows = []
    for gold_set in ("quotations", "all"):
        for name, guesser in (("cue-verb baseline", baseline), ("briefing", system)):
            started = time.perf_counter()
            row = score(articles, guesser, gold_set == "quotations")
            rows.append({"gold": gold_set, "system": name, **row, "seconds": time.perf_counter() - started})
    print(f"PolNeAR {args.split}: {len(articles)} articles")
    print(f"{'gold set':<11} {'system':<18} {'pred':>5} {'gold':>5}  {'exact P/R/F1':>20}  {'overlap P/R/F1':>20}")
    for r in rows:
        print(f"{r['gold']:<11} {r['system']:<18} {r['predicted']:>5} {r['annotated']:>5}  "
              f"{r['exact_p']:6.3f}/{r['exact_r']:5.3f}/{r['exact_f1']:5.3f}  "
              f"{r['overlap_p']:6.3f}/{r['overlap_r']:5.3f}/{r['overlap_f1']:5.3f}")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
