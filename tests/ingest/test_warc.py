"""WARC crawls: HTML responses become documents, broken records are rejected one by one."""

from __future__ import annotations

import gzip
import io
from dataclasses import dataclass, field

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newstrace.ingest.sources import IngestOptions, RawDocument
from newstrace.ingest.warc import iter_warc
from newstrace.model import Rejection


def _page(n: int) -> bytes:
    return (
        f"<html><body><article><h1>Story {n}</h1><p>Paragraph of story number {n}, "
        "long enough to count as running text in a news page.</p></article></body></html>"
    ).encode()


@dataclass
class _Crawl:
    """Builds a WARC in memory, remembering where each record starts."""

    gz: bool
    buffer: io.BytesIO = field(default_factory=io.BytesIO)
    starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.writer = WARCWriter(self.buffer, gzip=self.gz)

    def response(
        self,
        url: str,
        body: bytes,
        status: str = "200 OK",
        content_type: str = "text/html; charset=utf-8",
        date: str = "2023-04-05T06:07:08Z",
    ) -> None:
        headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        record = self.writer.create_warc_record(
            url,
            "response",
            payload=io.BytesIO(body),
            http_headers=headers,
            warc_headers_dict={"WARC-Date": date},
        )
        self._write(record)

    def other(self, kind: str, url: str = "http://crawl.example/") -> None:
        payload = io.BytesIO(b"GET / HTTP/1.1\r\nHost: crawl.example\r\n\r\n")
        if kind == "request":
            record = self.writer.create_warc_record(url, "request", payload=payload)
        else:
            record = self.writer.create_warc_record(
                url, kind, payload=io.BytesIO(b"software: test"), warc_content_type="text/plain"
            )
        self._write(record)

    def _write(self, record: object) -> None:
        self.starts.append(self.buffer.tell())
        self.writer.write_record(record)

    def data(self) -> bytes:
        return self.buffer.getvalue()


def _run(data: bytes, name: str = "crawl.warc", **options: int) -> list[RawDocument | Rejection]:
    return list(iter_warc(io.BytesIO(data), name, IngestOptions(**options)))


def _three(gz: bool) -> _Crawl:
    crawl = _Crawl(gz)
    for n in range(1, 4):
        crawl.response(f"http://news.example/{n}", _page(n))
    return crawl


@pytest.mark.parametrize("gz", [False, True])
def test_only_html_2xx_responses_become_documents(gz: bool) -> None:
    crawl = _Crawl(gz)
    crawl.other("warcinfo")
    crawl.other("request")
    crawl.response("http://news.example/a", _page(1), date="2023-01-02T03:04:05Z")
    crawl.response("http://news.example/missing", b"<p>nope</p>", status="404 Not Found")
    crawl.response("http://news.example/logo.png", b"\x89PNG....", content_type="image/png")
    crawl.response("http://news.example/old", b"", status="301 Moved Permanently")
    body = "<html><body><p>Новости дня: совет одобрил бюджет.</p></body></html>".encode("cp1251")
    crawl.response("http://news.example/ru", body, content_type="text/html; charset=windows-1251")
    items = _run(crawl.data(), "crawl.warc.gz" if gz else "crawl.warc")
    assert all(isinstance(i, RawDocument) for i in items)
    docs = [i for i in items if isinstance(i, RawDocument)]
    suffix = ".gz" if gz else ""
    assert [d.name for d in docs] == [
        f"crawl.warc{suffix}#record-3",
        f"crawl.warc{suffix}#record-7",
    ]
    assert docs[0].kind == "html"
    assert docs[0].meta["url"] == "http://news.example/a"
    assert docs[0].defaults["published"] == "2023-01-02T03:04:05Z"
    assert "Story 1" in docs[0].content
    assert "совет одобрил бюджет" in docs[1].content


def test_broken_record_header_is_rejected_and_the_rest_goes_on() -> None:
    crawl = _three(gz=False)
    data = bytearray(crawl.data())
    second = crawl.starts[1]
    data[second : second + 8] = b"GARBAGE!"
    items = _run(bytes(data))
    assert isinstance(items[0], RawDocument) and items[0].meta["url"] == "http://news.example/1"
    assert isinstance(items[1], Rejection)
    assert items[1].input == "crawl.warc#record-2"
    assert "broken WARC record" in items[1].reason
    assert isinstance(items[2], RawDocument) and items[2].meta["url"] == "http://news.example/3"
    assert len(items) == 3


def test_wrong_content_length_loses_only_that_record() -> None:
    crawl = _three(gz=False)
    data = crawl.data()
    second, third = crawl.starts[1], crawl.starts[2]
    chunk = data[second:third].replace(b"Content-Length: ", b"Content-Length: 1", 1)
    items = _run(data[:second] + chunk + data[third:])
    urls = [i.meta["url"] for i in items if isinstance(i, RawDocument)]
    assert urls[0] == "http://news.example/1"
    assert urls[-1] == "http://news.example/3"
    assert any(isinstance(i, Rejection) and "#record-2" in i.input for i in items)


