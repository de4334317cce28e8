"""Tests for newstrace.ingest.html on handwritten pages (tests/fixtures/html)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newstrace.errors import InputError
from newstrace.ingest import html as html_module
from newstrace.ingest.html import HtmlExtraction, HtmlOptions, extract_html

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "html"


def page(name: str, encoding: str = "utf-8") -> str:
    return (FIXTURES / name).read_text(encoding=encoding)


def paragraphs(result: HtmlExtraction) -> list[str]:
    return result.text.split("\n\n")


# --- body ---------------------------------------------------------------------------------


def test_news_page_keeps_article_and_drops_page_furniture() -> None:
    result = extract_html(page("news_page.html"))
    paras = paragraphs(result)
    assert paras[0].startswith("The Kestrel Harbour bridge will stay closed")
    assert any(p.startswith('"We are not going to take any chances') for p in paras)
    assert len(paras) == 7
    for furniture in (
        "cookies",
        "Related stories",
        "Ferry timetable changes",
        "newsletter",
        "Privacy policy",
        "All rights reserved",
        "Weather",
    ):
        assert furniture not in result.text


def test_news_page_keeps_correction_in_body() -> None:
    result = extract_html(page("news_page.html"))
    assert paragraphs(result)[-1].startswith("Correction: An earlier version of this article")


def test_headline_line_is_dropped_only_when_it_repeats_the_title() -> None:
    kept = extract_html(page("news_page.html"), options=HtmlOptions(drop_title_line=False))
    assert paragraphs(kept)[0] == "Harbour bridge closed after storm damage"
    dropped = extract_html(page("news_page.html"))
    assert "Harbour bridge closed after storm damage" not in dropped.text


def test_text_has_one_blank_line_between_paragraphs() -> None:
    for name in ("news_page.html", "og_only.html", "split_body.html", "truncated.html"):
        text = extract_html(page(name)).text
        assert "\n\n\n" not in text
        assert all(p == p.strip() and p for p in text.split("\n\n"))
        assert "\n" not in text.replace("\n\n", "")


def test_updated_note_stays_in_body() -> None:
    result = extract_html(page("og_only.html"))
    assert paragraphs(result)[-1].startswith("Updated: This article was updated")


def test_split_body_containers_are_merged_in_order() -> None:
    result = extract_html(page("split_body.html"))
    paras = paragraphs(result)
    assert len(paras) == 6
    assert paras[0].startswith("For most of the last century")
    assert paras[3].startswith("The cooperative's founders")
    assert paras[5].startswith("Not everyone is convinced")
    assert "Advertisement" not in result.text


def test_split_body_without_repair_loses_second_half() -> None:
    result = extract_html(page("split_body.html"), options=HtmlOptions(merge_split_body=False))
    assert "Not everyone is convinced" not in result.text
    assert result.text.startswith("For most of the last century")


def test_notes_outside_body_are_put_back_where_they_were() -> None:
    result = extract_html(page("notes_outside_body.html"))
    paras = paragraphs(result)
    assert paras[0] == (
        "Update: The county published the full laboratory report on Monday; "
        "a link has been added below."
    )
    assert paras[1].startswith("Laboratory tests on water")
    assert paras[-1].startswith("Correction: An earlier version of this story")
    assert "Updated daily" not in result.text  # a footer slogan is not a note
    assert "Most read" not in result.text
    assert "Route 9" not in result.text  # a teaser link that opens with "Update:" is no note


def test_note_rescue_can_be_switched_off() -> None:
    result = extract_html(page("notes_outside_body.html"), options=HtmlOptions(rescue_notes=False))
    assert "Correction:" not in result.text
    assert "laboratory report" not in result.text


def test_script_rendered_page_uses_jsonld_body_with_its_paragraphs() -> None:
    result = extract_html(page("jsonld_body.html"))
    paras = paragraphs(result)
    assert len(paras) == 2
    assert paras[0].startswith("El mercado central de la ciudad cerrará")
    assert paras[1].startswith("Los comerciantes se trasladarán")


def test_short_brief_is_extracted() -> None:
    result = extract_html(page("brief.html"))
    assert result.text.startswith("Die Fußgängerbrücke am Stadtpark bleibt")
    assert result.language == "de"


def test_cyrillic_page_decoded_by_caller() -> None:
    raw = (FIXTURES / "cyrillic_cp1251.html").read_bytes()
    result = extract_html(raw.decode("cp1251"))
    paras = paragraphs(result)
    assert len(paras) == 4
    assert paras[0].startswith("Ремонт старого моста через реку Малую")
    assert "Главная" not in result.text
    assert "Все права защищены" not in result.text


def test_truncated_page_is_read_as_far_as_it_goes() -> None:
    result = extract_html(page("truncated.html"))
    assert paragraphs(result)[-1].endswith("a regional grant that runs until")
    assert result.title == "Council votes to expand night bus routes"
    assert result.published is None  # its JSON-LD is cut off and ignored


def test_page_without_body_raises_input_error() -> None:
    with pytest.raises(InputError, match="no article body"):
        extract_html(page("no_body.html"), url="https://example.org/missing")
    with pytest.raises(InputError) as info:
        extract_html(page("no_body.html"), url="https://example.org/missing")
    assert info.value.input_name == "https://example.org/missing"


@pytest.mark.parametrize("markup", ["", "   \n ", "\x00\x00"])
def test_empty_input_raises_input_error(markup: str) -> None:
    with pytest.raises(InputError, match="empty HTML document"):
        extract_html(markup)


def test_awkward_markup_does_not_crash() -> None:
    body = "<p>" + "A sentence of ordinary running text for the parser. " * 3 + "</p>"
    for markup in (
        "<?xml version='1.0' encoding='utf-8'?><html><body>" + body + "</body></html>",
        "\ud800<html><body>" + body,
        "<html><body>\x00" + body + "<div><span>unclosed",
    ):
        assert extract_html(markup).text.startswith("A sentence of ordinary running text")


def test_short_precision_output_falls_back_to_standard(monkeypatch: pytest.MonkeyPatch) -> None:
    long_text = "\n".join(
        f"Paragraph {i} of the full article body with several words." for i in range(30)
    )
    outputs = {"precision": "Share this article", "standard": long_text, "recall": long_text}
    monkeypatch.setattr(html_module, "_trafilatura_body", lambda html, url, mode: outputs[mode])
    result = extract_html("<html><body><p>placeholder</p></body></html>")
    assert paragraphs(result)[0] == "Paragraph 0 of the full article body with several words."
    assert len(paragraphs(result)) == 30


def test_long_precision_output_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    precise = "\n".join(
        f"Kept paragraph {i} with enough words to count as prose." for i in range(30)
    )
    noisy = precise + "\n" + "\n".join(f"Menu item {i}" for i in range(300))
    outputs = {"precision": precise, "standard": noisy, "recall": noisy}
    monkeypatch.setattr(html_module, "_trafilatura_body", lambda html, url, mode: outputs[mode])
    result = extract_html("<html><body><p>placeholder</p></body></html>")
    assert "Menu item" not in result.text


# --- metadata -----------------------------------------------------------------------------


def test_jsonld_and_opengraph_metadata() -> None:
    result = extract_html(page("news_page.html"))
    assert result.title == "Harbour bridge closed after storm damage"
    assert result.author == "Mira Castellane, Tobias Wren"
    assert result.published == "2031-03-14T08:30:00+00:00"
    assert result.updated == "2031-03-14T17:05:00+00:00"
    assert result.site_name == "The Northfield Courier"
    assert result.canonical_url == "https://courier.example.org/news/2031/harbour-bridge-closed"
    assert result.language == "en"
    assert result.description == (
        "Engineers found cracks in two support piers of the Kestrel Harbour bridge."
    )


def test_meta_tags_only_page() -> None:
    result = extract_html(page("og_only.html"))
    assert result.title == "Library opens late on Thursdays"
    assert result.author == "Priya Okonkwo"
    assert result.published == "2031-04-02T09:15:00+00:00"  # RFC 2822 in the page
    assert result.updated == "2031-04-03"
    assert result.site_name == "Valemont Daily"
    # relative canonical link resolved against og:url
    assert result.canonical_url == "https://valemont.example.net/local/library-late-thursdays"
    assert result.language == "fr"  # from og:locale fr_CA
    assert result.description is not None and result.description.startswith("The central library")


def test_page_url_resolves_relative_canonical() -> None:
    markup = page("og_only.html").replace(
        '<meta property="og:url" content="https://valemont.example.net/local/library-late-thursdays">',
        "",
    )
    result = extract_html(markup, url="https://mirror.example.com/x?ref=feed")
    assert result.canonical_url == "https://mirror.example.com/local/library-late-thursdays"


def test_cyrillic_metadata() -> None:
    result = extract_html(page("cyrillic_cp1251.html", encoding="cp1251"))
    assert result.title == "В Озёрске отремонтируют городской мост"
    assert result.author == "Анна Берестова"
    assert result.site_name == "Вестник Озёрска"
    assert result.published == "2031-05-20T10:00:00+03:00"
    assert result.language == "ru"  # from the Content-Language meta tag


def test_jsonld_list_with_type_list() -> None:
    result = extract_html(page("jsonld_body.html"))
    assert result.author == "Lucía Ferrán"
    assert result.published == "2031-10-04"
    assert result.site_name == "Diario del Valle"
    assert result.canonical_url == "https://diario.example.es/ciudad/mercado-central"
    assert result.language == "es"


def test_missing_metadata_is_none() -> None:
    result = extract_html(page("split_body.html"))
    assert result.author is None
    assert result.published is None
    assert result.updated is None
    assert result.canonical_url is None
    assert result.description is None
    assert result.title == "Why the old mill is coming back to life"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2031-03-14T08:30:00Z", "2031-03-14T08:30:00+00:00"),
        ("2031-03-14", "2031-03-14"),
        ("2031-03-14T08:30:00.000+02:00", "2031-03-14T08:30:00+02:00"),
        ("Fri, 14 Mar 2031 08:30:00 GMT", "2031-03-14T08:30:00+00:00"),
        ("2031-03-14 at noon", "2031-03-14"),
        ("next Friday", None),
        ("", None),
    ],
)
def test_iso_date_normalisation(raw: str, expected: str | None) -> None:
    assert html_module._iso_date(raw) == expected


@pytest.mark.parametrize(
    ("author", "expected"),
    [
        ("By Jane Roe", "Jane Roe"),
        ("https://www.facebook.com/someone", None),
        ("  Kai  Lund ", "Kai Lund"),
    ],
)
def test_author_cleaning(author: str, expected: str | None) -> None:
    assert html_module._person(author) == expected
