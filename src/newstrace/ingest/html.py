"""Article body and metadata from one HTML page.

The body comes from trafilatura in precision mode, with repairs for the ways it fails on news
pages (each one measured in ``bench/extraction/RESULTS.md``):

* **short output**: when precision mode keeps almost nothing while the standard mode keeps
  several times more, the standard output is used instead;
* **split body**: when the page splits the article into several sibling containers of the same
  kind (a common layout with advertisements between body blocks) and the extractor kept only
  some of them, the containers are merged and the extraction is run again;
* **no output**: recall mode, then the block of ``<p>`` elements with the most text, then the
  JSON-LD ``articleBody``;
* **editorial notes**: "Correction: ...", "Update: ..." and their equivalents in a few languages
  are put back when the extractor dropped them (a later stage reads them from the text);
* **headline**: a first paragraph that repeats the title is dropped (the title is kept apart).

Metadata comes from JSON-LD (``NewsArticle`` and related types), then OpenGraph and other
``<meta>`` tags, then trafilatura's own metadata reader for whatever is still missing.
Decoding bytes is done by the caller; this module receives ``str``.
"""

from __future__ import annotations

import copy
import html as htmllib
import json
import logging
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import Any, Literal
from urllib.parse import urljoin, urlparse

import lxml.html
import trafilatura
from lxml import etree

from newstrace.errors import InputError

log = logging.getLogger(__name__)

Mode = Literal["precision", "standard", "recall"]

_WORD = re.compile(r"\w+")
_SPACES = re.compile(r"\s+")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_SURROGATE = re.compile("[\ud800-\udfff]")
_LANGUAGE_TAG = re.compile(r"^([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*$")
_ARTICLE_TYPES = frozenset(
    {
        "newsarticle",
        "article",
        "reportagenewsarticle",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "backgroundnewsarticle",
        "reviewnewsarticle",
        "askpublicnewsarticle",
        "blogposting",
        "liveblogposting",
        "socialmediaposting",
        "report",
    }
)
# Labels that open an editorial note, in the languages newstrace meets most often.
_NOTE_LABELS = (
    r"^\W{0,3}(?:corrections?|clarifications?|updated?|editor[’']?s[’']? note|"
    r"исправлени[ея]|уточнени[ея]|обновлено|обновление|примечание редакции|от редакции|"
    r"виправлення|оновлено|оновлення|примітка редакції|"
    r"korrektur|berichtigung|aktualisierung|aktualisiert|anmerkung der redaktion|"
    r"rectificatif|mise à jour|note de la rédaction|"
    r"corrección|fe de erratas|actualización|nota del editor|nota de la redacción)\b"
)
_NOTE_CUE_START = re.compile(_NOTE_LABELS, re.IGNORECASE)
_NOTE_SEPARATOR = re.compile(r"\s*[:.\-–—]")
_SKIPPED_TAGS = frozenset({"script", "style", "noscript", "template", "nav", "head", "title"})


@dataclass(frozen=True, slots=True)
class HtmlOptions:
    """How :func:`extract_html` finds the body; the defaults are the best measured setting.

    ``mode`` is trafilatura's first pass; each flag switches one repair on or off (the
    benchmark in ``bench/extraction`` measures them one by one).
    """

    mode: Mode = "precision"
    short_fallback: bool = True
    merge_split_body: bool = True
    rescue_notes: bool = True
    drop_title_line: bool = True
    short_body_chars: int = 1000
    short_body_ratio: float = 3.0


@dataclass(frozen=True, slots=True)
class HtmlExtraction:
    """The article found in one HTML page: body text plus metadata.

    ``text`` holds one paragraph per block, blocks separated by a blank line. Dates are ISO
    8601 (a date, or a date-time when the page gives a time). ``language`` is the primary
    language subtag, lower case (``"en"`` for ``en-GB``), as the page declares it.
    """

    text: str
    title: str | None = None
    author: str | None = None
    published: str | None = None
    updated: str | None = None
    site_name: str | None = None
    canonical_url: str | None = None
    language: str | None = None
    description: str | None = None


