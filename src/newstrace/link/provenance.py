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
   (1b) In an article that relays another outlet for the claim, unnamed sources (anonymous,
   or an official known only by a role) not said to have told the article's own outlet ("told
   the Courier") are presumed to be the relayed outlet's (a headline's "according to Kremlin
   sources" over a relayed report).
   (1c) Given the analyses, a member whose sentence holds another attribution relaying an
   outlet ("X plans Y, outlet Z reported") relays that outlet too.
   (1d) Given the analyses, an article that relays one outlet for at least half of its
   attributed claims relays it for the rest of its unnamed sources too, as in 1b; and given
   the texts, an own-voice member that follows an attributed sentence in its paragraph
   continues that attribution (:mod:`newstrace.link._relay_context`).
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

Member paths (rule 1) are built in :mod:`newstrace.link._provenance_paths` and the graph's
records and drawing in :mod:`newstrace.link._provenance_graph`; this module re-exports them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from newstrace.link._provenance_graph import (
    NAMED_KINDS,
    EdgeKind,
    NodeRole,
    OriginChannel,
    ProvenanceEdge,
    ProvenanceGraph,
    ProvenanceNode,
    build_graph,
    source_key,
)
from newstrace.link._provenance_paths import (
    MemberPath,
    corpus_outlet_keys,
    display_outlet,
    is_named_speaker,
    member_outlet,
    member_path,
    member_paths,
    outlet_key,
    same_outlet,
)
from newstrace.model import ArticleAnalysis, ChainLink, ClaimGroup, Discrepancy, GroupStatus

__all__ = [
    "EdgeKind",
    "MemberPath",
    "NodeRole",
    "OriginChannel",
    "ProvenanceEdge",
    "ProvenanceGraph",
    "ProvenanceNode",
    "corpus_outlet_keys",
    "display_outlet",
    "group_status",
    "is_named_speaker",
    "member_outlet",
    "member_path",
    "member_paths",
    "origin_channels",
    "outlet_key",
    "outlet_roles",
    "provenance_graph",
    "same_outlet",
    "with_provenance",
]


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
            channel.sources.setdefault(source_key(source, path.first_hand.name), source)
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
        for node_id, source in channel.sources.items():
            if source.kind not in NAMED_KINDS:
                continue
            if node_id in owner:
                parent[find(key)] = find(owner[node_id])
            else:
                owner[node_id] = key
    merged: dict[str, _Channel] = {}
    for key, channel in channels.items():
        root = find(key)
        into = merged.setdefault(root, _Channel([], in_corpus=False))
        into.outlets.extend(o for o in channel.outlets if o not in into.outlets)
        for node_id, source in channel.sources.items():
            into.sources.setdefault(node_id, source)
        into.own_reporting |= channel.own_reporting
        into.in_corpus |= channel.in_corpus
    return list(merged.values())


def origin_channels(
    group: ClaimGroup,
    analyses: Mapping[str, ArticleAnalysis] | None = None,
    texts: Mapping[str, str] | None = None,
) -> tuple[OriginChannel, ...]:
    """The group's independent origin channels (rules 1 to 3), in first-seen order."""
    return _channels_of(group, member_paths(group, analyses, texts))


def _channels_of(group: ClaimGroup, paths: Sequence[MemberPath]) -> tuple[OriginChannel, ...]:
    """:func:`origin_channels` from the group's member paths, already found."""
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
    texts: Mapping[str, str] | None = None,
    paths: Sequence[MemberPath] | None = None,
) -> ClaimGroup:
    """The group with ``origins``, ``echoes``, ``independent_origins`` and ``status`` filled in.

    ``discrepancies`` (from :func:`newstrace.link.discrepancies.find_discrepancies`) make a
    group ``contested`` when a polarity discrepancy touches it. ``analyses`` (article id ->
    analysis) let a member whose sentence relays another outlet count as a relay; ``texts``
    (article id -> text) let an own-voice member continue its paragraph's attribution.
    ``paths`` are the group's :func:`member_paths` (with these analyses and texts) when the
    caller has them already.
    """
    if paths is None:
        paths = member_paths(group, analyses, texts)
    roles = outlet_roles(paths)
    channels = _channels_of(group, paths)
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


def provenance_graph(
    group: ClaimGroup,
    analyses: Mapping[str, ArticleAnalysis] | None = None,
    texts: Mapping[str, str] | None = None,
    *,
    paths: Sequence[MemberPath] | None = None,
) -> ProvenanceGraph:
    """The group's provenance graph: sources, first-hand outlets, relays and echoes.

    Node ids are ``src:...`` for speakers (anonymous ones scoped to the outlet they spoke to)
    and ``out:<outlet key>`` for outlets. A node keeps the strongest role it plays in any
    member's path (origin over echo over relay over source). ``paths`` are the group's
    :func:`member_paths` when the caller has them already.
    """
    if paths is None:
        paths = member_paths(group, analyses, texts)
    return build_graph(
        group.id, paths, outlet_roles(paths), corpus_outlet_keys(group), _channels_of(group, paths)
    )
