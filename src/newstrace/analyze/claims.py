"""Claims: every proposition an article reports or asserts, with who stands behind it.

:func:`build_claims` makes one claim per attributed content span (the attribution's speaker and
relay chain come along) and one per stretch of the article in the outlet's own voice: each
sentence that no attribution covers (the headline too), and the unattributed clause of an
attributed sentence when it is long enough to say something ("While no announcement has been
made, sources said that ..."). Content that a mid-sentence cue splits ("The decision, the paper
wrote, was taken on Monday") is one claim; English content that joins two predicates with
"and" ("... will be moved out on Thursday and housed in schools") or adds a ", when"/", where"
clause, or an "after"/"before" clause with its own subject and verb, is split into one claim
per clause. Text inside editorial notes is skipped.
Each claim carries its polarity (negation), hedges, and the quantities, dates and mentions
that fall inside its content.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from newstrace.analyze._attr_lexicon import load_language
from newstrace.analyze._attr_spans import Range, subtract
from newstrace.analyze._span_index import SpanIndex
from newstrace.analyze._speaker_phrases import find_phrases
from newstrace.analyze.attribution import holders
from newstrace.analyze.lexicon import words
from newstrace.model import (
    Attribution,
    ChainLink,
    Claim,
    Mention,
    Quantity,
    Span,
    Speaker,
    TimeRef,
)

#: An unattributed clause of an attributed sentence becomes a claim from this many words on.
MIN_REMAINDER_WORDS = 6
_LETTER = re.compile(r"[^\W\d_]")
_WORD = re.compile(r"[\w'’-]+")
_EDGE = re.compile(r"^[\s,;:—–\-\"“”«»‘’']+|[\s,;:—–\-\"“”«»‘’']+$")
#: Common irregular English past-tense verbs: a temporal clause "after engineers found a
#: crack" holds an event of its own (grammar words, as in ``_PREDICATE_AND``).
_IRREGULAR_PAST = (
    "found|made|took|gave|told|said|saw|came|went|began|broke|fell|hit|left|lost|ran|sent"
    "|struck|won|became|brought|caught|held|kept|led|met|paid|put|set|shot|spent|stood"
    "|thought|wrote|drew|rose|flew|fled|fought|built|burst|sank|spoke|sold|bought|felt"
    "|heard|knew|got|sat|shut|threw|chose|hid|stole|woke"
).split("|")
#: " and " that joins a second predicate of the same subject: the right side opens with an
#: auxiliary or modal verb ("... and has prepared"), or a participle led into a phrase by a
#: preposition or article ("... and housed in schools"). Not "-ed to": those verbs mostly take
#: an infinitive of stance ("declined to comment", "agreed to"), which alone says nothing.
#: A comma before "when"/"where" opens a relative clause with a proposition of its own ("...
#: since 1998, when the river burst its banks"), and "and that" a second reported clause
#: ("said the dam was sound and that no date had been set"). "after"/"before" followed by a
#: subject and a past-tense verb opens a temporal clause with an event of its own ("... will
#: evacuate the district after engineers found a crack"); not a phrase ("after heavy
#: snowfall", "after ordering"). English grammar words only.
_PREDICATE_AND = re.compile(
    r",?\s+and\s+(?=(?:(?:has|have|had|is|are|was|were|will|would|can|could|should|must|may"
    r"|might)\s+(?:not\s+|also\s+|been\s+|be\s+)?[a-z]{3,}\w*\b|[a-z]{3,}ed\s+(?:in|on|at"
    r"|by|for|from|with|into|the|a|an)\b))"
    r"|,\s+(?=(?:when|where)\s+\w)"
    r"|,?\s+and\s+(?=that\s+\w)"
    r"|,?\s+(?:after|before)\s+(?=(?!\w+ing\b)(?:(?:the|a|an|its|their|his|her|our|two|three"
    r"|several|some)\s+)?[\w’'-]+\s+(?:[\w’'-]+\s+)?"
    r"(?:(?:had|have|has|was|were)\s+)?(?:[a-z]{3,}ed|" + "|".join(_IRREGULAR_PAST) + r")\b)"
)
#: How far before a cue (characters) a negation or refusal still makes it a silence.
SILENCE_REACH = 25
#: What a relaying attribution keeps outside the speech act it relays, from this many words on.
MIN_RELAY_REMAINDER = 4
#: Each side of a split predicate pair keeps at least this many words.
MIN_PREDICATE_WORDS = 4
_LINKERS = re.compile(r"^(?i:and|but|while|although|though|as|so|yet|however|и|но|а|хотя)\b\s*")


@dataclass(frozen=True, slots=True)
class _Draft:
    sentence: Span
    content: Span
    attribution: Attribution
    parts: tuple[Span, ...] = ()

    def pieces(self) -> tuple[Span, ...]:
        """The stretches that carry the claim (the content around a mid-sentence cue)."""
        return self.parts or (self.content,)


def build_claims(
    article_id: str,
    text: str,
    sentences: Sequence[Span],
    attributions: Sequence[Attribution],
    *,
    quantities: Sequence[Quantity],
    dates: Sequence[TimeRef],
    mentions: Sequence[Mention],
    note_spans: Sequence[Span],
    outlet: str | None,
    language: str,
) -> tuple[Claim, ...]:
    """The article's claims in text order, with ids ``f"{article_id}:c{n}"`` (n from 1).

    ``attributions`` come from :func:`newstrace.analyze.speakers.resolve_attributions`;
    ``note_spans`` are the spans of the article's editorial notes, whose text is no claim.
    """
    around = _Around(tuple(sentences), SpanIndex((s.start, s.end) for s in sentences))
    readings = _readings(text, around, attributions, outlet, language)
    drafts = _attributed(text, around, readings, note_spans)
    drafts += _own_voice(text, sentences, attributions, note_spans, outlet, language)
    drafts = [
        piece
        for draft in drafts
        for piece in _split_predicates(text, draft, outlet, language)
        if not describes_source(piece.content.text, piece.attribution, language)
    ]
    drafts.sort(key=lambda d: (d.content.start, d.content.end))
    by_quantity = SpanIndex((q.span.start, q.span.end) for q in quantities)
    by_date = SpanIndex((d.span.start, d.span.end) for d in dates)
    by_mention = SpanIndex((m.span.start, m.span.end) for m in mentions)
    claims: list[Claim] = []
    for number, draft in enumerate(drafts, start=1):
        content = draft.content
        parts = draft.pieces()
        bounds = [(part.start, part.end) for part in parts]
        said = " … ".join(part.text for part in parts)
        claims.append(
            Claim(
                id=f"{article_id}:c{number}",
                sentence=draft.sentence,
                content=content,
                attribution=draft.attribution,
                polarity=polarity(said, language, draft.attribution.cue),
                hedges=_claim_hedges(draft, said, language),
                quantities=tuple(quantities[i] for i in by_quantity.inside_any(bounds)),
                dates=tuple(dates[i] for i in by_date.inside_any(bounds)),
                mentions=tuple(mentions[i] for i in by_mention.inside_any(bounds)),
            )
        )
    return tuple(claims)


def _in_note(span: Span, notes: Sequence[Span]) -> bool:
    """Whether most of ``span`` lies inside an editorial note."""
    size = max(span.end - span.start, 1)
    for note in notes:
        overlap = min(span.end, note.end) - max(span.start, note.start)
        if overlap * 2 > size:
            return True
    return False


def _has_words(text: str) -> bool:
    return _LETTER.search(text) is not None


@dataclass(frozen=True, slots=True)
class _Around:
    """The article's sentences with an index of their offsets."""

    sentences: tuple[Span, ...]
    index: SpanIndex


