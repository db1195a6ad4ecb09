from briefing.models import Article
from briefing.passages import split_sentences, to_passages
from briefing.tokens import OfflineTokenizer


def sentences(text):
    return [s for s, _, _ in split_sentences(text)]


def test_news_abbreviations_do_not_end_sentences():
    text = "Gen. Smith met U.S. officials on Aug. 26 in S. Ossetia. They left."
    assert sentences(text) == ["Gen. Smith met U.S. officials on Aug. 26 in S. Ossetia.", "They left."]


def test_initial_after_slash_does_not_end_a_sentence():
    text = "It is now Tskhinvali Region/S. Ossetia as its territory. Then came 1922."
    assert sentences(text) == ["It is now Tskhinvali Region/S. Ossetia as its territory.", "Then came 1922."]


def test_quote_with_attribution_stays_one_sentence():
    text = "“We missed our chance then, but we can’t let that happen again!” Bibilov noted. Next one."
    assert sentences(text) == ["“We missed our chance then, but we can’t let that happen again!” Bibilov noted.", "Next one."]


def test_quoted_sentences_split_at_quote_end():
    text = "“That state is Russia,” he noted. “We will go,” she said."
    assert sentences(text) == ["“That state is Russia,” he noted.", "“We will go,” she said."]


def test_offsets_map_back_to_text():
    text = "  First one here.   Second, with U.S. help!\n\nThird?  "
    for sentence, start, end in split_sentences(text):
        assert text[start:end] == sentence
        assert sentence.strip() == sentence and sentence


def test_passages_carry_article_offsets_and_running_index():
    text = "One sentence here. Two here.\n\nThree is in paragraph two."
    article = Article("a.txt", "A", text, ((0, 28), (30, len(text))))
    passages = to_passages(3, article)
    assert [p.index for p in passages] == [0, 1]
    all_sentences = [s for p in passages for s in p.sentences]
    assert [s.index for s in all_sentences] == [0, 1, 2]
    assert all(s.article == 3 and text[s.start : s.end] == s.text for s in all_sentences)


def test_empty_paragraph_gives_no_passage():
    article = Article("a.txt", "A", "   ", ((0, 3),))
    assert to_passages(0, article) == ()


def test_offline_tokenizer_for_sumy():
    tokenizer = OfflineTokenizer()
    assert tokenizer.to_sentences("A U.S. plan. Another one.") == ("A U.S. plan.", "Another one.")
    assert tokenizer.to_words("Kremlin-backed Russia’s plan, 2022.") == ("Kremlin-backed", "Russia’s", "plan", "2022")
