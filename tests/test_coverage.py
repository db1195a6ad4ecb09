"""The concept-coverage summarizer on tiny hand-made clusters, and dateline trimming."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from briefing.models import Sentence
from briefing.story import coverage
from briefing.story.coverage import (
    REFERS_BACK,
    _binary_program,
    concept_weights,
    select_coverage,
    sentence_concepts,
)
from briefing.story.summarize import summarize
from briefing.text.passages import split_sentences, trim_clutter
from briefing.text.similarity import REDUNDANCY, overlap
from briefing.text.tokens import content_stems, word_count

STORM = (
    "A powerful storm struck the coastal town of Brava on Monday. "
    "The storm killed twelve people and destroyed hundreds of homes. "
    "Rescue teams searched the flooded streets for survivors through the night. "
    "The mayor asked the national government for emergency aid.",
    "The storm killed twelve people and destroyed hundreds of homes. "
    "Officials in Brava said the sea wall had failed during the storm. "
    "Fishermen lost most of their boats in the harbour. "
    "The national government promised emergency aid for Brava within days.",
    "Emergency aid reached Brava on Wednesday after a powerful storm. "
    "The storm killed twelve people and destroyed hundreds of homes. "
    "Engineers will inspect the failed sea wall next month. "
    "Schools in the coastal town stay closed until the water recedes.",
)


def sentences_of(*articles: str) -> list[Sentence]:
    return [
        Sentence(text, article, index, start, end)
        for article, body in enumerate(articles)
        for index, (text, start, end) in enumerate(split_sentences(body))
    ]


def chosen_texts(sentences: list[Sentence], words: int) -> list[str]:
    return [sentences[i].text for i in select_coverage(sentences, words)]


@pytest.mark.parametrize("words", [8, 12, 20, 25, 40, 60, 200])
def test_budget_is_hard(words):
    sentences = sentences_of(*STORM)
    assert sum(word_count(t) for t in chosen_texts(sentences, words)) <= words


def test_no_duplicate_or_near_duplicate_sentences():
    texts = chosen_texts(sentences_of(*STORM), 200)
    assert len(texts) == len(set(texts))
    stems = [set(content_stems(t)) for t in texts]
    for a in range(len(stems)):
        for b in range(a + 1, len(stems)):
            assert overlap(stems[a], stems[b]) < REDUNDANCY


def test_deterministic_across_runs():
    sentences = sentences_of(*STORM)
    assert all(select_coverage(sentences, 40) == select_coverage(sentences, 40) for _ in range(3))


def test_deterministic_across_hash_seeds():
    """Set order changes with PYTHONHASHSEED; the choice must not."""
    code = (
        "from tests.test_coverage import STORM, sentences_of\n"
        "from briefing.story.coverage import select_coverage\n"
        "print(select_coverage(sentences_of(*STORM), 40))"
    )
    root = Path(__file__).resolve().parents[1]
    outputs = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(root)}
        run = subprocess.run([sys.executable, "-c", code], cwd=root, env=env, capture_output=True, text=True)
        assert run.returncode == 0, run.stderr
        outputs.add(run.stdout)
    assert len(outputs) == 1


def test_sentence_repeated_across_articles_is_preferred():
    texts = chosen_texts(sentences_of(*STORM), 12)
    assert texts == ["The storm killed twelve people and destroyed hundreds of homes."]


def test_single_article_input():
    sentences = sentences_of(STORM[0])
    texts = chosen_texts(sentences, 25)
    assert texts
    assert sum(word_count(t) for t in texts) <= 25


def test_many_candidates_are_cut_to_the_best_before_solving(monkeypatch):
    import briefing.story.coverage

    monkeypatch.setattr(briefing.story.coverage, "MAX_CANDIDATES", 2)
    seen = []
    solve = briefing.story.coverage._solve
    monkeypatch.setattr(briefing.story.coverage, "_solve", lambda concepts, *rest: seen.append(len(concepts)) or solve(concepts, *rest))
    texts = chosen_texts(sentences_of(*STORM), 12)
    assert max(seen) <= 2
    assert texts == ["The storm killed twelve people and destroyed hundreds of homes."]


def test_greedy_fallback_when_the_solver_gives_up(monkeypatch):
    import briefing.story.coverage

    monkeypatch.setattr(briefing.story.coverage, "_solve", lambda *args: None)
    sentences = sentences_of(*STORM)
    texts = chosen_texts(sentences, 40)
    assert texts and sum(word_count(t) for t in texts) <= 40
    assert texts.count("The storm killed twelve people and destroyed hundreds of homes.") <= 1


def test_lighter_concepts_fill_the_words_left():
    # Two articles share little: few heavy concepts, yet the budget gets used.
    sentences = sentences_of(STORM[0], STORM[2])
    assert sum(word_count(t) for t in chosen_texts(sentences, 40)) >= 30


def test_a_heavy_concept_is_worth_what_it_weighs_above_the_bar(monkeypatch):
    # Room for one sentence: one concept five articles carry, or two that three carry.
    one, two = Sentence("Dam burst", 0, 0, 0, 9), Sentence("Roads flooded badly", 1, 0, 0, 19)
    weights = {**dict.fromkeys(sentence_concepts(one.text), 5), **dict.fromkeys(sentence_concepts(two.text), 3)}
    assert len(sentence_concepts(two.text)) == 2
    monkeypatch.setattr(coverage, "concept_weights", lambda sentences, concepts: dict(weights))
    # 5 - 2 = 3 beats (3 - 2) + (3 - 2) = 2; by whole weights 3 + 3 would beat 5.
    assert select_coverage([one, two], 4) == [0]


def test_empty_input_and_budget_smaller_than_any_sentence():
    assert select_coverage([], 100) == []
    assert select_coverage(sentences_of(*STORM), 3) == []


def test_concepts_skip_stop_word_pairs_and_stem():
    concepts = sentence_concepts("The storms of the night flooded it")
    assert ("storm", "of") in concepts
    assert ("of", "the") not in concepts
    assert ("night", "flood") in concepts


def test_weights_count_articles_and_leads():
    sentences = sentences_of(*STORM)
    concepts = [sentence_concepts(s.text) for s in sentences]
    weights = concept_weights(sentences, concepts)
    # In three articles, the lead of the second one.
    assert weights[("twelv", "peopl")] == 4
    # In two articles, the lead of the first one.
    assert weights[("coastal", "town")] == 3
    # In two articles' lead sentences only: 2 articles + 2 leads.
    assert weights[("power", "storm")] == 4


@pytest.mark.parametrize(
    ("text", "refers_back"),
    [
        ("He said the storm had passed.", True),
        ("“They will rebuild,” the mayor said.", True),
        ("According to him, the wall failed.", True),
        ("This was the worst storm in years.", True),
        ("Its sea wall failed.", True),
        ("Heavy rain fell on Brava.", False),
        ("History repeats itself in Brava.", False),
        ("The mayor said he would ask for aid.", False),
    ],
)
def test_refers_back(text, refers_back):
    assert bool(REFERS_BACK.match(text)) is refers_back


def test_a_sentence_that_refers_back_loses_to_an_equal_one_that_does_not():
    articles = (
        "He said the storm killed twelve people in Brava. Officials counted the damage.",
        "Rescuers said the storm killed twelve people in Brava. Officials counted the damage.",
    )
    texts = chosen_texts(sentences_of(*articles), 13)
    assert texts == ["Officials counted the damage.", "Rescuers said the storm killed twelve people in Brava."]
    # Choosing one that refers back still beats choosing nothing.
    assert chosen_texts(sentences_of(articles[0]), 9) == ["He said the storm killed twelve people in Brava."]


def test_summarize_with_coverage_keeps_reading_order_and_offsets():
    dated = "BRAVA, Testland (AP) _ " + STORM[0]
    articles = (dated, STORM[1], STORM[2])
    sentences = sentences_of(*articles)
    summary = summarize(sentences, 40, "coverage")
    assert [(s.article, s.index) for s in summary] == sorted((s.article, s.index) for s in summary)
    for s in summary:
        assert articles[s.article][s.start : s.end] == s.text
        assert not s.text.startswith("BRAVA")


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("PHNOM PENH, Cambodia (AP) _ Hun Sen said no.", "Hun Sen said no."),
        ("WASHINGTON (AP) -- The Senate voted.", "The Senate voted."),
        ("UNITED NATIONS (Reuters) - The council met.", "The council met."),
        ("MUNICH, Germany (AP) — U.S. prosecutors asked.", "U.S. prosecutors asked."),
        ("WASHINGTON — NASA and Russia agreed.", "NASA and Russia agreed."),
        ("If the party has its way — and it has planned.", "If the party has its way — and it has planned."),
        ("NATO — the alliance said so.", "NATO — the alliance said so."),
        ("U.S. troops left on Monday.", "U.S. troops left on Monday."),
    ],
)
def test_trim_clutter_removes_datelines_only(text, kept):
    article = "Intro. " + text
    sentence = Sentence(text, 0, 1, 7, 7 + len(text))
    trimmed = trim_clutter(sentence)
    assert trimmed.text == kept
    assert article[trimmed.start : trimmed.end] == kept


def test_only_eligible_sentences_are_chosen_but_all_weigh_concepts():
    sentences = sentences_of(*STORM)
    eligible = {i for i, s in enumerate(sentences) if s.article == 2}
    chosen = select_coverage(sentences, 25, eligible)
    assert chosen and set(chosen) <= eligible
    # The toll is in every article: it is the heaviest concept the third article holds.
    assert any("killed twelve people" in sentences[i].text for i in chosen)


def test_at_most_most_sentences():
    sentences = sentences_of(*STORM)
    assert len(select_coverage(sentences, 200)) > 2
    assert len(select_coverage(sentences, 200, most=2)) == 2
    assert select_coverage(sentences, 200, most=0) == []


def test_kept_sentences_stay_and_the_rest_adds_to_them():
    sentences = sentences_of(*STORM)
    opening = select_coverage(sentences, 15)
    grown = select_coverage(sentences, 40, kept=opening)
    assert set(opening) < set(grown) and sum(word_count(sentences[i].text) for i in grown) <= 40
    texts = [sentences[i].text for i in grown]
    assert len(texts) == len(set(texts))  # nothing added says again what was kept
def test_the_binary_program_finds_the_best_knapsack():
    # Values 3, 4, 5 (costs are negated values), weights 2, 3, 4, capacity 5: items 0 and 1 (7) beat item 2 (5).
    chosen = _binary_program(np.array([-3.0, -4.0, -5.0]), np.array([0, 0, 0]), np.array([0, 1, 2]),
                             np.array([2.0, 3.0, 4.0]), np.array([5.0]))
    assert chosen == [0, 1]


def test_the_binary_program_without_a_solution_is_none():
    # x0 + x1 <= -1 has no 0/1 solution.
    assert _binary_program(np.array([-1.0, -1.0]), np.array([0, 0]), np.array([0, 1]), np.ones(2), np.array([-1.0])) is None


def test_a_pile_of_reports_that_repeat_each_other_keeps_one_of_each_repeat_and_covers_the_rest():
    """Hundreds of earnings reports in one shape give thousands of pairs that repeat each other: only the best
    of each group of repeats is offered to the program, and no two sentences chosen repeat each other."""
    from briefing.story.coverage import PAIRS_PER_CANDIDATE
    from briefing.text.similarity import redundant_pairs, repeats

    reports = [Sentence(f"Acme Holdings reported quarterly net profit of {n} mln dlrs, up from {n - 3} mln dlrs "
                        f"a year earlier, on revenue of {10 * n} mln dlrs.", n, 0, 0, 100) for n in range(20, 260)]
    others = [Sentence("Acme Holdings said its board approved a buyback of ten mln shares over two years.", 300, 0, 0, 80),
              Sentence("Acme Holdings shares rose four pct in heavy trading after the reports.", 301, 0, 0, 70)]
    pile = reports + others
    assert len(redundant_pairs([s.text for s in pile])) > PAIRS_PER_CANDIDATE * len(pile)
    chosen = [pile[i] for i in select_coverage(pile, 100)]
    assert chosen and sum(word_count(s.text) for s in chosen) <= 100
    assert not any(repeats(a.text, [set(content_stems(b.text))]) for k, a in enumerate(chosen) for b in chosen[k + 1:])
    assert any("buyback" in s.text for s in chosen)


def _run_with_c_buffering(code: str) -> subprocess.CompletedProcess:
    """`code` in a fresh interpreter with C's standard output buffered as users have it
    (PYTHONUNBUFFERED would leave it unbuffered too, which users rarely set)."""
    environment = {name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=environment)
    assert result.returncode == 0, result.stderr
    return result


def test_what_the_solver_prints_in_c_never_reaches_standard_output():
    """HiGHS 1.12 prints a stray debug line with printf; while a program is solved, C's standard
    output goes nowhere, and what C buffered for a pipe is flushed there, not after."""
    result = _run_with_c_buffering("""
