"""The words the attribution rules read: pronouns, roles and their plurals, bodies, titles and
honorifics, the particles inside names, and the words that open a sentence or a clause.

One list per kind, shared by `speakers` (the phrase around a cue), `mentions` (whom a phrase names),
`standalone` and `people`; the rules that read them stay with those modules."""

from __future__ import annotations

import re

PRONOUNS = frozenset(["he", "she", "they", "we", "i", "it"])

PERSONAL = frozenset({"he", "she"})

# The kin news quotes, roles too: "said Zughayar's 54-year-old father, Mohammed".
KIN = frozenset([
    "father", "mother", "son", "daughter", "wife", "husband", "brother", "sister", "widow", "widower",
    "uncle", "aunt", "cousin", "grandfather", "grandmother", "fiancee", "fiance",
])

# Heads and modifiers of a role ("the de facto leader", "Kremlin spokesman").
ROLE_WORDS = frozenset([
    "president", "vice-president", "minister", "spokesman", "spokeswoman", "spokesperson", "secretary",
    "leader", "chairman", "chairwoman", "chair", "head", "governor", "senator", "sen.", "rep.", "gov.",
    "representative", "congressman", "congresswoman", "mayor", "ambassador", "envoy", "general", "gen.",
    "officer", "official", "officials", "director", "chief", "adviser", "advisor", "aide", "analyst",
    "analysts", "professor", "expert", "experts", "commander", "judge", "speaker", "lawmaker", "lawmakers",
    "king", "queen", "prince", "pope", "ceo", "founder", "member", "manager", "attorney", "lawyer",
    "prosecutor", "candidate", "nominee", "diplomat", "diplomats", "negotiator", "premier", "chancellor",
    "deputy", "foreign", "prime", "defense", "defence", "interior", "press", "former", "senior", "top",
    "acting", "self-proclaimed", "self-styled", "de", "facto", "presidential", "state", "national",
    "regional", "local", "federal", "executive", "assistant", "associate", "campaign", "strategist",
    "pollster", "economist", "researcher", "scientist", "activist", "witness", "resident", "residents",
    "source", "sources", "observer", "observers", "reporter", "correspondent", "editor", "colleague",
    "colonel", "col", "col.", "lt", "lt.", "sgt", "sgt.", "capt", "capt.", "maj", "maj.", "adm", "adm.",
    "cmdr", "cmdr.", "secretary-general", "commissioner", "president-elect", "ombudsman", "mp", "mps",
    "deputies", "politician", "fm", "doctor", "scientist", "minority", "majority", "whip", "counsel",
    "columnist", "commentator", "demographer", "delegate", "delegates", "constituent", "voter", "voters",
    "supporter", "supporters", "organizer", "historian", "author", "writer", "host", "anchor", "consultant",
    "co-director", "co-founder", "fellow", "lecturer", "pastor", "bishop", "archbishop", "rabbi", "priest",
    "sheriff", "staffer", "surgeon", "physician", "nurse", "teacher", "student", "farmer", "worker",
    "owner", "officer", "chairperson", "treasurer", "governor-elect", "mayor-elect", "leaders", "famed",
    "political",
    # Trades that business and crime news quote by: "said Kleon Papadopoulos, a Greek banker".
    "banker", "bankers", "broker", "brokers", "trader", "traders", "investor", "investors", "businessman",
    "businesswoman", "businessmen", "entrepreneur", "engineer", "journalist", "journalists", "accountant",
    "lobbyist", "investigator", "investigators", "inspector", "inspectors", "detective", "agent", "justice",
    # People news quotes for what befell them or what they saw: "A survivor said the water came at night."
    "survivor", "survivors", "victim", "victims", "eyewitness", "eyewitnesses", "bystander", "passenger",
    "passengers", "villager", "villagers", "neighbor", "neighbors", "neighbour", "neighbours", "relative",
    "relatives", "refugee", "refugees", "protester", "protesters", "soldier", "soldiers", "pilot", "driver",
    "onlooker", "mourner", "demonstrator", "critic",
    # Sides of a conflict, as groups only: the singular is an adjective as often ("rebel claims", "Kurdish
    # rebel leader"). "Rebels said the plane carried troops." Not "militants", more often the authors of
    # what "claimed" lives than speakers ("bombings by Islamic militants claimed scores of lives").
    "rebels", "guerrillas", "fighters",
    # Those news quotes as a side or a circle, read from the cues no attribution used: "Abortion rights
    # advocates said", "Libyan dissidents said", "his friends said", "Her advisers and allies say",
    # "respondents said", "forecasters said", "legal scholars say", "insiders said", "monitors said".
    # Plural only where the singular is as often a verb or a modifier ("an ally of", "monitor the vote").
    "advocate", "dissident", "respondent", "friend", "forecaster", "weatherman", "scholar", "insider",
    "employee", "backers", "allies", "monitors", "opponents", "proponent", "defenders", "foes",
    "confidant", "loyalists",
]) | KIN

