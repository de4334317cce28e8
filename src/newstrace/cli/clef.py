"""``newstrace eval clef2020``: rank known claims for tweets (CLEF 2020 CheckThat! Task 2)."""

from __future__ import annotations

from pathlib import Path

import click

from newstrace.cli.evaluate import eval_

_FILE = click.Path(exists=True, dir_okay=False, path_type=Path)


@eval_.command(name="clef2020")
@click.option("--claims", type=_FILE, required=True, help="verified_claims.docs.tsv")
@click.option("--queries", type=_FILE, required=True, help="tweets.queries.tsv")
@click.option(
    "--predictions-out",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="Where to write the TREC run (qid Q0 claim_id rank score newstrace).",
)
@click.option("--qrels", type=_FILE, default=None, help="Gold pairs; MAP@5 is printed when given.")
@click.option(
    "--embedding",
    type=click.Choice(["e5+use", "e5", "use", "none"]),
    default="e5+use",
    show_default=True,
    help="Encoders fused with BM25 (none: BM25 only).",
)
@click.option(
    "--fit-queries", type=_FILE, default=None, help="Learn the fusion weights on these queries."
)
@click.option("--fit-qrels", type=_FILE, default=None, help="Gold pairs of --fit-queries.")
@click.option("--threads", type=int, default=1, show_default=True, help="Encoder threads.")
def clef2020(
    claims: Path,
    queries: Path,
    predictions_out: Path,
    qrels: Path | None,
    embedding: str,
    fit_queries: Path | None,
    fit_qrels: Path | None,
    threads: int,
) -> None:
    """Match tweets to verified claims with the claim ranker; write a run, print MAP@5.

    Without --fit-queries the weights fitted on the task's train split are used; with
    --fit-queries and --fit-qrels (say, the train split) they are learned first.
    """
    from dataclasses import replace

    from newstrace.evaluate.clef2020 import CLEF_PRESETS, run_clef_eval

    if (fit_queries is None) != (fit_qrels is None):
        raise click.UsageError("--fit-queries and --fit-qrels go together")
    fit = (fit_queries, fit_qrels) if fit_queries and fit_qrels else None
    options = replace(CLEF_PRESETS[embedding], threads=threads)
    report = run_clef_eval(claims, queries, predictions_out, qrels, options=options, fit=fit)
    click.echo(report.summary())
