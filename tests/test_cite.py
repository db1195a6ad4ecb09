from helpers import article, sentences_of

from briefing.story.cite import cite, source_list


def test_same_statement_in_other_words_credits_every_carrier():
    a = article(["“We have not taken legal or any other measures,” Kremlin spokesman Dmitry Peskov told journalists Thursday."])
    b = article(["Bibilov spoke about the referendum on Friday morning."])
    c = article(["“We have not taken any legal or other action,” Kremlin spokesman Dmitry Peskov told reporters on Thursday."])
    corpus = sentences_of(a, b, c)
    [quoted] = cite([corpus[0]], corpus)
    assert quoted.sources == (1, 3)
    assert quoted.text == corpus[0].text and (quoted.start, quoted.end) == (corpus[0].start, corpus[0].end)


def test_unrelated_sentences_cite_only_their_own_source():
    a = article(["The museum opened a new wing for modern sculpture."])
    b = article(["The harbour closed because of the winter storm."])
    corpus = sentences_of(a, b)
    assert [s.sources for s in cite(corpus, corpus)] == [(1,), (2,)]


def test_source_ids_follow_article_order():
    sources = source_list([article(["x"], title="First"), article(["y"], title="Second", author="Ann")])
    assert [(s.id, s.title, s.author) for s in sources] == [(1, "First", None), (2, "Second", "Ann")]


def test_restates_needs_shared_phrases_not_just_shared_names():
    from briefing.text.similarity import restates
    from briefing.text.tokens import content_bigrams

    said = [content_bigrams("The CPP won 64 seats, short of the two-thirds majority needed to form a government on its own.")]
    assert restates("The CPP fell short of the two-thirds majority needed to form a government alone.", said)
    assert not restates("The CPP leader met the king in Phnom Penh on Monday to discuss the coalition.", said)
