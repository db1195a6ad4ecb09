"""Who said what, on tiny hand-written articles: each pattern of attribution,
the resolution of a mention to a full name and role, and what must not fire."""

from datetime import date

import pytest
from helpers import article

from briefing.story.attributions import extract, find_quotes, said_date
from briefing.text.passages import split_sentences


def attributions(*paragraphs, published=None):
    a = article(list(paragraphs))
    spans = [(start + s, start + e) for start, end in a.paragraphs
             for _, s, e in split_sentences(a.text[start:end])]
    return a.text, extract(0, a.text, spans, published)


def said(text, found):
    return [(x.kind, x.speaker, x.role, text[x.start:x.end]) for x in found]


def speakers_in(*paragraphs):
    """(speaker, role) of each attribution of an article of `paragraphs`."""
    return [(x.speaker, x.role) for x in attributions(*paragraphs)[1]]


def test_quote_then_speaker_resolved_to_the_fullest_name_and_role():
    text, found = attributions(
        "Kremlin spokesman Dmitry Peskov spoke to reporters on Thursday.",
        "“We have not taken any legal or other action,” Peskov said.",
    )
    assert said(text, found) == [("quote", "Dmitry Peskov", "Kremlin spokesman",
                                  "We have not taken any legal or other action,")]
    assert text[slice(*found[0].mention)] == "Peskov"
    assert found[0].cue == "said" and found[0].sentences == (1,)


def test_a_name_shortened_to_its_first_word_is_the_fuller_name_it_begins():
    # Written given name first (Malay) or family name first (Korean): the short form is the first word.
    assert speakers_in("Former deputy premier Anwar Ibrahim was arrested on Sunday.",
                       "“I am innocent,” Anwar said.")[0][0] == "Anwar Ibrahim"
    assert speakers_in("President Kim Dae-jung met the envoy.", "“We will talk,” Kim said.")[0][0] == "Kim Dae-jung"
    # Two fuller names it begins: no telling which.
    assert speakers_in("Kim Dae-jung met Kim Jong-il's envoy.", "“We will talk,” Kim said.")[0][0] == "Kim"
    # A kin named by a given name is not the namesake the article also names.
    assert speakers_in("Gen. Augusto Pinochet was arrested in London.",
                       "“We will hire the best lawyers,” said Pinochet's son, Augusto.")[0][0] == "Augusto"
    assert speakers_in("Susan Ward, a spokeswoman, spoke first.", "A woman who gave her name only as Susan wept.",
                       "“He was kind,” Susan said.")[-1][0] == "Susan"
    # A body's name is no person's fuller name.
    assert speakers_in("Shares of Microsoft Corp. fell.", "“We will appeal,” Microsoft said.")[0][0] == "Microsoft"


@pytest.mark.parametrize("sentence, speaker, role", [
    ("“The talks have failed,” said Dmitry Peskov, the Kremlin spokesman.", "Dmitry Peskov", "Kremlin spokesman"),
    ("Georgian Foreign Minister Davit Zalkaliani said: “The talks have failed.”", "Davit Zalkaliani",
     "Georgian Foreign Minister"),
    ("“The talks have failed,” Jim Bennett, 57, told reporters.", "Jim Bennett", ""),
    ("Ms. Anna Lind said «the talks have failed» on Monday.", "Anna Lind", ""),
    ('"The talks have failed," the ministry said in a statement.', "", "ministry"),
])
def test_patterns_of_quotation(sentence, speaker, role):
    text, found = attributions(sentence)
    assert [(x.speaker, x.role) for x in found] == [(speaker, role)]
    assert "talks have failed" in text[found[0].start:found[0].end]


def test_pronoun_and_role_resolve_to_the_person_named_before():
    text, found = attributions(
        "South Ossetian leader Anatoly Bibilov said on Wednesday that a referendum would follow the election.",
        "“Unification with Russia is our strategic goal,” he said.",
        "The leader added that the vote would be held in July.",
    )
    assert [(x.kind, x.speaker, x.role) for x in found] == [
        ("reported", "Anatoly Bibilov", "South Ossetian leader"),
        ("quote", "Anatoly Bibilov", "South Ossetian leader"),
        ("reported", "Anatoly Bibilov", "South Ossetian leader"),
    ]
    assert text[slice(*found[1].mention)] == "he"


def test_quotation_over_paragraphs_is_one_statement():
    text, found = attributions(
        "“The first part of the statement runs to the end of this paragraph.",
        "“And the second part closes it,” the senator said.",
    )
    assert len(found) == 1
    quote = found[0]
    assert quote.role == "senator" and quote.speaker == ""
    assert [text[s:e] for s, e in quote.pieces] == [
        "The first part of the statement runs to the end of this paragraph.", "And the second part closes it,"]
    assert quote.sentences == (0, 1)


def test_a_bare_quotation_after_an_attributed_one_is_the_same_speakers():
    text, found = attributions("“We respect it,” Kremlin spokesman Dmitry Peskov told journalists. “This concerns "
                               "the choice of the people.”")
    assert [(x.speaker, text[x.start:x.end]) for x in found] == [
        ("Dmitry Peskov", "We respect it,"), ("Dmitry Peskov", "This concerns the choice of the people.")]


def test_a_bare_quotation_goes_on_in_an_article_written_as_one_block():
    # No paragraph break: the next sentence follows the closing mark on the same line.
    text, found = attributions("“It will not be easy,” the union leader Jan Visser said. “We will not give up. The "
                               "strike begins on Monday.” Officials of the port met later that day.")
    assert [(x.speaker, text[x.start:x.end]) for x in found] == [
        ("Jan Visser", "It will not be easy,"), ("Jan Visser", "We will not give up. The strike begins on Monday.")]


@pytest.mark.parametrize("opening", ["''", "``"])
def test_quotation_marks_in_the_ascii_of_newswire_archives(opening):
    # ''...'' (the New York Times' archive) and ``...'': the quotation, its speaker, and the bare one after it.
    text, found = attributions(f"{opening}This isn't tax reform,'' said Douglas Holtz-Eakin, an economist. "
                               f"{opening}It makes the code worse. Much worse.'' Mr. Kamin disagreed.")
    assert [(x.kind, x.speaker, text[x.start:x.end]) for x in found] == [
        ("quote", "Douglas Holtz-Eakin", "This isn't tax reform,"),
        ("quote", "Douglas Holtz-Eakin", "It makes the code worse. Much worse."),
    ]


def test_two_apostrophes_that_close_no_quotation_are_no_mark():
    assert speakers_in("The players'' union met on Monday.", "It said nothing.") == []


def test_a_quotation_inside_another_writers_sentence_does_not_go_on():
    text, found = attributions("“Leadership is needed,” the minister Gordon Brown said. Ministers of poorer countries "
                               "asked for lower rates to “help restore confidence in markets.” Talks went on.")
    # The phrase quoted is the ministers' own, whom the sentence names, never Brown's.
    assert [(x.speaker, x.role, text[x.start:x.end]) for x in found] == [
        ("Gordon Brown", "minister", "Leadership is needed,"),
        ("", "Ministers of poorer countries", "help restore confidence in markets.")]


def test_reported_speech_and_according_to():
    text, found = attributions(
        "According to the State Department, the sanctions will stay in place.",
        "The sanctions will stay, Secretary of State Antony Blinken said.",
    )
    assert said(text, found) == [
        ("reported", "State Department", "", "the sanctions will stay in place"),
        ("reported", "Antony Blinken", "Secretary of State", "The sanctions will stay"),
    ]


@pytest.mark.parametrize("paragraphs", [
    ["The referendum will be held in July, two weeks after the election."],  # no cue at all
    ["The so-called “republic” held elections in April."],  # scare quotes, no speaker
    ["He was told to leave the country within a week."],  # passive: nobody speaks
    ["The United States imposed sanctions on the region."],  # "States" is a country
    ["Troops crossed the border in the night, and the notes said little about it."],  # a noun is no speaker
    ["Cold claims dozens of lives in Moscow each winter."],  # takes, not says
    ["Shares of Acme added 3 percent in early trading on Monday."],
])
def test_nothing_is_attributed_where_nobody_speaks(paragraphs):
    assert attributions(*paragraphs)[1] == ()


