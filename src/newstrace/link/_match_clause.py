"""What the claim matcher reads of a clause: asides left out, a shared subject carried in.

Two clause-level repairs of a claim's matched text, both on grammar words only:

* :func:`without_asides` drops an appositive or a non-restrictive relative clause set off by
  commas ("engineers from Dravgidro, the state dam operator, had found a crack" -> "engineers
  from Dravgidro had found a crack"): the aside describes a participant and says nothing about
  the event, yet it pulls the embedding toward every other claim that describes the same
  participant;
* :func:`carried_subject` finds the subject of a predicate that shares it with the clause
  before "and" ("The city has asked for 40 buses and has prepared four schools"): the second
  claim, "has prepared four schools", is matched as "The city has prepared four schools".
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newstrace.model import Span

#: An aside between commas: a determiner-led appositive or a relative clause, up to twelve
#: words, followed by more of the clause (not by "and"/"or", which would make it a list item).
_ASIDES = {
    "en": re.compile(
        r",\s+(?:(?:the|a|an)\s|(?:who|which|whose)\s)[^,;:“”\"]{2,90}?,\s+(?!(?:and|or)\b)(?=\w)"
    ),
    "ru": re.compile(r",\s+(?:котор\w+|чь\w+)\s[^,;:«»“”\"]{2,90}?,\s+(?=\w)"),
}
#: Most words an aside may hold (a longer stretch between commas is more than an aside).
ASIDE_WORDS = 12
#: A verb form that ends an English subject: an auxiliary or modal, or a past tense in -ed.
_VERB = re.compile(
    r"\b(?:has|have|had|is|are|was|were|will|would|can|could|should|must|may|might|did|does"
    r"|[a-z]{3,}ed)\b"
)
#: A predicate without its subject: it opens with an auxiliary, a modal or an -ed form.
_BARE_PREDICATE = re.compile(
    r"^(?:has|have|had|is|are|was|were|will|would|can|could|should|must|may|might|[a-z]{3,}ed)"
    r"\s"
)
#: What lies between two predicates that share one subject.
_AND_GAP = re.compile(r"^[\s,]*and\s*$")
#: Most words a carried subject may hold.
SUBJECT_WORDS = 8


def without_asides(text: str, language: str) -> str:
    """``text`` without the appositives and relative clauses set off by commas inside it."""
    pattern = _ASIDES.get(language)
    if pattern is None:
        return text
    out, position = [], 0
    for found in pattern.finditer(text):
        if len(found.group(0).split()) > ASIDE_WORDS + 1:
            continue
        out.append(text[position : found.start()])
        out.append(" ")
        position = found.end()
    out.append(text[position:])
    return "".join(out)


def carried_subject(
    content: Span, sentence: Span, siblings: Sequence[Span], language: str
) -> str | None:
    """The subject a predicate claim shares with the sibling just before it, or ``None``.

    The claim must open with a verb form (``_BARE_PREDICATE``: "has prepared", "informed")
    and follow a sibling claim of its sentence with only "and" between them; the subject is
    the sibling's words before its first verb form, less any aside (English only).
    """
    if language != "en" or not _BARE_PREDICATE.match(content.text):
        return None
    for sibling in siblings:
        if sibling.end > content.start or sibling.start < sentence.start:
            continue
        gap = sentence.text[sibling.end - sentence.start : content.start - sentence.start]
        if not _AND_GAP.match(gap):
            continue
        head = without_asides(sibling.text, language)
        verb = _VERB.search(head)
        if verb is None or verb.start() == 0:
            return None
        subject = head[: verb.start()].strip(" ,")
        if not subject or len(subject.split()) > SUBJECT_WORDS:
            return None
        return subject
    return None
