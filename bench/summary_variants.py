"""Changes to `coverage` tried side by side: `python bench/summary_variants.py [NAME...]`.

Each variant is the shipped summarizer with one thing changed (a constant, the
concept weights, the selection, the sentence splitter), scored on DUC 2003
and on each half of the DUC 2004 dev clusters beside the shipped one, by the
code `briefing eval` uses. Printed per set: ROUGE-1 / ROUGE-2 recall, then the
change against the shipped summarizer ± the standard error of the paired
per-cluster differences, and how many clusters' ROUGE-1 moved at all (a gain
that one cluster makes is a tie-break, not evidence). A change is kept only
when it helps on all three sets (README, "Summary quality").

`--segmentation` also counts what the sentence splitter makes of the
one-block text, `--oracle` prints the ceiling of the integer program with
the references' own concepts, `--consensus` the summary that agrees most with
those of several variants (system combination); `--list` names the variants. Reads the shared datasets in
place (never copy them into the project); about 8 s of CPU per variant.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import itertools
import json
import math
import re
import statistics
import sys
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import numpy as np

# Run as a plain script from a checkout: make the package importable.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from eval_sets import EVAL, SETS

from briefing import pipeline
from briefing.config import Config
from briefing.evaluate import Cluster, cluster_sentences, cluster_summary, load_clusters, rouge_n, split_half
from briefing.models import Sentence
from briefing.report import Report
from briefing.story import coverage, summarize, who_said_what
from briefing.text import passages
from briefing.text.tokens import content_bigrams, content_stems, stem, stop_words, word_count, words

WORDS = 100
Patch = tuple[object, str, object]  # (module, attribute, value while the variant runs)
Scores = dict[str, list[tuple[float, float, int]]]  # set -> (R-1, R-2, words) per cluster


@contextlib.contextmanager
def patched(patches: Sequence[Patch]) -> Iterator[None]:
    """Each module attribute set to its value, and put back afterwards."""
    saved = [(module, name, getattr(module, name)) for module, name, _ in patches]
    try:
        for module, name, value in patches:
            setattr(module, name, value)
        yield
    finally:
        for module, name, value in reversed(saved):
            setattr(module, name, value)


def score(sets: dict[str, list[Cluster]], key_points: bool = False) -> Scores:
    """ROUGE-1 and ROUGE-2 recall and words of the summary of each cluster of each set: `coverage`'s,
    or the key points of a briefing of the cluster (`briefing eval --key-points`)."""
    found: Scores = {}
    for name, clusters in sets.items():
        found[name] = []
        for cluster in clusters:
            if key_points:
                chosen = pipeline.brief_articles(list(cluster.articles), Config(), Report()).key_points
                text = " ".join(s.text for s in chosen)
            else:
                text = " ".join(s.text for s in cluster_summary(cluster, WORDS, "coverage"))
            found[name].append((rouge_n(text, cluster.references, 1, WORDS).recall,
                                rouge_n(text, cluster.references, 2, WORDS).recall, len(text.split())))
    return found


def line(label: str, scores: Scores, base: Scores | None = None) -> str:
    """One variant's figures on each set, against `base` if given."""
    parts = []
    for name, rows in scores.items():
        r1, r2 = (100 * statistics.mean(row[k] for row in rows) for k in (0, 1))
        if base is None:
            unused = [WORDS - row[2] for row in rows]
            parts.append(f"{name} {r1:.2f} / {r2:.2f} (words left: mean {statistics.mean(unused):.1f}, "
                         f"most {max(unused)}, {sum(u >= 10 for u in unused)} summaries 10 or more)")
            continue
        moves = []
        for k in (0, 1):
            differences = [100 * (row[k] - old[k]) for row, old in zip(rows, base[name], strict=True)]
            error = statistics.stdev(differences) / math.sqrt(len(differences))
            moves.append(f"{statistics.mean(differences):+.2f} ±{error:.2f}")
        moved = sum(abs(row[0] - old[0]) > 1e-9 for row, old in zip(rows, base[name], strict=True))
        parts.append(f"{name} {r1:.2f} / {r2:.2f} ({moves[0]} / {moves[1]}, {moved} moved)")
    return f"{label}: " + "; ".join(parts)


# --- the variants ---------------------------------------------------------------------------------------

def decayed_weights(tau: float) -> Callable:
    """Concept weights: per article carrying it, 1 + exp(-p / tau), p the position of its
    first sentence holding the concept (the shipped weights give the bonus at p = 0 only)."""
    def weights(sentences: Sequence[Sentence], concepts: Sequence[frozenset]) -> dict:
        first: dict[tuple, int] = {}
        for sentence, found in zip(sentences, concepts, strict=True):
            for concept in found:
                key = (concept, sentence.article)
                first[key] = min(first.get(key, sentence.index), sentence.index)
        total: dict = {}
        for (concept, _), position in first.items():
            total[concept] = total.get(concept, 0.0) + 1 + math.exp(-position / tau)
        return total
    return weights


def _witnesses(sentences: Sequence[Sentence], concepts: Sequence[frozenset],
               is_lead: Callable[[Sentence], bool]) -> tuple[dict, dict]:
    """Per concept, the articles that carry it, and those that carry it in a sentence `is_lead` picks."""
    witnesses: dict = {}
    leads: dict = {}
    for sentence, found in zip(sentences, concepts, strict=True):
        for concept in found:
            witnesses.setdefault(concept, set()).add(sentence.article)
            if is_lead(sentence):
                leads.setdefault(concept, set()).add(sentence.article)
    return witnesses, leads


