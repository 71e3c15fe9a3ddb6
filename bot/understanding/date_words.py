"""The Dutch words for dates that the date reader knows: months and their abbreviations, weekdays,
public holidays, relative days, units, past and future markers, parts of a month or week, and the
patterns of written dates."""

from __future__ import annotations

import re

MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)

_MONTH_ABBREVIATIONS = {
    "jan": 1,
    "feb": 2,
    "febr": 2,
    "mrt": 3,
    "maa": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "okt": 10,
    "oct": 10,
    "nov": 11,
    "dec": 12,
    "januarie": 1,
    "februarie": 2,
    "maert": 3,
    "juny": 6,
    "july": 7,
    "augusti": 8,
}

WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")

_WEEKDAY_SHORT = {"ma": 0, "di": 1, "wo": 2, "do": 3, "vr": 4, "za": 5, "zo": 6}

_HOLIDAYS = {
    "kerstmis": (12, 25),
    "kerstdag": (12, 25),
    "kerst": (12, 25),
    "tweede kerstdag": (12, 26),
    "nieuwjaar": (1, 1),
    "nieuwjaarsdag": (1, 1),
    "oudejaar": (12, 31),
    "oudjaar": (12, 31),
    "oudjaarsavond": (12, 31),
    "oudejaarsnacht": (12, 31),
    "oudejaarsavond": (12, 31),
    "oudejaarsdag": (12, 31),
    "valentijn": (2, 14),
    "allerheiligen": (11, 1),
    "allerzielen": (11, 2),
    "wapenstilstand": (11, 11),
    "nationale feestdag": (7, 21),
    "feest van de arbeid": (5, 1),
    "dag van de arbeid": (5, 1),
    "vlaamse feestdag": (7, 11),
}

_RELATIVE_DAYS = {
    "vandaag": 0,
    "vanmorgen": 0,
    "vanochtend": 0,
    "vanmiddag": 0,
    "vanavond": 0,
    "vannacht": 0,
    "deze morgen": 0,
    "deze ochtend": 0,
    "daarnet": 0,
    "zonet": 0,
    "net": None,
    "gisteren": -1,
    "gisteravond": -1,
    "gistermorgen": -1,
    "gisterochtend": -1,
    "gistermiddag": -1,
    "gisternacht": -1,
    "gisterennacht": -1,
    "gisterenavond": -1,
    "gisterenmorgen": -1,
    "gisterenochtend": -1,
    "gisterenmiddag": -1,
    "afgelopen nacht": 0,
    "deze nacht": 0,
    "eergisteren": -2,
    "eergister": -2,
    "gister": -1,
    "eergistere": -2,
    "morgen": 1,
    "overmorgen": 2,
    "morgenvroeg": 1,
}

_UNITS = {
    "dag": 1,
    "dagen": 1,
    "dagje": 1,
    "week": 7,
    "weken": 7,
    "weekje": 7,
    "maand": 30,
    "maanden": 30,
    "jaar": 365,
    "jaren": 365,
}

_PAST_MARKERS = ("vorige", "vorig", "afgelopen", "verleden", "laatste", "voorbije", "jongstleden", "ll")

_FUTURE_MARKERS = ("volgende", "komende", "aanstaande", "eerstvolgende", "ek", "eerstkomende")

_PARTS = {
    "begin": (1, 10),
    "start": (1, 10),
    "vroeg": (1, 10),
    "midden": (11, 20),
    "half": (11, 20),
    "medio": (11, 20),
    "eind": (21, 31),
    "einde": (21, 31),
    "eindje": (21, 31),
    "laat": (21, 31),
}

_WEEK_PARTS = {
    "begin": (0, 1),
    "start": (0, 1),
    "midden": (2, 3),
    "half": (2, 3),
    "eind": (4, 6),
    "einde": (4, 6),
}

# Cues of tense for events that may lie either way ("we zijn verhuisd" / "we gaan verhuizen").
_FUTURE_CUES = re.compile(
    r"\b(ga|gaan|gaat|zal|zullen|zou|zouden|wil|willen|plan|plannen|volgende|komende|over|binnenkort|"
    r"verwacht|verwachten|uitgerekend|uitgeteld|zwanger|verwachting|vanaf|wordt|worden|binnen|tegen|aanstaande|"
    # present tense of the events themselves: "ik verhuis zaterdag", "we trouwen in mei"
    r"gepland|ingepland|voorzien|verhuis|verhuist|verhuizen|trek|trekt|trekken|intrekken|stop|stopt|stoppen|start|starten|begin|begint|beginnen|trouw|trouwen|"
    r"teken|tekenen|sluit|sluiten|huw|huwen|komt|vertrek|vertrekt|loopt|eindigt|afloopt|tot)\b"
)

_ISO = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")

_NUMERIC = re.compile(r"(?<![\d/.-])(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2}|\d{4}))?(?![\d/-])")

_STRONG_PAST = re.compile(
    r"\b(geleden|vorige|vorig|afgelopen|verleden|overleden|gestorven|geboren|bevallen|gebore|gestorve|overlede|"
    r"sinds|was|waren|werd|werden|verhuisd|ontslagen|vertrokken|begonnen|aangekomen|afgestudeerd|voorbij|"
    # "da had ik al gezegd" tells about the conversation, not about the event
    r"overgekomen|gekregen|gehad|gekomen|geworden|ge(?!zegd\b|vraagd\b|typt\b|schreven\b|pland\b)[a-z]{3,}(?:d|t))\b"
)


_NOT_YET = re.compile(
    r"\bnog (?:niet|nie|ni|geen)"
    r"(?: (?!geleden\b|lang\b|week\b|weken\b|dag\b|dagen\b|maand\b|maanden\b)\w+){0,2}? "
    r"(?:verhuisd|geboren|bevallen|begonnen|getrouwd|gestopt|ontslagen|vertrokken|afgestudeerd|gebeurd)\b"
)
"""What has not happened yet ("ik ben nog nie verhuisd") is still to come; "nog niet lang geleden" is past."""


_MODAL_INFINITIVE = re.compile(r"\b(?:moet|moeten|gaat|gaan|zal|zullen|ga)(?: \w+){0,2}? bevallen\b")
"""A modal before "bevallen" ("ze moet bevallen eind januari"): still to come; not after "heeft"."""
