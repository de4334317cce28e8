"""Article commands: extract, add, list, show."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import click

from newstrace.cli._common import (
    EXIT_OK,
    EXIT_REJECTED,
    db_option,
    echo_json,
    main,
    meta_option,
    private_option,
    report_rejection,
    stream_articles,
)
from newstrace.errors import NewstraceError
from newstrace.model import Article, Rejection


@main.command()
@click.argument("input_", metavar="INPUT")
@meta_option()
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="text")
@click.option("--explain", is_flag=True, help="Also show what cleaning removed, and why.")
@private_option()
def extract(input_: str, meta: Path | None, fmt: str, explain: bool, allow_private: bool) -> None:
    """Print the cleaned article(s) from INPUT (file, directory, URL, feed, WARC, JSONL, -)."""
    rejected = False
    for item in stream_articles([input_], meta, allow_private):
        if isinstance(item, Rejection):
            report_rejection(item)
            rejected = True
            continue
        if fmt == "json":
            echo_json(item.to_dict())
        else:
            click.echo(_article_text(item, explain))
    sys.exit(EXIT_REJECTED if rejected else EXIT_OK)


def _article_text(article: Article, explain: bool) -> str:
    head = [
        f"id:        {article.id}",
        f"outlet:    {article.outlet or '-'}",
        f"title:     {article.title or '-'}",
        f"url:       {article.url or '-'}",
        f"published: {article.published or '-'}",
        f"language:  {article.language or '-'}",
    ]
    lines = [*head, "", article.text, ""]
    for note in article.notes:
        lines.append(f"[{note.kind}] {note.text}")
        if note.old or note.new:
            lines.append(f"    old: {note.old or '-'}")
            lines.append(f"    new: {note.new or '-'}")
    if explain:
        lines.append("")
        lines.append(f"removed ({len(article.removed)}):")
        for removal in article.removed:
            reason = f" ({removal.reason})" if removal.reason else ""
            lines.append(f"  - {removal.kind}{reason}: {removal.text!r}")
    return "\n".join(lines)


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@meta_option()
@db_option()
@private_option()
def add(inputs: tuple[str, ...], meta: Path | None, db: Path | None, allow_private: bool) -> None:
    """Ingest INPUTS into the store: one line per article, then totals."""
    from newstrace.store import Store
    from newstrace.store.stories import StoryStore

    totals: dict[str, int] = {}
    with Store.open(db) as store:
        story_store = StoryStore(store)
        for item in stream_articles(inputs, meta, allow_private):
            if isinstance(item, Rejection):
                store.log_input(item.input, "rejected", reason=item.reason)
                report_rejection(item)
                outcome = "rejected"
            else:
                result = store.add_article(item, input_name=item.source)
                outcome = result.outcome
                extra = f" (previous {result.previous_id})" if result.previous_id else ""
                if result.same_text_as:
                    extra += f" (same text as {', '.join(result.same_text_as)})"
                if result.outcome != "duplicate":
                    extra += f" (story {story_store.assign(item).story_id})"
                click.echo(
                    f"{outcome:<11} {result.article_id}  {item.outlet or '-'}  "
                    f"{item.title or '-'}  [{item.source or '-'}]{extra}"
                )
            totals[outcome] = totals.get(outcome, 0) + 1
    summary = ", ".join(f"{n} {k}" for k, n in sorted(totals.items())) or "nothing"
    click.echo(f"total: {summary}")
    sys.exit(EXIT_REJECTED if totals.get("rejected") else EXIT_OK)


@main.command(name="list")
@db_option()
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
def list_(db: Path | None, fmt: str) -> None:
    """List stored articles."""
    from newstrace.store import Store

    with Store.open(db) as store:
        rows = store.list_articles()
    if fmt == "json":
        echo_json([dataclasses.asdict(row) for row in rows])
        return
    for row in rows:
        click.echo(
            f"{row.id}  {(row.published or '-')[:10]:<10}  {row.language or '-':<3} "
            f"{(row.outlet or '-')[:24]:<24}  {row.title or '-'}"
        )
    click.echo(f"{len(rows)} article(s)")


@main.command()
@click.argument("article_id", metavar="ID")
@db_option()
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="text")
def show(article_id: str, db: Path | None, fmt: str) -> None:
    """Show one stored article (a unique id prefix is enough)."""
    from newstrace.store import Store

    with Store.open(db) as store:
        try:
            article = store.get_article(article_id)
        except NewstraceError as exc:
            raise click.UsageError(str(exc)) from exc
    if article is None:
        raise click.UsageError(f"no article with id {article_id!r}")
    if fmt == "json":
        echo_json(article.to_dict())
    else:
        click.echo(_article_text(article, explain=True))
