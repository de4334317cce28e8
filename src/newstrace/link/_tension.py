"""Tension between a claim group and a related claim that contradicts or qualifies it.

The rule (used by :func:`newstrace.link.discrepancies.find_discrepancies`):

1. *Relatedness.* Each claim is read with its sentence and the sentence before it (so "this
   demand" still carries what the demand was). Words are reduced to transliteration-blind stems
   (the first five letters of their spelling key: mobilisation = mobilization), short and
   function words dropped, and weighted by inverse document frequency over the story's
   sentences. A claim is related to a group by the weighted overlap coefficient of its stems and
   the stems of the group's members (shared weight over the smaller side's weight); it is
   compared with the groups in decreasing order of that score.
2. *Tension.* A related claim is in tension with the group when it is in the same language as a
   member and its polarity is the opposite of that member's ("the dam could fail" / "there is no
   danger of the dam failing") while the two contents themselves (not just their sentences)
   overlap by at least :data:`SAME_MATTER` with :data:`MIN_SHARED` shared stems; or when it
   carries a deferral or denial idiom against an affirmative member (``data/tension.json``:
   "pushed aside", "ruled out", "not true"...) or opens with a contrastive marker ("However,
   ...") that the member lacks, provided the claim's topic shares :data:`MIN_SHARED` stems with
   the member's content (a claim pointing back, "this demand", brings in the sentence before).
   Polarity across languages is not compared (a Russian "не выдержать" is a negated verb
   meaning "fail"). The claim is attached to the most related group
   (at least :data:`RELATED`) that it is in tension with. Relatedness is the larger of the
   window's overlap coefficient and the share of the claim's own sentence's weight that the
   group holds ("played down fears for the dam" is about the dam failing, whatever the sentence
   before it says); it is compared in steps of 0.1, and within a step the group sharing more
   weight with the claim's own sentence comes first. Stems get a light English suffix strip
   (failing = fail) before truncation to five letters; a rare three-letter word ("dam") counts.
   A claim whose content is a fragment (fewer than :data:`MIN_SHARED` stems: "the report") or
   whose sentence reports a refusal to answer ("declined to comment", ``no_comment`` in
   ``data/tension.json``) neither opposes nor is opposed. The group's own side leaves out
   members from the claim's article, and the claim's own topic leaves out who speaks.
3. Only claims of other articles count: one article that gives both sides is balance, not a
   disagreement between outlets; and neighbouring sentences of one article share words by
   construction.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from newstrace.analyze.keys import spelling_key
from newstrace.analyze.lexicon import words
from newstrace.model import ArticleAnalysis, ClaimGroup, ClaimRef, Span

#: Minimum relatedness (weighted overlap coefficient) of a claim and a group.
RELATED = 0.25
#: A contrastive opener needs this much group-level relatedness.
RELATED_CONTRAST = 0.3
#: Opposite polarity needs this much overlap of the two claims' own contents ...
SAME_MATTER = 0.5
#: ... and at least this many shared content stems.
MIN_SHARED = 2
_STEM = 5
#: Words after a negation that it governs ("no date had been set for").
NEGATION_SCOPE = 5
#: A three-letter word counts as a content word below this Zipf frequency ("dam" 3.9).
RARE_SHORT_ZIPF = 5.0
#: A demonstrative that points back to the previous sentence ("this demand", "эти планы");
#: not "that", which mostly opens a reported clause ("adding that the crack ...").
_ANAPHOR = re.compile(
    r"(?<![\w-])(?:this|these|those|such|этот|эта|это|эти|этого|этой|этих|такой|такие)"
    r"\s+[^\W\d_]{3,}",
    re.IGNORECASE,
)
#: One inflectional ending, stripped before truncation (failing = fail, moved = move).
_SUFFIX = re.compile(r"(?<=[a-z]{3})(?:ing|ed|es|s|e)$")
_WORD = re.compile(r"[^\W_]+(?:[-’'][^\W_]+)*")


@lru_cache(maxsize=1)
def _markers() -> dict[str, dict[str, tuple[str, ...]]]:
    """The deferral, contrast and no-comment idioms from ``data/tension.json``."""
    raw = resources.files("newstrace").joinpath("data", "tension.json").read_text("utf-8")
    data = json.loads(raw)
    return {
        section: {lang: tuple(v) for lang, v in data[section].items()}
        for section in ("deferral", "contrast_openers", "no_comment", "risk_denials", "risk_words")
    }


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    return frozenset(w.lower() for w in words("function_words"))


@lru_cache(maxsize=4096)
def _rare_short_word(word: str) -> bool:
    """A three-letter English word rare enough to carry meaning ("dam", "gas"; not "has")."""
    if len(word) != 3 or not word.isascii():
        return False
    from newstrace.link.zipf import zipf_frequency

    return zipf_frequency(word, "en") < RARE_SHORT_ZIPF


@lru_cache(maxsize=4096)
def stems(text: str) -> frozenset[str]:
    """Transliteration-blind stems of a text's content words."""
    found: set[str] = set()
    for word in _WORD.findall(text):
        lower = word.lower()
        if lower in _function_words() or (
            len(lower) < 4 and not lower.isdigit() and not _rare_short_word(lower)
        ):
            continue
        key = spelling_key(lower).replace(" ", "")
        if key:
            found.add(_SUFFIX.sub("", key)[:_STEM] if len(key) > _STEM - 1 else key)
    return frozenset(found)


