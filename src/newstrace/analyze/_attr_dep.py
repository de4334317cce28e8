"""Attribution extraction over a spaCy dependency parse (English at full quality).

1. Every plausible token is scored as a cue head by the learned model (``_attr_model``).
2. The cue span is the head plus the words annotators usually put in a cue (auxiliaries,
   negation, particles, "also", "on Friday", "in a statement", "accused X of"), decided child
   by child by a learned model (``_attr_extent``), or, for a language without one, by rates
   learned from PolNeAR train and stored in the language file (``cue_children``, ``cue_preps``).
3. The source is the subject's subtree (or the agent of a passive, the object of "according
   to", the possessor of a nominal cue, or the subject inherited from a governing verb or
   through a preposition, "by saying"). A passive with no agent has none: its subject belongs
   to the content ("X is expected to ..."), as PolNeAR annotates it.
4. The content is the clausal complement; else a subjectless participle's own object
   ("..., citing X"); else, when the cue clause is a parenthetical ("..., he said"), the
   governing clause without it; else an infinitive or object complement with what it says of
   the object ("called him a genius").
5. Each token belongs to at most one attribution (PolNeAR is univocal): cues are taken by
   decreasing score and a cue inside an attribution already taken is left out; a speech cue
   inside a taken content is kept as a nested attribution of it (``_attr_finish``).
6. Where the parse yields nothing, the surface rule "CONTENT, SOURCE CUE." of ``_attr_rules``
   fills in (a frequent misparse of "..., the outlet X reported Friday").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Any

from newstrace.analyze._attr_extent import cue_extent, load_extent_weights
from newstrace.analyze._attr_finish import finish
from newstrace.analyze._attr_lexicon import LanguageData
from newstrace.analyze._attr_model import (
    cue_features,
    is_candidate,
    load_cue_model,
)
from newstrace.analyze._attr_quotes import QuoteRegion, neighbours, quote_regions, region_at
from newstrace.analyze._attr_spans import Coverage, Draft, Range, sentence_of
from newstrace.analyze.attribution import RawAttribution
from newstrace.model import Span

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")

_CUE_CHILDREN = frozenset({"aux", "auxpass", "neg", "prt"})
_NEVER_IN_CUE = frozenset({"nsubj", "nsubjpass", "ccomp", "punct", "mark", "cc", "conj"})
#: rule patterns trusted where the parse found nothing ("..., the outlet X reported Friday.")
_FALLBACK_PATTERNS = frozenset({"trailing"})
_ASIDES = frozenset({"like", "including", "unlike", "besides", "among"})
_SUBJECTS = ("nsubj", "nsubjpass", "csubj")
_INHERIT = frozenset({"xcomp", "conj", "advcl", "pcomp"})
_INVERTED = frozenset({"parataxis", "ccomp", "advcl", "conj", "ROOT"})
_OPEN_PUNCT = frozenset({",", "—", "–", "-", '"', "”", "“", "'", "’", ":", "("})


def find_with_parse(
    text: str, doc: Any, sentences: tuple[Span, ...], lang: LanguageData
) -> list[RawAttribution]:
    """Attributions read off a parsed ``doc`` of ``text``."""
    model = load_cue_model(lang.code)
    words: dict[str, float] | None = lang.extra.get("cue_word_rates")
    speech = frozenset(lang.extra.get("nested_cue_lemmas", ()))
    scored: list[tuple[float, Any]] = []
    for token in doc:
        if not is_candidate(token):
            continue
        lemma = token.lemma_.lower()
        if model is not None:
            features = cue_features(token, lang.cue_lemmas, words)
            score = model.score(features) - model.threshold
        else:
            score = lang.cue_lemmas.get(lemma, 0.0) - lang.cue_threshold
        if score > 0 or (lemma in speech and token.pos_ == "VERB"):
            # a speech verb below the threshold (a clause under another cue, which PolNeAR
            # does not annotate) may still be a nested attribution
            scored.append((score, token))
    scored.sort(key=lambda item: (-item[0], item[1].i))
    drafts: list[Draft] = []
    inner: list[Draft] = []
    taken = Coverage()
    regions = quote_regions(text, lang.quote_pairs)
    starts = [s.start for s in sentences]
    paragraphs = Paragraphs.of(text)
    for score, token in scored:
        draft = _build(token, text, lang, starts, regions, paragraphs)
        if draft is None:
            continue
        draft.score = score
        if score <= 0 or taken.overlaps(*draft.cue):
            if _speaks(token):  # univocal reading drops it; it may be a nested speech act
                inner.append(draft)
            continue
        drafts.append(draft)
        for start, end in [draft.cue, *draft.content] + ([draft.source] if draft.source else []):
            taken.add(start, end)
    drafts, replaced = _with_report_clauses(text, sentences, lang, drafts)
    drafts += _rule_fallback(text, sentences, lang, drafts)
    return finish(text, drafts, sentences, lang, nested=inner + replaced)


def _speaks(token: Any) -> bool:
    """Whether a cue head has a speaker of its own: an active subject ("X said"), or the
    object of "according to" (not a passive "X was said to", nor a subject it inherits)."""
    if token.lemma_.lower() == "accord":
        return True
    return any(child.dep_ == "nsubj" for child in token.children)


def _with_report_clauses(
    text: str, sentences: tuple[Span, ...], lang: LanguageData, drafts: list[Draft]
) -> tuple[list[Draft], list[Draft]]:
    """A sentence closed by a report clause ("CONTENT, the outlet X reported Friday, citing
    officials.") is one attribution: the parse draft of that cue is kept when it agrees with the
    surface reading (same cue and source), else the surface draft takes its place. Drafts that
    contradict it are dropped: a cue inside CONTENT with its source there too (an intention
    verb, "Russia is planning"), or a cue after it whose source or content lies in CONTENT.
    Returns the drafts and the dropped ones inside CONTENT (candidates for nesting)."""
    from newstrace.analyze._attr_rules import report_drafts

    replaced: list[Draft] = []
    for report in report_drafts(text, sentences, lang):
        content_end = report.content[0][1]
        sentence = sentences[report.sentence_index]
        inside = [d for d in drafts if sentence.start <= d.cue[0] < sentence.end]
        agreeing = [d for d in inside if _same_report(d, report)]
        kept = agreeing[0] if agreeing else report
        wrong = [d for d in inside if d is kept or _contradicts(d, report, content_end)]
        replaced += [d for d in wrong if d is not kept and d.cue[1] <= content_end]
        drafts = [d for d in drafts if not any(d is w for w in wrong)] + [kept]
    return drafts, replaced


def _contradicts(draft: Draft, report: Draft, content_end: int) -> bool:
    """Whether a draft in a report-clause sentence reads it differently from the report."""
    if draft.cue[0] < content_end:
        return draft.source is None or draft.source[0] < content_end
    if draft.cue[0] >= report.cue[1]:
        source_before = draft.source is not None and draft.source[0] < content_end
        # "..., X reported, citing Y": the report's source again, an elaboration of it
        same_source = draft.source is not None and draft.source == report.source
        content_before = any(start < content_end for start, _ in draft.content)
        return source_before or same_source or content_before
    return True


def _same_report(draft: Draft, report: Draft) -> bool:
    """Whether a parse draft has the report's cue verb and source and a content inside its own."""
    if draft.source is None or report.source is None or not draft.content:
        return False
    cue_ok = draft.cue[0] <= report.cue[1] and report.cue[0] <= draft.cue[1]
    source_ok = draft.source[0] < report.source[1] and report.source[0] < draft.source[1]
    content_end = report.content[0][1]
    return cue_ok and source_ok and all(end <= content_end for _, end in draft.content)


def _rule_fallback(
    text: str, sentences: tuple[Span, ...], lang: LanguageData, drafts: list[Draft]
) -> list[Draft]:
    """Surface-pattern attributions where the parse found nothing (a misparsed sentence)."""
    from newstrace.analyze._attr_rules import rule_drafts

    used = Coverage()
    for draft in drafts:
        for start, end in [draft.cue, *draft.content] + ([draft.source] if draft.source else []):
            used.add(start, end)
    extra: list[Draft] = []
    for draft in rule_drafts(text, sentences, lang):
        if draft.pattern not in _FALLBACK_PATTERNS:
            continue
        if draft.source is None or used.overlaps(*draft.cue):
            continue
        extra.append(draft)
    return extra


def _build(
    token: Any,
    text: str,
    lang: LanguageData,
    starts: list[int],
    regions: tuple[QuoteRegion, ...] = (),
    paragraphs: Paragraphs | None = None,
) -> Draft | None:
    cue_tokens = _cue_tokens(token, lang)
    cue_ids = {t.i for t in cue_tokens}
    cue = (min(t.idx for t in cue_tokens), max(t.idx + len(t) for t in cue_tokens))
    source_tokens = _source_tokens(token, cue_ids, regions)
    source_ids = {t.i for t in source_tokens}
    source = _token_range(source_tokens) if source_tokens else None
    if source is not None:
        source = _outside_quotes(token.doc, source, cue, regions)
    content = _content_ranges(token, cue_ids | source_ids)
    if paragraphs is not None:  # the parser may run a headline into the next paragraph
        content = paragraphs.clip(content, cue, regions)
        if source is not None:
            source = _source_in_paragraph(token.doc, source, cue, paragraphs.start_of(cue[0]))
    if not content:
        content = _adjacent_quote(text, [cue] + ([source] if source else []), regions)
    if not content:
        return None
    return Draft(cue, source, content, sentence_of(starts, cue[0]))


@dataclass(frozen=True, slots=True)
class Paragraphs:
    """Where each paragraph of a text starts and ends (a blank line separates them)."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]

    @classmethod
    def of(cls, text: str) -> Paragraphs:
        """The paragraphs of ``text``, found once."""
        breaks = list(_PARAGRAPH_BREAK.finditer(text))
        return cls((0, *(m.end() for m in breaks)), (*(m.start() for m in breaks), len(text)))

    def start_of(self, offset: int) -> int:
        """Where the paragraph holding ``offset`` starts."""
        return self.starts[bisect_right(self.starts, offset) - 1]

    def clip(
        self, content: list[Range], cue: Range, regions: tuple[QuoteRegion, ...]
    ) -> list[Range]:
        """Content ranges cut to the cue's paragraph, widened to the paragraphs a quotation
        crossing its breaks runs into (a quote running over several paragraphs)."""
        index = bisect_right(self.starts, cue[0]) - 1
        low, high = self._reach(index, regions)
        clipped = [(max(start, low), min(end, high)) for start, end in content]
        return [(start, end) for start, end in clipped if start < end]

    def _reach(self, index: int, regions: tuple[QuoteRegion, ...]) -> Range:
        """The start and end of paragraph ``index``, each moved out to the paragraph where a
        quotation holding it begins or ends."""
        low, high = self.starts[index], self.ends[index]
        while (region := region_at(regions, low)) is not None and region.start < low:
            low = self.starts[bisect_right(self.starts, region.start) - 1]
        while (region := region_at(regions, high)) is not None and region.end > high:
            reached = self.ends[bisect_right(self.starts, region.end - 1) - 1]
            if reached <= high:
                break
            high = reached
        return low, high


def _cue_tokens(token: Any, lang: LanguageData) -> list[Any]:
    """The cue head plus the words annotators usually include: by the learned extent model
    when the language ships one, else by learned per-child rates."""
    weights = load_extent_weights(lang.code)
    if weights is not None:
        words: dict[str, float] = lang.extra.get("cue_word_rates", {})
        return cue_extent(token, weights, lang.cue_lemmas, words)
    rates: dict[str, float] = lang.extra.get("cue_children", {})
    preps = lang.extra.get("cue_preps", {}).get(token.lemma_.lower(), [])
    chosen = {token.i: token}
    for child in token.children:
        if abs(child.i - token.i) > 4 or child.dep_ in _NEVER_IN_CUE:
            continue
        side = "L" if child.i < token.i else "R"
        rate = _first_rate(
            rates,
            f"{token.lemma_.lower()}|{child.dep_}|{child.lower_}|{side}",
            f"{child.dep_}|{child.lower_}|{side}",
            f"{child.dep_}|*|{side}",
        )
        if _is_as_saying(child, lang):
            chosen.update({t.i: t for t in (child, *child.children) if t.dep_ != "punct"})
            continue
        if (
            child.dep_ in _CUE_CHILDREN
            or rate > 0.5
            or (child.dep_ == "prep" and child.lower_ in preps and side == "R")
        ):
            whole = rates.get(f"sub|{child.dep_}|{child.lower_}")
            if whole is None:
                whole = rates.get(f"sub|{child.dep_}|*", 0.0)
            for t in child.subtree if whole > 0.5 else [child]:
                chosen[t.i] = t
    return _contiguous(token, chosen)


def _first_rate(rates: dict[str, float], *keys: str) -> float:
    """The rate of the most specific key that was learned (0 when none was)."""
    for key in keys:
        if key in rates:
            return rates[key]
    return 0.0


def _is_as_saying(child: Any, lang: LanguageData) -> bool:
    """``quoted as saying``: a preposition whose object is itself a speech verb."""
    if child.dep_ != "prep" or child.lower_ != "as":
        return False
    verbs = [g for g in child.children if g.dep_ in ("pcomp", "pobj") and g.pos_ == "VERB"]
    return any(lang.cue_lemmas.get(g.lemma_.lower(), 0.0) >= 0.3 for g in verbs)


def _contiguous(token: Any, chosen: dict[int, Any]) -> list[Any]:
    """The chosen tokens that form an unbroken run around the head."""
    lo = hi = token.i
    while lo - 1 in chosen:
        lo -= 1
    while hi + 1 in chosen:
        hi += 1
    return [chosen[i] for i in range(lo, hi + 1)]


def _source_tokens(
    token: Any, exclude: set[int], regions: tuple[QuoteRegion, ...] = ()
) -> list[Any]:
    """The source noun phrase of a cue head, if the parse shows one."""
    if _agentless_passive(token):
        return []  # "X was criticized for ...": X is part of what is attributed
    head = token
    for _ in range(3):
        subject = _subject_of(head, regions)
        if subject is not None:
            return _noun_phrase(subject, exclude)
        if head.dep_ == "pcomp" and head.head.dep_ == "prep":
            head = head.head.head  # "..., by saying that", "despite admitting that"
        elif head.dep_ in _INHERIT and head.head is not head:
            head = head.head
        else:
            break
    if token.dep_ in ("acl", "relcl"):
        noun = token.head
        return [t for t in _noun_phrase(noun, exclude) if t.i < token.i]
    return []


def _agentless_passive(token: Any) -> bool:
    """Whether a cue head is a passive verb with a subject and no "by" agent ("X is expected
    to", "X was accused of"): PolNeAR leaves such attributions without a source and puts the
    passive subject in the content."""
    deps = {child.dep_ for child in token.children}
    if "agent" in deps or any(_is_verb_prep(child) for child in token.children):
        return False  # "X was quoted as saying": X is the speaker
    if "nsubjpass" in deps:
        return True
    # a bare past participle opening or closing a clause ("Asked about X, Y said", "a paper
    # titled X"): its subject or the noun it modifies is what the act was done to
    perfect = any(c.dep_ == "aux" for c in token.children)
    return token.tag_ == "VBN" and token.dep_ in ("advcl", "acl") and not perfect


def _is_verb_prep(child: Any) -> bool:
    """``as`` with a verb for object ("quoted as saying")."""
    return (
        child.dep_ == "prep"
        and child.lower_ == "as"
        and any(g.dep_ in ("pcomp", "pobj") and g.pos_ == "VERB" for g in child.children)
    )


def _noun_phrase(head: Any, exclude: set[int]) -> list[Any]:
    """The subtree of ``head`` without relative clauses and asides, in one line of text."""
    cut: set[int] = set(exclude)
    for child in head.children:
        if child.dep_ == "relcl" or (child.dep_ == "prep" and child.lower_ in _ASIDES):
            cut |= {t.i for t in child.subtree}
    chosen = {t.i: t for t in head.subtree if t.i not in cut}
    if head.i not in chosen:
        return []  # the subject is part of the cue: a misparse, no source
    lo = hi = head.i
    while lo - 1 in chosen and "\n" not in chosen[lo - 1].text:
        lo -= 1
    while hi + 1 in chosen and "\n" not in chosen[hi + 1].text:
        hi += 1
    tokens = [chosen[i] for i in range(lo, hi + 1)]
    while tokens and (tokens[-1].is_punct or tokens[-1].dep_ == "cc"):
        tokens.pop()
    while tokens and (tokens[0].is_punct or tokens[0].is_space):
        tokens.pop(0)
    return tokens or [head]


def _subject_of(head: Any, regions: tuple[QuoteRegion, ...] = ()) -> Any | None:
    """The subject (or agent, or object of "according to") of a cue head.

    Of several subjects the parser proposes, one outside quotation marks is preferred: a
    quoted phrase before "said X" is often misread as the subject.
    """
    lemma = head.lemma_.lower()
    for child in head.children:
        if lemma == "accord" and child.dep_ == "prep":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
        if child.dep_ == "agent":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    subjects = [
        child
        for child in head.children
        if child.dep_ in _SUBJECTS or (head.pos_ == "NOUN" and child.dep_ == "poss")
    ]
    unquoted = [c for c in subjects if region_at(regions, c.idx) is None]
    return (unquoted or subjects or [None])[0]


def _content_ranges(token: Any, exclude: set[int]) -> list[Range]:
    """Character ranges of the content of a cue head (minus cue and source tokens)."""
    lemma = token.lemma_.lower()
    if lemma == "accord" or token.text == ":":
        picked = _governing_clause(token) if lemma == "accord" else _after_colon(token)
    else:
        picked = _complement(token)
    tokens = [t for t in picked if t.i not in exclude and not t.is_space]
    return _ranges(tokens)


def _complement(token: Any) -> list[Any]:
    picked = _complement_proper(token)
    if picked and _agentless_passive(token):
        picked += [t for c in token.children if c.dep_ == "nsubjpass" for t in c.subtree]
    return picked


def _complement_proper(token: Any) -> list[Any]:
    clauses = [c for c in token.children if c.dep_ == "ccomp"]
    if clauses:
        return [t for c in clauses for t in c.subtree]
    deps = {c.dep_ for c in token.children}
    if "agent" in deps and "nsubjpass" in deps:
        return [t for c in token.children if c.dep_ == "nsubjpass" for t in c.subtree]
    objects = _objects(token)
    if objects and not any(c.dep_ in _SUBJECTS for c in token.children):
        return objects  # "..., citing X", "..., promising to X": the verb's own object
    if token.dep_ in _INVERTED and token.head is not token and _is_parenthetical(token):
        inner = {t.i for t in token.subtree}
        return [t for t in token.head.subtree if t.i not in inner]
    if objects:
        return objects
    for child in token.children:
        if child.dep_ == "prep" and child.i > token.i:
            objects = [g for g in child.children if g.dep_ in ("pobj", "pcomp")]
            if objects:
                return [t for g in objects for t in g.subtree]
    return []


def _objects(token: Any) -> list[Any]:
    """The subtree of the first kind of object complement a cue head has (infinitive, direct
    object, attribute, object predicate), empty when it has none."""
    for dep in ("xcomp", "dobj", "attr", "oprd"):
        found = [c for c in token.children if c.dep_ == dep]
        if dep == "dobj" and found:
            found += _predicates(token, found[-1].i)
        if found:
            return [t for c in found for t in c.subtree]
    return []


def _predicates(token: Any, after: int) -> list[Any]:
    """What a verb says of its object ("called him a genius", "described it as toothless",
    "accused her of lying"): object predicates and prepositional phrases after the object."""
    return [c for c in token.children if c.i > after and _predicative(c)]


def _predicative(child: Any) -> bool:
    """An object predicate, or a preposition right after the object ("as a genius", "of
    lying", "on the weather") unless it names someone or somewhere ("to Reuters", "in Ohio")
    or is set off by a comma."""
    if child.dep_ == "oprd":
        return True
    if child.dep_ != "prep":
        return False
    first = child.left_edge
    if first.i > 0 and first.nbor(-1).text == ",":
        return False  # set off by a comma: an aside ("..., months after X")
    objects = [g for g in child.children if g.dep_ == "pobj"]
    return child.lower_ == "as" or not any(g.pos_ == "PROPN" for g in objects)


def _is_parenthetical(token: Any) -> bool:
    """Whether the cue clause is set off from the content by punctuation ("..., he said")."""
    if token.dep_ == "parataxis":
        return True
    words = [t for t in token.subtree if not t.is_punct]
    left = words[0] if words else token
    if left.i == 0:
        return False
    before = token.doc[left.i - 1]
    return bool(before.text in _OPEN_PUNCT or before.is_quote)


def _governing_clause(token: Any) -> list[Any]:
    head = token.head
    while head.dep_ not in ("ROOT", "ccomp", "conj", "advcl") and head.head is not head:
        head = head.head
    inner = {t.i for t in token.subtree}
    return [t for t in head.subtree if t.i not in inner]


def _after_colon(token: Any) -> list[Any]:
    sent = token.sent
    return [t for t in sent if t.i > token.i]


def _outside_quotes(
    doc: Any, source: Range, cue: Range, regions: tuple[QuoteRegion, ...]
) -> Range | None:
    """A source the parser found inside a quotation the cue is outside of is a misparse; the
    words between the quotation's end and the cue are taken instead ('"...," X told Y')."""
    region = region_at(regions, source[0])
    inside = region is not None and source[1] <= region.end
    if region is None or not inside or region.start <= cue[0] < region.end:
        return source
    if region.end <= cue[0]:
        between = doc.char_span(region.end, cue[0], alignment_mode="contract")
        words = [t for t in between or [] if not t.is_punct and not t.is_space]
        if 0 < len(words) <= 10:
            return words[0].idx, words[-1].idx + len(words[-1])
    return None


def _source_in_paragraph(doc: Any, source: Range, cue: Range, paragraph: int) -> Range | None:
    """A source the parser took from an earlier paragraph (a headline or a time stamp run into
    the next line) is a misparse: the words that open the cue's paragraph before the cue are
    taken instead when they are a short phrase without a verb or a comma, else none."""
    if source[0] >= paragraph or cue[0] < paragraph:
        return source
    between = doc.char_span(paragraph, cue[0], alignment_mode="contract")
    words = [t for t in between or [] if not t.is_space]
    if not 0 < len(words) <= 10 or any(t.pos_ == "VERB" or t.text == "," for t in words):
        return None
    return words[0].idx, words[-1].idx + len(words[-1])


def _adjacent_quote(
    text: str, anchors: list[Range], regions: tuple[QuoteRegion, ...]
) -> list[Range]:
    """A quotation right before the cue and source ('"...," he said') or right after them
    ('he said: "..."')."""
    outside = [a for a in anchors if region_at(regions, a[0]) is None]
    if not outside:
        return []
    start = min(a[0] for a in outside)
    end = max(a[1] for a in outside)
    before, after = neighbours(regions, start, end)
    for region in (before, after):
        if region is None:
            continue
        gap_before = text[region.end : start]
        gap_after = text[end : region.start]
        if region.end <= start and len(gap_before) <= 4 and not gap_before.strip(" ,—–-\n"):
            return [(region.start, region.end)]
        if region.start >= end and len(gap_after) <= 4 and not gap_after.strip(" ,:—–-\n"):
            return [(region.start, region.end)]
    return []


def _token_range(tokens: list[Any]) -> Range:
    return min(t.idx for t in tokens), max(t.idx + len(t) for t in tokens)


def _ranges(tokens: list[Any]) -> list[Range]:
    """Contiguous runs of ``tokens`` as character ranges."""
    ordered = sorted(tokens, key=lambda t: t.i)
    runs: list[Range] = []
    last = -2
    for token in ordered:
        if token.i == last + 1 and runs:
            runs[-1] = (runs[-1][0], token.idx + len(token))
        else:
            runs.append((token.idx, token.idx + len(token)))
        last = token.i
    return runs