def _sentence_around(text: str, content: Span, around: _Around) -> Span:
    """The sentence (or run of sentences) holding a content span."""
    sentences = around.sentences
    touching = [sentences[i] for i in around.index.overlapping(content.start, content.end)]
    if not touching:
        return content
    if len(touching) == 1:
        return touching[0]
    return Span.of(text, touching[0].start, touching[-1].end, touching[0].label or "sentence")


def _readings(
    text: str,
    around: _Around,
    attributions: Sequence[Attribution],
    outlet: str | None,
    language: str,
) -> list[tuple[Attribution, tuple[Span, ...]]]:
    """Each attribution as claims read it, with the content pieces that are its own.

    A relayed speech act ("X said" inside "..., according to the outlet"; "Z reported that X
    said ...") is a claim of its speaker, whose chain runs through the relay: the relaying
    attribution keeps only what lies outside it (a long enough remainder). A report that
    someone said nothing (:func:`is_silence`: "has not commented", "declined to comment") is
    no claim of theirs: the whole clause is the outlet's own statement, or, when relayed,
    stays in the relaying attribution's content.
    """
    lang = load_language(language)
    items = [(a.speaker.span, a.cue, a.content) for a in attributions]
    found = holders(text, items, lang, around.sentences)
    silent = [is_silence(text, a, language) for a in attributions]
    holes: dict[int, list[Range]] = {}
    for index, holder in enumerate(found):
        if holder is not None and not silent[index] and not silent[holder]:
            a = attributions[index]
            spans = [*a.content, a.cue, a.speaker.span]
            holes.setdefault(holder, []).extend((s.start, s.end) for s in spans if s is not None)
    readings: list[tuple[Attribution, tuple[Span, ...]]] = []
    for index, attribution in enumerate(attributions):
        if silent[index]:
            if found[index] is None or silent[found[index] or 0]:
                clause = _silence_clause(text, attribution, around)
                if clause is not None:
                    readings.append((self_attribution(clause, outlet, language), (clause,)))
            continue
        if found[index] is not None and silent[found[index] or 0]:
            continue  # "X declined to say whether Y told them ...": nobody's claim
        own = _outside_holes(text, attribution.content, holes.get(index, []))
        readings.append((attribution, tuple(_with_subject(text, attribution, p) for p in own)))
    return readings


