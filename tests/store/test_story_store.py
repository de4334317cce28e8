"""Tests for story persistence: memberships, titles, the change log, and rebuilding on reopen."""

from __future__ import annotations

import math
from pathlib import Path

from newstrace.link.evidence import ArticleEvidence, article_evidence
from newstrace.link.stories import StoryOptions
from newstrace.model import Article
from newstrace.store import Store
from newstrace.store.stories import StoryStore, evidence_from_json, evidence_to_json

FLOOD = [
    "Flood closes the Vennick valley road\nThe Vennick valley road was closed on Monday after "
    "the Orla river burst its banks near Stallby. Councillor Petra Dahl said 240 homes were "
    "without power and the Stallby school would stay shut.",
    "Stallby cut off as Orla floods Vennick valley\nFloodwater from the Orla river cut off "
    "Stallby on Monday, councillor Petra Dahl said, leaving 240 homes without power. The "
    "Vennick valley road and the Stallby school are closed.",
    "Power back for most of Stallby after Orla flood\nMost of the 240 Stallby homes left without "
    "power by the Orla flood had it back on Wednesday, councillor Petra Dahl said. The Vennick "
    "valley road reopens on Friday.",
]
MARKET = (
    "Harbour market in Quelle gets a new roof\nThe covered market on Quelle harbour reopened on "
    "Saturday under a new timber roof paid for by the port authority, its director Ivo Sand said."
)


def make(text: str, outlet: str, published: str = "2024-11-04") -> Article:
    return Article.create(text, outlet=outlet, language="en", published=published,
                          title=text.split("\n")[0])  # fmt: skip


def test_assignments_persist_and_survive_a_reopen(tmp_path: Path) -> None:
    path = tmp_path / "stories.db"
    with Store(path) as store:
        stories = StoryStore(store)
        for text, outlet in zip(FLOOD[:2], ["Valley News", "Orla Post"], strict=True):
            store.add_article(make(text, outlet))
            stories.assign(make(text, outlet))
        market = make(MARKET, "Quelle Herald")
        store.add_article(market)
        stories.assign(market)
        found = stories.stories()
    assert [len(s.members) for s in found] == [2, 1]
    assert found[0].title == FLOOD[0].split("\n")[0]
    assert found[0].members[1].explanation["shared_entities"]
    with Store(path) as store:
        stories = StoryStore(store)
        third = make(FLOOD[2], "Stallby Radio", "2024-11-06")
        store.add_article(third)
        assignment = stories.assign(third)
        assert assignment.story_id == found[0].id
        again = stories.assign(third)
        assert again.changes == ()
        log = stories.log()
    assert [entry.kind for entry in reversed(log)] == ["new", "join", "new", "join"]
    assert log[0].article_id == third.id


def test_assign_unassigned_catches_up_with_stored_articles(tmp_path: Path) -> None:
    with Store(tmp_path / "catch.db") as store:
        for text, outlet in zip(FLOOD, ["A", "B", "C"], strict=True):
            store.add_article(make(text, outlet))
        done = StoryStore(store).assign_unassigned()
        assert len(done) == 3
        assert StoryStore(store).assign_unassigned() == []
        (story,) = StoryStore(store).stories()
    assert len(story.members) == 3 and story.summary


def synthetic(store: Store, text: str, terms: dict[str, float]) -> ArticleEvidence:
    article = make(text, "Wire")
    store.add_article(article)
    norm = math.sqrt(sum(w * w for w in terms.values()))
    return ArticleEvidence(
        article_id=article.id,
        language="en",
        terms={t: w / norm for t, w in terms.items()},
        entities=frozenset(),
        numbers=frozenset(),
        years=frozenset(),
        published=None,
        lead=text,
    )


def test_merges_are_persisted_and_the_old_id_is_kept_as_merged(tmp_path: Path) -> None:
    options = StoryOptions(merge_threshold=0.3, term_cap=1.0)
    path = tmp_path / "merge.db"
    with Store(path) as store:
        stories = StoryStore(store, options)
        plan = [
            ("first alpha report", {"alpha": 1.0}),
            ("second alpha report", {"alpha": 1.0, "beta": 0.2}),
            ("first omega report", {"alpha": 0.25, "omega": 0.97}),
            ("second omega report", {"alpha": 0.2, "omega": 1.0}),
        ]
        ids = [stories.assign_evidence(synthetic(store, t, w), t).story_id for t, w in plan]
        assert ids[0] == ids[1] != ids[2] == ids[3]
        bridge = stories.assign_evidence(
            synthetic(store, "bridge report", {"alpha": 0.8, "omega": 0.6}), "bridge report"
        )
        assert [c.kind for c in bridge.changes] == ["join", "merge"]
        (story,) = stories.stories()
        merged = store._read(
            "SELECT id, merged_into FROM stories WHERE merged_into IS NOT NULL", ()
        )
        assert [tuple(row) for row in merged] == [(ids[2], ids[0])]
        assert story.id == ids[0] and len(story.members) == 5
        assert stories.log(1)[0].kind == "merge"
    with Store(path) as store:  # the rebuilt clusterer follows the merge
        again = StoryStore(store, options)
        assert again.clusterer.resolve(ids[2]) == ids[0]
        assert again.clusterer.story_ids() == [ids[0]]


def test_evidence_round_trips_through_json() -> None:
    evidence = article_evidence(make(FLOOD[0], "Valley News"))
    back = evidence_from_json(evidence.article_id, evidence_to_json(evidence))
    assert back.entities == evidence.entities
    assert back.numbers == evidence.numbers
    assert back.published == evidence.published
    assert set(back.terms) <= set(evidence.terms)
