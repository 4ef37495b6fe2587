"""Days of telling: the date a speech verb governs ("said on Thursday", "On Monday, X said")."""

from __future__ import annotations

import re

# Verbs of saying in the past or the reporting present; "will say" tells nothing yet, and
# "admitted to hospital last month" is why "admitted" is not one.
_SPEECH = (
    r"(?:said|says|told|tells|announced|announces|stated|added|noted|confirmed|disclosed|"
    r"revealed|reported|wrote|stressed|explained|declared|warned|argued|acknowledged|"
    r"indicated|insisted|claimed|pledged|promised|vowed|predicted|unveiled|informed|briefed|"
    r"assured|reminded)"
)
# Verbs of saying alone, not of reporting a thing: "On Monday, the firm reported record sales"
# dates the sales.
_SAYING = (
    r"(?:said|says|told|tells|stated|added|noted|warned|stressed|explained|declared|insisted|"
    r"argued|announced|confirmed)"
)
# Verbs that name a hearer before the day: "told reporters", "told the Global Times".
_HEARER_VERB = r"(?:told|tells|warned|informed|briefed|assured|reminded)"
_WORD = r"[\w'’.&-]+"
# A hearer is a short lower-case noun phrase ("reporters", "state media") or a name: two
# lower-case words at most, so "told reporters the plant opened on Monday" is no telling.
_HEARER = (
    rf"(?:(?:the|a|an|its|his|her|their)\s+)?"
    rf"(?:[A-Z]{_WORD}(?:\s+(?:of\s+)?[A-Z]{_WORD}){{0,3}}|[a-z]{_WORD}(?:\s+[a-z]{_WORD})?)"
)
# Where the telling took place: "in a statement", "at a news conference in Beijing"; a word of
# a setting is no clause word ("that", "it", a preposition) nor a day, so no clause is taken for one.
_NOT_SETTING = (
    r"(?:that|it|they|he|she|we|to|in|at|on|by|for|of|from|with|and|but|will|would|"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day)"
)
_SETTING_WORD = rf"(?!{_NOT_SETTING}\b){_WORD}"
_SETTING = (
    rf"(?:\s+(?:in|at|during|to|via|through|on|from|with)\s+"
    rf"(?:(?:a|an|the|its|his|her|their)\s+)?(?:{_SETTING_WORD}\s+){{0,2}}{_SETTING_WORD})"
)
_OBJECT = r"(?:\s+(?:plans?|details|results|figures))"
_DAY_LEAD = r"\s+(?:(?:late|early)\s+)?(?:on\s+)?$"
# "said on Thursday", "told reporters late on Tuesday", "said in a statement Monday".
_AFTER_VERB = re.compile(
    rf"(?<![\w-])(?:{_HEARER_VERB}\s+{_HEARER}|{_SPEECH}{_OBJECT}?){_SETTING}{{0,3}}{_DAY_LEAD}"
)
# The day is the reported clause's own subject or owner: "said Monday's results", "said Monday was".
_DAY_IN_CLAUSE = re.compile(r"(?:['’]s\b|\s+(?:was|is|will|would|marks?|marked|saw|sees)\b)")
# "On Thursday, the fab said …": the day opens the clause and its subject speaks next.
_CLAUSE_OPENING = re.compile(
    r"(?:^|[.!?][\"”’]?\s+|\n\s*|[,;:(—–]\s*|\b(?:and|but)\s+)"
    r"[\"'“‘]?(?:(?:[Ll]ate|[Ee]arly)\s+)?(?:[Oo]n\s+)?$"
)
_NOT_SUBJECT = r"(?:and|but|who|which|that|when|after|before|then|while|as|if|will|would|to)"
_SPEAKER_NEXT = re.compile(
    rf"(?:\s+(?:morning|afternoon|evening|night))?,?\s+"
    rf"(?:(?!{_NOT_SUBJECT}\b){_WORD}\s+){{1,6}}?{_SAYING}\b"
)


_REACH = 200
# "told MTV News on Thursday evening (December 11)": the bracket restates the day just named.
_RESTATED = re.compile(
    r"\b(?P<day>(?:mon|tues|wednes|thurs|fri|satur|sun)day)"
    r"(?:\s+(?:morning|afternoon|evening|night))?\s*[(\[]\s*$",
    re.IGNORECASE,
)
_PASSIVE = re.compile(r"(?<![Ii]t\s)\b(?:was|were|been|being|is|are|be)\s+$")


def is_telling(text: str, start: int, end: int) -> bool:
    """Whether the date at ``text[start:end]`` dates the telling, not what is told.

    "The fab said on Thursday that it will open a plant in 2027": Thursday is when the fab
    said it; "The fab opened the plant on Thursday" dates an event.
    """
    if _DAY_IN_CLAUSE.match(text, end):
        return False
    head = text[max(0, start - _REACH) : start]  # a whole document may be tagged at once
    restated = _RESTATED.search(head)
    if restated is not None:
        offset = start - len(head)
        return is_telling(text, offset + restated.start("day"), offset + restated.end("day"))
    said = _AFTER_VERB.search(head)
    if said is not None:
        # "Riots were reported on Saturday" dates the riots; "it was announced on Monday" a telling.
        return _PASSIVE.search(head, 0, said.start()) is None
    return bool(_CLAUSE_OPENING.search(head)) and _SPEAKER_NEXT.match(text, end) is not None
