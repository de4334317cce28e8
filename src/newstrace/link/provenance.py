"""Provenance of a claim group: who first said it, who heard it first hand, who only repeats it.

Every member of a :class:`~newstrace.model.ClaimGroup` carries a relay chain that runs from
the original speaker to the outlet that printed the article (``[source, first-hand outlet,
..., article outlet]``; an outlet's own voice is the one-link chain ``[outlet]``). From those
chains this module builds a graph and counts the group's independent origins.

The rules, in order:

1. **First-hand outlet of a member.** The first link of the chain that is an outlet (its kind
   is ``outlet``, or its name is a gazetteer outlet, or it is the outlet of a group member).
   The links before it are the *sources* who told it; the links after it relay it. A chain with
   no outlet before the article's own outlet is first hand: the source told the article's outlet
   directly. A chain of one link (``self``) is the outlet's own reporting.
   (1b) In an article that relays another outlet for the claim, anonymous sources not said to
   have told the article's own outlet ("told the Courier") are presumed to be the relayed
   outlet's (a headline's "according to Kremlin sources" over a relayed report).
   (1c) Given the analyses, a member whose sentence holds another attribution relaying an
   outlet ("X plans Y, outlet Z reported") relays that outlet too.
2. **Origin channel.** A first-hand outlet together with every source the group's members
   credit to it. Two outlets relaying the same outlet's source add no channel ("the same
   anonymous source relayed by two outlets is one origin"); sources heard first hand by two
   different outlets are two channels (Verstka's sources and Mediazona's source are two),
   because anonymous sources at different outlets cannot be told apart, and one outlet's own
   sources are one channel even when there are several of them.
3. **Named speakers join channels.** When one named person (or organisation) speaks first hand
   to two outlets, it is one statement: their channels merge into one origin.
4. **Roles of the corpus outlets.** An outlet with a first-hand member (its own sources) is an
   *origin*; so is an outlet whose members are all in its own voice. An outlet that relays
   another outlet and has no sources of its own is an *echo*, even if it also restates the
   claim in its own voice (a headline over a relayed report adds no channel). An origin that
   also names another outlet credits it (edge ``reported``); an echo cites it (edge ``cited``).
5. **Status.** ``contested`` when a ``polarity`` discrepancy (a contradiction or a qualifying
   "tension") touches the group; else ``exclusive`` when one outlet states it; else
   ``corroborated`` with two or more independent origins; else ``echo_only`` when the single
   origin channel is an outlet outside the corpus (everyone in the corpus relays it: no one here
   heard it first hand); else ``single_origin``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from newstrace.analyze.keys import canonical_key, outlet_for_key
from newstrace.model import (
    ArticleAnalysis,
    ChainLink,
    ClaimGroup,
    ClaimRef,
    Discrepancy,
    GroupStatus,
    SpeakerKind,
)

NodeRole = Literal["source", "origin", "relay", "echo"]
EdgeKind = Literal["told", "cited", "reported"]

#: Words of an outlet's name at least this long identify it in a sentence ("told the Courier").
_NAME_WORD = 4
#: Speaker kinds whose identity is the same across outlets (rule 3).
_NAMED_KINDS: frozenset[str] = frozenset({"person", "organisation", "document"})


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


@dataclass(frozen=True, slots=True)
class MemberPath:
    """How one member reached its article: sources, first-hand outlet, relays, article outlet."""

    member: ClaimRef
    sources: tuple[ChainLink, ...]
    first_hand: ChainLink
    relays: tuple[ChainLink, ...]
    outlet: ChainLink

    @property
    def own_voice(self) -> bool:
        """The article's outlet says it in its own voice."""
        return not self.sources and same_outlet(self.first_hand.name, self.outlet.name)

    @property
    def is_relay(self) -> bool:
        """The article's outlet repeats another outlet."""
        return not same_outlet(self.first_hand.name, self.outlet.name)


def outlet_key(name: str) -> str:
    """The canonical key of an outlet name (Verstka = Vyorstka = Вёрстка)."""
    return canonical_key(name)