def extract_html(
    html: str, url: str | None = None, options: HtmlOptions | None = None
) -> HtmlExtraction:
    """Extract the article body and its metadata from an HTML page.

    ``url`` is where the page came from (used for metadata and to resolve relative links).
    Raises :class:`newstrace.errors.InputError` when the page is empty, cannot be parsed, or
    holds no paragraph of running text. Truncated or malformed HTML is read as far as it goes.
    """
    opts = options or HtmlOptions()
    source = url or "<html>"
    tree = _parse(html, source)
    clean_html = _clean_markup(html)
    meta = _page_metadata(tree, url)
    body = _extract_body(clean_html, tree, url, opts)
    ld_body = meta.pop("_body", None)
    # The JSON-LD body fills an empty page (script-rendered sites) and, when it holds the same
    # words, gives back the paragraph breaks a flattened extraction lost.
    if ld_body and (not _has_running_text(body) or _tokens(ld_body) == _tokens(body)):
        body = ld_body
    if not _has_running_text(body):
        raise InputError(source, "no article body found: the page has no paragraph of text")
    if not all(meta.get(k) for k in ("title", "author", "published", "site_name")):
        _fill_from_trafilatura(meta, clean_html, url)
    if opts.drop_title_line:
        body = _drop_title_line(body, meta.get("title"))
    if opts.rescue_notes:
        body = _rescue_notes(tree, body)
    return HtmlExtraction(
        text=body,
        title=meta.get("title"),
        author=meta.get("author"),
        published=meta.get("published"),
        updated=meta.get("updated"),
        site_name=meta.get("site_name"),
        canonical_url=meta.get("canonical_url"),
        language=meta.get("language"),
        description=meta.get("description"),
    )


# --- parsing -----------------------------------------------------------------------------


def _clean_markup(html: str) -> str:
    """Drop what lxml refuses in a str: NUL, lone surrogates, an XML encoding declaration."""
    text = _SURROGATE.sub("\ufffd", html.replace("\x00", ""))
    return _XML_DECLARATION.sub("", text, count=1)


def _parse(html: str, source: str) -> lxml.html.HtmlElement:
    cleaned = _clean_markup(html)
    if not cleaned.strip():
        raise InputError(source, "empty HTML document")
    try:
        return lxml.html.document_fromstring(cleaned)
    except (etree.ParserError, ValueError) as err:
        raise InputError(source, f"HTML could not be parsed ({err})") from err


def _tokens(text: str) -> str:
    """Words of a text joined by single spaces, for containment tests that ignore markup."""
    return " ".join(_WORD.findall(text))


def _has_running_text(text: str) -> bool:
    """True when some paragraph reads like prose (a sentence, not a menu or a number)."""
    for para in text.split("\n"):
        words = _WORD.findall(para)
        if len(words) >= 8 or sum(map(len, words)) >= 40:
            return True
    return False


def _clean_text(text: str) -> str:
    """One paragraph per block, blocks separated by one blank line, no stray spaces."""
    lines = (_SPACES.sub(" ", line).strip() for line in text.replace("\r", "\n").split("\n"))
    return "\n\n".join(line for line in lines if line)


# --- body ---------------------------------------------------------------------------------


def _trafilatura_body(html: str, url: str | None, mode: Mode) -> str:
    text = trafilatura.extract(
        html,
        url=url,
        include_comments=False,
        include_tables=True,
        favor_precision=mode == "precision",
        favor_recall=mode == "recall",
    )
    return text or ""


def _extract_body(
    html: str, tree: lxml.html.HtmlElement, url: str | None, opts: HtmlOptions
) -> str:
    mode: Mode = opts.mode
    text = _trafilatura_body(html, url, mode)
    if opts.short_fallback and mode == "precision" and len(text) < opts.short_body_chars:
        standard = _trafilatura_body(html, url, "standard")
        if len(standard) >= opts.short_body_ratio * max(len(text), 1):
            text, mode = standard, "standard"
    if opts.merge_split_body and text:
        text = _merge_split_body(tree, url, text, mode)
    if not _has_running_text(text) and mode != "recall":
        text = _trafilatura_body(html, url, "recall")
    if not _has_running_text(text):
        text = _paragraph_block(tree)
    return _clean_text(text)


def _container_key(element: lxml.html.HtmlElement) -> tuple[str, str] | None:
    """Tag and class of an element: how repeated containers of one layout are recognised."""
    klass = element.get("class")
    tag = element.tag
    if not klass or not isinstance(tag, str):
        return None
    return tag, _SPACES.sub(" ", klass.strip())


def _paragraph_texts(element: lxml.html.HtmlElement) -> list[str]:
    texts = (_tokens(p.text_content()) for p in element.iter("p"))
    return [t for t in texts if t.count(" ") >= 4]


