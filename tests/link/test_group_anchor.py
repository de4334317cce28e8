"""Second-stage grouping: weak pairs merge only on a shared specific anchor (invented claims)."""

from __future__ import annotations

import numpy as np

from newstrace.link._group_anchor import amount_conflict, anchored_merge, anchors_of
from newstrace.link.claim_match import MatchText, amount_owners, claim_match_text
from newstrace.model import Attribution, Claim, Mention, Span, Speaker, TimeRef

DAY = "2031-06-12/2031-06-12"


def _scores(pairs: dict[tuple[int, int], float], n: int) -> np.ndarray:
    matrix = np.zeros((n, n), dtype=np.float32)
    for (i, j), value in pairs.items():
        matrix[i, j] = matrix[j, i] = value
    np.fill_diagonal(matrix, 1.0)
    return matrix


def test_weak_pair_sharing_a_resolved_day_merges() -> None:
    items = [
        MatchText("The ferry service will restart on Thursday", days=frozenset({DAY})),
        MatchText("Boats are expected to sail again on Thursday", days=frozenset({DAY})),
        MatchText("The harbour master resigned", days=frozenset()),
    ]
    scores = _scores({(0, 1): 0.16, (0, 2): 0.16, (1, 2): 0.16}, 3)
    labels = anchored_merge(scores, [0, 1, 2], [0, 1, 2], items)
    assert labels[0] == labels[1] != labels[2]


def test_weak_pair_below_the_floor_stays_apart() -> None:
    items = [MatchText("a", days=frozenset({DAY})), MatchText("b", days=frozenset({DAY}))]
    labels = anchored_merge(_scores({(0, 1): 0.05}, 2), [0, 1], [0, 1], items)
    assert labels[0] != labels[1]


def test_claim_and_its_denial_share_a_day_but_stay_apart() -> None:
    items = [
        MatchText("The bridge will reopen on Thursday", days=frozenset({DAY})),
        MatchText(
            "Reports the bridge reopens on Thursday are false",
            days=frozenset({DAY}),
            polarity="negative",
        ),
    ]
    labels = anchored_merge(_scores({(0, 1): 0.4}, 2), [0, 1], [0, 1], items)
    assert labels[0] != labels[1]


def test_amount_counts_only_for_the_same_time() -> None:
    now = MatchText("The club wants 250 new members", amounts=frozenset({"250"}))
    earlier = MatchText(
        "In spring 2019 the club had 250 members",
        amounts=frozenset({"250"}),
        times=frozenset({"2019-03-01/2019-05-31"}),
    )
    again = MatchText("A drive for 250 more members", amounts=frozenset({"250"}))
    assert anchors_of(now) != anchors_of(earlier)
    scores = _scores({(0, 1): 0.3, (0, 2): 0.3, (1, 2): 0.3}, 3)
    labels = anchored_merge(scores, [0, 1, 2], [0, 1, 2], [now, earlier, again])
    assert labels[0] == labels[2] != labels[1]


def test_every_article_of_the_merged_group_holds_the_anchor() -> None:
    # items 0 and 1 (articles 0, 1) are already one group; item 1 lacks the day
    items = [
        MatchText("The vote is on Thursday", days=frozenset({DAY})),
        MatchText("The vote takes place soon"),
        MatchText("Citizens vote on Thursday", days=frozenset({DAY})),
    ]
    scores = _scores({(0, 1): 0.6, (0, 2): 0.3, (1, 2): 0.3}, 3)
    labels = anchored_merge(scores, [0, 1, 2], [0, 0, 2], items)
    assert labels[2] != labels[0]


def _dated_claim(text: str, phrase: str, day: str) -> Claim:
    whole = Span.of(text, 0, len(text), "sentence")
    at = text.index(phrase)
    ref = TimeRef(Span.of(text, at, at + len(phrase), "date"), "day", day, day)
    speaker = Speaker(kind="self", canonical="Outlet")
    return Claim(
        id="a:c1",
        sentence=whole,
        content=whole,
        attribution=Attribution(speaker, None, (whole,)),
        dates=(ref,),
    )