def lead_by_order(bonus: Callable[[float], float]) -> Callable:
    """Concept weights whose lead bonus depends on the article's place in the cluster (0 first, 1 last)."""
    def weights(sentences: Sequence[Sentence], concepts: Sequence[frozenset]) -> dict:
        articles = sorted({s.article for s in sentences})
        place = {a: k / max(1, len(articles) - 1) for k, a in enumerate(articles)}
        witnesses, leads = _witnesses(sentences, concepts, lambda sentence: sentence.index == 0)
        return {c: len(w) + sum(bonus(place[a]) for a in leads.get(c, ())) for c, w in witnesses.items()}
    return weights


def scaled_weights(scale: Callable[[list[Sentence]], float]) -> Callable:
    """The shipped concept weights times a factor of the cluster."""
    shipped = coverage.concept_weights

    def weights(sentences, concepts):
        factor = scale(list(sentences))
        return {c: w * factor for c, w in shipped(sentences, concepts).items()}
    return weights


def objective(transform: Callable[[float], float] | None = None, stop_share: float = 1.0) -> Callable:
    """The shipped selection with each concept's weight transformed (the tiers still set by the
    weight itself), bigrams holding a stop word counted at `stop_share` of it."""
    shipped = coverage._choose
    stops = {stem(w) for w in stop_words()}

    def choose(free, candidates, concepts, lengths, costs, weights, budget, most=None):
        changed = {c: (transform(w) if transform else w) * (stop_share if c[0] in stops or c[1] in stops else 1)
                   for c, w in weights.items()}
        return shipped(free, candidates, concepts, lengths, costs, changed, budget, most)
    return choose


def without_concepts(words: str) -> Callable:
    """The shipped concepts less those holding one of `words`."""
    shipped = coverage.sentence_concepts
    dropped = {stem(w) for w in words.split()}

    def concepts(text: str) -> frozenset:
        return frozenset(c for c in shipped(text) if c[0] not in dropped and c[1] not in dropped)
    return concepts


def numbers_as_one(text: str) -> frozenset:
    """The shipped concepts with every bare number read as one token ("killed 430" is "killed #")."""
    tokens = ["#" if re.fullmatch(r"[\d.,]+", w) else w.lower() for w in words(text)]
    stops = stop_words()
    return frozenset((stem(a), stem(b)) for a, b in itertools.pairwise(tokens) if not (a in stops and b in stops))


def without_numbers(text: str) -> frozenset:
    """The shipped concepts less those holding a digit."""
    return frozenset(c for c in SHIPPED_CONCEPTS(text) if not holds_number(c))


def reweighed(change: Callable[[tuple, float], float],
              holds: Callable[[tuple], bool]) -> Callable:
    """The shipped concept weights, those `holds` picks set to `change(concept, weight)`; those at 0
    or less dropped."""
    shipped = coverage.concept_weights

    def weights(sentences, concepts):
        changed = {c: change(c, w) if holds(c) else w for c, w in shipped(sentences, concepts).items()}
        return {c: w for c, w in changed.items() if w > 0}
    return weights


def holds_number(concept: tuple) -> bool:
    return any(ch.isdigit() for ch in concept[0] + concept[1])


@functools.lru_cache(maxsize=1)
def background() -> tuple[Counter, int]:
    """Stem counts of general newswire, Reuters-21578 read in place: what a topic signature stands out from."""
    counts: Counter = Counter()
    with open(EVAL / "reuters21578" / "articles.jsonl", encoding="utf-8") as lines:
        for line in lines:
            counts.update(stem(w) for w in words(json.loads(line)["text"]))
    return counts, sum(counts.values())


def topic_signature(sentences: Sequence[Sentence], cut: float = 10.83) -> frozenset[str]:
    """The stems far more frequent in the cluster than in the background (Lin & Hovy 2000: the
    log-likelihood ratio above `cut`, p < 0.001), as CLASSY and OCCAMS weigh their terms."""
    counts = Counter(stem(w) for s in sentences for w in words(s.text))
    ground, ground_total = background()
    total = sum(counts.values())

    def log_likelihood(k: int, n: int, p: float) -> float:
        p = min(max(p, 1e-12), 1 - 1e-12)
        return k * math.log(p) + (n - k) * math.log(1 - p)

    found = set()
    for term, k in counts.items():
        g = ground.get(term, 0)
        if k / total <= g / ground_total:
            continue
        pooled = (k + g) / (total + ground_total)
        ratio = 2 * (log_likelihood(k, total, k / total) + log_likelihood(g, ground_total, g / ground_total)
                     - log_likelihood(k, total, pooled) - log_likelihood(g, ground_total, pooled))
        if ratio > cut:
            found.add(term)
    return frozenset(found)


def unsigned_concepts(change: Callable[[float], float]) -> Callable:
    """Concept weights with `change` applied to those holding no topic-signature stem."""
    shipped = coverage.concept_weights

    def weights(sentences, concepts):
        signature = topic_signature(sentences)
        changed = {c: w if c[0] in signature or c[1] in signature else change(w)
                   for c, w in shipped(sentences, concepts).items()}
        return {c: w for c, w in changed.items() if w > 0}
    return weights