@pytest.mark.parametrize("sentence, speaker, role", [
    ('"The queues were longer than ever," one elderly bystander said.', "", "one elderly bystander"),
    ('"The river rose in an hour," said one man, Piotr Novak.', "Piotr Novak", "one man"),
    ('"The merger makes sense," said bank analyst Tom Reed of Northfield Capital.', "Tom Reed", "bank analyst"),
    ('"I never vote," said a young man who gave only his first name.', "", "young man"),
    ('The report continued, "The bridge was never inspected."', "", "report"),
    ('A lawyer for the families, Maria Ortiz, said, "The court must hear them."', "Maria Ortiz", ""),
    ('"The clinic stays open," Ana Ruiz, who runs the clinic, said.', "Ana Ruiz", ""),
    # A role set off by commas that holds commas of its own, a party, a participle; the name after a
    # phrase that only points elsewhere.
    ('Tom Reed, editor of a newsletter in Potomac, Md., said: "The court must hear them."', "Tom Reed",
     "editor of a newsletter in Potomac, Md."),
    ('Rep. Ana Ruiz, D-Calif., who attended the meeting, said, "The court must hear them."', "Ana Ruiz", "Rep."),
    ('Spitzer, speaking of his opponent, said, "The court must hear them."', "Spitzer", ""),
    ('"The court must hear them," said his wife, Mei Lan.', "Mei Lan", "wife"),
    ('"The court must hear them," said one of the lawyers, Piotr Novak.', "Piotr Novak", ""),
    ('Mary Jo White, the attorney for the city, said, "The court must hear them."', "Mary Jo White",
     "attorney for the city"),
])
def test_a_speaker_the_source_describes_in_its_own_words(sentence, speaker, role):
    """Beside a quotation nothing but its speaker stands: a description no role list holds
    still gives the speaker, so the claim is not anonymous."""
    _, found = attributions(sentence)
    assert [(x.kind, x.speaker, x.role) for x in found] == [("quote", speaker, role)]


@pytest.mark.parametrize("sentence", [
    '"Nobody will be allowed to cross," one of them said.',
    '"It is over," they said.',
    '"It is over," one said.',
    '"It is over," the other said.',
    '"It is over," someone said.',
])
def test_a_description_that_points_elsewhere_names_no_one(sentence):
    _, found = attributions(sentence)
    assert all(not x.speaker and not x.role for x in found)


def test_whom_a_speaker_talks_of_is_not_the_speaker_of_a_phrase_quoted_after():
    """"said de Kock typified ... 'banality of evil'": de Kock is the subject of what was said."""
    _, found = attributions('Dan Stein, a psychiatrist, said Eugene de Kock typified many killers by his '
                            'sheer "banality of evil".')
    assert found and all(x.speaker == "Dan Stein" for x in found)


def test_the_word_that_opens_a_sentence_is_no_part_of_the_name_after_it():
    assert speakers_in("For Mafa Barbakh, an elderly woman wrapped in black, the moment mattered.",
                       "“I had never even seen a plane,” she said.") == [("Mafa Barbakh", "")]


def test_a_possessive_after_a_cue_owns_what_follows_and_does_not_speak():
    assert speakers_in('The pope stressed Stepinac\'s treatment by the regime, saying, "He was a martyr of our '
                       'time."') == [("", "pope")]


@pytest.mark.parametrize("sentence, described", [
    ("Supporters of President Mohammad Khatami said the vote was rigged.", "Supporters of President Mohammad Khatami"),
    ("A spokesman for President Bill Clinton said the talks had failed.", "spokesman for President Bill Clinton"),
    ("The wife of President Bill Clinton said she was tired.", "wife of President Bill Clinton"),
    ("A spokesman for Idris denied the accusations, saying he had no ties to any group.", "spokesman for Idris"),
    ("In London, a spokesman for Granger Telecom, the British company, said the men were safe.",
     "spokesman for Granger Telecom"),  # where, then who
])
def test_who_serves_or_backs_a_person_named_by_a_title_speaks_not_that_person(sentence, described):
    assert set(speakers_in(sentence)) == {("", described)}  # ("denied..., saying" is two statements)


@pytest.mark.parametrize("sentence, expected", [
    # What a preposition inside the subject governs is whom or what the subject is about, not who speaks.
    ("Since the conflict began, critics of Washington's policy toward Milosevic argue that he gained time.",
     ("", "critics of Washington's policy toward Milosevic")),
    ("The 49-page indictment detailing atrocities at Celebici asserts that 14 prisoners were killed.",
     ("", "49-page indictment detailing atrocities at Celebici")),
    ("The U.S. ambassador to Russia said the talks had failed.", ("", "U.S. ambassador to Russia")),
    ("A Chilean army officer close to Pinochet told him of the arrest warrant.", ("", "Chilean army officer")),
    ("Aides to Clinton denied that his comments represented a change.", ("", "Aides to Clinton")),
    # A name before its place speaks, and a titled person's own body is no part of the title.
    ("The British Foreign Ministry in London said it was investigating.", ("British Foreign Ministry", "")),
    ("Judge Leonard Sand of U.S. District Court in Manhattan said he had received a letter.",
     ("Leonard Sand", "Judge")),
    # A body's name holds "of" and "and"; people described with a title are no body.
    ("The Ministry of Foreign Affairs and Trade said the defector was safe.",
     ("Ministry of Foreign Affairs and Trade", "")),
    ("The Federal Bureau of Prisons said the inmate was moved.", ("Federal Bureau of Prisons", "")),
    # The owner of a claim makes it; "by" names the author.
    ("A statement by the Foreign Ministry said the talks had failed.", ("Foreign Ministry", "")),
    # The copy never closes the comma after the role: the name that opens the sentence speaks.
    ("David Fleischer, a professor of political science at the University of Brasilia said it was a smart move.",
     ("David Fleischer", "professor of political science at the University of Brasilia")),
    ("David Bar-Illan, a top aide to Prime Minister Benjamin Netanyahu said he still expected the accord.",
     ("David Bar-Illan", "top aide to Prime Minister Benjamin Netanyahu")),
    ("The harvest was 2.8 million tons, Namanga Ngongi, deputy head of the World Food Program said.",
     ("Namanga Ngongi", "deputy head of the World Food Program")),
    # An opening phrase is no name; "in charge of" is no cue.
    ("In Moscow, the Kremlin spokesman said it was fine.", ("", "Kremlin spokesman")),
    # The role whose "of" a body follows speaks: the body is whose role it is.
    ("An official of the U.S. Agency for International Development said it was clear.",
     ("", "official of the U.S. Agency for International Development")),
    ("Relatives of the victims said they would move on.", ("", "Relatives of the victims")),
    # "executive", "deputy" and "assistant" also modify a role ("executive director"), but a person's noun
    # before a preposition is the role (these were the fund's, and no one's).
    ("The chief executive of the International Monetary Fund said growth would slow.",
     ("", "chief executive of the International Monetary Fund")),
    ("The company did everything correctly, the airline's chief executive said.", ("", "chief executive")),
    ("An executive with America Online said the offer was made.", ("", "executive with America Online")),
    # A role word before a plural common noun is its adjective (this was "court"); not before a participle.
    ("He wanted to incite subversion, according to court documents.", ("", "court documents")),
    ("“The talks have failed,” said a diplomat posted in Cairo.", ("", "diplomat")),
    # The common noun after "according to X" heads the source: X only modifies it.
    ("The suspects would be tried in the Netherlands, according to Scottish law.", ("", "Scottish law")),
    ("A shouting match broke out over the visit, according to Israel radio.", ("", "Israel radio")),
    ("The camps trained militants, according to U.S. intelligence sources.", ("", "U.S. intelligence sources")),
    # A time or a verb after it is no part of it.
    ("The talks failed, according to Smith today.", ("Smith", "")),
    ("Most buyers want lower prices, according to an Associated Press-GfK poll released Thursday.",
     ("", "Associated Press-GfK poll")),
])
def test_the_head_of_the_speakers_phrase_speaks_not_a_word_inside_it(sentence, expected):
    assert speakers_in(sentence) == [expected]


@pytest.mark.parametrize("sentence, expected", [
    # Never the place or person after the preposition (these were "Israeli TV", "national defense"): the subject
    # of the first verb, far back, since a cue joined to that verb shares it (they had no speaker since).
    ("Arafat appeared on Israeli TV and promised to exert every effort.", [("Arafat", "")]),
    ("Wilson praised Rubio's positions on national defense and said he was ready.", [("Wilson", "")]),
    # A subject longer than a short phrase is left unknown (this was "Tanzania").
    ("The history professor at the University of Dar es Salaam in Tanzania said the rebels were split.", []),
])
def test_no_speaker_rather_than_what_a_preposition_governs(sentence, expected):
    assert speakers_in(sentence) == expected


