"""WARC and WARC.gz crawls, streamed record by record.

Every ``response`` record with a 2xx HTTP status and an HTML content type becomes a raw document
named ``<file>#record-<n>`` (records counted from 1 in file order), with ``WARC-Target-URI`` as
its URL and ``WARC-Date`` as a fallback publication date. Other records (requests, metadata,
redirects, images, scripts) are skipped: they are not articles. A broken record yields a
rejection for that record, and reading resumes at the next record header found after it (in a
seekable file). Memory stays bounded: at most ``max_bytes`` + 1 bytes of one payload are held.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO, Any, cast

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import ChunkedDataException
from warcio.exceptions import ArchiveLoadFailed

from newstrace.errors import InputError
from newstrace.ingest.decode import decode_bytes
from newstrace.ingest.language import normalise_language
from newstrace.ingest.sources import IngestOptions, RawDocument, too_large
from newstrace.model import Rejection

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHUNK = 65_536
_WARC_MARK = b"\nWARC/1."
_GZIP_MARK = b"\x1f\x8b\x08"
_NON_CHUNKED = "non-chunked gzip"
# What a broken record can raise from inside warcio while it parses or decompresses.
_BROKEN = (
    ArchiveLoadFailed,
    ChunkedDataException,
    ValueError,
    EOFError,
    zlib.error,
    gzip.BadGzipFile,
    KeyError,
)


@dataclass(slots=True)
class _Position:
    """Where the reader stands, shared by the record reader and the document maker.

    ``current`` is the start of the record last handed out; the document maker sets
    ``jump_after`` when that record swallowed more bytes than it should (its Content-Length
    ran past the end), so the reader looks for records hidden inside it, and adds to
    ``rejected`` the starts of records it already reported.
    """

    gzipped: bool = False
    count: int = 0
    furthest: int = -1
    last_jump: int = -1
    current: int = 0
    jump_after: int | None = None
    rejected: set[int] = field(default_factory=set)

    def restart(self, gzipped: bool) -> None:
        """Forget offsets (the same crawl is read again in another coordinate space)."""
        self.gzipped, self.count, self.furthest, self.last_jump = gzipped, 0, -1, -1
        self.current, self.jump_after, self.rejected = 0, None, set()


def iter_warc(
    stream: IO[bytes], name: str, options: IngestOptions
) -> Iterator[RawDocument | Rejection]:
    """Raw documents (and rejections) for the HTML responses in a WARC or WARC.gz stream.

    ``stream`` is a binary file object positioned at the start of the crawl; a seekable one
    (a regular file) lets reading resume after a broken record, a pipe stops there.
    """
    origin = stream.tell() if stream.seekable() else 0
    head = stream.read(2)
    position = _Position(gzipped=head == b"\x1f\x8b")
    if stream.seekable():
        stream.seek(origin)
    else:
        stream = io.BufferedReader(_Prefixed(head, stream))
    produced = False
    for item in _records(stream, name, position):
        if isinstance(item, Rejection):
            produced = True
            yield item
            continue
        document = _document(item, f"{name}#record-{position.count}", options, position)
        if document is not None:
            produced = True
            yield document
    if not produced:
        what = "no WARC records" if position.count == 0 else f"{position.count} records"
        yield Rejection(name, f"no HTML response with a 2xx status in this crawl ({what})")


def _records(stream: IO[bytes], name: str, position: _Position) -> Iterator[Any]:
    """warcio records, with a rejection (and a jump ahead) for each broken stretch."""
    start = stream.tell() if stream.seekable() else 0
    while True:
        iterator = ArchiveIterator(stream)
        previous = start
        try:
            for record in _quietly(iterator):
                offset = iterator.offset
                if offset <= position.furthest:
                    continue  # already read before a jump back to an earlier mark
                position.furthest = position.current = previous = offset
                position.count += 1
                yield record
                if position.jump_after is not None and stream.seekable():
                    break
            else:
                yield from _truncated_tail(stream, iterator.offset, name, position)
                return
            target = _next_mark(stream, position.jump_after + 1, position.gzipped)
        except _BROKEN as exc:
            if _NON_CHUNKED in str(exc) and not isinstance(stream, gzip.GzipFile):
                yield from _reread_gzip(stream, name, position)
                return
            failed = iterator.offset
            if not stream.seekable():
                yield _broken(name, position, failed, exc, "a stream cannot be searched further")
                return
            scan_from = failed if position.gzipped else max(previous, position.last_jump)
            target = _next_mark(stream, scan_from + 1, position.gzipped)
            if target == failed:
                target = _next_mark(stream, failed + 1, position.gzipped)
            # A mark between the last good record and the failure: the previous record's
            # Content-Length was a little off and warcio read past this record's start; it is
            # read again from its true start, so nothing is lost and nothing is reported.
            misaligned = target is not None and previous < target < failed
            if failed not in position.rejected and not misaligned:
                after = f"resumed at byte {target}" if target is not None else "no further records"
                yield _broken(name, position, failed, exc, after)
        position.jump_after = None
        if target is None:
            return
        position.last_jump = start = target
        stream.seek(target)


def _broken(
    name: str, position: _Position, offset: int, exc: BaseException, after: str
) -> Rejection:
    position.count += 1
    reason = f"broken WARC record near byte {offset}: {_short(exc)}; {after}"
    return Rejection(f"{name}#record-{position.count}", reason)


def _truncated_tail(
    stream: IO[bytes], end: int, name: str, position: _Position
) -> Iterator[Rejection]:
    """After the last whole record: anything but blank bytes is a record cut short."""
    if not stream.seekable():
        return
    stream.seek(end)
    rest = stream.read(_CHUNK)
    if rest.strip(b"\r\n\t \x00") and end not in position.rejected:
        position.count += 1
        reason = f"truncated record at byte {end}: the file ends inside it"
        yield Rejection(f"{name}#record-{position.count}", reason)


def _reread_gzip(stream: IO[bytes], name: str, position: _Position) -> Iterator[Any]:
    """A WARC gzipped as one stream (not a member per record): read it decompressed."""
    stream.seek(0)
    already = position.count
    position.restart(gzipped=False)
    with gzip.GzipFile(fileobj=stream) as plain:
        for item in _records(cast(IO[bytes], plain), name, position):
            if isinstance(item, Rejection) or position.count > already:
                yield item


def _quietly(iterator: ArchiveIterator) -> Iterator[Any]:
    """Iterate warcio, keeping its stderr warnings out of the user's terminal.

    The problems it warns about (a Content-Length that does not fit) surface as broken or
    truncated records, which are reported as rejections.
    """
    while True:
        with contextlib.redirect_stderr(io.StringIO()):
            try:
                record = next(iterator)
            except StopIteration:
                return
        yield record


def _next_mark(stream: IO[bytes], start: int, gzipped: bool) -> int | None:
    """Offset of the next record start (a WARC header line or a gzip member) at or after start."""
    mark = _GZIP_MARK if gzipped else _WARC_MARK
    skip = 0 if gzipped else 1  # a WARC mark starts after its newline
    stream.seek(max(start - skip, 0))
    base = stream.tell()
    carry = b""
    while True:
        chunk = stream.read(_CHUNK)
        if not chunk:
            return None
        window = carry + chunk
        found = window.find(mark)
        if found >= 0:
            return base - len(carry) + found + skip
        carry = window[-(len(mark) - 1) :]
        base += len(chunk)


def _document(
    record: Any, where: str, options: IngestOptions, position: _Position
) -> RawDocument | Rejection | None:
    """An HTML 2xx response as a raw document; ``None`` for records that are not articles."""
    if record.rec_type != "response":
        return None
    headers = record.http_headers
    if headers is None:
        return _rejected_if_http(record, where)
    status = headers.get_statuscode() or ""
    if not status.isdigit():
        return Rejection(where, f"response record with an unreadable HTTP status {status!r}")
    content_type = headers.get_header("content-type") or ""
    if not 200 <= int(status) < 300 or not content_type.lower().startswith(_HTML_TYPES):
        return None
    try:
        payload = _payload(record, where, options.max_bytes)
        text = decode_bytes(payload, where, declared=_charset(content_type))
    except _Truncated as exc:
        position.rejected.add(position.current)
        position.jump_after = position.current
        return Rejection(exc.input_name, exc.reason)
    except InputError as exc:
        return Rejection(exc.input_name, exc.reason)
    except _BROKEN as exc:
        position.rejected.add(position.current)
        return Rejection(where, f"unreadable payload: {_short(exc)}")
    if not text.strip():
        return Rejection(where, "empty HTML payload")
    return RawDocument(where, "html", text, _meta(record), _defaults(record))


def _rejected_if_http(record: Any, where: str) -> Rejection | None:
    declared = (record.rec_headers.get_header("Content-Type") or "").lower()
    if "application/http" in declared:
        return Rejection(where, "response record whose HTTP headers cannot be read")
    return None


def _payload(record: Any, where: str, max_bytes: int) -> bytes:
    data: bytes = record.content_stream().read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(where, too_large(None, max_bytes))
    raw = record.raw_stream
    while raw.read(_CHUNK):
        pass
    missing = getattr(raw, "limit", 0)
    if isinstance(missing, int) and missing > 0:
        raise _Truncated(where, f"truncated record: {missing:,} bytes of it are missing")
    return data


class _Truncated(InputError):
    """A record whose declared length runs past the end of the file."""


def _meta(record: Any) -> dict[str, str]:
    meta: dict[str, str] = {}
    url = record.rec_headers.get_header("WARC-Target-URI")
    if url:
        meta["url"] = url.strip("<> ")
    return meta


def _defaults(record: Any) -> dict[str, str]:
    defaults: dict[str, str] = {}
    date = record.rec_headers.get_header("WARC-Date")
    if date:
        defaults["published"] = date
    language = normalise_language(record.http_headers.get_header("content-language"))
    if language:
        defaults["language"] = language
    return defaults


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 160 else text[:157] + "..."


class _Prefixed(io.RawIOBase):
    """A non-seekable stream with bytes already read from it put back in front."""

    def __init__(self, prefix: bytes, rest: IO[bytes]) -> None:
        super().__init__()
        self._prefix = prefix
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self._prefix:
            size = min(len(buffer), len(self._prefix))
            buffer[:size] = self._prefix[:size]
            self._prefix = self._prefix[size:]
            return size
        data = self._rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)
