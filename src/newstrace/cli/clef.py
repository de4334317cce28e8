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
    type=click.Choice(["e5", "use", "none"]),
    default="e5",
    show_default=True,
    help="Encoder fused with BM25 (none: BM25 only).",
)
@click.option("--threads", type=int, default=1, show_default=True, help="Encoder threads.")
def clef2020(
    claims: Path,
    queries: Path,
    predictions_out: Path,
    qrels: Path | None,
    embedding: str,
    threads: int,
) -> None:
    """Match tweets to verified claims with the claim matcher; write a run, print MAP@5."""
    from dataclasses import replace

    from newstrace.evaluate.clef2020 import CLEF_OPTIONS, run_clef_eval
    from newstrace.link.claim_match import ClaimMatcher, EmbeddingModel

    model: EmbeddingModel = "e5" if embedding == "e5" else ("use" if embedding == "use" else "none")
    options = replace(CLEF_OPTIONS, embedding=model, threads=threads)
    report = run_clef_eval(claims, queries, predictions_out, qrels, matcher=ClaimMatcher(options))
    click.echo(report.summary())
