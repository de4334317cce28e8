"""Relay context beyond one claim's own chain, used by :mod:`newstrace.link.provenance`.

Two habits of news writing hide a relay from a single sentence:

* **Continued attribution.** A sentence in the outlet's own voice that follows an attributed
  sentence in the same paragraph goes on reporting what that source said ("The launch is
  likely on Friday, the officials said. Crews would work in two shifts."). Such a member takes
  the chain of the nearest attributed sentence before it in its paragraph. A new paragraph
  (a line break between the sentences) ends the attribution.
* **The article's relayed outlet.** An article that takes most of its attributed claims from
  one other outlet ("the outlet reported", "according to X") also relays that outlet's
  anonymous sources where a sentence does not say so again ("the outlet quotes a senior
  official"). :func:`relayed_outlet` names that outlet when at least half of the article's
  attributed claims relay it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from functools import partial

from newstrace.analyze.keys import canonical_key
from newstrace.model import ArticleAnalysis, ChainLink, Claim, Span

#: Share of an article's attributed claims that must relay one outlet for it to be the
#: article's relayed outlet.
RELAYED_SHARE = 0.5


def continued_chain(
    claim: Claim, analysis: ArticleAnalysis, text: str | None
) -> tuple[ChainLink, ...] | None:
    """The chain an own-voice claim inherits from the attributed sentence before it in its
    paragraph, or ``None`` (not own voice, first in its paragraph, no text to find
    paragraphs in, or no attributed sentence before it)."""
    if text is None or claim.attribution.speaker.kind != "self":
        return None
    by_sentence: dict[int, list[Claim]] = {}
    for other in analysis.claims:
        by_sentence.setdefault(other.sentence.start, []).append(other)
    current: Span = claim.sentence
    for sentence in reversed([s for s in analysis.sentences if s.end <= claim.sentence.start]):
        if "\n" in text[sentence.end : current.start]:
            return None
        attributed = [
            c for c in by_sentence.get(sentence.start, []) if c.attribution.speaker.kind != "self"
        ]
        if attributed:
            return attributed[0].attribution.chain or None
        current = sentence
    return None


def relayed_outlet(
    analysis: ArticleAnalysis, outlet: str, is_other_outlet: Callable[[ChainLink], bool]
) -> ChainLink | None:
    """The outlet the article relays for most of its attributed claims (see the module
    docstring); ``is_other_outlet`` says whether a chain link is an outlet other than the
    article's own ``outlet``."""
    attributed = 0
    relayed: Counter[str] = Counter()
    links: dict[str, ChainLink] = {}
    for claim in analysis.claims:
        if claim.attribution.speaker.kind == "self":
            continue
        attributed += 1
        chain = claim.attribution.chain
        hop = next((link for link in chain[:-1] if is_other_outlet(link)), None)
        if hop is not None:
            relayed[canonical_key(hop.name)] += 1
            links.setdefault(canonical_key(hop.name), hop)
    if not relayed:
        return None
    name, count = relayed.most_common(1)[0]
    return links[name] if count >= RELAYED_SHARE * attributed else None


def _flip(check: Callable[[ChainLink, str], bool], outlet: str, link: ChainLink) -> bool:
    return check(link, outlet)


def relayed_outlets(
    analyses: Mapping[str, ArticleAnalysis],
    outlets: Mapping[str, str],
    is_other_outlet: Callable[[ChainLink, str], bool],
) -> dict[str, ChainLink]:
    """:func:`relayed_outlet` of each article (article id -> relayed outlet), where known;
    ``outlets`` maps article ids to their outlets."""
    found: dict[str, ChainLink] = {}
    for article_id, outlet in outlets.items():
        analysis = analyses.get(article_id)
        if analysis is None:
            continue
        link = relayed_outlet(analysis, outlet, partial(_flip, is_other_outlet, outlet))
        if link is not None:
            found[article_id] = link
    return found
