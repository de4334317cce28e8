"""Raw documents, options, input-kind sniffing and capped reading."""

from __future__ import annotations

import dataclasses
import gzip
import io
from pathlib import Path

import pytest

from newstrace.errors import InputError
from newstrace.ingest.sources import (
    IngestOptions,
    RawDocument,
    default_user_agent,
    is_feed_text,
    is_html_text,
    is_jsonl_text,
    is_url,
    kind_of_text,
    looks_like_warc,
    read_file_capped,
    read_stream_capped,
    root_element,
)


def test_options_defaults_and_user_agent() -> None:
    options = IngestOptions()
    assert not options.allow_private
    assert (options.max_bytes, options.max_redirects, options.timeout) == (20_000_000, 5, 20.0)
    assert options.fetch_feed_entries
    assert options.user_agent == default_user_agent()
    assert options.user_agent.startswith("newstrace/")
    assert "(+https://github.com/newstrace/newstrace)" in options.user_agent
    with pytest.raises(dataclasses.FrozenInstanceError):
        options.allow_private = True  # type: ignore[misc]


def test_raw_document_metadata_defaults_are_empty_and_read_only() -> None:
    doc = RawDocument("a.txt", "text", "Body")
    assert doc.meta == {} and doc.defaults == {}
    with pytest.raises(TypeError):
        doc.meta["x"] = "y"  # type: ignore[index]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("https://news.example/a", True),
        ("http://x", True),
        ("ftp://files.example/a", True),
        ("news/https.txt", False),
        ("C:/data/a.txt", False),
        ("-", False),
    ],
)
def test_is_url(value: str, expected: bool) -> None:
    assert is_url(value) is expected


@pytest.mark.parametrize(
    ("text", "root"),
    [
        ('<?xml version="1.0"?>\n<!-- made by hand -->\n<rss version="2.0">', "rss"),
        ("\ufeff  <feed xmlns='http://www.w3.org/2005/Atom'>", "feed"),
        ('<?xml version="1.0"?><rdf:RDF xmlns:rdf="x">', "rdf:rdf"),
        ("<!DOCTYPE html>\n<html lang='en'>", "!doctype html"),
        ("<!doctype HTML><p>x", "!doctype html"),
        ('<!DOCTYPE rss PUBLIC "-//x//EN" "y"><rss>', "rss"),
        ("<P>Paragraph", "p"),
        ("Plain words <b>later</b>", None),
        ("", None),
    ],
)
def test_root_element(text: str, root: str | None) -> None:
    assert root_element(text) == root


def test_sniffers() -> None:
    assert is_feed_text("<rss><channel/></rss>")
    assert not is_feed_text("<html><body>rss</body></html>")
    assert is_html_text("<div><p>Body</p></div>")
    assert not is_html_text("<Editor's note> this is text")
    assert is_jsonl_text('\n\n{"text": "x"}\n{"text": "y"}')
    assert not is_jsonl_text("{not json}")
    assert not is_jsonl_text("Just a line")


@pytest.mark.parametrize(
    ("name", "text", "kind"),
    [
        ("a.txt", "<html><body>looks like html</body></html>", "text"),
        ("a.html", "no tags at all", "html"),
        ("a.htm", "<p>x</p>", "html"),
        ("a.json", "[]", "json"),
        ("a.ndjson", "{}", "jsonl"),
        ("a.xml", "<rss version='2.0'></rss>", "feed"),
        ("feed", "<feed xmlns='http://www.w3.org/2005/Atom'></feed>", "feed"),
        ("page", "<!DOCTYPE html><html></html>", "html"),
        ("lines", '{"text": "a"}\n{"text": "b"}', "jsonl"),
        ("notes.md", "# Heading\n\nSome words.", "text"),
        ("https://news.example/story.txt", "<p>served as text</p>", "html"),
    ],
)
def test_kind_of_text(name: str, text: str, kind: str) -> None:
    assert kind_of_text(text, name) == kind


@pytest.mark.parametrize(
    ("name", "text", "reason"),
    [
        ("news.rss", "<html><body>A page</body></html>", "its first element is <html>"),
        ("feed.atom", "Just words.", "it does not start with XML"),
        ("sitemap.xml", "<urlset></urlset>", "its first element is <urlset>"),
    ],
)
def test_feed_extension_that_is_not_a_feed(name: str, text: str, reason: str) -> None:
    with pytest.raises(InputError) as info:
        kind_of_text(text, name)
    assert info.value.input_name == name
    assert info.value.reason == f"not an RSS or Atom feed: {reason}"


def test_looks_like_warc() -> None:
    assert looks_like_warc(b"WARC/1.0\r\nWARC-Type: warcinfo\r\n")
    assert looks_like_warc(gzip.compress(b"WARC/1.1\r\nWARC-Type: response\r\n"))
    assert not looks_like_warc(gzip.compress(b"just some text"))
    assert not looks_like_warc(b"\x1f\x8b\x08garbage")
    assert not looks_like_warc(b"<html>")


def test_huge_file_is_refused_from_its_size_without_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(200_000_000)  # sparse: no 200 MB written

    def no_open(*args: object, **kwargs: object) -> None:
        raise AssertionError("the file must not be opened")

    monkeypatch.setattr(Path, "open", no_open)
    with pytest.raises(InputError) as info:
        read_file_capped(huge, "huge.txt", 20_000_000)
    assert info.value.input_name == "huge.txt"
    assert info.value.reason == (
        "too large (200,000,000 bytes): the limit is 20,000,000 bytes (raise it with --max-bytes)"
    )


def test_small_file_and_missing_file(tmp_path: Path) -> None:
    small = tmp_path / "small.txt"
    small.write_bytes(b"abc")
    assert read_file_capped(small, "small.txt", 3) == b"abc"
    with pytest.raises(InputError, match="cannot read"):
        read_file_capped(tmp_path / "absent.txt", "absent.txt", 10)


def test_stream_is_read_at_most_one_byte_past_the_cap() -> None:
    stream = io.BytesIO(b"x" * 100)
    with pytest.raises(InputError, match="too large: the limit is 10 bytes"):
        read_stream_capped(stream, "<stdin>", 10)
    assert stream.tell() == 11
    assert read_stream_capped(io.BytesIO(b"12345"), "<stdin>", 5) == b"12345"
