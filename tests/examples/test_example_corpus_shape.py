"""Shape checks for the bundled example corpus and its answer key (``examples/``).

These tests check the corpus itself, not the product: every file exists, every substring the
answer key quotes occurs in its file, languages and metadata agree, and each of the thirteen
ingredients the corpus promises is represented in the key.
"""

from __future__ import annotations

import itertools
import json
import re
from datetime import date, timedelta
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
CORPUS_NAME = re.compile(r"^\d\d_[a-z0-9_]+\.(txt|html)$")
STATUSES = {"corroborated", "single_origin", "echo_only", "contested", "exclusive"}
DISCREPANCY_KINDS = {"number", "date", "attribution", "quote_wording", "hedging", "polarity"}
EN_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
RU_WEEKDAYS = ["понедельник", "вторник", "сред", "четверг", "пятниц", "суббот", "воскресенье"]
HEDGE_WORDS = ("likely", "may ", "could", "probably", "expected to", "скорее всего")


class _VisibleText(HTMLParser):
    """Collects the text a browser would show (outside script, style and head)."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0
        self.lang: str | None = None
        self.meta: dict[str, str] = {}
        self.json_ld: list[str] = []
        self._in_json_ld = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "html":
            self.lang = found.get("lang")
        if tag == "meta":
            name = found.get("property") or found.get("name")
            if name and found.get("content") is not None:
                self.meta[name] = str(found["content"])
        if tag in {"script", "style", "head"}:
            self._skip += 1
            self._in_json_ld = found.get("type") == "application/ld+json"

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style", "head"}:
            self._skip -= 1
            self._in_json_ld = False

    def handle_data(self, data: str) -> None:
        if self._in_json_ld:
            self.json_ld.append(data)
        elif not self._skip:
            self.parts.append(data)


def _collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@cache
def _json(name: str) -> Any:
    return json.loads((EXAMPLES / name).read_text(encoding="utf-8"))


def _key() -> dict[str, Any]:
    data: dict[str, Any] = _json("answer_key.json")
    return data


def _meta() -> dict[str, dict[str, Any]]:
    return {entry["file"]: entry for entry in _json("meta.json")}


@cache
def _raw(name: str) -> str:
    return (EXAMPLES / name).read_text(encoding="utf-8")


@cache
def _parsed_html(name: str) -> _VisibleText:
    parser = _VisibleText()
    parser.feed(_raw(name))
    return parser


def _searchable(name: str) -> str:
    """Text a key substring must occur in: raw text, or visible text for an HTML page."""
    if name.endswith(".html"):
        return _collapse(" ".join(_parsed_html(name).parts))
    return _raw(name)


def _unwrapped(text: str) -> str:
    """Undo PDF-style hard wrapping: rejoin hyphen-split words, then join lines."""
    joined = re.sub(r"(\w)-\n(?=[a-zа-яё])", r"\1", text)
    return _collapse(joined)


def _corpus_files() -> list[str]:
    return sorted(p.name for p in EXAMPLES.iterdir() if CORPUS_NAME.match(p.name))


def _article_body(name: str) -> str:
    if name.endswith(".html"):
        match = re.search(r"<article\b.*?</article>", _raw(name), re.S)
        assert match, f"{name}: no <article> element"
        return re.sub(r"<[^>]+>", " ", match.group(0))
    return _raw(name)


def _published(name: str) -> date:
    meta = _meta()[name]
    if "published" in meta:
        return date.fromisoformat(meta["published"])
    html_meta = _key()["cleaning"][name]["metadata"]
    return date.fromisoformat(html_meta["published"])


def _language(name: str) -> str:
    meta = _meta()[name]
    if "language" in meta:
        return str(meta["language"])
    return str(_key()["cleaning"][name]["metadata"]["language"])


def _files_with_role(role: str) -> list[str]:
    roles: dict[str, list[str]] = _key()["file_roles"]
    return [name for name, names in roles.items() if role in names]


def _discrepancies(kind: str) -> list[dict[str, Any]]:
    return [d for d in _key()["discrepancies"] if d["kind"] == kind]


def _cyrillic_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    return sum("\u0400" <= c <= "\u04ff" for c in letters) / max(len(letters), 1)


# --- files and metadata ---


def test_meta_lists_exactly_the_corpus_files() -> None:
    files = _corpus_files()
    assert 6 <= len(files) <= 8
    assert sorted(_meta()) == files
    assert [f[:2] for f in files] == [f"{i:02d}" for i in range(1, len(files) + 1)]


def test_meta_entries_are_complete() -> None:
    for name, entry in _meta().items():
        if name.endswith(".html"):
            continue
        for field in ("outlet", "language", "published", "url"):
            assert entry.get(field), f"{name}: meta lacks {field}"
        assert date.fromisoformat(entry["published"]).year == 2025
        host = re.match(r"https://([^/]+)/", entry["url"])
        assert host and host.group(1).endswith(".example"), entry["url"]


@pytest.mark.parametrize("name", _corpus_files())
def test_article_length_is_in_range(name: str) -> None:
    words = len(_article_body(name).split())
    assert 150 <= words <= 450, f"{name}: {words} words"


@pytest.mark.parametrize("name", _corpus_files())
def test_language_matches_script(name: str) -> None:
    share = _cyrillic_share(_searchable(name))
    if _language(name) == "ru":
        assert share > 0.8, f"{name}: only {share:.0%} Cyrillic"
    else:
        assert _language(name) == "en"
        assert share < 0.02, f"{name}: {share:.0%} Cyrillic in an English file"


def test_corpus_has_english_and_russian() -> None:
    assert {_language(n) for n in _corpus_files()} >= {"en", "ru"}


def test_html_page_metadata_agrees_with_key() -> None:
    (name,) = _files_with_role("html")
    page = _parsed_html(name)
    expected = _key()["cleaning"][name]["metadata"]
    ld = json.loads("".join(page.json_ld))
    assert page.lang == expected["language"]
    assert page.meta["og:site_name"] == ld["publisher"]["name"] == expected["outlet"]
    assert page.meta["og:title"] == ld["headline"] == expected["title"]
    assert ld["datePublished"].startswith(expected["published"])
    assert ld["author"]["name"] == expected["byline"]
    raw = _raw(name)
    for tag in ("<nav", "<header", "<article", "<aside", "<footer"):
        assert tag in raw, f"{name}: no {tag}"


# --- answer key: stories, outlets, cleaning ---


def test_stories_partition_the_corpus() -> None:
    stories = {s["name"]: s["files"] for s in _key()["stories"]}
    assert set(stories) == {"main", "unrelated"}
    placed = [f for files in stories.values() for f in files]
    assert sorted(placed) == _corpus_files()
    assert stories["unrelated"] == _files_with_role("unrelated")


def test_outlets_cover_every_file_and_match_meta() -> None:
    outlets: dict[str, str] = _key()["outlets"]
    assert sorted(outlets) == _corpus_files()
    for name, entry in _meta().items():
        if "outlet" in entry:
            assert entry["outlet"] == outlets[name]


def test_outlet_aliases_occur_in_the_corpus() -> None:
    text = "\n".join(_searchable(n) for n in _corpus_files())
    for group in _key()["outlet_aliases"]:
        latin = [a for a in group if _cyrillic_share(a) == 0]
        assert len(latin) >= 2 and len(group) > len(latin), group
        for alias in group:
            assert alias in text, f"alias {alias!r} not found"


@pytest.mark.parametrize("name", _corpus_files())
def test_cleaning_substrings_occur(name: str) -> None:
    entry = _key()["cleaning"][name]
    text = _searchable(name)
    assert entry["must_keep"], f"{name}: nothing to keep"
    for piece in entry["removed"] + entry["must_keep"]:
        assert "\n" not in piece and piece in text, f"{name}: {piece!r}"
    for kept in entry["must_keep"]:
        assert not any(r in kept or kept in r for r in entry["removed"]), kept
    for piece in entry.get("must_keep_joined", []):
        assert piece not in text, f"{name}: {piece!r} is not wrapped, list it in must_keep"
        assert piece in _unwrapped(text), f"{name}: {piece!r} not found after unwrapping"


def test_editorial_notes_occur() -> None:
    kinds: dict[str, str] = {}
    for name, entry in _key()["cleaning"].items():
        for note in entry["notes"]:
            kinds[note["kind"]] = name
            for field in ("text", "old", "new"):
                if field in note:
                    assert note[field] in _searchable(name), f"{name}: {note[field]!r}"
            if note["kind"] == "correction":
                assert note["old"] and note["new"]
    assert kinds["correction"] == _files_with_role("correction")[0]
    assert kinds["update"] == _files_with_role("update")[0]
    assert kinds["correction"] != kinds["update"]


# --- answer key: claims, discrepancies, dates ---


def _check_group_status(group: dict[str, Any]) -> None:
    status, count = group["status"], group["independent_origins"]
    assert status in STATUSES, status
    assert count == len(group["origins"]) >= 1
    if status == "corroborated":
        assert count >= 2
    if status == "exclusive":
        assert len(group["files"]) == 1 and not group["echo_outlets"]
    if status == "single_origin":
        assert count == 1 and len(group["files"]) >= 2
    if status == "contested":
        assert group.get("contradicted_by")


def test_claim_groups_are_consistent() -> None:
    key = _key()
    story_of = {f: s["name"] for s in key["stories"] for f in s["files"]}
    outlets = set(key["outlets"].values())
    for group in key["claim_groups"]:
        _check_group_status(group)
        assert set(group["key_phrases"]) == set(group["files"]), group["name"]
        assert len({story_of[f] for f in group["files"]}) == 1, group["name"]
        assert set(group["echo_outlets"]) <= outlets, group["name"]
        phrases = {**group["key_phrases"], **group.get("contradicted_by", {})}
        for name, phrase in phrases.items():
            assert "\n" not in phrase and phrase in _searchable(name), f"{name}: {phrase!r}"


def test_discrepancies_are_consistent() -> None:
    for item in _key()["discrepancies"]:
        assert item["kind"] in DISCREPANCY_KINDS
        assert len(item["files"]) >= 2 and set(item["key_phrases"]) == set(item["files"])
        assert item["explanation"].strip()
        for name, phrase in item["key_phrases"].items():
            assert "\n" not in phrase and phrase in _searchable(name), f"{name}: {phrase!r}"


def _named_weekday(text: str) -> int | None:
    lowered = text.lower()
    for names in (EN_WEEKDAYS, RU_WEEKDAYS):
        for index, stem in enumerate(names):
            if stem in lowered:
                return index
    return None


def test_dates_occur_and_weekdays_resolve_near_publication() -> None:
    weekday_refs = 0
    for item in _key()["dates"]:
        name, text = item["file"], item["text"]
        assert text in _searchable(name), f"{name}: {text!r}"
        bounds = [date.fromisoformat(part) for part in item["resolves_to"].split("/")]
        assert bounds == sorted(bounds) and len(bounds) in {1, 2}
        assert bounds[0].year == 2025
        weekday = _named_weekday(text)
        if weekday is not None and len(bounds) == 1:
            weekday_refs += 1
            assert bounds[0].weekday() == weekday, f"{name}: {text!r}"
            assert abs(bounds[0] - _published(name)) <= timedelta(days=6), f"{name}: {text!r}"
    assert weekday_refs >= 5


# --- the thirteen ingredients ---


def _central_group() -> dict[str, Any]:
    (origin,) = _files_with_role("origin")
    (independent,) = _files_with_role("independent")
    outlets = _key()["outlets"]
    for group in _key()["claim_groups"]:
        origins = " ".join(group["origins"])
        if (
            group["status"] == "corroborated"
            and {origin, independent} <= set(group["files"])
            and outlets[origin] in origins
            and outlets[independent] in origins
            and len(group["echo_outlets"]) >= 2
        ):
            return group
    raise AssertionError("no corroborated group with origin, independent outlet and echoes")


def test_ingredients_are_all_listed() -> None:
    assert sorted(_key()["ingredients"], key=int) == [str(i) for i in range(1, 14)]


def test_ingredients_1_to_3_origin_echoes_independent() -> None:
    outlets = _key()["outlets"]
    group = _central_group()
    echoes = _files_with_role("echo")
    assert len(echoes) >= 2 and any(_language(e) == "ru" for e in echoes)
    assert {outlets[e] for e in echoes} <= set(group["echo_outlets"])
    assert set(echoes) <= set(group["files"])
    (origin,) = _files_with_role("origin")
    (aliases,) = [g for g in _key()["outlet_aliases"] if outlets[origin] in g]
    used = {alias for alias in aliases for e in echoes if alias in _searchable(e)}
    assert any(_cyrillic_share(a) > 0 for a in used), "no Cyrillic form in an echo"
    assert any(_cyrillic_share(a) == 0 for a in used), "no other Latin spelling in an echo"


def test_ingredient_4_quote_in_two_translations_and_attributions() -> None:
    (wording,) = _discrepancies("quote_wording")
    (attribution,) = _discrepancies("attribution")
    shared = set(wording["files"]) & set(attribution["files"])
    english = [f for f in shared if _language(f) == "en"]
    assert len(english) >= 2
    phrases = {wording["key_phrases"][f] for f in english}
    assert len(phrases) == len(english), "translations must differ"


def test_ingredient_5_numbers_differ() -> None:
    (item,) = _discrepancies("number")
    values = {re.sub(r"\D", "", p) for p in item["key_phrases"].values()}
    assert len(values) >= 2


def test_ingredients_6_7_dates_and_notes() -> None:
    assert _discrepancies("date")
    assert any(_named_weekday(d["text"]) is not None for d in _key()["dates"])
    assert _files_with_role("correction") != _files_with_role("update")


def test_ingredient_8_pdf_copy_shape() -> None:
    (name,) = _files_with_role("pdf_copy")
    lines = _raw(name).splitlines()
    pairs = list(itertools.pairwise(lines))
    mid_sentence = [a for a, b in pairs if b.strip() and not re.search(r"[.!?:”\"]\s*$", a)]
    assert len(mid_sentence) >= 5, "lines are not hard-wrapped"
    assert any(re.search(r"\w-$", a) and re.match(r"[a-z]", b) for a, b in pairs)
    removed = _key()["cleaning"][name]["removed"]
    assert any(r.startswith("Read more:") for r in removed)
    first_text = next(line.strip() for line in lines[1:] if line.strip())
    assert first_text == removed[0] and "/" in removed[0], "caption with credit must open it"


def test_ingredient_10_web_copy_shape() -> None:
    (name,) = _files_with_role("web_copy")
    removed = _key()["cleaning"][name]["removed"]
    assert len(removed) >= 4
    assert any(_raw(name).count(piece) == 2 for piece in removed), "no caption repeated twice"
    assert any("Share" in piece for piece in removed)
    assert any("©" in piece for piece in removed)


def test_ingredient_11_unrelated_story_is_separate() -> None:
    unrelated = set(_files_with_role("unrelated"))
    for group in _key()["claim_groups"]:
        files = set(group["files"])
        assert files <= unrelated or not files & unrelated, group["name"]


def test_ingredients_12_13_hedging_and_tension() -> None:
    (hedging,) = _discrepancies("hedging")
    assert any(w in p for p in hedging["key_phrases"].values() for w in HEDGE_WORDS)
    (independent,) = _files_with_role("independent")
    assert any(independent in d["files"] for d in _discrepancies("polarity"))
