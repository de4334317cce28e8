"""JSON Lines (one article per line) and JSON arrays of the same records.

A record is an object with ``text`` (plain text) or ``html`` (a page), plus any metadata:
``url``, ``outlet``, ``title``, ``published``, ``language``, ``byline``... When both ``text`` and
``html`` are given, ``text`` is used, since it is what the producer chose as the article. A bad
line becomes a rejection named ``<file>:<line>`` and reading goes on.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import IO, Any

from newstrace.ingest.sources import DocumentKind, IngestOptions, RawDocument, too_large
from newstrace.model import Rejection

_BODY_KEYS = ("text", "html")
_SKIP_CHUNK = 65_536


def iter_jsonl(
    stream: IO[bytes], name: str, options: IngestOptions
) -> Iterator[RawDocument | Rejection]:
    """One raw document (or rejection) per non-blank line of a JSON Lines stream.

    Lines are read one at a time and each is capped at ``options.max_bytes``, so a file of any
    size streams in bounded memory.
    """
    number = 0
    found = False
    while True:
        line = stream.readline(options.max_bytes + 1)
        if not line:
            break
        number += 1
        where = f"{name}:{number}"
        if len(line) > options.max_bytes and not line.endswith(b"\n"):
            _skip_rest_of_line(stream)
            found = True
            yield Rejection(where, too_large(None, options.max_bytes))
            continue
        if not line.strip():
            continue
        found = True
        yield _line_document(line, where, number == 1)
    if not found:
        yield Rejection(name, "no JSON records (the file is empty or blank)")


def iter_json_records(text: str, name: str) -> Iterator[RawDocument | Rejection]:
    """Records from a ``.json`` file: a list of record objects, or a single one.

    Items are named ``<file>#item-<n>``. A list whose objects have neither ``text`` nor ``html``
    (a ``--meta`` file, say) is refused as a whole, with a hint.
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield Rejection(name, f"not valid JSON (line {exc.lineno}, column {exc.colno})")
        return
    items = data if isinstance(data, list) else [data]
    if not any(isinstance(i, dict) and any(k in i for k in _BODY_KEYS) for i in items):
        yield Rejection(
            name,
            "JSON without article records (objects with 'text' or 'html'); "
            "if it describes articles, pass it as --meta",
        )
        return
    for number, item in enumerate(items, start=1):
        yield record_document(item, f"{name}#item-{number}")


def record_document(record: Any, where: str) -> RawDocument | Rejection:
    """A raw document from one decoded JSON record, or a rejection saying what is wrong."""
    if not isinstance(record, dict):
        return Rejection(where, f"expected a JSON object, got {_json_type(record)}")
    for key in _BODY_KEYS:
        value = record.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            return Rejection(where, f"'{key}' must be a string, got {_json_type(value)}")
        if value.strip():
            kind: DocumentKind = "text" if key == "text" else "html"
            return RawDocument(where, kind, value, _meta(record))
    if any(key in record for key in _BODY_KEYS):
        return Rejection(where, "the record's text is empty")
    return Rejection(where, "the record has neither 'text' nor 'html'")


def _line_document(line: bytes, where: str, first: bool) -> RawDocument | Rejection:
    try:
        decoded = line.decode("utf-8-sig" if first else "utf-8")
    except UnicodeDecodeError as exc:
        return Rejection(where, f"not UTF-8 at byte {exc.start} of the line")
    try:
        record = json.loads(decoded)
    except json.JSONDecodeError as exc:
        return Rejection(where, f"not valid JSON: {exc.msg} at column {exc.colno}")
    return record_document(record, where)


def _meta(record: Mapping[str, Any]) -> dict[str, str]:
    meta: dict[str, str] = {}
    for key, value in record.items():
        if key in _BODY_KEYS or value is None:
            continue
        if isinstance(value, str):
            if value.strip():
                meta[str(key)] = value.strip()
        else:
            meta[str(key)] = json.dumps(value, ensure_ascii=False)
    return meta


def _skip_rest_of_line(stream: IO[bytes]) -> None:
    while True:
        chunk = stream.readline(_SKIP_CHUNK)
        if not chunk or chunk.endswith(b"\n"):
            return


def _json_type(value: Any) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "a boolean"}
    for kind, label in names.items():
        if isinstance(value, kind):
            return label
    return "null" if value is None else "a number"
