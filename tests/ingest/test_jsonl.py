"""JSON Lines and JSON record files."""

from __future__ import annotations

import io
import json
from pathlib import Path

from newstrace.ingest.jsonl import iter_json_records, iter_jsonl, record_document
from newstrace.ingest.sources import IngestOptions, RawDocument
from newstrace.model import Rejection

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "sources"


def _lines(data: bytes, name: str = "data.jsonl", **options: int) -> list[RawDocument | Rejection]:
    return list(iter_jsonl(io.BytesIO(data), name, IngestOptions(**options)))


def test_fixture_lines_become_documents_or_named_rejections() -> None:
    with (FIXTURES / "records.jsonl").open("rb") as handle:
        items = list(iter_jsonl(handle, "records.jsonl", IngestOptions()))
    first, second = items[0], items[1]
    assert isinstance(first, RawDocument) and isinstance(second, RawDocument)
    assert (first.name, first.kind) == ("records.jsonl:1", "text")
    assert first.meta["outlet"] == "Harbour Gazette"
    assert first.meta["published"] == "2023-05-20"
    assert "text" not in first.meta
    assert (second.name, second.kind) == ("records.jsonl:3", "html")  # line 2 is blank
    rejections = [i for i in items if isinstance(i, Rejection)]
    assert [(r.input, r.reason.split(",")[0]) for r in rejections] == [
        ("records.jsonl:4", "'text' must be a string"),
        ("records.jsonl:5", "not valid JSON: Expecting value at column 1"),
        ("records.jsonl:6", "expected a JSON object"),
        ("records.jsonl:7", "the record has neither 'text' nor 'html'"),
    ]


def test_text_wins_over_html_and_values_become_strings() -> None:
    line = {"text": "Body.", "html": "<p>Other</p>", "words": 2, "tags": ["a", "б"]}
    items = _lines(json.dumps(line, ensure_ascii=False).encode())
    assert isinstance(items[0], RawDocument)
    assert items[0].content == "Body."
    assert items[0].meta == {"words": "2", "tags": '["a", "б"]'}


def test_bom_on_the_first_line_and_crlf_line_ends() -> None:
    data = b"\xef\xbb\xbf" + b'{"text": "one"}\r\n{"text": "two"}\r\n'
    items = _lines(data)
    assert [i.content for i in items if isinstance(i, RawDocument)] == ["one", "two"]


def test_invalid_utf8_line_is_rejected_alone() -> None:
    data = b'{"text": "fine"}\n{"text": "caf\xe9"}\n{"text": "also fine"}\n'
    items = _lines(data)
    assert isinstance(items[1], Rejection)
    assert items[1].input == "data.jsonl:2"
    assert "not UTF-8" in items[1].reason
    assert isinstance(items[2], RawDocument)


def test_line_over_the_cap_is_skipped_and_reading_goes_on() -> None:
    data = b'{"text": "' + b"a" * 5000 + b'"}\n{"text": "short"}\n'
    items = _lines(data, max_bytes=1000)
    assert isinstance(items[0], Rejection)
    assert items[0].input == "data.jsonl:1"
    assert "too large" in items[0].reason
    assert isinstance(items[1], RawDocument) and items[1].name == "data.jsonl:2"


def test_empty_text_and_empty_file() -> None:
    items = _lines(b'{"text": "   "}\n')
    assert items == [Rejection("data.jsonl:1", "the record's text is empty")]
    assert _lines(b"\n\n") == [
        Rejection("data.jsonl", "no JSON records (the file is empty or blank)")
    ]


def test_json_array_of_records() -> None:
    text = json.dumps([{"text": "First."}, {"html": "<p>Second.</p>", "url": "u"}, 3])
    items = list(iter_json_records(text, "batch.json"))
    assert [i.name if isinstance(i, RawDocument) else i.input for i in items] == [
        "batch.json#item-1",
        "batch.json#item-2",
        "batch.json#item-3",
    ]
    assert isinstance(items[2], Rejection) and "a number" in items[2].reason


def test_metadata_file_passed_as_input_gets_a_hint() -> None:
    text = (FIXTURES / "meta.json").read_text(encoding="utf-8")
    items = list(iter_json_records(text, "meta.json"))
    assert len(items) == 1 and isinstance(items[0], Rejection)
    assert "--meta" in items[0].reason


def test_bad_json_file() -> None:
    items = list(iter_json_records("[{", "broken.json"))
    assert items == [Rejection("broken.json", "not valid JSON (line 1, column 3)")]


def test_record_document_rejects_non_objects() -> None:
    assert record_document(None, "x:1") == Rejection("x:1", "expected a JSON object, got null")
    assert record_document(True, "x:2") == Rejection("x:2", "expected a JSON object, got a boolean")