def same_outlet(a: str, b: str) -> bool:
    """Whether two outlet names are spellings of one outlet."""
    return outlet_key(a) == outlet_key(b)


def display_outlet(name: str) -> str:
    """The gazetteer's main name for an outlet, or the name as written."""
    return outlet_for_key(outlet_key(name)) or name


def member_outlet(member: ClaimRef) -> str:
    """The outlet that printed a member (its article's outlet, else the chain's last link)."""
    if member.outlet:
        return member.outlet
    chain = member.claim.attribution.chain
    return chain[-1].name if chain else member.article_id


def _is_outlet(link: ChainLink, corpus_keys: frozenset[str]) -> bool:
    if link.kind == "self":
        return True
    if link.kind == "outlet":
        return True
    key = outlet_key(link.name)
    return key in corpus_keys or outlet_for_key(key) is not None


def member_path(
    member: ClaimRef, corpus_keys: frozenset[str], chain: Sequence[ChainLink] | None = None
) -> MemberPath:
    """Split a member's relay chain into sources, first-hand outlet, relays and outlet (rule 1).

    ``chain`` overrides the member's own chain (used when its sentence relays an outlet).
    """
    name = member_outlet(member)
    outlet = ChainLink(name, "outlet")
    links = list(member.claim.attribution.chain if chain is None else chain)
    if links and same_outlet(links[-1].name, name):
        links = links[:-1]
    if member.claim.attribution.speaker.kind == "self" and chain is None:
        links = []
    for index, link in enumerate(links):
        if _is_outlet(link, corpus_keys) and not same_outlet(link.name, name):
            first = ChainLink(display_outlet(link.name), "outlet")
            return MemberPath(
                member, tuple(links[:index]), first, tuple(links[index + 1 :]), outlet
            )
    return MemberPath(member, tuple(links), outlet, (), outlet)


def corpus_outlet_keys(group: ClaimGroup) -> frozenset[str]:
    """Keys of the outlets whose articles hold the group's members."""
    return frozenset(outlet_key(member_outlet(m)) for m in group.members)


def _names_outlet(text: str, outlet: str) -> bool:
    """Whether ``text`` names the outlet (any distinctive word of its name: "the Courier")."""
    words = {w for w in outlet_key(outlet).split() if len(w) >= _NAME_WORD}
    return bool(words & set(outlet_key(text).split()))


def _relay_targets(paths: Sequence[MemberPath]) -> dict[str, ChainLink]:
    """For each outlet that relays another outlet in the group, the outlet it relays most."""
    counts: dict[str, Counter[str]] = {}
    links: dict[str, ChainLink] = {}
    for path in paths:
        if path.is_relay:
            own = outlet_key(path.outlet.name)
            counts.setdefault(own, Counter())[outlet_key(path.first_hand.name)] += 1
            links[outlet_key(path.first_hand.name)] = path.first_hand
    return {own: links[c.most_common(1)[0][0]] for own, c in counts.items()}


def _presumed_relay(path: MemberPath, targets: Mapping[str, ChainLink]) -> MemberPath:
    """Rule 1b: anonymous sources in an article that relays another outlet for the same claim
    are that outlet's sources, unless the sentence says they told the article's own outlet."""
    target = targets.get(outlet_key(path.outlet.name))
    speaker = path.member.claim.attribution.speaker
    if target is None or path.is_relay or not speaker.anonymous:
        return path
    if _names_outlet(path.member.claim.sentence.text, path.outlet.name):
        return path
    return replace(path, first_hand=target, relays=())


def _sentence_relay(
    member: ClaimRef,
    analyses: Mapping[str, ArticleAnalysis],
    keys: frozenset[str],
    targets: Mapping[str, ChainLink],
) -> MemberPath | None:
    """Rule 1c: when another attribution in the member's sentence relays an outlet ("X plans
    Y, outlet Z reported"), the whole sentence comes from that outlet."""
    analysis = analyses.get(member.article_id)
    if analysis is None:
        return None
    sentence = member.claim.sentence
    outlet = member_outlet(member)
    for claim in analysis.claims:
        if claim.sentence.start != sentence.start or claim.id == member.claim.id:
            continue
        sibling = _presumed_relay(
            member_path(ClaimRef(member.article_id, claim, outlet), keys), targets
        )
        if sibling.is_relay:
            return replace(sibling, member=member, sources=())
    return None


