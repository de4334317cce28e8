"""Tests for numbered schema migrations: loading, applying once, adding one, refusing newer."""

from __future__ import annotations

import sqlite3
from importlib.resources import files
from pathlib import Path

import pytest

from newstrace.errors import StoreError
from newstrace.model import Article
from newstrace.store import Store, load_migrations
from newstrace.store.sqlite import split_statements

PACKAGED = load_migrations()
LATEST = len(PACKAGED)
NEXT = LATEST + 1
FAKE = f"{NEXT:04d}_analyses.sql"
BROKEN = f"{NEXT:04d}_broken.sql"

FAKE_SQL = """
-- a later migration: per-article analysis results (a stand-in for the next real one)
CREATE TABLE analyses (
    article_id TEXT NOT NULL REFERENCES articles (id),
    backend    TEXT NOT NULL DEFAULT 'rules; v1',  -- a semicolon inside a literal
    payload    TEXT NOT NULL,
    PRIMARY KEY (article_id, backend)
);
CREATE TRIGGER analyses_gone AFTER DELETE ON articles BEGIN
    DELETE FROM analyses WHERE article_id = old.id;
END;
ALTER TABLE articles ADD COLUMN analysed_at TEXT;
"""


def migrations_dir(tmp_path: Path, extra: dict[str, str]) -> Path:
    """A copy of the packaged migrations plus ``extra`` files, in a temporary folder."""
    folder = tmp_path / "migrations"
    folder.mkdir()
    for migration in PACKAGED:
        (folder / migration.filename).write_text(migration.sql, encoding="utf-8")
    for name, sql in extra.items():
        (folder / name).write_text(sql, encoding="utf-8")
    return folder


def applied_rows(path: Path) -> list[tuple[int, str, str]]:
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT version, name, applied_at FROM schema_migrations ORDER BY 1")
        return [(int(v), str(n), str(a)) for v, n, a in rows]


def test_packaged_migrations_load_as_package_data() -> None:
    folder = files("newstrace.store") / "migrations"
    assert (folder / "0001_initial.sql").is_file()
    assert [m.version for m in PACKAGED] == list(range(1, len(PACKAGED) + 1))
    assert PACKAGED[0].filename == "0001_initial.sql"
    assert "CREATE TABLE articles" in PACKAGED[0].sql


def test_migrations_applied_once_and_idempotent_on_reopen(tmp_path: Path) -> None:
    path = tmp_path / "m.db"
    article = Article.create("The ferry timetable changes next week.", url="https://f.example/t")
    with Store(path) as first:
        assert first.schema_version == len(PACKAGED)
        first.add_article(article)
    rows = applied_rows(path)
    assert [(v, n) for v, n, _ in rows] == [(m.version, m.name) for m in PACKAGED]
    with Store(path) as second:
        assert second.get_article(article.id) == article
    assert applied_rows(path) == rows


def test_a_new_migration_is_applied_from_an_injected_folder(tmp_path: Path) -> None:
    path = tmp_path / "upgrade.db"
    article = Article.create("Snow closed the mountain pass for two days.", outlet="Alps Post")
    with Store(path) as old:
        old.add_article(article)
    folder = migrations_dir(tmp_path, {FAKE: FAKE_SQL})
    with Store(path, migrations=folder) as upgraded:
        assert upgraded.schema_version == NEXT
        assert upgraded.get_article(article.id) == article
        assert [r.id for r in upgraded.search("mountain")] == [article.id]
        upgraded.add_article(Article.create("A second article after the upgrade."))
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("INSERT INTO analyses (article_id, payload) VALUES (?, '{}')", (article.id,))
        default = conn.execute("SELECT backend FROM analyses").fetchone()[0]
        assert default == "rules; v1"
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute("INSERT INTO analyses (article_id, payload) VALUES ('nope', '{}')")
    rows = applied_rows(path)
    assert [v for v, _, _ in rows] == list(range(1, NEXT + 1))
    with Store(path, migrations=folder) as again:
        assert len(again.list_articles()) == 2
    assert applied_rows(path) == rows


def test_newer_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "newer.db"
    folder = migrations_dir(tmp_path, {FAKE: FAKE_SQL})
    Store(path, migrations=folder).close()
    expected = rf"newer newstrace \(schema version {NEXT}; .* up to {LATEST}\)"
    with pytest.raises(StoreError, match=expected):
        Store(path)


def test_failing_migration_rolls_back_and_can_be_retried(tmp_path: Path) -> None:
    path = tmp_path / "broken.db"
    Store(path).close()
    broken = "CREATE TABLE half_done (x TEXT);\nCREATE TABLE broken (;\n"
    folder = migrations_dir(tmp_path, {BROKEN: broken})
    with pytest.raises(StoreError, match=rf"{BROKEN}\s*failed and was rolled back"):
        Store(path, migrations=folder)
    with sqlite3.connect(path) as conn:
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert "half_done" not in names
    assert [v for v, _, _ in applied_rows(path)] == list(range(1, NEXT))
    (folder / BROKEN).write_text("CREATE TABLE half_done (x TEXT);\n")
    with Store(path, migrations=folder) as fixed:
        assert fixed.schema_version == NEXT


def test_fresh_database_gets_every_injected_migration(tmp_path: Path) -> None:
    folder = migrations_dir(tmp_path, {FAKE: FAKE_SQL})
    with Store(":memory:", migrations=folder) as fresh:
        assert fresh.schema_version == NEXT


@pytest.mark.parametrize(
    ("files_present", "message"),
    [
        (
            {f"{NEXT:04d}_a.sql": "", f"{NEXT:04d}_b.sql": ""},
            f"without gaps or repeats; found (\\d{{4}}, )*{NEXT:04d}, {NEXT:04d}",
        ),
        ({f"{NEXT + 1:04d}_later.sql": ""}, f"without gaps or repeats; found .*{NEXT + 1:04d}"),
        ({"2_short.sql": ""}, "2_short.sql: migration files must be named NNNN_name.sql"),
        ({f"{NEXT:04d}_Capital.sql": ""}, "must be named NNNN_name.sql"),
    ],
)
def test_badly_numbered_migrations_are_rejected(
    tmp_path: Path, files_present: dict[str, str], message: str
) -> None:
    folder = migrations_dir(tmp_path, files_present)
    with pytest.raises(StoreError, match=message):
        load_migrations(folder)


def test_other_files_in_the_folder_are_ignored(tmp_path: Path) -> None:
    folder = migrations_dir(tmp_path, {"README.md": "notes", "0002_x.sql.orig": "junk"})
    assert [m.version for m in load_migrations(folder)] == [m.version for m in PACKAGED]


def test_empty_or_missing_folder_is_rejected(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no migrations found"):
        load_migrations(tmp_path)
    with pytest.raises(StoreError, match="does not exist"):
        load_migrations(tmp_path / "absent")


def test_split_statements_keeps_triggers_literals_and_comments_whole() -> None:
    statements = split_statements(FAKE_SQL)
    assert len(statements) == 3
    assert statements[0].startswith("-- a later migration")
    assert "'rules; v1'" in statements[0]
    assert statements[1].startswith("CREATE TRIGGER") and statements[1].endswith("END;")
    assert split_statements("SELECT 1; SELECT 2") == ["SELECT 1;", "SELECT 2"]
    assert split_statements("  \n") == []
