"""Raw documents, ingest options, and telling one input kind from another.

Every container (file, URL, feed entry, WARC record, JSONL line) becomes a :class:`RawDocument`
before cleaning; :func:`newstrace.ingest.build_article` turns one into an ``Article``.
"""

from __future__ import annotations

import json
import re
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from types import MappingProxyType
from typing import BinaryIO, Literal

from newstrace.errors import InputError

DocumentKind = Literal["text", "html"]
InputKind = Literal["text", "html", "feed", "jsonl", "json", "warc"]

_EMPTY: Mapping[str, str] = MappingProxyType({})


def _package_version() -> str:
    try:
        return version("newstrace")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "0+unknown"


def default_user_agent() -> str:
    """The User-Agent newstrace sends: its name, version and project address."""
    return f"newstrace/{_package_version()} (+https://github.com/newstrace/newstrace)"


@dataclass(frozen=True, slots=True)
class IngestOptions:
    """How inputs are read and fetched.

    ``allow_private`` allows fetching loopback, private, link-local and cloud-metadata
    addresses (off by default: a URL from an untrusted list must not reach the local network).
    ``max_bytes`` caps any single input: a file, an HTTP body, a WARC record, a JSONL line.
    """

    allow_private: bool = False
    timeout: float = 20.0
    max_bytes: int = 20_000_000
    max_redirects: int = 5
    fetch_feed_entries: bool = True
    user_agent: str = field(default_factory=default_user_agent)


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One document before cleaning.

    ``name`` is what a user would recognise (a path, a URL, ``<stdin>``, ``feed.xml#entry-3``,
    ``crawl.warc.gz#record-17``, ``data.jsonl:42``). ``meta`` holds metadata the container states
    explicitly (url, outlet, title, published, language, byline, ...); it beats what extraction
    finds. ``defaults`` holds weaker hints (a feed's title as outlet, a WARC-Date as publication
    date, an HTTP Content-Language) used only where nothing else gives a value.
    """

    name: str
    kind: DocumentKind
    content: str
    meta: Mapping[str, str] = field(default_factory=lambda: _EMPTY)
    defaults: Mapping[str, str] = field(default_factory=lambda: _EMPTY)


# --- recognising inputs ---

_URL_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*://")
_PROLOG_RE = re.compile(
    r"(?:\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>\[]*(?:\[.*?\])?\s*>)", re.DOTALL | re.IGNORECASE
)
_ROOT_RE = re.compile(r"<([A-Za-z][\w:.\-]*)")
_HTML_ROOTS = frozenset(
    [
        "html",
        "head",
        "body",
        "meta",
        "title",
        "link",
        "base",
        "div",
        "p",
        "article",
        "section",
        "main",
        "header",
        "nav",
        "table",
        "span",
        "a",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "figure",
        "img",
        "script",
        "style",
        "noscript",
        "form",
        "br",
    ]
)
_FEED_ROOTS = frozenset({"rss", "feed", "rdf:rdf", "rdf"})
_HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})
_FEED_SUFFIXES = frozenset({".rss", ".atom", ".xml", ".rdf"})
_JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
_TEXT_SUFFIXES = frozenset({".txt", ".text"})


def is_url(value: str) -> bool:
    """True when ``value`` looks like a URL (``scheme://...``) rather than a path."""
    return bool(_URL_RE.match(value))


def root_element(text: str) -> str | None:
    """Lower-cased name of the first element of an XML/HTML text, skipping prolog and comments.

    Returns ``"!doctype html"`` for an HTML doctype, ``None`` when the text does not start with
    markup.
    """
    head = text[:65_536].lstrip("\ufeff")
    position = 0
    while True:
        if re.match(r"\s*<!doctype\s+html", head[position:], re.IGNORECASE):
            return "!doctype html"
        match = _PROLOG_RE.match(head, position)
        if not match or match.end() == position:
            break
        position = match.end()
    root = _ROOT_RE.match(head, position)
    return root.group(1).lower() if root else None


def is_feed_text(text: str) -> bool:
    """True when the document's root element is ``<rss>``, ``<feed>`` or ``<rdf:RDF>``."""
    root = root_element(text)
    return root is not None and root in _FEED_ROOTS


def is_html_text(text: str) -> bool:
    """True when the text starts like an HTML document or fragment."""
    root = root_element(text)
    return root is not None and (root == "!doctype html" or root in _HTML_ROOTS)


def is_jsonl_text(text: str) -> bool:
    """True when the first non-blank line is a JSON object."""
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if not (stripped.startswith("{") and stripped.endswith("}")):
            return False
        try:
            return isinstance(json.loads(stripped), dict)
        except json.JSONDecodeError:
            return False
    return False


def kind_of_text(text: str, name: str) -> InputKind:
    """Decide what a decoded file or stdin holds, by extension first, then by content.

    ``.txt`` is always text and ``.html`` always HTML; ``.rss``/``.atom``/``.xml`` must be a
    feed (otherwise :class:`InputError`); anything else is sniffed.
    """
    suffix = Path(name).suffix.lower() if not is_url(name) else ""
    if suffix in _TEXT_SUFFIXES:
        return "text"
    if suffix in _HTML_SUFFIXES:
        return "html"
    if suffix == ".json":
        return "json"
    if suffix in _JSONL_SUFFIXES:
        return "jsonl"
    if is_feed_text(text):
        return "feed"
    if suffix in _FEED_SUFFIXES:
        root = root_element(text)
        found = f"its first element is <{root}>" if root else "it does not start with XML"
        raise InputError(name, f"not an RSS or Atom feed: {found}")
    if is_html_text(text):
        return "html"
    if is_jsonl_text(text):
        return "jsonl"
    return "text"


def is_warc_name(name: str) -> bool:
    """True for ``.warc`` and ``.warc.gz`` file names."""
    lowered = name.lower()
    return lowered.endswith((".warc", ".warc.gz", ".arc.gz", ".arc"))


def is_jsonl_name(name: str) -> bool:
    """True for ``.jsonl`` and ``.ndjson`` file names (streamed line by line)."""
    return Path(name).suffix.lower() in _JSONL_SUFFIXES


def looks_like_warc(head: bytes) -> bool:
    """True when the first bytes start a WARC record (plain or gzip-compressed)."""
    if head.startswith(b"WARC/"):
        return True
    if head.startswith(b"\x1f\x8b"):
        try:
            inflated = zlib.decompressobj(wbits=31).decompress(head, 16)
        except zlib.error:
            return False
        return inflated.startswith(b"WARC/")
    return False


# --- reading with a size cap ---


def read_file_capped(path: Path, name: str, max_bytes: int) -> bytes:
    """Read a whole file, refusing (before reading) one larger than ``max_bytes``."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(name, f"cannot read: {exc.strerror or exc}") from exc
    if size > max_bytes:
        raise InputError(name, too_large(size, max_bytes))
    try:
        with path.open("rb") as handle:
            return read_stream_capped(handle, name, max_bytes)
    except OSError as exc:
        raise InputError(name, f"cannot read: {exc.strerror or exc}") from exc


def read_stream_capped(stream: BinaryIO, name: str, max_bytes: int) -> bytes:
    """Read a stream to its end, but never more than ``max_bytes`` + 1 bytes."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(name, too_large(None, max_bytes))
    return data


def too_large(size: int | None, max_bytes: int) -> str:
    """The reason given for an input over the size cap."""
    what = f"too large ({size:,} bytes)" if size is not None else "too large"
    return f"{what}: the limit is {max_bytes:,} bytes (raise it with --max-bytes)"