#: An appositive that opens a content span: a determiner, then up to ten words, then a comma
#: and the predicate ("the state company that runs the dam, discovered the crack"). English.
_APPOSITIVE_OPENING = re.compile(r"^(?:the|a|an)\s+(?:[^\s,;]+\s+){0,9}?[^\s,;]+,\s+\w")
#: What may lie between a cue and the content when it is the content's own subject: a few
#: words ending with the comma that opens the appositive ("said inspectors from Dravgidro, ").
_SUBJECT_GAP = re.compile(r"^\s+(?:[\w’'-]+\s+){0,4}[\w’'-]+,\s*$")
#: Words that end a reporting clause rather than start a subject ("told reporters that, ...").
_NOT_SUBJECT = re.compile(r"\b(?:that|to|on|in|at|for|by)\b", re.IGNORECASE)


def _with_subject(text: str, attribution: Attribution, content: Span) -> Span:
    """``content`` grown back to the cue when the words between them are the reported
    clause's subject cut off by an appositive ("Ostanin said inspectors from Dravgidro, the
    state company that runs the dam, discovered the crack": the content must start at
    "inspectors", not at the appositive). English contents after their cue only."""
    cue = attribution.cue
    if cue is None or not cue.end <= content.start <= cue.end + 60:
        return content
    gap = text[cue.end : content.start]
    if not _SUBJECT_GAP.match(gap) or _NOT_SUBJECT.search(gap) or "\n" in gap:
        return content
    if not _APPOSITIVE_OPENING.match(content.text):
        return content
    start = cue.end + len(gap) - len(gap.lstrip())
    return Span.of(text, start, content.end, content.label)


def _outside_holes(text: str, content: Sequence[Span], holes: list[Range]) -> tuple[Span, ...]:
    """``content`` without the ``holes``; pieces cut by a hole need a few words to stay."""
    if not holes:
        return tuple(content)
    pieces: list[Span] = []
    for span in content:
        for start, end in subtract([(span.start, span.end)], holes):
            piece = _trimmed(text, start, end)
            if piece is not None and len(_WORD.findall(piece.text)) >= MIN_RELAY_REMAINDER:
                pieces.append(piece)
    return tuple(pieces)


