"""Language data for sentences and attribution, loaded from ``newstrace/data/lang/<lang>.json``.

A third language is one more JSON file with the same keys (see ``en.json`` and ``ru.json``);
unknown languages get an empty lexicon, so the analysis still runs and finds nothing to attribute.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any


@dataclass(frozen=True, slots=True)
class LanguageData:
    """Cue lexicons, quote marks and abbreviations of one language."""

    code: str
    abbreviations: frozenset[str] = frozenset()
    quote_pairs: tuple[tuple[str, str], ...] = ()
    #: cue lemma -> probability that an occurrence is an attribution cue (learned or curated)
    cue_lemmas: dict[str, float] = field(default_factory=dict)
    #: inflected surface form -> lemma, for rules mode (no lemmatiser)
    cue_forms: dict[str, str] = field(default_factory=dict)
    #: cues that take the source as object: "according to X", "по словам X"
    source_prepositions: tuple[str, ...] = ()
    #: "citing X", "со ссылкой на X": the source follows, the main clause's subject relays it
    relay_prepositions: tuple[str, ...] = ()
    #: nouns that cue an attribution ("statement", "claims", "заявление")
    nominal_cues: frozenset[str] = frozenset()
    #: words that make a statement tentative ("reportedly", "allegedly", "якобы")
    hedges: tuple[str, ...] = ()
    #: words that may be a source on their own (pronouns), lower case
    pronouns: frozenset[str] = frozenset()
    #: determiners and words that may start a source noun phrase, lower case
    source_starters: frozenset[str] = frozenset()
    #: surface forms of passive cues with no agent ("it was reported", "сообщается")
    agentless_cues: tuple[str, ...] = ()
    #: minimum cue probability for a lemma to be used as a cue
    cue_threshold: float = 0.3
    extra: dict[str, Any] = field(default_factory=dict)


_KNOWN = {
    "abbreviations",
    "quote_pairs",
    "cue_lemmas",
    "cue_forms",
    "source_prepositions",
    "relay_prepositions",
    "nominal_cues",
    "hedges",
    "pronouns",
    "source_starters",
    "agentless_cues",
    "cue_threshold",
}


@lru_cache(maxsize=16)
def load_language(code: str) -> LanguageData:
    """The language data for ``code`` (``"en"``, ``"ru"``); an empty lexicon if none ships."""
    base = code.split("-")[0].lower()
    path = resources.files("newstrace").joinpath("data", "lang", f"{base}.json")
    if not path.is_file():
        return LanguageData(code=base)
    raw: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return LanguageData(
        code=base,
        abbreviations=frozenset(a.lower().rstrip(".") for a in raw.get("abbreviations", [])),
        quote_pairs=tuple((str(a), str(b)) for a, b in raw.get("quote_pairs", [])),
        cue_lemmas={str(k): float(v) for k, v in raw.get("cue_lemmas", {}).items()},
        cue_forms={str(k).lower(): str(v) for k, v in raw.get("cue_forms", {}).items()},
        source_prepositions=tuple(raw.get("source_prepositions", [])),
        relay_prepositions=tuple(raw.get("relay_prepositions", [])),
        nominal_cues=frozenset(raw.get("nominal_cues", [])),
        hedges=tuple(raw.get("hedges", [])),
        pronouns=frozenset(p.lower() for p in raw.get("pronouns", [])),
        source_starters=frozenset(p.lower() for p in raw.get("source_starters", [])),
        agentless_cues=tuple(raw.get("agentless_cues", [])),
        cue_threshold=float(raw.get("cue_threshold", 0.3)),
        extra={k: v for k, v in raw.items() if k not in _KNOWN},
    )