def member_paths(
    group: ClaimGroup, analyses: Mapping[str, ArticleAnalysis] | None = None
) -> tuple[MemberPath, ...]:
    """Every member's path (rule 1), with anonymous sources of relaying articles presumed
    relayed (rule 1b) and, given ``analyses``, sentences that relay an outlet (rule 1c)."""
    keys = corpus_outlet_keys(group)
    raw = [member_path(member, keys) for member in group.members]
    targets = _relay_targets(raw)
    paths: list[MemberPath] = []
    for path in raw:
        path = _presumed_relay(path, targets)
        if analyses is not None and not path.is_relay:
            path = _sentence_relay(path.member, analyses, keys, targets) or path
        paths.append(path)
    return tuple(paths)


@dataclass(slots=True)
class _Channel:
    outlets: list[str]
    sources: dict[str, ChainLink] = field(default_factory=dict)
    own_reporting: bool = False
    in_corpus: bool = False


def outlet_roles(paths: Sequence[MemberPath]) -> dict[str, Literal["origin", "echo"]]:
    """Rule 4: each corpus outlet (by key) is an origin or an echo in the group."""
    by_outlet: dict[str, list[MemberPath]] = {}
    for path in paths:
        by_outlet.setdefault(outlet_key(path.outlet.name), []).append(path)
    roles: dict[str, Literal["origin", "echo"]] = {}
    for key, own in by_outlet.items():
        first_hand = any(not p.is_relay and not p.own_voice for p in own)
        only_own_voice = all(p.own_voice for p in own)
        roles[key] = "origin" if first_hand or only_own_voice else "echo"
    return roles


def _source_key(source: ChainLink, first_hand: str) -> str:
    """Named sources are one node everywhere; anonymous ones only within their outlet."""
    if source.kind in _NAMED_KINDS:
        return "src:" + canonical_key(source.name)
    return f"src:{outlet_key(first_hand)}:{canonical_key(source.name)}"


def _collect_channels(
    paths: Sequence[MemberPath], roles: Mapping[str, str], corpus: frozenset[str]
) -> dict[str, _Channel]:
    """Rule 2: one channel per first-hand outlet that counts (origins and relayed outlets)."""
    channels: dict[str, _Channel] = {}
    for path in paths:
        article_key = outlet_key(path.outlet.name)
        if not path.is_relay and roles.get(article_key) != "origin":
            continue  # an echo's own-voice restatement adds no channel
        key = outlet_key(path.first_hand.name)
        name = display_outlet(path.first_hand.name) if path.is_relay else path.outlet.name
        channel = channels.setdefault(key, _Channel([name], in_corpus=key in corpus))
        if path.own_voice:
            channel.own_reporting = True
        for source in path.sources:
            channel.sources.setdefault(_source_key(source, path.first_hand.name), source)
    return channels


def _merge_named(channels: Mapping[str, _Channel]) -> list[_Channel]:
    """Rule 3: channels that share a named speaker are one origin."""
    parent = {key: key for key in channels}

    def find(key: str) -> str:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    owner: dict[str, str] = {}
    for key, channel in channels.items():
        for source_key, source in channel.sources.items():
            if source.kind not in _NAMED_KINDS:
                continue
            if source_key in owner:
                parent[find(key)] = find(owner[source_key])
            else:
                owner[source_key] = key
    merged: dict[str, _Channel] = {}
    for key, channel in channels.items():
        root = find(key)
        into = merged.setdefault(root, _Channel([], in_corpus=False))
        into.outlets.extend(o for o in channel.outlets if o not in into.outlets)
        for source_key, source in channel.sources.items():
            into.sources.setdefault(source_key, source)
        into.own_reporting |= channel.own_reporting
        into.in_corpus |= channel.in_corpus
    return list(merged.values())