def extra_cost(amount: float, when: Callable[[str], bool] = lambda text: True) -> Callable:
    """The shipped cost of a sentence, plus `amount` for each sentence `when` holds for."""
    shipped = coverage._cost
    return lambda sentence: shipped(sentence) + (amount if when(sentence.text) else 0)


def lin_bilmes(a: float = 5, diversity: float = 6.0, scaling: float = 0.3, share: float = 0.2) -> Callable:
    """Lin & Bilmes (2011): saturated coverage of every candidate by tf-idf cosine (alpha = a / N)
    plus `diversity` times the square-root reward over k-means groups of the candidates
    (share x N of them), chosen greedily by gain / length ** `scaling`, or the best single sentence."""
    from sklearn.cluster import KMeans
    from sklearn.feature_extraction.text import TfidfVectorizer

    def select(sentences: Sequence[Sentence], words: int) -> list[int]:
        n = len(sentences)
        if not n:
            return []
        vectors = TfidfVectorizer(token_pattern=r"\S+").fit_transform(
            [" ".join(content_stems(s.text)) or "-" for s in sentences])
        similar = (vectors @ vectors.T).toarray()
        cap = a / n * similar.sum(axis=1)
        reward = similar.mean(axis=0)
        groups = max(1, int(share * n))
        group = KMeans(n_clusters=groups, n_init=3, random_state=0).fit_predict(vectors)
        lengths = np.array([word_count(s.text) for s in sentences], dtype=float)

        def value(chosen: list[int]) -> float:
            covered = similar[:, chosen].sum(axis=1)
            held = np.bincount(group[chosen], weights=reward[chosen], minlength=groups)
            return float(np.minimum(covered, cap).sum() + diversity * np.sqrt(held).sum())

        chosen: list[int] = []
        while True:
            now, used = value(chosen), lengths[chosen].sum()
            gains = {j: (value([*chosen, j]) - now) / lengths[j] ** scaling
                     for j in range(n) if j not in chosen and used + lengths[j] <= words}
            if not gains:
                break
            chosen.append(max(gains, key=lambda j: (gains[j], -j)))
        single = max((j for j in range(n) if lengths[j] <= words), key=lambda j: value([j]), default=None)
        if single is not None and value([single]) > value(chosen):
            chosen = [single]
        return sorted(chosen)
    return select


def lin_bilmes_patch(**options: float) -> list[Patch]:
    selector = lin_bilmes(**options)
    return [(summarize, "get_selector", lambda name: selector)]


def repeated_in_article(scale: float, cap: int = 3) -> Callable:
    """Concept weights where each article carrying a concept counts 1 + `scale` * log(n), n the number
    of its sentences holding the concept (at most `cap`): a fact an article comes back to is its point."""
    def weights(sentences: Sequence[Sentence], concepts: Sequence[frozenset]) -> dict:
        held: dict[tuple, int] = {}
        leads: dict = {}
        for sentence, found in zip(sentences, concepts, strict=True):
            for concept in found:
                held[concept, sentence.article] = held.get((concept, sentence.article), 0) + 1
                if sentence.index == 0:
                    leads.setdefault(concept, set()).add(sentence.article)
        total: dict = {}
        for (concept, _), count in held.items():
            total[concept] = total.get(concept, 0.0) + 1 + scale * math.log(min(count, cap))
        return {c: w + coverage.LEAD_BONUS * len(leads.get(c, ())) for c, w in total.items()}
    return weights


_NAMED = re.compile(r"(?<![.!?] )(?<!^)\b[A-Z][a-z]+(?:\s+(?:[A-Z][a-z]+|[A-Z]\.))+")


def with_named_units(text: str) -> frozenset:
    """The shipped concepts plus each run of capitalised words ("Maria Ortiz", "New South Wales") as one concept."""
    units = {("@name", " ".join(stem(w) for w in m.group().split())) for m in _NAMED.finditer(text)}
    return SHIPPED_CONCEPTS(text) | units


def central_votes(power: float) -> Callable:
    """Concept weights where an article's vote is (its cosine to the centroid of the other articles, over
    the mean of those cosines) ** `power`: an article off the story's topic votes less (lead bonus alike)."""
    def weights(sentences: Sequence[Sentence], concepts: Sequence[frozenset]) -> dict:
        bags: dict[int, dict[str, int]] = {}
        for sentence in sentences:
            bag = bags.setdefault(sentence.article, {})
            for word in content_stems(sentence.text):
                bag[word] = bag.get(word, 0) + 1
        total: dict[str, int] = {}
        for bag in bags.values():
            for word, n in bag.items():
                total[word] = total.get(word, 0) + n

        def cosine(bag: dict[str, int]) -> float:
            rest = {w: total[w] - bag.get(w, 0) for w in total}
            dot = sum(n * rest[w] for w, n in bag.items())
            norm = math.sqrt(sum(n * n for n in bag.values())) * math.sqrt(sum(n * n for n in rest.values()))
            return dot / norm if norm else 0.0

        closeness = {a: cosine(bag) for a, bag in bags.items()}
        mean = statistics.mean(closeness.values()) if closeness else 1.0
        vote = {a: (c / mean) ** power if mean > 0 else 1.0 for a, c in closeness.items()}
        witnesses, leads = _witnesses(sentences, concepts, lambda sentence: sentence.index == 0)
        return {c: sum(vote[a] for a in w) + coverage.LEAD_BONUS * sum(vote[a] for a in leads.get(c, ()))
                for c, w in witnesses.items()}
    return weights


