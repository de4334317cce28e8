"""A small averaged-perceptron scorer for cue heads over spaCy tokens.

Features describe a token and its dependency neighbourhood (lemma, part of speech, relation,
which arguments it has, what its predicate words govern, whether it sits next to a quotation).
Candidates are words of the open classes, ":" and copula clitics ("'re"). Weights are learned
from PolNeAR train by ``bench/polnear/train_cues.py`` and shipped as
``data/lang/<lang>_cues.json``.

Every feature is made once, by :func:`feature_keys`, as a key tuple (template name and values);
:func:`cue_features` spells the keys as the strings training sees, and
:meth:`CueModel.score_token` adds the same weights in the same order without spelling them
(a memo from key to weight), so training and prediction share one definition.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from itertools import repeat
from typing import Any

from newstrace.analyze._cue_layout import Layout, layout

CANDIDATE_POS = frozenset({"VERB", "NOUN", "AUX", "ADJ", "ADP", "PUNCT", "PROPN", "ADV"})
#: a feature before it is spelled: template name, then its values ("lp", "say", "VERB")
Key = tuple[str, ...]
#: size at which a model's key -> weight memo is emptied (about 25 MB; 84 dev texts fill 136k)
_MEMO_LIMIT = 200_000


@dataclass(frozen=True, slots=True)
class CueModel:
    """Feature weights of a linear cue-head scorer; a score above ``threshold`` is a cue."""

    weights: dict[str, float]
    threshold: float = 0.0
    _memo: dict[Key, float] = field(default_factory=dict, compare=False, repr=False)
    #: (lemma, part of speech, tag, relation) -> sum of the weights of its :func:`_word_keys`
    _sums: dict[tuple[str, str, str, str], float] = field(
        default_factory=dict, compare=False, repr=False
    )

    def score(self, features: list[str]) -> float:
        """Sum of the weights of the features present."""
        return sum(map(self.weights.get, features, repeat(0.0)))

    def score_token(
        self, token: Any, prior: dict[str, float], words: dict[str, float] | None = None
    ) -> float:
        """``score(cue_features(token, prior, words))``, the very same float: the same
        weights summed in the same order, found through a key -> weight memo."""
        return self.score_at(token.doc, token.i, prior, words)

    def score_at(
        self, doc: Any, i: int, prior: dict[str, float], words: dict[str, float] | None = None
    ) -> float:
        """:meth:`score_token` of token ``i`` of ``doc`` (no spaCy ``Token`` made).

        The first keys (:func:`_word_keys`) depend only on the token's lemma, tags and
        relation, which many tokens share, so their running sum is memoised per such word
        and the sum goes on from there."""
        memo = self._memo
        if len(memo) > _MEMO_LIMIT:
            memo.clear()
            self._sums.clear()
        table = layout(doc)
        word = (table.lemma[i], table.pos[i], table.tag[i], table.dep[i])
        start = self._sums.get(word)
        if start is None:
            start = self._sums[word] = self._total(_word_keys(*word, band(prior.get(word[0]))))
        keys = _context_keys(table, i, prior)
        if words is not None:
            keys += _frame_keys(table, i, prior, words)
        try:
            found = [memo[key] for key in keys]
        except KeyError:
            found = self._weights_of(keys)
        return sum(found, start)

    def _weights_of(self, keys: list[Key]) -> list[float]:
        """The weights of ``keys`` in order, memoising the ones not seen yet."""
        memo = self._memo
        weights = self.weights
        for key in keys:
            if key not in memo:
                memo[key] = weights.get(spell(key), 0.0)
        return [memo[key] for key in keys]

    def _total(self, keys: list[Key]) -> float:
        """``sum`` of the weights of ``keys`` (from 0, in order)."""
        return sum(self._weights_of(keys))


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
    return bool(token.pos_ in CANDIDATE_POS and (token.is_alpha or _clitic(token.lower_)))


def candidate_indices(doc: Any) -> list[int]:
    """The indices of the tokens of ``doc`` that :func:`is_candidate` accepts, read from the
    doc's :func:`layout` (no spaCy ``Token`` made)."""
    table = layout(doc)
    pos = table.pos
    alpha = table.alpha
    lower = table.lower
    return [
        i
        for i in range(len(pos))
        if (
            lower[i] == ":"
            if pos[i] == "PUNCT"
            else pos[i] in CANDIDATE_POS and (alpha[i] or _clitic(lower[i]))
        )
    ]


def _clitic(word: str) -> bool:
    """A verb clitic written with an apostrophe ("'s", "’re", "'m" of "he's", "they’re")."""
    return len(word) > 1 and word[0] in "'’" and word[1:].isalpha()