def _merge_split_body(tree: lxml.html.HtmlElement, url: str | None, text: str, mode: Mode) -> str:
    """Rerun the extraction with sibling body containers merged, when it missed some."""
    kept = f" {_tokens(text)} "
    weights: dict[tuple[str, str], int] = {}
    for p in tree.iter("p"):
        words = _tokens(p.text_content())
        parent = p.getparent()
        key = _container_key(parent) if parent is not None else None
        if key and words.count(" ") >= 4 and f" {words} " in kept:
            weights[key] = weights.get(key, 0) + len(words)
    if not weights:
        return text
    key = max(weights, key=lambda k: weights[k])
    if not _missed_containers(_containers(tree, key), kept):
        return text
    work = copy.deepcopy(tree)
    containers = _containers(work, key)
    first = containers[0]
    for other in containers[1:]:
        first.extend(list(other))
        parent = other.getparent()
        if parent is not None:
            parent.remove(other)
    merged = _trafilatura_body(lxml.html.tostring(work, encoding="unicode"), url, mode)
    return merged if len(merged) > len(text) and _covers(merged, text) else text


def _containers(tree: lxml.html.HtmlElement, key: tuple[str, str]) -> list[lxml.html.HtmlElement]:
    return [el for el in tree.iter(key[0]) if _container_key(el) == key]


def _missed_containers(containers: list[lxml.html.HtmlElement], kept: str) -> bool:
    """True when whole containers of the body's kind (200+ characters of text) were left out."""
    if len(containers) < 2 or _nested(containers):
        return False
    missed = 0
    for container in containers:
        paras = _paragraph_texts(container)
        hit = sum(len(t) for t in paras if f" {t} " in kept)
        total = sum(map(len, paras))
        if hit < 0.2 * total:
            missed += total - hit
    return missed >= 200


def _nested(elements: list[lxml.html.HtmlElement]) -> bool:
    ids = {id(el) for el in elements}
    return any(id(anc) in ids for el in elements for anc in el.iterancestors())


def _covers(new: str, old: str, share: float = 0.8) -> bool:
    """True when most paragraphs of ``old`` are still found in ``new``."""
    haystack = f" {_tokens(new)} "
    paras = [t for t in (_tokens(line) for line in old.split("\n")) if t]
    found = sum(1 for t in paras if f" {t} " in haystack)
    return found >= share * len(paras)


def _paragraph_block(tree: lxml.html.HtmlElement) -> str:
    """Last resort: the paragraphs of the element whose direct ``<p>`` children hold most text."""
    best: list[str] = []
    best_size = 0
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag in _SKIPPED_TAGS:
            continue
        if any(a.tag in _SKIPPED_TAGS for a in element.iterancestors()):
            continue
        paras = [_SPACES.sub(" ", p.text_content()).strip() for p in element.findall("p")]
        size = sum(map(len, paras))
        if size > best_size:
            best, best_size = [p for p in paras if p], size
    return "\n".join(best)


# --- editorial notes ----------------------------------------------------------------------


def _note_elements(tree: lxml.html.HtmlElement) -> Iterator[tuple[int, str]]:
    """Outermost short elements whose text opens with a note label, with their order."""
    skip_below: lxml.html.HtmlElement | None = None
    for index, element in enumerate(tree.iter()):
        if not isinstance(element.tag, str) or element.tag in _SKIPPED_TAGS:
            continue
        if skip_below is not None and any(a is skip_below for a in element.iterancestors()):
            continue
        if _NOTE_CUE_START.match(_lead(element)) is None:
            continue
        text = _SPACES.sub(" ", element.text_content()).strip()
        if not 20 <= len(text) <= 600:
            continue
        if any(a.tag in _SKIPPED_TAGS or a.tag == "a" for a in element.iterancestors()):
            continue
        match = _NOTE_CUE_START.match(text)
        words = [w for w in _WORD.findall(text) if not w.isdigit()]
        if match is None or len(words) < 6 or _link_share(element, text) > 0.5:
            continue  # a teaser link ("Update: ...") is not a note
        if _NOTE_SEPARATOR.match(text, match.end()):
            skip_below = element
            yield index, text
        elif _opens_with_label(element, match.end()):
            skip_below = element
            yield index, f"{text[: match.end()]}:{text[match.end() :]}"


def _link_share(element: lxml.html.HtmlElement, text: str) -> float:
    """Share of an element's text that sits inside links."""
    linked = sum(len(_SPACES.sub(" ", a.text_content()).strip()) for a in element.iter("a"))
    return linked / max(len(text), 1)