def test_corrupt_gzip_member_is_rejected_and_the_rest_goes_on() -> None:
    crawl = _three(gz=True)
    data = bytearray(crawl.data())
    middle = (crawl.starts[1] + crawl.starts[2]) // 2
    data[middle : middle + 12] = b"\xff" * 12
    items = _run(bytes(data), "crawl.warc.gz")
    docs = [i for i in items if isinstance(i, RawDocument)]
    rejections = [i for i in items if isinstance(i, Rejection)]
    assert [d.meta["url"] for d in docs] == ["http://news.example/1", "http://news.example/3"]
    assert [r.input for r in rejections] == ["crawl.warc.gz#record-2"]


def test_truncated_last_record_is_rejected() -> None:
    crawl = _three(gz=False)
    data = crawl.data()
    cut = data[: crawl.starts[2] + (len(data) - crawl.starts[2]) // 2]
    items = _run(cut)
    assert isinstance(items[-1], Rejection)
    assert items[-1].input == "crawl.warc#record-3"
    assert "truncated" in items[-1].reason
    assert sum(isinstance(i, RawDocument) for i in items) == 2


def test_record_over_the_size_cap_is_rejected_alone() -> None:
    crawl = _Crawl(gz=True)
    crawl.response("http://news.example/small", _page(1))
    crawl.response("http://news.example/huge", b"<p>" + b"z" * 50_000 + b"</p>")
    crawl.response("http://news.example/after", _page(2))
    items = _run(crawl.data(), "c.warc.gz", max_bytes=10_000)
    assert isinstance(items[1], Rejection) and "too large" in items[1].reason
    assert items[1].input == "c.warc.gz#record-2"
    assert isinstance(items[2], RawDocument) and items[2].meta["url"].endswith("/after")


def test_whole_file_gzip_is_read_too() -> None:
    data = gzip.compress(_three(gz=False).data())
    items = _run(data, "single-stream.warc.gz")
    urls = [i.meta["url"] for i in items if isinstance(i, RawDocument)]
    assert urls == [f"http://news.example/{n}" for n in range(1, 4)]
    assert not [i for i in items if isinstance(i, Rejection)]


def test_crawl_without_articles_says_so() -> None:
    crawl = _Crawl(gz=False)
    crawl.response("http://news.example/x.png", b"\x89PNG", content_type="image/png")
    items = _run(crawl.data())
    assert items == [
        Rejection("crawl.warc", "no HTML response with a 2xx status in this crawl (1 records)")
    ]


class _Pipe(io.RawIOBase):
    """A stream that cannot seek, like stdin."""

    def __init__(self, data: bytes) -> None:
        self._data = io.BytesIO(data)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        chunk = self._data.read(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)


@pytest.mark.parametrize("gz", [False, True])
def test_non_seekable_stream_is_streamed(gz: bool) -> None:
    stream = io.BufferedReader(_Pipe(_three(gz).data()))
    items = list(iter_warc(stream, "<stdin>", IngestOptions()))
    assert [i.name for i in items if isinstance(i, RawDocument)] == [
        f"<stdin>#record-{n}" for n in range(1, 4)
    ]


def test_broken_record_in_a_pipe_stops_with_a_reason() -> None:
    crawl = _three(gz=False)
    data = bytearray(crawl.data())
    data[crawl.starts[1] : crawl.starts[1] + 8] = b"GARBAGE!"
    stream = io.BufferedReader(_Pipe(bytes(data)))
    items = list(iter_warc(stream, "<stdin>", IngestOptions()))
    assert isinstance(items[0], RawDocument)
    assert isinstance(items[-1], Rejection) and "cannot be searched" in items[-1].reason


def test_record_cut_inside_its_payload_is_rejected() -> None:
    crawl = _three(gz=False)
    data = crawl.data()
    cut = data[: len(data) - 60]
    items = _run(cut)
    assert [type(i).__name__ for i in items] == ["RawDocument", "RawDocument", "Rejection"]
    assert isinstance(items[2], Rejection)
    assert items[2].input == "crawl.warc#record-3"
    assert "bytes of it are missing" in items[2].reason


def test_unreadable_http_status_is_rejected() -> None:
    crawl = _three(gz=False)
    data = crawl.data().replace(b"HTTP/1.1 200 OK", b"HTTP/1.1 2xx OK", 1)
    items = _run(data)
    assert isinstance(items[0], Rejection)
    assert items[0].input == "crawl.warc#record-1"
    assert "unreadable HTTP status" in items[0].reason
    assert [i.meta["url"] for i in items[1:] if isinstance(i, RawDocument)] == [
        "http://news.example/2",
        "http://news.example/3",
    ]


def test_record_shorter_than_declared_eats_into_the_next_but_it_is_found() -> None:
    crawl = _three(gz=False)
    data = crawl.data()
    second, third = crawl.starts[1], crawl.starts[2]
    chunk = data[second:third].replace(b"Story 2", b"S2", 1)  # 5 bytes fewer than declared
    items = _run(data[:second] + chunk + data[third:])
    assert [i.name for i in items if isinstance(i, RawDocument)] == [
        f"crawl.warc#record-{n}" for n in range(1, 4)
    ]
    assert isinstance(items[2], RawDocument)
    assert items[2].meta["url"] == "http://news.example/3"