_DIGITS = tuple(str(n) for n in range(10))
_PAIRS = ("00", "01", "10", "11")


def band(rate: float | None) -> str:
    """A rate in tenths ("0" to "9"), or ``"none"`` for a word never seen in a cue."""
    return "none" if rate is None else _DIGITS[min(int(rate * 10), 9)]


def cue_features(
    token: Any, prior: dict[str, float], words: dict[str, float] | None = None
) -> list[str]:
    """Features of ``token`` as a candidate cue head.

    ``prior`` maps lemma -> rate at which it heads a cue; ``words`` maps lemma -> rate at which
    it is any word of a cue ("criticism" in "drew criticism"). Without ``words`` only the
    head-level features are made (the first model's feature set).
    """
    return [spell(key) for key in feature_keys(token, prior, words)]


def spell(key: Key) -> str:
    """A feature key as the model's string: ``name=value|value``, or ``name`` alone."""
    size = len(key)
    if size == 3:
        return f"{key[0]}={key[1]}|{key[2]}"
    if size == 2:
        return f"{key[0]}={key[1]}"
    if size == 1:
        return key[0]
    return f"{key[0]}=" + "|".join(key[1:])


def feature_keys(
    token: Any, prior: dict[str, float], words: dict[str, float] | None = None
) -> list[Key]:
    """The keys of :func:`cue_features`, in the same order."""
    table = layout(token.doc)
    index = token.i
    keys = _head_keys(table, index, prior)
    if words is not None:
        keys += _frame_keys(table, index, prior, words)
    return keys


