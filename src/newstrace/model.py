"""The central records of newstrace.

An :class:`Article` holds one immutable cleaned text. Every later layer (sentences, mentions,
quantities, attributions, claims, editorial notes) points into that text by character offsets
through :class:`Span`, so ``article.text[span.start:span.end] == span.text`` always holds.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, replace
from datetime import date, datetime
from typing import Any, Literal

NoteKind = Literal["correction", "update", "clarification", "editors_note"]
RemovalKind = Literal[
    "caption",
    "photo_credit",
    "widget",
    "section_label",
    "footer",
    "teaser",
    "newsletter",
    "boilerplate",
    "duplicate_line",
    "control_chars",
]


@dataclass(frozen=True, slots=True)
class Span:
    """A labelled character range of an article's text, carrying the text it covers."""

    start: int
    end: int
    text: str
    label: str = ""

    @classmethod
    def of(cls, source: str, start: int, end: int, label: str = "") -> Span:
        """Make a span of ``source[start:end]``, validating the bounds."""
        if not 0 <= start <= end <= len(source):
            raise ValueError(f"span {start}:{end} outside text of length {len(source)}")
        return cls(start, end, source[start:end], label)

    def to_dict(self) -> dict[str, Any]:
        """Plain-data form for JSON."""
        return {"start": self.start, "end": self.end, "text": self.text, "label": self.label}


@dataclass(frozen=True, slots=True)
class EditorialNote:
    """A correction, update, clarification or editor's note found in an article.

    ``span`` locates the note inside ``Article.text`` (notes stay in the text, so a reader sees
    them where the outlet put them; analysis skips them). For corrections, ``old`` and ``new``
    hold the earlier and the current wording when the note gives them.
    """

    kind: NoteKind
    text: str
    span: Span | None = None
    old: str | None = None
    new: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain-data form for JSON."""
        return {
            "kind": self.kind,
            "text": self.text,
            "old": self.old,
            "new": self.new,
            "start": self.span.start if self.span else None,
            "end": self.span.end if self.span else None,
        }


@dataclass(frozen=True, slots=True)
class Removal:
    """A piece of the raw input that cleaning dropped, and why."""

    kind: RemovalKind
    text: str
    reason: str = ""

    def to_dict(self) -> dict[str, Any]:
        """Plain-data form for JSON."""
        return {"kind": self.kind, "text": self.text, "reason": self.reason}


def content_hash(text: str) -> str:
    """Hex SHA-256 of a text (used to spot identical copies)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def article_id(text: str, url: str | None, outlet: str | None) -> str:
    """A stable content-hash id: the same article from the same place gets the same id."""
    key = "\x1f".join([url or "", outlet or "", text])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Article:
    """One cleaned article: final text plus metadata, editorial notes and removed material.

    ``published`` and ``updated`` are ISO 8601 strings (a date or a date-time) or ``None``.
    """

    id: str
    text: str
    outlet: str | None = None
    url: str | None = None
    title: str | None = None
    byline: str | None = None
    published: str | None = None
    updated: str | None = None
    language: str | None = None
    site_name: str | None = None
    canonical_url: str | None = None
    source: str | None = None
    notes: tuple[EditorialNote, ...] = ()
    removed: tuple[Removal, ...] = ()
    version_of: str | None = None
    extra: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def create(cls, text: str, **meta: Any) -> Article:
        """Build an article, computing its content-hash id from text, url and outlet."""
        aid = article_id(text, meta.get("url"), meta.get("outlet"))
        return cls(id=aid, text=text, **meta)

    @property
    def content_hash(self) -> str:
        """SHA-256 of the text alone."""
        return content_hash(self.text)

    def published_date(self) -> date | None:
        """The publication date as a :class:`datetime.date`, if it parses."""
        return parse_iso_date(self.published)

    def with_meta(self, **meta: Any) -> Article:
        """A copy with metadata changed and the id recomputed."""
        changed = replace(self, **meta)
        return replace(changed, id=article_id(changed.text, changed.url, changed.outlet))

    def to_dict(self) -> dict[str, Any]:
        """Plain-data form for JSON (the shape ``newstrace extract --format json`` prints)."""
        data = asdict(self)
        data["notes"] = [n.to_dict() for n in self.notes]
        data["removed"] = [r.to_dict() for r in self.removed]
        data["extra"] = dict(self.extra)
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Article:
        """Inverse of :meth:`to_dict`."""
        text = str(data["text"])
        notes = tuple(_note_from_dict(text, n) for n in data.get("notes") or ())
        removed = tuple(
            Removal(kind=r["kind"], text=r["text"], reason=r.get("reason", ""))
            for r in data.get("removed") or ()
        )
        simple = {
            k: data.get(k)
            for k in (
                "outlet",
                "url",
                "title",
                "byline",
                "published",
                "updated",
                "language",
                "site_name",
                "canonical_url",
                "source",
                "version_of",
            )
        }
        return cls(
            id=str(data["id"]),
            text=text,
            notes=notes,
            removed=removed,
            extra=dict(data.get("extra") or {}),
            **simple,
        )


