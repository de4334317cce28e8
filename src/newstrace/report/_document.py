"""Read a report document (the JSON twin) into what every renderer shows.

A report document is the plain data ``newstrace analyze --format json`` prints:
``{"articles": [...], "stories": [...]}``, each story in the story view's shape
(``{id, title, article_ids, claim_groups, discrepancies, timeline, notes}``). Markdown, CSV and
HTML are all rendered from this one document, so every format shows the same facts. The
helpers here derive what a story's JSON leaves implicit: which outlet each article is, the
claim matrix, each discrepancy's versions, and readable timeline and note rows.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

Doc = Mapping[str, Any]

STATED, DIFFERENT, ABSENT = "stated", "stated differently", "absent"

STATUS_LABELS: dict[str, str] = {
    "corroborated": "corroborated",
    "single_origin": "single origin",
    "echo_only": "echo only",
    "contested": "contested",
    "exclusive": "exclusive",
}

STATUS_HELP: dict[str, str] = {
    "corroborated": "two or more independent origins back it",
    "single_origin": "every outlet that has it traces back to one origin",
    "echo_only": "only outlets relaying someone else have it; its origin is not in this set",
    "contested": "an origin or another outlet contradicts or qualifies it",
    "exclusive": "only one outlet has it",
}

DISCREPANCY_LABELS: dict[str, str] = {
    "number": "numbers differ",
    "date": "dates differ",
    "attribution": "credited to different sources",
    "quote_wording": "quote worded differently",
    "hedging": "hedged in one, stated as fact in another",
    "polarity": "contradicting statements",
}


@dataclass(frozen=True, slots=True)
class ArticleInfo:
    """What a report needs to name an article."""

    id: str
    outlet: str
    title: str
    published: str
    url: str
    language: str


@dataclass(frozen=True, slots=True)
class Version:
    """One side of a discrepancy: a claim as one outlet printed it, and who it credits."""

    claim_id: str
    outlet: str
    source: str
    text: str
    published: str


@dataclass(frozen=True, slots=True)
class Row:
    """A generic dated row (timeline entry or editorial note) ready to print."""

    when: str
    outlet: str
    label: str
    text: str
    detail: str


def articles_by_id(doc: Doc) -> dict[str, ArticleInfo]:
    """Index the document's articles by id (unknown fields become empty strings)."""
    found: dict[str, ArticleInfo] = {}
    for item in doc.get("articles") or ():
        aid = str(item.get("id") or "")
        found[aid] = ArticleInfo(
            id=aid,
            outlet=str(item.get("outlet") or "unknown outlet"),
            title=str(item.get("title") or ""),
            published=str(item.get("published") or ""),
            url=str(item.get("url") or ""),
            language=str(item.get("language") or ""),
        )
    return found


def outlet_of(article_id: str, articles: Mapping[str, ArticleInfo]) -> str:
    """The outlet of an article, or a short id when the document does not say."""
    info = articles.get(article_id)
    return info.outlet if info else f"article {article_id[:8]}"


def story_outlets(story: Doc, articles: Mapping[str, ArticleInfo]) -> list[str]:
    """The story's outlets in article order, each once (the claim matrix columns)."""
    names = [outlet_of(str(a), articles) for a in story.get("article_ids") or ()]
    for group in story.get("claim_groups") or ():
        names.extend(str(o) for o in group.get("outlets") or ())
    return list(dict.fromkeys(names))


def differing_claim_ids(story: Doc) -> set[str]:
    """Claim ids that take part in at least one discrepancy."""
    return {
        str(cid) for item in story.get("discrepancies") or () for cid in item.get("claim_ids") or ()
    }


def claim_matrix(story: Doc, articles: Mapping[str, ArticleInfo]) -> list[list[str]]:
    """Rows = claim groups, columns = :func:`story_outlets`; cells stated/differently/absent.

    An outlet "states" a group when one of its articles has a claim in it; it states it
    "differently" when such a claim is involved in a discrepancy.
    """
    outlets = story_outlets(story, articles)
    differing = differing_claim_ids(story)
    matrix: list[list[str]] = []
    for group in story.get("claim_groups") or ():
        cells = dict.fromkeys(outlets, ABSENT)
        for claim in group.get("claims") or ():
            outlet = outlet_of(str(claim.get("article_id")), articles)
            if str(claim.get("claim_id")) in differing:
                cells[outlet] = DIFFERENT
            elif cells.get(outlet) != DIFFERENT:
                cells[outlet] = STATED
        matrix.append([cells[o] for o in outlets])
    return matrix


def source_name(claim: Doc) -> str:
    """Who a claim credits, readably (the speaker's canonical name, marked when anonymous)."""
    source = claim.get("source")
    if isinstance(source, Mapping):
        name = str(source.get("canonical") or source.get("text") or source.get("name") or "")
        kind = str(source.get("kind") or "")
        if kind == "self":
            return "the outlet itself"
        if source.get("anonymous") and "anonym" not in name.lower():
            return f"{name} (anonymous)" if name else "an anonymous source"
        return name or kind or "unknown"
    return str(source or "unknown")


def chain_text(claim: Doc) -> str:
    """The relay chain as ``speaker → outlet → outlet``."""
    return " → ".join(str(link.get("name")) for link in claim.get("chain") or ())


