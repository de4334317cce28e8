"""ingest() and build_article(): inputs of every kind to articles, metadata precedence."""

from __future__ import annotations

import io
import json
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import SimpleNamespace
from typing import Any, ClassVar

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newstrace.errors import InputError
from newstrace.ingest import IngestOptions, MetaIndex, RawDocument, build_article, ingest
from newstrace.model import Article, Rejection

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "sources"
SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
ARTICLE_HTML = (FIXTURES / "article.html").read_text(encoding="utf-8")
STORY = (
    "The river authority said on Friday that the old weir would be removed next year.\n\n"
    "Engineers found cracks in its foundations during an inspection in the spring, a "
    "spokesperson for the authority told reporters, and repairs would cost more than removal."
)


def _articles(items: list[Article | Rejection]) -> list[Article]:
    return [i for i in items if isinstance(i, Article)]


class _Site(BaseHTTPRequestHandler):
    pages: ClassVar[dict[str, tuple[str, bytes]]] = {}

    def do_GET(self) -> None:
        kind, body = self.pages.get(self.path, ("text/plain", b""))
        self.send_response(200 if body else 404)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        """Keep test output quiet."""


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    feed = (
        f'<rss version="2.0"><channel><title>River Post</title><language>en</language>'
        f"<item><title>Weir to go</title><link>{base}/weir</link></item></channel></rss>"
    )
    _Site.pages = {
        "/story": ("text/html; charset=utf-8", ARTICLE_HTML.encode()),
        "/weir": ("text/plain; charset=utf-8", STORY.encode()),
        "/feed": ("application/rss+xml", feed.encode()),
    }
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield base
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=5)


def test_directory_is_walked_sorted_recursively_skipping_hidden(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "b" / "inner.txt").write_text(STORY)
    (tmp_path / "a.txt").write_text(STORY.replace("weir", "dam"))
    (tmp_path / "c.html").write_text(ARTICLE_HTML)
    (tmp_path / ".hidden.txt").write_text(STORY)
    (tmp_path / ".git" / "config.txt").write_text(STORY)
    items = list(ingest([str(tmp_path)]))
    assert [i.source for i in _articles(items)] == [
        str(tmp_path / "a.txt"),
        str(tmp_path / "c.html"),
        str(tmp_path / "b" / "inner.txt"),
    ]
    assert not [i for i in items if isinstance(i, Rejection)]


def test_html_file_gets_extracted_metadata() -> None:
    (article,) = _articles(list(ingest([str(FIXTURES / "article.html")])))
    assert article.title == "Harbour town votes to rebuild its old ferry pier"
    assert article.byline == "Mira Holt"
    assert article.published is not None and article.published.startswith("2023-06-14")
    assert article.site_name == article.outlet == "The Coastal Ledger"
    assert article.language == "en"
    assert "seven votes to two" in article.text
    assert "All rights reserved" not in article.text


def test_stdin_text_and_stdin_warc(monkeypatch: pytest.MonkeyPatch) -> None:
    stdin = SimpleNamespace(buffer=io.BufferedReader(io.BytesIO(STORY.encode("cp1251"))))
    monkeypatch.setattr(sys, "stdin", stdin)
    (article,) = _articles(list(ingest(["-"])))
    assert article.source == "<stdin>"
    assert article.text.startswith("The river authority")

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    payload = io.BytesIO(ARTICLE_HTML.encode())
    writer.write_record(
        writer.create_warc_record(
            "https://ledger.example/p", "response", payload=payload, http_headers=headers
        )
    )
    stdin = SimpleNamespace(buffer=io.BufferedReader(io.BytesIO(buffer.getvalue())))
    monkeypatch.setattr(sys, "stdin", stdin)
    (page,) = _articles(list(ingest(["-"])))
    assert page.source == "<stdin>#record-1"
    assert page.url == "https://ledger.example/p"


def test_url_and_feed_url(site: str) -> None:
    options = IngestOptions(allow_private=True, timeout=5.0)
    items = list(ingest([f"{site}/story", f"{site}/feed"], options=options))
    page, entry = _articles(items)
    assert page.url == page.source == f"{site}/story"
    assert page.title == "Harbour town votes to rebuild its old ferry pier"
    assert entry.source == f"{site}/feed#entry-1"
    assert (entry.url, entry.title, entry.outlet) == (f"{site}/weir", "Weir to go", "River Post")
    assert "cracks in its foundations" in entry.text