def first_statement_leads(sentences: Sequence[Sentence], concepts: Sequence[frozenset]) -> dict:
    """The shipped concept weights, the lead bonus going to each article's first candidate, whatever
    its index: an article whose sentence 0 is no candidate (a question, a line under six words) still
    has a lead."""
    first: dict[int, int] = {}
    for sentence in sentences:
        first[sentence.article] = min(first.get(sentence.article, sentence.index), sentence.index)
    witnesses, leads = _witnesses(sentences, concepts, lambda sentence: sentence.index == first[sentence.article])
    return {c: len(w) + coverage.LEAD_BONUS * len(leads.get(c, ())) for c, w in witnesses.items()}


def without_introducers(sentences: Sequence[Sentence]) -> list[Sentence]:
    """The shipped candidates less those ending in a colon ("A newspaper said in an editorial
    on Monday:"): they introduce what follows, they state nothing."""
    return [s for s in SHIPPED_CANDIDATES(sentences) if not s.text.rstrip().endswith(":")]


_QUOTED_SPAN = re.compile(r"“[^”]*”?|\"[^\"]*\"?")


def quoted_witnesses(share: float) -> Callable:
    """Concept weights where an article that carries a concept only inside quotation marks counts
    `share` of a witness (the speakers' words, not the reporter's account of what happened)."""
    def weights(sentences: Sequence[Sentence], concepts: Sequence[frozenset]) -> dict:
        told: dict = {}
        quoted: dict = {}
        leads: dict = {}
        for sentence, found in zip(sentences, concepts, strict=True):
            outside = SHIPPED_CONCEPTS(_QUOTED_SPAN.sub(" ", sentence.text))
            for concept in found:
                (told if concept in outside else quoted).setdefault(concept, set()).add(sentence.article)
                if sentence.index == 0:
                    leads.setdefault(concept, set()).add(sentence.article)
        return {c: len(told.get(c, ())) + share * len(quoted.get(c, set()) - told.get(c, set()))
                + coverage.LEAD_BONUS * len(leads.get(c, ())) for c in {*told, *quoted}}
    return weights


def with_unigrams(text: str) -> frozenset:
    """The shipped concepts and each content stem of `text` as a concept of its own ("", stem)."""
    return SHIPPED_CONCEPTS(text) | frozenset(("", s) for s in content_stems(text))


def unigram_share(share: float) -> Callable:
    """The shipped selection with unigram concepts (`with_unigrams`) worth `share` of their value."""
    shipped = coverage._choose

    def choose(free, candidates, concepts, lengths, costs, weights, budget, most=None):
        changed = {c: w * (share if c[0] == "" else 1) for c, w in weights.items()}
        return shipped(free, candidates, concepts, lengths, costs, changed, budget, most)
    return choose


def light_in_heavy_step(share: float) -> list[Patch]:
    """The concepts under the bar also count in the first step (the one for the heavy concepts),
    at `share` of their weight, instead of only filling the words that step leaves."""
    shipped_weights, shipped_choose = coverage.concept_weights, coverage._choose
    every: dict = {}

    def weights(sentences: Sequence[Sentence], concepts: Sequence[frozenset]) -> dict:
        every.clear()
        every.update(shipped_weights(sentences, concepts))
        return dict(every)

    def choose(free, candidates, concepts, lengths, costs, heavy, budget, most=None):
        if budget == WORDS:  # the first step: nothing chosen yet
            heavy = {**{c: share * w for c, w in every.items() if w < coverage.MIN_WEIGHT}, **heavy}
        return shipped_choose(free, candidates, concepts, lengths, costs, heavy, budget, most)
    return [(coverage, "concept_weights", weights), (coverage, "_choose", choose)]


_QUOTATION = re.compile(r"[\"“”]")
# An abbreviation that can end a sentence ("Rand Corp.", "Networks Inc.", "R-N.Y.") before an opening
# quotation mark or a capitalised function word: the splitter kept both sentences as one.
_FUSED = re.compile(r"\b([A-Za-z][A-Za-z.]*)\. (?=([\"“]?)([A-Z][a-z']*)\b)")
_NOT_AN_END = frozenset(["mr", "mrs", "ms", "dr", "st", "gen", "sen", "rep", "gov", "lt", "col", "maj", "sgt", "rev",
                        "prof", "hon", "mt", "ft", "capt", "cmdr", "adm", "no", "vs"])


def _split_fused(text: str) -> list[tuple[str, int, int]]:
    """The shipped sentences, each also cut at a `_FUSED` abbreviation."""
    stops = stop_words()
    pieces = []
    for sentence, start, end in SPLIT(text):
        at = 0
        for match in _FUSED.finditer(sentence):
            abbreviation, quotation, following = match.groups()
            if abbreviation.lower() in _NOT_AN_END or len(abbreviation.replace(".", "")) == 1:
                continue
            if quotation or following.lower() in stops:
                pieces.append((sentence[at : match.end() - 1], start + at, start + match.end() - 1))
                at = match.end()
        pieces.append((sentence[at:], start + at, end))
    return pieces


