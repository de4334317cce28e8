"""Signed quotations: a paragraph that is one quotation followed by a dash and a name.

Vox pops, pull quotes, reader comments and epigraphs credit a quotation with a signature
instead of a speech verb::

    “We were wrong to wait this long.” ― Jane Q. Doe
    "Nobody asked us." -- Ana de la Cruz

The dash is the cue, the name the source, the whole quotation (marks included) the content.
The paragraph must open with the quotation: a paragraph that merely ends in a quotation and a
dash-name ("Rajoy said he will "try"--Kim Smith.") is a byline, not a signature. The
signature may also stand alone on the next line. Parse or rule drafts whose cue lies inside a
signed quotation or its signature give way to the signed reading (they are returned for
nesting: a speech act quoted inside the quotation).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newstrace.analyze._attr_spans import Draft, Range, sentence_of
from newstrace.analyze.sentences import _next_visible
from newstrace.model import Span

_SPACE = r"[ \t\u00a0\u2009\u202f]"
_OPEN = '“"”«„'
_CLOSE = '”"“»'
#: a closing mark, the dash (the signature may stand on the next line), the signature, then
#: the end of the line or the next signed quotation of a run-together paragraph
_SIGNATURE = re.compile(
    rf"[{_CLOSE}]{_SPACE}*(?:\n{_SPACE}*)?"
    rf"(?P<dash>―|—|–|--|(?<={_SPACE})-(?={_SPACE})){_SPACE}*"
    rf"(?P<name>[^\W\d_][^\n{_OPEN}]{{0,80}}?)[{_SPACE[1:-1]}.]*(?=\n|$|[{_OPEN}])"
)
_WORD = re.compile(r"[^\s\u00a0.,]+")
#: longest signature, in words
_MAX_WORDS = 6
#: lower-case words a name may hold ("Ana de la Cruz", "Ludwig van Beethoven")
_PARTICLES = frozenset({"de", "del", "della", "di", "da", "dos", "du", "la", "le", "van", "von"})
_PARTICLES |= frozenset({"der", "den", "y", "e", "bin", "ibn", "al", "el", "ter", "ten"})


def signed_drafts(text: str, sentences: Sequence[Span]) -> list[Draft]:
    """One draft per signed quotation in ``text`` (see the module docstring)."""
    starts = [s.start for s in sentences]
    drafts: list[Draft] = []
    previous = 0  # where the last signature ended: a quotation starts after it
    for found in _SIGNATURE.finditer(text):
        close = found.start() + 1
        line = text.rfind("\n", previous, found.start()) + 1 or previous
        previous = found.end()
        opening = _next_visible(text, line, close)
        if not (opening < close - 1 and text[opening] in _OPEN):
            continue
        if not _is_signature(found.group("name")):
            continue
        cue = found.span("dash")
        drafts.append(
            Draft(
                cue=cue,
                source=found.span("name"),
                content=[(opening, close)],
                sentence_index=sentence_of(starts, cue[0]),
                pattern="signed",
            )
        )
    return drafts


def with_signed(
    text: str, sentences: Sequence[Span], drafts: list[Draft]
) -> tuple[list[Draft], list[Draft]]:
    """``drafts`` with the signed quotations of ``text`` added; drafts whose cue lies inside a
    signed quotation or its signature are taken out and returned second (for nesting)."""
    signed = signed_drafts(text, sentences)
    if not signed:
        return drafts, []
    areas = [(d.content[0][0], _end(d)) for d in signed]
    kept: list[Draft] = []
    displaced: list[Draft] = []
    for draft in drafts:
        (displaced if _within(draft.cue, areas) else kept).append(draft)
    return kept + signed, displaced


def _end(draft: Draft) -> int:
    """Where a signed draft's line ends (its signature's end)."""
    assert draft.source is not None
    return draft.source[1]


def _within(cue: Range, areas: list[Range]) -> bool:
    return any(start <= cue[0] and cue[1] <= end for start, end in areas)


def _is_signature(name: str) -> bool:
    """Whether ``name`` reads as a person's or body's name: one to six words, the first and
    last capitalised, the others capitalised, initials or name particles, no digits."""
    words = _WORD.findall(name)
    if not 0 < len(words) <= _MAX_WORDS or any(ch.isdigit() for ch in name):
        return False
    if not (words[0][0].isupper() and words[-1][0].isupper()):
        return False
    return all(w[0].isupper() or w.lower() in _PARTICLES for w in words)