_ARG_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "agent"})
_KID_DEPS = frozenset({"dobj", "attr", "acomp", "oprd", "xcomp", "nsubj"})
_FRAME_DEPS = frozenset({"ccomp", "xcomp", "dobj", "prep", "acl", "advcl"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_SUBJECT_ENTS = frozenset({"PERSON", "ORG", "NORP", "GPE"})


def _head_keys(table: Layout, i: int, prior: dict[str, float]) -> list[Key]:
    """Lemma, tags, relation, argument words and quotation nearness of token ``i``."""
    lemma = table.lemma[i]
    level = band(prior.get(lemma))
    keys = _word_keys(lemma, table.pos[i], table.tag[i], table.dep[i], level)
    return keys + _context_keys(table, i, prior)


def _word_keys(lemma: str, pos: str, tag: str, dep: str, level: str) -> list[Key]:
    """The first keys of :func:`_head_keys`: the token's lemma (``level``: its cue-rate band),
    tags and relation alone."""
    return [
        ("bias",),
        ("l", lemma),
        ("p", pos),
        ("t", tag),
        ("d", dep),
        ("lp", lemma, pos),
        ("ld", lemma, dep),
        ("band", level, pos),
        ("band", level, dep),
    ]


def _context_keys(table: Layout, i: int, prior: dict[str, float]) -> list[Key]:
    """The rest of :func:`_head_keys`: the head, quotation marks, subject, neighbours,
    arguments and children of token ``i``."""
    lemmas = table.lemma
    deps = table.dep
    lemma = lemmas[i]
    dep = deps[i]
    head = table.head[i]
    kids = table.children[i]
    level = band(prior.get(lemma))
    near = _near_quote(table, i)
    subj = _subject_kind(table, i)
    following = _word(table, i + 1)
    keys: list[Key] = [
        ("hd", deps[head], dep),
        ("hl", lemmas[head], dep),
        ("q", near),
        ("lq", lemma, near),
        ("bq", level, near),
        ("subj", subj),
        ("ls", lemma, subj),
        ("bs", level, subj),
        ("prev", _word(table, i - 1)),
        ("next", following),
        ("lnext", lemma, following),
    ]
    for k in kids:
        kid_dep = deps[k]
        if kid_dep in _ARG_DEPS:
            keys.append(("arg", lemma, kid_dep, lemmas[k]))
            keys.append(("argw", kid_dep, lemmas[k]))
    keys.append(("in_quote", _inside_quotes(table, i)))
    for kid_dep in sorted({deps[k] for k in kids}):
        keys.append(("c", kid_dep))
        keys.append(("lc", lemma, kid_dep))
        keys.append(("bc", level, kid_dep))
    for k in kids:
        if deps[k] == "prep":
            keys.append(("prep", lemma, table.lower[k]))
    return keys


def _frame_keys(
    table: Layout, i: int, prior: dict[str, float], words: dict[str, float]
) -> list[Key]:
    """What token ``i`` governs: the cue rates of its object words, the complementiser of
    its clause, its argument frame with the subject kind, the governing word's cue rate, the
    lemma's ending and the position in the sentence."""
    lemmas = table.lemma
    deps = table.dep
    lemma = lemmas[i]
    pos = table.pos[i]
    # The governor's band even for the root (its own head): the first version asked
    # ``token.head is token``, which spaCy never satisfies (a new Token object per access),
    # and the shipped weights were learned that way.
    keys: list[Key] = [
        ("wb", band(words.get(lemma)), pos),
        ("suf", lemma[-3:], pos),
        ("hb", band(prior.get(lemmas[table.head[i]])), deps[i]),
    ]
    kinds: set[str] = set()
    for k in table.children[i]:
        dep = deps[k]
        if dep == "prep":
            for obj in table.children[k]:
                if deps[obj] in ("pobj", "pcomp"):
                    keys.append(("kid", "prep", band(words.get(lemmas[obj]))))
        elif dep in _KID_DEPS:
            level = band(words.get(lemmas[k]))
            keys += [("kid", dep, level), ("kidp", pos, dep, level)]
        if dep == "ccomp":
            marks = [table.lower[g] for g in table.children[k] if deps[g] == "mark"]
            mark = marks[0] if marks else "-"
            keys += [("cmark", mark), ("lcmark", lemma, mark)]
        if dep in _FRAME_DEPS:
            kinds.add(dep)
    frame = "+".join(sorted(kinds)) or "-"
    start = table.sent_start[i]
    keys += _complement_keys(table, i, words)
    keys += [
        ("frame", pos, frame),
        ("sframe", _subject_kind(table, i), frame),
        ("bframe", band(prior.get(lemma)), frame),
        ("sfirst", _DIGITS[i == start]),
        ("spos", _DIGITS[min(3, (i - start) // 5)], pos),
    ]
    return keys


_PREDICATE_DEPS = frozenset({"acomp", "attr", "oprd", "xcomp", "dobj"})
_NESTED_DEPS = frozenset({"ccomp", "xcomp", "acl", "prep", "relcl"})


def _complement_keys(table: Layout, i: int, words: dict[str, float]) -> list[Key]:
    """What the predicate words under token ``i`` govern and who owns it: for an adjective,
    noun or verb complement ("are concerned *that*", "made a case *for*", "is quick *to*"),
    its word and the relations (and preposition) below it; the kind of possessor ("*his*
    view"); and, for a relative clause, the kind of word it describes ("an aide *who* said")."""
    deps = table.dep
    keys: list[Key] = []
    for k in table.children[i]:
        dep = deps[k]
        if dep in _PREDICATE_DEPS:
            if dep != "dobj":
                keys.append(("pred", dep, table.lemma[k]))
            level = band(words.get(table.lemma[k]))
            for g in table.children[k]:
                below = deps[g]
                if below in _NESTED_DEPS:
                    word = table.lower[g] if below == "prep" else "-"
                    keys += [("nest", dep, below, word), ("nestb", dep, below, level)]
        elif dep == "poss":
            keys.append(("poss", table.pos[i], _kind(table, k)))
    if deps[i] in ("relcl", "acl"):
        keys.append(("ante", deps[i], _kind(table, table.head[i])))
    return keys


def _kind(table: Layout, k: int) -> str:
    """What kind of word token ``k`` is: pronoun, entity type or part of speech."""
    if table.pos[k] == "PRON":
        return "pron"
    if table.ent[k] in _SUBJECT_ENTS:
        return table.ent[k].lower()
    return table.pos[k].lower()


def _word(table: Layout, index: int) -> str:
    """The lower-case form of token ``index``, or ``"<none>"`` outside the doc."""
    if 0 <= index < len(table.lower):
        return table.lower[index]
    return "<none>"


def _near_quote(table: Layout, i: int) -> str:
    """Whether a quotation mark is among the three tokens before and the two after token ``i``
    ("10": before only)."""
    count = table.quotes_before
    before = count[i] > count[max(0, i - 3)]
    after = count[min(len(table.lower), i + 3)] > count[i + 1]
    return _PAIRS[2 * before + after]


def _inside_quotes(table: Layout, i: int) -> str:
    """Whether ("1") or not ("0") an odd number of double quotation marks precede token ``i``
    in its sentence."""
    marks = table.marks_before[i] - table.marks_before[table.sent_start[i]]
    return _DIGITS[marks % 2]


def _subject_kind(table: Layout, i: int) -> str:
    """What kind of subject token ``i`` has: person, org, pronoun, noun or none."""
    for k in table.children[i]:
        if table.dep[k] in _SUBJECT_DEPS:
            if table.pos[k] == "PRON":
                return "pron"
            if table.ent[k] in _SUBJECT_ENTS:
                return table.ent[k].lower()
            return table.pos[k].lower()
    return "none"
