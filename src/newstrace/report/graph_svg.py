"""The provenance graph of a claim group, laid out in layers and drawn as an inline SVG.

Columns run left to right: who said it (the original speakers), the outlets that heard it
first-hand (or reported it themselves), then the outlets that repeated another outlet. The
layout is computed here in Python (longest-path layers, then a few barycentre sweeps to keep
edges from crossing), so the picture needs no script and opens offline.

The graph comes from the group's ``graph`` (``{nodes, edges}``) when the story view provides
one, otherwise from its claims' relay chains (original speaker → outlet that heard it →
outlet that repeats it).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import escape

from newstrace.report._document import ArticleInfo, outlet_of, source_name

NODE_W, NODE_H, COL_GAP, ROW_GAP, MARGIN, HEADER = 200, 46, 70, 14, 12, 30
LINE_CHARS = 25
OUTLET_KINDS = frozenset({"outlet", "self"})
ROLE_STYLE: dict[str, tuple[str, str, str]] = {
    # role: (fill, stroke, dash)
    "source": ("#fff4d6", "#b7791f", ""),
    "origin": ("#dbeafe", "#1d4ed8", ""),
    "relay": ("#dbeafe", "#1d4ed8", ""),
    "echo": ("#f1f5f9", "#64748b", "5 3"),
}
CREDIT = "reported"  # an outlet with its own sources crediting another outlet as first
COLUMN_TITLES = ("Who said it", "Heard it first-hand", "Repeated another outlet")


@dataclass(frozen=True, slots=True)
class GraphNode:
    """A speaker or an outlet in a provenance graph."""

    key: str
    name: str
    kind: str
    role: str


@dataclass(frozen=True, slots=True)
class GraphEdge:
    """``source`` told or was repeated by ``target`` (node keys)."""

    source: str
    target: str
    label: str = ""


@dataclass(frozen=True, slots=True)
class Graph:
    """Nodes and edges of one claim group's provenance."""

    nodes: tuple[GraphNode, ...]
    edges: tuple[GraphEdge, ...]


@dataclass(frozen=True, slots=True)
class Placed:
    """A node with its layer and box position."""

    node: GraphNode
    layer: int
    x: int
    y: int


def group_graph(group: Mapping[str, Any], articles: Mapping[str, ArticleInfo]) -> Graph:
    """The provenance graph of a group dict: its ``graph`` if given, else from the chains."""
    given = group.get("graph")
    if isinstance(given, Mapping) and given.get("nodes"):
        return _given_graph(given)
    return _chain_graph(group.get("claims") or (), articles)


def _given_graph(data: Mapping[str, Any]) -> Graph:
    nodes: list[GraphNode] = []
    for item in data.get("nodes") or ():
        name = str(item.get("name") or item.get("label") or item.get("id"))
        key = str(item.get("id") or name)
        kind = str(item.get("kind") or "")
        role = str(item.get("role") or ("echo" if kind in OUTLET_KINDS else "source"))
        nodes.append(GraphNode(key, name, kind, role))
    edges = tuple(
        GraphEdge(
            str(e.get("from") or e.get("source")),
            str(e.get("to") or e.get("target")),
            str(e.get("kind") or e.get("label") or ""),
        )
        for e in data.get("edges") or ()
    )
    return Graph(tuple(nodes), edges)


def _claim_chain(claim: Mapping[str, Any], outlet: str) -> list[tuple[str, str]]:
    chain = [
        (str(link.get("name")), str(link.get("kind") or "")) for link in claim.get("chain") or ()
    ]
    if not chain:
        chain = [(source_name(claim), str((claim.get("source") or {}).get("kind") or ""))]
        if chain[0][1] == "self":
            chain = []
    if not chain or chain[-1][0].casefold() != outlet.casefold():
        chain.append((outlet, "outlet"))
    return chain


def _chain_graph(claims: Sequence[Any], articles: Mapping[str, ArticleInfo]) -> Graph:
    names: dict[str, str] = {}
    kinds: dict[str, str] = {}
    first_hand: set[str] = set()
    edges: dict[tuple[str, str], str] = {}
    for claim in claims:
        chain = _claim_chain(claim, outlet_of(str(claim.get("article_id")), articles))
        seen_outlet = False
        previous: str | None = None
        for name, kind in chain:
            key = name.casefold()
            names.setdefault(key, name)
            if kind and kinds.get(key) in (None, "", "self"):
                kinds[key] = kind
            if kind in OUTLET_KINDS and not seen_outlet:
                first_hand.add(key)
                seen_outlet = True
            if previous is not None and previous != key:
                label = "cited" if kinds.get(previous) in OUTLET_KINDS else "told"
                edges.setdefault((previous, key), label)
            previous = key
    nodes = tuple(
        GraphNode(key, names[key], kinds.get(key, ""), _role(key, kinds.get(key, ""), first_hand))
        for key in names
    )
    return Graph(nodes, tuple(GraphEdge(a, b, label) for (a, b), label in edges.items()))


