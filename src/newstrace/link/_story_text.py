"""A story's title and short extractive summary, chosen from its members (private)."""

from __future__ import annotations

import math
import re

from newstrace.link._story_state import Member, StoryState

_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[\"“«(\[]?[A-ZА-ЯЁ0-9])|\n+")
_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
MIN_SENTENCE_CHARS = 40
MAX_TITLE_CHARS = 140


def story_title(story: StoryState) -> str:
    """The headline of the member closest to the story's centroid (else its first line)."""
    best = _central(story)
    if best is None:
        return "(untitled)"
    title = (best.title or "").strip() or _first_line(best.evidence.lead)
    return _clip(title, MAX_TITLE_CHARS) or "(untitled)"


def story_summary(story: StoryState, sentences: int = 2) -> str:
    """The lead sentences that carry most of the story's key terms (at most ``sentences``)."""
    scored: list[tuple[float, int, str]] = []
    seen: set[str] = set()
    for rank, member in enumerate(story.exemplars):
        title = (member.title or "").strip()
        for sentence in _sentences(member.evidence.lead):
            key = sentence.lower()
            if key in seen or sentence == title or len(sentence) < MIN_SENTENCE_CHARS:
                continue
            seen.add(key)
            scored.append((-_weight(sentence, story.centroid), rank, sentence))
    scored.sort()
    chosen: list[str] = []
    for _, _, sentence in scored:
        if all(_overlap(sentence, other) < 0.5 for other in chosen):
            chosen.append(sentence)
        if len(chosen) == sentences:
            break
    return " ".join(chosen)


def _central(story: StoryState) -> Member | None:
    best: Member | None = None
    best_score = -1.0
    for member in story.exemplars:
        if member.duplicate_of is not None:
            continue
        score = sum(w * story.centroid.get(t, 0.0) for t, w in member.evidence.terms.items())
        score += 0.01 if member.title else 0.0
        if score > best_score:
            best, best_score = member, score
    return best


def _sentences(lead: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(lead) if s and s.strip()]


def _weight(sentence: str, centroid: dict[str, float]) -> float:
    words = {w.lower() for w in _WORD.findall(sentence)}
    total = sum(centroid.get(w, 0.0) for w in words)
    return total / (1.0 + math.sqrt(len(words)))


def _overlap(a: str, b: str) -> float:
    wa = {w.lower() for w in _WORD.findall(a)}
    wb = {w.lower() for w in _WORD.findall(b)}
    return len(wa & wb) / max(1, min(len(wa), len(wb)))


def _first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    return ""


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
