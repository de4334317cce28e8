"""Fetching one URL safely: address checks, a redirect limit, a size cap, a clear User-Agent.

Only ``http`` and ``https`` are fetched. Unless ``IngestOptions.allow_private`` is set, every hop
(the first URL and each redirect target) is refused when its host is a cloud-metadata name or
resolves to a loopback, private, link-local, reserved, multicast, unspecified or other non-public
address. The check runs twice: before each request (for a clear message) and again inside the
connection itself, which connects to the very address it checked, so a host whose DNS answer
changes between the two (DNS rebinding) still cannot reach the local network. The second check
only guards clients made here; a caller's own ``httpx.Client`` gets the first check alone.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

import httpcore
import httpx

from newstrace.errors import FetchError, InputError
from newstrace.ingest.decode import decode_bytes
from newstrace.ingest.language import normalise_language
from newstrace.ingest.sources import IngestOptions, is_feed_text, is_html_text, too_large

Resolver = Callable[[str, int], Sequence[str]]
"""Maps ``(host, port)`` to IP address strings; tests inject one to stay offline."""

FetchedKind = Literal["html", "text", "feed"]

_METADATA_HOSTS = frozenset(
    {"metadata.google.internal", "metadata.goog", "metadata", "instance-data", "metadata.azure"}
)
_METADATA_ADDRESSES = frozenset(
    ipaddress.ip_address(a)
    for a in ("169.254.169.254", "fd00:ec2::254", "169.254.170.2", "100.100.100.200")
)
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_ACCEPT = (
    "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
    "application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5"
)
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml"})
_SNIFF_TYPES = frozenset(
    {"", "text/plain", "application/xml", "text/xml", "application/octet-stream"}
)
_BODY_DEADLINE_FACTOR = 3  # a body may take this many times the timeout in total


@dataclass(frozen=True, slots=True)
class FetchedDocument:
    """A fetched URL: what was asked for, where it ended up, and its decoded text."""

    url: str
    final_url: str
    kind: FetchedKind
    text: str
    content_type: str
    language: str | None = None


def resolve_host(host: str, port: int) -> list[str]:
    """The IP addresses ``host`` resolves to (the system resolver)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def address_refusal(address: str) -> str | None:
    """Why ``address`` must not be fetched without ``allow_private``; ``None`` if public."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            ip = ip.ipv4_mapped
        elif ip in _NAT64:
            ip = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    checks: tuple[tuple[bool, str], ...] = (
        (ip in _METADATA_ADDRESSES, "a cloud metadata address"),
        (ip.is_loopback, "a loopback address"),
        (ip.is_link_local, "a link-local address"),
        (ip.is_multicast, "a multicast address"),
        (ip.is_unspecified, "an unspecified address"),
        (ip.is_reserved, "a reserved address"),
        (ip.is_private, "a private network address"),
        (not ip.is_global, "not a public address"),
    )
    return next((reason for refused, reason in checks if refused), None)


def vetted_addresses(
    host: str, port: int, allow_private: bool, resolve: Resolver | None = None
) -> list[str]:
    """Resolve ``host`` and return its addresses, or raise ``ValueError`` saying why not.

    Every address must pass :func:`address_refusal` (unless ``allow_private``): one bad answer
    is enough to refuse, since a connection could land on any of them.
    """
    name = host.lower().rstrip(".")
    if not allow_private and name in _METADATA_HOSTS:
        raise ValueError(f"{host} is a cloud metadata host")
    try:
        addresses = list((resolve or resolve_host)(host, port))
    except (OSError, UnicodeError) as exc:
        raise ConnectionError(f"cannot resolve host {host}: {exc}") from exc
    if not addresses:
        raise ConnectionError(f"cannot resolve host {host}: no addresses")
    if not allow_private:
        for address in addresses:
            reason = address_refusal(address)
            if reason:
                raise ValueError(f"{host} resolves to {address}, {reason}")
    return addresses


class _GuardedBackend(httpcore.SyncBackend):
    """Connects only to addresses that passed the check, the very ones it checked."""

    def __init__(self, allow_private: bool, resolve: Resolver | None) -> None:
        self._allow_private = allow_private
        self._resolve = resolve

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        try:
            addresses = vetted_addresses(host, port, self._allow_private, self._resolve)
        except (ValueError, ConnectionError) as exc:
            raise httpcore.ConnectError(str(exc)) from exc
        last: httpcore.ConnectError | httpcore.ConnectTimeout | None = None
        for address in addresses:
            try:
                return super().connect_tcp(address, port, timeout, local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last = exc
        assert last is not None  # addresses is never empty here
        raise last


class _GuardedTransport(httpx.HTTPTransport):
    def __init__(self, allow_private: bool, resolve: Resolver | None) -> None:
        super().__init__(retries=0)
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(),
            network_backend=_GuardedBackend(allow_private, resolve),
        )


def make_client(options: IngestOptions, resolve: Resolver | None = None) -> httpx.Client:
    """An ``httpx.Client`` whose connections enforce the address policy of ``options``."""
    return httpx.Client(
        transport=_GuardedTransport(options.allow_private, resolve),
        timeout=options.timeout,
        follow_redirects=False,
        headers={"User-Agent": options.user_agent, "Accept": _ACCEPT},
    )


def fetch_url(
    url: str,
    options: IngestOptions,
    client: httpx.Client | None = None,
    *,
    resolve: Resolver | None = None,
) -> FetchedDocument:
    """Fetch ``url`` and decode it; raises :class:`FetchError` naming the URL and the reason.

    Redirects are followed by hand, at most ``options.max_redirects`` of them, checking each
    target. The body is streamed and abandoned past ``options.max_bytes``. The Content-Type
    decides HTML, feed or plain text (sniffing the body when the type is vague); other types
    are refused.
    """
    own = client is None
    http = client if client is not None else make_client(options, resolve)
    try:
        return _fetch(url, options, http, resolve)
    except httpx.TimeoutException as exc:
        raise FetchError(url, f"timed out after {options.timeout:g}s ({exc})") from exc
    except httpx.HTTPError as exc:
        raise FetchError(url, f"cannot fetch: {exc or type(exc).__name__}") from exc
    finally:
        if own:
            http.close()


def _fetch(
    url: str, options: IngestOptions, http: httpx.Client, resolve: Resolver | None
) -> FetchedDocument:
    current = _checked_url(url, url, options, resolve)
    headers = {"User-Agent": options.user_agent, "Accept": _ACCEPT}
    for _hop in range(options.max_redirects + 1):
        with http.stream("GET", current, headers=headers, timeout=options.timeout) as response:
            if response.is_redirect:
                location = response.headers.get("location")
                if not location:
                    raise FetchError(url, f"redirect without a Location header from {current}")
                current = _checked_url(url, str(response.url.join(location)), options, resolve)
                continue
            if not response.is_success:
                reason = f"HTTP {response.status_code} {response.reason_phrase}".strip()
                where = "" if str(response.url) == url else f" from {response.url}"
                raise FetchError(url, f"{reason}{where}")
            body = _read_body(response, url, options)
            return _document(url, response, body)
    raise FetchError(url, f"too many redirects (more than {options.max_redirects})")


def _checked_url(
    original: str, target: str, options: IngestOptions, resolve: Resolver | None
) -> httpx.URL:
    """Parse and vet one hop; the error names the URL the user gave and the hop refused."""
    try:
        parsed = httpx.URL(target)
    except httpx.InvalidURL as exc:
        raise FetchError(original, f"invalid URL {target!r}: {exc}") from exc
    hop = "" if target == original else f"redirected to {target}: "
    if parsed.scheme not in ("http", "https"):
        raise FetchError(original, f"{hop}only http and https URLs can be fetched")
    if not parsed.host:
        raise FetchError(original, f"{hop}URL has no host")
    host = parsed.raw_host.decode("ascii")
    port = parsed.port or (443 if parsed.scheme == "https" else 80)
    try:
        vetted_addresses(host, port, options.allow_private, resolve)
    except ValueError as exc:
        raise FetchError(
            original, f"{hop}refused: {exc} (use --allow-private to fetch it anyway)"
        ) from exc
    except ConnectionError as exc:
        raise FetchError(original, f"{hop}{exc}") from exc
    return parsed


def _read_body(response: httpx.Response, url: str, options: IngestOptions) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > options.max_bytes:
        raise FetchError(url, too_large(int(declared), options.max_bytes))
    limit = _BODY_DEADLINE_FACTOR * options.timeout
    deadline = time.monotonic() + limit
    chunks: list[bytes] = []
    total = 0
    for chunk in response.iter_bytes():
        total += len(chunk)
        if total > options.max_bytes:
            raise FetchError(url, too_large(None, options.max_bytes))
        if time.monotonic() > deadline:
            raise FetchError(url, f"body took longer than {limit:g}s to arrive")
        chunks.append(chunk)
    return b"".join(chunks)


def _document(url: str, response: httpx.Response, body: bytes) -> FetchedDocument:
    content_type = response.headers.get("content-type", "")
    media = content_type.split(";", 1)[0].strip().lower()
    if (
        media not in _HTML_TYPES
        and media not in _FEED_TYPES
        and media not in _SNIFF_TYPES
        and not media.startswith("text/")
    ):
        raise FetchError(url, f"unsupported content type {media!r} (expected HTML, a feed or text)")
    if not body.strip():
        raise FetchError(url, "empty response body")
    try:
        text = decode_bytes(body, url, declared=response.charset_encoding)
    except InputError as exc:
        raise FetchError(url, exc.reason) from exc
    return FetchedDocument(
        url=url,
        final_url=str(response.url),
        kind=_kind(url, media, text),
        text=text,
        content_type=content_type,
        language=normalise_language(response.headers.get("content-language")),
    )


def _kind(url: str, media: str, text: str) -> FetchedKind:
    if media in _HTML_TYPES:
        return "html"
    if media in _FEED_TYPES or is_feed_text(text):
        return "feed"
    if is_html_text(text):
        return "html"
    if media in {"application/xml", "text/xml"}:
        raise FetchError(url, "an XML document that is not an RSS or Atom feed")
    return "text"
