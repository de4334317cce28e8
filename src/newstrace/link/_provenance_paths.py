"""Rule 1 of :mod:`newstrace.link.provenance`: how each claim-group member reached its
article (sources, first-hand outlet, relays, the article's outlet), and the outlet-name
helpers the link stage shares (:func:`outlet_key`, :func:`same_outlet`, ...).

A member's path comes from its relay chain; with the story's analyses and texts, an article
that relays an outlet lends that outlet to its unnamed sources (rules 1b to 1d).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from newstrace.analyze.keys import canonical_key, outlet_for_key
from newstrace.link._relay_context import continued_chain, relayed_outlets
from newstrace.model import ArticleAnalysis, ChainLink, ClaimGroup, ClaimRef, Speaker

#: Words of an outlet's name at least this long identify it in a sentence ("told the Courier").
_NAME_WORD = 4


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


def is_outlet(link: ChainLink, corpus_keys: frozenset[str]) -> bool:
    """Whether a chain link is an outlet: by kind, or a corpus or gazetteer outlet name."""
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
        if is_outlet(link, corpus_keys) and not same_outlet(link.name, name):
            first = ChainLink(display_outlet(link.name), "outlet")
            return MemberPath(
                member, tuple(links[:index]), first, tuple(links[index + 1 :]), outlet
            )
    return MemberPath(member, tuple(links), outlet, (), outlet)


def corpus_outlet_keys(group: ClaimGroup) -> frozenset[str]:
    """Keys of the outlets whose articles hold the group's members."""
    return frozenset(outlet_key(member_outlet(m)) for m in group.members)


def is_named_speaker(speaker: Speaker) -> bool:
    """A speaker with a name: a person, or a source whose name has a capitalised word after
    its first ("Deputy Minister Vera Lazovskaya"; not "a senior ministry official")."""
    if speaker.anonymous or speaker.kind in ("anonymous", "self"):
        return False
    if speaker.kind == "person":
        return True
    return any(w[:1].isupper() for w in speaker.canonical.split()[1:])


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


def _presumed_relay(
    path: MemberPath, targets: Mapping[str, ChainLink], *, anonymous: bool = False
) -> MemberPath:
    """Rule 1b: anonymous sources in an article that relays another outlet for the same claim
    are that outlet's sources, unless the sentence says they told the article's own outlet.
    ``anonymous`` says the path's sources are anonymous whatever the member's own speaker."""
    target = targets.get(outlet_key(path.outlet.name))
    speaker = path.member.claim.attribution.speaker
    unnamed = speaker.kind != "self" and not is_named_speaker(speaker)
    if target is None or path.is_relay or not (unnamed or anonymous):
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
    group: ClaimGroup,
    analyses: Mapping[str, ArticleAnalysis] | None = None,
    texts: Mapping[str, str] | None = None,
) -> tuple[MemberPath, ...]:
    """Every member's path (rule 1), with anonymous sources of relaying articles presumed
    relayed (rule 1b) and, given ``analyses``, sentences that relay an outlet (rule 1c) and
    the relay context of the paragraph and the article (rule 1d; paragraphs need ``texts``,
    article id -> text)."""
    keys = corpus_outlet_keys(group)
    raw = [member_path(member, keys) for member in group.members]
    targets = _relay_targets(raw)
    if analyses is not None:
        targets = {**_article_targets(group, analyses, keys), **targets}
    paths: list[MemberPath] = []
    for path in raw:
        path = _presumed_relay(path, targets)
        if analyses is not None and not path.is_relay:
            path = _sentence_relay(path.member, analyses, keys, targets) or path
            path = _continued(path, analyses, texts or {}, keys, targets)
        paths.append(path)
    return tuple(paths)


def _article_targets(
    group: ClaimGroup, analyses: Mapping[str, ArticleAnalysis], keys: frozenset[str]
) -> dict[str, ChainLink]:
    """Rule 1d: the outlet each member's article relays for most of its attributed claims
    (by the article's outlet key), so that its anonymous sources count as that outlet's."""
    outlets = {m.article_id: member_outlet(m) for m in group.members}
    found = relayed_outlets(
        analyses,
        outlets,
        lambda link, own: is_outlet(link, keys) and not same_outlet(link.name, own),
    )
    return {
        outlet_key(outlets[aid]): ChainLink(display_outlet(link.name), "outlet")
        for aid, link in found.items()
    }


def _continued(
    path: MemberPath,
    analyses: Mapping[str, ArticleAnalysis],
    texts: Mapping[str, str],
    keys: frozenset[str],
    targets: Mapping[str, ChainLink],
) -> MemberPath:
    """Rule 1d: an own-voice member continues the attribution of the sentence before it in
    its paragraph."""
    analysis = analyses.get(path.member.article_id)
    if analysis is None or not path.own_voice:
        return path
    chain = continued_chain(path.member.claim, analysis, texts.get(path.member.article_id))
    if chain is None:
        return path
    continued = member_path(path.member, keys, chain)
    if not continued.is_relay and continued.sources:
        first = continued.sources[0]
        if first.kind == "anonymous" or first.kind == "self":
            continued = _presumed_relay(continued, targets, anonymous=True)
    return continued
