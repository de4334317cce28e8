"""General tension rules on invented claims: refusals, fragments, rare short words, and the
second (cross-language) encoder of the claim matcher."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from newstrace.link._tension import is_no_comment, same_matter, says_something, stems
from newstrace.link.claim_match import ClaimMatcher, MatchOptions, MatchText, Matrix
from newstrace.model import Attribution, Claim, ClaimRef, Span, Speaker


def ref(text: str, polarity: str = "positive") -> ClaimRef:
    """One claim whose content is its whole sentence."""
    span = Span.of(text, 0, len(text), "sentence")
    claim = Claim(
        id="a:c1",
        sentence=span,
        content=span,
        attribution=Attribution(Speaker("self", "Outlet"), None, (span,)),
        polarity=polarity,  # type: ignore[arg-type]
    )
    return ClaimRef(article_id="a", claim=claim, outlet="Outlet")


def test_refusals_to_comment_say_nothing() -> None:
    assert is_no_comment("The harbour office declined to comment on the report.", "en")
    assert not says_something(ref("The harbour office declined to comment on the report."), "en")
    assert says_something(ref("The harbour office said the pier was unsafe."), "en")


def test_fragments_say_nothing() -> None:
    assert not says_something(ref("the report"), "en")


def test_rare_three_letter_words_count() -> None:
    assert "dam" in stems("the old dam held")
    assert "has" not in stems("the pier has held")


def test_same_matter_needs_shared_content() -> None:
    assert same_matter(
        ref("The bridge could collapse in the storm"), ref("The bridge will not collapse")
    )
    assert not same_matter(ref("The bridge could collapse"), ref("Ferries run every hour today"))


def _rows(values: Sequence[Sequence[float]]) -> Matrix:
    rows = np.asarray(values, dtype=np.float32)
    out: Matrix = rows / np.linalg.norm(rows, axis=1, keepdims=True)
    return out


def test_second_encoder_only_raises_cross_language_pairs() -> None:
    items = [
        MatchText("harbour closed today", language="en"),
        MatchText("гавань закрыта сегодня", language="ru"),
        MatchText("ferries cancelled", language="en"),
    ]
    first = lambda texts: _rows([[1, 0, 0], [0, 1, 0], [0, 0, 1]])  # noqa: E731
    second = lambda texts: _rows([[1, 0, 0], [1, 0, 0], [1, 0, 0]])  # noqa: E731
    options = MatchOptions(embedding="use", use_cache=False, cross_language="e5")
    scores = ClaimMatcher(options, encode=first, cross_encode=second).pairwise(items)
    alone = MatchOptions(embedding="use", use_cache=False, cross_language=None)
    plain = ClaimMatcher(alone, encode=first).pairwise(items)
    assert scores[0, 1] > plain[0, 1]  # English-Russian pair: the second encoder speaks
    assert scores[0, 2] == plain[0, 2]  # English-English pair: it does not


def test_marker_alternation_agrees_with_each_marker_searched_alone() -> None:
    import re

    from newstrace.link._tension import _has_marker, _markers

    texts = [
        "The agency said the bridge posed no threat to traffic.",
        "Engineers fear the bridge could collapse.",
        "Officials dismissed fears of a collapse as exaggerated.",
        "Nothing here about risks at all.",
        "Мэрия заявила, что угрозы нет.",
    ]
    for section in ("risk_denials", "risk_words", "deferral"):
        for language in ("en", "ru"):
            markers = _markers()[section].get(language, ())
            for text in texts:
                alone = any(re.search(rf"(?<!\w){re.escape(m)}", text.lower()) for m in markers)
                assert _has_marker(section, text, language) == alone, (section, text)


def test_weights_are_remembered_per_bag_and_stay_right() -> None:
    from newstrace.link._tension import Context

    context = Context({}, {"dam": 2.0, "crack": 1.5}, {})
    bag = frozenset({"dam", "crack", "unknown"})
    assert context.weight(bag) == 3.5
    assert context.weight(bag) == 3.5 and bag in context.memo
    assert context.weight(frozenset()) == 0.0
