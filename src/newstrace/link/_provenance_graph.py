"""The records of a claim group's provenance (nodes, edges, origin channels, the graph) and
how one member's path becomes nodes and edges, for :mod:`newstrace.link.provenance`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from newstrace.analyze.keys import canonical_key
from newstrace.link._provenance_paths import MemberPath, display_outlet, outlet_key
from newstrace.model import ChainLink, SpeakerKind

NodeRole = Literal["source", "origin", "relay", "echo"]
EdgeKind = Literal["told", "cited", "reported"]

#: Speaker kinds whose identity is the same across outlets (rule 3).
NAMED_KINDS: frozenset[str] = frozenset({"person", "organisation", "document"})


@dataclass(frozen=True, slots=True)
class ProvenanceNode:
    """A speaker or outlet in a provenance graph.

    ``role`` is ``source`` for an original speaker, ``origin`` for an outlet that heard the
    claim first hand (or reported it itself), ``relay`` for an outlet between a first-hand
    outlet and the corpus, and ``echo`` for a corpus outlet that only repeats another outlet.
    """

    key: str
    name: str
    kind: SpeakerKind
    role: NodeRole
    in_corpus: bool = False
    anonymous: bool = False

    def to_dict(self) -> dict[str, Any]:
        """Plain-data form for JSON."""
        return {
            "id": self.key,
            "name": self.name,
            "kind": self.kind,
            "role": self.role,
            "in_corpus": self.in_corpus,
            "anonymous": self.anonymous,
        }


@dataclass(frozen=True, slots=True)
class ProvenanceEdge:
    """``told``: a source told an outlet; ``cited``: an outlet repeats another outlet's report;
    ``reported``: an outlet with its own sources credits another outlet for reporting it first.
    """

    source: str
    target: str
    kind: EdgeKind

    def to_dict(self) -> dict[str, Any]:
        """Plain-data form for JSON (node ids)."""
        return {"from": self.source, "to": self.target, "kind": self.kind}


@dataclass(frozen=True, slots=True)
class OriginChannel:
    """One independent origin: a first-hand outlet (or an outlet's own reporting) and the
    sources it heard; ``outlets`` lists more than one outlet when rule 3 merged channels."""

    outlets: tuple[str, ...]
    sources: tuple[ChainLink, ...]
    own_reporting: bool
    in_corpus: bool

    @property
    def name(self) -> str:
        """The channel's outlet names joined for display."""
        return " / ".join(self.outlets)

    def describe(self) -> str:
        """``"Ledokhod (anonymous: officials)"``: the outlet and who told it."""
        if not self.sources:
            return f"{self.name} (own reporting)" if self.own_reporting else self.name
        return f"{self.name} ({'; '.join(s.name for s in self.sources)})"

    def to_dict(self) -> dict[str, Any]:
        """Plain-data form for JSON."""
        return {
            "name": self.name,
            "outlets": list(self.outlets),
            "sources": [s.to_dict() for s in self.sources],
            "own_reporting": self.own_reporting,
            "in_corpus": self.in_corpus,
            "description": self.describe(),
        }


@dataclass(frozen=True, slots=True)
class ProvenanceGraph:
    """Nodes, edges and the independent origin channels of one claim group."""

    group_id: str
    nodes: tuple[ProvenanceNode, ...]
    edges: tuple[ProvenanceEdge, ...]
    channels: tuple[OriginChannel, ...]
    echoes: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Plain-data form for JSON (what the reports draw)."""
        return {
            "group_id": self.group_id,
            "nodes": [n.to_dict() for n in self.nodes],
            "edges": [e.to_dict() for e in self.edges],
            "channels": [c.to_dict() for c in self.channels],
            "echoes": list(self.echoes),
        }


def source_key(source: ChainLink, first_hand: str) -> str:
    """A source's node id: named sources are one node everywhere, anonymous ones only within
    their outlet."""
    if source.kind in NAMED_KINDS:
        return "src:" + canonical_key(source.name)
    return f"src:{outlet_key(first_hand)}:{canonical_key(source.name)}"


def _outlet_node_key(name: str) -> str:
    return "out:" + outlet_key(name)


def _path_edges(path: MemberPath, article_role: str) -> list[ProvenanceEdge]:
    """Edges of one member path: sources told the first-hand outlet, which relays pass on."""
    first = _outlet_node_key(path.first_hand.name)
    edges = [
        ProvenanceEdge(source_key(s, path.first_hand.name), first, "told") for s in path.sources
    ]
    hops = [first, *(_outlet_node_key(r.name) for r in path.relays)]
    hops.append(_outlet_node_key(path.outlet.name))
    last_kind: EdgeKind = "reported" if article_role == "origin" else "cited"
    for index in range(len(hops) - 1):
        if hops[index] == hops[index + 1]:
            continue
        kind: EdgeKind = last_kind if index == len(hops) - 2 else "cited"
        edges.append(ProvenanceEdge(hops[index], hops[index + 1], kind))
    return edges


def _path_nodes(
    path: MemberPath, roles: Mapping[str, str], corpus: frozenset[str]
) -> list[ProvenanceNode]:
    nodes = [
        ProvenanceNode(
            source_key(s, path.first_hand.name),
            s.name,
            s.kind,
            "source",
            anonymous=s.kind == "anonymous",
        )
        for s in path.sources
    ]
    first_key = outlet_key(path.first_hand.name)
    first_role: NodeRole = "origin" if roles.get(first_key, "origin") == "origin" else "echo"
    nodes.append(
        ProvenanceNode(
            _outlet_node_key(path.first_hand.name),
            display_outlet(path.first_hand.name) if path.is_relay else path.outlet.name,
            "outlet",
            first_role,
            in_corpus=first_key in corpus,
        )
    )
    for relay in path.relays:
        key = outlet_key(relay.name)
        role: NodeRole = (
            "relay" if key not in roles else ("echo" if roles[key] == "echo" else "origin")
        )
        nodes.append(
            ProvenanceNode(_outlet_node_key(relay.name), relay.name, "outlet", role, key in corpus)
        )
    own_key = outlet_key(path.outlet.name)
    own_role: NodeRole = "echo" if roles.get(own_key) == "echo" else "origin"
    nodes.append(
        ProvenanceNode(
            _outlet_node_key(path.outlet.name), path.outlet.name, "outlet", own_role, True
        )
    )
    return nodes


def build_graph(
    group_id: str,
    paths: Sequence[MemberPath],
    roles: Mapping[str, str],
    corpus: frozenset[str],
    channels: tuple[OriginChannel, ...],
) -> ProvenanceGraph:
    """The graph of a group's member paths, given each corpus outlet's role (origin or echo),
    the corpus outlet keys and the origin channels. A node keeps the strongest role it plays in
    any path (origin over echo over relay over source)."""
    nodes: dict[str, ProvenanceNode] = {}
    edges: dict[tuple[str, str], ProvenanceEdge] = {}
    rank = {"origin": 3, "echo": 2, "relay": 1, "source": 0}
    for path in paths:
        for node in _path_nodes(path, roles, corpus):
            known = nodes.get(node.key)
            if known is None or rank[node.role] > rank[known.role]:
                nodes[node.key] = node
        for edge in _path_edges(path, roles.get(outlet_key(path.outlet.name), "origin")):
            edges.setdefault((edge.source, edge.target), edge)
    echoes = tuple(
        dict.fromkeys(p.outlet.name for p in paths if roles[outlet_key(p.outlet.name)] == "echo")
    )
    return ProvenanceGraph(
        group_id=group_id,
        nodes=tuple(nodes.values()),
        edges=tuple(edges.values()),
        channels=channels,
        echoes=echoes,
    )
