"""The public Python API: one story from plain texts, end to end, through ``import newstrace``."""

from __future__ import annotations

import newstrace


def test_every_name_in_all_resolves() -> None:
    for name in newstrace.__all__:
        assert getattr(newstrace, name) is not None, name


def test_a_story_from_two_articles_through_the_public_api() -> None:
    first = newstrace.Article(
        id="a",
        text="The harbour board said pier 4 will close on Friday for repairs.",
        outlet="Harbour Post",
        language="en",
        published="2025-05-05",
    )
    second = newstrace.Article(
        id="b",
        text="Pier 4 will close on Friday for repairs, the harbour board said.",
        outlet="Coast Daily",
        language="en",
        published="2025-05-05",
    )
    options = newstrace.AnalysisOptions(backend="rules")
    items = [(a, newstrace.analyze(a, options)) for a in (first, second)]
    view = newstrace.build_story_view("pier", items)
    data = view.to_dict()
    shared = [g for g in data["claim_groups"] if len(g["outlets"]) == 2]
    assert shared, data["claim_groups"]
    profiles = {p.outlet: p for p in newstrace.outlet_profiles([view])}
    assert set(profiles) == {"Harbour Post", "Coast Daily"}


def test_analyze_and_ingest_stay_callable_after_their_packages_load() -> None:
    import newstrace.analyze.options  # binds the package onto newstrace.analyze
    import newstrace.ingest.meta  # likewise for newstrace.ingest

    article = newstrace.Article(id="x", text="The pier closed, the board said.", language="en")
    options = newstrace.analyze.options.AnalysisOptions(backend="rules")
    for _ in range(2):  # the README's loop calls it more than once
        assert newstrace.analyze(article, options).claims
    assert callable(newstrace.ingest)


def test_analyze_many_through_the_public_api_matches_analyze() -> None:
    articles = [
        newstrace.Article(id=f"a{i}", text=f"Pier {i} closed on Friday, the board said.")
        for i in range(3)
    ]
    options = newstrace.AnalysisOptions(backend="rules")
    many = list(newstrace.analyze_many(articles, options, batch_articles=2))
    assert many == [newstrace.analyze(a, options) for a in articles]
    assert all(a.claims for a in many)