def _role(key: str, kind: str, first_hand: set[str]) -> str:
    if kind not in OUTLET_KINDS:
        return "source"
    return "origin" if key in first_hand else "echo"


def layers(graph: Graph) -> dict[str, int]:
    """Longest-path layer of each node: speakers at 0, first-hand outlets at 1, echoes after."""
    incoming: dict[str, list[str]] = {n.key: [] for n in graph.nodes}
    for edge in graph.edges:
        if edge.label == CREDIT:  # a credit is not a relay: it does not push a column right
            continue
        if edge.target in incoming and edge.source in incoming:
            incoming[edge.target].append(edge.source)
    role = {n.key: n.role for n in graph.nodes}
    layer = {key: (0 if role[key] == "source" else 1) for key in incoming}
    for _ in range(len(incoming)):
        changed = False
        for key, preds in incoming.items():
            best = max((layer[p] + 1 for p in preds), default=layer[key])
            if best > layer[key]:
                layer[key], changed = best, True
        if not changed:
            break
    return layer


def layout(graph: Graph) -> list[Placed]:
    """Place every node: a column per layer, rows ordered to reduce edge crossings."""
    layer = layers(graph)
    columns: dict[int, list[str]] = {}
    for node in graph.nodes:
        columns.setdefault(layer[node.key], []).append(node.key)
    preds: dict[str, list[str]] = {n.key: [] for n in graph.nodes}
    for edge in graph.edges:
        if edge.target in preds and edge.source in preds:
            preds[edge.target].append(edge.source)
    order: dict[str, float] = {}
    for index in sorted(columns):
        keys = columns[index]
        for row, key in enumerate(keys):
            placed = [order[p] for p in preds[key] if p in order]
            order[key] = sum(placed) / len(placed) if placed else float(row)
        columns[index] = sorted(keys, key=lambda k: (order[k], keys.index(k)))
        for row, key in enumerate(columns[index]):
            order[key] = float(row)
    _sweep_up(columns, graph.edges, order)
    by_key = {n.key: n for n in graph.nodes}
    return [
        Placed(
            by_key[key],
            index,
            MARGIN + column * (NODE_W + COL_GAP),
            MARGIN + HEADER + row * (NODE_H + ROW_GAP),
        )
        for column, index in enumerate(sorted(columns))
        for row, key in enumerate(columns[index])
    ]


def _sweep_up(
    columns: dict[int, list[str]], edges: Sequence[GraphEdge], order: dict[str, float]
) -> None:
    """Reorder each column but the last by where its nodes' successors sit (fewer crossings)."""
    succs: dict[str, list[str]] = {}
    for edge in edges:
        succs.setdefault(edge.source, []).append(edge.target)
    for index in sorted(columns, reverse=True)[1:]:
        keys = columns[index]
        score = {}
        for row, key in enumerate(keys):
            below = [order[t] for t in succs.get(key, ()) if t in order and t not in keys]
            score[key] = sum(below) / len(below) if below else order.get(key, float(row))
        columns[index] = sorted(keys, key=lambda k: (score[k], keys.index(k)))
        for row, key in enumerate(columns[index]):
            order[key] = float(row)


def _wrap(text: str) -> list[str]:
    words, lines, current = text.split(), [], ""
    for word in words:
        if current and len(current) + 1 + len(word) > LINE_CHARS:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    lines.append(current)
    if len(lines) > 2:
        lines = [lines[0], lines[1][: LINE_CHARS - 1] + "…"]
    return [line if len(line) <= LINE_CHARS else line[: LINE_CHARS - 1] + "…" for line in lines]