def test_in_charge_of_is_no_cue_after_a_name_and_its_role():
    assert speakers_in("The suit was filed in May, Joel Klein, the assistant attorney general in charge of the "
                       "division, and his staff having worked on it for months.") == []


def test_an_adverbial_before_a_cue_is_no_speaker():
    assert speakers_in("Christie wants a wall, in order to keep traffickers from crossing into the U.S. Chris Christie "
                       "added that he would approve it.") == []


def test_a_title_and_a_name_after_of_are_one_person():
    assert speakers_in("Secretary of State Madeleine Albright said the talks had failed.") == [
        ("Madeleine Albright", "Secretary of State")]
    # The role the article gives a person is their own title, not that of those who back them.
    assert speakers_in("Supporters of President Mohammad Khatami marched.",
                       "Mohammad Khatami said the vote was fair.") == [("Mohammad Khatami", "President")]


def test_a_verb_of_saying_that_also_takes_or_adds_reports_a_clause():
    assert speakers_in("The ministry claimed the town had fallen to the rebels.") == [("", "ministry")]
    assert speakers_in("Peskov added that the talks would resume on Monday.") == [("Peskov", "")]
    assert speakers_in("The militant group Hamas claimed responsibility for the bombing.")[0][0] == "Hamas"
    assert speakers_in("Critics have charged that the accord allows Israel to backtrack.") == [("", "Critics")]
    assert speakers_in("The firm, the government adds, used that power to protect its position.") == [
        ("", "government")]


@pytest.mark.parametrize("sentence", [
    "Police charged them with writing articles that urged a revolt.",  # an indictment
    "The court charged the general and other officers with crimes committed under his rule.",
    "The governor threatened an attack on the rebels if they did not free their captives.",  # a threat of an act
    "The Senate added to that bloated spending bill on Friday by killing another.",  # made it larger
])
def test_an_indictment_a_threat_or_an_addition_is_no_statement(sentence):
    assert speakers_in(sentence) == []


@pytest.mark.parametrize("sentence", [
    "Officials of both companies declined to confirm or deny word of the meeting.",  # a verb, no role of a thing
    "The program gave victims of the abuses a chance to tell their stories in public.",
])
def test_no_role_of_a_thing_across_a_verb(sentence):
    assert speakers_in(sentence) == []


def test_a_role_is_the_one_written_right_before_the_name():
    from briefing.story.mentions import Resolver

    text = ("Both President Eduardo Frei of Chile and President Carlos Menem of Argentina resisted. "
            "Chile said it would protest. Microsoft chairman Bill Gates testified.")
    resolver = Resolver(text)
    assert resolver.role_of("Chile") == ""  # President Frei's, not Chile's
    assert resolver.role_of("Eduardo Frei") == "President"  # "Both" opens the sentence, not the title
    assert resolver.role_of("Bill Gates") == "Microsoft chairman"


def test_no_speaker_is_invented_for_an_unresolved_pronoun():
    text, found = attributions("Troops crossed the border at night.", "“The border will close tomorrow,” he said.")
    assert [(x.speaker, x.role, text[slice(*x.mention)]) for x in found] == [("", "", "he")]


def pronoun_speakers(text, found):
    return [(x.speaker, x.role) for x in found if text[slice(*x.mention)].lower() in ("he", "she")]


@pytest.mark.parametrize("story, speaker", [
    # A person a sentence opens on, after an opening phrase, with a title.
    (["“The plan is dead,” said Ivo Marek, an opposition leader.",
      "As the protests grew, Prime Minister Lena Dahl changed course.",
      "“We will listen,” she said."], ("Lena Dahl", "Prime Minister")),
    # A person set off with a role, opening the sentence.
    (["“Prices will fall,” said Tom Berg, an analyst.",
      "Piet Jansen, the transport minister, met the strikers on Monday.",
      "“The trains will run,” he said."], ("Piet Jansen", "transport minister")),
    # ...or after an adverb that links it to the sentence before ("Moreover," had been taken for a name).
    (["“Prices will fall,” said Tom Berg, an analyst.",
      "Moreover, Gov. Ann Lake saw no slump coming.",
      "“It will pass,” she said."], ("Ann Lake", "Gov.")),
    # A person set off with an age anywhere in a sentence.
    (["“It was chaos,” said Karl Stein, a police spokesman.",
      "For some residents, like Omar Haddad, 41, the night was worse.",
      "“We lost everything,” he said."], ("Omar Haddad", "")),
    # Described, not named: the claim is the witness's, not the spokesman's before him.
    (["“It was chaos,” said Karl Stein, a police spokesman.",
      "The witness said the men came at night.",
      "“They took everyone,” he said."], ("", "witness")),
])
def test_he_or_she_is_the_person_brought_in_last(story, speaker):
    text, found = attributions(*story)
    assert pronoun_speakers(text, found)[-1] == speaker


def test_she_is_never_a_man_nor_he_a_woman():
    text, found = attributions(
        "“Prices will fall,” said Mr. Berg, an analyst.",
        "Tom Berg met Ms. Olsen on Monday.",
        "“Nobody believes that,” she said.",
    )
    assert pronoun_speakers(text, found) == [("", "")]  # unknown: left out, never credited to Berg


def test_whom_the_article_calls_she_is_no_he_after():
    text, found = attributions(
        "Yelena Masyuk, a reporter, said the talks had failed.",
        "“They lost the journalists’ trust,” she said.",
        "“Their goal was only money,” he said.",
    )
    assert pronoun_speakers(text, found) == [("Yelena Masyuk", "reporter"), ("", "")]


def test_it_is_the_body_that_spoke_in_the_sentence_before():
    # These had no speaker: "it" was never anyone.
    assert speakers_in("North Korea has said the site is for civilian use.",
                       "It has offered to open the site, but says Washington must pay.")[-1] == ("North Korea", "")
    assert speakers_in("The Clinton administration admits that the fund has many failings.",
                       "But it insists that the world once went without a fund.")[-1] == ("", "Clinton administration")
    # Not a person, nor a group, nor what a speaker in its own sentence says.
    assert speakers_in("Mayor Jan Holt said the plan had failed.", "It insists that the roads will stay open.")[-1] \
        == ("", "")
    assert speakers_in("Officials said the plan had failed.", "It insists that the roads will stay open.")[-1] \
        == ("", "")
    # When no one spoke there, the body or country the sentence before opens on (this had no speaker).
    assert speakers_in("Saudi Arabia, which stripped him of his citizenship in 1994, has turned up pressure.",
                       "Last month, it said that the moves were in the national interest.") == [("Saudi Arabia", "")]
    assert speakers_in("Mayor Jan Holt has turned up pressure on the union.",
                       "It said that the moves were in the national interest.") == [("", "")]
    assert speakers_in("Pressing them is part of a broad effort, officials say.",
                       "But critics say it also suggests ambivalence among officials.") == [
        ("", "officials"), ("", "critics"), ("", "")]


def test_they_is_the_people_the_sentence_before_opens_on():
    assert speakers_in("More than 100 people held a candlelight vigil outside the embassy Thursday.",
                       "They said that the army must leave the island.") == [("", "More than 100 people")]


def test_a_sentence_with_no_token_does_not_shift_which_sentence_is_before():
    from briefing.story.mentions import Resolver
    from briefing.story.speakers import tokenize

    text = "Officials met. They said that the plan had failed."
    resolver = Resolver(text, [[], tokenize(text, 0, 14), tokenize(text, 15, len(text))])
    assert resolver.resolve((15, 19)) == ("", "Officials")


def test_a_news_agency_set_off_after_a_name_is_the_source():
    assert speakers_in("She was attacked along with her aide, Ruslan Linkov, the Interfax news agency reported.") \
        == [("", "Interfax news agency")]


def test_not_the_person_the_pronouns_own_sentence_brings_in():
    text, found = attributions(
        "“Talks are over,” said Union Leader Eva Kross.",
        "To avoid a strike, Mayor Jan Holt must raise wages, she said.",
    )
    assert pronoun_speakers(text, found) == [("Eva Kross", "Union Leader")]


@pytest.mark.parametrize("sentence", [
    "Chancellor Merkel's government fell on Monday. “No,” he said.",  # a possessive names no one
    "Mr. Ivanov and Mr. Sergeyev met on Monday. “No,” he said.",  # two people, not one
    "By late Saturday, the minister had resigned. “No,” he said.",  # a day is no one
])
def test_no_person_where_the_text_gives_none(sentence):
    text, found = attributions(sentence)
    assert [name for name, _ in pronoun_speakers(text, found)] == [""]


