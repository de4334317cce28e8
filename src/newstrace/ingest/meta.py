"""Metadata given on the side (``--meta``): a JSON list of records keyed by file or URL.

The shape is that of ``seeds/articles.json``: ``[{"file": "a.txt", "url": ..., "outlet": ...,
"language": ..., "published": ..., "title": ...}, ...]``. Values that are not strings (numbers,
booleans) are kept as their JSON text; nested lists and objects are refused, because an article's
metadata is flat.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from email.utils import parsedate_to_datetime
from pathlib import Path, PurePath
from types import MappingProxyType
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from newstrace.errors import InputError

_EMPTY: Mapping[str, str] = MappingProxyType({})
_TRACKING_PREFIXES = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid", "ocid", "cmpid")


class MetaIndex:
    """Side metadata looked up by input path (full path or file name) or by URL."""

    def __init__(self, records: list[Mapping[str, str]], base: Path | None = None) -> None:
        """Index ``records``; relative ``file`` values are taken relative to ``base``."""
        self._by_name: dict[str, list[_FileKey]] = {}
        self._by_url: dict[str, Mapping[str, str]] = {}
        for record in records:
            frozen = MappingProxyType(dict(record))
            file_value = record.get("file")
            if file_value:
                key = _FileKey(_written_parts(file_value), _resolved(file_value, base), frozen)
                self._by_name.setdefault(key.written[-1], []).append(key)
            url = record.get("url")
            if url:
                self._by_url[normalise_url(url)] = frozen

    @classmethod
    def load(cls, path: Path) -> MetaIndex:
        """Read a ``--meta`` JSON file; raises :class:`InputError` on bad JSON or shape."""
        name = str(path)
        try:
            raw = path.read_text(encoding="utf-8-sig")
        except OSError as exc:
            raise InputError(name, f"cannot read metadata file: {exc.strerror or exc}") from exc
        except UnicodeDecodeError as exc:
            raise InputError(name, f"metadata file is not UTF-8: {exc}") from exc
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise InputError(
                name, f"metadata file is not valid JSON (line {exc.lineno}, column {exc.colno})"
            ) from exc
        if not isinstance(data, list):
            raise InputError(name, "metadata file must hold a JSON list of objects")
        records = [_record(name, i, item) for i, item in enumerate(data, start=1)]
        return cls(records, base=path.parent)

    def lookup(self, name: str, url: str | None = None) -> Mapping[str, str]:
        """Metadata for input ``name`` (a path) or ``url``; empty when nothing matches.

        A path matches the record whose ``file`` is the same file (after resolving both), else
        the record with the same file name sharing the most trailing directories with it; when
        two records fit equally well, neither is used. Then ``url``, and ``name`` if it is a
        URL (the address asked for, before redirects), are compared ignoring scheme, ``www.``,
        a trailing slash, the fragment and tracking parameters.
        """
        found = self._lookup_path(name)
        if found is not None:
            return found
        for candidate in (url, name if "://" in name else None):
            if candidate:
                match = self._by_url.get(normalise_url(candidate))
                if match is not None:
                    return match
        return _EMPTY

    def __len__(self) -> int:
        """Number of keys (files and URLs) indexed."""
        return sum(len(v) for v in self._by_name.values()) + len(self._by_url)

    def _lookup_path(self, name: str) -> Mapping[str, str] | None:
        if "://" in name or not name:
            return None
        written = _written_parts(name)
        candidates = self._by_name.get(written[-1], [])
        if not candidates:
            return None
        resolved = _resolved(name, None)
        exact = [c for c in candidates if resolved is not None and c.resolved == resolved]
        if exact:
            return exact[0].record
        scored = sorted(
            ((_common_suffix(c.written, written), i) for i, c in enumerate(candidates)),
            reverse=True,
        )
        best_score, best_index = scored[0]
        if len(scored) > 1 and scored[1][0] == best_score:
            return None  # two records fit equally well: do not guess
        return candidates[best_index].record


@dataclass(frozen=True, slots=True)
class _FileKey:
    written: tuple[str, ...]
    resolved: Path | None
    record: Mapping[str, str]


def _record(name: str, index: int, item: Any) -> Mapping[str, str]:
    if not isinstance(item, dict):
        raise InputError(name, f"metadata entry {index} is not a JSON object")
    if not item.get("file") and not item.get("url"):
        raise InputError(name, f"metadata entry {index} has neither 'file' nor 'url'")
    record: dict[str, str] = {}
    for key, value in item.items():
        if value is None:
            continue
        if isinstance(value, (dict, list)):
            raise InputError(name, f"metadata entry {index}: '{key}' must be a plain value")
        record[str(key)] = value if isinstance(value, str) else json.dumps(value)
    return record


def _written_parts(value: str) -> tuple[str, ...]:
    parts = tuple(p for p in PurePath(value).parts if p not in ("", ".", "/"))
    return parts or (value,)


def _resolved(value: str, base: Path | None) -> Path | None:
    path = Path(value).expanduser()
    if base is not None and not path.is_absolute():
        path = base / path
    try:
        return path.resolve() if path.exists() else None
    except OSError:
        return None  # an unreadable path cannot match by identity; the name still can


def _common_suffix(a: tuple[str, ...], b: tuple[str, ...]) -> int:
    count = 0
    for x, y in zip(reversed(a), reversed(b), strict=False):
        if x != y:
            break
        count += 1
    return count


def normalise_url(url: str) -> str:
    """A comparison key for ``url``: no scheme, ``www.``, fragment, tracking parameters."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().removeprefix("www.")
    if parts.port and parts.port not in (80, 443):
        host = f"{host}:{parts.port}"
    path = parts.path.rstrip("/") or "/"
    query = urlencode(
        sorted(
            (k, v)
            for k, v in parse_qsl(parts.query, keep_blank_values=True)
            if not k.lower().startswith(_TRACKING_PREFIXES)
        )
    )
    return urlunsplit(("", host, path, query, ""))


def normalise_date(value: str | None) -> str | None:
    """An ISO 8601 form of a date as feeds, headers and JSON give it; ``None`` if unreadable.

    ISO dates and date-times are kept as written (a bare date stays a date); RFC 2822 dates
    (RSS ``pubDate``, HTTP headers) become ISO date-times with their offset.
    """
    if not value or not value.strip():
        return None
    text = value.strip()
    try:
        datetime.fromisoformat(text.replace("Z", "+00:00"))
        return text
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text).isoformat()
    except (TypeError, ValueError, IndexError):
        return None