def _note_from_dict(text: str, data: Mapping[str, Any]) -> EditorialNote:
    start, end = data.get("start"), data.get("end")
    span = Span.of(text, start, end, "note") if start is not None and end is not None else None
    return EditorialNote(
        kind=data["kind"], text=data["text"], span=span, old=data.get("old"), new=data.get("new")
    )


def parse_iso_date(value: str | None) -> date | None:
    """Parse an ISO date or date-time string into a date; ``None`` when it does not parse."""
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None


@dataclass(frozen=True, slots=True)
class Rejection:
    """An input that could not be turned into an article, with a reason a user can act on."""

    input: str
    reason: str

    def __str__(self) -> str:
        return f"{self.input}: {self.reason}"


# --- analysis records (produced by ``newstrace.analyze``; all spans point into Article.text) ---

MentionKind = Literal["person", "organisation", "outlet", "place", "role", "other"]
SpeakerKind = Literal[
    "person", "official", "anonymous", "outlet", "organisation", "document", "self"
]
QuoteKind = Literal["direct", "indirect", "mixed"]
Granularity = Literal["day", "month", "season", "year", "range", "week"]


@dataclass(frozen=True, slots=True)
class Mention:
    """A mention of a person, organisation, outlet, place or role, with a canonical key.

    ``key`` survives spelling and transliteration variants (Verstka = Vyorstka = Вёрстка).
    """

    span: Span
    kind: MentionKind
    key: str

    def to_dict(self) -> dict[str, Any]:
        """Plain-data form for JSON."""
        return {
            "text": self.span.text,
            "start": self.span.start,
            "end": self.span.end,
            "kind": self.kind,
            "key": self.key,
        }


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number in the text, normalised: ``low``..``high`` (equal for a single value)."""

    span: Span
    low: float
    high: float
    unit: str | None = None
    per: str | None = None
    kind: Literal["count", "percent", "money", "ordinal", "other"] = "count"
    approximate: bool = False
    comparator: Literal["over", "under", "about", "exactly"] | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain-data form for JSON."""
        return {
            "text": self.span.text,
            "start": self.span.start,
            "end": self.span.end,
            "low": self.low,
            "high": self.high,
            "unit": self.unit,
            "per": self.per,
            "kind": self.kind,
            "approximate": self.approximate,
            "comparator": self.comparator,
        }


@dataclass(frozen=True, slots=True)
class TimeRef:
    """A time expression resolved against the publication date, never to a made-up day.

    ``start``/``end`` are ISO dates bounding what the expression means ("April 2024" is
    2024-04-01..2024-04-30, granularity ``month``); both ``None`` when it cannot be resolved.
    """

    span: Span
    granularity: Granularity
    start: str | None
    end: str | None

    def to_dict(self) -> dict[str, Any]:
        """Plain-data form for JSON."""
        return {
            "text": self.span.text,
            "start": self.span.start,
            "end": self.span.end,
            "granularity": self.granularity,
            "from": self.start,
            "to": self.end,
        }