def test_apostrophes_are_not_quotes_and_quotes_keep_their_marks_out():
    text = "Don’t go,’ she said. ‘Stay here’ and “go there” and \"there\""
    assert [text[q.start:q.end] for q in find_quotes(text)] == ["Stay here", "go there", "there"]


@pytest.mark.parametrize("sentence, published, day", [
    ("He said on Monday that it failed.", date(2022, 4, 1), date(2022, 3, 28)),
    ("He said on March 30 that it failed.", date(2022, 4, 1), date(2022, 3, 30)),
    ("He said on 30 March 2021 that it failed.", None, date(2021, 3, 30)),
    ("He said on Monday that it failed.", None, None),
    ("He said that it failed.", date(2022, 4, 1), None),
])
def test_the_day_a_statement_was_made(sentence, published, day):
    assert said_date(sentence, published) == day


@pytest.mark.parametrize("story, expected", [
    # The one relayed by a pronoun is the person brought in before, not the agency that relays.
    (["Prime Minister Ivo Marek met the strikers on Monday.",
      "“The trains will run,” the NTV channel quoted him as saying."], [("quote", "Ivo Marek", "Prime Minister")]),
    (["The daily El Mundo quoted Hiriart as saying, “My husband is innocent.”"], [("quote", "Hiriart", "")]),
    (["The newspaper quoted Mayor Jan Holt as saying that the bridge would reopen."],
     [("reported", "Jan Holt", "Mayor")]),
    (["“The fields are dry,” said He Xintong, a farmer."], [("quote", "He Xintong", "farmer")]),
])
def test_the_speaker_is_the_one_quoted_not_the_one_who_relays(story, expected):
    text, found = attributions(*story)
    assert [(x.kind, x.speaker, x.role) for x in found] == expected
    if expected[0][0] == "reported":
        assert text[found[0].start:found[0].end] == "the bridge would reopen"


@pytest.mark.parametrize("sentence, statement", [
    ("The agency quoted Mahathir as saying after Friday prayers in Kuala Lumpur.", None),
    ("The man need not be religious, the national news agency, Bernama, quoted Mahathir as saying after "
     "Friday prayers.", "The man need not be religious"),
    ("The captors decided to kill their captives, the ITAR-Tass news agency quoted Maskhadov as saying.",
     "The captors decided to kill their captives"),
    ("Meanwhile, the ITAR-Tass news agency quoted Maskhadov as saying.", None),  # an adverb says nothing
])
def test_what_one_relayed_said_stands_before_the_one_who_relays(sentence, statement):
    """'as saying after prayers': what follows says when he said it, never what he said, which stood
    before the relaying agency (set off by commas or not)."""
    text, found = attributions(sentence)
    reported = [text[x.start:x.end] for x in found if x.kind == "reported" and x.speaker in ("Mahathir", "Maskhadov")]
    assert reported == ([statement] if statement else [])
    assert all(x.speaker in ("Mahathir", "Maskhadov") for x in found)


@pytest.mark.parametrize("story, expected", [
    (["Prime Minister Ivo Marek met the strikers.", "“The trains will run,” said he."],
     [("quote", "Ivo Marek", "Prime Minister")]),  # a small "he" after the cue stays a pronoun
    (["“The trains will run,” he said. He added that the strike was over."],
     [("quote", "", ""), ("reported", "", "")]),  # a capital "He" opening a sentence is no name
])
def test_a_pronoun_after_or_before_a_cue_stays_a_pronoun(story, expected):
    _, found = attributions(*story)
    assert [(x.kind, x.speaker, x.role) for x in found] == expected


@pytest.mark.parametrize("sentence, expected", [
    ("Recai Kutan, leader of the Islamic Virtue Party, was quoted by the daily Milliyet on Saturday as saying "
     "that the party would join the government.",
     ("reported", "Recai Kutan", "leader of the Islamic Virtue Party", "the party would join the government")),
    ("The party will join the government, Kutan was quoted as saying in Milliyet.",
     ("reported", "Kutan", "", "The party will join the government")),
    ("“The party will join the government,” Kutan was quoted as saying.",
     ("quote", "Kutan", "", "The party will join the government,")),
])
def test_the_one_quoted_in_the_passive_is_the_speaker(sentence, expected):
    """'X was quoted by the daily Y as saying': X spoke, Y relays. Before, a quotation so relayed
    had no speaker and the role "Kutan was"; a reported one was not found."""
    text, found = attributions(sentence)
    assert [(x.kind, x.speaker, x.role, text[x.start:x.end]) for x in found] == [expected]


def test_a_role_in_apposition_runs_past_initials():
    assert speakers_in("Louis Farrakhan, the leader of a U.S. Muslim group, met Libya's leader.",
                       "“Islam will win,” Farrakhan said.") == [("Louis Farrakhan", "leader of a U.S. Muslim group")]


@pytest.mark.parametrize("sentence, expected", [
    # People news quotes for what befell them or what they saw are speakers, described.
    ("A survivor said the water came in the night.", ("", "survivor", "the water came in the night")),
    ("According to relatives who found the bodies, the farmer was shot at close range.",
     ("", "relatives", "the farmer was shot at close range")),  # the relative clause is no part of it
    ("The farmer was shot at close range, relatives said, and neighbors confirmed it.",
     ("", "relatives", "The farmer was shot at close range")),  # what follows ", and" is the writer's
    # A relative clause after a name describes the person but is no role.
    ("Bulent Ecevit, who served as prime minister three times, said the talks had failed.",
     ("Bulent Ecevit", "", "the talks had failed")),
])
def test_described_speakers_and_what_they_said(sentence, expected):
    text, found = attributions(sentence)
    assert [(x.speaker, x.role, text[x.start:x.end]) for x in found] == [expected]


def test_an_unnamed_survivor_is_not_the_spokesman_before():
    text, found = attributions("“It was chaos,” said Karl Stein, a police spokesman.",
                               "A survivor said the men came at night.", "“They took everyone,” he said.")
    assert pronoun_speakers(text, found) == [("", "survivor")]
    # A name before the role only says whose source it is; a thing a name modifies is no person.
    text, found = attributions("Secretary-General Kofi Annan said Wednesday that he would go.",
                               "The trial may finally happen, a U.N. source said.", "“We are hopeful,” he said.")
    assert pronoun_speakers(text, found) == [("", "U.N. source")]
    text, found = attributions("Secretary-General Kofi Annan said Wednesday that he would go.",
                               "A match broke out, according to Israel radio.", "“We are hopeful,” he said.")
    assert pronoun_speakers(text, found) == [("Kofi Annan", "Secretary-General")]


@pytest.mark.parametrize("sentence, statement", [
    ("Peskov said on Monday that the talks had failed.", "the talks had failed"),  # not "on Monday that ..."
    ("Peskov told reporters in Moscow that the talks had failed.", "the talks had failed"),
    ("The talks had failed, Peskov said on Monday.", "The talks had failed"),  # was not found at all
    ("The talks had failed, Peskov told reporters in a statement.", "The talks had failed"),
    ("MOSCOW (AP) — The talks had failed, Peskov said.", "The talks had failed"),  # the dateline is no one's
    ("Peskov said last week that the talks had failed.", "the talks had failed"),  # not "last week that ..."
    ("Peskov said late Thursday that the talks had failed.", "the talks had failed"),
    ("Peskov said earlier this year that the talks had failed.", "the talks had failed"),
    # When or where, then what was said with no "that".
    ("Peskov said Monday he would resign.", "he would resign"),
    ("Peskov said Monday night the talks had failed.", "the talks had failed"),
    ("Peskov said last week the talks had failed.", "the talks had failed"),
    ("Peskov said in a statement the talks had failed.", "the talks had failed"),
    ("Peskov said in a statement Thursday night they had failed.", "they had failed"),
    ("Peskov told reporters in Moscow he would resign.", "he would resign"),
    ("Peskov argued in his letter, the talks had failed.", "the talks had failed"),
    # No such phrase: a gerund, an adverb, a clause, a quoted title.
    ("Peskov insisted on paying his bill himself.", "on paying his bill himself"),
    ("Peskov said at roughly the same time the talks failed.", "at roughly the same time the talks failed"),
    ("Peskov said in April while visiting the capital.", "in April while visiting the capital"),
    ("Peskov said on Saturday, and it has failed since.", "on Saturday, and it has failed since"),
    # "last week's ...": what was said, a noun phrase, not when.
    ("Peskov said last week's talks that began in Vienna had failed.",
     "last week's talks that began in Vienna had failed"),
])
def test_when_and_where_a_statement_was_made_is_no_part_of_it(sentence, statement):
    text, found = attributions(sentence)
    assert [(x.speaker, text[x.start:x.end]) for x in found] == [("Peskov", statement)]


