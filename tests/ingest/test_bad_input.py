"""Bad inputs: each gets a rejection naming it and saying why, and the batch goes on."""

from __future__ import annotations

import io
import socket
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newstrace.ingest import IngestOptions, ingest
from newstrace.model import Article, Rejection

GOOD = (
    "The harbour master said on Monday that the east quay would close for repairs in May.\n\n"
    "Fishing boats will use the west quay until the work is finished, he told the council."
)


def _broken_warc(path: Path) -> None:
    """Three HTML responses; the second record's header line is overwritten with junk."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    starts = []
    for n in range(1, 4):
        body = f"<html><body><p>Crawled story {n}. {GOOD}</p></body></html>".encode()
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            f"https://port.example/{n}", "response", payload=io.BytesIO(body), http_headers=headers
        )
        starts.append(buffer.tell())
        writer.write_record(record)
    data = bytearray(buffer.getvalue())
    data[starts[1] : starts[1] + 8] = b"#BROKEN#"
    path.write_bytes(bytes(data))


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def _by_input(items: list[Article | Rejection]) -> dict[str, str]:
    return {i.input: i.reason for i in items if isinstance(i, Rejection)}


def test_a_batch_of_bad_inputs_goes_on(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b"  \n\t\n")
    (tmp_path / "binary.bin").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "fake.rss").write_text("<html><body><p>Not a feed.</p></body></html>")
    (tmp_path / "not-a-crawl.warc").write_text("hello")
    with (tmp_path / "huge.txt").open("wb") as handle:
        handle.truncate(200_000_000)
    _broken_warc(tmp_path / "crawl.warc")
    (tmp_path / "zgood.txt").write_text(GOOD)
    names = ["empty.txt", "blank.txt", "binary.bin", "fake.rss", "not-a-crawl.warc", "huge.txt"]
    inputs = [str(tmp_path / n) for n in names]
    inputs += [
        str(tmp_path / "missing.txt"),
        str(tmp_path / "crawl.warc"),
        str(tmp_path / "zgood.txt"),
    ]

    items = list(ingest(inputs))
    reasons = _by_input(items)

    def reason(name: str) -> str:
        return reasons[str(tmp_path / name)]

    assert reason("empty.txt") == "empty input"
    assert reason("blank.txt") == "the input holds only whitespace"
    assert "binary data" in reason("binary.bin")
    assert reason("fake.rss") == "not an RSS or Atom feed: its first element is <html>"
    assert reason("not-a-crawl.warc") == "not a WARC file: it does not start with a WARC record"
    assert reason("huge.txt").startswith("too large (200,000,000 bytes): the limit is 20,000,000")
    assert reason("missing.txt") == "no such file or directory"
    assert "broken WARC record" in reason("crawl.warc#record-2")
    crawled = [a.url for a in items if isinstance(a, Article) and a.source and "crawl" in a.source]
    assert crawled == ["https://port.example/1", "https://port.example/3"]
    assert isinstance(items[-1], Article)
    assert items[-1].source == str(tmp_path / "zgood.txt")
    assert len(reasons) == 8


def test_truncated_html_is_read_as_far_as_it_goes(tmp_path: Path) -> None:
    cut = tmp_path / "cut.html"
    cut.write_text(
        "<html><head><title>Quay closes</title></head><body><article>"
        f"<p>{GOOD.split(chr(10))[0]}</p><p>{GOOD.split(chr(10))[-1]}</p><p>The third para"
    )
    nothing = tmp_path / "nothing.html"
    nothing.write_text("<html><head><title>Only a head</title><scr")
    items = list(ingest([str(cut), str(nothing)]))
    first, second = items
    assert isinstance(first, Article)
    assert "east quay would close" in first.text
    assert isinstance(second, Rejection)
    assert second.input == str(nothing)
    assert "no article body" in second.reason


def test_urls_refused_or_unreachable_are_rejections(tmp_path: Path) -> None:
    port = _closed_port()
    good = tmp_path / "good.txt"
    good.write_text(GOOD)
    blocked = [f"http://127.0.0.1:{port}/a", "http://10.255.0.1/story", "http://[::1]/x"]
    items = list(ingest([*blocked, "gopher://old.example/", str(good)]))
    reasons = _by_input(items)
    assert "loopback" in reasons[blocked[0]]
    assert "private network address" in reasons[blocked[1]]
    assert "loopback" in reasons[blocked[2]]
    assert all("--allow-private" in reasons[url] for url in blocked)
    assert reasons["gopher://old.example/"] == "only http and https URLs can be fetched"
    assert isinstance(items[-1], Article)

    unreachable = list(ingest([blocked[0], str(good)], options=IngestOptions(allow_private=True)))
    assert isinstance(unreachable[0], Rejection)
    assert unreachable[0].input == blocked[0]
    assert unreachable[0].reason.startswith("cannot fetch")
    assert isinstance(unreachable[1], Article)


def test_bad_records_inside_containers_are_named(tmp_path: Path) -> None:
    lines = tmp_path / "batch.jsonl"
    lines.write_text('{"text": "' + GOOD.replace("\n", "\\n") + '"}\n{oops\n{"html": 5}\n')
    feed = tmp_path / "feed.xml"
    feed.write_text(
        '<rss version="2.0"><channel><title>T</title>'
        "<item><title>Bare</title></item></channel></rss>"
    )
    items = list(ingest([str(lines), str(feed)], options=IngestOptions(fetch_feed_entries=False)))
    reasons = _by_input(items)
    assert isinstance(items[0], Article)
    assert reasons[f"{lines}:2"].startswith("not valid JSON")
    assert reasons[f"{lines}:3"] == "'html' must be a string, got a number"
    assert reasons[f"{feed}#entry-1"] == "the entry has no link and no content or summary"


def test_an_unexpected_error_in_one_input_is_reported_and_the_batch_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import newstrace.ingest as ingest_module
    import newstrace.ingest.clean as clean_module

    feed = tmp_path / "feed.xml"
    feed.write_text('<rss version="2.0"><channel><item><title>x</title></item></channel></rss>')
    good = tmp_path / "good.txt"
    good.write_text(GOOD)

    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("reader bug")

    monkeypatch.setattr(ingest_module, "iter_feed", explode)
    items = list(ingest([str(feed), str(good)]))
    assert items[0] == Rejection(
        str(feed), "internal error while reading (RuntimeError: reader bug)"
    )
    assert isinstance(items[1], Article)

    monkeypatch.setattr(clean_module, "clean_text", explode)
    (only,) = list(ingest([str(good)]))
    assert only == Rejection(str(good), "internal error (RuntimeError: reader bug)")
