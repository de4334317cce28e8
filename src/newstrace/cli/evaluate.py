"""``newstrace eval``: the product's own components measured on public benchmarks."""

from __future__ import annotations

from pathlib import Path

import click

from newstrace.cli._common import analysis_options, main

_DIR = click.Path(exists=True, file_okay=False, path_type=Path)


@main.group(name="eval")
def eval_() -> None:
    """Run an evaluation and print its scores."""


@eval_.command()
@click.option("--data", type=_DIR, required=True, help="Folder with html/ and ground-truth.json.")
@click.option(
    "--predictions-out",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="Where to write {id: {articleBody}} JSON.",
)
def extraction(data: Path, predictions_out: Path) -> None:
    """Article-body extraction from HTML pages (4-word shingle F1)."""
    from newstrace.evaluate.extraction import run_extraction_eval

    report = run_extraction_eval(data, predictions_out)
    click.echo(report.summary())


@eval_.command()
@click.option("--data", type=_DIR, required=True, help="A PolNeAR split folder (text/, ...).")
@click.option(
    "--predictions-out",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Folder for the predicted .ann files.",
)
@click.option("--backend", type=click.Choice(["spacy", "rules"]), default="spacy")
def polnear(data: Path, predictions_out: Path, backend: str) -> None:
    """Attribution extraction scored against PolNeAR (source, cue, content)."""
    from newstrace.evaluate.polnear import run_polnear_eval

    options = analysis_options(backend)
    report = run_polnear_eval(data, predictions_out, options)
    click.echo(report.summary())


@eval_.command(name="polnear-agreement")
@click.option("--data", type=_DIR, required=True, help="A PolNeAR split folder (text/, ...).")
@click.option(
    "--predictions",
    type=_DIR,
    default=None,
    help="Predicted .ann files (from `eval polnear`) to place beside the annotators.",
)
def polnear_agreement(data: Path, predictions: Path | None) -> None:
    """How far PolNeAR's annotators agree with each other on the articles they all annotated
    (the ceiling of the attribution scores), and optionally where predictions sit."""
    from newstrace.evaluate.agreement import annotator_agreement, predictions_vs_annotators

    agreement = annotator_agreement(data)
    if not agreement.pairs:
        raise click.ClickException(f"{data}: no article has more than one annotator's .ann")
    click.echo(agreement.summary("annotator vs annotator, unordered pairs"))
    if predictions is None:
        return
    side = predictions_vs_annotators(data, predictions)
    if not side.articles:
        raise click.ClickException(f"{predictions}: no prediction for a multiply annotated article")
    click.echo(f"articles with predictions: {len(side.articles)}")
    click.echo(side.predictions.summary("predictions vs each annotator"))
    click.echo(side.annotators.summary("each annotator vs each other annotator"))