@lru_cache(maxsize=65_536)
def has_deferral(text: str, language: str) -> str | None:
    """The deferral or denial idiom in ``text``, if any."""
    lower = text.lower()
    for marker in _markers()["deferral"].get(language, ()):
        if re.search(rf"(?<!\w){re.escape(marker)}", lower):
            return marker
    return None


def _has_marker(section: str, text: str, language: str) -> bool:
    return _marker_regex(section, language).search(text.lower()) is not None


@lru_cache(maxsize=64)
def _marker_regex(section: str, language: str) -> re.Pattern[str]:
    """One alternation of a section's markers, each starting at a word boundary."""
    markers = sorted(_markers()[section].get(language, ()), key=len, reverse=True)
    body = "|".join(re.escape(m) for m in markers) or r"(?!x)x"
    return re.compile(rf"(?<!\w)(?:{body})")


def denies_risk_of(claim: ClaimRef, member: ClaimRef, language: str) -> bool:
    """Whether ``claim`` denies a danger ("posed no threat to the dam") that ``member``
    asserts ("engineers fear the dam could fail"): ``risk_denials`` against ``risk_words``."""
    return _has_marker("risk_denials", claim.claim.text, language) and _has_marker(
        "risk_words", member.claim.text, language
    )


@lru_cache(maxsize=16_384)
def negated_stems(text: str, language: str) -> frozenset[str]:
    """Stems of the :data:`NEGATION_SCOPE` words after each negation ("no date had been set
    for" -> date, set): what a negative claim denies."""
    negations = {w.lower() for w in words("negations", language)}
    tokens = _WORD.findall(text)
    found: set[str] = set()
    for index, token in enumerate(tokens):
        lower = token.lower()
        if lower in negations or lower.endswith(("n't", "n’t")):
            found |= stems(" ".join(tokens[index + 1 : index + 1 + NEGATION_SCOPE]))
    return frozenset(found)


def opposes(negative: ClaimRef, positive: ClaimRef, language: str) -> bool:
    """Whether a negative claim denies something the positive one says: the words its
    negation governs share a stem with the positive claim's content ("no danger of the dam
    failing" / "the dam could fail"; not "no date had been set" / "evacuate the district")."""
    return bool(negated_stems(negative.claim.text, language) & stems(positive.claim.text))


@lru_cache(maxsize=16)
def _no_comment_regex(language: str) -> re.Pattern[str] | None:
    markers = _markers()["no_comment"].get(language, ())
    if not markers:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(m) for m in markers) + ")")


