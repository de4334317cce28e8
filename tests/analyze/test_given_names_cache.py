"""The person-name sets kept in the user cache equal the sets built from Faker."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from newstrace import _cache
from newstrace.analyze import _given_names
from newstrace.analyze._given_names import Tables


@pytest.fixture(scope="module")
def fresh() -> Tables:
    return _given_names.build_tables()


@pytest.fixture
def cache_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return tmp_path / "newstrace"


def _forbid_build(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail() -> Tables:
        raise AssertionError("built instead of read from the cache")

    monkeypatch.setattr(_given_names, "build_tables", fail)


def test_cache_dir_honours_xdg(cache_home: Path) -> None:
    assert _cache.cache_dir() == cache_home


def test_cache_file_is_named_by_versions(cache_home: Path) -> None:
    name = _given_names.cached_tables_path().name
    assert _given_names.cached_tables_path().parent == cache_home
    assert name.startswith("person-names-v1-faker-")
    assert "-unidecode-" in name


def test_first_load_writes_cache_and_second_reads_it(
    cache_home: Path, fresh: Tables, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = _given_names.load_tables()
    assert first == fresh
    assert _given_names.cached_tables_path().is_file()
    _forbid_build(monkeypatch)
    second = _given_names.load_tables()
    assert second == fresh
    assert "Galina" in second[0] and "Галина" in second[0]
    assert "Hughes" in second[1]


def test_damaged_cache_file_is_rebuilt(cache_home: Path, fresh: Tables) -> None:
    path = _given_names.cached_tables_path()
    _given_names.load_tables()
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\nGalina\n", "\nGalinb\n"), encoding="utf-8")
    assert _given_names.load_tables() == fresh
    assert path.read_text(encoding="utf-8") == text
    path.write_text(text[: len(text) // 2], encoding="utf-8")
    assert _given_names.load_tables() == fresh
    path.write_bytes(b"\xff\xfe garbage")
    assert _given_names.load_tables() == fresh
    assert path.read_text(encoding="utf-8") == text


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write to a read-only folder")
def test_unwritable_folder_falls_back_to_building(tmp_path: Path, fresh: Tables) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        assert _given_names.load_tables(folder) == fresh
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(stat.S_IRWXU)


def test_failed_write_falls_back_to_building(
    cache_home: Path, fresh: Tables, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> int:
        raise PermissionError("read-only")

    monkeypatch.setattr(Path, "write_bytes", refuse)
    assert _given_names.load_tables() == fresh
    assert not _given_names.cached_tables_path().exists()
    assert list(cache_home.iterdir()) == []


def test_cache_folder_that_is_a_file_falls_back(tmp_path: Path, fresh: Tables) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    assert _given_names.load_tables(blocker) == fresh


def test_names_that_break_lines_are_not_cached(tmp_path: Path) -> None:
    tables: Tables = (frozenset({"Anna", "Bad\nName"}), frozenset({"Smith"}))
    with pytest.raises(ValueError):
        _given_names.encode_tables(tables)


def test_encoding_round_trips_odd_names() -> None:
    tables: Tables = (frozenset({"Anna", "Ђорђе", "O'Neil", "Mary Ann"}), frozenset({"Anna"}))
    assert _given_names.decode_tables(_given_names.encode_tables(tables)) == tables
    empty: Tables = (frozenset(), frozenset())
    assert _given_names.decode_tables(_given_names.encode_tables(empty)) == empty


def test_public_lookups_use_the_tables(
    cache_home: Path, fresh: Tables, monkeypatch: pytest.MonkeyPatch
) -> None:
    _given_names.load_tables()
    _forbid_build(monkeypatch)
    _given_names._cached_tables.cache_clear()
    assert _given_names.given_names() == fresh[0]
    assert _given_names.surnames() == fresh[1]
    assert _given_names.is_given_name("Galina")
    assert not _given_names.is_given_name("Ministry")
    _given_names._cached_tables.cache_clear()
