"""Attribution extraction from surface patterns only (no parser): rules mode and Russian.

Everything language-specific comes from the language data file: cue verb forms, prepositional
cues whose object is the source ("according to", "по словам"), relay cues ("citing", "со
ссылкой на"), agentless cues ("it was reported", "сообщается"), quote marks and pronouns.

Patterns, per sentence and cue:

* ``SOURCE CUE [that] CONTENT``            "Officials said that ..."
* ``CONTENT, SOURCE CUE`` / ``CONTENT, CUE SOURCE``   '"...," he said.'  "..., said Smith."
* ``«CONTENT», — CUE SOURCE``              dash-introduced quotes (Russian dialogue style)
* ``PREP SOURCE, CONTENT`` / ``CONTENT, PREP SOURCE``  "according to X", "по словам X"
* ``AGENTLESS CONTENT``                    "it was reported that ...", no source

Layouts over whole lines: speaker labels ``NAME: CONTENT`` (headlines, transcript turns;
``_attr_labels``) and signed quotations (``_attr_signed``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from newstrace.analyze._attr_finish import finish
from newstrace.analyze._attr_labels import with_labels
from newstrace.analyze._attr_lexicon import LanguageData
from newstrace.analyze._attr_signed import with_signed
from newstrace.analyze._attr_spans import Draft, Range, subtract
from newstrace.analyze.attribution import RawAttribution
from newstrace.model import Span

_WORD = re.compile(r"\w+(?:[-'’.]\w+)*")
_CLAUSE_BREAK = re.compile(r"[,;:()\"“”«»]|\s[—–-]\s|^[—–-]\s")
#: the last word of a stretch that ends in spaces
_LAST_WORD = re.compile(r"(\w+)\s+$")
_MAX_SOURCE_WORDS = 10
_QUOTE_CHARS = frozenset('"“”«»')


#: a maximal run of word characters (its start not preceded by one)
_RUN = re.compile(r"(?<!\w)\w+")


class CuePattern:
    """A compiled alternation of cue forms, ``(?<!\\w)(form|...)(?!\\w)`` ignoring case, that
    finds the same matches faster when every form is made of word characters only.

    Such a form matches exactly a maximal run of word characters, so the runs of the text are
    read (one cheap pattern) and looked up in a set of the lower-case forms; a run with a
    character outside ASCII (where case folding differs from ``str.lower``) is asked of the
    full pattern. The matches (``group``, ``start``, ``end``) are those of the full pattern.
    The matches of the last text's sentences are remembered (the rules ask for each sentence
    several times).
    """

    __slots__ = ("_forms", "_memo", "pattern")

    def __init__(self, pattern: re.Pattern[str], forms: tuple[str, ...]) -> None:
        self.pattern = pattern
        simple = all(form.isascii() and _RUN.fullmatch(form) for form in forms)
        self._forms = frozenset(form.lower() for form in forms) if simple and forms else None
        self._memo: tuple[str | None, dict[tuple[int, int], list[re.Match[str]]]] = (None, {})

    def matches(self, text: str, pos: int, endpos: int) -> list[re.Match[str]]:
        """The matches of the pattern in ``text[pos:endpos]``, in order."""
        memo = self._memo
        if memo[0] is not text:  # one tuple, so a thread never mixes two texts' matches
            memo = self._memo = (text, {})
        found = memo[1].get((pos, endpos))
        if found is None:
            found = memo[1][(pos, endpos)] = self._scan(text, pos, endpos)
        return found

    def _scan(self, text: str, pos: int, endpos: int) -> list[re.Match[str]]:
        forms = self._forms
        if forms is None:
            return list(self.pattern.finditer(text, pos, endpos))
        full = self.pattern
        found = []
        for run in _RUN.finditer(text, pos, endpos):
            word = run.group()
            if word.isascii():
                if word.lower() in forms:
                    found.append(run)
            elif full.match(text, run.start(), run.end()) is not None:
                found.append(run)
        return found

    def search(self, text: str, pos: int, endpos: int) -> re.Match[str] | None:
        """The first match in ``text[pos:endpos]``, or ``None``."""
        found = self.matches(text, pos, endpos)
        return found[0] if found else None


@lru_cache(maxsize=8)
def _patterns(
    code: str, forms: tuple[str, ...], preps: tuple[str, ...]
) -> tuple[CuePattern, re.Pattern[str] | None]:
    """Compiled cue-verb and prepositional-cue patterns of a language (cached per lexicon)."""
    verb = r"(?<!\w)(" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    verb += r")(?!\w)"
    prep = None
    if preps:
        alternatives = "|".join(re.escape(p) for p in sorted(preps, key=len, reverse=True))
        prep = re.compile(r"(?<!\w)(" + alternatives + r")(?!\w)", re.IGNORECASE)
    return CuePattern(re.compile(verb, re.IGNORECASE), forms), prep


def find_with_rules(
    text: str, sentences: tuple[Span, ...], lang: LanguageData
) -> list[RawAttribution]:
    """Attributions found by surface patterns in each sentence."""
    drafts, labelled = with_labels(text, sentences, rule_drafts(text, sentences, lang), lang)
    drafts, displaced = with_signed(text, sentences, drafts)
    return finish(text, drafts, sentences, lang, nested=labelled + displaced)


def rule_drafts(text: str, sentences: tuple[Span, ...], lang: LanguageData) -> list[Draft]:
    """Draft attributions from surface patterns (before quotation handling)."""
    forms = tuple(f for f in lang.cue_forms if lang.cue_lemmas.get(lang.cue_forms[f], 1.0) >= 0.3)
    preps = lang.source_prepositions + lang.relay_prepositions
    verb_re, prep_re = _patterns(lang.code, forms, preps)
    agentless = _agentless(lang)
    drafts: list[Draft] = []
    for index, sentence in enumerate(sentences):
        taken: list[Range] = []
        candidates: list[Draft] = []
        report = report_clause(text, sentence, index, verb_re, lang)
        if report is not None:
            drafts.append(report)
            continue
        if prep_re is not None:
            candidates += _preposition_cues(text, sentence, index, (prep_re, verb_re), lang)
        if agentless is not None:
            candidates += _agentless_cues(text, sentence, index, agentless)
        candidates += _quoting_cues(text, sentence, index, lang)
        candidates += _verb_cues(text, sentence, index, verb_re, lang)
        for draft in candidates:
            if any(s < draft.cue[1] and draft.cue[0] < e for s, e in taken):
                continue
            if draft.source is not None:
                draft.source = _outside(draft.source, taken)
            taken.append(draft.cue)
            if draft.source:
                taken.append(draft.source)
            drafts.append(draft)
    return drafts


def report_drafts(text: str, sentences: tuple[Span, ...], lang: LanguageData) -> list[Draft]:
    """The sentence-final report clauses ("CONTENT, the outlet X reported Friday.") of a text."""
    forms = tuple(f for f in lang.cue_forms if lang.cue_lemmas.get(lang.cue_forms[f], 1.0) >= 0.3)
    verb_re, _ = _patterns(lang.code, forms, lang.source_prepositions + lang.relay_prepositions)
    found = (report_clause(text, s, i, verb_re, lang) for i, s in enumerate(sentences))
    return [draft for draft in found if draft is not None]


def report_clause(
    text: str, sentence: Span, index: int, verb_re: CuePattern, lang: LanguageData
) -> Draft | None:
    """``CONTENT, SOURCE CUE [time/object][, citing ...].``: a report clause that closes the
    sentence and governs all of it (the verbs inside CONTENT, "is planning", are not cues).

    The clause after the comma must be a short noun phrase, the cue verb, at most a few words
    without a complement ("on Friday", "reporters") and optionally a relay or source phrase
    ("citing officials", "according to ..."). CONTENT must not be a quotation (quotations have
    their own handling).
    """
    relays = tuple(p.lower() for p in lang.relay_prepositions + lang.source_prepositions)
    report_forms = frozenset(lang.extra.get("report_verb_forms", ()))
    for match in reversed(verb_re.matches(text, sentence.start, sentence.end)):
        if match.group().lower() not in report_forms:
            continue
        comma = text.rfind(",", sentence.start, match.start())
        if comma < 0 or _last_break(text, sentence.start, match.start()) != comma + 1:
            continue
        content = text[sentence.start : comma].rstrip()
        if len(_WORD.findall(content)) < 4 or any(m in content for m in "\"“”«»'’"):
            continue
        left = text[comma + 1 : match.start()]
        if not _is_named_source(left, lang):
            continue
        rest = text[match.end() : sentence.end]
        head, _, relay = rest.partition(",")
        relay = relay.strip().lower()
        if relay and not relay.startswith(relays):
            continue
        if not _ends_clause(text, match.end(), match.end() + len(head), lang):
            continue
        prefixes = frozenset(lang.extra.get("cue_prefix_words", ()))
        cue = (_extend_left(text, comma + 1, match.start(), prefixes), match.end())
        source = _left_source(text, comma + 1, cue[0], lang)
        if source[0] >= source[1]:
            continue
        return Draft(cue, source, [(sentence.start, comma)], index, pattern="report")
    return None


def _is_named_source(fragment: str, lang: LanguageData) -> bool:
    """A short noun phrase that names its source ("the outlet X", "Reuters"): no pronoun, no
    relative or complementizer word, every word capitalised or a known source starter or a
    lower-case word of a noun phrase before a capitalised head."""
    words = _WORD.findall(fragment)
    if not 0 < len(words) <= _MAX_SOURCE_WORDS or any(m in fragment for m in '"“”«»'):
        return False
    lowered = [w.lower() for w in words]
    blocked = set(lang.pronouns) | set(lang.extra.get("complementizers", ()))
    blocked |= set(lang.extra.get("relative_words", ()))
    if any(w in blocked for w in lowered):
        return False
    return words[-1][:1].isupper() or lowered[-1] in lang.source_starters


def _agentless(lang: LanguageData) -> re.Pattern[str] | None:
    if not lang.agentless_cues:
        return None
    ordered = sorted(lang.agentless_cues, key=len, reverse=True)
    return re.compile(r"(?<!\w)(" + "|".join(re.escape(c) for c in ordered) + r")(?!\w)", re.I)


def _preposition_cues(
    text: str,
    sentence: Span,
    index: int,
    patterns: tuple[re.Pattern[str], CuePattern],
    lang: LanguageData,
) -> list[Draft]:
    """``according to X, CONTENT``, ``CONTENT, according to X`` and ``X, citing Y, ...``."""
    pattern, verbs = patterns
    drafts: list[Draft] = []
    for match in pattern.finditer(text, sentence.start, sentence.end):
        cue = (match.start(), match.end())
        source_end = _clause_end(text, match.end(), sentence.end, quotes=False)
        verb = verbs.search(text, match.end(), source_end)
        if verb is not None:
            source_end = verb.start()
        source = _right_source(text, match.end(), source_end, lang)
        if not text[sentence.start : match.start()].strip(' ,—–-"“«'):
            content = [(source_end, sentence.end)]
        else:
            content = [(sentence.start, match.start()), (source_end, sentence.end)]
        drafts.append(Draft(cue, source, content, index, pattern="preposition"))
    return drafts


def _agentless_cues(text: str, sentence: Span, index: int, pattern: re.Pattern[str]) -> list[Draft]:
    """Cues with no agent: the content is what follows (or precedes, at a clause end)."""
    drafts: list[Draft] = []
    for match in pattern.finditer(text, sentence.start, sentence.end):
        after = (match.end(), sentence.end)
        before = (sentence.start, match.start())
        tail = text[match.end() : sentence.end].strip(' .!?"”»')
        content = after if len(tail) > 3 else before
        drafts.append(
            Draft((match.start(), match.end()), None, [content], index, pattern="agentless")
        )
    return drafts


@lru_cache(maxsize=8)
def _quoting_pattern(verbs: tuple[str, ...], nouns: tuple[str, ...]) -> re.Pattern[str]:
    """``VERB [up to two words] NOUN`` ("приводит издание слова"), compiled per language."""
    verb = "|".join(re.escape(v) for v in sorted(verbs, key=len, reverse=True))
    noun = "|".join(re.escape(n) for n in sorted(nouns, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{verb})(?:\s+\w+){{0,2}}?\s+(?:{noun})(?!\w)", re.IGNORECASE)


def _quoting_cues(text: str, sentence: Span, index: int, lang: LanguageData) -> list[Draft]:
    """``«CONTENT», — CUE SOURCE`` where the cue is a verb with a "words" noun ("приводит слова
    X", "приводит издание слова X"): the source is the owner of the words, after the noun."""
    verbs = tuple(lang.extra.get("quoting_verbs", ()))
    nouns = tuple(lang.extra.get("quoting_nouns", ()))
    if not verbs or not nouns:
        return []
    drafts: list[Draft] = []
    for match in _quoting_pattern(verbs, nouns).finditer(text, sentence.start, sentence.end):
        before = text[sentence.start : match.start()].rstrip(" ,—–-")
        if not before or before[-1] not in _QUOTE_CHARS:
            continue
        right_end = _clause_end(text, match.end(), sentence.end, quotes=False)
        words = _WORD.findall(text[match.end() : right_end])
        if not 0 < len(words) <= _MAX_SOURCE_WORDS:
            continue
        source = _right_source(text, match.end(), right_end, lang)
        content = (sentence.start, sentence.start + len(before))
        cue = (match.start(), match.end())
        drafts.append(Draft(cue, source, [content], index, pattern="inverted"))
    return drafts


def _verb_cues(
    text: str, sentence: Span, index: int, pattern: CuePattern, lang: LanguageData
) -> list[Draft]:
    drafts: list[Draft] = []
    prefixes = frozenset(lang.extra.get("cue_prefix_words", ()))
    determiners = frozenset(lang.extra.get("noun_determiners", ()))
    for match in pattern.matches(text, sentence.start, sentence.end):
        before = _LAST_WORD.search(text[max(sentence.start, match.start() - 30) : match.start()])
        if before is not None and before.group(1).lower() in determiners:
            continue  # "the report", "his statement": a noun, not a cue verb
        start = _extend_left(text, sentence.start, match.start(), prefixes)
        draft = _verb_draft(text, sentence, index, (start, match.end()), lang)
        if draft is not None:
            drafts.append(draft)
    return drafts


def _extend_left(text: str, floor: int, start: int, prefixes: frozenset[str]) -> int:
    """Take auxiliaries and adverbs right before a cue verb into the cue ("has also said")."""
    while True:
        match = _LAST_WORD.search(text[max(floor, start - 30) : start])
        if match is None or match.group(1).lower() not in prefixes:
            return start
        start = start - len(match.group(0))


def _verb_draft(
    text: str, sentence: Span, index: int, cue: Range, lang: LanguageData
) -> Draft | None:
    """Source and content around one cue verb occurrence."""
    clause_start = _last_break(text, sentence.start, cue[0], quotes=False)
    if text[clause_start : cue[0]].count("«") + text[clause_start : cue[0]].count("“") == 0:
        clause_start = _last_break(text, sentence.start, cue[0])
    clause_start = _apposed_name_start(text, sentence.start, clause_start, cue[0], lang)
    left = text[clause_start : cue[0]]
    right_end = _clause_end(text, cue[1], sentence.end, quotes=False)
    right = text[cue[1] : right_end]
    sentence_tail = text[right_end : sentence.end].strip(" .!?")
    left_words = _WORD.findall(left)
    anaphor = " ".join(left_words).lower()
    if anaphor and anaphor in lang.extra.get("content_anaphors", ()) and not sentence_tail:
        # "Об этом сообщает ТАСС." : the content is the previous sentence
        source = _right_source(text, cue[1], right_end, lang)
        return Draft(cue, source, [], index, anaphoric=True, pattern="anaphoric")
    if left_words and len(left_words) <= _MAX_SOURCE_WORDS and _looks_like_source(left, lang):
        source = _left_source(text, clause_start, cue[0], lang)
        if clause_start > sentence.start + 1 and _ends_clause(text, cue[1], sentence.end, lang):
            # "CONTENT, X said (on Friday)."
            return Draft(cue, source, [(sentence.start, clause_start)], index, pattern="trailing")
        return Draft(cue, source, [(cue[1], sentence.end)], index, pattern="leading")
    right_words = _WORD.findall(right)
    if (
        clause_start > sentence.start + 1
        and right_words
        and len(right_words) <= _MAX_SOURCE_WORDS
        and not sentence_tail
        and _looks_like_source(right, lang)
    ):
        # "CONTENT, said X." or «CONTENT», — said X.
        source = _right_source(text, cue[1], right_end, lang)
        return Draft(cue, source, [(sentence.start, clause_start)], index, pattern="inverted")
    return None


#: an age in apposition ("Galina Yermak, 71, said")
_AGE = re.compile(r"\s*\d{1,3}\s*")


def _apposed_name_start(
    text: str, floor: int, clause_start: int, cue_start: int, lang: LanguageData
) -> int:
    """Where the source starts when only a comma stands between an apposition and the cue:
    "Brontell, the state company that runs the port, said" or "Ann Lee, 71, said" give the
    start of the name before the apposition; otherwise ``clause_start`` unchanged."""
    if text[clause_start:cue_start].strip() or clause_start <= floor + 1:
        return clause_start
    comma = text.rfind(",", floor, clause_start - 1)
    if comma < floor:
        return clause_start
    name_start = _last_break(text, floor, comma, quotes=False)
    descriptor = text[comma + 1 : clause_start - 1]
    first = _WORD.match(descriptor.strip())
    determiners = lang.extra.get("noun_determiners", ())
    apposed = _AGE.fullmatch(descriptor) is not None or (
        first is not None and first.group().lower() in determiners
    )
    name = _WORD.findall(text[name_start:comma])
    if apposed and name and len(name) <= 4 and all(w[:1].isupper() for w in name):
        return name_start
    return clause_start


def _ends_clause(text: str, start: int, end: int, lang: LanguageData) -> bool:
    """Whether only a short tail without a complement follows the cue ("told reporters.")."""
    tail = text[start:end]
    words = [w.lower() for w in _WORD.findall(tail)]
    complementizers = lang.extra.get("complementizers", ())
    return (
        len(words) <= 5
        and not any(w in complementizers for w in words)
        and not any(mark in tail for mark in ':"“«')
    )


def _outside(source: Range, taken: list[Range]) -> Range | None:
    """The longest part of ``source`` outside every taken range (None when nothing is left)."""
    pieces = subtract([source], taken)
    best = max(pieces, key=lambda r: r[1] - r[0], default=None)
    return best if best is not None and best[0] < best[1] else None


def _looks_like_source(fragment: str, lang: LanguageData) -> bool:
    """A short noun phrase: a pronoun, a capitalised name or a determiner-led phrase."""
    words = _WORD.findall(fragment)
    return any(
        w.lower() in lang.pronouns or w.lower() in lang.source_starters or w[:1].isupper()
        for w in words
    )


def _right_source(text: str, start: int, end: int, lang: LanguageData) -> Range:
    """A source after its cue: skip a leading time phrase, keep a lone pronoun, close quotes."""
    words = list(_WORD.finditer(text, start, end))
    skip = lang.extra.get("source_skip_prepositions", ())
    if len(words) > 2 and words[0].group().lower() in skip:
        words = words[2:]
    if not words:
        return (start, start)
    if words[0].group().lower() in lang.pronouns:
        return words[0].start(), words[0].end()
    return _with_quotes(text, words[0].start(), words[-1].end())


def _with_quotes(text: str, first: int, last: int) -> Range:
    """Widen ``first:last`` to take in quote marks that open or close inside it."""
    inside = text[first:last]
    for opener, closer in (("«", "»"), ("“", "”"), ("„", "“")):
        if inside.count(opener) > inside.count(closer) and text[last : last + 1] == closer:
            last += 1
        if inside.count(closer) > inside.count(opener) and text[first - 1 : first] == opener:
            first -= 1
    if first > 0 and last < len(text) and text[first - 1] in '«“"' and text[last] in '»”"':
        first, last = first - 1, last + 1
    return first, last


def _left_source(text: str, start: int, end: int, lang: LanguageData) -> Range:
    """A source before its cue, without leading connectives or trailing adverbs."""
    words = list(_WORD.finditer(text, start, end))
    strip = lang.extra.get("source_strip_words", ())
    suffix = lang.extra.get("adverb_suffix", "")
    lower_ok = not lang.extra.get("source_starts_capitalised", False)
    while words:
        first = words[0].group()
        keep = first.lower() in lang.pronouns or first.lower() in lang.source_starters
        if not keep and (first.lower() in strip or not (lower_ok or first[:1].isupper())):
            words.pop(0)
        else:
            break
    while len(words) > 1 and suffix and words[-1].group().lower().endswith(suffix):
        words.pop()
    if not words:
        return (start, start)
    return _with_quotes(text, words[0].start(), words[-1].end())


def _trim_words(text: str, start: int, end: int) -> Range:
    words = list(_WORD.finditer(text, start, end))
    if not words:
        return (start, start)
    return _with_quotes(text, words[0].start(), words[-1].end())


def _last_break(text: str, start: int, end: int, *, quotes: bool = True) -> int:
    """Start of the clause that ends at ``end``: after the last comma, dash (or quote mark)."""
    last = start
    for match in _CLAUSE_BREAK.finditer(text, start, end):
        if quotes or match.group().strip() not in _QUOTE_CHARS:
            last = match.end()
    return last


def _clause_end(text: str, start: int, end: int, *, quotes: bool = True) -> int:
    """End of the clause starting at ``start``; ``quotes=False`` lets «a name» pass."""
    stop = end
    for match in _CLAUSE_BREAK.finditer(text, start, end):
        if quotes or match.group().strip() not in _QUOTE_CHARS:
            stop = match.start()
            break
    while stop > start and text[stop - 1] in " .!?\n":
        stop -= 1
    return stop