# Words of a role whose plural is a verb or a name more often than people ("heads", "chairs", "hosts", "States").
_NO_PLURAL = frozenset({"state", "head", "chair", "host", "whip", "counsel", "anchor", "de", "facto", "press",
                        "famed", "political", "foreign", "prime", "former", "senior", "top", "acting", "interior",
                        "defense", "defence", "presidential", "national", "regional", "local", "federal",
                        "minority", "majority", "self-proclaimed", "self-styled", "campaign",
                        "adm", "capt", "cmdr", "col", "fm", "lt", "maj", "mp", "sgt"})  # abbreviations


def _plural(word: str) -> str:
    if word.endswith("man"):
        return word[:-3] + "men"  # "spokesmen", "congressmen"
    if word.endswith(("ss", "sh", "ch", "x")):
        return word + "es"  # "witnesses"
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"  # "deputies"
    if word.endswith("fe"):
        return word[:-2] + "ves"  # "wives"
    return word + "s"


def _singular_role(word: str) -> bool:
    """Whether `word` is a role held by one person, not a plural already listed ("officials", "businessmen")."""
    return (word.isalpha() and word not in _NO_PLURAL and not word.endswith("men")
            and not (word.endswith("s") and not word.endswith("ss")))

# A group of people holding a role speaks as one ("Prosecutors say", "Witnesses said"): never a name.
ROLE_WORDS |= {_plural(word) for word in ROLE_WORDS if _singular_role(word)}

# Roles a group holds ("officials", "witnesses", "spokesmen"): they name no one person.
PLURAL_ROLES = frozenset(w for w in ROLE_WORDS if w.endswith("men") or (w.endswith("s") and not w.endswith("ss")))

# An office not yet taken or left: "Premier-designate Bulent Ecevit", "the president-elect", "an ex-premier".
ROLE_WORDS |= {f"{word}-{state}" for word in ROLE_WORDS for state in ("designate", "elect")} | {
    f"ex-{word}" for word in ROLE_WORDS}

BODY_WORDS = frozenset([
    "government", "ministry", "department", "office", "agency", "committee", "council", "commission",
    "party", "campaign", "service", "police", "army", "military", "court", "parliament", "embassy",
    "administration", "company", "group", "organization", "organisation", "union", "authorities", "kremlin",
    "house", "spokesperson's", "statement", "website", "bureau", "affairs", "center", "centre", "institute",
    "foundation", "university", "association", "fund", "panel", "tribunal",
    # The press and what a body publishes, which news quotes as it quotes a ministry: "the newspaper said",
    # "Israel radio said", "One official report says", "a Microsoft memo said", "news reports said".
    "newspaper", "newspapers", "paper", "magazine", "newsletter", "radio", "television", "broadcaster", "media",
    "publication", "journal",
    "report", "reports", "memo", "poll", "palace", "agencies", "groups", "editorial", "commentary", "article",
])  # not "white": "the White House" ends on "House", and "Mary Jo White" is a name

# What a body publishes: it speaks, but no name written after it is its own ("According to the report
# Pinochet was informed...": Pinochet is whom the report speaks of).
DOCUMENTS = frozenset({"statement", "report", "reports", "memo", "poll", "editorial", "commentary", "article"})

DETERMINERS = frozenset([
    "the", "a", "an", "his", "her", "its", "their", "our", "my", "your", "this", "that"
])

# Lower-case words inside a name before the rest of it ("F.W. de Klerk", "Lula da Silva", "bin Laden").
NAME_PARTICLES = frozenset({"de", "da", "do", "dos", "das", "di", "du", "van", "von", "der", "den", "bin", "ibn",
                            "al", "el", "la", "le", "abu", "del", "della"})


