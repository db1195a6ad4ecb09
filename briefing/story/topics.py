"""Topic segmentation: passages to the profile's sections, or to discovered topics.

With a profile, each section is described in words (title, description, seed
terms). A passage goes to the section whose description it resembles most
(TF-IDF cosine over content-word stems), its score smoothed by the passage
before it in the same article, since a paragraph that only continues its
predecessor's subject carries too few words of its own to judge. Sections then
absorb the vocabulary of the passages they won (a few rounds of seeded
centroid refinement), so a section described in ten words still recognises
passages that use other words for the same subject.

Without a profile, passages are grouped into as many topics as they hold, no
more than the word budget gives whole sections (average linkage over a
similarity threshold; k-means when the config asks for a number), each named
by its top terms until the summaries are written and `naming` gives it a noun
phrase its bullets support.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

import numpy as np

from briefing.config import Config, SectionSpec
from briefing.models import Passage, Section
from briefing.story import naming
from briefing.story.stories import average_linkage
from briefing.text.tokens import content_stems, stem, stop_words, words
from briefing.text.vectors import Matrix, dense, unit_rows

# Weight of the previous passage's similarities in a passage's own; a passage
# that opens with a quotation or a pronoun continues its predecessor's subject
# (the speaker or actor it introduced) and leans on it fully.
CONTEXT_WEIGHT = 0.35
CONTINUATION_WEIGHT = 1.0
_CONTINUES = re.compile(r"^(?:[\"“‘'«]|(?:He|She|They|It|This|That|These|Those|His|Her|Their)\b)")
# How much a section's won passages count against its own description.
REFINE_WEIGHT = 0.5
REFINE_ROUNDS = 3
# Seed terms are the profile author's strongest signal: count them twice.
TERM_WEIGHT = 2

# Without a count, passages group into topics while this alike on average (set on DUC 2003/2004
# clusters: a story of 10 articles in one block each gets 1 to 5 topics, 3 on average), and two topics this
# alike are one. Articles in paragraphs make more (DUC 2003: up to 20), hence `most_topics`.
TOPIC_SIMILARITY = 0.08
SAME_TOPIC = 0.4

# A topic is named by its first NAME_TERMS distinctive terms, looked for among
# its NAME_CANDIDATES most distinctive stems.
NAME_TERMS = 3
NAME_CANDIDATES = 6
# Two of those stems written side by side this often (a share of the rarer
# one's uses) are one name: "Phnom Penh", "prime minister".
PHRASE_SHARE = 0.5


def assign_sections(passages: Sequence[Passage], config: Config) -> tuple[Section, ...]:
    """The profile's sections (or discovered ones), each with its passages in order."""
    if not passages:
        return ()
    if not config.sections:
        return discover_topics(passages, config.discover, most_topics(config))
    return segment(passages, config.sections, config.threshold, config.unassigned, config.other_title)


def segment(
    passages: Sequence[Passage],
    specs: Sequence[SectionSpec],
    threshold: float,
    unassigned: str = "other",
    other_title: str = "Other",
) -> tuple[Section, ...]:
    """Assign each passage to the most similar section of `specs`, or to none."""
    queries = [_section_text(spec) for spec in specs]
    vocabulary, idf = _fit([content_stems(p.text) for p in passages] + [content_stems(q) for q in queries])
    passage_vectors = _vectors([p.text for p in passages], vocabulary, idf)
    section_vectors = dense(_vectors(queries, vocabulary, idf))  # a few rows
    labels = _label(passages, passage_vectors, section_vectors, threshold)
    for _ in range(REFINE_ROUNDS):
        refined = _refine(section_vectors, passage_vectors, labels)
        new_labels = _label(passages, passage_vectors, refined, threshold)
        if np.array_equal(new_labels, labels):
            break
        labels = new_labels
    sections = [
        Section(spec.title, tuple(p for p, label in zip(passages, labels, strict=True) if label == k), spec.description, spec.anchor)
        for k, spec in enumerate(specs)
    ]
    leftovers = tuple(p for p, label in zip(passages, labels, strict=True) if label < 0)
    if unassigned == "other" and leftovers:
        sections.append(Section(other_title, leftovers, "", SectionSpec(other_title, other_title).anchor))
    return tuple(sections)


def _section_text(spec: SectionSpec) -> str:
    return " ".join([spec.title, spec.description, *(list(spec.terms) * TERM_WEIGHT)])


