"""The list-based cue features and the memo scorer equal a plain token-by-token computation
(sentences written for these tests)."""

from __future__ import annotations

from typing import Any

import pytest

from newstrace.analyze._attr_model import (
    CueModel,
    band,
    cue_features,
    feature_keys,
    is_candidate,
    spell,
)
from newstrace.analyze._cue_layout import build_layout, layout
from newstrace.analyze.nlp import load_nlp, parse
from newstrace.analyze.options import AnalysisOptions

SPACY = AnalysisOptions(backend="spacy", parse_scope="all")
QUOTES = "\"“”‘’'«»„"

TEXTS = [
    'The mayor said on Tuesday that the bridge would reopen. "It is safe," she added.',
    "“We will not back down,” the union leader told reporters, accusing the board of lying.",
    "According to a spokesman, the plan was approved by the council after a long debate.",
    "Critics expressed concern about the cost: 'It is far too much,' one wrote in a letter.",
    "He denied that he had ever met the envoy. Officials confirmed the meeting, however.",
    "Asked whether the deal was dead, the minister said: no.",
    "«Nothing changes» , insisted Dr. Maria Okafor of the Lagos institute.",
    "The growers are worried that the frost will ruin the harvest. They're critical of it.",
    "In her view, the engineer who warned about the cracks was right to call for a review.",
]


def parsed(text: str) -> Any:
    if load_nlp(SPACY, "en") is None:
        pytest.skip("no English spaCy model installed")
    return parse(text, SPACY, "en")


def reference(token: Any, prior: dict[str, float], words: dict[str, float] | None) -> list[str]:
    """The features asked of spaCy tokens one by one (the model's definition)."""
    doc = token.doc
    lemma = token.lemma_.lower()
    pos = token.pos_
    level = band(prior.get(lemma))
    before = any(doc[i].text in QUOTES for i in range(max(0, token.i - 3), token.i))
    after = any(doc[i].text in QUOTES for i in range(token.i + 1, min(len(doc), token.i + 3)))
    near = f"{int(before)}{int(after)}"
    subj = subject_kind(token)

    def word(k: int) -> str:
        return doc[k].lower_ if 0 <= k < len(doc) else "<none>"

    sent = token.sent
    marks = sum(t.text in ('"', "“", "”") for t in doc[sent.start : token.i])
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
        f"q={near}",
        f"lq={lemma}|{near}",
        f"bq={level}|{near}",
        f"subj={subj}",
        f"ls={lemma}|{subj}",
        f"bs={level}|{subj}",
        f"prev={word(token.i - 1)}",
        f"next={word(token.i + 1)}",
        f"lnext={lemma}|{word(token.i + 1)}",
    ]
    for child in token.children:
        if child.dep_ in ("nsubj", "nsubjpass", "dobj", "agent"):
            feats.append(f"arg={lemma}|{child.dep_}|{child.lemma_.lower()}")
            feats.append(f"argw={child.dep_}|{child.lemma_.lower()}")
    feats.append(f"in_quote={marks % 2}")
    for dep in sorted({child.dep_ for child in token.children}):
        feats += [f"c={dep}", f"lc={lemma}|{dep}", f"bc={level}|{dep}"]
    for child in token.children:
        if child.dep_ == "prep":
            feats.append(f"prep={lemma}|{child.lower_}")
    if words is not None:
        feats += reference_frame(token, prior, words)
    return feats


def reference_frame(token: Any, prior: dict[str, float], words: dict[str, float]) -> list[str]:
    lemma = token.lemma_.lower()
    pos = token.pos_
    feats = [f"wb={band(words.get(lemma))}|{pos}", f"suf={lemma[-3:]}|{pos}"]
    feats.append(f"hb={band(prior.get(token.head.lemma_.lower()))}|{token.dep_}")
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
    start = token.sent.start
    feats += reference_complements(token, words)
    feats += [
        f"frame={pos}|{frame}",
        f"sframe={subject_kind(token)}|{frame}",
        f"bframe={band(prior.get(lemma))}|{frame}",
        f"sfirst={int(token.i == start)}",
        f"spos={min(3, (token.i - start) // 5)}|{pos}",
    ]
    return feats


