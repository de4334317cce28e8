"""Tests of newstrace.ingest.boilerplate (single-paragraph detectors), positives and negatives."""

from __future__ import annotations

import pytest

from newstrace.ingest.boilerplate import (
    credit_start,
    is_footer,
    is_furniture,
    is_newsletter,
    is_section_label,
    is_widget_line,
    language_key,
    lexicon,
    teaser_marker,
)

LEX = lexicon("")


def test_language_key_and_lexicon_choice() -> None:
    assert language_key("en-GB") == "en"
    assert language_key("RU_ru") == "ru"
    assert language_key(None) == ""
    assert "поделиться" in lexicon("ru").widget_words
    assert "share" in lexicon("ru").widget_words  # English web furniture is everywhere
    assert "поделиться" not in lexicon("en").widget_words
    assert "поделиться" in lexicon("xx").widget_words  # unknown language: all lists


@pytest.mark.parametrize(
    "line",
    [
        "pdfshareprint",
        "Share",
        "ShareTweetEmail",
        "Share this article",
        "Facebook | X | Copy link",
        "Comments (12)",
        "Print",
        "Поделиться",
        "Share 1.2k",
    ],
)
def test_widget_lines(line: str) -> None:
    assert is_widget_line(line, LEX)


@pytest.mark.parametrize(
    "line",
    [
        "Share prices fell.",
        "Print media is in decline",
        "This article",
        "on the link",
        "The link between the two cases",
        "Sharepoint outage hits offices",
    ],
)
def test_not_widget_lines(line: str) -> None:
    assert not is_widget_line(line, LEX)


@pytest.mark.parametrize(
    "paragraph", ["NewsSociety", "World", "Politics / Europe", "Новости", "BusinessMarkets"]
)
def test_section_labels(paragraph: str) -> None:
    assert is_section_label(paragraph, LEX)


@pytest.mark.parametrize(
    "paragraph",
    ["World leaders meet in Geneva", "Politics.", "NewsCorp", "Russia votes", "Society Pages"],
)
def test_not_section_labels(paragraph: str) -> None:
    assert not is_section_label(paragraph, LEX)


@pytest.mark.parametrize(
    ("paragraph", "credit"),
    [
        ("Boats in the harbour. Photo: Jan Novak/EPA", "Photo: Jan Novak/EPA"),
        ("Boats in the harbour. Jan Novak / CTK", "Jan Novak / CTK"),
        ("Boats in the harbour. REUTERS/Jan Novak", "REUTERS/Jan Novak"),
        ("Boats in the harbour (AP Photo/Jan Novak)", "(AP Photo/Jan Novak)"),
        ("Boats in the harbour. © AFP", "© AFP"),
        ("Лодки в гавани. Фото: пресс-служба порта", "Фото: пресс-служба порта"),
        ("Getty Images", "Getty Images"),
        ("Photo by Jan Novak/Getty Images", "Photo by Jan Novak/Getty Images"),
    ],
)
def test_credits(paragraph: str, credit: str) -> None:
    start = credit_start(paragraph, LEX)
    assert start is not None and paragraph[start:] == credit


@pytest.mark.parametrize(
    "paragraph",
    [
        "The picture: a burning warehouse and no firefighters in sight.",
        "The agency said it had bought images from Getty Images",
        "Sales rose 24/7 in the holiday season, the company said.",
        "He told the ministry (in a letter) that he would resign.",
        "The figures were published by TASS on Monday.",
        "NATO/EU officials met in Brussels, diplomats said.",
    ],
)
def test_not_credits(paragraph: str) -> None:
    assert credit_start(paragraph, LEX) is None


def test_teasers() -> None:
    assert teaser_marker("Related article: A headline", LEX) == "headline"
    assert teaser_marker("READ ALSO", LEX) == "bare"
    assert teaser_marker("Watch: The storm hits the coast", LEX) == "headline"
    assert teaser_marker("Читайте также: Заголовок", LEX) == "headline"
    assert teaser_marker("Watch the skies tonight, astronomers say.", LEX) is None
    assert teaser_marker("Readers complained about the price.", LEX) is None
    assert teaser_marker("More than 200 people attended.", LEX) is None
    assert teaser_marker("Related questions remain open.", LEX) is None


def test_footers() -> None:
    assert is_footer("Editor in chief — Kirill Petrov. Terms of use. Privacy policy.", LEX)
    assert is_footer("© 2024 Example Media Ltd", LEX)
    assert is_footer("About us | Contact us | Careers", LEX)
    assert is_footer("Главный редактор: Ирина Петрова. Все права защищены. 18+", LEX)
    assert not is_footer("The company updated its privacy policy on Tuesday.", LEX)
    assert not is_footer("Editor in chief Jane Doe resigned on Monday.", LEX)
    assert not is_footer("Copyright lawsuits have piled up this year.", LEX)
    assert not is_footer("About 40 people attended.", LEX)
    assert not is_footer("Help", LEX)


def test_newsletter_prompts() -> None:
    assert is_newsletter("Sign up for our daily briefing newsletter.", LEX)
    assert is_newsletter("Subscribe to our Telegram channel for updates", LEX)
    assert is_newsletter("Get the best stories delivered to your inbox every morning.", LEX)
    assert is_newsletter("Подпишитесь на нашу рассылку", LEX)
    assert not is_newsletter("Subscribers complained about the new prices.", LEX)
    assert not is_newsletter("Join the protest on Saturday, organisers urged.", LEX)
    assert not is_newsletter(
        "More than 2 million people subscribe to the newsletter, the company said.", LEX
    )


def test_furniture() -> None:
    assert is_furniture("Advertisement", LEX)
    assert is_furniture("5 min read", LEX)
    assert is_furniture("Реклама", LEX)
    assert not is_furniture("Advertisement revenue fell by a third.", LEX)


def test_breadcrumb_trail_is_a_section_label() -> None:
    from newstrace.ingest.boilerplate import is_section_label, lexicon

    lex = lexicon("en")
    assert is_section_label("Chile › Politics", lex)
    assert is_section_label("Upper Valley | Local News", lex)
    assert not is_section_label("Smith | Jones", lex)
    assert not is_section_label("Ministers met in Rome | talks continue.", lex)


def test_footer_may_carry_one_short_tagline() -> None:
    from newstrace.ingest.boilerplate import is_footer, lexicon

    lex = lexicon("en")
    assert is_footer(
        "© 2024 Harbor Daily. Reporting the coast since 1921. Contact us · Privacy policy", lex
    )
    assert not is_footer(
        "© 2024 Harbor Daily. The council voted on Tuesday to close the old pier. Contact us", lex
    )
    assert not is_footer("The mayor thanked the crews. Privacy policy", lex)


def test_credit_with_a_camelcase_agency_name() -> None:
    from newstrace.ingest.boilerplate import credit_start, lexicon

    lex = lexicon("en")
    caption = "Fishing boats moored at Port Elling in May. Maria Oduya / CoastPhoto"
    assert credit_start(caption, lex) == caption.index("Maria")
    assert credit_start("Talks resumed in Geneva. Anna Berg / Reporter", lex) is None