def particle_name(word: str) -> bool:
    """Whether `word` is a name joined to its particle ("el-Madhoun", "al-Assad"), capitalised after it."""
    particle, hyphen, rest = word.partition("-")
    return bool(hyphen) and particle in NAME_PARTICLES and rest[:1].isupper()


# Words a sentence may open on before a name that open no name themselves ("Would Imer Delijaj...").
# A sentence's opening word before a name ("Despite Swissair's...", "For Mafa Barbakh, an elderly
# woman...", "Only Afghanistan...") is no part of it; after a role it hangs the name on the role ("a
# spokesman for Idris"), and the role is who speaks.
OPENING_PREPOSITIONS = frozenset({"despite", "only", "for", "even", "also", "like", "unlike", "among", "with",
                                  "without", "after", "before", "during", "against", "besides", "including"})

NO_NAME_OPENERS = frozenset({"until", "is", "was", "were", "are", "would", "could", "should", "does", "did", "has",
                              "had", "have", "if", "when", "while", "because", "although", "though", "unless",
                              "whether", "why", "how", "what", "where", "both", "either", "neither"}) | OPENING_PREPOSITIONS

HONORIFICS = frozenset(["mr.", "mrs.", "ms.", "dr.", "mr", "mrs", "ms", "dr"])

# The words that hang a person on a role: "supporters of", "a spokesman for", "aides to".
SERVING = frozenset(["of", "for", "to"])

NOT_NAMES = frozenset([
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
    "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
    "today", "yesterday",
    # Months as datelines abbreviate them: "The commission released its report Oct. 30" names no one Oct.
    "feb", "aug", "sept", "oct", "nov", "dec",  # not "Jan", a given name ("Jan Visser")
])

# Words that open a description as an article would ("one elderly bystander", "another resident").
QUANTIFIERS = frozenset({"one", "another", "some", "several", "two", "three", "both", "each", "many"})

# Words that only pick one of people named elsewhere ("the other", "the first").
PICKING_WORDS = frozenset({"other", "first", "second", "last", "latter", "former"})

# A word alone that stands for people the sentence does not name ("Others said", "Some say", "Each said").
NAMES_NOBODY = QUANTIFIERS | PICKING_WORDS | {"others", "most", "few", "all"}

OPENERS = frozenset([
    "but", "and", "or", "so", "yet", "in", "on", "at", "after", "before", "as", "while", "when", "if",
    "although", "though", "because", "since", "during", "with", "without", "from", "by", "also", "still",
    "however", "meanwhile", "now", "then", "there", "here", "this", "that", "these", "those", "later",
    "earlier", "last", "next", "once",
    # Adverbs that link a sentence to the one before: "Thus far, U.S. prosecutors have charged..."
    "thus", "indeed", "instead", "moreover", "therefore", "furthermore", "nevertheless", "nonetheless", "hence",
])

# Role words that cannot end a phrase: "the former" names no one.
MODIFIERS = frozenset([
    "former", "senior", "top", "acting", "de", "facto", "foreign", "prime", "deputy", "presidential",
    "state", "national", "regional", "local", "federal", "executive", "assistant", "associate", "press",
    "interior", "self-proclaimed", "self-styled", "famed", "political", "minority", "majority"
])

# Modifiers that are also a person's noun: "the chief executive", "a deputy", "an assistant" speak.
PERSON_MODIFIERS = frozenset({"executive", "deputy", "assistant", "associate"})

# Titles only a person holds: a capitalised name after one is a person's ("Justice Minister Dullah Omar").
# Not a word that only modifies a title ("former", "state", "defense"): "Defense Department" is none.
PERSON_TITLES = (ROLE_WORDS - BODY_WORDS - MODIFIERS - {"defense", "defence"}) \
    | {"pope", "king", "queen", "prince", "princess", "professor", "prof.", "judge", "justice", "cardinal",
       "sheikh", "father", "rev.", "sister", "brother", "wife", "husband", "widow", "mother", "daughter", "son"}

# The auxiliaries a finite verb opens on (a verb in "-ed" aside): one list for every rule that looks for a verb.
AUXILIARIES = r"is|was|are|were|has|had|have|will|would|could|can|may|might|should|must"
AUXILIARY = re.compile(AUXILIARIES)  # one of them, as a whole word
# A word that makes a clause of the words around it: a past form, an auxiliary, or "did/does/do".
FINITE_VERB = re.compile(rf"[a-z]+ed|{AUXILIARIES}|did|does|do")
