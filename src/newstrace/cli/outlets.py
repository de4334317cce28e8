"""``newstrace outlets``: how each outlet behaves across the stored stories."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import click

from newstrace.cli._common import analysis_options, db_option, echo_json, main
from newstrace.cli.analysis import backend_option
from newstrace.cli.report import stored_story
from newstrace.errors import NewstraceError
from newstrace.link.profiles import OutletProfile
from newstrace.store import Store

_COLUMNS = (
    ("outlet", "outlet"),
    ("stories", "stories"),
    ("articles", "articles"),
    ("origin", "origin_groups"),
    ("echo", "echo_groups"),
    ("origin share", "origin_share"),
    ("first", "first_reports"),
    ("first, corroborated", "first_reports_corroborated"),
    ("first, contested", "first_reports_contested"),
    ("exclusive", "exclusive_groups"),
    ("exclusive, contested", "exclusive_contested"),
    ("corrected", "corrections"),
)


@main.command()
@db_option()
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
@backend_option()
def outlets(db: Path | None, fmt: str, backend: str) -> None:
    """Outlet profiles across every stored story: how often each outlet is a first-hand origin
    or an echo of another outlet, how its first reports and exclusive claims fared
    (corroborated or contested), and how many of its articles carry a correction."""
    from newstrace.link.profiles import outlet_profiles
    from newstrace.link.story_view import build_story_view
    from newstrace.store.stories import StoryStore

    options = analysis_options(backend)
    try:
        with Store.open(db) as store:
            views = []
            for story in StoryStore(store).stories():
                loaded = stored_story(store, story.id, options)
                versions = {a.id: store.versions(a.id) for a, _ in loaded.items}
                views.append(
                    build_story_view(loaded.id, loaded.items, versions=versions, title=loaded.title)
                )
    except NewstraceError as exc:
        raise click.ClickException(str(exc)) from exc
    profiles = outlet_profiles(views)
    if fmt == "json":
        echo_json({"outlets": [p.to_dict() for p in profiles]})
        return
    click.echo(table(profiles))


def table(profiles: Sequence[OutletProfile]) -> str:
    """The profiles as an aligned text table, one outlet a line."""
    rows = [[label for label, _ in _COLUMNS]]
    for profile in profiles:
        data = profile.to_dict()
        rows.append([_cell(data[key]) for _, key in _COLUMNS])
    widths = [max(len(row[i]) for row in rows) for i in range(len(_COLUMNS))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in rows]
    if len(rows) == 1:
        lines.append("(no stored story yet: `newstrace add` articles first)")
    return "\n".join(line.rstrip() for line in lines)


def _cell(value: object) -> str:
    return f"{value:.2f}" if isinstance(value, float) else str(value)
