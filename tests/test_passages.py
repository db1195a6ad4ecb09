import pytest

from briefing.models import Article, Sentence
from briefing.story.summarize import OfflineTokenizer
from briefing.text.passages import (
    is_fragment,
    quotations_closed,
    quote_units,
    split_sentences,
    to_passages,
    trim_clutter,
)


def sentences(text):
    return [s for s, _, _ in split_sentences(text)]


def test_news_abbreviations_do_not_end_sentences():
    text = "Gen. Smith met U.S. officials on Aug. 26 in S. Ossetia. They left."
    assert sentences(text) == ["Gen. Smith met U.S. officials on Aug. 26 in S. Ossetia.", "They left."]


@pytest.mark.parametrize("text", [
    '"We are down to splitting infinitives," said Rep. Dick Armey of Texas.',
    "Saturday, one of the astronauts, Lt. Col. Nancy Currie of the Army, is to lift the module.",
    "The other astronauts are its pilot, Maj. Frederick Sturckow, and a mission specialist.",
    "He invited the protest's organizer, the Rev. Robert Behn, to breakfast.",
    "The tribunal cleared Cmndr. Ivo Marek, of the city's militia, of every charge.",
])
def test_titles_before_names_do_not_end_sentences(text):
    assert sentences(text + " Next one.") == [text, "Next one."]


def test_a_name_the_text_also_writes_without_a_full_stop_ends_a_sentence():
    # "Sen." is a title before a name, unless the text shows it to be one: "Hun Sen said".
    text = "The vote was won by Hun Sen. Sam Rainsy fled. Democratic Sen. Sam Nunn objected. Hun Sen said nothing."
    assert sentences(text) == ["The vote was won by Hun Sen.", "Sam Rainsy fled.", "Democratic Sen. Sam Nunn objected.",
                               "Hun Sen said nothing."]
    assert sentences("The prize went to Amartya Sen. Sam Nunn spoke.") == [
        "The prize went to Amartya Sen. Sam Nunn spoke."]  # nothing shows "Sen" to be a name here


def test_a_month_before_a_range_of_days_does_not_end_a_sentence():
    text = "The poll, conducted Dec. 18-22, was broadcast by TV2. It ran the No. 2 story. The end."
    assert sentences(text) == ["The poll, conducted Dec. 18-22, was broadcast by TV2.", "It ran the No. 2 story.",
                               "The end."]


def test_initial_after_slash_does_not_end_a_sentence():
    text = "It is now Tskhinvali Region/S. Ossetia as its territory. Then came 1922."
    assert sentences(text) == ["It is now Tskhinvali Region/S. Ossetia as its territory.", "Then came 1922."]


def test_quote_with_attribution_stays_one_sentence():
    text = "“We missed our chance then, but we can’t let that happen again!” Bibilov noted. Next one."
    assert sentences(text) == ["“We missed our chance then, but we can’t let that happen again!” Bibilov noted.", "Next one."]


@pytest.mark.parametrize("attribution", [
    "Mayor Lena Holt said in an interview on Sunday.",
    "Anna Berg, the council's spokeswoman, yelled at the crowd.",
])
def test_the_attribution_after_a_quoted_question_stays_with_it(attribution):
    text = f"“Could we have done more for the flooded streets?” {attribution} Next one."
    assert sentences(text) == [f"“Could we have done more for the flooded streets?” {attribution}", "Next one."]


def test_a_new_sentence_after_a_quoted_exclamation_stands_alone():
    text = "“Close the gates!” Two streets away, shoppers went about their business as usual."
    assert sentences(text) == ["“Close the gates!”", "Two streets away, shoppers went about their business as usual."]


@pytest.mark.parametrize(("written", "kept"), [
    ("The talks ended without a deal. (ab-cd)", "The talks ended without a deal."),
    ("The talks ended “in failure.” &UR; (ab/cd/ef)", "The talks ended “in failure.”"),
    ("LONDON (AP) _ The talks ended. &UR;", "The talks ended."),
    ("The talks ended, he said (sic).", "The talks ended, he said (sic)."),
    ("(Both sides call the border “the line.”", "Both sides call the border “the line.”"),
    ("A line crossed is called “a breach.”)", "A line crossed is called “a breach.”"),
])
def test_clutter_at_either_end_is_trimmed_and_the_rest_stays_verbatim(written, kept):
    text = "Earlier text. " + written
    start = text.index(written)
    trimmed = trim_clutter(Sentence(written, 0, 1, start, start + len(written)))
    assert trimmed.text == kept
    assert text[trimmed.start:trimmed.end] == kept


