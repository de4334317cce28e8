"""Analysis commands: claims and demo."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

import click

from newstrace.cli._common import (
    FC,
    Batch,
    echo_json,
    main,
    meta_option,
    private_option,
)
from newstrace.errors import NewstraceError
from newstrace.model import Article, ArticleAnalysis


def backend_option() -> Callable[[FC], FC]:
    """``--backend spacy|rules``: which analysis backend to use."""
    return click.option(
        "--backend",
        type=click.Choice(["spacy", "rules"]),
        default="spacy",
        help="Analysis backend: the spaCy pipeline (default) or rules only.",
    )


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@meta_option()
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="text")
@backend_option()
@private_option()
def claims(
    inputs: tuple[str, ...], meta: Path | None, fmt: str, backend: str, allow_private: bool
) -> None:
    """Extract each article's claims with who is behind them."""
    from newstrace.report.analysis import analysis_to_dict, claim_line

    batch = Batch()
    results: list[dict[str, object]] = []
    for article, analysis in batch.analysed(inputs, meta, backend, allow_private):
        if fmt == "json":
            results.append(analysis_to_dict(article, analysis))
            continue
        click.echo(f"# {article.outlet or '-'}: {article.title or article.source or article.id}")
        for claim in analysis.claims:
            click.echo("  " + claim_line(claim))
        click.echo("")
    if fmt == "json":
        echo_json(results)
    sys.exit(batch.exit_code)


def example_corpus_dir() -> Path:
    """The bundled example corpus: ``$NEWSTRACE_EXAMPLES`` or ``examples/`` of the checkout."""
    import os

    env = os.environ.get("NEWSTRACE_EXAMPLES")
    candidates = [Path(env)] if env else []
    candidates.append(Path(__file__).resolve().parents[3] / "examples")
    for candidate in candidates:
        if (candidate / "meta.json").is_file():
            return candidate
    raise click.UsageError(
        "example corpus not found: set NEWSTRACE_EXAMPLES to a folder with meta.json"
    )


@main.command()
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("demo-report"),
    help="Folder for the report (created).",
)
@backend_option()
def demo(out: Path, backend: str) -> None:
    """Analyse the bundled example corpus and write a report."""
    from newstrace.report.demo import write_demo_report

    corpus = example_corpus_dir()
    files = sorted(str(p) for p in corpus.iterdir() if p.suffix in {".txt", ".html", ".htm"})
    batch = Batch()
    pairs: list[tuple[Article, ArticleAnalysis]] = []
    for article, analysis in batch.analysed(files, corpus / "meta.json", backend):
        pairs.append((article, analysis))
        click.echo(f"analysed  {article.outlet or '-'}: {article.title or article.source}")
    try:
        written = write_demo_report(pairs, out)
    except (OSError, NewstraceError) as exc:
        raise click.ClickException(f"could not write the report to {out}: {exc}") from exc
    for path in written:
        click.echo(f"wrote     {path}")
    click.echo(json.dumps({"articles": len(pairs), "rejected": batch.rejected}))
    sys.exit(batch.exit_code)