def _attributed(
    text: str,
    around: _Around,
    readings: Sequence[tuple[Attribution, tuple[Span, ...]]],
    notes: Sequence[Span],
) -> list[_Draft]:
    """One draft per sentence of each attribution's content: content split by a mid-sentence
    cue ("The decision, the paper wrote, was taken on Monday") is one claim."""
    drafts: list[_Draft] = []
    for attribution, own in readings:
        by_sentence: dict[tuple[int, int], list[Span]] = {}
        for content in own:
            if _in_note(content, notes) or not _has_words(content.text):
                continue
            sentence = _sentence_around(text, content, around)
            by_sentence.setdefault((sentence.start, sentence.end), []).append(content)
        for parts in by_sentence.values():
            sentence = _sentence_around(text, parts[0], around)
            if len(parts) == 1:
                drafts.append(_Draft(sentence, parts[0], attribution))
                continue
            parts.sort(key=lambda part: part.start)
            whole = Span.of(text, parts[0].start, max(p.end for p in parts), parts[0].label)
            drafts.append(_Draft(sentence, whole, attribution, tuple(parts)))
    return drafts


def self_attribution(content: Span, outlet: str | None, language: str) -> Attribution:
    """The attribution of a statement in the outlet's own voice."""
    name = outlet or "the outlet"
    return Attribution(
        speaker=Speaker("self", name, False, None),
        cue=None,
        content=(content,),
        quote="indirect",
        chain=(ChainLink(name, "outlet"),),
        hedges=tuple(find_phrases(content.text, "hedges_modal", language)),
    )


def _own_voice(
    text: str,
    sentences: Sequence[Span],
    attributions: Sequence[Attribution],
    notes: Sequence[Span],
    outlet: str | None,
    language: str,
) -> list[_Draft]:
    """Sentences no attribution covers, and long unattributed clauses of attributed ones."""
    taken: list[Span] = []
    for attribution in attributions:
        taken.extend(attribution.content)
        if attribution.cue is not None:
            taken.append(attribution.cue)
        if attribution.speaker.span is not None:
            taken.append(attribution.speaker.span)
    by_taken = SpanIndex((t.start, t.end) for t in taken)
    drafts: list[_Draft] = []
    for sentence in sentences:
        if _in_note(sentence, notes) or not _has_words(sentence.text):
            continue
        overlapping = [taken[i] for i in by_taken.overlapping(sentence.start, sentence.end)]
        pieces = [sentence] if not overlapping else _remainders(text, sentence, overlapping)
        for piece in pieces:
            drafts.append(_Draft(sentence, piece, self_attribution(piece, outlet, language)))
    return drafts


def _split_predicates(text: str, draft: _Draft, outlet: str | None, language: str) -> list[_Draft]:
    """One draft per predicate when English content joins two with "and" ("X will be moved
    out on Thursday and housed in schools"); each side must keep a few words."""
    content = draft.content
    if language != "en":
        return [draft]
    cuts = [content.start]
    ends: list[int] = []
    for match in _PREDICATE_AND.finditer(content.text):
        left = text[cuts[-1] : content.start + match.start()]
        right = content.text[match.end() :]
        if min(len(_WORD.findall(left)), len(_WORD.findall(right))) < MIN_PREDICATE_WORDS:
            continue
        ends.append(content.start + match.start())
        cuts.append(content.start + match.end())
    if not ends:
        return [draft]
    ends.append(content.end)
    drafts: list[_Draft] = []
    for start, end in zip(cuts, ends, strict=True):
        piece = _trimmed(text, start, end)
        if piece is None:
            continue
        attribution = draft.attribution
        if attribution.speaker.kind == "self" and attribution.cue is None:
            attribution = self_attribution(piece, outlet, language)
        drafts.append(_Draft(draft.sentence, piece, attribution))
    return drafts