@pytest.mark.parametrize("sentence, speaker, role", [
    # A place or body after a preposition inside the words set off is never the speaker.
    ("Beatrice Laroche, liaison at the office for Human Rights in China, a New York-based group, said the "
     "party was growing.", "Beatrice Laroche", "liaison at the office for Human Rights in China, a New York-based group"),
    ("American diplomats in Tanzania, speaking on condition of anonymity, said the case was closed.",
     "", "American diplomats"),
    # After a title, a person's name ends where a place hangs on it.
    ("“Immunity is gone,” said Professor Michael Reisman of Yale.", "Michael Reisman", "Professor"),
    ("“We have taken serious steps,” said Prime Minister Mesut Yilmaz of Turkey.", "Mesut Yilmaz", "Prime Minister"),
    # A plural role capitalized as its sentence opens names no one.
    ("Officials said the case was closed.", "", "Officials"),
])
def test_the_speaker_not_a_place_a_title_or_a_capital(sentence, speaker, role):
    assert speakers_in(sentence) == [(speaker, role)]


@pytest.mark.parametrize("sentences, expected", [
    # Another honorific before the fuller name, or before the surname, marks another person.
    (["Dr. Barnett Slepian was shot at his home.", "Mrs. Slepian said he had received threats."],
     [("Mrs. Slepian", "he had received threats")]),
    (["Dr. Slepian was shot at his home.", "Mrs. Slepian said he had received threats."],
     [("Mrs. Slepian", "he had received threats")]),
    (["Dr. Barnett Slepian was shot.", "Mrs. Slepian said he was brave.", "Dr. Slepian said the threats grew."],
     [("Mrs. Slepian", "he was brave"), ("Barnett Slepian", "the threats grew")]),
    # The same honorific, none, or a title of office: the same person.
    (["Mr. Bill Clinton spoke.", "Mr. Clinton said he was glad."], [("Bill Clinton", "he was glad")]),
    (["Sen. John Smith spoke.", "Mr. Smith said he was glad."], [("John Smith", "he was glad")]),
])
def test_an_honorific_of_another_kind_is_another_person(sentences, expected):
    text, found = attributions(*sentences)
    assert [(x.speaker, text[x.start:x.end]) for x in found] == expected


def test_a_surname_two_people_share_is_the_one_named_last_before_it():
    assert speakers_in(
        "Race spokesman Peter Campbell said the search went on.",
        '"It is supposition," Campbell said.',
        "American John Campbell was rescued by a police helicopter. An American citizen, he had sailed for years.",
        '"I was definitely worried," Campbell said.') == [
        ("Peter Campbell", "Race spokesman"), ("Peter Campbell", "Race spokesman"), ("John Campbell", "")]


@pytest.mark.parametrize("paragraphs, speaker", [
    # Given names that begin alike may be one person's: the fullest name, as before.
    (["Barnett Slepian was shot at his home.", "Friends called him Bart Slepian.", "Slepian said he was not afraid."],
     "Barnett Slepian"),
    # A nationality the article writes as an adjective is no part of a name; a given name is.
    (["Bosnian Serb Goran Jelisic pleaded guilty.", "The Bosnian Serb police had held him.",
      "Jelisic said he was sorry."], "Goran Jelisic"),
    (["Christian Lahoud, an ally, spoke first. The Christian community backed him.", "Lahoud said he would serve."],
     "Christian Lahoud"),
    # A middle initial is part of the name after a cue; a place after a name without a title is no part of it.
    (['"It was a step in the wrong direction," said James P. Rubin.'], "James P. Rubin"),
    (['"You can sit down," said Jane B. Lathem of Alpharetta, Ga., whose son died.'], "Jane B. Lathem"),
    (['"It is not the source," said E. Gerald Corrigan of Goldman Sachs.'], "E. Gerald Corrigan"),
    # A body's name keeps its "of": "the Information Center of Human Rights" is no person "Information Center".
    (["Wang was charged, according to the Information Center of Human Rights and Democratic Movement."],
     "Information Center of Human Rights and Democratic Movement"),
    # The end of a word before a full stop is no initial ("L." of "PAL.").
    (["The bank would rehabilitate PAL. PAL's chairman agreed.", "PAL said the plan was sound."], "PAL"),
])
def test_whose_full_name_a_surname_is(paragraphs, speaker):
    assert speakers_in(*paragraphs)[-1][0] == speaker


def test_a_long_description_set_off_still_leaves_the_name_in_front():
    assert speakers_in("Beatrice Laroche, liaison at the United Nations for Human Rights in China, a New York-based "
                       "group, said the party was growing.") == [
        ("Beatrice Laroche", "liaison at the United Nations for Human Rights in China, a New York-based group")]
    assert speakers_in("Yelena Masyuk, one of three Russian television journalists kidnapped and then released "
                       "last year after payment of $2 million in ransom, said the kidnappings had cost Chechnya "
                       "its sympathy.")[0][0] == "Yelena Masyuk"
    # A role word that is as often a surname closes the given names before it (these had no speaker)...
    assert speakers_in("Charlie King, a former executive director of the party, said the group would focus on "
                       "five states.") == [("Charlie King", "former executive director of the party")]
    assert speakers_in("Matthew Prince, chief executive of CloudFlare, said that activists had criticized it.")[0][0] \
        == "Matthew Prince"
    # ...and a short abbreviation does not end the words set off.
    assert speakers_in("Senator John Cornyn of Texas, the No. 2 Republican in the Senate, said the chamber will "
                       "vote.") == [("John Cornyn", "Senator")]
    # A relative clause set off may hold a cue of its own (this had no speaker).
    assert speakers_in("Barkley, who said he typically votes Democratic, said one candidate he likes is "
                       "Governor John Kasich.") == [("Barkley", "")]
    # An age is what is left of a description that is all relative clause.
    assert speakers_in("Zejnije Delijaj, 39, who had cooked for the guerrillas, recalled how she had fled.") == [
        ("Zejnije Delijaj", "39")]


@pytest.mark.parametrize("sentence, expected", [
    # ", said Name of Body.": the usual inversion, however the clause before is set off.
    ("Cuba, the Dominican Republic and St. Kitts could lose tourism, said Michael Spinks of the tourism office.",
     [("Michael Spinks", "Cuba, the Dominican Republic and St. Kitts could lose tourism")]),
    # A name after the cue that begins what was said is not the speaker, nor the one before him.
    ("Peskov, the Kremlin spokesman, said Russia would respond.", [("Peskov", "Russia would respond")]),
])
def test_a_name_after_the_cue(sentence, expected):
    text, found = attributions(sentence)
    assert [(x.speaker, text[x.start:x.end]) for x in found] == expected