def origin_channels(
    group: ClaimGroup, analyses: Mapping[str, ArticleAnalysis] | None = None
) -> tuple[OriginChannel, ...]:
    """The group's independent origin channels (rules 1 to 3), in first-seen order."""
    paths = member_paths(group, analyses)
    roles = outlet_roles(paths)
    channels = _merge_named(_collect_channels(paths, roles, corpus_outlet_keys(group)))
    return tuple(
        OriginChannel(
            outlets=tuple(c.outlets),
            sources=tuple(c.sources.values()),
            own_reporting=c.own_reporting,
            in_corpus=c.in_corpus,
        )
        for c in channels
    )


def group_status(
    group: ClaimGroup,
    channels: Sequence[OriginChannel],
    discrepancies: Iterable[Discrepancy] = (),
) -> GroupStatus:
    """Rule 5: the group's status from its channels, outlets and polarity discrepancies."""
    member_ids = {m.claim_id for m in group.members}
    for found in discrepancies:
        if found.kind != "polarity":
            continue
        if found.group_id == group.id or member_ids.intersection(found.claim_ids):
            return "contested"
    if len(corpus_outlet_keys(group)) <= 1:
        return "exclusive"
    if len(channels) >= 2:
        return "corroborated"
    if channels and not any(c.in_corpus for c in channels):
        return "echo_only"
    return "single_origin"


def with_provenance(
    group: ClaimGroup,
    discrepancies: Iterable[Discrepancy] = (),
    *,
    analyses: Mapping[str, ArticleAnalysis] | None = None,
) -> ClaimGroup:
    """The group with ``origins``, ``echoes``, ``independent_origins`` and ``status`` filled in.

    ``discrepancies`` (from :func:`newstrace.link.discrepancies.find_discrepancies`) make a
    group ``contested`` when a polarity discrepancy touches it. ``analyses`` (article id ->
    analysis) let a member whose sentence relays another outlet count as a relay.
    """
    paths = member_paths(group, analyses)
    roles = outlet_roles(paths)
    channels = origin_channels(group, analyses)
    origins = tuple(
        ChainLink(c.name, "self" if c.own_reporting and not c.sources else "outlet")
        for c in channels
    )
    echo_names = dict.fromkeys(
        p.outlet.name for p in paths if roles[outlet_key(p.outlet.name)] == "echo"
    )
    echoes = tuple(ChainLink(name, "outlet") for name in echo_names)
    return replace(
        group,
        origins=origins,
        echoes=echoes,
        independent_origins=len(channels),
        status=group_status(group, channels, discrepancies),
    )


def _outlet_node_key(name: str) -> str:
    return "out:" + outlet_key(name)


def _path_edges(path: MemberPath, article_role: str) -> list[ProvenanceEdge]:
    """Edges of one member path: sources told the first-hand outlet, which relays pass on."""
    first = _outlet_node_key(path.first_hand.name)
    edges = [
        ProvenanceEdge(_source_key(s, path.first_hand.name), first, "told") for s in path.sources
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
            _source_key(s, path.first_hand.name),
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


def provenance_graph(
    group: ClaimGroup, analyses: Mapping[str, ArticleAnalysis] | None = None
) -> ProvenanceGraph:
    """The group's provenance graph: sources, first-hand outlets, relays and echoes.

    Node ids are ``src:...`` for speakers (anonymous ones scoped to the outlet they spoke to)
    and ``out:<outlet key>`` for outlets. A node keeps the strongest role it plays in any
    member's path (origin over echo over relay over source).
    """
    paths = member_paths(group, analyses)
    roles = outlet_roles(paths)
    corpus = corpus_outlet_keys(group)
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
        group_id=group.id,
        nodes=tuple(nodes.values()),
        edges=tuple(edges.values()),
        channels=origin_channels(group, analyses),
        echoes=echoes,
    )
