"""Fetching: a local server on 127.0.0.1, address policy, redirects, size caps, content types."""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterator, Sequence
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest

from newstrace.errors import FetchError
from newstrace.ingest.fetch import address_refusal, fetch_url, vetted_addresses
from newstrace.ingest.sources import IngestOptions

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "sources"
PUBLIC_IP = "93.184.215.14"  # a public address; never contacted (mock transport or refusal)
Route = tuple[int, dict[str, str], bytes]


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_GET(self) -> None:
        self.server.seen.append({"path": self.path, **dict(self.headers)})
        status, headers, body = self.server.routes.get(self.path, (404, {}, b"not here"))
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        if "Content-Length" not in headers and "X-Unsized" not in headers:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        """Keep test output quiet."""


class _Server(ThreadingHTTPServer):
    routes: dict[str, Route]
    seen: list[dict[str, str]]


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[str, _Server]]:
    httpd = _Server(("127.0.0.1", 0), _Handler)
    httpd.seen = []
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    html = (FIXTURES / "article.html").read_bytes()
    httpd.routes = {
        "/article": (200, {"Content-Type": "text/html; charset=utf-8"}, html),
        "/plain": (
            200,
            {"Content-Type": "text/plain; charset=koi8-r"},
            "Сводка дня".encode("koi8-r"),
        ),
        "/feed": (
            200,
            {"Content-Type": "application/rss+xml"},
            (FIXTURES / "rss.xml").read_bytes(),
        ),
        "/xmlfeed": (200, {"Content-Type": "text/xml"}, (FIXTURES / "atom.xml").read_bytes()),
        "/sitemap": (200, {"Content-Type": "application/xml"}, b"<urlset><url/></urlset>"),
        "/image": (200, {"Content-Type": "image/png"}, b"\x89PNG\r\n\x1a\n...."),
        "/empty": (200, {"Content-Type": "text/html"}, b""),
        "/big": (200, {"Content-Type": "text/html"}, b"<p>" + b"x" * 5000 + b"</p>"),
        "/big-unsized": (200, {"Content-Type": "text/html", "X-Unsized": "1"}, b"y" * 5000),
        "/lang": (200, {"Content-Type": "text/html", "Content-Language": "ru-RU"}, html),
        "/gone": (410, {"Content-Type": "text/plain"}, b"gone"),
        "/no-location": (302, {}, b""),
    }
    for n in range(1, 8):
        target = "/article" if n == 1 else f"/hop/{n - 1}"
        httpd.routes[f"/hop/{n}"] = (302, {"Location": target}, b"")
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield base, httpd
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=5)


def _open(**changes: Any) -> IngestOptions:
    return IngestOptions(**{"allow_private": True, "timeout": 5.0, **changes})


def _resolver(table: dict[str, Sequence[str]]) -> Callable[[str, int], Sequence[str]]:
    def resolve(host: str, port: int) -> Sequence[str]:
        if host in table:
            return table[host]
        return [host]  # literal addresses resolve to themselves

    return resolve


def test_loopback_is_refused_by_default(server: tuple[str, _Server]) -> None:
    base, httpd = server
    before = len(httpd.seen)
    with pytest.raises(FetchError) as info:
        fetch_url(f"{base}/article", IngestOptions())
    assert info.value.input_name == f"{base}/article"
    assert "loopback" in info.value.reason
    assert "--allow-private" in info.value.reason
    assert len(httpd.seen) == before  # nothing was sent


def test_localhost_name_is_refused_by_default(server: tuple[str, _Server]) -> None:
    base, _ = server
    with pytest.raises(FetchError, match="loopback"):
        fetch_url(base.replace("127.0.0.1", "localhost") + "/article", IngestOptions())


def test_article_fetched_with_allow_private(server: tuple[str, _Server]) -> None:
    base, httpd = server
    doc = fetch_url(f"{base}/article", _open())
    assert doc.kind == "html"
    assert doc.final_url == doc.url == f"{base}/article"
    assert "ferry pier" in doc.text
    assert httpd.seen[-1]["User-Agent"].startswith("newstrace/")