def claims_by_id(story: Doc) -> dict[str, Doc]:
    """Every claim of the story's groups by claim id."""
    return {
        str(claim.get("claim_id")): claim
        for group in story.get("claim_groups") or ()
        for claim in group.get("claims") or ()
    }


def discrepancy_versions(
    discrepancy: Doc, story: Doc, articles: Mapping[str, ArticleInfo]
) -> list[Version]:
    """The claims a discrepancy involves, each as the outlet printed it."""
    claims = claims_by_id(story)
    versions: list[Version] = []
    for cid in discrepancy.get("claim_ids") or ():
        claim = claims.get(str(cid))
        aid = str(claim.get("article_id")) if claim else str(cid).split(":", 1)[0]
        info = articles.get(aid)
        versions.append(
            Version(
                claim_id=str(cid),
                outlet=outlet_of(aid, articles),
                source=source_name(claim) if claim else "",
                text=" ".join(str(claim.get("text") or "").split()) if claim else "",
                published=info.published if info else "",
            )
        )
    return versions


def _first(item: Mapping[str, Any], *keys: str) -> str:
    for key in keys:
        value = item.get(key)
        if value not in (None, ""):
            return str(value)
    return ""


def _outlet(item: Mapping[str, Any], articles: Mapping[str, ArticleInfo]) -> str:
    named = _first(item, "outlet")
    if named:
        return named
    aid = _first(item, "article_id", "first_article_id", "article")
    return outlet_of(aid, articles) if aid else ""


def timeline_rows(story: Doc, articles: Mapping[str, ArticleInfo]) -> list[Row]:
    """The story's timeline as rows, oldest first (keys read tolerantly)."""
    groups = {str(g.get("id")): g for g in story.get("claim_groups") or ()}
    rows: list[Row] = []
    for item in story.get("timeline") or ():
        group = groups.get(_first(item, "group_id", "claim_group", "group"), {})
        text = _first(item, "summary", "text", "event", "description") or _first(group, "summary")
        outlet = _first(item, "first_outlet") or _outlet(item, articles)
        rows.append(
            Row(
                when=_first(item, "first_seen", "date", "when", "published", "time"),
                outlet=outlet,
                label=_first(item, "kind", "event_kind") or "first appeared",
                text=text,
                detail=_first(item, "detail", "note") or _followers(item, outlet),
            )
        )
    return sorted(rows, key=lambda r: (r.when == "", r.when))


def _followers(item: Mapping[str, Any], first: str) -> str:
    """``then Outlet B (date), Outlet C (date)`` from a timeline entry's appearances."""
    later = [
        f"{a.get('outlet') or '?'} ({a.get('published') or 'date unknown'})"
        for a in item.get("appearances") or ()
        if isinstance(a, Mapping)
    ]
    if later and later[0].startswith(f"{first} ("):
        later = later[1:]
    return "then " + ", ".join(later) if later else ""


def _change_text(change: Any) -> str:
    if not isinstance(change, Mapping):
        return str(change)
    old, new = change.get("old"), change.get("new")
    if old and new:
        return f"changed “{old}” to “{new}”"
    if new:
        return f"added “{new}”"
    return f"removed “{old}”" if old else ""


def note_rows(story: Doc, articles: Mapping[str, ArticleInfo]) -> list[Row]:
    """The story's editorial notes (corrections, updates) and revisions as rows."""
    claims = claims_by_id(story)
    rows: list[Row] = []
    for item in story.get("notes") or ():
        old, new = _first(item, "old"), _first(item, "new")
        parts = [f"earlier: “{old or '?'}” — now: “{new or '?'}”"] if old or new else []
        changes = item.get("changes")
        if isinstance(changes, Sequence) and not isinstance(changes, str):
            parts += [text for text in (_change_text(c) for c in changes) if text]
        affected = [
            " ".join(str(claims[str(c)].get("text") or "").split())
            for c in item.get("claim_ids") or ()
            if str(c) in claims
        ]
        if affected:
            parts.append("affects: " + "; ".join(f"“{t}”" for t in affected))
        aid = _first(item, "article_id", "article")
        label = _first(item, "kind", "type") or "note"
        rows.append(
            Row(
                when=_first(item, "date", "when", "published") or _published(aid, articles),
                outlet=_outlet(item, articles),
                label=label,
                text=" ".join(_first(item, "text", "summary").split())
                or ("new version of the article" if label == "revision" else ""),
                detail="; ".join(parts),
            )
        )
    return rows


def _published(article_id: str, articles: Mapping[str, ArticleInfo]) -> str:
    info = articles.get(article_id)
    return info.published if info else ""


def origin_names(group: Doc) -> list[str]:
    """The group's origins as readable names."""
    return [_named(o) for o in group.get("origins") or ()]


def echo_names(group: Doc) -> list[str]:
    """The group's echoes as readable names."""
    return [_named(e) for e in group.get("echoes") or ()]


def _named(item: Any) -> str:
    if isinstance(item, Mapping):
        return str(item.get("name") or item.get("outlet") or "?")
    return str(item)


def status_label(status: str) -> str:
    """A status in plain words."""
    return STATUS_LABELS.get(status, status.replace("_", " "))


def discrepancy_label(kind: str) -> str:
    """A discrepancy kind in plain words."""
    return DISCREPANCY_LABELS.get(kind, kind.replace("_", " "))
