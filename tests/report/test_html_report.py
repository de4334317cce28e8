"""The self-contained HTML report and its SVG provenance pictures."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from newstrace.report._document import articles_by_id
from newstrace.report.graph_svg import (
    NODE_H,
    NODE_W,
    Graph,
    GraphEdge,
    GraphNode,
    group_graph,
    layers,
    layout,
    render_svg,
)
from newstrace.report.html import render_html

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "report" / "story_doc.json"


@pytest.fixture()
def doc() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(FIXTURE.read_text(encoding="utf-8"))
    return data


def test_page_is_self_contained(doc: dict[str, Any]) -> None:
    page = render_html(doc)
    assert page.lstrip().startswith("<!DOCTYPE html>")
    assert "<style>" in page
    assert not re.search(r"<(script|link|iframe|img|object|embed)\b", page, re.IGNORECASE)
    assert not re.search(r"<[^>]*\bsrc\s*=", page)
    assert "@import" not in page
    assert "url(http" not in page
    # the only URLs are the articles' own links and the SVG namespace
    urls = set(re.findall(r"""https?://[^"'\s<>]+""", page))
    allowed = {a["url"] for a in doc["articles"]} | {"http://www.w3.org/2000/svg"}
    assert urls <= allowed


def test_article_text_is_escaped(doc: dict[str, Any]) -> None:
    page = render_html(doc)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<img src=x" not in page
    assert "<b>Live</b>" not in page
    assert "Island Radio &lt;b&gt;Live&lt;/b&gt;" in page
    assert 'href="javascript:' not in page


def test_matrix_cells_and_legend(doc: dict[str, Any]) -> None:
    page = render_html(doc)
    assert "How to read this report" in page
    tables = re.findall(r'<table class="matrix">(.*?)</table>', page, re.DOTALL)
    assert len(tables) == 2  # claims in several outlets, then those in one outlet only
    shared, single = tables
    assert shared.count("<tr>") == 1 + 2
    assert single.count("<tr>") == 1 + 1
    cells = "".join(tables)
    assert cells.count('class="cell stated"') == 3 + 1
    assert cells.count('class="cell differs"') == 2
    assert cells.count('class="cell absent"') == 12 - 6
    assert "1 more claim found in one outlet only" in page


def test_each_group_has_a_provenance_picture(doc: dict[str, Any]) -> None:
    page = render_html(doc)
    assert page.count("<svg") == 3
    assert "harbour master Iris Vold" in page
    assert "Repeated another outlet" in page


def test_discrepancy_notes_and_timeline_are_shown(doc: dict[str, Any]) -> None:
    page = render_html(doc)
    assert "numbers differ" in page
    assert "rund 260 Passagiere waren an Bord" in page
    assert "about 230 passengers were on board" in page
    assert "earlier: “300 passengers” — now: “230 passengers”" in page
    timeline = page[page.index('<table class="timeline">') :]
    assert timeline.index("2024-11-04") < timeline.index("2024-11-05")


def test_chain_graph_layers_sources_first_hand_and_echoes(doc: dict[str, Any]) -> None:
    group = doc["stories"][0]["claim_groups"][0]
    graph = group_graph(group, articles_by_id(doc))
    roles = {n.name: n.role for n in graph.nodes}
    assert roles == {
        "harbour master Iris Vold": "source",
        "Harbour Gazette": "origin",
        "Coastal Wire": "origin",
        "Nordposten": "echo",
    }
    layer = {n.name: layers(graph)[n.key] for n in graph.nodes}
    assert layer["harbour master Iris Vold"] == 0
    assert layer["Harbour Gazette"] == layer["Coastal Wire"] == 1
    assert layer["Nordposten"] == 2


def test_given_graph_is_used_and_a_credit_does_not_push_an_outlet_right() -> None:
    group = {
        "id": "g",
        "claims": [],
        "graph": {
            "nodes": [
                {"id": "s", "name": "two officials", "kind": "anonymous", "role": "source"},
                {"id": "a", "name": "Outlet A", "kind": "outlet", "role": "origin"},
                {"id": "b", "name": "Outlet B", "kind": "outlet", "role": "origin"},
                {"id": "c", "name": "Outlet C", "kind": "outlet", "role": "echo"},
            ],
            "edges": [
                {"from": "s", "to": "a", "kind": "told"},
                {"from": "a", "to": "b", "kind": "reported"},
                {"from": "a", "to": "c", "kind": "cited"},
            ],
        },
    }
    graph = group_graph(group, {})
    assert layers(graph) == {"s": 0, "a": 1, "b": 1, "c": 2}
    assert 'stroke-dasharray="1 4"' in render_svg(graph)


def test_layout_boxes_never_overlap() -> None:
    nodes = tuple(GraphNode(f"n{i}", f"node {i}", "outlet", "echo") for i in range(7))
    edges = tuple(GraphEdge("n0", f"n{i}") for i in range(1, 7))
    placed = layout(Graph((GraphNode("n0", "source", "person", "source"), *nodes[1:]), edges))
    boxes = [(p.x, p.y) for p in placed]
    for i, (x1, y1) in enumerate(boxes):
        for x2, y2 in boxes[i + 1 :]:
            assert abs(x1 - x2) >= NODE_W or abs(y1 - y2) >= NODE_H


def test_svg_escapes_names_and_cuts_long_ones() -> None:
    long_name = "a very long name of a ministry department that never seems to end at all"
    graph = Graph(
        (
            GraphNode("x", "<b>&co</b>", "outlet", "origin"),
            GraphNode("y", long_name, "person", "source"),
        ),
        (GraphEdge("y", "x", "told"),),
    )
    svg = render_svg(graph)
    assert "<b>" not in svg
    assert "&lt;b&gt;&amp;co&lt;/b&gt;" in svg
    assert "…" in svg
    assert f"<title>{long_name} (person; source)</title>" in svg


def test_empty_graph_draws_nothing() -> None:
    assert render_svg(Graph((), ())) == ""
