"""Attribution extraction over a spaCy dependency parse (English at full quality).

1. Every plausible token is scored as a cue head by the learned model (``_attr_model``); a
   cue whose draft has no source must score ``sourceless_cue_margin`` above the threshold.
2. The cue span is the head plus the words annotators usually put in a cue (auxiliaries,
   negation, particles, "also", "on Friday", "in a statement", "accused X of"), decided child
   by child by a learned model (``_attr_extent``), or, for a language without one, by rates
   learned from PolNeAR train and stored in the language file (``cue_children``,
   ``cue_preps``; ``_attr_cue``).
3. The source is the subject's subtree (or the agent of a passive, the object of "according
   to", the possessor of a nominal cue, the object of the governing verb of an infinitive,
   "asked X to explain", or the subject inherited from a governing verb or through a
   preposition, "by saying"). A passive with no agent and a raising verb learned from train
   ("X seems to") have none: the subject belongs to the content, as PolNeAR annotates it;
   nor has a placeholder "it" ("it is unclear whether") (``_attr_source``). A nominal cue
   object with a "from" / "among" phrase ("the plan drew criticism from X") has that phrase's
   object as source and the verb's subject as content (``_attr_received``).
4. The content is the clausal complement; else a subjectless participle's own object
   ("..., citing X"); else, when the cue clause is a parenthetical ("..., he said") and not a
   subordinate clause, the governing clause without it; else an infinitive or object
   complement with what it says of the object ("called him a genius", "launched a campaign to
   X"); for an agentless passive with nothing else, its subject (``_attr_content``; which
   argument says what: ``_attr_objects``). A cue with only prepositional phrases after it
   ("said in response") takes a quotation right next to it and its source first. A second
   cue the parser hangs on a first cue's complement ("said X and criticized Y", "said X,
   adding Y") is split off that content and takes the first cue's source; a cue clause with
   its own subject set off by a comma ("..., which the council approved", "..., while the
   developers argued Y") is split off too and keeps its own source (``_attr_split``).
5. Each token belongs to at most one attribution (PolNeAR is univocal): cues are taken by
   decreasing score and a cue inside an attribution already taken is left out; a speech cue
   inside a taken content is kept as a nested attribution of it (``_attr_finish``). A cue
   head inside quotation marks is not drafted: the quotation is someone's content
   (``_attr_quoted``). A cue inside the content of a prepositional cue ("X said Y, according
   to Z") gives way to it and may be nested in it (``_attr_relayed``).
6. Speaker labels ("Jane Doe: Budget Cuts 'Will Hurt Schools'", transcript turns "SMITH: ...")
   and signed quotations are read off the layout and take the place of the drafts on their
   lines (``_attr_labels``, ``_attr_signed``); a colon the cue model chose takes its label's
   name as source.

The surface rule "CONTENT, SOURCE CUE." of ``_attr_rules`` is no longer used where the parse
found nothing: on PolNeAR train (cross-fit, 2026-11-22) 16 of its 150 held-out drafts matched
a gold attribution.
"""

from __future__ import annotations

from typing import Any

from newstrace.analyze._attr_content import Paragraphs, _adjacent_quote, _content_ranges, _ranges
from newstrace.analyze._attr_cue import _cue_tokens
from newstrace.analyze._attr_finish import finish
from newstrace.analyze._attr_labels import with_labels
from newstrace.analyze._attr_lexicon import LanguageData
from newstrace.analyze._attr_model import candidate_indices, load_cue_model
from newstrace.analyze._attr_objects import only_prepositions
from newstrace.analyze._attr_quotes import QuoteRegion, quote_regions
from newstrace.analyze._attr_received import received_from
from newstrace.analyze._attr_relayed import under_prepositions
from newstrace.analyze._attr_signed import with_signed
from newstrace.analyze._attr_source import (
    _noun_phrase,
    _outside_quotes,
    _source_in_paragraph,
    _source_tokens,
    _token_range,
)
from newstrace.analyze._attr_spans import Coverage, Draft, in_regions, sentence_of
from newstrace.analyze._attr_split import SURE_MARGIN, outer_cue, split_offs
from newstrace.analyze._cue_layout import layout
from newstrace.analyze.attribution import RawAttribution
from newstrace.model import Span


