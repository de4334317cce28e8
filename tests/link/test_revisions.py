"""Revisions: sentence-level diffs of versions and notes linked to the claims they change."""

from __future__ import annotations

from newstrace.link.revisions import diff_versions, group_versions, link_notes, story_changes
from newstrace.model import (
    Article,
    ArticleAnalysis,
    Attribution,
    ChainLink,
    Claim,
    EditorialNote,
    Span,
    Speaker,
)

URL = "https://harbour.example/pier"
V1 = "The pier will close on Monday. Divers found rust on the east pylons. Ferries keep running."
V2 = (
    "The pier will close on Tuesday. Divers found rust on the east pylons. "
    "The mayor will speak tonight."
)


def test_diff_versions_pairs_changed_sentences() -> None:
    old = Article(id="v1", text=V1, url=URL, published="2025-06-01T08:00:00")
    new = Article(
        id="v2", text=V2, url=URL, published="2025-06-01T08:00:00", updated="2025-06-01T12:00:00"
    )
    (revision,) = diff_versions([new, old])
    assert revision.previous_id == "v1" and revision.article_id == "v2"
    assert revision.when == "2025-06-01T12:00:00"
    kinds = [(c.kind, c.old, c.new) for c in revision.changes]
    assert ("changed", "The pier will close on Monday.", "The pier will close on Tuesday.") in kinds
    assert any(k == "changed" and n == "The mayor will speak tonight." for k, _, n in kinds)


def test_identical_versions_add_no_revision_and_grouping_by_url() -> None:
    a = Article(id="a", text=V1, url=URL)
    b = Article(id="b", text=V1, url=URL)
    c = Article(id="c", text=V2, url="https://other.example/x")
    assert diff_versions([a, b]) == ()
    assert list(group_versions([a, b, c])) == [URL]


def _claim(text: str, start: int, n: int) -> Claim:
    span = Span(start, start + len(text), text, "content")
    speaker = Speaker("self", "Harbour Post")
    attribution = Attribution(
        speaker, None, (span,), "indirect", (ChainLink("Harbour Post", "outlet"),)
    )
    return Claim(f"a:c{n}", span, span, attribution)


def test_correction_note_links_to_the_claim_it_changes() -> None:
    body = "The pier will close on Monday. Divers found rust on the east pylons."
    note_text = (
        "An earlier version said rust was found on the west pylons. "
        "It has been corrected to say the east pylons."
    )
    text = body + "\n\n" + note_text
    note = EditorialNote(
        "correction",
        note_text,
        Span.of(text, len(body) + 2, len(text), "note"),
        old="rust was found on the west pylons",
        new="rust on the east pylons",
    )
    article = Article(
        id="a", text=text, outlet="Harbour Post", published="2025-06-02", notes=(note,)
    )
    claims = (
        _claim("The pier will close on Monday.", 0, 1),
        _claim("Divers found rust on the east pylons.", 31, 2),
    )
    analysis = ArticleAnalysis("a", "en", tuple(c.sentence for c in claims), claims=claims)
    (link,) = link_notes(article, analysis)
    assert link.claim_ids == ("a:c2",)
    changes = story_changes([(article, analysis)])
    assert changes[0].to_dict()["type"] == "correction"


def test_note_without_matching_claim_links_nothing() -> None:
    note = EditorialNote("update", "Updated with a photograph.")
    article = Article(id="a", text="The pier will close.", notes=(note,))
    claims = (_claim("The pier will close.", 0, 1),)
    analysis = ArticleAnalysis("a", "en", (claims[0].sentence,), claims=claims)
    assert link_notes(article, analysis)[0].claim_ids == ()
