"""Verbs of saying, every form: what marks a statement as someone's words.

Kept here, with the text, because the sentence splitter needs them as much as
the attribution of claims does (`story.speakers`)."""

from __future__ import annotations

# Written in lower case: a cue is a verb, and "States" is a country.
SAY = [
    "say", "says", "said", "saying", "tell", "tells", "told", "telling", "stated", "declare", "declares",
    "declared", "warn", "warns", "warned", "add", "adds", "added", "adding", "note", "notes", "noted",
    "noting", "explain", "explains", "explained", "argue", "argues", "argued", "arguing", "claim", "claims",
    "claimed", "insist", "insists", "insisted", "announce", "announces", "announced", "reply", "replies",
    "replied", "respond", "responds", "responded", "write", "writes", "wrote", "tweet", "tweets", "tweeted",
    "acknowledge", "acknowledges", "acknowledged", "admit", "admits", "admitted", "confirm", "confirms",
    "confirmed", "deny", "denies", "denied", "suggest", "suggests", "suggested", "predict", "predicts",
    "predicted", "urge", "urges", "urged", "recall", "recalls", "recalled", "stress", "stresses",
    "stressed", "emphasize", "emphasizes", "emphasized", "emphasise", "emphasises", "emphasised", "assert",
    "asserts", "asserted", "remark", "remarks", "remarked", "observe", "observes", "observed", "vow",
    "vows", "vowed", "promise", "promises", "promised", "pledge", "pledges", "pledged", "complain",
    "complains", "complained", "charge", "charges", "charged", "counter", "counters", "countered",
    "concede", "concedes", "conceded", "conclude", "concludes", "concluded", "continue", "continues",
    "continued", "ask", "asks", "asked", "announced", "quipped", "joked", "boasted", "threatened",
    "threaten", "threatens", "reiterated", "reiterate", "reiterates", "mocked", "call", "calls", "called",
    "calling", "describe", "describes", "described", "describing", "shouted", "shouting", "quoted",
    "yelled", "yelling",
    # Of the verb only its past: "reports" and "report" are as often the noun ("reports that...").
    "reported",
]
CUE_WORDS = frozenset(SAY)
