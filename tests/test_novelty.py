""""New since the last edition": only what is new, only from new or changed articles."""

import json
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from briefing.config import load_config
from briefing.editions.regenerate import BUILT, UNCHANGED, regenerate
from briefing.editions.store import latest_edition
from briefing.story.novelty import Changes, compare
from briefing.text.similarity import Knowledge

SEEDS = Path(__file__).parent.parent / "seeds"
NEW_ARTICLE = Path(__file__).parent / "data" / "new_article.txt"
NOW = datetime(2026, 1, 2, 3, 4, tzinfo=UTC)
# Sentences of NEW_ARTICLE that restate the seeds, and ones that say something new.
RESTATED = ["Anatoly Bibilov, said that legal steps", "Jeppe Kofod, who is visiting Georgia"]
NEW_FACTS = ["July 17", "Alan Gagloev", "67 percent"]


@pytest.fixture
def corpus(tmp_path):
    shutil.copytree(SEEDS, tmp_path / "src")
    return tmp_path / "src"


def config_of(corpus, **overrides):
    return load_config(corpus / "briefing.toml", out=corpus.parent / "out", formats=("md", "json"), **overrides)


def built(corpus, when, **overrides):
    outcome = regenerate(config_of(corpus, **overrides), now=when)
    data = json.loads((corpus.parent / "out" / "briefing.json").read_text())
    return outcome, data


def test_a_new_article_opens_the_briefing_with_only_what_it_adds(corpus):
    _, data = built(corpus, NOW)
    assert data["new_since"] is None
    shutil.copy(NEW_ARTICLE, corpus / "005_new.txt")
    outcome, data = built(corpus, NOW + timedelta(hours=5))
    assert outcome.status == BUILT and (outcome.new, outcome.changed, outcome.removed) == (1, 0, 0)

    new_id = next(s["id"] for s in data["sources"] if s["path"].endswith("005_new.txt"))
    section = data["new_since"]
    assert section["title"] == "New since 2026-01-02 03:04 UTC"
    assert section["summary"], "the new facts must be reported"
    assert all(sentence["sources"] == [new_id] for sentence in section["summary"])
    texts = " ".join(sentence["text"] for sentence in section["summary"])
    for restated in RESTATED:
        assert restated not in texts
    assert sum(fact in texts for fact in NEW_FACTS) >= 2
    assert all(p["source"] == new_id for p in section["passages"])

    digest = (corpus.parent / "out" / "briefing.md").read_text()
    assert digest.index("## New since 2026-01-02 03:04 UTC") < digest.index("## Key points")


def test_an_article_repeating_known_facts_adds_nothing(corpus):
    built(corpus, NOW)
    shutil.copy(Path(__file__).parent / "data" / "restating_article.txt", corpus / "005_recap.txt")
    outcome, data = built(corpus, NOW + timedelta(hours=1))
    assert outcome.new == 1
    assert data["new_since"]["summary"] == []
    assert "add nothing the previous edition did not cover" in (corpus.parent / "out" / "briefing.md").read_text()


def test_a_changed_article_reports_only_its_new_paragraph(corpus):
    built(corpus, NOW)
    path = corpus / "003_02221e45dd3d2410.txt"
    path.write_text(path.read_text() + "\nLate on Tuesday the de facto parliament voted 28 to 4 to approve the wording of the referendum question.\n")
    outcome, data = built(corpus, NOW + timedelta(hours=1))
    assert (outcome.new, outcome.changed) == (0, 1)
    texts = [s["text"] for s in data["new_since"]["summary"]]
    assert texts == ["Late on Tuesday the de facto parliament voted 28 to 4 to approve the wording of the referendum question."]


def test_what_is_new_keeps_to_the_rules_of_the_sections(corpus):
    """No claim whose speaker is unknown; a speaker the bullet names by surname alone shown in full."""
    built(corpus, NOW)
    path = corpus / "003_02221e45dd3d2410.txt"
    path.write_text(path.read_text() + "\n“Nobody will stop the vote on July 17, whatever the West decides to say.”\n"
                    "\nBibilov said on Tuesday that the vote would be held on July 17 in every district of the region.\n")
    _, data = built(corpus, NOW + timedelta(hours=1))
    bullets = data["new_since"]["summary"]
    assert [b["text"] for b in bullets] == [
        "Bibilov said on Tuesday that the vote would be held on July 17 in every district of the region."]
    assert bullets[0]["speaker"]["name"] == "Anatoly Bibilov" and not bullets[0]["speaker"]["named_in_sentence"]
    assert "region. \\[[4](#source-4)\\] — Anatoly Bibilov, per" in (corpus.parent / "out" / "briefing.md").read_text()


def test_removed_articles_are_noted(corpus):
    built(corpus, NOW)
    (corpus / "002_9bdb7bde9eb3842a.txt").unlink()
    outcome, data = built(corpus, NOW + timedelta(hours=1))
    assert outcome.removed == 1 and data["new_since"] is None
    assert len(data["removed"]) == 1 and "002_9bdb7bde9eb3842a.txt" in data["removed"][0]
    assert "No longer in the sources:" in (corpus.parent / "out" / "briefing.md").read_text()


def test_a_rebuild_for_a_config_change_keeps_the_new_since_section(corpus):
    built(corpus, NOW)
    shutil.copy(NEW_ARTICLE, corpus / "005_new.txt")
    _, before = built(corpus, NOW + timedelta(hours=1))
    outcome, after = built(corpus, NOW + timedelta(hours=2), words_per_section=100)
    assert outcome.status == BUILT and outcome.new == 0
    assert after["new_since"]["title"] == before["new_since"]["title"]
    assert after["new_since"]["summary"] == before["new_since"]["summary"]
    assert latest_edition(corpus.parent / "out").manifest["baseline"] == "2026-01-02T030400Z"
    forced = regenerate(config_of(corpus, words_per_section=100), force=True, now=NOW + timedelta(hours=3))
    assert forced.status == UNCHANGED


def test_compare_reports_new_changed_and_removed_origins():
    changes = compare({"a": "1", "b": "2", "c": "3"}, {"a": "1", "b": "9", "d": "4"})
    assert changes == Changes(new=("d",), changed=("b",), removed=("c",))
    assert not compare({"a": "1"}, {"a": "1"})


@pytest.mark.parametrize(
    "sentence, known",
    [
        ("The so-called presidential elections are scheduled for April 10.", True),
        ("Presidential elections are scheduled for April 10, the so-called authorities said.", True),
        ("The so-called presidential elections are scheduled for April 24.", False),
        ("Turnout in the first round reached 67 percent, the commission said.", False),
        ("Said.", True),
    ],
)
def test_knowledge_knows_restatements_but_not_new_facts(sentence, known):
    knowledge = Knowledge([
        "The so-called presidential elections are scheduled for April 10.",
        "The commission said the count would be public.",
    ])
    assert knowledge.knows(sentence) is known
