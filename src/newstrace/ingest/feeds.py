"""RSS and Atom feeds: one raw document per entry.

With ``IngestOptions.fetch_feed_entries`` each entry's link is fetched and the page becomes the
document; when that is off or the fetch fails, the entry's own content (or summary) is used, and
the failure is kept in the document's metadata as ``fetch_error``. The feed's title and language
fill gaps (outlet, site name, language) but never override what an entry or page says.
"""

from __future__ import annotations

import io
import time
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from html.parser import HTMLParser
from typing import Any

import feedparser
import httpx

from newstrace.errors import FetchError
from newstrace.ingest.fetch import Resolver, fetch_url
from newstrace.ingest.language import normalise_language
from newstrace.ingest.meta import normalise_date
from newstrace.ingest.sources import IngestOptions, RawDocument
from newstrace.model import Rejection

_BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "section",
        "article",
        "figure",
        "figcaption",
        "table",
        "tr",
        "pre",
        "hr",
        "header",
        "footer",
        "aside",
        "dd",
        "dt",
    ]
)
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template"})


def parse_feed(text: str, name: str) -> Any:
    """Parse a feed with feedparser; raises ``ValueError`` when ``text`` is not RSS or Atom.

    The text is handed over as UTF-8 bytes with a matching charset header, so feedparser never
    re-decodes it with the XML declaration's (now stale) encoding, and never treats it as a URL
    or path to open.
    """
    parsed = feedparser.parse(
        io.BytesIO(text.encode("utf-8")),
        response_headers={"content-type": "application/xml; charset=utf-8"},
        resolve_relative_uris=True,
        sanitize_html=True,
    )
    if not parsed.get("version"):
        problem = parsed.get("bozo_exception")
        detail = f" ({problem})" if problem else ""
        raise ValueError(f"not an RSS or Atom feed{detail}")
    return parsed


def iter_feed(
    text: str,
    name: str,
    options: IngestOptions,
    client: httpx.Client | None = None,
    *,
    resolve: Resolver | None = None,
) -> Iterator[RawDocument | Rejection]:
    """One :class:`RawDocument` (or :class:`Rejection`) per entry of the feed in ``text``.

    Entries are named ``<name>#entry-<n>`` (from 1). A text that is not a feed, or a feed with
    no entries, yields a single rejection for ``name``.
    """
    try:
        parsed = parse_feed(text, name)
    except ValueError as exc:
        yield Rejection(name, str(exc))
        return
    entries = parsed.get("entries") or []
    if not entries:
        yield Rejection(name, "the feed has no entries")
        return
    defaults = _feed_defaults(parsed.get("feed") or {})
    for number, entry in enumerate(entries, start=1):
        yield _entry_document(entry, f"{name}#entry-{number}", defaults, options, client, resolve)


def _entry_document(
    entry: Mapping[str, Any],
    name: str,
    defaults: Mapping[str, str],
    options: IngestOptions,
    client: httpx.Client | None,
    resolve: Resolver | None,
) -> RawDocument | Rejection:
    meta = _entry_meta(entry)
    link = meta.get("url")
    problem: str | None = None
    if link and options.fetch_feed_entries:
        try:
            fetched = fetch_url(link, options, client, resolve=resolve)
        except FetchError as exc:
            problem = f"fetching {link} failed: {exc.reason}"
        else:
            if fetched.kind != "feed":
                page_meta = dict(meta, url=fetched.final_url)
                if fetched.final_url != link:
                    page_meta["feed_link"] = link
                page_defaults = dict(defaults)
                if fetched.language:
                    page_defaults["language"] = fetched.language
                return RawDocument(name, fetched.kind, fetched.text, page_meta, page_defaults)
            problem = f"the entry's link {link} is itself a feed"
    content = entry_text(entry)
    if content is None:
        if problem:
            return Rejection(name, f"{problem}, and the entry has no content or summary")
        if not link:
            return Rejection(name, "the entry has no link and no content or summary")
        return Rejection(name, "the entry has no content or summary (fetching links is off)")
    if problem:
        meta["fetch_error"] = problem
    return RawDocument(name, "text", content, meta, defaults)


def _feed_defaults(feed: Mapping[str, Any]) -> dict[str, str]:
    defaults: dict[str, str] = {}
    title = _text(feed.get("title"))
    if title:
        defaults["outlet"] = title
        defaults["site_name"] = title
    language = normalise_language(_text(feed.get("language")))
    if language:
        defaults["language"] = language
    return defaults


def _entry_meta(entry: Mapping[str, Any]) -> dict[str, str]:
    meta: dict[str, str] = {}
    for key, source in (("url", "link"), ("title", "title"), ("byline", "author")):
        value = _text(entry.get(source))
        if value:
            meta[key] = value
    for key in ("published", "updated"):
        value = _entry_date(entry, key)
        if value:
            meta[key] = value
    details = entry.get("content") or [entry.get("summary_detail") or {}]
    language = normalise_language(_text(details[0].get("language")))
    if language:
        meta["language"] = language
    return meta


def _entry_date(entry: Mapping[str, Any], key: str) -> str | None:
    iso = normalise_date(_text(_own(entry, key)))
    if iso:
        return iso
    parsed = _own(entry, f"{key}_parsed")
    if isinstance(parsed, time.struct_time):
        return datetime(*parsed[:6], tzinfo=UTC).isoformat()
    return None


def _own(entry: Mapping[str, Any], key: str) -> Any:
    """``entry[key]``, bypassing feedparser's legacy aliases.

    Asked for ``updated``, feedparser answers with the published date when an entry was never
    updated; an article's ``updated`` must stay empty then.
    """
    if isinstance(entry, dict):
        return dict.get(entry, key)
    return entry.get(key)


def entry_text(entry: Mapping[str, Any]) -> str | None:
    """The entry's fullest own text: its longest ``content``, else its summary, as plain text."""
    candidates = list(entry.get("content") or [])
    if entry.get("summary_detail"):
        candidates.append(entry["summary_detail"])
    best: str | None = None
    for detail in candidates:
        value = _text(detail.get("value"))
        if not value:
            continue
        kind = str(detail.get("type") or "text/html")
        text = fragment_text(value) if "html" in kind else value.strip()
        if text and (best is None or len(text) > len(best)):
            best = text
    return best


def fragment_text(html: str) -> str:
    """Plain text of an HTML fragment, one paragraph per block element."""
    parser = _FragmentText()
    parser.feed(html)
    parser.close()
    return parser.text()


class _FragmentText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self._skipping += 1
        elif tag in _BLOCK_TAGS:
            self._parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCK_TAGS:
            self._parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self._parts.append(data)

    def text(self) -> str:
        joined = "".join(self._parts)
        paragraphs = (" ".join(block.split()) for block in joined.split("\n\n"))
        return "\n\n".join(p for p in paragraphs if p)


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None