SPLIT = passages.split_sentences
SHIPPED_CONCEPTS = coverage.sentence_concepts
SHIPPED_CANDIDATES = summarize.candidates
SHIPPED_COST = coverage._cost
SHIPPED_SOLVE = coverage._solve
_AFTER_OPENER = re.compile(coverage.REFERS_BACK.pattern + r"|[^,\"“]{1,40}, (?:he|she|they|it|his|her|their|its)\b(?!-)")
def copies_once(share: float) -> Callable:
    """Concept weights where sentences of different articles sharing `share` of their content stems
    (a wire paragraph recycled in a later version of the story) are one report: a concept counts
    the articles carrying it, but no more than the distinct reports that carry it, and its lead
    bonus no more than the distinct reports among its leads."""
    def weights(sentences: Sequence[Sentence], concepts: Sequence[frozenset]) -> dict:
        stems = [set(content_stems(s.text)) for s in sentences]
        parent = list(range(len(sentences)))

        def root(j: int) -> int:
            while parent[j] != j:
                parent[j] = parent[parent[j]]
                j = parent[j]
            return j

        index: dict[str, list[int]] = {}
        for j, held in enumerate(stems):
            for stem_ in held:
                index.setdefault(stem_, []).append(j)
        for j, held in enumerate(stems):
            shared = Counter(k for stem_ in held for k in index[stem_] if k > j)
            for k, count in shared.items():
                if sentences[k].article != sentences[j].article and count >= share * max(1, min(len(held), len(stems[k]))):
                    parent[root(k)] = root(j)
        articles: dict = {}
        reports: dict = {}
        leads: dict = {}
        for j, (sentence, found) in enumerate(zip(sentences, concepts, strict=True)):
            for concept in found:
                articles.setdefault(concept, set()).add(sentence.article)
                reports.setdefault(concept, set()).add(root(j))
                if sentence.index == 0:
                    leads.setdefault(concept, set()).add(root(j))
        return {c: min(len(a), len(reports[c])) + coverage.LEAD_BONUS * len(leads.get(c, ()))
                for c, a in articles.items()}
    return weights


@functools.lru_cache(maxsize=1)
def summary_priors() -> tuple[dict[frozenset, Counter], dict[frozenset, Counter], Counter, Counter]:
    """Per DUC 2003 cluster (keyed by its input's content stems): the stems of its input, and for each
    the share of its four human summaries that hold it; and their sums over the clusters. How often
    a word the articles use is kept by those who summarise them (Hong & Nenkova 2014's global
    importance), learned on DUC 2003 alone."""
    inputs: dict[frozenset, Counter] = {}
    kept: dict[frozenset, Counter] = {}
    for cluster in load_clusters(SETS["DUC 2003"][0]):
        used = frozenset(w for a in cluster.articles for w in content_stems(a.text))
        held = [set(content_stems(r)) for r in cluster.references]
        inputs[used] = Counter(used)
        kept[used] = Counter({w: sum(w in h for h in held) / len(held) for w in used})
    return inputs, kept, sum(inputs.values(), Counter()), sum(kept.values(), Counter())


def prior_of(sentences: Sequence[Sentence]) -> Callable[[str], float]:
    """Each stem's kept share over its mean, from the DUC 2003 clusters other than the one
    `sentences` come from (left out when their stems are nearly those of one of them)."""
    inputs, kept, used, held = summary_priors()
    own = frozenset(w for s in sentences for w in content_stems(s.text))
    same = next((key for key in inputs if len(key & own) > 0.9 * max(len(key), len(own))), None)
    if same is not None:
        used, held = used - inputs[same], held - kept[same]
    mean = sum(held.values()) / max(1, sum(used.values()))
    return lambda w: (held.get(w, 0.0) + 2 * mean) / (used.get(w, 0) + 2) / mean


def prior_weighted(power: float) -> Callable:
    """The shipped selection with each concept's value times its words' summary prior (the mean
    over its content stems, a stop word counting 1) to `power`, the tiers still set by the weight."""
    shipped = coverage._choose
    stops = {stem(w) for w in stop_words()}

    def choose(free, candidates, concepts, lengths, costs, weights, budget, most=None):
        prior = prior_of(candidates)

        def factor(concept: tuple) -> float:
            values = [prior(w) for w in concept if w not in stops] or [1.0]
            return min(4.0, max(0.25, statistics.mean(values))) ** power

        changed = {c: w * factor(c) for c, w in weights.items()}
        return shipped(free, candidates, concepts, lengths, costs, changed, budget, most)
    return choose


def evidence_beyond_candidates(sentences, words, name, keep=None):
    """`summarize.summarize` with `coverage`'s concepts weighed over every statement that could be a
    candidate before the rule that a bullet reads alone (`standalone_units`) takes some out or joins
    them to the sentence before: what may be shown is the candidates, what counts as evidence is
    every statement (only the candidates may be chosen)."""
    usable = summarize.candidates(sentences, keep)
    with patched([(summarize, "standalone_units", lambda units, _: units)]):
        pool = summarize.candidates(sentences, keep)
    shown = {(u.article, u.start, u.end) for u in usable}
    every = [*usable, *(u for u in pool if (u.article, u.start, u.end) not in shown)]
    chosen = coverage.select_coverage(every, words, eligible=set(range(len(usable))))
    return tuple(sorted((every[i] for i in chosen), key=lambda s: (s.article, s.index)))


