"""Tests for the incremental story clusterer: joins, splits, copies, merges, moves, bad input."""

from __future__ import annotations

import math
from datetime import date, timedelta

from newstrace.link.evidence import ArticleEvidence
from newstrace.link.stories import StoryClusterer, StoryOptions
from newstrace.model import Article

BRIDGE_EN = [
    (
        "Girder bridge over the Malvy collapses in Tessing, two drivers hurt",
        "TESSING, March 3 - The old girder bridge over the Malvy river in Tessing collapsed on "
        "Tuesday morning, sending two cars into the water. Mayor Ilse Varga said both drivers "
        "were pulled out alive. Engineers from Halvorsen Structural had inspected the 1961 "
        "span last autumn. Tessing police closed the riverside road.",
    ),
    (
        "Two hurt as Tessing bridge falls into the Malvy",
        "A bridge across the Malvy in Tessing gave way on Tuesday and two motorists were "
        "rescued from the river, Mayor Ilse Varga told reporters. The girder span, built in "
        "1961, was checked by Halvorsen Structural engineers last year. Tessing police said "
        "the riverside road would stay closed.",
    ),
    (
        "Tessing mayor orders review after Malvy bridge collapse",
        "Mayor Ilse Varga of Tessing ordered a review of every river crossing after the girder "
        "bridge over the Malvy collapsed on Tuesday. Halvorsen Structural, which inspected the "
        "1961 bridge, said it would hand its report to Tessing police.",
    ),
]
BRIDGE_OTHER = (
    "Rail bridge in Dornach closes after cracks found in pier",
    "DORNACH, September 20 - Engineers closed the Kessel rail bridge in Dornach on Friday after "
    "finding cracks in its central pier. Transport minister Aldo Brenn said 14 trains a day "
    "would be diverted through Wiltz. The 1894 viaduct was last repaired in 2004.",
)
UNRELATED = (
    "Dornach orchestra names a new conductor",
    "The Dornach Philharmonic named the violinist Mara Lenz as its principal conductor on "
    "Friday, ending a two-year search. Lenz will lead 30 concerts in her first season.",
)


def article(title: str, body: str, outlet: str, published: str = "2024-03-05") -> Article:
    return Article.create(
        f"{title}\n{body}", title=title, outlet=outlet, language="en", published=published
    )


def ev(aid: str, terms: dict[str, float], published: date | None = None) -> ArticleEvidence:
    norm = math.sqrt(sum(w * w for w in terms.values()))
    return ArticleEvidence(
        article_id=aid,
        language="en",
        terms={t: w / norm for t, w in terms.items()},
        entities=frozenset(),
        numbers=frozenset(),
        years=frozenset(),
        published=published,
        lead=" ".join(terms),
    )


def test_reports_of_one_event_join_and_a_lookalike_event_stays_apart() -> None:
    clusterer = StoryClusterer()
    outlets = ["Tessing Daily", "River Post", "Valley Wire"]
    results = [
        clusterer.add(article(t, b, o)) for (t, b), o in zip(BRIDGE_EN, outlets, strict=True)
    ]
    other = clusterer.add(article(*BRIDGE_OTHER, "Dornach Courier", "2024-09-21"))
    unrelated = clusterer.add(article(*UNRELATED, "Dornach Courier", "2024-09-21"))
    assert results[0].outcome == "new"
    assert {r.story_id for r in results} == {results[0].story_id}
    assert other.story_id != results[0].story_id
    assert unrelated.story_id not in {other.story_id, results[0].story_id}
    assert len(clusterer.stories()) == 3


def test_membership_explains_shared_evidence() -> None:
    clusterer = StoryClusterer()
    first = clusterer.add(article(*BRIDGE_EN[0], "Tessing Daily"))
    second = clusterer.add(article(*BRIDGE_EN[1], "River Post"))
    membership = clusterer.membership(second.article_id)
    assert membership is not None and membership.story_id == first.story_id
    explanation = membership.explanation
    assert "tesing" in " ".join(explanation["shared_entities"]) or explanation["shared_entities"]
    assert "1961" in explanation["shared_numbers"] or "malvy" in explanation["shared_terms"]
    assert explanation["similarity"] >= StoryOptions().threshold
    assert clusterer.membership(first.article_id).explanation == {"started_story": True}  # type: ignore[union-attr]


def test_story_title_and_summary_come_from_members() -> None:
    clusterer = StoryClusterer()
    for (title, body), outlet in zip(BRIDGE_EN, ["A", "B", "C"], strict=True):
        clusterer.add(article(title, body, outlet))
    (story,) = clusterer.stories()
    assert story.title in {t for t, _ in BRIDGE_EN}
    assert story.summary and all(
        s in "\n".join(b for _, b in BRIDGE_EN) for s in story.summary.split(". ")[:1]
    )
    assert story.first_date == "2024-03-05"


