"""Showing an excerpt in quotation marks once, whatever marks it carries already."""

from __future__ import annotations

#: double quotation marks and guillemets (single marks double as apostrophes, so they are
#: left alone)
QUOTE_MARKS = '"“”„«»'


def in_quotes(text: str) -> str:
    """An excerpt for display, marked as quoted once, whitespace collapsed.

    A plain excerpt gets “ and ”, without a trailing comma or semicolon. One that is a whole
    quotation already ('"... for us,"') loses its own outer marks and the comma that closed it
    inside a sentence, then gets “ and ”: “... for us”. One that starts or ends with a mark
    but is not a whole quotation ('"We go," she said') is shown as it is, so no mark is
    doubled."""
    inner = " ".join(text.split())
    if len(inner) > 1 and inner[0] in QUOTE_MARKS and inner[-1] in QUOTE_MARKS:
        inner = inner[1:-1].rstrip(",;: ")
    elif inner and (inner[0] in QUOTE_MARKS or inner[-1] in QUOTE_MARKS):
        return inner
    return f"“{inner.rstrip(',;: ')}”"
