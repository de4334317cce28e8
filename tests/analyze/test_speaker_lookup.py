"""Speaker resolution's mention look-ups agree with plain scans, on random mentions."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newstrace.analyze._speaker_context import ArticleView, Known, MentionLookup, State
from newstrace.analyze.mentions import _Candidate, _resolve_overlaps
from newstrace.model import Mention, MentionKind, Span, Speaker

_TEXT = "Ann Lee met the BBC and Reuters staff in Kyiv while Bob Ray of TASS said no. " * 2
_KINDS: tuple[MentionKind, ...] = ("person", "outlet", "organisation", "place", "role", "other")


@st.composite
def _mentions(draw: st.DrawFn) -> tuple[Mention, ...]:
    """Mentions in text order; some overlap, some share a key."""
    found = []
    for _ in range(draw(st.integers(0, 25))):
        start = draw(st.integers(0, len(_TEXT) - 1))
        end = draw(st.integers(start, min(len(_TEXT), start + 12)))
        kind = draw(st.sampled_from(_KINDS))
        key = draw(st.sampled_from(["k1", "k2", "k3 x"]))
        found.append(Mention(Span.of(_TEXT, start, end, kind), kind, key))
    return tuple(sorted(found, key=lambda m: (m.span.start, m.span.end)))


@settings(max_examples=300, deadline=None)
@given(_mentions(), st.integers(0, len(_TEXT)), st.integers(0, 20))
def test_lookups_match_scans(mentions: tuple[Mention, ...], before: int, width: int) -> None:
    lookup = MentionLookup(mentions)
    end = min(len(_TEXT), before + width)
    assert lookup.inside(before, end) == [
        m for m in mentions if before <= m.span.start and m.span.end <= end
    ]
    earlier = [m for m in mentions if m.span.end <= before]
    expected_far = max(earlier, key=lambda m: m.span.end) if earlier else None
    assert lookup.furthest_ending_by(before) is expected_far
    for kinds in (("person",), ("organisation", "outlet"), ("place",)):
        chosen = [m for m in earlier if m.kind in kinds]

        def test(m: Mention, wanted: tuple[str, ...] = kinds) -> bool:
            return m.kind in wanted

        assert lookup.last_ending_by(before, kinds, test) is (chosen[-1] if chosen else None)
    for key in ("k1", "k2", "k3 x"):
        outlets = [m for m in mentions if m.key == key and m.kind == "outlet"]
        if outlets:
            assert lookup.first_outlet(key) is outlets[0]
        names = [m.span.text for m in mentions if m.key == key and m.kind == "person"]
        full = [n for n in names if len(n.split()) >= 2]
        assert lookup.full_person_name(key) == (full[0] if full else None)


def test_lookup_refuses_unsorted_mentions() -> None:
    late = Mention(Span.of(_TEXT, 10, 14, "person"), "person", "k")
    early = Mention(Span.of(_TEXT, 0, 3, "person"), "person", "k")
    with pytest.raises(ValueError, match="sorted"):
        MentionLookup((late, early))


def test_sentence_start_by_is_the_last_start_at_or_before() -> None:
    sentences = (Span.of(_TEXT, 0, 76, "sentence"), Span.of(_TEXT, 77, 153, "sentence"))
    view = ArticleView(_TEXT, (), sentences, "en", None, (0,))
    assert [view.sentence_start_by(p) for p in (0, 50, 76, 77, 150)] == [0, 0, 0, 77, 77]


@st.composite
def _candidates(draw: st.DrawFn) -> list[_Candidate]:
    found = []
    for _ in range(draw(st.integers(0, 40))):
        start = draw(st.integers(0, 80))
        end = draw(st.integers(start - 2, start + 10))
        priority = draw(st.sampled_from([50, 65, 75, 90, 100]))
        found.append(_Candidate(start, end, draw(st.sampled_from(_KINDS)), priority))
    return found


@settings(max_examples=300, deadline=None)
@given(_candidates())
def test_resolve_overlaps_matches_a_scan(candidates: list[_Candidate]) -> None:
    ranked = sorted(candidates, key=lambda c: (-c.priority, -(c.end - c.start), c.start))
    kept: list[_Candidate] = []
    for cand in ranked:
        if cand.end > cand.start and not any(
            cand.start < k.end and k.start < cand.end for k in kept
        ):
            kept.append(cand)
    assert _resolve_overlaps(candidates) == sorted(kept, key=lambda c: (c.start, c.end))


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.one_of(st.none(), st.integers(0, 30)), max_size=30),
    st.integers(-3, 33),
    st.integers(0, 4),
)
def test_state_finds_speakers_by_end_like_a_scan(
    ends: list[int | None], low: int, width: int
) -> None:
    state = State()
    for end in ends:
        span = None if end is None else Span.of(_TEXT, max(0, end - 3), end, "source")
        state.remember(Known(Speaker("person", "X", False, span), (), 0, False))
    expected = [
        k
        for k in reversed(state.history)
        if k.speaker.span is not None and low <= k.speaker.span.end <= low + width
    ]
    assert state.last_ending_in(low, low + width) == expected
