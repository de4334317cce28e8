"""Analysis commands: claims and demo."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

import click

from newstrace.analyze.options import AnalysisOptions
from newstrace.cli._common import (
    EXIT_OK,
    EXIT_REJECTED,
    FC,
    echo_json,
    main,
    meta_option,
    private_option,
    report_rejection,
    stream_articles,
)
from newstrace.errors import NewstraceError
from newstrace.model import Article, ArticleAnalysis, Rejection


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
    from newstrace.analyze import analyze
    from newstrace.report.analysis import analysis_to_dict, claim_line

    options = AnalysisOptions(backend="rules" if backend == "rules" else "spacy")
    results: list[dict[str, object]] = []
    rejected = False
    for item in stream_articles(inputs, meta, allow_private):
        if isinstance(item, Rejection):
            report_rejection(item)
            rejected = True
            continue
        analysis = analyze(item, options)
        if fmt == "json":
            results.append(analysis_to_dict(item, analysis))
            continue
        click.echo(f"# {item.outlet or '-'}: {item.title or item.source or item.id}")
        for claim in analysis.claims:
            click.echo("  " + claim_line(claim))
        click.echo("")
    if fmt == "json":
        echo_json(results)
    sys.exit(EXIT_REJECTED if rejected else EXIT_OK)


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
    from newstrace.analyze import analyze
    from newstrace.report.demo import write_demo_report

    corpus = example_corpus_dir()
    files = sorted(str(p) for p in corpus.iterdir() if p.suffix in {".txt", ".html", ".htm"})
    options = AnalysisOptions(backend="rules" if backend == "rules" else "spacy")
    pairs: list[tuple[Article, ArticleAnalysis]] = []
    rejections: list[Rejection] = []
    for item in stream_articles(files, corpus / "meta.json"):
        if isinstance(item, Rejection):
            report_rejection(item)
            rejections.append(item)
            continue
        pairs.append((item, analyze(item, options)))
        click.echo(f"analysed  {item.outlet or '-'}: {item.title or item.source}")
    try:
        written = write_demo_report(pairs, out)
    except (OSError, NewstraceError) as exc:
        raise click.ClickException(f"could not write the report to {out}: {exc}") from exc
    for path in written:
        click.echo(f"wrote     {path}")
    summary = {"articles": len(pairs), "rejected": len(rejections)}
    click.echo(json.dumps(summary))
    sys.exit(EXIT_REJECTED if rejections else EXIT_OK)
