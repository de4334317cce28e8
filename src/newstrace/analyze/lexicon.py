"""The data files behind mention finding and speaker resolution, loaded once and typed.

``data/outlets.json`` is a gazetteer of news outlets and wire agencies: each entry has a
``name``, ``aliases`` (other spellings, transliterations, abbreviations), ``country``,
``language``, ``kind`` (``"outlet"`` or ``"agency"``) and, optionally, ``ambiguous: true`` for
names that are also ordinary words ("Time", "Dawn"): those count only where the context says a
news outlet is meant.

``data/roles.json`` holds the word lists: official titles, anonymity markers, organisation
heads, document nouns, outlet nouns, hedges and negations, per language where they differ.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Literal

from newstrace.errors import NewstraceError

OutletKind = Literal["outlet", "agency"]


class LexiconError(NewstraceError):
    """A bundled data file is missing or malformed."""


@dataclass(frozen=True, slots=True)
class Outlet:
    """One gazetteer entry: a news outlet or wire agency and the names it goes by."""

    name: str
    aliases: tuple[str, ...]
    country: str
    language: str
    kind: OutletKind
    ambiguous: bool = False

    @property
    def names(self) -> tuple[str, ...]:
        """The main name followed by every alias."""
        return (self.name, *self.aliases)


@lru_cache(maxsize=4)
def _load_json(filename: str) -> Any:
    """Parse one bundled JSON file from ``newstrace/data``."""
    try:
        raw = resources.files("newstrace").joinpath("data", filename).read_text("utf-8")
    except OSError as exc:
        raise LexiconError(f"cannot read bundled data file {filename}: {exc}") from exc
    try:
        return json.loads(raw)
    except json.JSONDecodeError as exc:
        raise LexiconError(f"bundled data file {filename} is not valid JSON: {exc}") from exc


@lru_cache(maxsize=1)
def outlets() -> tuple[Outlet, ...]:
    """Every gazetteer entry, in file order."""
    entries = _load_json("outlets.json")
    if not isinstance(entries, list):
        raise LexiconError("outlets.json must hold a list of entries")
    result: list[Outlet] = []
    for entry in entries:
        kind = entry.get("kind")
        if kind not in ("outlet", "agency") or not entry.get("name"):
            raise LexiconError(f"bad gazetteer entry: {entry!r}")
        result.append(
            Outlet(
                name=str(entry["name"]),
                aliases=tuple(str(a) for a in entry.get("aliases", ())),
                country=str(entry.get("country", "")),
                language=str(entry.get("language", "")),
                kind=kind,
                ambiguous=bool(entry.get("ambiguous", False)),
            )
        )
    return tuple(result)


def _roles() -> dict[str, Any]:
    data = _load_json("roles.json")
    if not isinstance(data, dict):
        raise LexiconError("roles.json must hold an object")
    return data


def words(section: str, language: str | None = None) -> tuple[str, ...]:
    """A word list from ``roles.json``.

    Sections split by language (``titles``, ``documents``...) give the list for ``language``
    merged with the English one, since English names and titles turn up in every language;
    with ``language=None`` every language's list is merged. Flat sections ignore ``language``.
    """
    return _words(section, language)


@lru_cache(maxsize=256)
def _words(section: str, language: str | None) -> tuple[str, ...]:
    data = _roles()
    if section not in data:
        raise LexiconError(f"roles.json has no section {section!r}")
    value = data[section]
    if isinstance(value, list):
        return tuple(str(v) for v in value)
    if not isinstance(value, dict):
        raise LexiconError(f"roles.json section {section!r} must be a list or an object")
    keys = list(value) if language is None else list(dict.fromkeys(["en", language]))
    merged: list[str] = []
    for key in keys:
        for item in value.get(key, ()):
            if item not in merged:
                merged.append(str(item))
    return tuple(merged)


def word_groups(section: str) -> dict[str, tuple[str, ...]]:
    """A section of ``roles.json`` that maps names to lists (e.g. ``pronouns``), as tuples."""
    value = _roles().get(section)
    if not isinstance(value, dict):
        raise LexiconError(f"roles.json section {section!r} must be an object of lists")
    return {str(k): tuple(str(v) for v in vs) for k, vs in value.items()}