def _lead(element: lxml.html.HtmlElement, size: int = 40) -> str:
    """The first characters of an element's text, read lazily (cheap on large containers)."""
    lead = ""
    for piece in element.itertext():
        lead += piece
        if len(lead.strip()) >= size:
            break
    return _SPACES.sub(" ", lead).strip()


def _opens_with_label(element: lxml.html.HtmlElement, cue_end: int) -> bool:
    """True when the note's label sits in its own child element (``<b>Update</b> ...``)."""
    first = next(iter(element), None)
    if first is None or (element.text or "").strip():
        return False
    return len(_SPACES.sub(" ", first.text_content()).strip()) <= cue_end


def _rescue_notes(tree: lxml.html.HtmlElement, body: str) -> str:
    """Put back editorial notes the extractor dropped: before the body or after it."""
    kept = f" {_tokens(body)} "
    paragraphs = body.split("\n\n")
    start = _element_index(tree, paragraphs[0])
    before: list[str] = []
    after: list[str] = []
    for index, text in _note_elements(tree):
        words = _tokens(text)
        if f" {words} " in kept:
            continue
        kept += f"{words} "
        (before if start is not None and index < start else after).append(text)
    return "\n\n".join([*before, *paragraphs, *after])


def _element_index(tree: lxml.html.HtmlElement, paragraph: str) -> int | None:
    """Document position of the first element whose own text opens the given paragraph."""
    opening = " ".join(_WORD.findall(paragraph)[:6])
    if not opening:
        return None
    for index, element in enumerate(tree.iter()):
        own = _tokens(element.text or "") if isinstance(element.tag, str) else ""
        if own and (own.startswith(opening) or (opening.startswith(own) and len(own) > 20)):
            return index
    return None


def _drop_title_line(body: str, title: str | None) -> str:
    paragraphs = body.split("\n\n")
    if title and len(paragraphs) > 1 and _tokens(paragraphs[0]) == _tokens(title):
        return "\n\n".join(paragraphs[1:])
    return body


# --- metadata -----------------------------------------------------------------------------


def _page_metadata(tree: lxml.html.HtmlElement, url: str | None) -> dict[str, str | None]:
    """Metadata from JSON-LD first, then ``<meta>``/``<link>`` tags (``_body``: JSON-LD body)."""
    ld = _jsonld_article(tree)
    tags = _meta_tags(tree)
    published = _first_date(
        ld.get("datePublished"),
        *(tags.get(k) for k in ("article:published_time", "datepublished", "pubdate")),
        *(tags.get(k) for k in ("publishdate", "publish-date", "dc.date.issued", "dc.date")),
    )
    updated = _first_date(
        ld.get("dateModified"),
        *(tags.get(k) for k in ("article:modified_time", "og:updated_time", "datemodified")),
    )
    return {
        "title": _first(tags.get("og:title"), _text(ld.get("headline")), tags.get("twitter:title")),
        "author": _first(_names(ld.get("author")), _person(tags.get("author"))),
        "published": published,
        "updated": updated,
        "site_name": _first(tags.get("og:site_name"), _names(ld.get("publisher"))),
        "canonical_url": _canonical(tree, url, tags, ld),
        "language": _page_language(tree, tags, ld),
        "description": _first(
            tags.get("og:description"), tags.get("description"), _text(ld.get("description"))
        ),
        "_body": _text_block(ld.get("articleBody")),
    }


def _meta_tags(tree: lxml.html.HtmlElement) -> dict[str, str]:
    """``<meta>`` contents keyed by lower-case property, name, itemprop or http-equiv."""
    found: dict[str, str] = {}
    for element in tree.iter("meta"):
        key = next(
            (
                v
                for a in ("property", "name", "itemprop", "http-equiv")
                if (v := (element.get(a) or "").strip().lower())
            ),
            "",
        )
        value = _text(element.get("content"))
        if key and value and key not in found:
            found[key] = value
    return found


def _jsonld_article(tree: lxml.html.HtmlElement) -> Mapping[str, Any]:
    """The first JSON-LD object of an article type; malformed blocks are skipped (logged)."""
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        raw = script.text_content()
        try:
            data = json.loads(raw, strict=False)
        except ValueError as err:
            log.debug("skipping malformed JSON-LD block: %s", err)
            continue
        for obj in _json_objects(data):
            kinds = obj.get("@type")
            names = kinds if isinstance(kinds, list) else [kinds]
            if any(isinstance(k, str) and k.lower() in _ARTICLE_TYPES for k in names):
                return obj
    return {}


