"""Fourth stage of claim grouping: two claims naming one rare event in two derived forms.

One outlet writes "the army is focused on blockading the port", another quotes "the plan
only works with a blockade": the same event, named by a verb in one and by its noun in the
other. The matcher's light word keys keep such forms apart, so the pair scores low, and the
earlier stages leave the two claims apart. This stage joins the groups of two
claims when:

* they share a *derivational stem* the matcher's word keys do not share: an English word cut
  of one derivational or inflectional ending (-ment, -ion, -ing, -ed, -s...) and a final "e",
  at least ``STEM_LETTERS`` letters long ("blockading" / "blockade" -> "blockad",
  "evacuate" / "evacuation" -> "evacuat"), written in lower case and rarer than
  :data:`~newstrace.link._match_evidence.EVENT_WORD_ZIPF` in both;
* that stem is held by exactly these two claims of the whole story, from two articles (a stem
  several claims hold is the story's topic, not one event's);
* the two claims name one entity (a place, a person, an organisation) that is not the story's
  topic: named in at most ``EVENT_WORD_SHARE`` of the story's claims (an actor the whole story
  is about, named in a quarter of its claims, ties nothing to one event);
* the two groups' cross-article pairs average ``STEM_FLOOR`` or more, no amount is held by
  both with different owners only, all members of one language have one polarity and two
  claims of one article that share nothing (below ``SAME_ARTICLE_FLOOR``) stay apart.

It runs after the other stages, so it never changes the order of their merges; it only joins.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from newstrace.link._group_anchor import amount_conflict, cross_mean, one_polarity
from newstrace.link._group_topic import EVENT_WORD_SHARE
from newstrace.link._match_evidence import EVENT_WORD_ZIPF, word_key, word_weight
from newstrace.link.claim_match import MatchText

Matrix = npt.NDArray[np.float32]
#: The mean cross-article pair score two groups still need.
STEM_FLOOR = 0.15
#: A derivational stem shorter than this is too ambiguous ("depart" of department/departure).
STEM_LETTERS = 6
#: English endings cut once (longest first) before a final "e".
DERIVATIONAL_ENDINGS = ("ments", "ment", "ions", "ion", "ings", "ing", "ed", "es", "s")
_LOWER_WORD = re.compile(r"\b[a-z]{3,}\b")


def derivational_stem(word: str) -> str:
    """``word`` (lower-case ASCII) without one derivational ending and a final "e"; "" when
    the stem would be shorter than ``STEM_LETTERS``."""
    for ending in DERIVATIONAL_ENDINGS:
        if word.endswith(ending):
            word = word[: -len(ending)]
            break
    word = word.removesuffix("e")
    return word if len(word) >= STEM_LETTERS else ""


def event_stems(item: MatchText) -> dict[str, frozenset[str]]:
    """The derivational stems of a claim's rare lower-case English words -> the words that
    give it ({} for another language)."""
    if (item.language or "en") != "en":
        return {}
    out: dict[str, set[str]] = {}
    for word in _LOWER_WORD.findall(item.text):
        if word_weight(word, "en") <= 7.0 - EVENT_WORD_ZIPF:
            continue
        root = derivational_stem(word)
        if root:
            out.setdefault(root, set()).add(word)
    return {root: frozenset(keys) for root, keys in out.items()}


def stem_pairs(items: Sequence[MatchText], owners: Sequence[int]) -> list[tuple[int, int]]:
    """Pairs of claims (of two articles, naming one entity that at most ``EVENT_WORD_SHARE`` of
    the claims name) that are the only two holders of a
    derivational stem in the story, in two derived forms (see :func:`_derived_apart`)."""
    stems = [event_stems(item) for item in items]
    named = Counter(entity for item in items for entity in item.entities)
    limit = max(2.0, EVENT_WORD_SHARE * len(items))
    specific = {entity for entity, count in named.items() if count <= limit}
    holders: dict[str, list[int]] = {}
    for index, found in enumerate(stems):
        for root in found:
            holders.setdefault(root, []).append(index)
    pairs = set()
    for root, indices in holders.items():
        if len(indices) != 2:
            continue
        i, j = indices
        if owners[i] == owners[j] or not (items[i].entities & items[j].entities) & specific:
            continue
        if not _derived_apart(stems[i][root], stems[j][root]):
            continue
        pairs.add((i, j))
    return sorted(pairs)


def _derived_apart(first: frozenset[str], second: frozenset[str]) -> bool:
    """Whether two claims' words of one stem are two derived forms: no word of one has the
    matcher's word key of a word of the other (that evidence is counted already) or is it
    with a plural "s" or a final "e" more or less ("immigrant" / "immigrants", whose keys
    the matcher's light stem may tell apart, are one word)."""
    if {word_key(w) for w in first} & {word_key(w) for w in second}:
        return False
    return not ({_base(w) for w in first} & {_base(w) for w in second})


def _base(word: str) -> str:
    """``word`` without a final plural "s" and a final "e"."""
    return word.removesuffix("s").removesuffix("e")


def stem_merge(
    scores: Matrix,
    owners: Sequence[int],
    labels: Sequence[int],
    items: Sequence[MatchText],
) -> list[int]:
    """Join the groups (``labels``) of the claim pairs of :func:`stem_pairs` when the guards
    allow; pairs in order of their own score, best first."""
    label = list(labels)
    owner = np.asarray(owners)
    pairs = stem_pairs(items, owners)
    pairs.sort(key=lambda pair: -float(scores[pair[0], pair[1]]))
    for i, j in pairs:
        a, b = label[i], label[j]
        if a == b:
            continue
        left = [k for k, group in enumerate(label) if group == a]
        right = [k for k, group in enumerate(label) if group == b]
        if _allowed(scores, owner, left, right, items):
            keep, drop = sorted((a, b))
            label = [keep if group == drop else group for group in label]
    return label


def _allowed(
    scores: Matrix,
    owner: npt.NDArray[np.int_],
    left: Sequence[int],
    right: Sequence[int],
    items: Sequence[MatchText],
) -> bool:
    """Whether two groups may merge: the pair floor and the guards of the other stages."""
    if not one_polarity(items, [*left, *right]):
        return False
    if amount_conflict([items[i] for i in left], [items[i] for i in right]):
        return False
    mean = cross_mean(scores, owner, left, right)
    return mean is not None and mean >= STEM_FLOOR
