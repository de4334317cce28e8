"""Which day a claim gives for which event, for the ``date`` discrepancy.

A claim's day-precise dates are not all dates of what it reports:

* **Report dates** are left out: a date that follows a reporting verb with at most
  :data:`MAX_BETWEEN` words between them, none of them a complementizer, auxiliary or pronoun
  ("reported on Tuesday", "told the Courier on Tuesday", «сообщило во вторник»). "said the
  vote would be held on Monday" keeps its Monday. The verbs are the attribution cue forms of
  ``data/lang/<lang>.json`` whose lemma is a cue at least :data:`CUE_WEIGHT` of the time.
* **The event** of a date is told by the words around it in its clause (up to :data:`WINDOW`
  words either side, not past a comma, the date's own words left out): two dates are about one
  event when their events share a stem ("the crack was discovered on Sunday" / "discovered
  the crack on Saturday"), so "evacuate on Thursday" is never compared with "found on Sunday".
* **Across languages** words cannot be matched, so the claim group stands in for them: its
  members are already judged to say one thing, and when each of two members of different
  languages gives exactly one event date, those are dates of the same event
  (:func:`same_event`). A member giving two event dates is not compared across languages:
  which of them matches is unknown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from newstrace.analyze.numerals import lang_key, load_lang_json
from newstrace.link._tension import stems
from newstrace.model import ClaimRef, TimeRef

#: Words allowed between a reporting verb and a report date ("told the Korvask Courier on").
MAX_BETWEEN = 3
#: A cue form counts as a reporting verb when its lemma is a cue at least this often.
CUE_WEIGHT = 0.3
#: Words either side of a date that tell its event.
WINDOW = 6
_CLAUSE = re.compile(r"[,;:()—–]|\s-\s")
_WORD = re.compile(r"[^\W_]+(?:[-’'][^\W_]+)*")
_BLOCKERS = {
    "en": frozenset(
        "that whether if to it he she they we i you who which is are was were be been has "
        "have had will would could may might".split()
    ),
    "ru": frozenset("что чтобы как будто он она они оно мы я вы это был была были будет".split()),
}


#: Words that end the search for a reporting verb after a date: a complementizer or auxiliary
#: starts another predicate ("on Monday the dam was found ..."). Pronouns may be the subject.
_AFTER_BLOCKERS = {
    "en": frozenset("that whether if to is are was were be been has have had will would".split()),
    "ru": frozenset("что чтобы как будто был была были будет".split()),
}


@dataclass(frozen=True, slots=True)
class DatedEvent:
    """A day a claim gives, the expression, and the stems of the event around it."""

    day: date
    ref: TimeRef
    event: frozenset[str]


@lru_cache(maxsize=4)
def _reporting_forms(language: str) -> frozenset[str]:
    raw = load_lang_json(f"{lang_key(language)}.json")
    weights: dict[str, float] = raw.get("cue_lemmas", {})
    forms = {
        form.lower()
        for form, lemma in raw.get("cue_forms", {}).items()
        if weights.get(lemma, 0.0) >= CUE_WEIGHT
    }
    forms.update(w.lower() for w in raw.get("report_verb_forms", []))
    return frozenset(forms)


def is_report_date(sentence: str, offset: int, language: str, length: int = 0) -> bool:
    """Whether the date starting at ``offset`` of ``sentence`` (``length`` characters long)
    dates the report itself: a reporting verb just before it ("reported on Tuesday"), or,
    given ``length``, just after it ("the ministry on Tuesday said", «во вторник издание
    сообщило»)."""
    clause = _CLAUSE.split(sentence[:offset])[-1]
    before = [w.lower() for w in _WORD.findall(clause)]
    forms = _reporting_forms(language)
    blockers = _BLOCKERS.get(lang_key(language), frozenset())
    for back in range(1, min(len(before), MAX_BETWEEN + 1) + 1):
        word = before[-back]
        if word in forms:
            return True
        if word in blockers:
            return False
    return length > 0 and _report_verb_after(sentence, offset, offset + length, language)


def _report_verb_after(sentence: str, start: int, end: int, language: str) -> bool:
    """A reporting verb within :data:`MAX_BETWEEN` words after the date ``start:end``, in its
    clause, before any complementizer or auxiliary. A date opening the sentence may be set off
    by a comma ("On Tuesday, the ministry said"); elsewhere a comma ends the clause ("found on
    Sunday, the utility said" keeps its Sunday)."""
    rest = sentence[end:]
    if not _WORD.search(sentence[:start]):
        rest = re.sub(r"^\s*,", " ", rest)
    after = [w.lower() for w in _WORD.findall(_CLAUSE.split(rest)[0])]
    forms = _reporting_forms(language)
    stops = _AFTER_BLOCKERS.get(lang_key(language), frozenset())
    for word in after[: MAX_BETWEEN + 1]:
        if word in forms:
            return True
        if word in stops:
            return False
    return False


def dated_events(member: ClaimRef, language: str) -> list[DatedEvent]:
    """The member's day-precise dates of events (report dates left out), with their events."""
    sentence = member.claim.sentence
    found: list[DatedEvent] = []
    for ref in member.claim.dates:
        if ref.granularity != "day" or not ref.start:
            continue
        at = ref.span.start - sentence.start
        if not 0 <= at <= len(sentence.text):
            continue
        if is_report_date(sentence.text, at, language, len(ref.span.text)):
            continue
        head = _CLAUSE.split(sentence.text[:at])[-1]
        tail = _CLAUSE.split(sentence.text[at + len(ref.span.text) :])[0]
        before = _WORD.findall(head)[-WINDOW:]
        after = _WORD.findall(tail)[:WINDOW]
        event = stems(" ".join([*before, *after])) - stems(ref.span.text)
        found.append(DatedEvent(date.fromisoformat(ref.start[:10]), ref, event))
    return found


def same_event(
    first: DatedEvent,
    first_language: str,
    first_count: int,
    second: DatedEvent,
    second_language: str,
    second_count: int,
) -> bool:
    """Whether two members' dates are of one event: in one language, their event words share
    a stem; across languages, each is its member's only event date (``*_count`` is how many
    event dates the member gives)."""
    if lang_key(first_language) == lang_key(second_language):
        return bool(first.event & second.event)
    return first_count == 1 and second_count == 1