def facet_penalty(groups: int, penalty: float) -> Callable:
    """The shipped program with the candidates split into `groups` facets (k-means over their concept
    sets) and each sentence past the first from one facet costing `penalty`: a story of several facets
    told by one sentence from each rather than by the heaviest facet alone (a diversity reward in the
    manner of Lin & Bilmes 2012, inside the exact program)."""
    from sklearn.cluster import KMeans
    from sklearn.feature_extraction import DictVectorizer

    def solve(concepts, lengths, costs, weights, pairs, budget, most=None):
        n = len(concepts)
        k = min(groups, n)
        if k < 2:
            return SHIPPED_SOLVE(concepts, lengths, costs, weights, pairs, budget, most)
        vectors = DictVectorizer().fit_transform([{" ".join(c): 1 for c in found if c in weights} or {"-": 1}
                                                  for found in concepts]).toarray()
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        facet = KMeans(n_clusters=k, n_init=3, random_state=0).fit_predict(vectors)
        names = sorted(weights)
        extra = 4  # binary columns per facet: the second to fifth sentence from it
        x, y, z = 0, n, n + len(names)
        entries: list[tuple[int, int, float]] = []
        upper: list[float] = []
        for i, c in enumerate(names):  # y_c <= sum of x_j holding c
            entries.append((len(upper), y + i, 1.0))
            entries += [(len(upper), x + j, -1.0) for j, found in enumerate(concepts) if c in found]
            upper.append(0.0)
        entries += [(len(upper), x + j, float(lengths[j])) for j in range(n)]
        upper.append(float(budget))
        for a, b in pairs:
            entries += [(len(upper), x + a, 1.0), (len(upper), x + b, 1.0)]
            upper.append(1.0)
        if most is not None:
            entries += [(len(upper), x + j, 1.0) for j in range(n)]
            upper.append(float(most))
        for f in range(k):  # sentences of facet f - its extra columns <= 1
            entries += [(len(upper), x + j, 1.0) for j in range(n) if facet[j] == f]
            entries += [(len(upper), z + f * extra + m, -1.0) for m in range(extra)]
            upper.append(1.0)
        rows, columns, values = (np.array(v) for v in zip(*entries, strict=True))
        cost = np.concatenate([np.array(costs, dtype=float), -np.array([weights[c] for c in names], dtype=float),
                               np.full(k * extra, penalty)])
        chosen = coverage._binary_program(cost, rows.astype(int), columns.astype(int), values, upper)
        return None if chosen is None else [j for j in chosen if j < n]
    return solve


REPORTING = "said says say told tell according added stated reported"
WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday"