def reference_complements(token: Any, words: dict[str, float]) -> list[str]:
    feats: list[str] = []
    for child in token.children:
        dep = child.dep_
        if dep in ("acomp", "attr", "oprd", "xcomp", "dobj"):
            if dep != "dobj":
                feats.append(f"pred={dep}|{child.lemma_.lower()}")
            level = band(words.get(child.lemma_.lower()))
            for below in child.children:
                if below.dep_ in ("ccomp", "xcomp", "acl", "prep", "relcl"):
                    word = below.lower_ if below.dep_ == "prep" else "-"
                    feats.append(f"nest={dep}|{below.dep_}|{word}")
                    feats.append(f"nestb={dep}|{below.dep_}|{level}")
        elif dep == "poss":
            feats.append(f"poss={token.pos_}|{word_kind(child)}")
    if token.dep_ in ("relcl", "acl"):
        feats.append(f"ante={token.dep_}|{word_kind(token.head)}")
    return feats


def word_kind(token: Any) -> str:
    if token.pos_ == "PRON":
        return "pron"
    if token.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        return str(token.ent_type_).lower()
    return str(token.pos_).lower()


def subject_kind(token: Any) -> str:
    for child in token.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            if child.pos_ == "PRON":
                return "pron"
            if child.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
                return str(child.ent_type_).lower()
            return str(child.pos_).lower()
    return "none"


PRIOR = {"say": 0.62, "add": 0.41, "tell": 0.5, "accord": 0.93, "deny": 0.35, "write": 0.2}
WORDS = {"say": 0.7, "concern": 0.3, "reporter": 0.05, "accord": 0.95, "insist": 0.4}


@pytest.mark.parametrize("text", TEXTS)
def test_features_equal_the_token_by_token_reference(text: str) -> None:
    doc = parsed(text)
    tokens = [t for t in doc if is_candidate(t)]
    assert tokens
    for token in tokens:
        assert cue_features(token, PRIOR, WORDS) == reference(token, PRIOR, WORDS)
        assert cue_features(token, PRIOR) == reference(token, PRIOR, None)


@pytest.mark.parametrize("text", TEXTS)
def test_layout_matches_the_token_api(text: str) -> None:
    doc = parsed(text)
    table = build_layout(doc)
    for token in doc:
        assert list(table.children[token.i]) == [c.i for c in token.children]
        assert table.head[token.i] == token.head.i
        assert table.lemma[token.i] == token.lemma_.lower()
        assert (table.lower[token.i], table.pos[token.i]) == (token.lower_, token.pos_)
        assert (table.tag[token.i], table.dep[token.i]) == (token.tag_, token.dep_)
        assert table.ent[token.i] == token.ent_type_
        assert table.sent_start[token.i] == token.sent.start
    assert layout(doc) is layout(doc)


def test_score_token_is_the_same_float_as_scoring_the_strings() -> None:
    doc = parsed(" ".join(TEXTS))
    tokens = [t for t in doc if is_candidate(t)]
    # weights on a spread of features, with values whose sums depend on the order of adding
    weights = {
        f: (n % 7 - 3) * 0.1 + 1e-7 * n for n, f in enumerate(cue_features(tokens[3], PRIOR, WORDS))
    }
    weights.update(
        {f: 0.3 + 1e-9 * n for n, f in enumerate(cue_features(tokens[-2], PRIOR, WORDS))}
    )
    model = CueModel(weights=weights, threshold=0.25)
    for _ in range(2):  # cold memo, then warm
        for token in tokens:
            expected = model.score(cue_features(token, PRIOR, WORDS))
            assert model.score_token(token, PRIOR, WORDS) == expected
            assert model.score_token(token, PRIOR) == model.score(cue_features(token, PRIOR))
    assert any(model.score_token(t, PRIOR, WORDS) != 0.0 for t in tokens)


def test_spelling_of_keys() -> None:
    assert spell(("bias",)) == "bias"
    assert spell(("l", "say")) == "l=say"
    assert spell(("kidp", "VERB", "dobj", "3")) == "kidp=VERB|dobj|3"
    doc = parsed("The minister said nothing.")
    said = next(t for t in doc if t.text == "said")
    assert [spell(k) for k in feature_keys(said, PRIOR, WORDS)] == cue_features(said, PRIOR, WORDS)


def test_layout_of_an_empty_doc() -> None:
    doc = parsed("")
    table = build_layout(doc)
    assert table.lower == [] and not table.children and table.quotes_before == [0]


def test_memo_is_emptied_past_its_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    import newstrace.analyze._attr_model as attr_model

    monkeypatch.setattr(attr_model, "_MEMO_LIMIT", 40)
    doc = parsed(TEXTS[0])
    tokens = [t for t in doc if is_candidate(t)]
    model = CueModel(weights={"bias": 0.5, "p=VERB": 1.25, "q=00": -0.125})
    for token in tokens:
        assert model.score_token(token, PRIOR, WORDS) == model.score(
            cue_features(token, PRIOR, WORDS)
        )
        assert len(model._memo) <= 40 + len(cue_features(token, PRIOR, WORDS))
