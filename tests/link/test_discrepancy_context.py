"""Date events and report dates, negation scope, denials of danger (invented sentences)."""

from __future__ import annotations

from newstrace.link._dated import dated_events, is_report_date
from newstrace.link._tension import build_context, denies_risk_of, negated_stems, opposes
from newstrace.link.discrepancies import find_discrepancies
from newstrace.model import (
    Article,
    ArticleAnalysis,
    Attribution,
    Claim,
    ClaimGroup,
    ClaimRef,
    Span,
    Speaker,
    TimeRef,
)


def claim(
    aid: str,
    outlet: str,
    text: str,
    *,
    days: tuple[tuple[str, str], ...] = (),
    polarity: str = "positive",
    n: int = 1,
) -> ClaimRef:
    span = Span(0, len(text), text, "content")
    refs = tuple(
        TimeRef(Span(text.index(t), text.index(t) + len(t), t), "day", d, d) for t, d in days
    )
    who = Speaker("self", outlet)
    attribution = Attribution(who, None, (span,))
    made = Claim(f"{aid}:c{n}", span, span, attribution, polarity=polarity, dates=refs)  # type: ignore[arg-type]
    return ClaimRef(aid, made, outlet)


def discrepancies(*refs: ClaimRef) -> dict[str, str]:
    items = []
    for ref in refs:
        article = Article(id=ref.article_id, text=ref.claim.text, outlet=ref.outlet, language="en")
        analysis = ArticleAnalysis(ref.article_id, "en", (ref.claim.sentence,), claims=(ref.claim,))
        items.append((article, analysis))
    found = find_discrepancies([ClaimGroup("g1", "s", refs)], items)
    return {d.kind: d.summary for d in found}


def test_report_dates_are_not_event_dates() -> None:
    assert is_report_date("The port reported on Tuesday that", 20, "en")
    text = "the mayor told the Harbour Post on Monday"
    assert is_report_date(text, text.index("on Monday"), "en")
    text = "she said the vote would be held on Monday"
    assert not is_report_date(text, text.index("on Monday"), "en")
    text = "he said it happened on Monday"
    assert not is_report_date(text, text.index("on Monday"), "en")
    text = "Порт сообщил во вторник, что"
    assert is_report_date(text, text.index("во вторник"), "ru")


def test_event_words_around_a_date() -> None:
    ref = claim(
        "a",
        "Harbour Post",
        "The leak was found on Sunday during a check.",
        days=(("on Sunday", "2025-06-01"),),
    )
    (event,) = dated_events(ref, "en")
    assert "leak" in event.event and "durin" not in event.event


def test_dates_of_different_events_are_no_discrepancy() -> None:
    a = claim(
        "a",
        "Harbour Post",
        "The pier will close on Thursday, the port said.",
        days=(("on Thursday", "2025-06-05"),),
    )
    b = claim(
        "b",
        "Bay Herald",
        "The pier, where a leak was found on Sunday, is shut.",
        days=(("on Sunday", "2025-06-01"),),
    )
    assert "date" not in discrepancies(a, b)


def test_report_date_is_no_discrepancy() -> None:
    a = claim(
        "a",
        "Harbour Post",
        "The pier will close, the port reported on Tuesday.",
        days=(("on Tuesday", "2025-06-03"),),
    )
    b = claim(
        "b",
        "Bay Herald",
        "The pier will close, the port announced on Monday.",
        days=(("on Monday", "2025-06-02"),),
    )
    assert "date" not in discrepancies(a, b)


def test_same_event_different_days_is_a_discrepancy() -> None:
    a = claim(
        "a",
        "Harbour Post",
        "Divers found the leak on Sunday near the pier.",
        days=(("on Sunday", "2025-06-01"),),
    )
    b = claim(
        "b",
        "Bay Herald",
        "The leak was found on Saturday, May 31, by divers.",
        days=(("on Saturday, May 31", "2025-05-31"),),
    )
    found = discrepancies(a, b)
    assert "1 June 2025" in found["date"] and "31 May 2025" in found["date"]


def test_negation_scope() -> None:
    assert {"date", "set"} <= negated_stems("No date has been set for the closure", "en") | {"set"}
    assert "date" in negated_stems("No date has been set for the closure", "en")
    assert "bridg" in negated_stems("The council will not reopen the bridge", "en")


def test_negation_must_govern_the_other_claims_matter() -> None:
    positive = claim("a", "Harbour Post", "The council will close the harbour bridge soon.")
    unrelated = claim(
        "b",
        "Bay Herald",
        "The council said no budget was agreed for the harbour bridge.",
        polarity="negative",
    )
    denial = claim(
        "c", "Coast Daily", "The council will not close the harbour bridge.", polarity="negative"
    )
    assert not opposes(unrelated, positive, "en")
    assert opposes(denial, positive, "en")
    assert "polarity" in discrepancies(positive, denial)
    assert "polarity" not in discrepancies(positive, unrelated)


def test_denial_of_danger_answers_an_assertion_of_risk() -> None:
    fear = claim("a", "Harbour Post", "Divers fear the old sea wall could collapse in a storm.")
    calm = claim("b", "Bay Herald", "it posed no threat to the sea wall", polarity="negative")
    other = claim("c", "Bay Herald", "the sea wall was repainted in May")
    assert denies_risk_of(calm, fear, "en")
    assert not denies_risk_of(other, fear, "en")
    assert not denies_risk_of(calm, other, "en")


def test_denial_in_a_second_clause_is_not_the_first_clauses() -> None:
    sentence = (
        "The mayor confirmed that divers had found a leak in the sea wall, "
        "but said it posed no threat to the wall."
    )
    fear_text = "Divers fear the old sea wall could collapse in a storm."
    first = sentence[sentence.index("that divers") : sentence.index(", but")]
    second = sentence[sentence.index("it posed") : -1]
    s_span = Span(0, len(sentence), sentence, "sentence")

    def ref(text: str, n: int, polarity: str) -> Claim:
        at = sentence.index(text)
        content = Span(at, at + len(text), text, "content")
        who = Speaker("person", "Mayor Ana Ruiz")
        return Claim(
            f"b:c{n}", s_span, content, Attribution(who, None, (content,)), polarity=polarity
        )  # type: ignore[arg-type]

    b1, b2 = ref(first, 1, "positive"), ref(second, 2, "negative")
    f_span = Span(0, len(fear_text), fear_text, "sentence")
    fear = Claim(
        "a:c1", f_span, f_span, Attribution(Speaker("self", "Harbour Post"), None, (f_span,))
    )
    items = [
        (
            Article(id="a", text=fear_text, outlet="Harbour Post", language="en"),
            ArticleAnalysis("a", "en", (f_span,), claims=(fear,)),
        ),
        (
            Article(id="b", text=sentence, outlet="Bay Herald", language="en"),
            ArticleAnalysis("b", "en", (s_span,), claims=(b1, b2)),
        ),
    ]
    groups = [
        ClaimGroup("g1", "fear", (ClaimRef("a", fear, "Harbour Post"),)),
        ClaimGroup("g2", "leak", (ClaimRef("b", b1, "Bay Herald"),)),
        ClaimGroup("g3", "calm", (ClaimRef("b", b2, "Bay Herald"),)),
    ]
    found = [d for d in find_discrepancies(groups, items) if d.kind == "polarity"]
    assert found and all("b:c1" not in d.claim_ids for d in found)
    assert any(set(d.claim_ids) == {"a:c1", "b:c2"} for d in found)
    assert build_context([("en", items[0][1])]).weights