@pytest.mark.parametrize("sign_off", ["&UR; sf/vj", "&UR; av/sf/vj", "&UR; sf-ggl", "&UR;"])
def test_a_sign_off_set_apart_after_the_last_sentence_is_no_sentence_nor_part_of_the_passage(sign_off):
    """Its initials, shared by a desk's stories, would be a topic's terms ("UR sf, vj" was a heading)."""
    text = f"First official results are not expected until Saturday. {sign_off}"
    (passage,) = to_passages(0, Article("a.txt", "T", text, ((0, len(text)),)))
    assert [s.text for s in passage.sentences] == ["First official results are not expected until Saturday."]
    assert passage.text == "First official results are not expected until Saturday."


def test_a_semicolon_does_not_end_a_sentence():
    text = "Clinton is under a cloud; Arafat is buffeted by protests. Next one."
    assert sentences(text) == ["Clinton is under a cloud; Arafat is buffeted by protests.", "Next one."]


@pytest.mark.parametrize("dash", ["—", "--", "_"])
def test_a_dateline_before_a_dash_goes_on_into_the_lead(dash):
    text = f"LONDON (AP) {dash} British police arrested him on Friday. He was ill."
    assert sentences(text) == [f"LONDON (AP) {dash} British police arrested him on Friday.", "He was ill."]


def test_a_dash_after_a_full_stop_still_opens_a_sentence():
    assert sentences("He left. — And then came the rain.") == ["He left.", "— And then came the rain."]


def test_quoted_sentences_split_at_quote_end():
    text = "“That state is Russia,” he noted. “We will go,” she said."
    assert sentences(text) == ["“That state is Russia,” he noted.", "“We will go,” she said."]


def test_a_sentence_closed_inside_two_apostrophes_ends_there():
    # syntok knows `."` but not `.''`, the quotation mark of the New York Times' archive.
    text = "Mr. Burman agreed. ''There's a lot of new complexity.''  He left. ''Go.'' ``Now.''"
    assert sentences(text) == ["Mr. Burman agreed.", "''There's a lot of new complexity.''", "He left.",
                               "''Go.''", "``Now.''"]


def test_text_torn_out_of_a_page_is_cut_where_it_goes_on_in_lower_case():
    text = "“We must move on,” he said. the near future.The Republic will join. It is in Nagorno-Karabakh. at the centre."
    assert sentences(text) == [
        "“We must move on,” he said.", "the near future.", "The Republic will join.",
        "It is in Nagorno-Karabakh.", "at the centre.",
    ]


@pytest.mark.parametrize("text", [
    "Acme Corp. and its rivals rose on Monday.",
    "The price was approx. ten dollars a barrel.",
    "He lives in Sacramento, Calif. and works in the capitol.",
    "The vote ended at 5 p.m. and counting began.",
    "Officials from the U.S.A. and Canada met.",
])
def test_abbreviations_before_a_lower_case_word_do_not_cut(text):
    assert sentences(text) == [text]


def test_a_fragment_opens_with_a_word_in_lower_case():
    assert is_fragment("at the center of tensions.") and is_fragment("“and then they left,” he said.")
    assert not is_fragment("De facto leaders met.") and not is_fragment("2,000 troops left.")
    assert not is_fragment("eBay said its sales doubled.") and not is_fragment("")


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


def units_of(text, max_words=80):
    """The quotation units of a one-paragraph article, as texts; each checked verbatim."""
    sentences = [Sentence(t, 0, i, s, e) for i, (t, s, e) in enumerate(split_sentences(text))]
    units = quote_units(sentences, max_words)
    assert all(text[u.start : u.end] == u.text for u in units)
    return [u.text for u in units]


@pytest.mark.parametrize(("opening", "closing"), [("“", "”"), ('"', '"'), ("''", "''"), ("``", "''")])
def test_a_quotation_over_two_sentences_is_one_unit(opening, closing):
    text = (
        f"Bibilov spoke on Friday. {opening}Unification with Russia is our strategic goal. "
        f"That state is the Russian Federation,{closing} he noted. Troops left."
    )
    assert units_of(text) == [
        "Bibilov spoke on Friday.",
        f"{opening}Unification with Russia is our strategic goal. That state is the Russian Federation,{closing} he noted.",
        "Troops left.",
    ]