@pytest.mark.parametrize("paragraphs, expected", [
    # A role too long to show whole stops after its head and one "of" or "for" phrase.
    (['"It was unthinkable," noted Stephen Szabo, a professor of European Affairs at the Johns Hopkins '
      'University School for International Studies in Washington.'],
     [("Stephen Szabo", "professor of European Affairs")]),
    (['"Ads like this were impossible," said Aldo Cernuto, executive creative director of the Milan office of '
      'Pirella Gottsche Lowe, an international advertising agency.'],
     [("Aldo Cernuto", "executive creative director of the Milan office")]),
    # A trade is a role too.
    (['"People worry," said Kleon Papadopoulos, a Greek banker based in London.'],
     [("Kleon Papadopoulos", "Greek banker based in London")]),
    # A clause after a comma is no role, however long: "the president addressed...", "the banker loosened...".
    (['In his appearance with Kim, the president addressed a handful of questions that ranged from North Korea '
      'to Indonesia. "We are ready," Kim said.'],
     [("Kim", "")]),
    (['Jean-Marc Routiers, 26, was on the train. When it pulled into the tunnel that links England to the '
      'Continent, the London-based French banker loosened his Italian silk tie and introduced himself. '
      '"I am a European," he said.'],
     [("Jean-Marc Routiers", "")]),
    # An office not yet taken is a role, not part of the name; a relative clause says more of the
    # person than the role does.
    (['"It is wrong to see this government as an election government," said Premier-designate Bulent Ecevit.'],
     [("Bulent Ecevit", "Premier-designate")]),
    (['"We do not oppose him," said Tansu Ciller, an ex-premier who commands 99 votes in parliament.'],
     [("Tansu Ciller", "ex-premier")]),
    (['"No," said Hans Tietmeyer, head of the bank on which the ECB is modeled.'],
     [("Hans Tietmeyer", "head of the bank")]),
    # The person someone has speaks, never the one named first; a name ends no longer one it is part of.
    (['One of the bombers was Yusef Ali Mohammed Zughayar, 18. "I am proud," said Zughayar\'s 54-year-old '
      'father, Mohammed.'], [("Mohammed", "Zughayar's 54-year-old father")]),
    (['"Dad loved sailing," said Bruce Guy\'s son Mark Guy.'], [("Mark Guy", "Bruce Guy's son")]),
    (['"He was a good boy," said the victim\'s mother.'], [("", "victim's mother")]),
    (['"We will respond," said Russia\'s foreign minister, Sergei Lavrov.'],
     [("Sergei Lavrov", "Russia's foreign minister")]),
    # "the Christian Lahoud": a word between an article and a name describes the person.
    (['Gen. Emile Lahoud was elected. While the Christian Lahoud may not object to Hariri, it is unclear. '
      '"We will see," Lahoud said.'], [("Emile Lahoud", "Gen.")]),
    # What someone demands be said is no statement of the one it is demanded of.
    (['Prime Minister Rafik Hariri spoke on CNN. He demanded that Lahoud admit that he acted unconstitutionally '
      'by allowing deputies to name him.'], []),
    # The people before a place speak, never the place; a body they are at speaks for them.
    (['Residents in Gaza said the airport would open on Tuesday after a delay.'], [("", "Residents")]),
    (['Only 62 of the 128 members in Parliament declared their support for him at the meeting.'],
     [("", "members")]),
    (['Officials at the State Department said the talks would resume on Monday.'], [("State Department", "")]),
    # After a verb that takes an object, whom one asked is not who spoke.
    (['Sam Rainsy, who earlier called the statement "full of loopholes," asked Sihanouk for his help in '
      'obtaining a promise.'], []),
    # A particle joins a name ("F.W. de Klerk"; "Who said what" takes "De Klerk" for him), and a sentence's
    # first word opens none ("Until North Korea said...").
    (['De Klerk said he would sue the commission. "No," said F.W. de Klerk.'],
     [("De Klerk", ""), ("F.W. de Klerk", "")]),
    (['Until North Korea said it would allow inspections, the talks stalled for months.'], [("North Korea", "")]),
    # What goes on after a comma as a list, a circumstance or a verb is no role; nor is a headline.
    (['Researchers from the World Food Program, Unicef and the European Union found that, because of shortages, '
      'most children suffer. "It is grave," the World Food Program said.'], [("World Food Program", "")]),
    (['Microsoft, according to the people questioned by the government, asked for more. "No," Microsoft said.'],
     [("Microsoft", "")]),
    (['AMERICA ONLINE TOSSES IN TOWEL America Online chairman Stephen Case gave up. "We lost," Case said.'],
     [("Stephen Case", "America Online chairman")]),
    # "analysts say" is no one analyst the article named.
    (['"Mergers are coming," said Amy Jaffe, an energy analyst with the James A. Baker III Institute for Public '
      'Policy in Houston. Some analysts say the deal will fail.'],
     [("Amy Jaffe", "energy analyst"), ("", "Some analysts")]),
])
def test_roles_set_off_after_a_name(paragraphs, expected):
    assert speakers_in(*paragraphs) == expected


@pytest.mark.parametrize("paragraphs, expected", [
    # A group holding a role speaks as one, described, never as a name (these were "Prosecutors" and
    # "Witnesses" as names, and "Spokesmen" a body).
    (["Prosecutors say he moved his wife and children to Sudan."], [("", "Prosecutors")]),
    (["Witnesses said two men shot him in the shoulder."], [("", "Witnesses")]),
    (["Spokesmen at the two embassies in Moscow said they were checking on reports."], [("", "Spokesmen")]),
    # The group keeps whom it serves ("Aides to Clinton" had been "Aides").
    (["Aides to Clinton denied his comments were a softening."], [("", "Aides to Clinton")]),
    (["Colleagues of Starovoitova declared that her foes were to blame."], [("", "Colleagues of Starovoitova")]),
    # ...and is nobody the article named by the name it hangs on, or by a weekday after its role.
    (["Augusto Pinochet Hiriart, Pinochet's son, spoke in Santiago.",
      "Supporters of Pinochet pledged to mobilize street demonstrations."],
     [("", "Supporters of Pinochet")]),
    (["The king received athletes and organizers Monday at his palace.",
      "The organizers also said Monday that the council is withholding recognition."],
     [("", "organizers")]),
])
def test_a_group_that_holds_a_role_is_described(paragraphs, expected):
    assert speakers_in(*paragraphs) == expected


@pytest.mark.parametrize("sentence", [
    "Others said they heard two explosions, followed by fast pops.",
    "Some say he remains in Damascus.",
    "Most declared themselves in favor of a government led by a lawmaker.",
])
def test_others_and_some_are_no_speaker(sentence):
    assert speakers_in(sentence) == [("", "")]


def test_a_pronoun_is_no_group_that_spoke_before():
    text, found = attributions(
        "Prosecutors assert he rented the villa where the bomb was assembled.",
        "“We do not want to know about the plans,” he wrote.",
    )
    assert pronoun_speakers(text, found) == [("", "")]


def test_a_capitalised_role_word_before_a_plural_noun_is_no_name():
    assert speakers_in(
        "Turkish officials have accused Syria of allowing the country to be used as a base for Kurdish rebels.",
        "Official newspapers in Syria have denied the contention and have called for talks to end the dispute.",
    ) == [("", "Official newspapers")]  # was "Official", a name; the papers speak, not Syria, as "Residents in Gaza" do


def test_a_clause_after_a_comma_sets_off_no_person():
    # "First, the man to his right was shot" had brought in a person called First, whom "he" then meant.
    text, found = attributions("First, the man to his right was shot.", "“He was alive,” he said.")
    assert pronoun_speakers(text, found) == [("", "")]
    # A relative clause whose pronoun is left out still describes the person set off.
    text, found = attributions(
        "Mahathir set off a crisis, dismissing Anwar, the man he had been grooming to be his successor.",
        "Two weeks later, Anwar was arrested at his home and held for 10 days, during which he says he was beaten.",
    )
    assert pronoun_speakers(text, found) == [("Anwar", "")]


@pytest.mark.parametrize("sentence, expected", [
    # A role word that closes a name a title opens is the surname ("King" had made all of it a body's name).
    ("“If the elections stalemate, that will be a signal,” said Rep. Peter King, R-N.Y.", ("Peter King", "Rep.")),
    # ...and one before a name is a title.
    ("“The talks have failed,” said King Hussein.", ("Hussein", "King")),
    ("“America fears its shadow,” Justice Noor Mohammed Saqib said.", ("Noor Mohammed Saqib", "Justice")),
    ("“We have made progress,” said FBI Agent Ken Maxwell.", ("Ken Maxwell", "FBI Agent")),
    # A word that only picks among people named elsewhere names no one; "as" opens no description.
    ("Each said, “He has no friends I know of.”", ("", "")),
    ("They drift along the margins, “off the grid,” as some agents describe it.", ("", "some agents")),
])
def test_titles_surnames_and_words_that_name_no_one(sentence, expected):
    assert speakers_in(sentence) == [expected]


@pytest.mark.parametrize("sentence, expected", [
    # The person named before "of the Body" speaks for it (these were the foundation's, the court's and the
    # committee's).
    ("Alexander Magno of the Foundation for Economic Freedom said the protections would fail.",
     ("Alexander Magno", "")),
    ("Judge Leonard Sand of the U.S. District Court said the case would go on.", ("Leonard Sand", "Judge")),
    ("Rep. Kim Deog-ryong of the Parliament's Foreign Affairs Committee said he had “information” of it.",
     ("Kim Deog-ryong", "Rep.")),
    # No person before it: the role or the body speaks.
    ("The spokesman of the ministry said it was over.", ("", "spokesman of the ministry")),
    ("Officials at the State Department said it was over.", ("State Department", "")),
])
def test_a_person_named_before_the_body_they_are_of_speaks(sentence, expected):
    assert speakers_in(sentence) == [expected]