def test_charset_from_content_type_and_language_header(server: tuple[str, _Server]) -> None:
    base, _ = server
    plain = fetch_url(f"{base}/plain", _open())
    assert (plain.kind, plain.text) == ("text", "Сводка дня")
    assert fetch_url(f"{base}/lang", _open()).language == "ru"


def test_redirects_within_the_limit_are_followed(server: tuple[str, _Server]) -> None:
    base, _ = server
    doc = fetch_url(f"{base}/hop/3", _open(max_redirects=3))
    assert doc.final_url == f"{base}/article"
    assert doc.url == f"{base}/hop/3"


def test_redirect_chain_longer_than_the_limit_is_refused(server: tuple[str, _Server]) -> None:
    base, _ = server
    with pytest.raises(FetchError, match=r"too many redirects \(more than 5\)"):
        fetch_url(f"{base}/hop/7", _open())


def test_redirect_without_location(server: tuple[str, _Server]) -> None:
    base, _ = server
    with pytest.raises(FetchError, match="without a Location"):
        fetch_url(f"{base}/no-location", _open())


def test_oversized_body_is_refused_by_declared_length(server: tuple[str, _Server]) -> None:
    base, _ = server
    with pytest.raises(FetchError, match=r"too large \(5,007 bytes\)"):
        fetch_url(f"{base}/big", _open(max_bytes=1000))


def test_oversized_body_without_length_is_cut_off(server: tuple[str, _Server]) -> None:
    base, _ = server
    with pytest.raises(FetchError, match="too large: the limit is 1,000 bytes"):
        fetch_url(f"{base}/big-unsized", _open(max_bytes=1000))


def test_feed_types_and_sniffed_xml(server: tuple[str, _Server]) -> None:
    base, _ = server
    assert fetch_url(f"{base}/feed", _open()).kind == "feed"
    assert fetch_url(f"{base}/xmlfeed", _open()).kind == "feed"
    with pytest.raises(FetchError, match="XML document that is not an RSS or Atom feed"):
        fetch_url(f"{base}/sitemap", _open())


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/image", "unsupported content type 'image/png'"),
        ("/empty", "empty response body"),
        ("/gone", "HTTP 410 Gone"),
    ],
)
def test_unusable_responses(server: tuple[str, _Server], path: str, reason: str) -> None:
    base, _ = server
    with pytest.raises(FetchError, match=reason):
        fetch_url(f"{base}{path}", _open())


def test_unreachable_port_is_a_clear_fetch_error() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(FetchError, match="cannot fetch"):
        fetch_url(f"http://127.0.0.1:{port}/x", _open())


@pytest.mark.parametrize("url", ["ftp://files.example/a.txt", "file:///etc/passwd"])
def test_only_http_and_https(url: str) -> None:
    with pytest.raises(FetchError, match="only http and https"):
        fetch_url(url, IngestOptions())


def test_metadata_host_is_refused_before_resolving() -> None:
    def never(host: str, port: int) -> Sequence[str]:
        raise AssertionError("must not resolve")

    with pytest.raises(FetchError, match="cloud metadata host"):
        fetch_url(
            "http://metadata.google.internal/computeMetadata/v1/", IngestOptions(), resolve=never
        )


def test_redirect_from_public_host_to_private_address_is_refused() -> None:
    requested: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        requested.append(str(request.url))
        if request.url.host == "news.example":
            return httpx.Response(302, headers={"Location": "http://10.0.0.7/admin"})
        return httpx.Response(200, text="<p>secret</p>", headers={"Content-Type": "text/html"})

    client = httpx.Client(transport=httpx.MockTransport(handler))
    resolve = _resolver({"news.example": [PUBLIC_IP]})
    with pytest.raises(FetchError) as info:
        fetch_url("http://news.example/story", IngestOptions(), client, resolve=resolve)
    assert info.value.input_name == "http://news.example/story"
    assert "redirected to http://10.0.0.7/admin" in info.value.reason
    assert "private network address" in info.value.reason
    assert requested == ["http://news.example/story"]