def test_the_publication_day_is_not_a_specific_anchor() -> None:
    claim = _dated_claim("The council met the mayor on Friday to talk", "on Friday", "2031-06-13")
    assert claim_match_text(claim, published="2031-06-13").days == frozenset()
    assert claim_match_text(claim, published="2031-06-20").days == {"2031-06-13/2031-06-13"}


def _bid_claim(text: str, names: dict[str, str]) -> Claim:
    """A claim over ``text`` with organisation mentions (surface form -> key)."""
    whole = Span.of(text, 0, len(text), "sentence")
    mentions = tuple(
        Mention(Span.of(text, text.index(form), text.index(form) + len(form)), "organisation", key)
        for form, key in names.items()
    )
    speaker = Speaker(kind="self", canonical="Outlet")
    return Claim(
        id="a:c1",
        sentence=whole,
        content=whole,
        attribution=Attribution(speaker, None, (whole,)),
        mentions=mentions,
    )


def test_amount_owners_are_the_names_of_its_phrase() -> None:
    text = "Bids: the Rovers (three years, $48 million) and the Gulls (four years, $52 million)"
    claim = _bid_claim(text, {"Rovers": "rovers", "Gulls": "gulls"})
    at = text.index("$52 million")
    assert amount_owners(Span.of(text, at, at + len("$52 million")), claim) == "<gulls"
    at = text.index("$48 million")
    assert amount_owners(Span.of(text, at, at + len("$48 million")), claim) == "<rovers"
    plain = _bid_claim("The club offered $52 million, the Gulls said nothing", {"Gulls": "gulls"})
    at = plain.sentence.text.index("$52 million")
    assert amount_owners(Span.of(plain.sentence.text, at, at + 11), plain) == ""


def test_one_amount_with_other_owners_is_no_anchor() -> None:
    ours = MatchText("The club offered $52 million", amounts=frozenset({"52000000"}))
    theirs = MatchText("The Gulls bid $52 million", amounts=frozenset({"52000000<gulls"}))
    again = MatchText("The club's offer is worth $52 million", amounts=frozenset({"52000000"}))
    scores = _scores({(0, 1): 0.3, (0, 2): 0.3, (1, 2): 0.3}, 3)
    labels = anchored_merge(scores, [0, 1, 2], [0, 1, 2], [ours, theirs, again])
    assert labels[0] == labels[2] != labels[1]
    assert amount_conflict([ours], [theirs]) and not amount_conflict([ours], [again])


def test_the_anchor_must_be_held_by_both_groups() -> None:
    # group 0 (articles 0, 1, 2) shares the day; article 0's member also names a week ago's
    # 6.4 reading, which item 3 (article 2) repeats: item 3 holds no anchor of group 0's
    # other articles, so the 6.4 alone cannot bring it in
    items = [
        MatchText(
            "Storm hit on Thursday; a 6.4 reading last week",
            days=frozenset({DAY}),
            amounts=frozenset({"6.4"}),
        ),
        MatchText("The storm struck on Thursday", days=frozenset({DAY})),
        MatchText("Thursday's storm flooded roads", days=frozenset({DAY})),
        MatchText("A 6.4 reading was taken last week", amounts=frozenset({"6.4"})),
    ]
    pairs = {(0, 1): 0.6, (0, 2): 0.6, (1, 2): 0.6, (0, 3): 0.3, (1, 3): 0.3, (2, 3): 0.3}
    labels = anchored_merge(_scores(pairs, 4), [0, 1, 2, 2], [0, 0, 0, 3], items)
    assert labels[3] != labels[0]


def test_a_name_far_from_the_amount_does_not_own_it() -> None:
    text = "The league plans to sign 4,000 players for a new season in the Northlands"
    claim = _bid_claim(text, {"Northlands": "northlands"})
    at = text.index("4,000 players")
    assert amount_owners(Span.of(text, at, at + len("4,000 players")), claim) == ""
    near = "The club has 4,000 members from the Northlands"
    claim = _bid_claim(near, {"Northlands": "northlands"})
    at = near.index("4,000 members")
    assert amount_owners(Span.of(near, at, at + len("4,000 members")), claim) == "<northlands"