def variants() -> dict[str, list[Patch]]:
    """Every variant measured, by name: the patches that make it."""
    def articles(sentences: list[Sentence]) -> int:
        return len({s.article for s in sentences})

    return {
        "without the dateline-dash rule": [(passages, "_OPENS_ON_DASH", re.compile(r"(?!)"))],
        "split fused sentences at Corp./Inc./N.Y.": [(passages, "split_sentences", _split_fused)],
        "heavy concepts worth their whole weight (before)": [(coverage, "_value", lambda weight, bar: weight)],
        **{f"concepts worth their weight less {shift} (at least 0.1)":
           [(coverage, "_value", lambda weight, bar, shift=shift: max(weight - shift, 0.1))]
           for shift in (1, 1.5, 2, 2.5, 3)},
        "greedy selection (no integer program)": [(coverage, "_solve", lambda *args, **kwargs: None)],
        "Lin & Bilmes a=5 lambda=6": lin_bilmes_patch(),
        "Lin & Bilmes a=10 lambda=6": lin_bilmes_patch(a=10),
        "Lin & Bilmes a=5 lambda=0": lin_bilmes_patch(diversity=0.0),
        "Lin & Bilmes a=5 lambda=3": lin_bilmes_patch(diversity=3.0),
        **{f"position decay tau={tau}": [(coverage, "concept_weights", decayed_weights(tau))]
           for tau in (0.5, 0.75, 1.0, 1.5, 2.0, 4.0)},
        "lead bonus 0": [(coverage, "LEAD_BONUS", 0)],
        "lead bonus 0.5": [(coverage, "LEAD_BONUS", 0.5)],
        "lead bonus 2": [(coverage, "LEAD_BONUS", 2)],
        "lead bonus 0.5 (first article) to 1.5 (last)": [(coverage, "concept_weights", lead_by_order(lambda p: 0.5 + p))],
        "lead bonus 1.5 (first article) to 0.5 (last)": [(coverage, "concept_weights", lead_by_order(lambda p: 1.5 - p))],
        "weights x 10 / articles": [(coverage, "concept_weights", scaled_weights(lambda s: 10 / articles(s)))],
        "weights x 9 / articles": [(coverage, "concept_weights", scaled_weights(lambda s: 9 / articles(s)))],
        "objective sqrt(weight)": [(coverage, "_choose", objective(math.sqrt))],
        "objective weight ** 0.75": [(coverage, "_choose", objective(lambda w: w ** 0.75))],
        "bigrams with a stop word at 0.5": [(coverage, "_choose", objective(stop_share=0.5))],
        "bigrams with a stop word at 0.75": [(coverage, "_choose", objective(stop_share=0.75))],
        "content-word bigrams as concepts": [(coverage, "sentence_concepts", content_bigrams)],
        "no reporting-verb concepts": [(coverage, "sentence_concepts", without_concepts(REPORTING))],
        "no weekday concepts": [(coverage, "sentence_concepts", without_concepts(WEEKDAYS))],
        "bare numbers as one token": [(coverage, "sentence_concepts", numbers_as_one)],
        "no concepts with a number": [(coverage, "sentence_concepts", without_numbers)],
        "quotation costs 3": [(coverage, "_cost", extra_cost(3, lambda t: _QUOTATION.search(t) is not None))],
        "no quotations": [(coverage, "_cost", extra_cost(100, lambda t: _QUOTATION.search(t) is not None))],
        "each sentence costs 1": [(coverage, "_cost", extra_cost(1))],
        "each sentence earns 0.5": [(coverage, "_cost", extra_cost(-0.5))],
        "pronoun after an opening phrase refers back": [(coverage, "REFERS_BACK", _AFTER_OPENER)],
        "candidates of at most 40 words": [(summarize, "MAX_WORDS", 40)],
        "candidates of at most 50 words": [(summarize, "MAX_WORDS", 50)],
        **{f"an article repeating a concept: 1 + {k} log(sentences, at most 3)":
           [(coverage, "concept_weights", repeated_in_article(k))] for k in (0.25, 0.5, 1.0)},
        "capitalised runs of words as concepts beside bigrams": [(coverage, "sentence_concepts", with_named_units)],
        **{f"an article's vote by its centrality, power {k}": [(coverage, "concept_weights", central_votes(k))]
           for k in (0.5, 1.0)},
        "the lead bonus on each article's first candidate": [(coverage, "concept_weights", first_statement_leads)],
        "no candidate ending in a colon": [(summarize, "candidates", without_introducers)],
        "no candidate ending in a colon, the lead bonus on each article's first candidate":
            [(summarize, "candidates", without_introducers), (coverage, "concept_weights", first_statement_leads)],
        **{f"an article carrying a concept only in quotation marks counts {k}":
           [(coverage, "concept_weights", quoted_witnesses(k))] for k in (0.5, 0.75)},
        **{f"unigram concepts beside bigrams at {k} of their value":
           [(coverage, "sentence_concepts", with_unigrams), (coverage, "_choose", unigram_share(k))]
           for k in (0.03, 0.06, 0.15, 0.25, 0.35)},
        **{f"concepts under the bar in the heavy step at {k} of their weight": light_in_heavy_step(k)
           for k in (0.05, 0.1, 0.2)},
        "candidates of at least 8 words": [(summarize, "MIN_WORDS", 8)],
        **{f"each word chosen earns {k}": [(coverage, "_cost", lambda s, k=k: SHIPPED_COST(s) - k * word_count(s.text))]
           for k in (0.02, 0.05, 0.1, 0.2)},
        "concepts holding a number at half their weight":
            [(coverage, "concept_weights", reweighed(lambda c, w: w / 2, holds_number))],
        "concepts holding a number weigh 1 less":
            [(coverage, "concept_weights", reweighed(lambda c, w: w - 1, holds_number))],
        "each number in a sentence costs 0.5":
            [(coverage, "_cost", lambda s: SHIPPED_COST(s) + 0.5 * len(re.findall(r"\d[\d.,]*", s.text)))],
        "concepts with no topic-signature stem at half their weight": [
            (coverage, "concept_weights", unsigned_concepts(lambda w: w / 2))],
        "concepts with no topic-signature stem weigh 1 less": [
            (coverage, "concept_weights", unsigned_concepts(lambda w: w - 1))],
        **{f"near-copies across articles one report, at {k} of their stems":
           [(coverage, "concept_weights", copies_once(k))] for k in (0.6, 0.75, 0.9)},
        **{f"concepts valued by their words' summary prior (DUC 2003), power {k}":
           [(coverage, "_choose", prior_weighted(k))] for k in (0.5, 1.0, 2.0)},
        "concepts weighed over every statement, not only those that read alone":
            [(summarize, "summarize", evidence_beyond_candidates)],
        **{f"facets: {k} k-means groups, a second sentence from one costs {p}":
           [(coverage, "_solve", facet_penalty(k, p))]
           for k, p in ((6, 0), (4, 0.5), (4, 1.0), (6, 0.5), (6, 1.0), (6, 2.0), (10, 1.0), (10, 2.0))},
        "every claim quotable (key points; a ceiling, not a rule)":
            [(who_said_what.Attributed, "usable", lambda self, sentence: True)],
    }


def segmentation(sets: dict[str, list[Cluster]]) -> None:
    """What the splitter makes of the one-block text: long, fused and torn sentences, and leads."""
    sentences = [s for clusters in sets.values() for cluster in clusters for s in cluster_sentences(cluster)]
    long = [s.text for s in sentences if word_count(s.text) > 45]
    stops = stop_words()
    fused = sum(1 for text in long for m in _FUSED.finditer(text)
                if m.group(1).lower() not in _NOT_AN_END and len(m.group(1).replace(".", "")) > 1
                and (m.group(2) or m.group(3).lower() in stops))
    no_space = sum(len(re.findall(r"[a-z]{2}[.!?][\"”]?[A-Z][a-z]", s.text)) for s in sentences)
    short_leads = sum(1 for s in sentences if s.index == 0 and word_count(s.text) < summarize.MIN_WORDS)
    print(f"segmentation: {len(sentences)} sentences, {len(long)} of more than 45 words "
          f"({fused} of them fused at an abbreviation), {sum(word_count(s.text) > summarize.MAX_WORDS for s in sentences)} "
          f"of more than {summarize.MAX_WORDS}, {no_space} sentence ends without a space, "
          f"{short_leads} leads of fewer than {summarize.MIN_WORDS} words", flush=True)