@lru_cache(maxsize=65_536)
def is_no_comment(text: str, language: str) -> bool:
    """Whether ``text`` reports a refusal or failure to answer ("declined to comment")."""
    regex = _no_comment_regex(language)
    return regex is not None and regex.search(text.lower()) is not None


@lru_cache(maxsize=65_536)
def opens_with_contrast(sentence: str, language: str) -> str | None:
    """The contrastive opener a sentence starts with ("However, ..."), if any."""
    lower = sentence.lstrip(" \"“«'‘").lower()
    for marker in _markers()["contrast_openers"].get(language, ()):
        if re.match(rf"{re.escape(marker)}(?!\w)", lower):
            return marker
    return None


@dataclass(frozen=True, slots=True)
class Context:
    """What relatedness needs of one story: each claim's window and the stems' weights."""

    windows: Mapping[str, frozenset[str]]
    weights: Mapping[str, float]
    languages: Mapping[str, str]
    memo: dict[frozenset[str], float] = field(default_factory=dict, compare=False, repr=False)

    def weight(self, bag: frozenset[str]) -> float:
        """Sum of IDF weights of a bag of stems (remembered per bag: the same member and
        window bags are weighed against every claim of the story)."""
        found = self.memo.get(bag)
        if found is None:
            found = self.memo[bag] = sum(self.weights.get(s, 0.0) for s in bag)
        return found


def _previous(sentences: Sequence[Span], sentence: Span) -> Span | None:
    before = [s for s in sentences if s.end <= sentence.start]
    return before[-1] if before else None


def build_context(items: Sequence[tuple[str, ArticleAnalysis]]) -> Context:
    """Windows (claim sentence plus the sentence before) and IDF weights for a story.

    ``items`` pairs each article's language with its analysis.
    """
    windows: dict[str, frozenset[str]] = {}
    languages: dict[str, str] = {}
    frequency: Counter[str] = Counter()
    documents = 0
    for language, analysis in items:
        for sentence in analysis.sentences:
            frequency.update(stems(sentence.text))
            documents += 1
        for claim in analysis.claims:
            previous = _previous(analysis.sentences, claim.sentence)
            window = stems(claim.sentence.text)
            if previous is not None:
                window |= stems(previous.text)
            windows[claim.id] = window
            languages[claim.id] = language
    total = max(documents, 1)
    weights = {s: math.log(1 + total / n) for s, n in frequency.items()}
    return Context(windows, weights, languages)


def group_bag(group: ClaimGroup, *, without: str | None = None) -> frozenset[str]:
    """Stems of the sentences of a group's members (leaving out article ``without``: a claim's
    own neighbours share its words by construction)."""
    bag: frozenset[str] = frozenset()
    for member in group.members:
        if member.article_id != without:
            bag |= stems(member.claim.sentence.text)
    return bag


def relatedness(context: Context, claim_id: str, bag_of_group: frozenset[str]) -> float:
    """Weighted overlap coefficient of a claim's window and a group's stems."""
    bag = context.windows.get(claim_id, frozenset())
    group_bag = bag_of_group
    smaller = min(context.weight(bag), context.weight(group_bag))
    if smaller <= 0:
        return 0.0
    return context.weight(bag & group_bag) / smaller


@dataclass(frozen=True, slots=True)
class Tension:
    """A claim that pushes back on a group, the member it opposes, and why."""

    group: ClaimGroup
    claim: ClaimRef
    opposed: ClaimRef
    reason: str
    score: float


def content_overlap(context: Context, claim: ClaimRef, member: ClaimRef) -> tuple[float, int]:
    """Weighted overlap coefficient of two claims' contents, and how many stems they share."""
    a, b = stems(claim.claim.text), stems(member.claim.text)
    smaller = min(context.weight(a), context.weight(b))
    if smaller <= 0:
        return 0.0, 0
    return context.weight(a & b) / smaller, len(a & b)


