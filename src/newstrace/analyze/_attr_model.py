"""A small averaged-perceptron scorer for cue heads over spaCy tokens.

Features describe a token and its dependency neighbourhood (lemma, part of speech, relation,
which arguments it has, whether it sits next to a quotation). Weights are learned from PolNeAR
train by ``bench/polnear/train_cues.py`` and shipped as ``data/lang/<lang>_cues.json``; the same
:func:`cue_features` function is used for training and prediction.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import repeat
from typing import Any

CANDIDATE_POS = frozenset({"VERB", "NOUN", "AUX", "ADJ", "ADP", "PUNCT", "PROPN", "ADV"})
_QUOTES = frozenset("\"“”‘’'«»„")


@dataclass(frozen=True, slots=True)
class CueModel:
    """Feature weights of a linear cue-head scorer; a score above ``threshold`` is a cue."""

    weights: dict[str, float]
    threshold: float = 0.0

    def score(self, features: list[str]) -> float:
        """Sum of the weights of the features present."""
        return sum(map(self.weights.get, features, repeat(0.0)))


@lru_cache(maxsize=4)
def load_cue_model(language: str) -> CueModel | None:
    """The shipped cue model for ``language``; ``None`` when there is none (rules only)."""
    path = resources.files("newstrace").joinpath("data", "lang", f"{language}_cues.json")
    if not path.is_file():
        return None
    raw: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return CueModel(
        weights={str(k): float(v) for k, v in raw["weights"].items()},
        threshold=float(raw.get("threshold", 0.0)),
    )


def is_candidate(token: Any) -> bool:
    """Whether a token is worth scoring as a cue head."""
    if token.pos_ in ("PUNCT",):
        return bool(token.text == ":")
    return bool(token.pos_ in CANDIDATE_POS and token.is_alpha)


def band(rate: float | None) -> str:
    """A rate in tenths ("0" to "9"), or ``"none"`` for a word never seen in a cue."""
    return "none" if rate is None else str(min(int(rate * 10), 9))


def cue_features(
    token: Any, prior: dict[str, float], words: dict[str, float] | None = None
) -> list[str]:
    """Features of ``token`` as a candidate cue head.

    ``prior`` maps lemma -> rate at which it heads a cue; ``words`` maps lemma -> rate at which
    it is any word of a cue ("criticism" in "drew criticism"). Without ``words`` only the
    head-level features are made (the first model's feature set).
    """
    feats = _head_features(token, prior)
    if words is not None:
        feats += _frame_features(token, prior, words)
    return feats


def _head_features(token: Any, prior: dict[str, float]) -> list[str]:
    """Lemma, tags, relation, argument words and quotation nearness of a candidate."""
    lemma = token.lemma_.lower()
    pos = token.pos_
    deps = sorted({child.dep_ for child in token.children})
    level = band(prior.get(lemma))
    quote_near = _near_quote(token)
    subj = _subject_kind(token)
    feats = [
        "bias",
        f"l={lemma}",
        f"p={pos}",
        f"t={token.tag_}",
        f"d={token.dep_}",
        f"lp={lemma}|{pos}",
        f"ld={lemma}|{token.dep_}",
        f"band={level}|{pos}",
        f"band={level}|{token.dep_}",
        f"hd={token.head.dep_}|{token.dep_}",
        f"hl={token.head.lemma_.lower()}|{token.dep_}",
        f"q={quote_near}",
        f"lq={lemma}|{quote_near}",
        f"bq={level}|{quote_near}",
        f"subj={subj}",
        f"ls={lemma}|{subj}",
        f"bs={level}|{subj}",
        f"prev={_word(token, -1)}",
        f"next={_word(token, 1)}",
        f"lnext={lemma}|{_word(token, 1)}",
    ]
    for child in token.children:
        if child.dep_ in ("nsubj", "nsubjpass", "dobj", "agent"):
            feats.append(f"arg={lemma}|{child.dep_}|{child.lemma_.lower()}")
            feats.append(f"argw={child.dep_}|{child.lemma_.lower()}")
    feats.append(f"in_quote={_inside_quotes(token)}")
    for dep in deps:
        feats.append(f"c={dep}")
        feats.append(f"lc={lemma}|{dep}")
        feats.append(f"bc={level}|{dep}")
    for child in token.children:
        if child.dep_ == "prep":
            feats.append(f"prep={lemma}|{child.lower_}")
    return feats


def _frame_features(token: Any, prior: dict[str, float], words: dict[str, float]) -> list[str]:
    """What the candidate governs: the cue rates of its object words, the complementiser of
    its clause, its argument frame with the subject kind, the governing word's cue rate, the
    lemma's ending and the position in the sentence."""
    lemma = token.lemma_.lower()
    pos = token.pos_
    feats = [f"wb={band(words.get(lemma))}|{pos}", f"suf={lemma[-3:]}|{pos}"]
    governor = "root" if token.head is token else band(prior.get(token.head.lemma_.lower()))
    feats.append(f"hb={governor}|{token.dep_}")
    kinds: set[str] = set()
    for child in token.children:
        dep = child.dep_
        if dep == "prep":
            for obj in child.children:
                if obj.dep_ in ("pobj", "pcomp"):
                    feats.append(f"kid=prep|{band(words.get(obj.lemma_.lower()))}")
        elif dep in ("dobj", "attr", "acomp", "oprd", "xcomp", "nsubj"):
            level = band(words.get(child.lemma_.lower()))
            feats += [f"kid={dep}|{level}", f"kidp={pos}|{dep}|{level}"]
        if dep == "ccomp":
            marks = [g.lower_ for g in child.children if g.dep_ == "mark"]
            mark = marks[0] if marks else "-"
            feats += [f"cmark={mark}", f"lcmark={lemma}|{mark}"]
        if dep in ("ccomp", "xcomp", "dobj", "prep", "acl", "advcl"):
            kinds.add(dep)
    frame = "+".join(sorted(kinds)) or "-"
    feats += [
        f"frame={pos}|{frame}",
        f"sframe={_subject_kind(token)}|{frame}",
        f"bframe={band(prior.get(lemma))}|{frame}",
        f"sfirst={int(token.i == _layout(token.doc).sent_start[token.i])}",
        f"spos={min(3, (token.i - _layout(token.doc).sent_start[token.i]) // 5)}|{pos}",
    ]
    return feats


def _word(token: Any, offset: int) -> str:
    index = token.i + offset
    if 0 <= index < len(token.doc):
        return str(token.doc[index].lower_)
    return "<none>"


def _near_quote(token: Any) -> str:
    """Whether a quotation mark sits within two tokens before or after ``token``."""
    doc = token.doc
    before = any(doc[i].text in _QUOTES for i in range(max(0, token.i - 3), token.i))
    after = any(doc[i].text in _QUOTES for i in range(token.i + 1, min(len(doc), token.i + 3)))
    return f"{int(before)}{int(after)}"


def _inside_quotes(token: Any) -> int:
    """Whether an odd number of double quotation marks precede the token in its sentence."""
    layout = _layout(token.doc)
    marks = layout.marks_before[token.i] - layout.marks_before[layout.sent_start[token.i]]
    return int(marks % 2)


@dataclass(frozen=True, slots=True)
class _Layout:
    """Per-token facts every candidate of a doc asks for, found in one pass: where its
    sentence starts, and how many double quotation marks come before it in the doc."""

    sent_start: list[int]
    marks_before: list[int]


_LAYOUT_KEY = "newstrace_cue_layout"


def _layout(doc: Any) -> _Layout:
    """The doc's :class:`_Layout`, kept in ``doc.user_data`` (one per parsed doc, so asking for
    it per candidate is a lookup rather than a rescan of the sentence)."""
    found = doc.user_data.get(_LAYOUT_KEY)
    if found is None:
        starts = [0] * len(doc)
        for sent in doc.sents:
            starts[sent.start : sent.end] = [sent.start] * (sent.end - sent.start)
        before = [0] * (len(doc) + 1)
        for token in doc:
            before[token.i + 1] = before[token.i] + (token.text in ('"', "“", "”"))
        found = doc.user_data[_LAYOUT_KEY] = _Layout(starts, before)
    return found  # type: ignore[no-any-return]


def _subject_kind(token: Any) -> str:
    """What kind of subject the token has: person, org, pronoun, noun or none."""
    for child in token.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            if child.pos_ == "PRON":
                return "pron"
            if child.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
                return str(child.ent_type_).lower()
            return str(child.pos_).lower()
    return "none"