@pytest.mark.parametrize("sentence, expected", [
    # A role whose "of" a common noun follows speaks ("report" is no role: these had no speaker at all).
    ("The author of the report said that he stood ready to “fight the forces of atheism.”",
     ("", "author of the report")),
    ("The talks failed, the head of the 49-page study said.", ("", "head of the 49-page study")),
    ("The deputy head of China's delegation to the forum said the exercises should stop.",
     ("", "deputy head of China's delegation to the forum")),
    ("Proponents of the new bill, however, say it would keep enough safeguards in place.",
     ("", "Proponents of the new bill")),
    # A circle a possessive names (this had no speaker: "confidants" was no role word).
    ("Clinton's confidants say it is only fitting that she won.", ("", "Clinton's confidants")),
    # A role whose "for" a noun follows, or whose noun has no article (these had no speaker).
    ("Opponents of abortion said that the ruling was wrong.", ("", "Opponents of abortion")),
    ("Advocates for stem cell research said that the ban overlooked its benefits.",
     ("", "Advocates for stem cell research")),
    # Where or how something was said may stand between the cue and the colon that opens the quotation.
    ("The conservative Ad-Diyar newspaper said in a front-page comment: “The history of Ariel Sharon is known.”",
     ("", "Ad-Diyar newspaper")),
])
def test_speakers_described_by_what_they_hold_or_where_they_spoke(sentence, expected):
    assert speakers_in(sentence) == [expected]


@pytest.mark.parametrize("sentence, expected", [
    # A name joined to its particle in lower case is a name ("al-Assad" had ended every phrase it stood in).
    ("Syrian President Hafez al-Assad said the talks had failed.", ("Hafez al-Assad", "Syrian President")),
    ("“Now I will be able to travel like a regular businessman,” Sayeed el-Madhoun, who owns a floor-covering "
     "company, said while videotaping the ceremony.", ("Sayeed el-Madhoun", "")),
])
def test_a_name_with_a_joined_particle(sentence, expected):
    assert speakers_in(sentence) == [expected]


@pytest.mark.parametrize("sentence, expected", [
    # Words set off that say how or when, not who: the one before them speaks (these had no speaker).
    ("Fitzgerald, for his part, said the senator sounded “shrill” in the debate.", ("Fitzgerald", "")),
    ("The spokesman, however, said the talks had failed.", ("", "spokesman")),
    ("Smith, in a statement, said the talks had failed.", ("Smith", "")),
    # A party and state set off, in an abbreviation or in words.
    ("Senator Ann Feinstein, Democrat of California, said the program sends a terrible message.",
     ("Ann Feinstein", "Senator")),
    ("“It is weak,” said Senator John Marsh, Republican of Arizona.", ("John Marsh", "Senator")),
    # A parenthesis that only glosses the speaker (a party and state, a body's initials) had hidden them.
    ("“It’s a dog whistle,” Rep. Gwen Moore (D-Wis.) said Friday.", ("Gwen Moore", "Rep.")),
    ("Sen. Ann Perdue (R-N.Y.) said she did not believe it.", ("Ann Perdue", "Sen.")),
    ("The Maritime Safety Authority (AMSA) said it had alerted all shipping.", ("Maritime Safety Authority", "")),
])
def test_an_aside_between_speaker_and_cue(sentence, expected):
    assert speakers_in(sentence) == [expected]


@pytest.mark.parametrize("sentence", [
    "The plan (which Smith opposed) said nothing of raises.",  # a clause in brackets is no gloss
    "The report (“a whitewash”) said the police acted lawfully.",
])
def test_a_parenthesis_that_is_no_gloss_names_no_one(sentence):
    assert speakers_in(sentence) == []


def test_an_aside_keeps_the_he_after_it_with_its_speaker():
    # "meanwhile" had hidden Netanyahu, so the "He added" after him went to Arafat, named before.
    assert speakers_in(
        "Palestinian leader Yasser Arafat on Thursday convened senior officials.",
        "Israeli Prime Minister Benjamin Netanyahu, meanwhile, said he has ordered the army to act.",
        "He added that he would not go ahead with a troop pullback.",
    )[-1] == ("Benjamin Netanyahu", "Israeli Prime Minister")


def test_they_is_the_group_that_spoke_last():
    assert speakers_in(
        "In the reports, CIA analysts said that they could not rule out the threats.",
        "But they said that the threats might also be a ploy.",
    ) == [("", "CIA analysts"), ("", "CIA analysts")]
    # When no one spoke in the sentence before, the group it opens on, not the one it names last (had been unknown).
    assert speakers_in(
        "U.S. intelligence officials declined to give details about members of Islamic Jihad.",
        "But they said that Islamic Jihad had now been consolidated into the campaign.",
    ) == [("", "U.S. intelligence officials")]
    assert speakers_in(
        "Thus far, prosecutors have charged six members of the group with conspiracy.",
        "In one filing, they said that their case rests on the testimony of one source.",
    ) == [("", "prosecutors")]
    # A group only named, or one that spoke before someone else did, is not told by order alone.
    assert speakers_in(
        "The report gave details about members of Islamic Jihad.",
        "But they said that Islamic Jihad had now been consolidated into the campaign.",
    ) == [("", "")]
    assert speakers_in(
        "Residents fear soldiers have left the town.",
        "But they said that the roads were still closed.",
    )[-1] == ("", "")
    assert speakers_in(
        "Diplomats said the talks had failed.",
        "Kremlin spokesman Dmitry Peskov said the talks would go on.",
        "But they said that the sanctions would stay.",
    )[-1] == ("", "")
    # "they" after "but" is the group that opens the clause before it, if a plural role (had been unknown).
    assert speakers_in("Microsoft officials are watching the surveys for any hint of damage, but they insist that "
                       "the public will draw a distinction.") == [("", "Microsoft officials")]


@pytest.mark.parametrize("sentence, expected", [
    # A role or a source speaks before words set off that only say how it spoke (these had no speaker).
    ("The official, who spoke on condition of anonymity, denied that the reports were true.", [("", "official")]),
    ("A senior official, speaking on condition of anonymity, said the talks had failed.", [("", "senior official")]),
    ("The statement, broadcast by government television, said there had been no fighting.", [("", "statement")]),
    ("De Klerk, reached in London, said he could not comment.", [("De Klerk", "")]),
    # Not a name before a role set off with an article, nor a phrase inside a clause, nor two people.
    ("Susan Ward, a spokeswoman for the clinic, the private clinic where he worked, said the warning came.",
     [("Susan Ward", "spokeswoman for the clinic, the private clinic where he worked")]),
    ("He faces charges of heading an organization, threatening the country, charges than can bring death.", []),
    ("Opposition leaders Ann Lee and Tom Berg, citing threats, said they could not return.", []),
])
def test_a_role_set_off_by_how_it_spoke(sentence, expected):
    assert speakers_in(sentence) == expected


def test_a_body_is_not_the_speaker_whose_role_it_modifies():
    # "the Chilean government" had been the government spokesman named before, by the word they share.
    assert speakers_in(
        "No accounts have been frozen, government spokesman Achille Casanova said.",
        "Abuses marked his rule, in which, the Chilean government has said, 4,299 people were killed or vanished.",
    ) == [("Achille Casanova", "government spokesman"), ("", "Chilean government")]
    # The same role, and what hangs on it, still find the one named with it.
    assert speakers_in(
        "Robin Poke, a spokesman for the Australian Maritime Safety Authority, said the search went on.",
        "“We are unsure about the other three,” a spokesman for the authority said.",
    )[-1] == ("Robin Poke", "spokesman for the Australian Maritime Safety Authority")


@pytest.mark.parametrize("sentence, expected", [
    # Sides of a conflict and of a debate, and those who watch or mourn, speak as groups (these were names).
    ("Rebels said the airplane was carrying 40 troops and ammunition.", [("", "Rebels")]),
    ("Critics say their political role restricts the growth of democracy.", [("", "Critics")]),
    ("Onlookers said they saw smoke and flames coming from the car.", [("", "Onlookers")]),
    # ...and a critic is a role ("Sam Rainsy, a virulent critic of Hun Sen" had no role).
    ("Sam Rainsy, a virulent critic of Hun Sen, said he would stay abroad.",
     [("Sam Rainsy", "virulent critic of Hun Sen")]),
    # A set-off that says how one spoke is no role, whatever its words.
    ("“The horror should weigh on his conscience,” Spitzer, speaking of his opponent, said.", [("Spitzer", "")]),
])
def test_groups_of_a_conflict_and_a_debate(sentence, expected):
    assert speakers_in(sentence) == expected