def _node_svg(place: Placed) -> str:
    fill, stroke, dash = ROLE_STYLE.get(place.node.role, ROLE_STYLE["echo"])
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    lines = _wrap(place.node.name)
    first_y = place.y + NODE_H / 2 - (len(lines) - 1) * 8 + 4
    text = "".join(
        f'<text x="{place.x + NODE_W / 2:.0f}" y="{first_y + i * 16:.0f}" '
        f'text-anchor="middle" font-size="13" fill="#0f172a">{escape(line)}</text>'
        for i, line in enumerate(lines)
    )
    kind = place.node.kind or place.node.role
    return (
        f'<g class="node node-{escape(place.node.role)}"><title>{escape(place.node.name)} '
        f"({escape(kind)}; {escape(place.node.role)})</title>"
        f'<rect x="{place.x}" y="{place.y}" width="{NODE_W}" height="{NODE_H}" rx="8" '
        f'fill="{fill}" stroke="{stroke}" stroke-width="1.5"{dash_attr}/>{text}</g>'
    )


def _edge_svg(edge: GraphEdge, where: Mapping[str, Placed], marker: str) -> str:
    a, b = where[edge.source], where[edge.target]
    x1, y1 = float(a.x + NODE_W), a.y + NODE_H / 2
    x2, y2 = float(b.x - 2), b.y + NODE_H / 2
    if b.layer == a.layer:  # same column: an arc on the right
        x2 = x1 + 2
        bulge = x1 + COL_GAP * 0.6
        path = f"M{x1:.0f},{y1:.0f} C{bulge:.0f},{y1:.0f} {bulge:.0f},{y2:.0f} {x2:.0f},{y2:.0f}"
    elif b.layer < a.layer:  # a backward edge: loop around below
        x1, x2 = a.x + NODE_W / 2, b.x + NODE_W / 2
        y1, y2 = a.y + NODE_H, b.y + NODE_H
        bend = max(y1, y2) + 30
        path = f"M{x1:.0f},{y1:.0f} C{x1:.0f},{bend:.0f} {x2:.0f},{bend:.0f} {x2:.0f},{y2 + 2:.0f}"
    else:
        mid = (x1 + x2) / 2
        path = f"M{x1:.0f},{y1:.0f} C{mid:.0f},{y1:.0f} {mid:.0f},{y2:.0f} {x2:.0f},{y2:.0f}"
    dash = ' stroke-dasharray="5 3"' if b.node.role == "echo" else ""
    if edge.label == CREDIT:
        dash = ' stroke-dasharray="1 4" stroke-linecap="round"'
    verb = {"told": "told", "cited": "repeated by", CREDIT: "credited as first by"}
    title = f"{a.node.name} {verb.get(edge.label, '→')} {b.node.name}"
    return (
        f'<path d="{path}" fill="none" stroke="#475569" stroke-width="1.4"{dash} '
        f'marker-end="url(#{marker})"><title>{escape(title)}</title></path>'
    )


def render_svg(graph: Graph, *, graph_id: str = "g") -> str:
    """The graph as a standalone ``<svg>`` element (all text escaped)."""
    placed = layout(graph)
    if not placed:
        return ""
    where = {p.node.key: p for p in placed}
    marker = "arrow-" + re.sub(r"[^A-Za-z0-9_-]", "-", graph_id)
    width = max(p.x for p in placed) + NODE_W + MARGIN
    loops = any(
        where[e.target].layer < where[e.source].layer
        for e in graph.edges
        if e.source in where and e.target in where
    )
    height = max(p.y for p in placed) + NODE_H + MARGIN + (34 if loops else 0)
    used = sorted({p.layer for p in placed})
    headers = "".join(
        f'<text x="{MARGIN + column * (NODE_W + COL_GAP) + NODE_W / 2:.0f}" y="{MARGIN + 14}" '
        f'text-anchor="middle" font-size="12" font-weight="bold" fill="#334155">'
        f"{escape(COLUMN_TITLES[min(layer, len(COLUMN_TITLES) - 1)])}</text>"
        for column, layer in enumerate(used)
    )
    edges = "".join(
        _edge_svg(e, where, marker) for e in graph.edges if e.source in where and e.target in where
    )
    nodes = "".join(_node_svg(p) for p in placed)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="provenance" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="provenance graph" font-family="system-ui, sans-serif">'
        f'<defs><marker id="{marker}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
        f'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" '
        f'fill="#475569"/></marker></defs>{headers}{edges}{nodes}</svg>'
    )


def group_svg(group: Mapping[str, Any], articles: Mapping[str, ArticleInfo]) -> str:
    """The inline SVG picture of one claim group's provenance."""
    return render_svg(group_graph(group, articles), graph_id=str(group.get("id") or "g"))
