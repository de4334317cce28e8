"""RSS and Atom: entries as documents, fetched pages, fallbacks and refusals."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest

from newstrace.ingest.feeds import fragment_text, iter_feed, parse_feed
from newstrace.ingest.sources import IngestOptions, RawDocument
from newstrace.model import Rejection

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "sources"
NO_FETCH = IngestOptions(fetch_feed_entries=False)


class _Pages(BaseHTTPRequestHandler):
    pages: ClassVar[dict[str, tuple[int, str, bytes]]] = {}

    def do_GET(self) -> None:
        status, kind, body = self.pages.get(self.path, (404, "text/plain", b"no"))
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        """Keep test output quiet."""


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    _Pages.pages = {
        "/story": (200, "text/html; charset=utf-8", (FIXTURES / "article.html").read_bytes()),
        "/nested-feed": (200, "application/atom+xml", (FIXTURES / "atom.xml").read_bytes()),
    }
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=5)


def _feed_linking(base: str) -> str:
    items = "".join(
        f"<item><title>{title}</title><link>{base}{path}</link>{extra}</item>"
        for title, path, extra in (
            ("Fetched story", "/story", "<description>Teaser only.</description>"),
            ("Gone story", "/gone", "<description>The summary stands in.</description>"),
            ("Feed link", "/nested-feed", "<description>Summary of a feed link.</description>"),
            ("Nothing", "/gone", ""),
        )
    )
    return f'<rss version="2.0"><channel><title>Loop News</title>{items}</channel></rss>'


def test_rss_entries_without_fetching() -> None:
    text = (FIXTURES / "rss.xml").read_text(encoding="utf-8")
    items = list(iter_feed(text, "valley.xml", NO_FETCH))
    first, second, third = items
    assert isinstance(first, RawDocument) and isinstance(second, RawDocument)
    assert first.name == "valley.xml#entry-1"
    assert first.kind == "text"
    assert first.content == (
        "Water in the upper reservoir has dropped to its lowest level in ten years, the "
        "regional water board said on Monday.\n\nOfficials asked households to avoid using "
        "hosepipes until the end of the month."
    )
    assert first.meta["url"] == "https://courier.example/news/reservoir"
    assert first.meta["title"] == "Reservoir levels fall to a ten-year low"
    assert first.meta["byline"] == "Tomas Reed"
    assert first.meta["published"] == "2023-08-07T08:15:00+01:00"
    assert "fetch_error" not in first.meta
    assert "updated" not in first.meta  # feedparser's updated->published alias is not used
    assert first.defaults == {
        "outlet": "Valley Courier",
        "site_name": "Valley Courier",
        "language": "en",
    }
    assert second.content.startswith("The number 12 bus")
    assert third == Rejection(
        "valley.xml#entry-3", "the entry has no link and no content or summary"
    )


def test_atom_entry_content_dates_and_language() -> None:
    text = (FIXTURES / "atom.xml").read_text(encoding="utf-8")
    (entry,) = list(iter_feed(text, "stadt.atom", NO_FETCH))
    assert isinstance(entry, RawDocument)
    assert entry.content.startswith("Die Stadt will bis zum Jahresende drei neue Radwege")
    assert "\n\nNach Angaben der Behörde" in entry.content
    assert entry.meta["published"] == "2023-09-01T12:00:00+02:00"
    assert entry.meta["updated"] == "2023-09-02T09:00:00+02:00"
    assert entry.meta["byline"] == "Jana Vogt"
    assert entry.meta["language"] == "de"
    assert entry.defaults["outlet"] == "Stadtbote"


def test_entry_links_are_fetched_with_fallbacks(base: str) -> None:
    options = IngestOptions(allow_private=True, timeout=5.0)
    items = list(iter_feed(_feed_linking(base), "loop.rss", options))
    page, gone, nested, nothing = items
    assert isinstance(page, RawDocument)
    assert (page.kind, page.meta["url"], page.meta["title"]) == (
        "html",
        f"{base}/story",
        "Fetched story",
    )
    assert "ferry pier" in page.content
    assert isinstance(gone, RawDocument) and gone.content == "The summary stands in."
    assert "HTTP 404" in gone.meta["fetch_error"]
    assert isinstance(nested, RawDocument) and "is itself a feed" in nested.meta["fetch_error"]
    assert isinstance(nothing, Rejection)
    assert nothing.input == "loop.rss#entry-4"
    assert "HTTP 404" in nothing.reason and "no content or summary" in nothing.reason


def test_private_entry_links_are_refused_by_default(base: str) -> None:
    items = list(iter_feed(_feed_linking(base), "loop.rss", IngestOptions()))
    first = items[0]
    assert isinstance(first, RawDocument)
    assert first.content == "Teaser only."
    assert "loopback" in first.meta["fetch_error"]


@pytest.mark.parametrize(
    "text",
    ["<html><body><p>A page, not a feed.</p></body></html>", "plain words", "<rss><channel>"],
)
def test_not_a_feed_is_one_clear_rejection(text: str) -> None:
    items = list(iter_feed(text, "fake.rss", NO_FETCH))
    assert len(items) == 1 and isinstance(items[0], Rejection)
    assert items[0].input == "fake.rss"
    assert items[0].reason.startswith("not an RSS or Atom feed") or "no entries" in items[0].reason


def test_feed_without_entries() -> None:
    text = '<rss version="2.0"><channel><title>Empty</title></channel></rss>'
    assert list(iter_feed(text, "empty.rss", NO_FETCH)) == [
        Rejection("empty.rss", "the feed has no entries")
    ]


def test_stale_encoding_declaration_does_not_garble_decoded_text() -> None:
    text = (
        '<?xml version="1.0" encoding="koi8-r"?><rss version="2.0"><channel><title>Вести</title>'
        "<item><title>Новость</title><description>Короткий текст.</description></item>"
        "</channel></rss>"
    )
    parsed = parse_feed(text, "ru.rss")
    assert parsed["feed"]["title"] == "Вести"
    assert parsed["entries"][0]["title"] == "Новость"


def test_feed_text_is_never_opened_as_a_path_or_url(tmp_path: Path) -> None:
    secret = tmp_path / "secret.xml"
    secret.write_text('<rss version="2.0"><channel><item><title>x</title></item></channel></rss>')
    with pytest.raises(ValueError, match="not an RSS or Atom feed"):
        parse_feed(str(secret), "input")


def test_fragment_text_keeps_paragraphs_and_drops_scripts() -> None:
    html = (
        "<div><p>First <b>bold</b> &amp; <a href='#'>linked</a> words.</p>"
        "<script>var x = 1;</script><p>Second&nbsp;one.</p><ul><li>item</li></ul></div>"
    )
    assert fragment_text(html) == "First bold & linked words.\n\nSecond one.\n\nitem"
