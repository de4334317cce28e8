"""Shared pieces of the ``newstrace`` command: the group, options and input streaming.

Exit codes: 0 all good, 1 some inputs rejected (the others were still processed), 2 usage error.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import click

from newstrace.errors import NewstraceError
from newstrace.model import Article, ArticleAnalysis, Rejection

EXIT_OK, EXIT_REJECTED, EXIT_USAGE = 0, 1, 2
FC = TypeVar("FC", bound=Callable[..., Any])
PROGRESS_EVERY = 100


def echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def _load_meta(meta: Path | None) -> Any:
    """The --meta index, or None; a bad file is a usage error naming it."""
    if meta is None:
        return None
    from newstrace.ingest import MetaIndex

    try:
        return MetaIndex.load(meta)
    except NewstraceError as exc:
        raise click.UsageError(str(exc)) from exc


def _ingest_options(allow_private: bool) -> Any:
    from newstrace.ingest import IngestOptions

    return IngestOptions(allow_private=allow_private)


def stream_articles(
    inputs: Iterable[str], meta: Path | None, allow_private: bool = False
) -> Iterator[Article | Rejection]:
    """Stream articles and rejections from the inputs, with progress on stderr."""
    from newstrace.ingest import ingest

    index = _load_meta(meta)
    items = ingest(list(inputs), meta=index, options=_ingest_options(allow_private))
    for count, item in enumerate(items, 1):
        if count % PROGRESS_EVERY == 0:
            click.echo(f"... {count} inputs processed", err=True)
        yield item


def report_rejection(item: Rejection) -> None:
    click.echo(f"rejected  {item.input}: {item.reason}", err=True)


def db_option() -> Callable[[FC], FC]:
    return click.option(
        "--db",
        "db",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="SQLite database (default: $NEWSTRACE_DB or ./newstrace.db).",
    )


def meta_option() -> Callable[[FC], FC]:
    return click.option(
        "--meta",
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        default=None,
        help="JSON list of per-file metadata (file or url, outlet, published, language, ...).",
    )


def private_option() -> Callable[[FC], FC]:
    return click.option(
        "--allow-private",
        is_flag=True,
        help="Allow fetching URLs on loopback, private or link-local addresses.",
    )


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="newstrace")
def main() -> None:
    """newstrace: what every outlet says about a story, where each claim came from."""


def analysis_options(backend: str) -> Any:
    """The analysis options a ``--backend`` value names."""
    from newstrace.analyze.options import AnalysisOptions

    return AnalysisOptions(backend="rules" if backend == "rules" else "spacy")


class Batch:
    """Inputs streamed and analysed one by one; rejections are reported and counted."""

    def __init__(self) -> None:
        self.rejected = 0

    def articles(
        self, inputs: Iterable[str], meta: Path | None, allow_private: bool = False
    ) -> Iterator[Article]:
        """The articles of the inputs; each rejection is reported on stderr and counted."""
        for item in stream_articles(inputs, meta, allow_private):
            if isinstance(item, Rejection):
                report_rejection(item)
                self.rejected += 1
                continue
            yield item

    def analysed(
        self, inputs: Iterable[str], meta: Path | None, backend: str, allow_private: bool = False
    ) -> Iterator[tuple[Article, ArticleAnalysis]]:
        """Each article of the inputs with its analysis (articles parsed in batches)."""
        from newstrace.analyze import analyze_many
        from newstrace.analyze.nlp import BATCH_TEXTS

        options = analysis_options(backend)
        stream = self.articles(inputs, meta, allow_private)
        while batch := list(itertools.islice(stream, BATCH_TEXTS)):
            yield from zip(batch, analyze_many(batch, options), strict=True)

    @property
    def exit_code(self) -> int:
        """1 when any input was rejected, else 0."""
        return EXIT_REJECTED if self.rejected else EXIT_OK
