"""The HTML report in a real browser (headless Chromium through Playwright).

Skips when Playwright or a Chromium binary is not installed: ``pip install playwright`` and
``apt-get install chromium`` (Playwright's own browser download is not used).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newstrace.report.html import render_html

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "report" / "story_doc.json"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no chromium binary on PATH")


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, list[str], list[str]]]:
    doc = json.loads(FIXTURE.read_text(encoding="utf-8"))
    path = tmp_path_factory.mktemp("html") / "report.html"
    path.write_text(render_html(doc), encoding="utf-8")
    requests: list[str] = []
    problems: list[str] = []
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.on("request", lambda request: requests.append(request.url))
        page.on("dialog", lambda dialog: (problems.append("dialog"), dialog.dismiss()))
        page.on("pageerror", lambda error: problems.append(str(error)))
        page.on(
            "console",
            lambda msg: problems.append(msg.text) if msg.type == "error" else None,
        )
        page.goto(path.as_uri())
        page.wait_for_load_state("load")
        yield page, requests, problems
        browser.close()


def test_page_loads_nothing_from_outside_and_runs_no_script(
    loaded: tuple[Any, list[str], list[str]],
) -> None:
    page, requests, problems = loaded
    assert all(url.startswith("file://") for url in requests), requests
    assert problems == []
    assert page.evaluate("document.scripts.length") == 0
    assert page.title() == "newstrace report"


def test_legend_matrix_and_sections_are_visible(loaded: tuple[Any, list[str], list[str]]) -> None:
    page, _, _ = loaded
    assert page.locator("#how-to-read").is_visible()
    assert page.locator("table.matrix tbody tr").count() == 3
    assert page.locator("table.matrix tbody tr:visible").count() == 2  # the rest folded away
    assert page.locator("table.matrix td.differs").count() == 2
    for heading in (
        "Claim matrix: who says what",
        "Discrepancies: where the outlets disagree",
        "Editorial notes and corrections",
        "Timeline",
    ):
        assert page.get_by_role("heading", name=heading).is_visible()
    assert "<script>alert(1)</script>" in page.locator("table.articles").inner_text()


def test_every_group_has_a_drawn_graph_with_separate_boxes(
    loaded: tuple[Any, list[str], list[str]],
) -> None:
    page, _, _ = loaded
    assert page.locator(".card.group svg").count() == page.locator(".card.group").count() == 3
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    boxes = page.evaluate(
        """() => Array.from(document.querySelectorAll('svg.provenance')).map(svg =>
            Array.from(svg.querySelectorAll('g.node rect')).map(r => {
                const b = r.getBoundingClientRect();
                return [b.x, b.y, b.width, b.height];
            }))"""
    )
    assert [len(b) for b in boxes] == [4, 3, 1]
    for graph in boxes:
        for i, (x1, y1, w1, h1) in enumerate(graph):
            assert w1 > 50 and h1 > 20
            for x2, y2, w2, h2 in graph[i + 1 :]:
                assert x1 + w1 <= x2 or x2 + w2 <= x1 or y1 + h1 <= y2 or y2 + h2 <= y1
    page.reload()  # leave the page as loaded for any later test