def says_something(ref: ClaimRef, language: str) -> bool:
    """A claim that can oppose or be opposed: its content has at least :data:`MIN_SHARED`
    content stems (not a fragment such as "the report") and it is not a refusal to answer."""
    return len(stems(ref.claim.text)) >= MIN_SHARED and not is_no_comment(
        ref.claim.sentence.text, language
    )


def same_matter(a: ClaimRef, b: ClaimRef) -> bool:
    """Whether two claims' own contents share at least :data:`MIN_SHARED` stems making up at
    least :data:`SAME_MATTER` of the smaller one (unweighted: no story context needed)."""
    first, second = stems(a.claim.text), stems(b.claim.text)
    shared = len(first & second)
    return shared >= MIN_SHARED and shared >= SAME_MATTER * min(len(first), len(second))


def _reason(
    claim: ClaimRef, member: ClaimRef, context: Context, topic: frozenset[str] | None = None
) -> str | None:
    """Why ``claim`` pushes back on ``member``, or ``None`` (rule 2). ``topic`` is the claim's
    :func:`claim_topic`, when the caller has it already."""
    language = context.languages.get(claim.claim_id, "en")
    if context.languages.get(member.claim_id, "en") != language:
        return None
    if not (says_something(claim, language) and says_something(member, language)):
        return None
    if claim.claim.polarity != member.claim.polarity:
        overlap, shared = content_overlap(context, claim, member)
        negative, positive = (
            (claim, member) if claim.claim.polarity == "negative" else (member, claim)
        )
        if (
            overlap >= SAME_MATTER
            and shared >= MIN_SHARED
            and opposes(negative, positive, language)
        ):
            return "contradicts it (opposite polarity)"
    if member.claim.polarity == "negative" or not _on_topic(claim, member, context, topic):
        return None
    marker = has_deferral(_marker_text(claim), language)
    if marker and not has_deferral(_marker_text(member), language):
        return f"qualifies it ({marker!r})"
    opener = opens_with_contrast(claim.claim.sentence.text, language)
    if opener and not opens_with_contrast(member.claim.sentence.text, language):
        return f"contrasts with it ({opener!r})"
    return None


def _marker_text(ref: ClaimRef) -> str:
    """Where a claim's pushing-back idiom must sit: its own content, unless that is a fragment
    (then its sentence). A sentence of two claims ("confirmed the crack, but said it posed no
    threat") gives the idiom to the clause that holds it."""
    return ref.claim.text if len(stems(ref.claim.text)) >= MIN_SHARED else ref.claim.sentence.text


def _on_topic(
    claim: ClaimRef, member: ClaimRef, context: Context, topic: frozenset[str] | None = None
) -> bool:
    """Whether a pushing-back claim speaks of the member's matter: its topic shares at least
    :data:`MIN_SHARED` stems with the member's content ("no danger of the dam failing" does
    not qualify "water is being released through the sluices"). A claim that points back
    ("this demand", "such plans") brings in the sentence before it."""
    language = context.languages.get(claim.claim_id, "en")
    if topic is None:
        topic = claim_topic(claim, context)
    shared = len(topic & stems(member.claim.text))
    if shared and denies_risk_of(claim, member, language):
        shared += 1  # the danger itself is the other shared matter
    return shared >= MIN_SHARED


def claim_topic(claim: ClaimRef, context: Context) -> frozenset[str]:
    """The stems :func:`_on_topic` compares with a member's content: the claim's
    :func:`_topic`, plus its window when it points back ("this demand")."""
    topic = _topic(claim, context.languages.get(claim.claim_id, "en"))
    if _ANAPHOR.search(claim.claim.sentence.text):
        topic |= context.windows.get(claim.claim_id, frozenset())
    return topic