@dataclass(frozen=True, slots=True)
class ChainLink:
    """One hop of a relay chain: who heard or repeats a statement."""

    name: str
    kind: SpeakerKind

    def to_dict(self) -> dict[str, Any]:
        """Plain-data form for JSON."""
        return {"name": self.name, "kind": self.kind}


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who is behind an attribution: the resolved source.

    ``span`` is the source mention in the text (``None`` for the outlet's own voice);
    ``canonical`` is the resolved identity (an earlier mention for "he", "the outlet").
    """

    kind: SpeakerKind
    canonical: str
    anonymous: bool = False
    span: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain-data form for JSON (``source`` in ``newstrace claims``)."""
        return {
            "text": self.span.text if self.span else None,
            "start": self.span.start if self.span else None,
            "end": self.span.end if self.span else None,
            "kind": self.kind,
            "anonymous": self.anonymous,
            "canonical": self.canonical,
        }


@dataclass(frozen=True, slots=True)
class Attribution:
    """Source, cue and content (PolNeAR scheme), with speaker, quote kind, chain and hedges."""

    speaker: Speaker
    cue: Span | None
    content: tuple[Span, ...]
    quote: QuoteKind = "indirect"
    chain: tuple[ChainLink, ...] = ()
    hedges: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Claim:
    """A proposition an article asserts or reports, with its attribution and anchors."""

    id: str
    sentence: Span
    content: Span
    attribution: Attribution
    polarity: Literal["positive", "negative"] = "positive"
    hedges: tuple[str, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    dates: tuple[TimeRef, ...] = ()
    mentions: tuple[Mention, ...] = ()

    @property
    def text(self) -> str:
        """The claim's content text."""
        return self.content.text


@dataclass(frozen=True, slots=True)
class ArticleAnalysis:
    """Everything the per-article ``analyze`` stage finds in one article."""

    article_id: str
    language: str
    sentences: tuple[Span, ...] = ()
    mentions: tuple[Mention, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    dates: tuple[TimeRef, ...] = ()
    attributions: tuple[Attribution, ...] = ()
    claims: tuple[Claim, ...] = ()


# --- cross-article records (produced by ``newstrace.link``) ---

GroupStatus = Literal["corroborated", "single_origin", "echo_only", "contested", "exclusive"]
DiscrepancyKind = Literal["number", "date", "attribution", "quote_wording", "hedging", "polarity"]


@dataclass(frozen=True, slots=True)
class ClaimRef:
    """A claim as seen from a story: which article (and outlet) it sits in."""

    article_id: str
    claim: Claim
    outlet: str | None = None

    @property
    def claim_id(self) -> str:
        """The claim's id (``<article_id>:c<n>``)."""
        return self.claim.id


@dataclass(frozen=True, slots=True)
class ClaimGroup:
    """Claims from different articles that say the same thing, with their provenance.

    ``origins`` are primary channels (a speaker reaching the public through a first-hand
    outlet, or an outlet's own reporting); ``echoes`` are outlets that only relay another
    outlet. ``independent_origins`` counts distinct origins; ``status`` summarises them.
    """

    id: str
    summary: str
    members: tuple[ClaimRef, ...]
    origins: tuple[ChainLink, ...] = ()
    echoes: tuple[ChainLink, ...] = ()
    independent_origins: int = 0
    status: GroupStatus = "exclusive"

    @property
    def outlets(self) -> tuple[str, ...]:
        """Distinct outlets whose articles state this claim, in first-seen order."""
        return tuple(dict.fromkeys(m.outlet or m.article_id for m in self.members))


@dataclass(frozen=True, slots=True)
class Discrepancy:
    """Where outlets disagree: the kind, the claims involved, one sentence explaining it."""

    kind: DiscrepancyKind
    summary: str
    claim_ids: tuple[str, ...]
    group_id: str | None = None