def test_a_quotation_with_words_after_its_closing_mark_is_no_bare_one():
    from briefing.text.passages import _bare_quotation

    assert _bare_quotation("“We will go.”") and _bare_quotation("''We will go.''")
    # A mark before the last character closes less than the sentence: "...the size of 5’2”." had passed.
    assert not _bare_quotation("“We will go”.") and not _bare_quotation('"Dad\'s been shot."\'')


def test_quotations_within_a_sentence_are_left_alone():
    text = 'He called it "unprecedented." "We will go," she said, "and soon." It rained.'
    assert units_of(text) == ['He called it "unprecedented."', '"We will go," she said, "and soon."', "It rained."]


def test_a_closing_quote_without_its_opening_is_dropped():
    assert units_of("That state is Russia,” he noted. Troops left.") == ["Troops left."]


def test_a_quotation_open_at_the_paragraph_end_is_dropped():
    text = "“Everyday Georgians support Ukraine.\n\nThey are tired of war,” she said. Troops left."
    article = Article("a.txt", "A", text, ((0, 36), (38, len(text))))
    sentences = [s for p in to_passages(0, article) for s in p.sentences]
    assert [u.text for u in quote_units(sentences, 80)] == ["Troops left."]


def test_a_reopened_quotation_keeps_the_complete_one():
    # AP style: a quotation running into the next paragraph reopens there.
    text = '"We will win. We have the votes. "The count starts today," he said. Troops left.'
    assert units_of(text) == ["We have the votes.", '"The count starts today," he said.', "Troops left."]


def test_a_quotation_too_long_for_one_unit_keeps_its_unmarked_middle():
    text = '"One two three four. Five six seven eight. Nine ten," he said. Troops left.'
    assert units_of(text, max_words=8) == ["Five six seven eight.", "Troops left."]
    assert len(units_of(text, max_words=11)) == 2


def test_a_quotation_naming_nobody_joins_the_speakers_one_before():
    text = (
        "“We have taken no measures,” Peskov told journalists. “This concerns the people, which we respect.” "
        "“Unattributed words stay alone.” Troops left."
    )
    assert units_of(text) == [
        "“We have taken no measures,” Peskov told journalists. “This concerns the people, which we respect.” "
        "“Unattributed words stay alone.”",
        "Troops left.",
    ]
    assert units_of(text, max_words=15) == [
        "“We have taken no measures,” Peskov told journalists. “This concerns the people, which we respect.”",
        "“Unattributed words stay alone.”",
        "Troops left.",
    ]
    assert units_of("Troops left. “This concerns the people.”") == ["Troops left.", "“This concerns the people.”"]


def test_a_long_paragraph_becomes_several_passages_never_cut_inside_a_quotation():
    sentences = [f"Sentence number {n} is about the harbour." for n in range(6)]
    sentences[3] = "“The quotation opens here."
    sentences[4] = "It goes on here,” the mayor said."
    paragraph = " ".join([*sentences, "Then the council voted.", "The vote passed easily."])
    article = Article("a.txt", "A", paragraph, ((0, len(paragraph)),))
    passages = to_passages(0, article)
    assert len(passages) >= 2
    assert [s.text for p in passages for s in p.sentences] == [s for s, _, _ in split_sentences(paragraph)]
    for passage in passages:
        assert paragraph[passage.start : passage.end] == passage.text
        assert passage.text.count("“") == passage.text.count("”")
    assert [s.index for p in passages for s in p.sentences] == list(range(8))


def test_short_paragraph_stays_one_passage():
    text = "One. Two is here. Three is here."
    assert len(to_passages(0, Article("a.txt", "A", text, ((0, len(text)),)))) == 1


@pytest.mark.parametrize("text, closed", [
    ("“We will win,” he said.", True),
    ("He said: “We will win.", False),
    ('"We will win," he said.', True),
    ("''We will win,'' he said.", True),
    ("``We will win,'' he said.", True),
    ("We will win,'' he said.", False),
    ("It's the party's plan.", True),  # apostrophes are no marks
])
def test_quotations_closed_in_every_convention(text, closed):
    assert quotations_closed(text) is closed