def find_with_parse(
    text: str, doc: Any, sentences: tuple[Span, ...], lang: LanguageData
) -> list[RawAttribution]:
    """Attributions read off a parsed ``doc`` of ``text``."""
    model = load_cue_model(lang.code)
    words: dict[str, float] | None = lang.extra.get("cue_word_rates")
    speech = frozenset(lang.extra.get("nested_cue_lemmas", ()))
    margin = _sourceless_margin(lang) if model is not None else 0.0
    scored: list[tuple[float, Any]] = []
    table = layout(doc)  # read per index: no spaCy Token is made for unscored candidates
    for i in candidate_indices(doc):
        lemma = table.lemma[i]
        if model is not None:
            score = model.score_at(doc, i, lang.cue_lemmas, words) - model.threshold
        else:
            score = lang.cue_lemmas.get(lemma, 0.0) - lang.cue_threshold
        if score > 0 or (lemma in speech and table.pos[i] == "VERB"):
            # a speech verb below the threshold (a clause under another cue, which PolNeAR
            # does not annotate) may still be a nested attribution
            scored.append((score, doc[i]))
    scored.sort(key=lambda item: (-item[0], item[1].i))
    drafts: list[Draft] = []
    inner: list[Draft] = []
    taken = Coverage()
    regions = quote_regions(text, lang.quote_pairs)
    starts = [s.start for s in sentences]
    paragraphs = Paragraphs.of(text)
    cues = frozenset(token.i for score, token in scored if score > 0)
    sure = frozenset(token.i for score, token in scored if score >= SURE_MARGIN)
    region_starts = [r.start for r in regions]
    heads: dict[int, Any] = {}
    for score, token in scored:
        if in_regions(regions, region_starts, token.idx):
            continue  # quoted words: part of a quotation's content (``_attr_quoted``)
        draft = _build(token, text, lang, starts, regions, paragraphs, (cues, sure))
        if draft is None or (draft.source is None and score < margin):
            continue
        draft.score = score
        if score <= 0 or taken.overlaps(*draft.cue):
            if _speaks(token):  # univocal reading drops it; it may be a nested speech act
                inner.append(draft)
            continue
        drafts.append(draft)
        heads[id(draft)] = token
        for start, end in [draft.cue, *draft.content] + ([draft.source] if draft.source else []):
            taken.add(start, end)
    drafts, relayed = under_prepositions(drafts, heads)  # "X said Y, according to Z"
    drafts, replaced = _with_report_clauses(text, sentences, lang, drafts)
    drafts, labelled = with_labels(text, sentences, drafts, lang)
    drafts, displaced = with_signed(text, sentences, drafts)
    nested = inner + relayed + replaced + labelled + displaced
    return finish(text, drafts, sentences, lang, nested=nested)


def _sourceless_margin(lang: LanguageData) -> float:
    """How far above the cue model's threshold a cue with no source must score
    (``sourceless_cue_margin`` of the language data, chosen on PolNeAR train: a low-scored cue
    with a source is right often enough to keep, one without a source is not)."""
    return float(lang.extra.get("sourceless_cue_margin", 0.0))


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


def _build(
    token: Any,
    text: str,
    lang: LanguageData,
    starts: list[int],
    regions: tuple[QuoteRegion, ...] = (),
    paragraphs: Paragraphs | None = None,
    candidates: tuple[frozenset[int], frozenset[int]] = (frozenset(), frozenset()),
) -> Draft | None:
    """The draft of cue head ``token``; ``candidates`` are the cue candidates scored above the
    threshold and those scored ``SURE_MARGIN`` above it (``_attr_split``)."""
    cue_tokens = _cue_tokens(token, lang)
    cue_ids = {t.i for t in cue_tokens}
    cue = (min(t.idx for t in cue_tokens), max(t.idx + len(t) for t in cue_tokens))
    sourceless = frozenset(lang.extra.get("sourceless_lemmas", ()))
    # a second cue the parser hung on another cue's complement takes that cue's source
    cues, sure = candidates
    outer = outer_cue(token, cues, sure)
    source_tokens = _source_tokens(outer or token, cue_ids, regions, sourceless)
    source_ids = {t.i for t in source_tokens}
    split_ids = {t.i for t in split_offs(token, cues, sure)}
    source = _token_range(source_tokens) if source_tokens else None
    if source is not None:
        source = _outside_quotes(token.doc, source, cue, regions)
    content = _content_ranges(token, cue_ids | source_ids | split_ids, sourceless)
    received = received_from(token, cue_ids, lang.code)
    if received is not None:  # "the plan drew criticism from X": X the source, the plan the content
        giver, subject = received
        source_tokens = _noun_phrase(giver, cue_ids)
        source = _token_range(source_tokens) if source_tokens else None
        content = _ranges([t for t in subject.subtree if t.i not in cue_ids and not t.is_space])
    if only_prepositions(token, cue_ids):  # "said in response": an adjacent quotation first
        content = _adjacent_quote(text, [cue] + ([source] if source else []), regions) or content
    if paragraphs is not None:  # the parser may run a headline into the next paragraph
        content = paragraphs.clip(content, cue, regions)
        if source is not None:
            source = _source_in_paragraph(token.doc, source, cue, paragraphs.start_of(cue[0]))
    if not content:
        content = _adjacent_quote(text, [cue] + ([source] if source else []), regions)
    if not content:
        return None
    return Draft(cue, source, content, sentence_of(starts, cue[0]))
