"""`briefing eval`: the ROUGE scorer against hand-computed values, datasets, end to end."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from briefing.errors import SourceError
from briefing.evaluate import (
    EvalRow,
    cluster_sentences,
    evaluate,
    evaluate_key_points,
    evaluate_peers,
    format_table,
    load_clusters,
    paragraph_spans,
    pooled,
    rouge_n,
    rows_to_json,
    split_half,
    standard_error,
)

SUMMARY = "the cat sat on the mat"
REFERENCES = ["the cat lay on the mat", "a cat sat"]


def f_measure(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall)


def test_rouge1_pooled_over_two_references():
    # ref 1 matches the x2, cat, on, mat = 5 of 6; ref 2 matches cat, sat = 2 of 3.
    score = rouge_n(SUMMARY, REFERENCES, 1)
    assert score.recall == pytest.approx(7 / 9)
    assert score.precision == pytest.approx(7 / (6 * 2))
    assert score.f == pytest.approx(f_measure(7 / 12, 7 / 9))


def test_rouge2_pooled_over_two_references():
    # ref 1: "the cat", "on the", "the mat" of 5; ref 2: "cat sat" of 2.
    score = rouge_n(SUMMARY, REFERENCES, 2)
    assert score.recall == pytest.approx(4 / 7)
    assert score.precision == pytest.approx(4 / (5 * 2))
    assert score.f == pytest.approx(f_measure(0.4, 4 / 7))


def test_matches_are_clipped_to_the_reference_count():
    score = rouge_n("the the the cat", ["the cat"], 1)
    assert score.recall == pytest.approx(1.0)
    assert score.precision == pytest.approx(2 / 4)


def test_porter_stemming_and_case():
    assert rouge_n("Running DOGS", ["run dog"], 1).recall == pytest.approx(1.0)


def test_stop_words_are_kept():
    assert rouge_n("of the", ["of the sea"], 1).recall == pytest.approx(2 / 3)


def test_cut_to_first_words_before_tokenizing():
    reference = ["boats sank near the harbour"]
    assert rouge_n("storm winds boats sank", reference, 1, words=2).recall == 0.0
    # "boats" of the reference's first three words, "boats sank near".
    assert rouge_n("storm winds boats sank", reference, 1, words=3).recall == pytest.approx(1 / 3)
    # "U.S." is one word for the cut but two tokens for the count.
    assert rouge_n("U.S. troops left", ["troops U.S. left"], 1, words=2).recall == pytest.approx(1.0)
    # References are cut too.
    assert rouge_n("harbour", ["boats sank near the harbour"], 1, words=4).recall == 0.0


def test_single_reference_agrees_with_rouge_score():
    from rouge_score.rouge_scorer import RougeScorer

    summary = "Rebels shot down a jet carrying 40 soldiers over eastern Congo on Saturday."
    reference = "Congolese rebels said they shot down a passenger jet with 40 government soldiers."
    expected = RougeScorer(["rouge1", "rouge2"], use_stemmer=True).score(reference, summary)
    for n, key in ((1, "rouge1"), (2, "rouge2")):
        score = rouge_n(summary, [reference], n)
        assert score.recall == pytest.approx(expected[key].recall)
        assert score.f == pytest.approx(expected[key].fmeasure)


def test_empty_summary_scores_zero():
    assert rouge_n("", REFERENCES, 1).recall == 0.0
    assert rouge_n("", REFERENCES, 1).f == 0.0


def test_paragraph_spans():
    text = "First para.\n\n  Second para.\n \nThird.\n"
    spans = paragraph_spans(text)
    assert [text[s:e] for s, e in spans] == ["First para.", "Second para.", "Third."]


CLUSTERS = [
    {
        "id": "c1",
        "documents": [
            {
                "id": "a1",
                "title": None,
                "text": "A powerful storm struck the coastal town of Brava on Monday. "
                "The storm killed twelve people and destroyed hundreds of homes.\n\n"
                "Rescue teams searched the flooded streets for survivors through the night.",
            },
            {
                "id": "a2",
                "title": "Aid for Brava",
                "text": "BRAVA, Testland (AP) _ The storm killed twelve people and destroyed hundreds of homes. "
                "The national government promised emergency aid for Brava within days.",
            },
        ],
        "references": [
            "A storm killed twelve people in Brava and destroyed hundreds of homes.",
            "The government promised aid after a storm hit the coastal town of Brava.",
        ],
    },
    {
        "id": "c2",
        "documents": [
            {
                "id": "b1",
                "title": None,
                "text": "The city council approved a new tram line on Tuesday after a long debate. "
                "Construction of the tram line will start next spring and cost 300 million.",
            },
            {
                "id": "b2",
                "title": None,
                "text": "Opponents of the tram line said the council ignored local shops. "
                "The council approved the tram line by nine votes to four.",
            },
        ],
        "references": ["The council approved a tram line that will cost 300 million."],
    },
]


def write_dataset(tmp_path, clusters=CLUSTERS):
    path = tmp_path / "tiny.jsonl"
    path.write_text("\n".join(json.dumps(c) for c in clusters) + "\n", "utf-8")
    return path


def test_cluster_sentences_have_offsets_into_their_document(tmp_path):
    clusters = load_clusters(write_dataset(tmp_path))
    sentences = cluster_sentences(clusters[0])
    assert [s.article for s in sentences] == [0, 0, 0, 1, 1]
    assert [s.index for s in sentences] == [0, 1, 2, 0, 1]
    for s in sentences:
        assert clusters[0].articles[s.article].text[s.start : s.end] == s.text
    assert clusters[0].articles[1].title == "Aid for Brava"


def test_wire_copies_count_once_as_in_a_briefing(tmp_path):
    story = (
        "Heavy rain flooded the river valley on Sunday and forced thousands of families to leave their homes. "
        "Officials said the water was still rising near the old bridge late in the evening.\n\n"
        "Schools across the valley will stay closed until the roads are safe again, the mayor said."
    )
    copy = "VALLEY CITY (AP) _ " + story + "\n\nThe weather service expects more rain next week."
    other = "The regional parliament passed a budget that doubles spending on flood defences along the river."
    documents = [{"id": "d1", "text": story}, {"id": "d2", "text": other}, {"id": "d3", "text": copy}]
    path = write_dataset(tmp_path, [{"id": "c", "documents": documents, "references": ["Rain flooded a valley."]}])
    (cluster,) = load_clusters(path)
    assert [a.origin for a in cluster.articles] == ["d2", "d3"]  # the fuller copy is kept, in place
    assert [carrier.origin for carrier in cluster.articles[1].also] == ["d1"]


def test_end_to_end_lead_and_coverage(tmp_path):
    path = write_dataset(tmp_path)
    rows = evaluate(path, ["lead", "coverage"], words=30)
    assert [row.name for row in rows] == ["lead", "coverage"]
    for row in rows:
        assert row.clusters == 2
        assert 0 < row.rouge1_recall <= 1 and 0 < row.rouge2_recall <= 1
        assert 0 < row.rouge1_f <= 1 and 0 <= row.rouge2_f <= 1
        assert row.median_seconds >= 0
    again = evaluate(path, ["lead", "coverage"], words=30)
    assert [replace(r, median_seconds=0) for r in rows] == [replace(r, median_seconds=0) for r in again]


def test_halves_alternate_and_together_make_the_whole(tmp_path):
    path = write_dataset(tmp_path, [{**CLUSTERS[i % 2], "id": f"c{i + 1}"} for i in range(5)])
    clusters = load_clusters(path)
    assert [c.id for c in split_half(clusters, "odd")] == ["c1", "c3", "c5"]
    assert [c.id for c in split_half(clusters, "even")] == ["c2", "c4"]
    assert split_half(clusters, None) == clusters
    assert [row.clusters for row in evaluate(path, ["lead"], 30, half="even")] == [2]
    with pytest.raises(ValueError, match="half"):
        split_half(clusters, "third")


def test_table_and_json():
    rows = [EvalRow("coverage", 0.4, 0.39, 0.101, 0.1, 0.25, 25, 0.0093, 0.0061)]
    table = format_table(rows)
    assert "coverage" in table and "40.00" in table and "10.10" in table and "0.250" in table
    assert "0.93" in table and "0.61" in table
    assert json.loads(rows_to_json(rows)) == [
        {
            "name": "coverage",
            "rouge1_recall": 0.4,
            "rouge1_f": 0.39,
            "rouge2_recall": 0.101,
            "rouge2_f": 0.1,
            "median_seconds": 0.25,
            "clusters": 25,
            "rouge1_se": 0.0093,
            "rouge2_se": 0.0061,
        }
    ]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "line 2: not valid JSON"),
        ("[1, 2]", "line 2: expected an object"),
        ('{"id": "x", "references": ["r"]}', "line 2: 'documents' must be a non-empty list"),
        ('{"id": "x", "documents": [{"id": "d"}], "references": ["r"]}', "line 2: document 1 has no 'text'"),
        ('{"id": "x", "documents": [{"text": "t"}], "references": "r"}', "line 2: 'references' must be"),
    ],
)
def test_bad_lines_name_file_and_line(tmp_path, line, message):
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(CLUSTERS[0]) + "\n" + line + "\n", "utf-8")
    with pytest.raises(SourceError) as caught:
        load_clusters(path)
    assert str(path) in caught.value.message and message in caught.value.message
    assert "\n" not in caught.value.message


def test_missing_and_empty_datasets(tmp_path):
    with pytest.raises(SourceError, match="no such dataset"):
        load_clusters(tmp_path / "nope.jsonl")
    binary = tmp_path / "binary.jsonl"
    binary.write_bytes(b"\xff\xfe\x00")
    with pytest.raises(SourceError, match="not UTF-8"):
        load_clusters(binary)
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n\n", "utf-8")
    with pytest.raises(SourceError, match="no clusters"):
        load_clusters(empty)


def test_cli_eval_prints_the_table_writes_json_and_takes_a_half(tmp_path):
    from typer.testing import CliRunner

    from briefing.cli import app

    path = write_dataset(tmp_path, [{**CLUSTERS[i % 2], "id": f"c{i + 1}"} for i in range(3)])
    result = CliRunner().invoke(app, ["eval", str(path), "-s", "lead", "-s", "coverage", "--words", "30",
                                      "--half", "odd", "--json", str(tmp_path / "scores.json")])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert [line.split()[0] for line in lines[2:4]] == ["lead", "coverage"] and "(2 clusters;" in lines[-1]
    rows = json.loads((tmp_path / "scores.json").read_text())
    assert [(row["name"], row["clusters"]) for row in rows] == [("lead", 2), ("coverage", 2)]
    wrong = CliRunner().invoke(app, ["eval", str(path), "--half", "third"])
    assert wrong.exit_code == 2 and "third" in wrong.output


def test_standard_error_of_the_mean():
    assert standard_error([0.2, 0.4]) == pytest.approx(0.1)  # stdev 0.1414 / sqrt(2)
    assert standard_error([0.3]) == 0.0


def write_peers(tmp_path, peers):
    path = tmp_path / "peers.jsonl"
    path.write_text("\n".join(json.dumps(p) for p in peers) + "\n", "utf-8")
    return path


def test_published_summaries_are_scored_by_our_scorer_per_half(tmp_path):
    dataset = write_dataset(tmp_path)
    storm = "The storm killed twelve people and destroyed hundreds of homes."
    tram = "The city council approved a new tram line on Tuesday after a long debate."
    peers = write_peers(tmp_path, [
        {"id": "c1", "system": "Alpha", "summary": storm},
        {"id": "c2", "system": "Alpha", "summary": tram},
        {"id": "c1", "system": "Beta", "summary": "Rescue teams searched the flooded streets for survivors."},
        {"id": "c9", "system": "Beta", "summary": "A cluster the dataset does not have."},
    ])
    alpha, beta = evaluate_peers(dataset, peers)
    assert (alpha.name, alpha.clusters, beta.name, beta.clusters) == ("Alpha (published)", 2, "Beta (published)", 1)
    clusters = load_clusters(dataset)
    expected = (rouge_n(storm, clusters[0].references, 1).recall + rouge_n(tram, clusters[1].references, 1).recall) / 2
    assert alpha.rouge1_recall == pytest.approx(expected) and alpha.median_seconds is None
    (odd_alpha, _) = evaluate_peers(dataset, peers, half="odd")
    assert odd_alpha.clusters == 1 and odd_alpha.rouge1_recall == pytest.approx(rouge_n(storm, clusters[0].references, 1).recall)
    assert "(published)" in format_table([alpha, beta])


def test_summaries_of_other_clusters_under_the_same_ids_are_refused(tmp_path):
    dataset = write_dataset(tmp_path)
    peers = write_peers(tmp_path, [{"id": "c1", "system": "X", "summary": "Parliament elected a new speaker today."}])
    with pytest.raises(SourceError, match="do not come from the articles"):
        evaluate_peers(dataset, peers)
    with pytest.raises(SourceError, match="line 1: expected an object"):
        evaluate_peers(dataset, write_peers(tmp_path, [{"id": "c1", "summary": "no system"}]))


def test_key_points_of_a_briefing_of_each_cluster_are_scored(tmp_path):
    path = write_dataset(tmp_path)
    row = evaluate_key_points(path, words=30)
    assert row.name == "key points (coverage)" and row.clusters == 2
    assert 0 < row.rouge1_recall <= 1 and 0 < row.rouge2_recall <= 1
    assert evaluate_key_points(path, words=30, half="even").clusters == 1


def test_cli_eval_adds_key_points_and_published_systems(tmp_path):
    from typer.testing import CliRunner

    from briefing.cli import app

    path = write_dataset(tmp_path)
    peers = write_peers(tmp_path, [{"id": "c1", "system": "Alpha", "summary": "The storm killed twelve people."}])
    result = CliRunner().invoke(app, ["eval", str(path), "--words", "30", "--key-points", "--peers", str(peers)])
    assert result.exit_code == 0, result.output
    names = [line.split("  ")[0].strip() for line in result.output.splitlines()[2:5]]
    assert names == ["coverage", "key points (coverage)", "Alpha (published)"]
    missing = CliRunner().invoke(app, ["eval", str(path), "--peers", str(tmp_path / "none.jsonl")])
    assert missing.exit_code == 1 and "cannot read peer summaries" in missing.output


def test_two_halves_pooled_score_as_the_whole(tmp_path):
    path = write_dataset(tmp_path, [{**CLUSTERS[i % 2], "id": f"c{i + 1}"} for i in range(5)])
    (whole,) = evaluate(path, ["coverage"], 30)
    halves = [evaluate(path, ["coverage"], 30, half)[0] for half in ("odd", "even")]
    both = pooled("coverage", halves)
    assert both.clusters == whole.clusters == 5
    for field in ("rouge1_recall", "rouge1_f", "rouge2_recall", "rouge2_f", "rouge1_se", "rouge2_se"):
        assert getattr(both, field) == pytest.approx(getattr(whole, field))