import ctypes, sys
from briefing.story.coverage import _c_stdout_silenced
libc = ctypes.CDLL(None)
print("before")
with _c_stdout_silenced():
    libc.printf(b"stray debug line\\n")
print("after")
sys.stdout.flush()
libc.printf(b"from C after\\n")
""")
    assert result.stdout.splitlines() == ["before", "after", "from C after"]
    assert "stray" not in result.stderr


def test_threads_solving_at_once_give_standard_output_back_when_the_last_is_done():
    """Two threads of one process (as a Dask worker runs stories) overlap: C's standard output is
    away until the last of them is done, then back."""
    result = _run_with_c_buffering("""
import ctypes, threading
from briefing.story.coverage import _c_stdout_silenced
libc = ctypes.CDLL(None)
first_in, second_in, first_out = threading.Event(), threading.Event(), threading.Event()

def first():
    with _c_stdout_silenced():
        first_in.set(); second_in.wait()
    first_out.set()

def second():
    first_in.wait()
    with _c_stdout_silenced():
        second_in.set(); first_out.wait()
        libc.printf(b"stray while the second solves\\n")

threads = [threading.Thread(target=first), threading.Thread(target=second)]
for thread in threads: thread.start()
for thread in threads: thread.join()
libc.printf(b"back\\n")
""")
    assert result.stdout.splitlines() == ["back"]
