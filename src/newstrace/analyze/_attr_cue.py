"""The cue span around a cue head (step 2 of ``_attr_dep``): by the learned extent model
when the language ships one (``_attr_extent``), else by per-child rates learned from PolNeAR
train and stored in the language file (``cue_children``, ``cue_preps``)."""

from __future__ import annotations

from typing import Any

from newstrace.analyze._attr_extent import cue_extent, load_extent_weights
from newstrace.analyze._attr_lexicon import LanguageData

_CUE_CHILDREN = frozenset({"aux", "auxpass", "neg", "prt"})
_NEVER_IN_CUE = frozenset({"nsubj", "nsubjpass", "ccomp", "punct", "mark", "cc", "conj"})


def _cue_tokens(token: Any, lang: LanguageData) -> list[Any]:
    """The cue head plus the words annotators usually include: by the learned extent model
    when the language ships one, else by learned per-child rates."""
    weights = load_extent_weights(lang.code)
    if weights is not None:
        words: dict[str, float] = lang.extra.get("cue_word_rates", {})
        return cue_extent(token, weights, lang.cue_lemmas, words)
    rates: dict[str, float] = lang.extra.get("cue_children", {})
    preps = lang.extra.get("cue_preps", {}).get(token.lemma_.lower(), [])
    chosen = {token.i: token}
    for child in token.children:
        if abs(child.i - token.i) > 4 or child.dep_ in _NEVER_IN_CUE:
            continue
        side = "L" if child.i < token.i else "R"
        rate = _first_rate(
            rates,
            f"{token.lemma_.lower()}|{child.dep_}|{child.lower_}|{side}",
            f"{child.dep_}|{child.lower_}|{side}",
            f"{child.dep_}|*|{side}",
        )
        if _is_as_saying(child, lang):
            chosen.update({t.i: t for t in (child, *child.children) if t.dep_ != "punct"})
            continue
        if (
            child.dep_ in _CUE_CHILDREN
            or rate > 0.5
            or (child.dep_ == "prep" and child.lower_ in preps and side == "R")
        ):
            whole = rates.get(f"sub|{child.dep_}|{child.lower_}")
            if whole is None:
                whole = rates.get(f"sub|{child.dep_}|*", 0.0)
            for t in child.subtree if whole > 0.5 else [child]:
                chosen[t.i] = t
    return _contiguous(token, chosen)


def _first_rate(rates: dict[str, float], *keys: str) -> float:
    """The rate of the most specific key that was learned (0 when none was)."""
    for key in keys:
        if key in rates:
            return rates[key]
    return 0.0


def _is_as_saying(child: Any, lang: LanguageData) -> bool:
    """``quoted as saying``: a preposition whose object is itself a speech verb."""
    if child.dep_ != "prep" or child.lower_ != "as":
        return False
    verbs = [g for g in child.children if g.dep_ in ("pcomp", "pobj") and g.pos_ == "VERB"]
    return any(lang.cue_lemmas.get(g.lemma_.lower(), 0.0) >= 0.3 for g in verbs)


def _contiguous(token: Any, chosen: dict[int, Any]) -> list[Any]:
    """The chosen tokens that form an unbroken run around the head."""
    lo = hi = token.i
    while lo - 1 in chosen:
        lo -= 1
    while hi + 1 in chosen:
        hi += 1
    return [chosen[i] for i in range(lo, hi + 1)]
