"""The SQLite store: articles, version chains, full-text search and the ingest log.

One :class:`Store` wraps one ``sqlite3`` connection in WAL mode with foreign keys on. The
schema comes from numbered SQL files (``migrations/0001_initial.sql``, ``0002_...``) applied in
order, each in its own transaction, and recorded in ``schema_migrations``. Adding a migration
is adding the next numbered file; nothing else changes.

Articles are immutable once stored. A changed text at a known URL is stored as a new row whose
``version_of`` points at the previous version, so the whole history stays queryable.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from types import TracebackType
from typing import Any, Literal

from newstrace.errors import StoreError
from newstrace.model import Article, EditorialNote, Removal, Span

Outcome = Literal["stored", "duplicate", "new_version"]

DEFAULT_DB = "newstrace.db"
ENV_DB = "NEWSTRACE_DB"
MIN_PREFIX = 6
BUSY_TIMEOUT_SECONDS = 5.0

_MIGRATION_FILE = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")
_ROW_COLUMNS = "id, outlet, title, published, language, url, chars, version_of, added_at"


@dataclass(frozen=True, slots=True)
class Migration:
    """One numbered schema migration: ``NNNN_name.sql``."""

    version: int
    name: str
    sql: str

    @property
    def filename(self) -> str:
        """The file name the migration was loaded from."""
        return f"{self.version:04d}_{self.name}.sql"


@dataclass(frozen=True, slots=True)
class AddResult:
    """What :meth:`Store.add_article` did with one article.

    ``previous_id`` is the version this article supersedes (``None`` for a first version);
    ``same_text_as`` lists other stored articles with exactly the same text (syndicated copies).
    """

    outcome: Outcome
    article_id: str
    previous_id: str | None = None
    same_text_as: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ArticleRow:
    """A light summary of a stored article, for listings and search results."""

    id: str
    outlet: str | None
    title: str | None
    published: str | None
    language: str | None
    url: str | None
    chars: int
    version_of: str | None
    added_at: str


@dataclass(frozen=True, slots=True)
class LogEntry:
    """One line of the ingest log: which input, what happened, and why."""

    seq: int
    at: str
    input: str
    outcome: str
    reason: str | None
    article_id: str | None


def load_migrations(source: Traversable | None = None) -> tuple[Migration, ...]:
    """Read the numbered ``NNNN_name.sql`` files of ``source`` (default: the packaged ones).

    Raises :class:`StoreError` when a ``.sql`` file is misnamed or the numbers do not run
    1, 2, 3... without gaps or repeats.
    """
    folder = source if source is not None else files("newstrace.store") / "migrations"
    if not folder.is_dir():
        raise StoreError(f"migrations folder {folder} does not exist")
    found: list[Migration] = []
    for entry in folder.iterdir():
        if not entry.name.endswith(".sql"):
            continue
        match = _MIGRATION_FILE.match(entry.name)
        if match is None:
            raise StoreError(f"{entry.name}: migration files must be named NNNN_name.sql")
        found.append(Migration(int(match[1]), match[2], entry.read_text(encoding="utf-8")))
    found.sort(key=lambda m: m.version)
    numbers = [m.version for m in found]
    if not numbers:
        raise StoreError(f"no migrations found in {folder}")
    if numbers != list(range(1, len(numbers) + 1)):
        raise StoreError(
            f"migrations in {folder} must be numbered 0001, 0002, ... without gaps or repeats;"
            f" found {', '.join(f'{n:04d}' for n in numbers)}"
        )
    return tuple(found)


def split_statements(sql: str) -> list[str]:
    """Split an SQL script into single statements (trigger bodies and literals stay whole)."""
    statements: list[str] = []
    buffer = ""
    pieces = sql.split(";")
    for index, piece in enumerate(pieces):
        buffer += piece
        if index == len(pieces) - 1:
            break
        buffer += ";"
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements


class Store:
    """SQLite store: WAL, foreign keys on, numbered migrations, FTS5 over article text.

    ``path`` may be ``":memory:"``. ``migrations`` replaces the packaged migrations folder
    (tests use it to try a new migration). Use as a context manager or call :meth:`close`.
    """

    def __init__(self, path: str | Path, *, migrations: Traversable | None = None) -> None:
        self.path = str(path)
        self._migrations = load_migrations(migrations)
        try:
            conn = sqlite3.connect(self.path, isolation_level=None, timeout=BUSY_TIMEOUT_SECONDS)
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot open the database: {exc}") from exc
        conn.row_factory = sqlite3.Row
        self._conn: sqlite3.Connection | None = conn
        try:
            self._prepare(conn)
        except sqlite3.Error as exc:
            self.close()
            raise StoreError(f"{self.path}: not a usable newstrace database: {exc}") from exc
        except BaseException:
            self.close()
            raise

    @classmethod
    def open(cls, path: str | Path | None = None) -> Store:
        """Open ``path``, else ``$NEWSTRACE_DB``, else ``./newstrace.db``."""
        chosen = path if path is not None else os.environ.get(ENV_DB) or DEFAULT_DB
        return cls(chosen)

    # --- lifecycle -------------------------------------------------------------------------

    def close(self) -> None:
        """Close the connection (safe to call twice)."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        state = "open" if self._conn is not None else "closed"
        return f"Store({self.path!r}, {state})"

    @property
    def schema_version(self) -> int:
        """The highest migration number applied to this database."""
        row = self._read_one("SELECT max(version) FROM schema_migrations", ())
        return int(row[0]) if row is not None and row[0] is not None else 0

    # --- writes ----------------------------------------------------------------------------

    def add_article(self, article: Article, *, input_name: str | None = None) -> AddResult:
        """Store one article atomically and record it in the ingest log.

        An id already stored is a ``"duplicate"`` (nothing changes). A different text at the
        URL or canonical URL of a stored article is a ``"new_version"`` linked to the latest
        stored version of that URL; an article that already carries ``version_of`` keeps it.
        ``input_name`` labels the log entry (default: the article's source, URL or id).
        """
        with self._transaction() as conn:
            known = conn.execute(
                "SELECT version_of FROM articles WHERE id = ?", (article.id,)
            ).fetchone()
            if known is not None:
                result = AddResult("duplicate", article.id, known[0], _same_text(conn, article))
            else:
                previous = article.version_of or _latest_version(conn, article)
                _insert(conn, replace(article, version_of=previous))
                outcome: Outcome = "new_version" if previous else "stored"
                result = AddResult(outcome, article.id, previous, _same_text(conn, article))
            _log(conn, input_name or _input_label(article), result.outcome, None, article.id)
        return result

    def log_input(
        self,
        input_name: str,
        outcome: str,
        *,
        reason: str | None = None,
        article_id: str | None = None,
    ) -> None:
        """Record what happened to one input (e.g. ``"rejected"`` with the reason)."""
        with self._transaction() as conn:
            _log(conn, input_name, outcome, reason, article_id)

    # --- reads -----------------------------------------------------------------------------

    def get_article(self, id_or_prefix: str) -> Article | None:
        """The article with this id or unique id prefix (at least 6 characters), or ``None``.

        Raises :class:`StoreError` when the prefix is too short or matches several articles.
        """
        article_id = self._resolve(id_or_prefix)
        if article_id is None:
            return None
        row = self._read_one("SELECT * FROM articles WHERE id = ?", (article_id,))
        if row is None:
            return None
        return _row_to_article(row)

    def list_articles(self) -> list[ArticleRow]:
        """Every stored article, oldest first."""
        rows = self._read(f"SELECT {_ROW_COLUMNS} FROM articles ORDER BY seq", ())
        return [_row_to_summary(row) for row in rows]

    def versions(self, article_id: str) -> list[Article]:
        """The whole version chain containing ``article_id`` (id or prefix), oldest first.

        Empty when no article has that id.
        """
        resolved = self._resolve(article_id)
        if resolved is None:
            return []
        rows = self._read(_VERSION_CHAIN_SQL, (resolved,))
        return [_row_to_article(row) for row in rows]

    def search(self, query: str, limit: int = 20) -> list[ArticleRow]:
        """Articles whose title or text contain every word of ``query``, best match first.

        Words are matched whole and case-insensitively (accents and ё ignored); a word ending
        in ``*`` matches as a prefix. FTS5 operators are not interpreted.
        """
        if limit < 1:
            raise ValueError(f"limit must be at least 1, got {limit}")
        match = fts_query(query)
        if not match:
            return []
        rows = self._read(
            f"SELECT {', '.join('a.' + c for c in _ROW_COLUMNS.split(', '))}"
            " FROM articles_fts JOIN articles AS a ON a.seq = articles_fts.rowid"
            " WHERE articles_fts MATCH ? ORDER BY rank, a.seq LIMIT ?",
            (match, limit),
        )
        return [_row_to_summary(row) for row in rows]

    def ingest_log(self, limit: int | None = None) -> list[LogEntry]:
        """Ingest log entries, newest first (all of them, or the ``limit`` most recent)."""
        sql = "SELECT seq, at, input, outcome, reason, article_id FROM ingest_log ORDER BY seq DESC"
        params: tuple[Any, ...] = ()
        if limit is not None:
            if limit < 1:
                raise ValueError(f"limit must be at least 1, got {limit}")
            sql += " LIMIT ?"
            params = (limit,)
        return [
            LogEntry(row[0], row[1], row[2], row[3], row[4], row[5])
            for row in self._read(sql, params)
        ]

    # --- internals -------------------------------------------------------------------------

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            raise StoreError(f"{self.path}: the store is closed")
        return self._conn

    def _read(self, sql: str, params: Sequence[Any]) -> list[sqlite3.Row]:
        try:
            return list(self._connection().execute(sql, params).fetchall())
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: read failed: {exc}") from exc

    def _read_one(self, sql: str, params: Sequence[Any]) -> sqlite3.Row | None:
        rows = self._read(sql, params)
        return rows[0] if rows else None

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction: committed on success, rolled back on any exception."""
        conn = self._connection()
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot start a write: {exc}") from exc
        try:
            yield conn
            conn.execute("COMMIT")
        except BaseException as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise StoreError(f"{self.path}: write failed, nothing changed: {exc}") from exc
            if isinstance(exc, UnicodeEncodeError):
                raise StoreError(
                    f"{self.path}: write failed, nothing changed: text is not valid Unicode"
                    f" ({exc.reason})"
                ) from exc
            raise

    def _resolve(self, id_or_prefix: str) -> str | None:
        for key in (id_or_prefix, id_or_prefix.strip()):
            if self._read_one("SELECT 1 FROM articles WHERE id = ?", (key,)) is not None:
                return key
        if len(key) < MIN_PREFIX:
            raise StoreError(
                f"article id prefix {key!r} is too short: give at least {MIN_PREFIX} characters"
            )
        rows = self._read(
            "SELECT id FROM articles WHERE id >= ? AND id < ? ORDER BY id LIMIT 6",
            (key, key + "\U0010ffff"),
        )
        ids = [str(row[0]) for row in rows if str(row[0]).startswith(key)]
        if len(ids) > 1:
            shown = ", ".join(ids[:5]) + (", ..." if len(ids) > 5 else "")
            raise StoreError(f"article id prefix {key!r} is ambiguous: it matches {shown}")
        return ids[0] if ids else None

    def _prepare(self, conn: sqlite3.Connection) -> None:
        """Check what the file holds, set pragmas and apply pending migrations."""
        names = {str(r[0]) for r in conn.execute("SELECT name FROM sqlite_master").fetchall()}
        if "schema_migrations" not in names and any(not n.startswith("sqlite_") for n in names):
            raise StoreError(
                f"{self.path}: an SQLite database but not a newstrace store"
                " (it has tables and no schema_migrations); refusing to change it"
            )
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")  # safe with WAL: consistent after a crash
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
        )
        applied = {int(r[0]) for r in conn.execute("SELECT version FROM schema_migrations")}
        known = self._migrations[-1].version
        newest = max(applied, default=0)
        if newest > known:
            raise StoreError(
                f"{self.path}: written by a newer newstrace (schema version {newest}; this"
                f" version knows up to {known}); upgrade newstrace to open it"
            )
        for migration in self._migrations:
            if migration.version not in applied:
                self._apply(conn, migration)

    def _apply(self, conn: sqlite3.Connection, migration: Migration) -> None:
        """Run one migration and record it, all in one transaction."""
        conn.execute("BEGIN IMMEDIATE")
        try:
            done = conn.execute(
                "SELECT 1 FROM schema_migrations WHERE version = ?", (migration.version,)
            ).fetchone()
            if done is None:  # another process may have applied it while we waited
                for statement in split_statements(migration.sql):
                    conn.execute(statement)
                conn.execute(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                    (migration.version, migration.name, _now()),
                )
            conn.execute("COMMIT")
        except BaseException as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise StoreError(
                    f"{self.path}: migration {migration.filename} failed and was rolled back: {exc}"
                ) from exc
            raise


_VERSION_CHAIN_SQL = """
WITH RECURSIVE
    up(id, version_of) AS (
        SELECT id, version_of FROM articles WHERE id = ?
        UNION
        SELECT a.id, a.version_of FROM articles AS a JOIN up ON a.id = up.version_of
    ),
    down(id) AS (
        SELECT id FROM up WHERE version_of IS NULL
        UNION
        SELECT a.id FROM articles AS a JOIN down ON a.version_of = down.id
    )