def _topic(claim: ClaimRef, language: str) -> frozenset[str]:
    """Stems of what a claim is about (its content, or its sentence when the content is a
    fragment): not who says it (speaker, people named), nor the pushing-back idiom itself."""
    who = {claim.claim.attribution.speaker.canonical}
    who.update(m.span.text for m in claim.claim.mentions if m.kind == "person")
    names = frozenset().union(*(stems(name) for name in who))
    topic: frozenset[str] = frozenset()
    for text in (claim.claim.text, claim.claim.sentence.text):
        marker = has_deferral(text, language)
        if marker:
            text = re.sub(re.escape(marker), " ", text, flags=re.IGNORECASE)
        topic = stems(text) - names
        if len(topic) >= MIN_SHARED:
            break
    return topic


@dataclass(frozen=True, slots=True)
class _Member:
    """One member of a group as the ranking sees it."""

    article_id: str
    polarity: str
    language: str
    content: frozenset[str]
    speaks: bool  # :func:`says_something`


@dataclass(frozen=True, slots=True)
class _GroupFacts:
    """What the ranking asks of one group, found once per story."""

    articles: frozenset[str]
    members: tuple[_Member, ...]


def _group_facts(group: ClaimGroup, context: Context) -> _GroupFacts:
    members = []
    for m in group.members:
        language = context.languages.get(m.claim_id, "en")
        content = stems(m.claim.text)
        speaks = says_something(m, language)
        members.append(_Member(m.article_id, m.claim.polarity, language, content, speaks))
    return _GroupFacts(frozenset(m.article_id for m in group.members), tuple(members))


@dataclass
class _Story:
    """One story's groups with their facts, and what is remembered across its claims."""

    groups: Sequence[ClaimGroup]
    context: Context
    facts: list[_GroupFacts] = field(init=False)
    owner: dict[str, str] = field(init=False)
    bags: dict[tuple[str, str], frozenset[str]] = field(default_factory=dict)
    speakers: dict[str, list[tuple[int, _Member]]] = field(init=False)

    def __post_init__(self) -> None:
        self.facts = [_group_facts(g, self.context) for g in self.groups]
        self.owner = {m.claim_id: g.id for g in self.groups for m in g.members}
        self.speakers = {}
        for index, fact in enumerate(self.facts):
            for member in fact.members:
                if member.speaks:
                    for stem in member.content:
                        self.speakers.setdefault(stem, []).append((index, member))

    def contradictable(self, claim: ClaimRef, content: frozenset[str], language: str) -> set[int]:
        """The groups holding a member a claim without an idiom could contradict: another
        article's, same language, opposite polarity, saying something, sharing at least
        :data:`MIN_SHARED` content stems with the claim (``content``)."""
        hits: Counter[tuple[int, int]] = Counter()
        for stem in content:
            for index, member in self.speakers.get(stem, ()):
                if (
                    member.article_id != claim.article_id
                    and member.polarity != claim.claim.polarity
                    and member.language == language
                ):
                    hits[index, id(member)] += 1
        return {index for (index, _), count in hits.items() if count >= MIN_SHARED}

    def bag(self, index: int, article_id: str) -> frozenset[str]:
        """The group's :func:`group_bag` without ``article_id`` (built once)."""
        group = self.groups[index]
        found = self.bags.get((group.id, article_id))
        if found is None:
            found = self.bags[group.id, article_id] = group_bag(group, without=article_id)
        return found


def find_tensions(
    groups: Sequence[ClaimGroup], claims: Sequence[ClaimRef], context: Context
) -> tuple[Tension, ...]:
    """Each claim's tension with the most related group it pushes back on (rules 1 to 3).

    A claim without a pushing-back idiom is first ranked only against the groups that hold a
    member it could contradict (opposite polarity, :data:`MIN_SHARED` shared content stems).
    The other groups give no reason; they matter only when one of them, too weakly related,
    would rank before the group found and end the search: that can only happen when the
    group found rounds to the lowest related step, and then every group is ranked.
    """
    story = _Story(groups, context)
    found: list[Tension] = []
    for claim in claims:
        language = context.languages.get(claim.claim_id, "en")
        if not says_something(claim, language):
            continue  # a fragment or a refusal to answer opposes nothing (see _reason)
        marked = _has_idiom(claim, language)
        tension = _claim_tension(claim, story, "all" if marked else "contradicting")
        if tension is not None and not marked and round(tension.score, 1) <= round(RELATED, 1):
            tension = _claim_tension(claim, story, "opposite")
        if tension is not None:
            found.append(tension)
    return tuple(found)


