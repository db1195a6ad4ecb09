"""Shared fixtures and options for the test suite."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from briefing.models import (
    Briefing,
    Passage,
    Sentence,
    Source,
    SummarySection,
    SummarySentence,
)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite golden files (tests/golden/) from the current output",
    )


def _passage(article: int, index: int, text: str) -> Passage:
    sentence = Sentence(text=text, article=article, index=0, start=0, end=len(text))
    return Passage(article=article, index=index, start=0, end=len(text), text=text,
                   sentences=(sentence,))


@pytest.fixture(scope="session")
def sample_briefing() -> Briefing:
    """A small hand-built briefing whose text is full of markup to be escaped."""
    sources = (
        Source(id=1, title="Port strike enters <b>second</b> week",
               origin="seeds/harbour_times.txt", author="Ana Ruiz",
               outlet="Harbour Times & Post", published=date(2022, 4, 1)),
        Source(id=2, title="Talks_resume as *owners* budge",
               origin="https://news.example.com/port_talks?id=7&src=rss",
               url="https://news.example.com/port_talks?id=7&src=rss",
               outlet="Example News"),
        Source(id=3, title="[x](http://evil) claims", origin="notes/third-report.txt",
               published=date(2022, 4, 3)),
    )
    key_points = (
        SummarySentence("Dockworkers walked out on Monday & talks <b>stalled</b>.",
                        (1, 3), 0, 56),
        SummarySentence("1. Owners offered a *4%* raise; see [x](http://evil).", (2,), 10, 62),
    )
    sections = (
        SummarySection(
            title="Talks & <i>offers</i>",
            anchor="talks",
            summary=(
                SummarySentence("# Not a heading: unions_want 6% & <script>alert(1)</script>.",
                                (1,), 100, 160),
                SummarySentence("- Not a list item, but `code` and > quote.", (2, 3), 5, 48),
            ),
            passages=(_passage(0, 0, "Dockworkers walked out on Monday."),
                      _passage(1, 2, "Owners offered a 4% raise.")),
        ),
        SummarySection(
            title="Impact on_trade",
            anchor="impact",
            summary=(SummarySentence("Ships queue off [the] port {for} days | weeks!",
                                     (3,), 0, 45),),
            passages=(_passage(2, 0, "Ships queue off the port."),),
        ),
    )
    return Briefing(
        title="Port strike: *where* things <b>stand</b>",
        generated_at=datetime(2022, 4, 5, 8, 30, tzinfo=UTC),
        sources=sources,
        key_points=key_points,
        sections=sections,
        warnings=("notes/third-report.txt: no author found",),
    )
