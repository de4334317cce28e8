"""The claim matrix as CSV for spreadsheets.

One row per claim group (of every story in the document), one column per outlet; each
outlet cell says ``stated``, ``stated differently`` (that outlet's version is involved in a
discrepancy) or ``absent``. Leading columns identify the story and the group and give its
status and origin count.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from typing import Any

from newstrace.report import _document as d

FIXED_COLUMNS = ("story_id", "group_id", "summary", "status", "independent_origins", "outlets")


def matrix_rows(doc: Mapping[str, Any]) -> list[list[str]]:
    """Header plus one row per claim group; outlet columns are the union over stories."""
    articles = d.articles_by_id(doc)
    stories = list(doc.get("stories") or ())
    outlets = list(dict.fromkeys(o for story in stories for o in d.story_outlets(story, articles)))
    rows = [[*FIXED_COLUMNS, *(_safe(o) for o in outlets)]]
    for story in stories:
        columns = d.story_outlets(story, articles)
        groups = story.get("claim_groups") or ()
        for group, row in zip(groups, d.claim_matrix(story, articles), strict=True):
            cells = dict(zip(columns, row, strict=True))
            rows.append(
                [
                    str(story.get("id") or ""),
                    str(group.get("id") or ""),
                    _safe(" ".join(str(group.get("summary") or "").split())),
                    str(group.get("status") or ""),
                    str(group.get("independent_origins", 0)),
                    str(len(group.get("outlets") or ())),
                    *(cells.get(o, d.ABSENT) for o in outlets),
                ]
            )
    return rows


def _safe(text: str) -> str:
    """Keep a spreadsheet from reading article text as a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def render_csv(doc: Mapping[str, Any]) -> str:
    """The claim matrix as CSV text (RFC 4180 quoting, ``\\r\\n`` line ends)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerows(matrix_rows(doc))
    return buffer.getvalue()