def _claim_tension(claim: ClaimRef, story: _Story, keep: str) -> Tension | None:
    """Rank the groups ``keep`` admits ("all"; "opposite": with a member of opposite
    polarity; "contradicting": one the claim could contradict) and find the first tension."""
    context = story.context
    language = context.languages.get(claim.claim_id, "en")
    own = _topic(claim, language)
    own_weight = max(context.weight(own), 1e-9)
    alone = {claim.article_id}
    admitted = (
        story.contradictable(claim, stems(claim.claim.text), language)
        if keep == "contradicting"
        else None
    )
    scored: list[tuple[float, float, float, int]] = []
    for index, (g, fact) in enumerate(zip(story.groups, story.facts, strict=True)):
        if g.id == story.owner.get(claim.claim_id) or fact.articles <= alone:
            continue
        if keep == "opposite" and not _opposite_member(claim, fact, language):
            continue  # no reason can be found in this group: ranking it changes nothing
        if admitted is not None and index not in admitted:
            continue
        bag = story.bag(index, claim.article_id)
        shared = context.weight(own & bag)
        base = max(relatedness(context, claim.claim_id, bag), shared / own_weight)
        score = max(base, _closest_member(context, own, fact, claim.article_id))
        scored.append((score, shared, base, index))
    scored.sort(key=lambda item: (round(item[0], 1), item[1]), reverse=True)
    ranked = [(sc, base, story.groups[i]) for sc, _, base, i in scored]
    return _first_tension(claim, ranked, context)


def _has_idiom(claim: ClaimRef, language: str) -> bool:
    """Whether a claim carries a pushing-back idiom (a deferral or denial, or a contrastive
    opener): without one, only a member of opposite polarity can give :func:`_reason`."""
    return bool(
        has_deferral(_marker_text(claim), language)
        or opens_with_contrast(claim.claim.sentence.text, language)
    )


def _opposite_member(claim: ClaimRef, fact: _GroupFacts, language: str) -> bool:
    """Whether a group has a member from another article, in the claim's language, of the
    opposite polarity (the only way :func:`_reason` finds a reason without an idiom)."""
    return any(
        m.article_id != claim.article_id
        and m.polarity != claim.claim.polarity
        and m.language == language
        for m in fact.members
    )


def _closest_member(
    context: Context, topic: frozenset[str], fact: _GroupFacts, without: str
) -> float:
    """The best weighted overlap coefficient of a claim's topic and one member's content
    (members of the claim's own article left out): a short denial is related to the one
    member it answers even when the group's other sentences dilute the group's bag."""
    best = 0.0
    topic_weight = context.weight(topic)
    for member in fact.members:
        if member.article_id == without:
            continue
        bag = member.content
        smaller = min(topic_weight, context.weight(bag))
        if smaller > 0 and not topic.isdisjoint(bag):
            best = max(best, context.weight(topic & bag) / smaller)
    return best


def _first_tension(
    claim: ClaimRef, scored: Sequence[tuple[float, float, ClaimGroup]], context: Context
) -> Tension | None:
    """The first group (by relatedness) the claim pushes back on. A bare contrastive opener
    ("However, ...") is weak evidence: it needs the group-level relatedness (``base``) of at
    least :data:`RELATED_CONTRAST`, not only one close member."""
    if not scored or scored[0][0] < RELATED:
        return None
    topic = claim_topic(claim, context)
    for score, base, group in scored:
        if score < RELATED:
            return None
        for member in group.members:
            if member.article_id == claim.article_id:
                continue
            reason = _reason(claim, member, context, topic)
            if reason is None or (reason.startswith("contrasts") and base < RELATED_CONTRAST):
                continue
            return Tension(group, claim, member, reason, score)
    return None
