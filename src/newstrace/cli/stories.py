"""Story commands: ``newstrace stories`` and ``newstrace eval ecbplus``."""

from __future__ import annotations

from pathlib import Path

import click

from newstrace.cli._common import db_option, echo_json, main
from newstrace.cli.evaluate import eval_

_FILE = click.Path(exists=True, dir_okay=False, path_type=Path)


@main.command()
@db_option()
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
@click.option("--explain", is_flag=True, help="Show why each article is in its story.")
def stories(db: Path | None, fmt: str, explain: bool) -> None:
    """List stories with their articles (articles not yet in a story are assigned first)."""
    from newstrace.store import Store
    from newstrace.store.stories import StoryStore

    with Store.open(db) as store:
        story_store = StoryStore(store)
        story_store.assign_unassigned()
        found = story_store.stories()
    if fmt == "json":
        echo_json([story.to_dict(explain=explain) for story in found])
        return
    for story in found:
        span = _span(story.first_date, story.last_date)
        click.echo(f"{story.id}  {story.title}  ({len(story.members)} article(s){span})")
        if story.summary:
            click.echo(f"    {story.summary}")
        for member in story.members:
            dup = f"  duplicate of {member.duplicate_of}" if member.duplicate_of else ""
            click.echo(
                f"  - {member.article_id}  {(member.outlet or '-')[:24]:<24}  "
                f"{member.title or '-'}{dup}"
            )
            if explain:
                click.echo(f"      {_explanation(member.score, member.explanation)}")
    click.echo(f"{len(found)} story(ies)")


def _span(first: str | None, last: str | None) -> str:
    if not first:
        return ""
    return f", {first}" if first == last or not last else f", {first}..{last}"


def _explanation(score: float, data: dict[str, object]) -> str:
    if data.get("started_story"):
        return "started the story"
    parts = [f"similarity {score:.2f}"]
    for label, key in (
        ("terms cos", "centroid_cosine"),
        ("closest member cos", "closest_member_cosine"),
        ("entities", "entity_overlap"),
        ("numbers", "number_overlap"),
        ("embedding cos", "embedding_cosine"),
    ):
        value = data.get(key)
        if isinstance(value, int | float):
            parts.append(f"{label} {value:.2f}")
    for label, key in (("shared entities", "shared_entities"), ("numbers", "shared_numbers"),
                       ("terms", "shared_terms")):  # fmt: skip
        values = data.get(key)
        if isinstance(values, list) and values:
            parts.append(f"{label}: {', '.join(str(v) for v in values[:6])}")
    gap = data.get("time_gap_days")
    if isinstance(gap, int) and gap:
        parts.append(f"{gap} days outside the story's dates")
    return "; ".join(parts)


@eval_.command()
@click.option("--data", type=_FILE, required=True, help="ECB+-shaped JSONL (id, story, text).")
@click.option(
    "--predictions-out",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="Where to write one {id, story} JSON line per document.",
)
@click.option(
    "--embedding",
    type=click.Choice(["none", "use", "e5"]),
    default="none",
    help="Blend a multilingual lead embedding into the fit (slower).",
)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def ecbplus(data: Path, predictions_out: Path, embedding: str, fmt: str) -> None:
    """Story clustering on ECB+ through the incremental clusterer, in file order."""
    from newstrace.errors import NewstraceError
    from newstrace.evaluate.ecbplus import run_ecbplus_eval
    from newstrace.link.embed import EmbeddingOptions

    options = None
    if embedding != "none":
        options = EmbeddingOptions(model="e5" if embedding == "e5" else "use")
    try:
        report = run_ecbplus_eval(data, predictions_out, embedding=options)
    except NewstraceError as exc:
        raise click.UsageError(str(exc)) from exc
    if fmt == "json":
        echo_json(report.to_dict())
    else:
        click.echo(report.summary())