def test_metadata_precedence_meta_file_then_record_then_extraction_then_hints(
    tmp_path: Path,
) -> None:
    meta_path = tmp_path / "meta.json"
    meta_path.write_text(json.dumps([{"url": "https://ledger.example/p", "outlet": "From meta"}]))
    doc = RawDocument(
        "crawl.warc#record-4",
        "html",
        ARTICLE_HTML,
        meta={"url": "https://ledger.example/p", "title": "Stated title", "outlet": "Stated"},
        defaults={"published": "2001-01-01", "language": "fr", "byline": "Hint"},
    )
    article = build_article(doc, MetaIndex.load(meta_path))
    assert article.outlet == "From meta"  # meta file beats the record
    assert article.title == "Stated title"  # the record beats extraction
    assert article.byline == "Mira Holt"  # extraction beats hints
    assert article.published is not None and article.published.startswith("2023-06-14")
    assert article.language == "en"
    assert article.source == "crawl.warc#record-4"


def test_hints_fill_gaps_only() -> None:
    doc = RawDocument(
        "feed.xml#entry-2",
        "text",
        STORY,
        defaults={"outlet": "Feed title", "published": "2022-02-02"},
    )
    article = build_article(doc)
    assert (article.outlet, article.published) == ("Feed title", "2022-02-02")


def test_record_aliases_dates_and_extra_fields() -> None:
    doc = RawDocument(
        "data.jsonl:3",
        "text",
        STORY,
        meta={"author": "R. Vale", "date": "Fri, 22 Mar 2024 10:00:00 +0300", "section": "Local"},
    )
    article = build_article(doc)
    assert article.byline == "R. Vale"
    assert article.published == "2024-03-22T10:00:00+03:00"
    assert article.extra == {"section": "Local"}
    vague = build_article(RawDocument("x:1", "text", STORY, meta={"published": "last week"}))
    assert vague.published is None
    assert vague.extra["published_raw"] == "last week"


def test_language_is_detected_when_nobody_says() -> None:
    text = (
        "Городские власти в пятницу объявили, что старую плотину снесут в следующем году.\n\n"
        "По словам представителя ведомства, ремонт обошёлся бы дороже, чем снос."
    )
    assert build_article(RawDocument("ru.txt", "text", text)).language == "ru"
    given = build_article(RawDocument("ru.txt", "text", text, meta={"language": "RU-ru"}))
    assert given.language == "ru"


def test_editorial_notes_are_found_in_the_final_text() -> None:
    text = STORY + (
        "\n\nCorrection: An earlier version of this article gave the wrong day for the "
        "announcement. It was made on Friday, not Thursday."
    )
    article = build_article(RawDocument("c.txt", "text", text))
    assert [n.kind for n in article.notes] == ["correction"]
    span = article.notes[0].span
    assert span is not None and article.text[span.start : span.end] == span.text


def test_nothing_left_after_cleaning_is_an_input_error() -> None:
    with pytest.raises(InputError) as info:
        build_article(RawDocument("blank.txt", "text", "   \n\n  "))
    assert info.value.input_name == "blank.txt"


def test_html_without_a_body_names_the_document() -> None:
    with pytest.raises(InputError) as info:
        build_article(
            RawDocument("crawl.warc#record-9", "html", "<html><head></head><body></body></html>")
        )
    assert info.value.input_name == "crawl.warc#record-9"


def test_same_input_gives_the_same_id(tmp_path: Path) -> None:
    path = tmp_path / "s.txt"
    path.write_text(STORY)
    first = _articles(list(ingest([str(path)])))[0]
    second = _articles(list(ingest([str(path)])))[0]
    assert first.id == second.id


def test_seed_articles_with_their_metadata() -> None:
    seeds = SHARED / "seeds"
    if not (seeds / "articles.json").exists():
        pytest.skip("shared seeds folder (../shared/seeds) is absent")
    records = json.loads((seeds / "articles.json").read_text(encoding="utf-8"))
    meta = MetaIndex.load(seeds / "articles.json")
    items = list(ingest([str(seeds / r["file"]) for r in records], meta=meta))
    articles = _articles(items)
    assert len(articles) == len(records)
    for article, record in zip(articles, records, strict=True):
        assert article.outlet == record["outlet"]
        assert article.published == record["published"]
        assert article.language == record["language"]