def oracle(sets: dict[str, list[Cluster]]) -> Scores:
    """A ceiling, not a summarizer: the same program with each concept weighing the number of a
    cluster's human summaries that hold it (no tiers, no refers-back cost), over the candidates
    and over every sentence of 6 to 80 words (what the candidate rules cost)."""
    found: Scores = {}
    for pool in ("candidates", "every sentence"):
        for name, clusters in sets.items():
            rows = found.setdefault(f"{name}, {pool}", [])
            for cluster in clusters:
                sentences = cluster_sentences(cluster)
                if pool == "candidates":
                    sentences = summarize.candidates(sentences)
                else:
                    sentences = [s for s in sentences if summarize.MIN_WORDS <= word_count(s.text) <= summarize.MAX_WORDS]
                held = [coverage.sentence_concepts(text) for text in cluster.references]

                def weights(_, concepts, held=held):
                    counts = {c: sum(c in h for h in held) for found in concepts for c in found}
                    return {c: n for c, n in counts.items() if n}

                with patched([(coverage, "concept_weights", weights), (coverage, "MIN_WEIGHT", 1),
                              (coverage, "REFERS_BACK_PENALTY", 0)]):
                    text = " ".join(sentences[i].text for i in coverage.select_coverage(sentences, WORDS))
                rows.append((rouge_n(text, cluster.references, 1, WORDS).recall,
                             rouge_n(text, cluster.references, 2, WORDS).recall, len(text.split())))
    return found


# The members of the consensus: the shipped summarizer and variants that stay near it on every set but
# choose otherwise somewhere (another weighing, another selection, another system).
CONSENSUS = ("lead bonus 0", "lead bonus 2", "position decay tau=1.0", "Lin & Bilmes a=5 lambda=6",
             "greedy selection (no integer program)", "unigram concepts beside bigrams at 0.25 of their value",
             "concepts worth their weight less 1 (at least 0.1)", "concepts worth their weight less 3 (at least 0.1)",
             "heavy concepts worth their whole weight (before)")


def consensus(sets: dict[str, list[Cluster]]) -> Scores:
    """System combination by agreement (minimum Bayes risk, as Hong, Marcus & Nenkova 2015 combine
    systems): per cluster, of the summaries of the shipped summarizer and of each CONSENSUS variant,
    the one whose ROUGE-1 and ROUGE-2 recall of the others sum highest (the shipped one on a tie)."""
    chosen = variants()
    summaries: list[dict[str, list[str]]] = []
    for patches in [[], *(chosen[name] for name in CONSENSUS)]:
        with patched(patches):
            summaries.append({name: [" ".join(s.text for s in cluster_summary(cluster, WORDS, "coverage"))
                                     for cluster in clusters] for name, clusters in sets.items()})

    def agreement(text: str, others: list[str]) -> float:
        return sum(rouge_n(text, [other], n, WORDS).recall for other in others for n in (1, 2))

    found: Scores = {}
    for name, clusters in sets.items():
        found[name] = []
        for k, cluster in enumerate(clusters):
            texts = [member[name][k] for member in summaries]
            best = max(range(len(texts)), key=lambda i: (agreement(texts[i], texts[:i] + texts[i + 1:]), i == 0))
            found[name].append((rouge_n(texts[best], cluster.references, 1, WORDS).recall,
                                rouge_n(texts[best], cluster.references, 2, WORDS).recall, len(texts[best].split())))
    return found


def main(argv: list[str] | None = None) -> int:
    """Print the shipped summarizer's figures, then each variant's against them."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="variants to run (default: all)")
    parser.add_argument("--list", action="store_true", help="name the variants and stop")
    parser.add_argument("--segmentation", action="store_true", help="also count what the splitter makes")
    parser.add_argument("--oracle", action="store_true", help="also the ceiling with the references' own concepts")
    parser.add_argument("--consensus", action="store_true",
                        help="also the summary each cluster's CONSENSUS summaries agree on most (about 3 min)")
    parser.add_argument("--key-points", action="store_true",
                        help="also the key points of a briefing of each cluster (about 25 s more per variant)")
    args = parser.parse_args(argv)
    chosen = variants()
    if args.list:
        print("\n".join(chosen))
        return 0
    unknown = [name for name in args.names if name not in chosen]
    if unknown:
        parser.error(f"unknown variant(s): {', '.join(unknown)}")
    sets = {name: split_half(load_clusters(path), half) for name, (path, half) in SETS.items()}
    if args.segmentation:
        segmentation(sets)
    if args.oracle:
        print(line("ceiling (concepts weighed by the references)", oracle(sets)), flush=True)
    base = score(sets)
    print(line("coverage as shipped", base), flush=True)
    if args.consensus:
        print(line("the consensus of the shipped summarizer and CONSENSUS", consensus(sets), base), flush=True)
    points = score(sets, key_points=True) if args.key_points else None
    if points:
        print(line("key points as shipped", points), flush=True)
    for name in args.names or ([] if args.consensus else chosen):  # the consensus alone, unless variants are named
        with patched(chosen[name]):
            print(line(name, score(sets), base), flush=True)
            if points:
                print(line(f"{name}, key points", score(sets, key_points=True), points), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
