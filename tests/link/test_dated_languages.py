"""Dates of one claim group compared across languages (invented English and Russian sentences,
dates resolved by :func:`newstrace.analyze.dates.find_dates`)."""

from __future__ import annotations

from datetime import date

from newstrace.analyze.dates import find_dates
from newstrace.link._dated import is_report_date
from newstrace.link.discrepancies import find_discrepancies
from newstrace.model import (
    Article,
    ArticleAnalysis,
    Attribution,
    Claim,
    ClaimGroup,
    ClaimRef,
    Discrepancy,
    Span,
    Speaker,
)

#: A Tuesday: "on Sunday" is 13 April 2025, "on Saturday" 12 April.
PUBLISHED = date(2025, 4, 15)


def member(aid: str, outlet: str, text: str, language: str) -> tuple[ClaimRef, str]:
    """A claim over the whole sentence, its dates found and resolved as analysis would."""
    span = Span(0, len(text), text, "content")
    dates = find_dates(text, language=language, published=PUBLISHED)
    attribution = Attribution(Speaker("self", outlet), None, (span,))
    made = Claim(f"{aid}:c1", span, span, attribution, dates=dates)
    return ClaimRef(aid, made, outlet), language


def dated(*members: tuple[ClaimRef, str]) -> list[Discrepancy]:
    """The date discrepancies of one group made of ``members``."""
    items = []
    for ref, language in members:
        article = Article(
            id=ref.article_id, text=ref.claim.text, outlet=ref.outlet, language=language
        )
        items.append(
            (
                article,
                ArticleAnalysis(
                    ref.article_id, language, (ref.claim.sentence,), claims=(ref.claim,)
                ),
            )
        )
    group = ClaimGroup("g", "s", tuple(ref for ref, _ in members))
    return [d for d in find_discrepancies([group], items) if d.kind == "date"]


def test_english_and_russian_days_of_one_event_are_compared() -> None:
    en = member("a", "Lakeside Herald", "The leak in the pipeline was noticed on Sunday.", "en")
    ru = member("b", "Vechernyaya Volga", "Утечку в трубопроводе заметили в субботу.", "ru")
    (found,) = dated(en, ru)
    assert set(found.claim_ids) == {"a:c1", "b:c1"}
    assert "13 April 2025" in found.summary and "12 April 2025" in found.summary
    assert "в субботу" in found.summary


def test_same_day_in_two_languages_is_no_discrepancy() -> None:
    en = member("a", "Lakeside Herald", "The leak in the pipeline was noticed on Sunday.", "en")
    ru = member("b", "Vechernyaya Volga", "Утечку в трубопроводе заметили в воскресенье.", "ru")
    assert dated(en, ru) == []


def test_russian_report_date_is_not_an_event_date() -> None:
    en = member("a", "Lakeside Herald", "The leak in the pipeline was noticed on Sunday.", "en")
    ru = member(
        "b",
        "Vechernyaya Volga",
        "Водоканал сообщил в понедельник, что утечку заметили в воскресенье.",
        "ru",
    )
    assert dated(en, ru) == []
    only_report = member(
        "c", "Volzhsky Vestnik", "Об утечке водоканал сообщил в понедельник.", "ru"
    )
    assert dated(en, only_report) == []


def test_english_report_date_is_not_compared_with_a_russian_event() -> None:
    en = member(
        "a", "Lakeside Herald", "The water company reported on Monday that a leak was found.", "en"
    )
    ru = member("b", "Vechernyaya Volga", "Утечку в трубопроводе заметили в субботу.", "ru")
    assert dated(en, ru) == []


def test_two_event_dates_are_not_matched_across_languages() -> None:
    en = member(
        "a",
        "Lakeside Herald",
        "The leak was noticed on Sunday and repairs will start on Thursday.",
        "en",
    )
    ru = member("b", "Vechernyaya Volga", "Утечку в трубопроводе заметили в субботу.", "ru")
    assert dated(en, ru) == []


def test_one_language_still_needs_shared_event_words() -> None:
    first = member("a", "Lakeside Herald", "The leak in the pipeline was noticed on Sunday.", "en")
    second = member("b", "Valley Courier", "Repair crews will arrive on Thursday.", "en")
    assert dated(first, second) == []
    third = member("c", "Valley Courier", "The pipeline leak was noticed on Saturday.", "en")
    assert len(dated(first, third)) == 1


def report(text: str, expression: str, language: str) -> bool:
    at = text.index(expression)
    return is_report_date(text, at, language, len(expression))


def test_report_verb_after_the_date() -> None:
    text = "The utility on Tuesday said the leak was noticed on Sunday."
    assert report(text, "on Tuesday", "en") and not report(text, "on Sunday", "en")
    assert report("On Monday, the utility told reporters it had found a leak.", "On Monday", "en")
    assert not report("The leak was noticed on Sunday, the utility said.", "on Sunday", "en")
    assert not report("On Monday the leak was found, the utility said.", "On Monday", "en")
    text = "В понедельник водоканал сообщил, что утечку заметили в воскресенье."
    assert report(text, "В понедельник", "ru") and not report(text, "в воскресенье", "ru")
    assert not report("Утечку заметили в воскресенье, сообщил водоканал.", "в воскресенье", "ru")


def test_russian_report_date_before_its_verb_is_left_out() -> None:
    en = member("a", "Lakeside Herald", "The leak in the pipeline was noticed on Sunday.", "en")
    ru = member("b", "Vechernyaya Volga", "В понедельник водоканал сообщил об утечке.", "ru")
    assert dated(en, ru) == []