def _remainders(text: str, sentence: Span, taken: list[Span]) -> list[Span]:
    """Stretches of ``sentence`` outside ``taken`` spans that are long enough to be a claim."""
    free = [True] * (sentence.end - sentence.start)
    for span in taken:
        for i in range(max(span.start, sentence.start), min(span.end, sentence.end)):
            free[i - sentence.start] = False
    pieces: list[Span] = []
    i = 0
    while i < len(free):
        if not free[i]:
            i += 1
            continue
        j = i
        while j < len(free) and free[j]:
            j += 1
        piece = _trimmed(text, sentence.start + i, sentence.start + j)
        long_enough = piece is not None and len(_WORD.findall(piece.text)) >= MIN_REMAINDER_WORDS
        if piece is not None and long_enough and _opens_clause(text, sentence, piece):
            pieces.append(piece)
        i = j
    return pieces


def _opens_clause(text: str, sentence: Span, piece: Span) -> bool:
    """Whether a stretch starts a clause: at the sentence start, after a comma, semicolon or
    dash, or with a linking word. A stretch glued to a cue or content ("citing sources in",
    "in September 2022, several months after") is part of the attribution, not a claim."""
    before = text[sentence.start : piece.start]
    if not before.strip(" \n\t\"“«‘'"):
        return True
    if _LINKERS.match(text[_last_word_start(before, sentence.start) : piece.start]):
        return True
    return before.rstrip()[-1:] in ",;:—–("


def _last_word_start(before: str, offset: int) -> int:
    m = re.search(r"[\w'’-]+\s*$", before)
    return offset + (m.start() if m else len(before))


def _trimmed(text: str, start: int, end: int) -> Span | None:
    """A span without edge punctuation or a leading linking word; ``None`` when nothing is left."""
    chunk = text[start:end]
    lead = _EDGE.match(chunk)
    if lead is not None:
        start += lead.end()
    chunk = text[start:end]
    link = _LINKERS.match(chunk)
    if link is not None:
        start += link.end()
    trail = _EDGE.search(text[start:end])
    if trail is not None and trail.start() > 0:
        end = start + trail.start()
    return Span.of(text, start, end, "content") if end > start else None


@lru_cache(maxsize=8)
def _silence_regexes(language: str) -> tuple[re.Pattern[str], ...]:
    """Speech stems, refusal followed by speech, speech negators, negative subjects."""
    extra = load_language(language).extra
    speech = "|".join(re.escape(w) for w in extra.get("silence_verb_stems", ()))
    refusal = "|".join(re.escape(w) for w in extra.get("refusal_stems", ()))
    negators = "|".join(re.escape(w) for w in extra.get("speech_negators", ()))
    subjects = "|".join(re.escape(w) for w in extra.get("negative_source_words", ()))
    never = r"(?!x)x"
    return (
        re.compile(rf"(?<!\w)(?:{speech or never})", re.IGNORECASE),
        re.compile(
            rf"(?<!\w)(?:{refusal or never})\w*\s+(?:\w+\s+){{0,2}}?(?:{speech or never})",
            re.IGNORECASE,
        ),
        re.compile(rf"(?<!\w)(?:{negators or never})(?!\w)|n[’']t(?!\w)", re.IGNORECASE),
        re.compile(rf"^(?:{subjects or never})(?!\w)", re.IGNORECASE),
    )


def is_silence(text: str, attribution: Attribution, language: str) -> bool:
    """Whether an attribution reports that its source said nothing: a refusal ("declined to
    comment", "refused to say", «отказался от комментариев»), a negated speech act ("has not
    commented", "did not confirm", «не комментирует») or a speech act of a negative subject
    ("Neither the ministry nor the operator has commented"). A denial ("X denied that ...")
    says something and is no silence; nor is a negated belief ("does not think").

    Only the words from the source's end to the cue's end count (and, for a refusal, the few
    words after the cue): a negation inside the content ("said it would not") is the claim's.
    """
    cue = attribution.cue
    if cue is None:
        return False
    speech, refusal, negator, negative_subject = _silence_regexes(language)
    source = attribution.speaker.span
    lo = source.end if source is not None and source.end <= cue.start else cue.start
    if source is not None and lo == source.end:  # a negation read into the source ("X не")
        last = re.search(r"[\w’']+$", source.text)
        lo -= len(last.group()) if last is not None and negator.fullmatch(last.group()) else 0
    # only the words next to the cue: "has not", "would not" (not a relative clause between)
    lo = max(lo, cue.start - SILENCE_REACH, text.rfind(",", lo, cue.start) + 1)
    window = text[lo : cue.end]
    if any(m.start() < cue.end for m in refusal.finditer(text, lo, cue.end + 40)):
        return True
    if speech.search(cue.text) is None:
        return False
    if negator.search(window):
        return True
    return source is not None and negative_subject.search(source.text.strip()) is not None