def test_wire_copies_form_one_story_marked_as_duplicates() -> None:
    clusterer = StoryClusterer()
    title, body = BRIDGE_EN[0]
    copies = [clusterer.add(article(title, body, f"Outlet {n}")) for n in range(50)]
    assert len({c.story_id for c in copies}) == 1
    assert copies[0].duplicate_of is None
    assert all(
        c.outcome == "duplicate" and c.duplicate_of == copies[0].article_id for c in copies[1:]
    )
    (story,) = clusterer.stories()
    assert len(story.article_ids) == 50


def test_empty_and_title_only_articles_do_not_crash() -> None:
    clusterer = StoryClusterer()
    empty = clusterer.add(Article.create("", outlet="Blank"))
    titled = clusterer.add(
        Article.create(
            "Malvy bridge collapses in Tessing", title="Malvy bridge collapses in Tessing"
        )
    )
    body = clusterer.add(article(*BRIDGE_EN[0], "Tessing Daily"))
    assert empty.outcome == "new"
    assert titled.story_id != empty.story_id
    assert body.story_id != empty.story_id
    assert clusterer.story(empty.story_id).title == "(untitled)"


def test_adding_the_same_article_twice_changes_nothing() -> None:
    clusterer = StoryClusterer()
    item = article(*BRIDGE_EN[0], "Tessing Daily")
    first = clusterer.add(item)
    again = clusterer.add(item)
    assert again.story_id == first.story_id and again.changes == ()
    assert len(clusterer) == 1


def test_a_burst_on_one_event_stays_bounded() -> None:
    options = StoryOptions()
    clusterer = StoryClusterer(options)
    for n in range(1500):
        terms = {"quarry": 1.0, "blast": 0.8, f"detail{n}": 0.5, f"extra{n % 97}": 0.3}
        clusterer.add_evidence(ev(f"a{n}", terms))
    (story_id,) = clusterer.story_ids()
    state = clusterer._stories[story_id]
    assert len(state.article_ids) == 1500
    assert len(state.exemplars) <= options.exemplars_first + options.exemplars_recent
    assert len(state.centroid) <= 2 * options.max_centroid_terms


def bridge_setup(options: StoryOptions) -> tuple[StoryClusterer, list[str]]:
    clusterer = StoryClusterer(options)
    first = clusterer.add_evidence(ev("t1", {"alpha": 1.0}))
    loner = clusterer.add_evidence(ev("m1", {"alpha": 0.25, "omega": 0.97}))
    assert loner.outcome == "new"
    bridge = clusterer.add_evidence(ev("n1", {"alpha": 0.8, "omega": 0.6}))
    return clusterer, [first.story_id, loner.story_id, bridge.story_id]


def test_a_member_moves_when_later_evidence_says_so() -> None:
    clusterer, (first, loner, joined) = bridge_setup(StoryOptions(term_cap=1.0))
    assert joined == first
    assert clusterer.story_of("m1") == first
    assert clusterer.resolve(loner) == first  # the emptied story's id points at its new home
    assert clusterer.story_ids() == [first]


def test_a_bridging_article_merges_two_stories_and_keeps_the_older_id() -> None:
    clusterer = StoryClusterer(StoryOptions(merge_threshold=0.3, term_cap=1.0))
    clusterer.add_evidence(ev("t1", {"alpha": 1.0}))
    clusterer.add_evidence(ev("t2", {"alpha": 1.0, "beta": 0.2}))
    clusterer.add_evidence(ev("m1", {"alpha": 0.25, "omega": 0.97}))
    clusterer.add_evidence(ev("m2", {"alpha": 0.2, "omega": 1.0}))
    assert clusterer.story_of("t1") != clusterer.story_of("m1")
    bridge = clusterer.add_evidence(ev("n1", {"alpha": 0.8, "omega": 0.6}))
    merges = [c for c in bridge.changes if c.kind == "merge"]
    assert len(merges) == 1
    assert merges[0].story_id == "st-t1" and merges[0].other_story_id == "st-m1"
    assert {clusterer.story_of(a) for a in ("t1", "t2", "m1", "m2", "n1")} == {"st-t1"}


def test_dates_far_apart_keep_a_weak_match_in_separate_stories() -> None:
    day = date(2023, 2, 1)
    terms_a = {"earthquake": 1.0, "province": 0.5, "rescue": 0.4}
    terms_b = {"earthquake": 0.45, "village": 0.8, "aftershock": 0.6}
    close = StoryClusterer()
    close.add_evidence(ev("a", terms_a, day))
    assert close.add_evidence(ev("b", terms_b, day + timedelta(days=2))).outcome == "joined"
    far = StoryClusterer()
    far.add_evidence(ev("a", terms_a, day))
    assert far.add_evidence(ev("b", terms_b, day + timedelta(days=300))).outcome == "new"
