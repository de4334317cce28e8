"""Which words around a cue head belong to the cue: a learned, per-child decision.

Annotators put more than the head word in a cue when it is part of the act of saying: the
auxiliaries, "also", "on Friday", "in an interview", the object of "expressed concern about",
the preposition of "accused X of". Starting at the head, every child is kept or left out by a
linear scorer (features: its relation, its word, the side and distance, the head's lemma and
cue rate, the cue rate of the child's word, what lies between; under a kept preposition, the
head's lemma and cue rate with that preposition, "accused of X" against "said in an
interview"; for a direct object, its own clause and preposition children and how often its
lemma heads a cue, "filed a motion to", "made an offer of"); the children of a kept word are
decided the same way, and so is the mark of an adverbial clause after the head that is left out
("is calling for the city to act"). The cue is then the unbroken run of kept words around the
head.

Weights are learned from PolNeAR train by ``bench/polnear/train_cues.py`` and shipped as
``data/lang/<lang>_cue_extent.json``; :func:`child_features` is shared by training and
prediction, and :func:`walk` makes the same decisions in both (gold ones when training).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import lru_cache
from importlib import resources
from typing import Any

from newstrace.analyze._attr_model import band

#: relations of the head that never belong to its cue (they are the source or the content)
NEVER_IN_CUE = frozenset({"nsubj", "nsubjpass", "ccomp", "punct", "mark", "cc", "conj", "csubj"})
#: adverbial clauses after the head have their introducing word asked about even when the
#: clause is left out ("is calling for the city to act": "for" marks the clause); a clausal
#: complement's "that" / "whether" never is
_MARKED_CLAUSES = frozenset({"advcl"})


@lru_cache(maxsize=4)
def load_extent_weights(language: str) -> dict[str, float] | None:
    """The shipped cue-extent weights for ``language``; ``None`` when there are none."""
    path = resources.files("newstrace").joinpath("data", "lang", f"{language}_cue_extent.json")
    if not path.is_file():
        return None
    raw: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return {str(k): float(v) for k, v in raw["weights"].items()}


def child_features(
    head: Any, parent: Any, child: Any, prior: dict[str, float], words: dict[str, float]
) -> list[str]:
    """Features of ``child`` (a child of ``parent``, itself the head or a kept word)."""
    side = "L" if child.i < head.i else "R"
    top = parent.i == head.i
    lemma = head.lemma_.lower()
    word = child.lower_
    dep = child.dep_
    feats = [
        "bias",
        f"d={dep}|{side}|{int(top)}",
        f"dw={dep}|{word}|{side}",
        f"dist={min(abs(child.i - head.i), 6)}|{side}",
        f"hl={lemma}|{dep}|{word}|{side}",
        f"hld={lemma}|{dep}|{side}",
        f"pd={'H' if top else parent.dep_}|{dep}",
        f"cpos={child.pos_}|{dep}",
        f"wb={band(words.get(child.lemma_.lower()))}|{dep}",
        f"hb={band(prior.get(lemma))}|{dep}|{side}",
        f"sz={_size(child)}|{dep}",
        f"cb={int(side == 'R' and _after_clause(head, child))}|{dep}",
        f"pb={int(_punct_between(parent, child))}",
        f"ent={child.ent_type_ or '-'}|{dep}",
        f"hpos={head.pos_}|{dep}|{side}",
        f"hw={head.lower_}|{dep}|{word}" if top else f"pw={parent.lower_}|{dep}|{word}",
    ]
    if dep == "prep":
        objects = [g for g in child.children if g.dep_ in ("pobj", "pcomp")]
        obj = objects[0] if objects else None
        kind = f"{obj.pos_}|{obj.ent_type_ or '-'}" if obj is not None else "-|-"
        level = band(words.get(obj.lemma_.lower())) if obj is not None else "-"
        feats += [f"pobj={word}|{kind}", f"pobjb={word}|{level}"]
    if not top and parent.dep_ == "prep":
        rate = band(prior.get(lemma))
        feats += [f"hp={lemma}|{parent.lower_}|{dep}", f"hbp={rate}|{parent.lower_}|{dep}"]
    if dep == "dobj":
        feats += _object_features(child, prior, top)
    return feats


def _object_features(obj: Any, prior: dict[str, float], top: bool) -> list[str]:
    """A direct object's clause and preposition children ("a motion to", "an offer of") and
    how often its lemma heads a cue itself."""
    kinds = {g.dep_ for g in obj.children}
    clauses = "".join(str(int(d in kinds)) for d in ("acl", "relcl", "prep", "ccomp"))
    preps = [g.lower_ for g in obj.children if g.dep_ == "prep"]
    return [
        f"oc={clauses}|{obj.pos_}",
        f"op={preps[0] if preps else '-'}",
        f"ob={band(prior.get(obj.lemma_.lower()))}|{int(top)}",
    ]


def _size(token: Any) -> str:
    """The size of a token's subtree in four bands."""
    size = sum(1 for _ in token.subtree)
    return "1" if size == 1 else "2" if size <= 3 else "4" if size <= 6 else "7"


def _after_clause(head: Any, child: Any) -> bool:
    """Whether a clausal complement of the head starts before ``child``."""
    return any(k.dep_ in ("ccomp", "xcomp") and k.left_edge.i < child.i for k in head.children)


def _punct_between(parent: Any, child: Any) -> bool:
    lo, hi = sorted((parent.i, child.i))
    return any(parent.doc[i].is_punct for i in range(lo + 1, hi))


def walk(head: Any, decide: Callable[[Any, Any], bool]) -> dict[int, Any]:
    """Tokens kept from ``head`` down: ``decide(parent, child)`` is asked for every child of
    the head and of each kept word (never for the head's subject, complement or punctuation),
    then for the mark of each left-out adverbial clause after the head (parent: the clause)."""
    chosen = {head.i: head}
    stack = [head]
    while stack:
        parent = stack.pop()
        for child in parent.children:
            if child.is_space or (parent.i == head.i and (child.dep_ in NEVER_IN_CUE)):
                continue
            if parent.i == head.i and child.is_punct:
                continue
            if decide(parent, child):
                chosen[child.i] = child
                stack.append(child)
    for clause in head.children:
        if clause.dep_ in _MARKED_CLAUSES and clause.i > head.i and clause.i not in chosen:
            for mark in clause.children:
                if mark.dep_ == "mark" and mark.i > head.i and decide(clause, mark):
                    chosen[mark.i] = mark
    return chosen


def cue_extent(
    head: Any, weights: dict[str, float], prior: dict[str, float], words: dict[str, float]
) -> list[Any]:
    """The cue's tokens: the unbroken run of kept words around ``head``, in text order."""

    def decide(parent: Any, child: Any) -> bool:
        feats = child_features(head, parent, child, prior, words)
        return sum(weights.get(f, 0.0) for f in feats) > 0

    chosen = walk(head, decide)
    lo = hi = head.i
    while lo - 1 in chosen:
        lo -= 1
    while hi + 1 in chosen:
        hi += 1
    return [head.doc[i] for i in range(lo, hi + 1)]