def _silence_clause(text: str, attribution: Attribution, around: _Around) -> Span | None:
    """The clause that reports a silence: source, cue and content in one sentence."""
    parts = [*attribution.content, *(s for s in (attribution.cue, attribution.speaker.span) if s)]
    cue = attribution.cue or parts[0]
    sentence = _sentence_around(text, cue, around)
    inside = [p for p in parts if sentence.start <= p.start and p.end <= sentence.end] or [cue]
    return _trimmed(text, min(p.start for p in inside), max(p.end for p in inside))


@lru_cache(maxsize=8)
def _anonymity_regexes(language: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The language's anonymity conditions, and its relative words that open a clause about
    the source ("who spoke on condition of anonymity")."""
    extra = load_language(language).extra
    never = r"(?!x)x"
    conditions = sorted(extra.get("anonymity_conditions", ()), key=len, reverse=True)
    relatives = extra.get("source_relatives", ())
    body = "|".join(re.escape(c) for c in conditions) or never
    opener = "|".join(re.escape(r) for r in relatives) or never
    return (
        re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE),
        re.compile(rf"^\W*(?:{opener})(?!\w)", re.IGNORECASE),
    )


def describes_source(content: str, attribution: Attribution, language: str) -> bool:
    """Whether a would-be claim only tells the terms a source spoke on ("who spoke on
    condition of anonymity because ...", "asked not to be named"): source description, not a
    claim about the story. True when the source span opens with the anonymity condition (a
    misread clause), or when the content holds it and opens with a relative word or has at
    most two words besides it."""
    condition, relative = _anonymity_regexes(language)
    source = attribution.speaker.span
    if source is not None and condition.match(source.text.lstrip(" ,")):
        return True  # "asked not to be named ..." read as the source ("Officials speaking on
        # condition of anonymity said ..." is a source that only mentions it)
    found = condition.search(content)
    if found is None:
        return False
    rest = content[: found.start()] + content[found.end() :]
    return relative.search(content) is not None or len(re.findall(r"\w+", rest)) <= 2


@lru_cache(maxsize=8)
def _negation_regex(language: str) -> re.Pattern[str]:
    negations = sorted(words("negations", language), key=len, reverse=True)
    body = "|".join(re.escape(n) for n in negations if n != "n't")
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])|n[’']t(?!\w)", re.IGNORECASE)


#: A concessive clause ("..., though no final decision had been taken") qualifies the main
#: clause without denying it, so its negation is not the claim's polarity. Grammar words.
_CONCESSIVE = {
    "en": re.compile(r"(?<=\w)\s*[,;…]?\s+(?:even\s+)?(?:though|although)\b", re.IGNORECASE),
    "ru": re.compile(r"(?<=\w)\s*[,;…]?\s+хотя\b", re.IGNORECASE),
}


def main_clause(content: str, language: str) -> str:
    """The content without a trailing concessive clause (", though ...", ", хотя ...")."""
    pattern = _CONCESSIVE.get(language)
    found = pattern.search(content) if pattern is not None else None
    return content[: found.start()] if found is not None else content


def polarity(
    content: str, language: str, cue: Span | None = None
) -> Literal["positive", "negative"]:
    """``"negative"`` when the content's main clause (without a trailing concessive clause,
    see :func:`main_clause`) or the cue ("denied") holds a negation, else positive."""
    regex = _negation_regex(language)
    if regex.search(main_clause(content, language)) or (cue is not None and regex.search(cue.text)):
        return "negative"
    return "positive"


def _claim_hedges(draft: _Draft, said: str, language: str) -> tuple[str, ...]:
    found = [*draft.attribution.hedges]
    found += find_phrases(said, "hedges_modal", language)
    return tuple(dict.fromkeys(found))
