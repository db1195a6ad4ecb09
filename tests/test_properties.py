"""Property tests of cleaning, sentence splitting and finding who said what: any
text in, no exception out; every sentence and every attribution maps back to
its offsets; none is empty."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.models import RawDocument
from briefing.story.attributions import extract
from briefing.text.clean import clean
from briefing.text.passages import split_sentences, to_passages

# Text shaped like articles: words, news punctuation, quotes, line breaks.
PIECES = st.sampled_from(
    ["S.", "U.S.", "Gen.", "Aug.", "26", "“", "”", "‘", "’", '"', "'", ".", "!", "?", "…", ",", " ", "  ",
     "\n", "\n\n", "\r\n", "\t", "\xa0", "By", "Friday, April 1, 2022", "See Also", "https://x.org/a",
     "Skip to content", "the", "Ossetia", "referendum", "said", "|", "(AP)", "_", "—", "\x00", "\u2028"]
)
NEWSY = st.lists(st.one_of(PIECES, st.text(max_size=12)), max_size=80).map("".join)
TEXTS = st.one_of(NEWSY, st.text(max_size=400))
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(TEXTS)
def test_split_sentences_maps_back_and_is_never_empty(text):
    previous_end = 0
    for sentence, start, end in split_sentences(text):
        assert sentence and sentence.strip() == sentence
        assert text[start:end] == sentence
        assert start >= previous_end
        previous_end = end


@SETTINGS
@given(TEXTS, st.booleans())
def test_clean_then_split_keeps_offsets_into_the_cleaned_text(text, has_header):
    article = clean(RawDocument("fuzz.txt", text, has_header=has_header))
    for start, end in article.paragraphs:
        assert article.text[start:end].strip()
    for passage in to_passages(0, article):
        assert article.text[passage.start : passage.end] == passage.text
        for sentence in passage.sentences:
            assert sentence.text and article.text[sentence.start : sentence.end] == sentence.text
            assert passage.start <= sentence.start < sentence.end <= passage.end


# Text shaped like attributions: names with titles, particles and initials, roles and their plurals,
# bodies, asides, relative clauses, pronouns and cues, in any order.
SAYING = st.sampled_from(
    ["said", "says", "told", "according to", "added", "warned", "denied", "asked", ":", ",", ".", "“", "”", '"',
     "Rep.", "Peter", "King", "Hafez", "al-Assad", "el-", "Mr.", "J.", "the", "a", "of", "for", "to", "at", "with",
     "spokesman", "Spokesmen", "officials", "Prosecutors", "chief", "executive", "Official", "newspapers",
     "Ministry", "Foundation", "Fund", "report", "author", "who", "which", "in which", "they", "They", "he",
     "Others", "Each", "meanwhile", "for his part", "speaking on condition of anonymity", "asked about it",
     "reached in London", "in a statement", "that", "was", "had", "Monday", "the talks failed", " "]
)
ATTRIBUTING = st.lists(SAYING, max_size=60).map(" ".join)


@SETTINGS
@given(st.one_of(ATTRIBUTING, NEWSY))
def test_attributions_of_any_text_map_back_to_it(text):
    spans = [(start, end) for _, start, end in split_sentences(text)]
    for found in extract(0, text, spans):
        assert 0 <= found.start <= found.end <= len(text)
        assert text[found.mention[0] : found.mention[1]].strip()
        assert all(0 <= index < len(spans) for index in found.sentences)
        assert found.kind in ("quote", "reported")
