"""Plain-data and one-line text forms of a per-article analysis (``newstrace claims``)."""

from __future__ import annotations

from typing import Any

from newstrace.model import Article, ArticleAnalysis, Claim


def claim_to_dict(claim: Claim) -> dict[str, Any]:
    """A claim as the JSON object ``newstrace claims --format json`` prints."""
    attribution = claim.attribution
    return {
        "id": claim.id,
        "text": claim.text,
        "sentence": claim.sentence.to_dict(),
        "content": claim.content.to_dict(),
        "source": attribution.speaker.to_dict(),
        "cue": attribution.cue.to_dict() if attribution.cue else None,
        "direct": attribution.quote == "direct",
        "quote": attribution.quote,
        "hedges": sorted(set(claim.hedges) | set(attribution.hedges)),
        "polarity": claim.polarity,
        "chain": [link.to_dict() for link in attribution.chain],
        "quantities": [q.to_dict() for q in claim.quantities],
        "dates": [d.to_dict() for d in claim.dates],
        "mentions": [m.to_dict() for m in claim.mentions],
    }


def analysis_to_dict(article: Article, analysis: ArticleAnalysis) -> dict[str, Any]:
    """One article's analysis: its identity and its claims."""
    return {
        "id": article.id,
        "outlet": article.outlet,
        "title": article.title,
        "url": article.url,
        "published": article.published,
        "language": analysis.language,
        "dates": [d.to_dict() for d in analysis.dates],
        "quantities": [q.to_dict() for q in analysis.quantities],
        "claims": [claim_to_dict(c) for c in analysis.claims],
    }


def claim_line(claim: Claim) -> str:
    """One readable line: who says what, how, through whom."""
    attribution = claim.attribution
    speaker = attribution.speaker
    who = speaker.canonical + (" (anonymous)" if speaker.anonymous else "")
    marks: list[str] = [attribution.quote]
    if claim.polarity == "negative":
        marks.append("negated")
    hedges = sorted(set(claim.hedges) | set(attribution.hedges))
    if hedges:
        marks.append("hedged: " + ", ".join(hedges))
    chain = " -> ".join(link.name for link in attribution.chain)
    via = f" via {chain}" if chain else ""
    text = " ".join(claim.text.split())
    return f"[{speaker.kind}] {who}{via} ({'; '.join(marks)}): {text}"
