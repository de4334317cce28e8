"""``newstrace analyze`` and ``newstrace report`` as a user runs them."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newstrace.cli import main

FIRST = """Ferry line to Osterby suspended after hull damage

The ferry line between Brekkvik and Osterby has been suspended after divers found a dent in the
hull of the MS Tyra, harbour master Iris Vold told the Harbour Gazette on Monday.

"Nobody sails until the hull is repaired," Vold said. About 230 passengers were on board
when the ship struck the pier on Sunday, a crew member said.
"""

SECOND = """Osterby ferry halted after pier collision

The port of Brekkvik halted the Osterby ferry on Monday. Divers found a dent in the hull of
the MS Tyra after it struck the pier on Sunday, the port authority said in a statement.

Around 260 passengers were on board, the Harbour Gazette reported, citing a crew member.
"""


@pytest.fixture()
def corpus(tmp_path: Path) -> tuple[list[str], Path]:
    (tmp_path / "gazette.txt").write_text(FIRST, encoding="utf-8")
    (tmp_path / "wire.txt").write_text(SECOND, encoding="utf-8")
    meta = [
        {
            "file": "gazette.txt",
            "outlet": "Harbour Gazette",
            "published": "2024-11-04",
            "language": "en",
            "url": "https://gazette.example/ferry",
        },
        {"file": "wire.txt", "outlet": "Coastal Wire", "published": "2024-11-04", "language": "en"},
    ]
    meta_path = tmp_path / "meta.json"
    meta_path.write_text(json.dumps(meta), encoding="utf-8")
    return [str(tmp_path / "gazette.txt"), str(tmp_path / "wire.txt")], meta_path


def _run(args: list[str]) -> tuple[int, str]:
    result = CliRunner().invoke(main, args)
    return result.exit_code, result.output


def test_analyze_json_has_articles_and_stories(corpus: tuple[list[str], Path]) -> None:
    files, meta = corpus
    code, output = _run(["analyze", *files, "--meta", str(meta), "--format", "json"])
    assert code == 0, output
    doc = json.loads(output)
    assert set(doc) == {"articles", "stories"}
    assert sorted(a["outlet"] for a in doc["articles"]) == ["Coastal Wire", "Harbour Gazette"]
    placed = [aid for story in doc["stories"] for aid in story["article_ids"]]
    assert sorted(placed) == sorted(a["id"] for a in doc["articles"])
    for story in doc["stories"]:
        assert {
            "id",
            "title",
            "article_ids",
            "claim_groups",
            "discrepancies",
            "timeline",
            "notes",
        } <= set(story)
        for group in story["claim_groups"]:
            assert {
                "id",
                "summary",
                "status",
                "outlets",
                "independent_origins",
                "origins",
                "echoes",
                "claims",
            } <= set(group)


def test_analyze_one_story_renders_every_format(
    corpus: tuple[list[str], Path], tmp_path: Path
) -> None:
    files, meta = corpus
    base = ["analyze", *files, "--meta", str(meta), "--one-story"]
    code, output = _run([*base, "--format", "json"])
    assert code == 0, output
    doc = json.loads(output)
    assert len(doc["stories"]) == 1
    assert len(doc["stories"][0]["article_ids"]) == 2

    out = tmp_path / "out" / "report.html"
    code, output = _run([*base, "--format", "html", "--out", str(out)])
    assert code == 0, output
    page = out.read_text(encoding="utf-8")
    assert "How to read this report" in page
    assert "Harbour Gazette" in page and "Coastal Wire" in page

    code, output = _run([*base, "--format", "markdown"])
    assert code == 0, output
    assert output.startswith("# newstrace report")
    assert "### Claim matrix" in output

    code, output = _run([*base, "--format", "csv"])
    assert code == 0, output
    header = next(csv.reader(io.StringIO(output)))
    assert header[:2] == ["story_id", "group_id"]
    assert {"Harbour Gazette", "Coastal Wire"} <= set(header)


def test_analyze_reports_a_rejected_input_and_goes_on(
    corpus: tuple[list[str], Path], tmp_path: Path
) -> None:
    files, meta = corpus
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    result = CliRunner().invoke(main, ["analyze", *files, str(empty), "--meta", str(meta)])
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    assert len(doc["articles"]) == 2


def test_analyze_rejects_an_unknown_format(corpus: tuple[list[str], Path]) -> None:
    files, _ = corpus
    code, output = _run(["analyze", *files, "--format", "pdf"])
    assert code == 2
    assert "pdf" in output


def test_report_names_a_missing_story(tmp_path: Path) -> None:
    code, output = _run(["report", "st-nothing", "--db", str(tmp_path / "n.db")])
    assert code == 1
    assert "no stored story 'st-nothing'" in output


def test_report_prints_a_stored_story(corpus: tuple[list[str], Path], tmp_path: Path) -> None:
    from newstrace.ingest import ingest
    from newstrace.ingest.meta import MetaIndex
    from newstrace.model import Article
    from newstrace.store import Store
    from newstrace.store.stories import StoryStore

    files, meta = corpus
    db = tmp_path / "s.db"
    with Store.open(db) as store:
        stories = StoryStore(store)
        for item in ingest(files, meta=MetaIndex.load(meta)):
            assert isinstance(item, Article)
            store.add_article(item)
            stories.assign(item)
        story_id = stories.stories()[0].id
        members = {m.article_id for m in stories.stories()[0].members}
    code, output = _run(["report", story_id[:12], "--db", str(db), "--format", "json"])
    assert code == 0, output
    doc = json.loads(output)
    assert [s["id"] for s in doc["stories"]] == [story_id]
    assert {a["id"] for a in doc["articles"]} == members


def test_two_saved_copies_of_one_url_are_diffed_as_versions(tmp_path: Path) -> None:
    first = (
        "Harbour to close pier\n\nThe harbour board said on Monday that pier 4 would close "
        "for repairs on Friday. About 40 boats use the pier."
    )
    second = first.replace("About 40 boats", "About 60 boats")
    (tmp_path / "v1.txt").write_text(first, encoding="utf-8")
    (tmp_path / "v2.txt").write_text(second, encoding="utf-8")
    url = "https://Harbour-Post.example/news/pier-4"
    meta = [
        {"file": "v1.txt", "outlet": "Harbour Post", "published": "2025-05-05T09:00", "url": url},
        {
            "file": "v2.txt",
            "outlet": "Harbour Post",
            "published": "2025-05-05T15:00",
            "url": url + "/",
        },
    ]
    (tmp_path / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    args = [
        str(tmp_path / "v1.txt"),
        str(tmp_path / "v2.txt"),
        "--meta",
        str(tmp_path / "meta.json"),
    ]
    result = CliRunner().invoke(main, ["analyze", *args, "--format", "json"])
    assert result.exit_code == 0, result.output
    notes = [n for s in json.loads(result.output)["stories"] for n in s["notes"]]
    revisions = [n for n in notes if n["type"] == "revision"]
    assert len(revisions) == 1
    changed = json.dumps(revisions[0]["changes"])
    assert "40 boats" in changed and "60 boats" in changed