@pytest.mark.parametrize("paragraphs, expected", [
    # The press and what a body publishes speak as a ministry does (these had no speaker).
    (["Israel radio said two suitcases filled with explosives were found near the car."], [("", "Israel radio")]),
    (["The aid was sent on Monday, the newspaper said."], [("", "newspaper")]),
    (["A Microsoft memo said the industry was paralyzed while it waited."], [("", "Microsoft memo")]),
    (["The editorial said the alliance was dangerous."], [("", "editorial")]),
    # A name written after a document is whom it speaks of, not its name.
    (["The commission released its report Oct. 30.", "The report said the officers should be prosecuted."],
     [("", "report")]),
    (["According to the report Pinochet was informed of the arrest order by two policemen."], [("", "report")]),
    # "the newspaper reported" after a name is a clause, not the name's role.
    (["The agency wished to help in Albania, the newspaper reported.", "Albania says it found a network."],
     [("", "newspaper"), ("Albania", "")]),
    # Sides and circles news quotes (these had no speaker), and words between them and the cue.
    (["Libyan dissidents said the reports appeared to be a political ploy."], [("", "Libyan dissidents")]),
    (["Abortion rights advocates said clinics had been promised more security."], [("", "advocates")]),
    (["His friends said he counseled women to consider adoption."], [("", "friends")]),
    (["Weather forecasters predict higher temperatures in the next few days."], [("", "Weather forecasters")]),
    (["A diplomat here said the evidence against him was not very strong."], [("", "diplomat")]),
    (["Commission officials themselves say they were frustrated by the lack of cooperation."],
     [("", "Commission officials")]),
    # After "according to", a source no name or role word heads is the words up to the comma (no speaker had
    # been found), less a time after it; a norm is no source.
    (["Trump received 37 percent and Clinton 36 percent, according to the results."], [("", "results")]),
    (["According to a new poll, Trump leads in Florida."], [("", "new poll")]),
    (["Clinton has at least 723 delegates, according to a count by The Associated Press."],
     [("", "count by The Associated Press")]),
    (["Clinton led by 1,500 votes, according to the Associated Press."], [("Associated Press", "")]),
    # A capitalised modifier of roles ends a name ("Press", "State"); a lower-case one ends nothing.
    (["The Associated Press reported that the vote was close."], [("Associated Press", "")]),
    (["Secretary of State Madeleine Albright met him.", "“This is a good investment,” Albright said."],
     [("Madeleine Albright", "Secretary of State")]),
    (["The former said the vote was close."], []),
    (["The army reinforced its units, according to daily Cumhuriyet on Saturday."], [("", "daily Cumhuriyet")]),
    (["The flight had gone according to plan until early Sunday."], []),
    # "reported" is a cue (its noun "reports" is not); a participle with its agent after it is none.
    (["Interfax reported that Ocalan had requested asylum."], [("Interfax", "")]),
    (["In a statement reported by the Anatolia news agency, Ecevit said he would see the president."],
     [("Ecevit", "")]),
    (["“It was meaningless,” the father said by telephone."], [("", "father")]),
    # A paper the mention names is no other paper heard before it (this had been Expressen).
    (["The newspaper Expressen reported that police were told early.",
      "The Aftonbladet newspaper reported that teens had been ejected from the dance."],
     [("Expressen", "newspaper"), ("", "Aftonbladet newspaper")]),
    # A description after the cue, then the name it gives ("the friend" had been all there was).
    (["“Right now, she is worried,” said the friend, Ellen Fink."], [("Ellen Fink", "friend")]),
    # ...but after "according to" the name opens what was said.
    (["According to a friend, Lynne Slepian was trying to spend time alone with her sons."], [("", "friend")]),
])
def test_the_press_documents_sides_and_circles_speak(paragraphs, expected):
    assert speakers_in(*paragraphs) == expected


def test_what_a_document_says_of_a_name_after_it_is_what_it_says():
    text, found = attributions("According to the report Pinochet was informed of the arrest order.")
    assert text[found[0].start:found[0].end].startswith("Pinochet was informed")


@pytest.mark.parametrize("sentence, expected", [
    # A cue joined to a verb before it shares that verb's subject (these had no speaker).
    ("The judge rubbed his chin, and then said the case was closed.", [("", "judge")]),
    ("Palestinian officials condemned the attack but urged Israel not to let it hold up the accord.",
     [("", "Palestinian officials")]),
    ("On Monday, Ana Ruiz met the envoy and said the talks would resume.", [("Ana Ruiz", "")]),
    ("Human rights experts expressed support for the arrest, and said it could have wide implications.",
     [("", "experts")]),
    # After a comma, the sentence's own subject; without one, the clause's ("who" is not looked for).
    ("Minister Alun Michael acknowledged that Pinochet entered Britain on a diplomatic passport, but said the "
     "passport gave him no immunity.", [("Alun Michael", "Minister")] * 2),
    ("The hall was rented by students, who organized a party and charged an entrance fee of $5.", []),
    # A bare form shares a modal and states nothing.
    ("The court held that the company could put anything in it and declare it a single product.", []),
    ("Anwar was arrested on Sunday and charged with illegal acts and corruption.", []),
    ("Anwar mounted a campaign before being detained and charged with illegal acts.", []),
    # Two people named together speak together, neither alone (this had been Robin Cook with her title).
    ("Secretary Madeline Albright and Foreign Secretary Robin Cook met Monday and warned Libya would pay.",
     [("", "Secretary Madeline Albright and Foreign Secretary Robin Cook")]),
    ("Prime Minister Tony Blair and President Bill Clinton said the talks would go on.",
     [("", "Prime Minister Tony Blair and President Bill Clinton")]),
    # So does a participle after a comma, "by" or "while".
    ("Clinton attacked Trump, saying he would appoint judges who would overturn the ruling.", [("Clinton", "")]),
    ("The ministry issued a statement on Monday, saying the talks had failed.", [("", "ministry")]),
    ("Bolton distanced himself from the movement by saying he would be willing to help.", [("Bolton", "")]),
    ("Sen. Bernie Sanders (I-Vt.) defended his call, saying the gains would outweigh the costs.",
     [("Bernie Sanders", "Sen.")]),
    # ...but "adding to" adds no statement, nor a threat of an act.
    ("Rep. Henry Hyde opened the hearing, adding to the sense of circus on Capitol Hill.", []),
    ("The panel said it would not implicate de Klerk after he threatened a court challenge.", [("", "panel")]),
    # Whom one told, a gathering or an outlet, is no part of what was told.
    ("Visas have now been issued, Deputy Prosecutor Graham Blewitt told a press briefing.",
     [("Graham Blewitt", "Deputy Prosecutor")]),
    # The subject past a role set off by commas; in "with X, saying" the one set off says it.
    ("Armando Cossutta, leader of the moderate wing, resigned as party president, saying the party was lost.",
     [("Armando Cossutta", "leader of the moderate wing")]),
    ("The Serbs reacted angrily, with their president, Nikola Poplasen, saying contacts would be cut.",
     [("Nikola Poplasen", "")]),
    # A quotation's frame that opens on its sentence is read so ("Oklahoma" had been the speaker).
    ("Hillary Clinton spoke out about the death of a man in Tulsa, Oklahoma, arguing that the killings were "
     "“intolerable.”", [("Hillary Clinton", "")]),
    # Whom one calls or describes after the cue is no speaker ("the security team as..." had been one).
    ("Mayor Ann Lee met the guards. She said that is a “distortion,” describing the team as highly accomplished.",
     [("Ann Lee", "Mayor")]),
    # A cue after a possessive or an article is a noun ("Donald Trump's" had spoken).
    ("Mike Pence says too much is made of Donald Trump’s tweets.", [("Mike Pence", "")]),
    ("Chile's claim that the former dictator has immunity is ridiculous, the minister told reporters.",
     [("", "minister")]),
])
def test_a_cue_joined_to_a_verb_shares_its_subject(sentence, expected):
    assert speakers_in(sentence) == expected



@pytest.mark.parametrize("paragraphs, expected", [
    # A quote signed with a dash and a name, in its sentence, the next one or the next paragraph.
    (["“He represents our greatest shame.” ― Sonya Herridge “He knows nothing of us.” ― Pamela Padilla"],
     [("Sonya Herridge", "He represents our greatest shame."), ("Pamela Padilla", "He knows nothing of us.")]),
    (["“We will win.”", "— Mary Smith"], [("Mary Smith", "We will win.")]),
    # A dash that goes on with the text signs nothing.
    (["“It is over.” — And then the crowd left the square."], []),
])
def test_a_quote_signed_with_a_dash(paragraphs, expected):
    text, found = attributions(*paragraphs)
    assert [(x.speaker, text[x.start:x.end]) for x in found] == expected