def test_redirect_to_a_name_that_resolves_privately_is_refused() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(301, headers={"Location": "https://intranet.example/"})

    client = httpx.Client(transport=httpx.MockTransport(handler))
    resolve = _resolver({"news.example": [PUBLIC_IP], "intranet.example": ["192.168.1.5"]})
    with pytest.raises(FetchError, match=r"intranet.example resolves to 192.168.1.5"):
        fetch_url("http://news.example/", IngestOptions(), client, resolve=resolve)


def test_public_host_through_mock_transport_is_fetched() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200, text="<html><p>ok</p></html>", headers={"Content-Type": "text/html"}
        )

    client = httpx.Client(transport=httpx.MockTransport(handler))
    doc = fetch_url(
        "https://news.example/a",
        IngestOptions(),
        client,
        resolve=_resolver({"news.example": [PUBLIC_IP]}),
    )
    assert doc.kind == "html"


def test_connection_guard_stops_dns_rebinding(server: tuple[str, _Server]) -> None:
    """The first answer is public, the one at connect time is loopback: no connection."""
    base, httpd = server
    port = base.rsplit(":", 1)[1]
    answers = iter([[PUBLIC_IP], ["127.0.0.1"]])
    before = len(httpd.seen)
    with pytest.raises(FetchError, match="loopback"):
        fetch_url(
            f"http://rebind.example:{port}/article",
            IngestOptions(),
            resolve=lambda h, p: next(answers),
        )
    assert len(httpd.seen) == before


def test_own_client_connects_to_the_vetted_address(server: tuple[str, _Server]) -> None:
    base, httpd = server
    port = base.rsplit(":", 1)[1]
    resolve = _resolver({"local.test": ["127.0.0.1"]})
    doc = fetch_url(f"http://local.test:{port}/article", _open(), resolve=resolve)
    assert "ferry pier" in doc.text
    assert httpd.seen[-1]["Host"] == f"local.test:{port}"


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("127.0.0.1", "loopback"),
        ("::1", "loopback"),
        ("::ffff:127.0.0.1", "loopback"),
        ("10.1.2.3", "private"),
        ("172.16.0.9", "private"),
        ("192.168.0.1", "private"),
        ("fd12:3456::1", "private"),
        ("169.254.169.254", "metadata"),
        ("fd00:ec2::254", "metadata"),
        ("169.254.10.10", "link-local"),
        ("fe80::1%eth0", "link-local"),
        ("224.0.0.251", "multicast"),
        ("0.0.0.0", "unspecified"),
        ("100.64.0.1", "not a public address"),
        ("64:ff9b::a00:1", "private"),
        ("240.0.0.1", "reserved"),
    ],
)
def test_address_refusals(address: str, reason: str) -> None:
    refusal = address_refusal(address)
    assert refusal is not None and reason in refusal


@pytest.mark.parametrize("address", [PUBLIC_IP, "8.8.8.8", "2606:4700:4700::1111"])
def test_public_addresses_pass(address: str) -> None:
    assert address_refusal(address) is None


def test_one_private_answer_among_several_is_enough_to_refuse() -> None:
    resolve = _resolver({"mixed.example": [PUBLIC_IP, "10.0.0.1"]})
    with pytest.raises(ValueError, match=r"10\.0\.0\.1"):
        vetted_addresses("mixed.example", 80, False, resolve)
    assert vetted_addresses("mixed.example", 80, True, resolve) == [PUBLIC_IP, "10.0.0.1"]


def test_unresolvable_host_is_a_fetch_error() -> None:
    def fail(host: str, port: int) -> Sequence[str]:
        raise socket.gaierror(-2, "Name or service not known")

    with pytest.raises(FetchError, match=r"cannot resolve host nowhere\.example"):
        fetch_url("http://nowhere.example/", IngestOptions(), resolve=fail)