def _label(passages: Sequence[Passage], vectors: Matrix, sections: np.ndarray, threshold: float) -> np.ndarray:
    """Best section per passage after context smoothing; -1 where none reaches `threshold`."""
    own = vectors @ sections.T
    smoothed = own.copy()
    for i in range(1, len(passages)):
        if passages[i].article == passages[i - 1].article:
            weight = CONTINUATION_WEIGHT if _CONTINUES.match(passages[i].text) else CONTEXT_WEIGHT
            smoothed[i] += weight * own[i - 1]
    labels = smoothed.argmax(axis=1)
    best = smoothed.max(axis=1)
    for i in range(len(passages)):
        if own[i].max() >= threshold or best[i] >= threshold * (1 + CONTEXT_WEIGHT):
            continue
        # Too little of its own to judge: it continues its predecessor's subject.
        continues = i > 0 and passages[i - 1].article == passages[i].article and labels[i - 1] >= 0
        labels[i] = labels[i - 1] if continues and own[i].max() > 0 else -1
    return labels


def _refine(sections: np.ndarray, passages: Matrix, labels: np.ndarray) -> np.ndarray:
    """Each section's description pulled toward the centroid of the passages it won."""
    refined = sections.copy()
    for k in range(len(sections)):
        won = passages[labels == k]
        if won.shape[0]:
            centroid = np.asarray(won.mean(axis=0)).ravel()
            refined[k] = sections[k] + REFINE_WEIGHT * centroid / (np.linalg.norm(centroid) or 1)
    return _normalize(refined)


def _fit(documents: Sequence[Sequence[str]]) -> tuple[dict[str, int], np.ndarray]:
    """Vocabulary and smoothed inverse document frequencies of stemmed documents."""
    df = Counter(stem for doc in documents for stem in set(doc))
    vocabulary = {stem: i for i, stem in enumerate(sorted(df))}
    n = len(documents)
    idf = np.array([math.log((1 + n) / (1 + df[stem])) + 1 for stem in sorted(df)])
    return vocabulary, idf


def _vectors(texts: Sequence[str], vocabulary: dict[str, int], idf: np.ndarray) -> Matrix:
    """Unit TF-IDF rows (sublinear tf) of `texts` over `vocabulary` (sparse past a
    small story's size: `vectors.unit_rows`)."""
    weights = [{vocabulary[found]: (1 + math.log(count)) * idf[vocabulary[found]]
                for found, count in Counter(content_stems(text)).items() if found in vocabulary}
               for text in texts]
    return unit_rows(weights, len(vocabulary))


def _normalize(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms == 0, 1, norms)


