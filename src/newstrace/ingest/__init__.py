"""newstrace.ingest: every input kind, read safely, turned into cleaned ``Article`` records.

:func:`ingest` expands inputs (files, directories, ``-`` for stdin, http(s) URLs, RSS/Atom feeds,
WARC crawls, JSON Lines) into raw documents and builds an :class:`~newstrace.model.Article` from
each with :func:`build_article`. A bad input, or one bad record inside a container, becomes a
:class:`~newstrace.model.Rejection` naming it and saying why, and the rest goes on.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import BinaryIO

import httpx

from newstrace._callable import make_callable
from newstrace.errors import FetchError, InputError
from newstrace.ingest.decode import decode_bytes
from newstrace.ingest.feeds import iter_feed
from newstrace.ingest.fetch import FetchedDocument, fetch_url, make_client
from newstrace.ingest.jsonl import iter_json_records, iter_jsonl
from newstrace.ingest.language import detect_language, normalise_language
from newstrace.ingest.meta import MetaIndex, normalise_date
from newstrace.ingest.sources import (
    IngestOptions,
    RawDocument,
    is_jsonl_name,
    is_url,
    is_warc_name,
    kind_of_text,
    looks_like_warc,
    read_file_capped,
    read_stream_capped,
)
from newstrace.ingest.warc import iter_warc
from newstrace.model import Article, Rejection

__all__ = [
    "FetchedDocument",
    "IngestOptions",
    "MetaIndex",
    "RawDocument",
    "build_article",
    "decode_bytes",
    "detect_language",
    "fetch_url",
    "ingest",
]

STDIN = "<stdin>"
_HEAD = 512
_FIELDS = ("url", "outlet", "title", "byline", "published", "updated", "language", "site_name")
_FIELDS_ALL = (*_FIELDS, "canonical_url")
_ALIASES = {"author": "byline", "date": "published", "lang": "language", "link": "url"}
_NOT_EXTRA = frozenset({*_FIELDS_ALL, *_ALIASES, "file", "text", "html", "id", "source"})


class _Session:
    """What one :func:`ingest` call shares: options, and an HTTP client made on first use."""

    def __init__(self, options: IngestOptions, client: httpx.Client | None) -> None:
        self.options = options
        self._client = client
        self._own = client is None

    def client(self) -> httpx.Client:
        if self._client is None:
            self._client = make_client(self.options)
        return self._client

    def close(self) -> None:
        if self._own and self._client is not None:
            self._client.close()
            self._client = None


def ingest(
    inputs: Iterable[str],
    *,
    meta: MetaIndex | None = None,
    options: IngestOptions = IngestOptions(),  # noqa: B008 - frozen, so sharing it is safe
    client: httpx.Client | None = None,
) -> Iterator[Article | Rejection]:
    """Expand every input into articles, streaming; bad inputs become rejections.

    An input is a file, a directory (read recursively in sorted order, hidden files skipped),
    ``-`` for stdin, or an http(s) URL; files and URLs may hold plain text, HTML, an RSS/Atom
    feed, a WARC/WARC.gz crawl or JSON Lines. ``client`` replaces the HTTP client made here (and
    with it the connection-level address guard; the per-hop check still applies).
    """
    session = _Session(options, client)
    try:
        for item in _expand(inputs, session):
            if isinstance(item, Rejection):
                yield item
            else:
                yield _built(item, meta)
    finally:
        session.close()


def _built(document: RawDocument, meta: MetaIndex | None) -> Article | Rejection:
    try:
        return build_article(document, meta)
    except InputError as exc:
        return Rejection(exc.input_name, exc.reason)
    except Exception as exc:  # one bad page must not stop a batch; the reason is reported
        return Rejection(document.name, f"internal error ({type(exc).__name__}: {exc})")


def _expand(inputs: Iterable[str], session: _Session) -> Iterator[RawDocument | Rejection]:
    for raw in inputs:
        if raw == "-":
            documents = _from_stdin(session)
        elif is_url(raw):
            documents = _from_url(raw, session)
        else:
            documents = _from_path(Path(raw), raw, session)
        try:
            yield from documents
        except Exception as exc:  # a reader bug on one input must not stop the batch
            yield Rejection(raw, f"internal error while reading ({type(exc).__name__}: {exc})")


def _from_url(url: str, session: _Session) -> Iterator[RawDocument | Rejection]:
    try:
        fetched = fetch_url(url, session.options, session.client())
    except FetchError as exc:
        yield Rejection(exc.input_name, exc.reason)
        return
    if fetched.kind == "feed":
        yield from iter_feed(fetched.text, url, session.options, session.client())
        return
    defaults = {"language": fetched.language} if fetched.language else {}
    yield RawDocument(url, fetched.kind, fetched.text, {"url": fetched.final_url}, defaults)


def _from_path(path: Path, name: str, session: _Session) -> Iterator[RawDocument | Rejection]:
    if not path.exists() and not path.is_symlink():
        yield Rejection(name, "no such file or directory")
    elif path.is_dir():
        yield from _from_directory(path, session)
    elif not path.is_file():
        yield Rejection(name, "not a regular file or a directory")
    else:
        yield from _from_file(path, name, session)


def _from_directory(root: Path, session: _Session) -> Iterator[RawDocument | Rejection]:
    """Every non-hidden file under ``root``, depth first, names sorted."""
    problems: list[OSError] = []
    for folder, dirnames, filenames in os.walk(root, onerror=problems.append):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        while problems:
            problem = problems.pop(0)
            yield Rejection(str(problem.filename or folder), f"cannot read: {problem.strerror}")
        for filename in sorted(f for f in filenames if not f.startswith(".")):
            path = Path(folder) / filename
            yield from _from_path(path, str(path), session)
    for problem in problems:
        yield Rejection(str(problem.filename or root), f"cannot read: {problem.strerror}")


def _from_file(path: Path, name: str, session: _Session) -> Iterator[RawDocument | Rejection]:
    try:
        with path.open("rb") as handle:
            head = handle.read(_HEAD)
            if looks_like_warc(head):
                handle.seek(0)
                yield from iter_warc(handle, name, session.options)
                return
            if is_warc_name(name):
                yield Rejection(name, "not a WARC file: it does not start with a WARC record")
                return
            if is_jsonl_name(name):
                handle.seek(0)
                yield from iter_jsonl(handle, name, session.options)
                return
        data = read_file_capped(path, name, session.options.max_bytes)
    except InputError as exc:
        yield Rejection(exc.input_name, exc.reason)
        return
    except OSError as exc:
        yield Rejection(name, f"cannot read: {exc.strerror or exc}")
        return
    yield from _from_bytes(data, name, session)


def _from_stdin(session: _Session) -> Iterator[RawDocument | Rejection]:
    stream: BinaryIO = sys.stdin.buffer
    peek = getattr(stream, "peek", None)
    head = peek(_HEAD)[:_HEAD] if callable(peek) else b""
    if head and looks_like_warc(head):
        yield from iter_warc(stream, STDIN, session.options)
        return
    try:
        data = read_stream_capped(stream, STDIN, session.options.max_bytes)
    except InputError as exc:
        yield Rejection(exc.input_name, exc.reason)
        return
    if not head and looks_like_warc(data[:_HEAD]):
        yield from iter_warc(io.BytesIO(data), STDIN, session.options)
        return
    yield from _from_bytes(data, STDIN, session)


def _from_bytes(data: bytes, name: str, session: _Session) -> Iterator[RawDocument | Rejection]:
    """A whole file (or stdin) already read: decode it, tell its kind, expand it."""
    if not data.strip():
        yield Rejection(name, "empty input" if not data else "the input holds only whitespace")
        return
    try:
        text = decode_bytes(data, name)
        kind = kind_of_text(text, name)
    except InputError as exc:
        yield Rejection(exc.input_name, exc.reason)
        return
    options = session.options
    if kind == "feed":
        client = session.client() if options.fetch_feed_entries else None
        yield from iter_feed(text, name, options, client)
    elif kind == "jsonl":
        yield from iter_jsonl(io.BytesIO(data), name, options)
    elif kind == "json":
        yield from iter_json_records(text, name)
    elif kind in ("text", "html"):
        yield RawDocument(name, kind, text)
    else:  # pragma: no cover - kind_of_text never says "warc" for decoded text
        yield Rejection(name, f"cannot read {kind} from decoded text")


# --- one raw document to one article ---


def build_article(doc: RawDocument, meta: MetaIndex | None = None) -> Article:
    """Turn one raw document into an article; raises :class:`InputError` when nothing is left.

    HTML goes through ``extract_html`` and then ``clean_text(hard_wrapped=False)``; plain text
    through ``clean_text``; editorial notes are found in the final text. Metadata comes, field
    by field, from the first source that has it: the ``--meta`` file, then the container's own
    fields (JSONL keys, feed entry, WARC headers, the fetched URL), then what extraction found,
    then the container's weak hints (feed title, WARC-Date, Content-Language). The language is
    detected when none of them gives one.
    """
    from newstrace.ingest.clean import clean_text  # the extraction stack loads on first use
    from newstrace.ingest.notes import find_notes

    given = _renamed(meta.lookup(doc.name, doc.meta.get("url"))) if meta else {}
    stated = _renamed(doc.meta)
    found, body, hard_wrapped = _extracted(doc)
    layers = (given, stated, found, _renamed(doc.defaults))
    fields = {key: _first(layers, key) for key in _FIELDS_ALL}
    language = normalise_language(fields["language"]) or detect_language(body)
    cleaned = clean_text(body, hard_wrapped=hard_wrapped, language=language)
    if not cleaned.text.strip():
        raise InputError(doc.name, "no article text left after cleaning")
    extra = _extra((given, stated, found))
    published = _date_field(fields["published"], "published", extra)
    updated = _date_field(fields["updated"], "updated", extra)
    return Article.create(
        cleaned.text,
        outlet=fields["outlet"] or fields["site_name"],
        url=fields["url"],
        title=fields["title"] or cleaned.title,
        byline=fields["byline"],
        published=published,
        updated=updated,
        language=language,
        site_name=fields["site_name"],
        canonical_url=fields["canonical_url"],
        source=doc.name,
        notes=find_notes(cleaned.text),
        removed=cleaned.removed,
        extra=extra,
    )


def _extracted(doc: RawDocument) -> tuple[dict[str, str], str, bool | None]:
    """What extraction found, the body to clean, and whether it is known not hard-wrapped."""
    if doc.kind != "html":
        return {}, doc.content, None
    from newstrace.ingest.html import extract_html  # loads trafilatura: only when needed

    try:
        page = extract_html(doc.content, url=doc.meta.get("url"))
    except InputError as exc:
        raise InputError(doc.name, exc.reason) from exc
    found = {
        "title": page.title,
        "byline": page.author,
        "published": page.published,
        "updated": page.updated,
        "site_name": page.site_name,
        "canonical_url": page.canonical_url,
        "language": page.language,
        "description": page.description,
    }
    return {k: v.strip() for k, v in found.items() if v and v.strip()}, page.text, False


def _renamed(values: Mapping[str, str]) -> dict[str, str]:
    renamed: dict[str, str] = {}
    for key, value in values.items():
        if not isinstance(value, str) or not value.strip():
            continue
        target = _ALIASES.get(key.lower(), key)
        renamed.setdefault(target, value.strip())
    return renamed


def _first(layers: Iterable[Mapping[str, str]], key: str) -> str | None:
    return next((layer[key] for layer in layers if layer.get(key)), None)


def _extra(layers: Iterable[Mapping[str, str]]) -> dict[str, str]:
    extra: dict[str, str] = {}
    for layer in layers:
        for key, value in layer.items():
            if key not in _NOT_EXTRA:
                extra.setdefault(key, value)
    return extra


def _date_field(value: str | None, key: str, extra: dict[str, str]) -> str | None:
    """The ISO form of a date field; an unreadable one is kept in ``extra`` as ``<key>_raw``."""
    if value is None:
        return None
    iso = normalise_date(value)
    if iso is None:
        extra[f"{key}_raw"] = value
    return iso


make_callable(__name__, ingest)