def _json_objects(data: Any) -> Iterator[Mapping[str, Any]]:
    """Every JSON object in a JSON-LD value, outer ones first (covers ``@graph`` nesting)."""
    stack = [data]
    while stack:
        item = stack.pop(0)
        if isinstance(item, Mapping):
            yield item
            stack.extend(v for v in item.values() if isinstance(v, (Mapping, list)))
        elif isinstance(item, list):
            stack.extend(item)


def _text(value: Any) -> str | None:
    """A single-line cleaned string (entities decoded), or ``None`` for non-text or blank."""
    if not isinstance(value, str):
        return None
    cleaned = _SPACES.sub(" ", htmllib.unescape(value)).strip()
    return cleaned or None


def _text_block(value: Any) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    return _clean_text(htmllib.unescape(value))


def _first(*values: str | None) -> str | None:
    return next((v for v in values if v), None)


def _names(value: Any) -> str | None:
    """Names from a JSON-LD person/organisation value: a string, an object, or a list."""
    items = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in items:
        name = _text(item.get("name")) if isinstance(item, Mapping) else _person(item)
        if name and name not in names:
            names.append(name)
    return ", ".join(names) or None


def _person(value: Any) -> str | None:
    """A byline name, without a leading "By", rejecting URLs (``article:author`` often is one)."""
    name = _text(value)
    if not name or urlparse(name).scheme in ("http", "https"):
        return None
    return re.sub(r"^by\s+", "", name, flags=re.IGNORECASE) or None


def _first_date(*values: Any) -> str | None:
    return next((d for v in values if (d := _iso_date(v))), None)


def _iso_date(value: Any) -> str | None:
    """An ISO 8601 date or date-time from the formats pages use (ISO, RFC 2822)."""
    text = _text(value)
    if not text:
        return None
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            parsed = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            match = re.match(r"(\d{4}-\d{2}-\d{2})(?!\d)", text)
            return _iso_date(match.group(1)) if match and match.group(1) != text else None
    has_time = bool(re.search(r"\d{1,2}:\d{2}", text))
    return parsed.isoformat() if has_time else parsed.date().isoformat()


def _canonical(
    tree: lxml.html.HtmlElement,
    url: str | None,
    tags: Mapping[str, str],
    ld: Mapping[str, Any],
) -> str | None:
    """``<link rel=canonical>`` resolved against the page URL, else og:url, else JSON-LD url."""
    og_url = tags.get("og:url")
    base = url or og_url
    for link in tree.iter("link"):
        raw = str(link.get("href") or "").strip()
        if "canonical" in str(link.get("rel") or "").lower().split() and raw:
            href = urljoin(base, raw) if base else raw
            if urlparse(href).scheme in ("http", "https"):
                return href
    entity = ld.get("mainEntityOfPage")
    entity_id = entity.get("@id") if isinstance(entity, Mapping) else entity
    return _first(og_url, _text(ld.get("url")), _text(entity_id))


def _page_language(
    tree: lxml.html.HtmlElement, tags: Mapping[str, str], ld: Mapping[str, Any]
) -> str | None:
    """The declared language: ``<html lang>``, then meta tags, og:locale, JSON-LD inLanguage."""
    candidates = [
        tree.get("lang"),
        tree.get("{http://www.w3.org/XML/1998/namespace}lang"),
        tree.get("xml:lang"),
        tags.get("content-language"),
        tags.get("language"),
        tags.get("dc.language"),
        tags.get("og:locale"),
        ld.get("inLanguage") if isinstance(ld.get("inLanguage"), str) else None,
    ]
    for value in candidates:
        first = (value or "").split(",")[0].strip()
        match = _LANGUAGE_TAG.match(first)
        if match:
            return match.group(1).lower()
    return None


def _fill_from_trafilatura(meta: dict[str, str | None], html: str, url: str | None) -> None:
    """Fill title, author, date and site name that the page's own tags did not give."""
    found = trafilatura.extract_metadata(html, default_url=url)
    meta["title"] = meta.get("title") or _text(found.title)
    meta["author"] = meta.get("author") or _person(found.author)
    meta["published"] = meta.get("published") or _iso_date(found.date)
    meta["site_name"] = meta.get("site_name") or _text(found.sitename)
    meta["description"] = meta.get("description") or _text(found.description)