SELECT articles.* FROM articles JOIN down ON articles.id = down.id ORDER BY articles.seq
"""


def fts_query(query: str) -> str:
    """Turn user words into a safe FTS5 query: every word required, ``word*`` as a prefix."""
    terms: list[str] = []
    for word in _fold(query).split():
        prefix = word.endswith("*")
        bare = word.rstrip("*")
        if not bare:
            continue
        quoted = '"' + bare.replace('"', '""') + '"'
        terms.append(quoted + "*" if prefix else quoted)
    return " ".join(terms)


def _fold(text: str) -> str:
    """The folding the full-text index applies (see ``articles_fts_source``)."""
    return text.replace("ё", "е").replace("Ё", "Е")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _input_label(article: Article) -> str:
    return article.source or article.url or article.canonical_url or f"article {article.id}"


def _same_text(conn: sqlite3.Connection, article: Article) -> tuple[str, ...]:
    rows = conn.execute(
        "SELECT id FROM articles WHERE content_hash = ? AND id != ? ORDER BY seq",
        (article.content_hash, article.id),
    ).fetchall()
    return tuple(str(row[0]) for row in rows)


def _latest_version(conn: sqlite3.Connection, article: Article) -> str | None:
    """The latest stored article at the same URL with a different text, if any."""
    keys = sorted({u for u in (article.url, article.canonical_url) if u})
    if not keys:
        return None
    marks = ", ".join("?" for _ in keys)
    row = conn.execute(
        f"SELECT id, content_hash FROM articles WHERE url IN ({marks})"
        f" OR canonical_url IN ({marks}) ORDER BY seq DESC LIMIT 1",
        (*keys, *keys),
    ).fetchone()
    if row is None or row[1] == article.content_hash:
        return None
    return str(row[0])


def _log(
    conn: sqlite3.Connection,
    input_name: str,
    outcome: str,
    reason: str | None,
    article_id: str | None,
) -> None:
    conn.execute(
        "INSERT INTO ingest_log (at, input, outcome, reason, article_id) VALUES (?, ?, ?, ?, ?)",
        (_now(), input_name, outcome, reason, article_id),
    )


def _insert(conn: sqlite3.Connection, article: Article) -> None:
    values: dict[str, Any] = {
        "id": article.id,
        "content_hash": article.content_hash,
        "text": article.text,
        "chars": len(article.text),
        "outlet": article.outlet,
        "url": article.url,
        "canonical_url": article.canonical_url,
        "title": article.title,
        "byline": article.byline,
        "published": article.published,
        "updated": article.updated,
        "language": article.language,
        "site_name": article.site_name,
        "source": article.source,
        "version_of": article.version_of,
        "notes_json": _dumps([_note_to_json(n) for n in article.notes]),
        "removed_json": _dumps([r.to_dict() for r in article.removed]),
        "extra_json": _dumps(dict(article.extra)),
        "added_at": _now(),
    }
    columns = ", ".join(values)
    marks = ", ".join(f":{name}" for name in values)
    conn.execute(f"INSERT INTO articles ({columns}) VALUES ({marks})", values)


def _dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _note_to_json(note: EditorialNote) -> dict[str, Any]:
    span = note.span
    return {
        "kind": note.kind,
        "text": note.text,
        "old": note.old,
        "new": note.new,
        "span": None if span is None else [span.start, span.end, span.text, span.label],
    }


def _note_from_json(data: dict[str, Any]) -> EditorialNote:
    raw = data.get("span")
    span = None if raw is None else Span(int(raw[0]), int(raw[1]), str(raw[2]), str(raw[3]))
    return EditorialNote(
        kind=data["kind"], text=data["text"], span=span, old=data["old"], new=data["new"]
    )


def _row_to_article(row: sqlite3.Row) -> Article:
    return Article(
        id=row["id"],
        text=row["text"],
        outlet=row["outlet"],
        url=row["url"],
        title=row["title"],
        byline=row["byline"],
        published=row["published"],
        updated=row["updated"],
        language=row["language"],
        site_name=row["site_name"],
        canonical_url=row["canonical_url"],
        source=row["source"],
        notes=tuple(_note_from_json(n) for n in json.loads(row["notes_json"])),
        removed=tuple(
            Removal(kind=r["kind"], text=r["text"], reason=r["reason"])
            for r in json.loads(row["removed_json"])
        ),
        version_of=row["version_of"],
        extra=json.loads(row["extra_json"]),
    )


def _row_to_summary(row: sqlite3.Row) -> ArticleRow:
    return ArticleRow(
        id=row["id"],
        outlet=row["outlet"],
        title=row["title"],
        published=row["published"],
        language=row["language"],
        url=row["url"],
        chars=int(row["chars"]),
        version_of=row["version_of"],
        added_at=row["added_at"],
    )