def most_topics(config: Config) -> int:
    """Most topics found without a count: as many sections as the word budget gives a whole section's
    budget. Past that every section gets a sliver (`pipeline.section_budgets`): a bullet or two under
    a heading a reader must still read."""
    return max(1, config.total_words // config.words_per_section)


def discover_topics(passages: Sequence[Passage], count: int = 0, most: int = 0) -> tuple[Section, ...]:
    """Topics of `passages`, largest first, named by their terms: `count` of them by k-means,
    or with `count` 0 as many as the passages hold (`_grown_topics`), at most `most` (0: no limit)."""
    vocabulary, idf = _fit([content_stems(p.text) for p in passages])
    vectors = _vectors([p.text for p in passages], vocabulary, idf)
    if count:
        k = min(count, len(passages))
        labels = _kmeans(vectors, k) if k > 1 else np.zeros(len(passages), dtype=int)
    else:
        labels = _grown_topics(passages, vectors, most)
    stems = sorted(vocabulary, key=vocabulary.__getitem__)
    centroids = {label: np.asarray(vectors[labels == label].mean(axis=0)).ravel() for label in set(labels)}
    overall = np.asarray(vectors.mean(axis=0)).ravel()
    sections = []
    for label in sorted(centroids, key=lambda c: -int(np.sum(labels == c))):
        members = tuple(p for p, lab in zip(passages, labels, strict=True) if lab == label)
        # Named by the terms that set the topic apart, not those every topic shares.
        distinct = centroids[label] - overall
        ranked = [stems[i] for i in np.argsort(-distinct)[:NAME_CANDIDATES] if distinct[i] > 0]
        title = ", ".join(_names(ranked, members)) or "Topic"
        title = title[0].upper() + title[1:]
        sections.append(Section(title, members, "", SectionSpec(title, title).anchor))
    return naming.name_sections(sections, passages)


def _grown_topics(passages: Sequence[Passage], vectors: Matrix, most: int = 0) -> np.ndarray:
    """A topic label per passage, as many topics as the passages hold, at most `most` (0: no limit).

    Passages grow into groups by average linkage (`stories.average_linkage`)
    while their average similarity reaches TOPIC_SIMILARITY. A group is a topic
    when several articles write about it (`_least_articles`); every other
    passage joins the topic it resembles most. Two topics whose centroids are
    SAME_TOPIC alike are one: a reader would see one subject twice. Then the
    smallest topic gives its passages to the others while there are more than
    `most`, or while it is left with passages of fewer articles than a topic
    needs (`_kept_topics`). Articles written in paragraphs make many small
    groups that several articles share (DUC 2003's gave up to 20 topics for
    ten articles), each a heading over a bullet or two.
    """
    groups = average_linkage(vectors, TOPIC_SIMILARITY)
    articles: dict[int, set[int]] = {}
    for passage, group in zip(passages, groups, strict=True):
        articles.setdefault(group, set()).add(passage.article)
    least = _least_articles(len({p.article for p in passages}))
    topics = [g for g, found in sorted(articles.items(), key=lambda x: -len(x[1])) if len(found) >= least]
    if len(topics) < 2:
        return np.zeros(len(passages), dtype=int)
    labels = np.array(groups)
    centroids = _normalize(np.array([np.asarray(vectors[labels == g].mean(axis=0)).ravel() for g in topics]))
    return _kept_topics(passages, vectors, _merged(centroids), least, most)


def _kept_topics(passages: Sequence[Passage], vectors: Matrix, centroids: np.ndarray, least: int,
                 most: int) -> np.ndarray:
    """A topic label per passage, the centroid it resembles most, after the smallest topic is dropped,
    one at a time, while there are more than `most` or the smallest wins passages of fewer than
    `least` articles."""
    article_of = np.array([p.article for p in passages])
    while True:
        labels = np.asarray(vectors @ centroids.T).argmax(axis=1)
        if len(centroids) == 1:
            return labels
        sizes = np.bincount(labels, minlength=len(centroids))
        smallest = int(sizes.argmin())
        writers = len(set(article_of[labels == smallest].tolist()))
        if (not most or len(centroids) <= most) and writers >= least:
            return labels
        centroids = np.delete(centroids, smallest, axis=0)


def _least_articles(articles: int) -> int:
    """Articles that must write about a topic: more for a bigger story, whose topics are wider."""
    return max(2, round(math.sqrt(articles)))


def _merged(centroids: np.ndarray) -> np.ndarray:
    """`centroids` with each pair at least SAME_TOPIC alike merged, most alike first."""
    rows = list(centroids)
    while len(rows) > 1:
        matrix = np.array(rows)
        similarity = matrix @ matrix.T
        np.fill_diagonal(similarity, -1)
        a, b = np.unravel_index(similarity.argmax(), similarity.shape)
        if similarity[a, b] < SAME_TOPIC:
            break
        merged = _normalize((rows[a] + rows[b])[None, :])[0]
        rows = [c for k, c in enumerate(rows) if k not in (a, b)] + [merged]
    return np.array(rows)


def _names(ranked: Sequence[str], members: Sequence[Passage]) -> list[str]:
    """Up to NAME_TERMS names for a topic from its stems `ranked` best first,
    each in the form its passages write it most, pairs they write together as one."""
    forms, pairs, uses = _written_forms(members)
    names: list[str] = []
    taken: set[str] = set()
    for first in ranked:
        if first in taken or len(names) == NAME_TERMS:
            continue
        partner = next((p for p in ranked if p not in taken and p != first and _phrase(first, p, pairs, uses)), None)
        if partner is None:
            names.append(forms.get(first, first))
            taken.add(first)
        else:
            pair = (first, partner) if pairs[(first, partner)] >= pairs[(partner, first)] else (partner, first)
            names.append(forms[pair])
            taken.update(pair)
    return names


def _phrase(a: str, b: str, pairs: Counter, uses: Counter) -> bool:
    together = pairs[(a, b)] + pairs[(b, a)]
    return together > 0 and together >= PHRASE_SHARE * min(uses[a], uses[b])


def _written_forms(passages: Sequence[Passage]) -> tuple[dict, Counter, Counter]:
    """For the content words of `passages`: the most frequent written form of each
    stem and of each pair of stems written side by side, how often each pair is,
    and how often each stem is."""
    stops = stop_words()
    written: dict = {}
    pairs: Counter = Counter()
    uses: Counter = Counter()
    for passage in passages:
        previous = None
        for word in words(passage.text):
            if word.lower() in stops or word.isdigit():
                previous = None
                continue
            key = stem(word)
            uses[key] += 1
            written.setdefault(key, Counter())[word] += 1
            if previous is not None:
                pair = (previous[0], key)
                pairs[pair] += 1
                written.setdefault(pair, Counter())[f"{previous[1]} {word}"] += 1
            previous = (key, word)
    return {k: forms.most_common(1)[0][0] for k, forms in written.items()}, pairs, uses


def _kmeans(vectors: Matrix, k: int) -> np.ndarray:
    from sklearn.cluster import KMeans

    return KMeans(n_clusters=k, n_init=10, random_state=0).fit_predict(vectors)
