"""Write a synthetic 50-article story built from the example corpus (seeded, reproducible).

Usage (from the repository root)::

    .venv/bin/python bench/story_e2e/generate.py --out /tmp/story50 --articles 50

The five articles of the example corpus's dam story (``examples/01``-``05``) are cleaned by
``newstrace.ingest`` and then rewritten into ``--articles`` new ones: each gets an invented
outlet, a date within four days, a URL, and a varied wording (paragraphs after the lead are
shuffled and some dropped, reporting verbs and common nouns are swapped for synonyms, a few
numbers are rounded, some copies credit another invented outlet as their source). One in four
articles is written as an HTML page with OpenGraph metadata, the rest as plain text, so both
ingest paths run. ``meta.json`` (the same shape as ``examples/meta.json``) goes beside them.
Nothing from the evaluation data is used.
"""

from __future__ import annotations

import argparse
import html
import json
import random
import re
from datetime import date, timedelta
from pathlib import Path

from newstrace.ingest import MetaIndex, ingest
from newstrace.model import Article

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
BASES = (
    "01_ledokhod_terna_dam.txt",
    "02_korvask_courier_terna.html",
    "03_eastgate_terna_pdf.txt",
    "04_vecherny_korvask_ru.txt",
    "05_dravinform_ministry.txt",
)
FIRST = ("North", "River", "Harbour", "Valley", "Capital", "Morning", "Evening", "Union", "Plain")
SECOND = ("Herald", "Ledger", "Post", "Wire", "Chronicle", "Observer", "Dispatch", "Review")
# synonym swaps for English copies; each pair is tried in both directions
SWAPS = (
    (" said", " stated"),
    (" told ", " informed "),
    ("residents", "inhabitants"),
    ("discovered", "found"),
    (" decided ", " resolved "),
    ("officials", "civil servants"),
)
START = date(2025, 4, 8)


def outlet_name(index: int) -> str:
    """An invented outlet name, distinct for the first 72 indexes."""
    return f"{FIRST[index % len(FIRST)]} {SECOND[(index // len(FIRST)) % len(SECOND)]}"


def reword(text: str, rng: random.Random, source: str | None) -> str:
    """A varied copy of an English article: shuffled body, synonyms, rounded numbers."""
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    head, body = paragraphs[:1], paragraphs[1:]
    rng.shuffle(body)
    body = [p for p in body if rng.random() > 0.2] or body[:1]
    out = "\n\n".join([*head, *body])
    for old, new in SWAPS:
        if rng.random() < 0.5:
            out = out.replace(old, new)
        elif rng.random() < 0.3:
            out = out.replace(new, old)
    if rng.random() < 0.3:
        out = re.sub(r"\b1,500\b", "1,600", out)
    if source is not None:
        out += f"\n\nThis report draws on reporting first published by {source}."
    return out


def page(title: str, outlet: str, published: str, url: str, body: str) -> str:
    """A small HTML page with OpenGraph metadata around the body paragraphs."""
    paragraphs = "\n".join(f"<p>{html.escape(p)}</p>" for p in body.split("\n\n"))
    return (
        "<!DOCTYPE html>\n<html><head><meta charset='utf-8'>"
        f"<title>{html.escape(title)}</title>"
        f"<meta property='og:site_name' content='{html.escape(outlet)}'>"
        f"<meta property='og:title' content='{html.escape(title)}'>"
        f"<meta property='og:url' content='{url}'>"
        f"<meta property='article:published_time' content='{published}T09:00:00+00:00'>"
        f"</head><body><article><h1>{html.escape(title)}</h1>\n{paragraphs}\n"
        "</article></body></html>\n"
    )


def base_articles() -> list[Article]:
    """The example story's articles, cleaned by the ingest stage."""
    meta = MetaIndex.load(EXAMPLES / "meta.json")
    found = [a for a in ingest([str(EXAMPLES / n) for n in BASES], meta=meta)]
    articles = [a for a in found if isinstance(a, Article)]
    if len(articles) != len(BASES):
        raise SystemExit("could not ingest the example corpus")
    return articles


def generate(out: Path, count: int, seed: int = 7) -> list[Path]:
    """Write ``count`` articles and ``meta.json`` into ``out``; return the article paths."""
    rng = random.Random(seed)
    bases = base_articles()
    out.mkdir(parents=True, exist_ok=True)
    meta: list[dict[str, str]] = []
    paths: list[Path] = []
    for index in range(count):
        base = bases[index % len(bases)]
        outlet = outlet_name(index)
        published = (START + timedelta(days=rng.randrange(4))).isoformat()
        slug = f"{index:02d}-{BASES[index % len(BASES)].split('.')[0][3:]}"
        url = f"https://{outlet.lower().replace(' ', '')}.example/news/{published}/{slug}"
        source = outlet_name(rng.randrange(count)) if rng.random() < 0.3 else None
        text = base.text if base.language == "ru" else reword(base.text, rng, source)
        title = base.title or text.split("\n", 1)[0]
        name = slug + (".html" if index % 4 == 3 else ".txt")
        path = out / name
        if name.endswith(".html"):
            path.write_text(page(title, outlet, published, url, text), encoding="utf-8")
        else:
            path.write_text(f"{title}\n\n{text}\n", encoding="utf-8")
            entry = {"file": name, "outlet": outlet, "published": published, "url": url}
            meta.append({**entry, "language": base.language or "en"})
        paths.append(path)
    (out / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return paths


def main() -> None:
    """Parse arguments and write the corpus."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--articles", type=int, default=50)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    paths = generate(args.out, args.articles, args.seed)
    print(f"wrote {len(paths)} articles and meta.json to {args.out}")


if __name__ == "__main__":
    main()
