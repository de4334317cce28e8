"""Tests for the SQLite store: round trips, duplicates, versions, search, log, failures."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newstrace.errors import StoreError
from newstrace.model import Article, EditorialNote, NoteKind, Removal, Span
from newstrace.store import AddResult, Store
from newstrace.store import sqlite as store_sqlite

HARBOUR = (
    "The harbour authority said on Tuesday that the northern pier would close for repairs.\n"
    "Correction: an earlier version of this article gave the wrong day for the closure."
)


def harbour_article(**meta: Any) -> Article:
    """An article with one correction note and two removals, in the shape ingest makes."""
    start = HARBOUR.index("Correction:")
    note = EditorialNote(
        kind="correction",
        text=HARBOUR[start:],
        span=Span.of(HARBOUR, start, len(HARBOUR), "note"),
        old="Monday",
        new="Tuesday",
    )
    removed = (
        Removal(kind="caption", text="Boats in the harbour. Photo: Staff", reason="caption line"),
        Removal(kind="newsletter", text="Sign up for our morning briefing", reason="promo"),
    )
    defaults: dict[str, Any] = {
        "outlet": "Coastal Herald",
        "url": "https://herald.example/news/pier",
        "title": "Northern pier to close",
        "byline": "A. Writer",
        "published": "2024-03-05T09:30:00+00:00",
        "updated": "2024-03-05T12:00:00+00:00",
        "language": "en",
        "site_name": "The Coastal Herald",
        "canonical_url": "https://herald.example/news/pier",
        "source": "pier.html",
        "notes": (note,),
        "removed": removed,
        "extra": {"section": "Local", "paywall": "no"},
    }
    defaults.update(meta)
    return Article.create(HARBOUR, **defaults)


@pytest.fixture
def store() -> Any:
    with Store(":memory:") as opened:
        yield opened


def test_round_trip_keeps_notes_removals_and_metadata(tmp_path: Path) -> None:
    article = harbour_article()
    path = tmp_path / "store.db"
    with Store(path) as first:
        assert first.add_article(article) == AddResult("stored", article.id, None, ())
    with Store(path) as reopened:
        loaded = reopened.get_article(article.id)
    assert loaded == article
    assert loaded is not None
    assert loaded.notes[0].span is not None
    assert loaded.notes[0].span.text == loaded.text[loaded.notes[0].span.start :]


def test_duplicate_changes_nothing_but_is_logged(store: Store) -> None:
    article = harbour_article()
    store.add_article(article)
    again = store.add_article(article, input_name="second-copy.html")
    assert again == AddResult("duplicate", article.id, None, ())
    assert len(store.list_articles()) == 1
    log = store.ingest_log()
    assert [(e.input, e.outcome, e.article_id) for e in log] == [
        ("second-copy.html", "duplicate", article.id),
        ("pier.html", "stored", article.id),
    ]


def test_version_chain_of_three(store: Store) -> None:
    url = "https://daily.example/2024/flood"
    v1 = Article.create("River levels rose by two metres overnight.", url=url, outlet="Daily")
    v2 = Article.create("River levels rose by three metres overnight.", url=url, outlet="Daily")
    # The third version arrives under a tracking URL but names the same canonical URL.
    v3 = Article.create(
        "River levels rose by three metres overnight, officials said.",
        url=url + "?utm_source=feed",
        canonical_url=url,
        outlet="Daily",
    )
    assert store.add_article(v1).outcome == "stored"
    r2 = store.add_article(v2)
    r3 = store.add_article(v3)
    assert (r2.outcome, r2.previous_id) == ("new_version", v1.id)
    assert (r3.outcome, r3.previous_id) == ("new_version", v2.id)
    for member in (v1.id, v2.id, v3.id[:8]):
        chain = store.versions(member)
        assert [a.id for a in chain] == [v1.id, v2.id, v3.id]
    assert [a.version_of for a in store.versions(v1.id)] == [None, v1.id, v2.id]
    assert store.versions("ffffffffffffffff") == []


def test_same_text_from_another_outlet_is_stored_and_linked(store: Store) -> None:
    wire = "Officials confirmed the bridge will reopen on Friday after inspections."
    first = Article.create(wire, url="https://one.example/bridge", outlet="One")
    second = Article.create(wire, url="https://two.example/bridge", outlet="Two")
    third = Article.create(wire, url="https://three.example/b", outlet="Three")
    assert store.add_article(first).same_text_as == ()
    assert store.add_article(second) == AddResult("stored", second.id, None, (first.id,))
    assert store.add_article(third).same_text_as == (first.id, second.id)
    assert store.add_article(first).same_text_as == (second.id, third.id)


def test_same_url_same_text_other_outlet_is_not_a_new_version(store: Store) -> None:
    text = "The council approved the budget."
    store.add_article(Article.create(text, url="https://c.example/a", outlet="C"))
    result = store.add_article(Article.create(text, url="https://c.example/a", outlet=None))
    assert result.outcome == "stored"
    assert result.previous_id is None
    assert len(result.same_text_as) == 1


def test_prefix_lookup_unique_ambiguous_missing(store: Store) -> None:
    a = Article(id="abc123aa00000001", text="First text.")
    b = Article(id="abc123bb00000002", text="Second text.")
    store.add_article(a)
    store.add_article(b)
    assert store.get_article("abc123a") == a
    assert store.get_article(" abc123bb ") == b
    assert store.get_article(b.id) == b
    assert store.get_article("fedcba98") is None
    with pytest.raises(StoreError, match=r"ambiguous.*abc123aa00000001.*abc123bb00000002"):
        store.get_article("abc123")
    with pytest.raises(StoreError, match="too short"):
        store.get_article("abc12")


def test_prefix_with_like_wildcards_is_literal(store: Store) -> None:
    store.add_article(Article(id="abc123aa00000001", text="Text."))
    assert store.get_article("abc1%_") is None


def test_search_english_cyrillic_and_prefixes(store: Store) -> None:
    en = Article.create(
        "Firefighters contained the blaze near the railway depot.", title="Depot fire"
    )
    ru = Article.create(
        "Издание «Вёрстка» сообщило о новых потерях. Министерство не ответило на запрос.",
        title="Потери",
        language="ru",
    )
    store.add_article(en)
    store.add_article(ru)
    assert [r.id for r in store.search("railway")] == [en.id]
    assert [r.id for r in store.search("DEPOT fire")] == [en.id]
    assert [r.id for r in store.search("министерство")] == [ru.id]
    assert [r.id for r in store.search("Верстка")] == [ru.id]  # ё written as е
    assert [r.id for r in store.search("вёрстка")] == [ru.id]
    assert [r.id for r in store.search("потер*")] == [ru.id]
    assert store.search("потер") == []  # whole words unless a * is given
    assert store.search("railway министерство") == []  # every word must match
    assert store.search('"( AND OR NEAR -') == []  # operators are plain words, no error
    assert store.search("   ") == []
    assert store.search("the") and len(store.search("the", limit=1)) == 1
    with pytest.raises(ValueError):
        store.search("the", limit=0)


def test_search_ranks_better_matches_first(store: Store) -> None:
    weak = Article.create("A short note mentions the tunnel once among many other words here.")
    strong = Article.create("Tunnel tunnel tunnel: the tunnel project and the tunnel budget.")
    store.add_article(weak)
    store.add_article(strong)
    assert [r.id for r in store.search("tunnel")] == [strong.id, weak.id]


def test_ingest_log_records_rejections_newest_first(store: Store) -> None:
    article = harbour_article()
    store.log_input("broken.pdf", "rejected", reason="no text layer")
    store.add_article(article)
    entries = store.ingest_log()
    assert [(e.input, e.outcome, e.reason) for e in entries] == [
        ("pier.html", "stored", None),
        ("broken.pdf", "rejected", "no text layer"),
    ]
    assert entries[0].seq > entries[1].seq
    assert entries[0].at.endswith("+00:00")
    assert [e.input for e in store.ingest_log(limit=1)] == ["pier.html"]


def test_list_articles_rows(store: Store) -> None:
    article = harbour_article()
    store.add_article(article)
    (row,) = store.list_articles()
    assert (row.id, row.outlet, row.title, row.language) == (
        article.id,
        "Coastal Herald",
        "Northern pier to close",
        "en",
    )
    assert row.chars == len(HARBOUR)
    assert row.published == "2024-03-05T09:30:00+00:00"
    assert row.version_of is None


def test_exception_mid_write_rolls_back(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    kept = harbour_article()
    store.add_article(kept)

    def failing_log(*args: Any) -> None:
        raise RuntimeError("simulated crash after the article insert")

    monkeypatch.setattr(store_sqlite, "_log", failing_log)
    lost = Article.create("A lighthouse keeper retired after forty years.", url="https://l.example")
    with pytest.raises(RuntimeError, match="simulated"):
        store.add_article(lost)
    monkeypatch.undo()
    assert [r.id for r in store.list_articles()] == [kept.id]
    assert store.get_article(lost.id) is None
    assert store.search("lighthouse") == []
    assert store.get_article(kept.id) == kept
    assert store.add_article(lost).outcome == "stored"  # the store still works afterwards


def test_constraint_error_rolls_back_with_store_error(store: Store) -> None:
    store.add_article(harbour_article())
    orphan = Article.create("An orphan version.", version_of="0000000000000000")
    with pytest.raises(StoreError, match=r"nothing changed.*FOREIGN KEY"):
        store.add_article(orphan)
    assert len(store.list_articles()) == 1
    assert len(store.ingest_log()) == 1


def test_lone_surrogate_is_a_store_error(store: Store) -> None:
    with pytest.raises(StoreError, match="not valid Unicode"):
        store.add_article(Article(id="lone0surrogate", text="ok", title="bad \ud800"))
    assert store.list_articles() == []


def test_readers_see_a_snapshot_while_the_store_writes(tmp_path: Path) -> None:
    path = tmp_path / "wal.db"
    with Store(path) as writer:
        writer.add_article(harbour_article())
        reader = sqlite3.connect(path, isolation_level=None, timeout=1.0)
        try:
            assert reader.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
            reader.execute("BEGIN")
            assert reader.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
            writer.add_article(Article.create("Another story entirely."))
            assert reader.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
            reader.execute("COMMIT")
            assert reader.execute("SELECT count(*) FROM articles").fetchone()[0] == 2
        finally:
            reader.close()
        with Store(path) as second:
            assert len(second.list_articles()) == 2


def test_open_honours_argument_env_and_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NEWSTRACE_DB", raising=False)
    with Store.open() as default:
        assert Path(default.path) == Path("newstrace.db")
    assert (tmp_path / "newstrace.db").is_file()
    env_path = tmp_path / "from-env.db"
    monkeypatch.setenv("NEWSTRACE_DB", str(env_path))
    with Store.open() as from_env:
        from_env.add_article(harbour_article())
    assert env_path.is_file()
    explicit = tmp_path / "explicit.db"
    with Store.open(explicit) as chosen:
        assert chosen.list_articles() == []
    assert explicit.is_file()


def test_corrupt_file_names_path_and_reason(tmp_path: Path) -> None:
    path = tmp_path / "garbage.db"
    path.write_bytes(b"this is not an sqlite file at all" * 100)
    with pytest.raises(StoreError) as caught:
        Store(path)
    assert str(path) in str(caught.value)
    assert "not a database" in str(caught.value)
    assert path.read_bytes().startswith(b"this is not")


def test_directory_path_is_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=str(tmp_path)):
        Store(tmp_path)


def test_foreign_sqlite_database_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "other-app.db"
    with sqlite3.connect(path) as other:
        other.execute("CREATE TABLE contacts (name TEXT)")
    with pytest.raises(StoreError, match="not a newstrace store"):
        Store(path)
    with sqlite3.connect(path) as other:
        tables = [r[0] for r in other.execute("SELECT name FROM sqlite_master")]
    assert tables == ["contacts"]


def test_closed_store_raises(tmp_path: Path) -> None:
    opened = Store(tmp_path / "c.db")
    opened.close()
    opened.close()
    with pytest.raises(StoreError, match="closed"):
        opened.list_articles()


# --- property: any article round-trips exactly --------------------------------------------

ANY_CHAR = st.characters(exclude_categories=["Cs"])
NOTE_KINDS: tuple[NoteKind, ...] = ("correction", "update", "clarification", "editors_note")
TRICKY = "абвгдеёжзийЁЪ 🙂👍🏽🇺🇦\u200b\u200d\x00\x01\x1b\x7f\r\n\t«»—\"'%_*"
TEXT = st.one_of(st.text(ANY_CHAR, max_size=200), st.text(st.sampled_from(TRICKY), max_size=80))
META = st.none() | TEXT


@st.composite
def articles(draw: st.DrawFn) -> Article:
    """Random articles: any text, random metadata, notes with valid spans, removals, extra."""
    text = draw(TEXT)
    notes = []
    for _ in range(draw(st.integers(0, 3))):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, len(text)))
        span = draw(st.none() | st.just(Span.of(text, start, end, draw(TEXT))))
        kind: NoteKind = draw(st.sampled_from(NOTE_KINDS))
        notes.append(EditorialNote(kind, draw(TEXT), span, draw(META), draw(META)))
    removed = draw(
        st.lists(
            st.builds(
                Removal,
                kind=st.sampled_from(["caption", "widget", "footer", "control_chars"]),
                text=TEXT,
                reason=TEXT,
            ),
            max_size=3,
        )
    )
    meta = {
        name: draw(META)
        for name in (
            "outlet",
            "url",
            "title",
            "byline",
            "published",
            "updated",
            "language",
            "site_name",
            "canonical_url",
            "source",
        )
    }
    extra = draw(st.dictionaries(TEXT, TEXT, max_size=3))
    article = Article.create(text, notes=tuple(notes), removed=tuple(removed), extra=extra, **meta)
    if draw(st.booleans()):
        article = Article(**{**_fields(article), "id": draw(TEXT.filter(bool))})
    return article


def _fields(article: Article) -> dict[str, Any]:
    return {name: getattr(article, name) for name in Article.__dataclass_fields__}


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles())
def test_any_article_round_trips_exactly(article: Article) -> None:
    with Store(":memory:") as fresh:
        result = fresh.add_article(article)
        assert result.outcome == "stored"
        assert fresh.get_article(article.id) == article
        assert fresh.versions(article.id) == [article]
        (row,) = fresh.list_articles()
        assert row.chars == len(article.text)


def test_full_text_index_stays_consistent_and_rebuilds(tmp_path: Path) -> None:
    path = tmp_path / "fts.db"
    with Store(path) as opened:
        opened.add_article(Article.create("Ёжик в тумане, сказал режиссёр.", title="Мультфильм"))
        opened.add_article(harbour_article())
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")
        conn.execute("INSERT INTO articles_fts (articles_fts) VALUES ('rebuild')")
        conn.execute("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")
    with Store(path) as reopened:
        assert len(reopened.search("ежик режиссер")) == 1
        assert len(reopened.search("мультфильм")) == 1
        assert len(reopened.search("pier")) == 1
