"""Side metadata (--meta): loading, lookup by path and URL, date normalisation."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from newstrace.errors import InputError
from newstrace.ingest.meta import MetaIndex, normalise_date, normalise_url

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "sources"
SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"


def _write(tmp_path: Path, data: object, name: str = "meta.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_fixture_loads_and_matches_by_file_name(tmp_path: Path) -> None:
    index = MetaIndex.load(FIXTURES / "meta.json")
    found = index.lookup(str(tmp_path / "elsewhere" / "note_a.txt"))
    assert found["outlet"] == "Plain Wire"
    assert found["published"] == "2022-11-03"
    assert index.lookup(str(tmp_path / "note_b.txt")) == {}


def test_matches_by_url_ignoring_scheme_www_slash_fragment_and_tracking() -> None:
    index = MetaIndex.load(FIXTURES / "meta.json")
    for url in (
        "https://wire.example/story",
        "http://www.wire.example/story/#comments",
        "https://wire.example/story?utm_medium=x",
    ):
        assert index.lookup("feed.xml#entry-1", url)["outlet"] == "Wire Service"
    assert index.lookup("https://wire.example/story")["title"] == "A story by URL"
    assert index.lookup("x", "https://wire.example/other") == {}


def test_full_path_beats_same_name_elsewhere(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "same.txt").write_text("one")
    (tmp_path / "b" / "same.txt").write_text("two")
    meta = _write(
        tmp_path,
        [{"file": "a/same.txt", "outlet": "A"}, {"file": "b/same.txt", "outlet": "B"}],
    )
    index = MetaIndex.load(meta)
    assert index.lookup(str(tmp_path / "b" / "same.txt"))["outlet"] == "B"
    assert index.lookup(str(tmp_path / "a" / "same.txt"))["outlet"] == "A"
    assert index.lookup("/somewhere/else/b/same.txt")["outlet"] == "B"


def test_ambiguous_file_name_is_not_guessed(tmp_path: Path) -> None:
    meta = _write(tmp_path, [{"file": "x/dup.txt", "outlet": "X"}, {"file": "y/dup.txt"}])
    assert MetaIndex.load(meta).lookup("/other/dup.txt") == {}


def test_non_string_values_become_json_text(tmp_path: Path) -> None:
    meta = _write(tmp_path, [{"file": "n.txt", "paywalled": True, "words": 812, "x": None}])
    found = MetaIndex.load(meta).lookup("n.txt")
    assert found == {"file": "n.txt", "paywalled": "true", "words": "812"}


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("{not json", "not valid JSON (line 1"),
        ('{"file": "a.txt"}', "JSON list"),
        ('["a.txt"]', "entry 1 is not a JSON object"),
        ('[{"outlet": "X"}]', "neither 'file' nor 'url'"),
        ('[{"file": "a.txt", "tags": ["a"]}]', "'tags' must be a plain value"),
    ],
)
def test_bad_metadata_files_raise_clear_errors(tmp_path: Path, content: str, reason: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as info:
        MetaIndex.load(path)
    assert info.value.input_name == str(path)
    assert reason in info.value.reason


def test_missing_metadata_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read metadata file"):
        MetaIndex.load(tmp_path / "absent.json")


def test_seed_metadata_matches_seed_files(tmp_path: Path) -> None:
    seeds = SHARED / "seeds"
    if not (seeds / "articles.json").exists():
        pytest.skip("shared seeds folder (../shared/seeds) is absent")
    index = MetaIndex.load(seeds / "articles.json")
    records = json.loads((seeds / "articles.json").read_text(encoding="utf-8"))
    for record in records:
        assert index.lookup(str(seeds / record["file"]))["outlet"] == record["outlet"]
        copy = tmp_path / record["file"]
        shutil.copyfile(seeds / record["file"], copy)
        assert index.lookup(str(copy))["outlet"] == record["outlet"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-22", "2024-03-22"),
        ("2024-03-22T10:00:00Z", "2024-03-22T10:00:00Z"),
        ("Fri, 22 Mar 2024 10:00:00 +0300", "2024-03-22T10:00:00+03:00"),
        ("last Tuesday", None),
        ("", None),
        (None, None),
    ],
)
def test_normalise_date(value: str | None, expected: str | None) -> None:
    assert normalise_date(value) == expected


def test_normalise_url_keeps_meaningful_query() -> None:
    assert normalise_url("https://A.example:443/p/?b=2&a=1&utm_x=3") == "//a.example/p?a=1&b=2"
    assert normalise_url("http://a.example:8080/") == "//a.example:8080/"


def test_url_input_matches_before_or_after_redirects() -> None:
    index = MetaIndex.load(FIXTURES / "meta.json")
    before = "https://wire.example/story"
    assert index.lookup(before, "https://wire.example/story-renamed")["outlet"] == "Wire Service"
