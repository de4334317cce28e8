"""Report commands: ``analyze`` (one-shot, no database) and ``report`` (a stored story).

Both build the same report document (``{articles, stories}``, see
:mod:`newstrace.report.json`) and render it as JSON, Markdown, self-contained HTML or the CSV
claim matrix.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import click

from newstrace.analyze.options import AnalysisOptions
from newstrace.cli._common import (
    FC,
    Batch,
    analysis_options,
    db_option,
    main,
    meta_option,
    private_option,
)
from newstrace.cli.analysis import backend_option
from newstrace.errors import NewstraceError
from newstrace.model import Article
from newstrace.report.json import StoryItems
from newstrace.store import Store

FORMATS = ("json", "markdown", "html", "csv")
SUFFIXES = {"json": ".json", "markdown": ".md", "html": ".html", "csv": ".csv"}


def render(doc: Mapping[str, Any], fmt: str) -> str:
    """The document rendered in one of :data:`FORMATS`."""
    if fmt == "json":
        from newstrace.report.json import render_json

        return render_json(doc)
    if fmt == "markdown":
        from newstrace.report.markdown import render_markdown

        return render_markdown(doc)
    if fmt == "html":
        from newstrace.report.html import render_html

        return render_html(doc)
    if fmt == "csv":
        from newstrace.report.csv import render_csv

        return render_csv(doc)
    raise click.UsageError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")


def emit(text: str, out: Path | None) -> None:
    """Write the rendered report to ``out`` (a file), or to standard output."""
    if out is None:
        click.echo(text, nl=False)
        return
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8", newline="")
    except OSError as exc:
        raise click.ClickException(f"could not write the report to {out}: {exc}") from exc
    click.echo(f"wrote     {out}", err=True)


def format_option() -> Callable[[FC], FC]:
    """``--format json|markdown|html|csv``."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(FORMATS),
        default="json",
        show_default=True,
        help="Report format (csv is the claim matrix).",
    )


def out_option() -> Callable[[FC], FC]:
    """``--out PATH``: the report file (default: standard output)."""
    return click.option(
        "--out",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="Write the report to this file instead of standard output.",
    )


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@meta_option()
@format_option()
@out_option()
@click.option(
    "--one-story", is_flag=True, help="Treat all inputs as one story (skip story clustering)."
)
@backend_option()
@private_option()
def analyze(
    inputs: tuple[str, ...],
    meta: Path | None,
    fmt: str,
    out: Path | None,
    one_story: bool,
    backend: str,
    allow_private: bool,
) -> None:
    """Run the whole pipeline on INPUTS (no database) and print the story report."""
    from newstrace.report.json import build_document, split_stories
    from newstrace.report.json import one_story as single

    batch = Batch()
    pairs = list(batch.analysed(inputs, meta, backend, allow_private))
    try:
        stories = single(pairs) if one_story and pairs else split_stories(pairs)
        doc = build_document(stories)
    except NewstraceError as exc:
        raise click.ClickException(str(exc)) from exc
    emit(render(doc, fmt), out)
    sys.exit(batch.exit_code)


@main.command()
@click.argument("story_id")
@db_option()
@format_option()
@out_option()
@backend_option()
def report(story_id: str, db: Path | None, fmt: str, out: Path | None, backend: str) -> None:
    """Print the report of the stored story STORY_ID (ids as `newstrace stories` lists them)."""
    from newstrace.report.json import build_document

    options = analysis_options(backend)
    try:
        with Store.open(db) as store:
            stories = [stored_story(store, story_id, options)]
            versions = {article.id: store.versions(article.id) for article, _ in stories[0].items}
        doc = build_document(stories, versions=versions)
    except NewstraceError as exc:
        raise click.ClickException(str(exc)) from exc
    emit(render(doc, fmt), out)


def stored_story(store: Store, story_id: str, options: AnalysisOptions) -> StoryItems:
    """Load a stored story (by id or unique id prefix) and analyse its articles."""
    from newstrace.analyze import analyze_many
    from newstrace.store.stories import StoryStore

    found = [s for s in StoryStore(store).stories() if s.id.startswith(story_id)]
    exact = [s for s in found if s.id == story_id]
    if exact:
        found = exact
    if not found:
        raise click.ClickException(f"no stored story {story_id!r}: see `newstrace stories`")
    if len(found) > 1:
        names = ", ".join(s.id for s in found[:5])
        raise click.ClickException(f"story id {story_id!r} is ambiguous: {names}")
    story = found[0]
    articles: list[Article] = []
    for member in story.members:
        article = store.get_article(member.article_id)
        if article is None:
            raise click.ClickException(
                f"story {story.id} names a missing article {member.article_id}"
            )
        articles.append(article)
    items = tuple(zip(articles, analyze_many(articles, options), strict=True))
    return StoryItems(story.id, story.title or None, items)
