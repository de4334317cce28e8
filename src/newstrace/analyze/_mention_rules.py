"""Surface rules behind :mod:`newstrace.analyze.mentions`: gazetteer matching, context cues,
role phrases and capitalised-word sequences. Everything here is driven by the data files read
through :mod:`newstrace.analyze.lexicon`; nothing names a particular story.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

from newstrace.analyze._speaker_phrases import is_organisation_name
from newstrace.analyze._text_words import TextWords
from newstrace.analyze.keys import canonical_key, outlet_for_key
from newstrace.analyze.lexicon import Outlet, outlets, word_groups, words
from newstrace.model import MentionKind

_CYRILLIC_WORD = re.compile(r"^[А-Яа-яЁёІіЇїЄєҐґЎў-]+$")
_CYR_ENDINGS = r"(?:ами|ями|ой|ей|ою|ею|ом|ем|ах|ях|ам|ям|а|я|о|е|ы|и|у|ю|й|ь|ъ)?"
_TOKEN = re.compile(r"[^\W\d_](?:[\w\-]|['’](?=\w)|\.(?=[^\W\d_]{2}))*")
_POSSESSIVE_END = re.compile(r"['’]s$|(?<=s)['’]$")
_OPENERS = "«“\"‘'([„"
_SENTENCE_END = ".!?\n"
_GAP = re.compile(r"^[ \u00a0]$")
_LOOSE_LEFT_NOUNS = frozenset({"agency", "media", "station", "site", "daily", "channel", "paper"})
_QUOTE_OPEN = '«"“„'
_QUOTE_CLOSE = '»"”“'
_ROLE_MODIFIERS = (
    "former|deputy|acting|senior|high-ranking|top|chief|military|foreign|defen[cs]e|interior"
    "|finance|press|regional|local|state|federal|government|first|vice|political|official"
)
_DETERMINERS = r"(?:the|a|an|one|its|his|her|their|another|this|that|two|three|several|some)"


@dataclass(frozen=True, slots=True)
class GazetteerMatch:
    """An outlet name found in the text."""

    start: int
    end: int
    outlet: Outlet


@dataclass(frozen=True, slots=True)
class Sequence:
    """Capitalised words in a row (with connectors such as "of"), as token offsets."""

    tokens: tuple[tuple[int, int], ...]
    initial: bool


@dataclass(frozen=True, slots=True)
class Part:
    """A classified piece of a capitalised sequence."""

    start: int
    end: int
    kind: MentionKind
    priority: int


def _phrase_alternation(phrases: tuple[str, ...]) -> str:
    ordered = sorted(set(phrases), key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in ordered)


def name_pattern(name: str) -> str:
    """A regex for a name as written, tolerant of "The"/"the" and of Russian case endings."""
    parts: list[str] = []
    for i, word in enumerate(name.split()):
        if i == 0 and word in ("The", "the"):
            parts.append("[Tt]he")
        elif _CYRILLIC_WORD.match(word) and len(word) > 3 and not word.isupper():
            stem = word[:-1] if word[-1].lower() in "аяоеыиуюйьъ" else word
            parts.append(re.escape(stem) + _CYR_ENDINGS)
        else:
            parts.append(re.escape(word))
    return r"\s+".join(parts)


@lru_cache(maxsize=1)
def _gazetteer_regexes() -> tuple[dict[str, str], tuple[tuple[Outlet, str], ...]]:
    """One alternation per two-letter prefix, longest names first, so that a word start is
    tried only against the names that can begin there (linear in the text, small constant).

    The alternations are returned as sources and compiled by ``_prefix_regex`` on first use:
    a run meets only some prefixes, and compiling all of them costs a noticeable part of a
    one-shot run's start."""
    entries: list[tuple[Outlet, str]] = []
    for outlet in outlets():
        for alias in outlet.names:
            entries.append((outlet, alias))
    entries.sort(key=lambda e: len(e[1]), reverse=True)
    groups: dict[str, list[str]] = {}
    for i, (_, alias) in enumerate(entries):
        prefixes = {alias[:2]}
        if alias.split()[0] in ("The", "the"):
            prefixes = {"Th", "th"}
        for prefix in prefixes:
            groups.setdefault(prefix, []).append(f"(?P<g{i}>{name_pattern(alias)})")
    sources = {prefix: "(?:" + "|".join(body) + r")(?![\w])" for prefix, body in groups.items()}
    return sources, tuple(entries)


@cache
def _prefix_regex(prefix: str) -> re.Pattern[str]:
    """The compiled gazetteer alternation for names starting with ``prefix`` (which has one)."""
    return re.compile(_gazetteer_regexes()[0][prefix])


_WORD_START = re.compile(r"(?<![\w.])\w")


def _gazetteer_hits(text: str) -> Iterator[re.Match[str]]:
    """Leftmost, longest gazetteer names in ``text``, never overlapping."""
    sources, _ = _gazetteer_regexes()
    end = 0
    for start in _WORD_START.finditer(text):
        pos = start.start()
        prefix = text[pos : pos + 2]
        regex = _prefix_regex(prefix) if pos >= end and prefix in sources else None
        m = regex.match(text, pos) if regex is not None else None
        if m is not None:
            end = m.end()
            yield m


def is_known_outlet(name: str) -> bool:
    """Whether ``name`` is a gazetteer outlet under any of its names."""
    return outlet_for_key(canonical_key(name)) is not None


def _needs_context(outlet: Outlet, alias: str) -> bool:
    """Names that are also ordinary words count only in an outlet context."""
    single = len(alias.split()) == 1
    if outlet.ambiguous:
        return single or alias == outlet.name
    return single and bool(_CYRILLIC_WORD.match(alias)) and not alias.isupper()


def gazetteer_matches(text: str, language: str) -> list[GazetteerMatch]:
    """Outlet names from the gazetteer found in ``text``."""
    _, entries = _gazetteer_regexes()
    found: list[GazetteerMatch] = []
    for m in _gazetteer_hits(text):
        outlet, alias = entries[int(str(m.lastgroup)[1:])]
        start, end = m.start(), m.end()
        if _continues_name(text, end):
            continue
        if _needs_context(outlet, alias) and not (
            _quoted(text, start, end) or outlet_context(text, start, end, language)
        ):
            continue
        found.append(GazetteerMatch(start, end, outlet))
    return found


def _continues_name(text: str, end: int) -> bool:
    """Whether a capitalised word follows on the same line (the name is part of a longer one)."""
    m = re.match(r"[ \u00a0]([A-ZА-ЯЁ][\w-]*)", text[end : end + 40])
    if m is None:
        return False
    return m.group(1) not in _calendar() and m.group(1) not in _function_words()


def _quoted(text: str, start: int, end: int) -> bool:
    return (
        start > 0
        and end < len(text)
        and text[start - 1] in _QUOTE_OPEN
        and text[end] in _QUOTE_CLOSE
    )


@lru_cache(maxsize=8)
def _outlet_context_regexes(language: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    nouns = words("outlet_nouns", language)
    left_nouns = tuple(n for n in nouns if n not in _LOOSE_LEFT_NOUNS)
    left = re.compile(r"(?i:(?<!\w)(?:" + _phrase_alternation(left_nouns) + r"))\s+[«\"“„]?$")
    right = re.compile(
        r"^[»\"”]?(?:\s+(?i:" + _phrase_alternation(nouns) + r")(?!\w)"
        r"|,\s+(?i:an?|the)\s+(?:[\w-]+\s+){0,3}?(?i:" + _phrase_alternation(nouns) + r")"
        r"(?!\w)(?!\s+[A-ZА-ЯЁ«\"“])"
        r"|\s+(?:has\s+)?(?:reported|reports)(?!\w))"
    )
    return left, right


def outlet_context(text: str, start: int, end: int, language: str) -> bool:
    """Whether the words around ``text[start:end]`` say it is a news outlet."""
    left, right = _outlet_context_regexes(language)
    return bool(left.search(text[max(0, start - 40) : start]) or right.match(text[end : end + 80]))


def quoted_after_outlet_noun(text: str, language: str) -> list[tuple[int, int]]:
    """Spans of names in quotation marks that follow an outlet noun («издание «Холод»»)."""
    nouns = _phrase_alternation(words("outlet_nouns", language))
    pattern = re.compile(r"(?i:(?<!\w)(?:" + nouns + r"))\s+[«\"“„]([^»\"”“\n]{1,60})[»\"”“]")
    return [(m.start(1), m.end(1)) for m in pattern.finditer(text)]


@lru_cache(maxsize=8)
def _role_regex(language: str) -> re.Pattern[str]:
    titles = _phrase_alternation(words("titles", language))
    modifier = r"(?:(?:[A-ZА-ЯЁ](?:[\w-]|['’](?!s\b))*|(?i:" + _ROLE_MODIFIERS + r"))[ \u00a0]+)"
    return re.compile(
        r"(?:(?<!\w)(?P<det>(?i:" + _DETERMINERS + r"))\s+)?"
        r"(?<![\w-])(?P<role>" + modifier + r"{0,3}(?i:" + titles + r"))(?![\w-])"
    )


def role_phrases(text: str, language: str) -> list[tuple[int, int]]:
    """Spans of role and title phrases ("a Kremlin spokesman", "the defence minister")."""
    ambiguous = frozenset(words("ambiguous_titles"))
    found: list[tuple[int, int]] = []
    vocabulary = TextWords(text)
    for m in _role_regex(language).finditer(text):
        start, end = _drop_leading_function_words(text, m.start("role"), m.end("role"), vocabulary)
        phrase = text[start:end]
        lone = len(phrase.split()) == 1
        if (
            lone
            and phrase.lower() in ambiguous
            and not m.group("det")
            and not _name_follows(text, end)
        ):
            continue
        if start < end:
            found.append((start, end))
    return found


def _name_follows(text: str, end: int) -> bool:
    return re.match(r"[ \u00a0][A-ZА-ЯЁ][\w'’-]+", text[end : end + 40]) is not None


def _drop_leading_function_words(
    text: str, start: int, end: int, vocabulary: TextWords
) -> tuple[int, int]:
    """Drop function words, and ordinary words opening a sentence, from a phrase's start."""
    function = _function_words()
    while True:
        m = re.match(r"([\w'’-]+)\s+", text[start:end])
        if m is None:
            return start, end
        word = m.group(1)
        common = (
            word[:1].isupper()
            and _sentence_initial(text, start)
            and _looks_common(vocabulary, word)
        )
        if word not in function and not common:
            return start, end
        start += m.end()


@lru_cache(maxsize=8)
def _institution_regexes(language: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    literal = re.compile(r"(?<![\w-])(?:" + _institution_alternation() + r")(?![\w-])")
    nouns = _phrase_alternation(words("institution_nouns", language))
    modifier = r"(?:[A-ZА-ЯЁ][\w'’-]*\s+)"
    generic = re.compile(r"(?<!\w)(?i:the)\s+(" + modifier + r"{0,2}(?i:" + nouns + r"))(?![\w-])")
    return literal, generic


@lru_cache(maxsize=1)
def _institution_alternation() -> str:
    names = sorted(set(words("institutions")), key=len, reverse=True)
    return "|".join(name_pattern(n) for n in names)


@lru_cache(maxsize=1)
def _institution_full() -> re.Pattern[str]:
    return re.compile(r"(?:" + _institution_alternation() + r")")


def institution_phrases(text: str, language: str) -> list[tuple[int, int]]:
    """Institutions by name ("the Kremlin", "NATO") or by noun ("the ministry")."""
    literal, generic = _institution_regexes(language)
    found = [
        (m.start(), m.end())
        for m in literal.finditer(text)
        if len(m.group().split()) > 1 or not _continues_name(text, m.end())
    ]
    found += [(m.start(1), m.end(1)) for m in generic.finditer(text)]
    return found


def trim_name(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets of a name without a leading "the" or a trailing possessive "'s"."""
    m = re.match(r"(?i:the)\s+", text[start:end])
    if m is not None:
        start += m.end()
    m2 = _POSSESSIVE_END.search(text[start:end])
    if m2 is not None:
        end = start + m2.start()
    return start, end


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    return frozenset(words("function_words"))


@lru_cache(maxsize=1)
def _calendar() -> frozenset[str]:
    return frozenset(words("calendar"))


@lru_cache(maxsize=1)
def _demonyms() -> frozenset[str]:
    return frozenset(words("demonyms"))


@lru_cache(maxsize=1)
def _common_nouns() -> frozenset[str]:
    """Role, source, document and outlet nouns: capitalised only because a sentence starts."""
    found: set[str] = set()
    for section in ("titles", "anonymous_heads", "documents", "outlet_nouns"):
        found.update(w for w in words(section) if " " not in w)
    return frozenset(found)


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper()


def _sentence_initial(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and (text[i] in " \t\u00a0" or text[i] in _OPENERS):
        i -= 1
    return i < 0 or text[i] in _SENTENCE_END


def capitalised_sequences(text: str) -> list[Sequence]:
    """Runs of capitalised words joined by single spaces, with connectors ("of", "de")."""
    tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(text)]
    connectors = frozenset(words("connectors"))
    result: list[Sequence] = []
    i = 0
    while i < len(tokens):
        if not _is_capitalised(text[slice(*tokens[i])]):
            i += 1
            continue
        run = [_strip_possessive(text, tokens[i])]
        j = i + 1
        while j < len(tokens) and run[-1][1] == tokens[j - 1][1]:
            word = text[slice(*tokens[j])]
            if not _GAP.match(text[tokens[j - 1][1] : tokens[j][0]]):
                break
            if _is_capitalised(word):
                run.append(_strip_possessive(text, tokens[j]))
                j += 1
            elif word in connectors and j + 1 < len(tokens) and _joins(text, tokens, j):
                run.append(tokens[j])
                run.append(_strip_possessive(text, tokens[j + 1]))
                j += 2
            else:
                break
        result.append(Sequence(tuple(run), _sentence_initial(text, tokens[i][0])))
        i = j
    return result


def _joins(text: str, tokens: list[tuple[int, int]], j: int) -> bool:
    nxt = tokens[j + 1]
    return bool(_GAP.match(text[tokens[j][1] : nxt[0]])) and _is_capitalised(text[slice(*nxt)])


def _strip_possessive(text: str, token: tuple[int, int]) -> tuple[int, int]:
    m = _POSSESSIVE_END.search(text[token[0] : token[1]])
    return (token[0], token[0] + m.start()) if m else token


def _looks_common(vocabulary: TextWords, word: str) -> bool:
    """A sentence-initial word that is an ordinary word (seen in lower case, or -ly/-ing/-ed)."""
    lower = word.lower()
    if lower.endswith(("ly", "ing", "ed")) and len(lower) > 4:
        return True
    return vocabulary.has(lower)


def classify_sequence(
    text: str, seq: Sequence, language: str, vocabulary: TextWords | None = None
) -> list[Part]:
    """What a capitalised sequence names: organisation, outlet, role + person, place, person.

    ``vocabulary`` is the text's :class:`TextWords` (made here when not given; pass one made
    once when classifying many sequences of a long text).
    """
    toks = list(seq.tokens)
    connectors = frozenset(words("connectors"))
    initial = seq.initial
    known = vocabulary if vocabulary is not None else TextWords(text)
    while toks and _droppable(known, text[slice(*toks[0])], initial, connectors):
        toks.pop(0)
        initial = False
    while toks and (text[slice(*toks[-1])] in _calendar() or text[slice(*toks[-1])] in connectors):
        toks.pop()
    if not toks:
        return []
    start, end = toks[0][0], toks[-1][1]
    names = [text[s:e] for s, e in toks]
    return _classify_names(text, start, end, names, toks, language)


def _droppable(vocabulary: TextWords, word: str, initial: bool, connectors: frozenset[str]) -> bool:
    bare = re.split(r"['’]", word)[0]
    if bare in _function_words() or word in _calendar() or word in connectors:
        return True
    if initial and word.lower() in _common_nouns():
        return True
    return initial and word not in _demonyms() and _looks_common(vocabulary, word)


def _classify_names(
    text: str, start: int, end: int, names: list[str], toks: list[tuple[int, int]], language: str
) -> list[Part]:
    lower = [n.lower() for n in names]
    joined = " ".join(lower)
    heads = frozenset(words("organisation_heads", language))
    for cut in range(len(names), 0, -1):
        if _institution_full().fullmatch(" ".join(names[:cut])):
            org = Part(start, toks[cut - 1][1], "organisation", 70)
            if cut == len(names):
                return [org]
            rest = toks[cut:]
            return [org, *_classify_names(text, rest[0][0], end, names[cut:], rest, language)]
    if len(names) >= 2 and (
        lower[-1] in heads or " ".join(lower[-2:]) in heads or "ministry" in lower
    ):
        return [Part(start, end, "organisation", 70)]
    if outlet_context(text, start, end, language):
        return [Part(start, end, "outlet", 90)]
    if len(names) >= 2 and names[-1] in frozenset(words("outlet_name_words")):
        return [Part(start, end, "outlet", 75)]
    titled = _split_title(lower, toks)
    if titled is not None:
        return titled
    demonyms = _demonyms()
    if all(n in demonyms for n in names):
        return []
    if _place_context(text, start, end, language, len(names)):
        return [Part(start, end, "place", 45)]
    if any(n in demonyms for n in names) or joined in heads:
        return [Part(start, end, "other", 20)]
    if 2 <= len(names) <= 4:
        # "Georgia Power", "Lee Holdings": an organisation by its shape, else a person's name
        kind: MentionKind = "organisation" if is_organisation_name(" ".join(names)) else "person"
        return [Part(start, end, kind, 40)]
    if names[0].isupper() and len(names[0]) >= 2:
        return [Part(start, end, "organisation", 30)]
    return [Part(start, end, "other", 20)]


def _split_title(lower: list[str], toks: list[tuple[int, int]]) -> list[Part] | None:
    """ "President Vladimir Putin" -> role "President" + person "Vladimir Putin"."""
    titles = frozenset(words("titles"))
    demonyms = frozenset(d.lower() for d in _demonyms())
    first = 0
    while first < len(lower) and lower[first] in demonyms:
        first += 1
    for cut in range(len(lower) - 1, first, -1):
        if " ".join(lower[first:cut]) in titles:
            role = Part(toks[0][0], toks[cut - 1][1], "role", 60)
            rest = lower[cut:]
            if any(r in demonyms for r in rest):
                return [role]
            return [role, Part(toks[cut][0], toks[-1][1], "person", 55)]
    return None


@lru_cache(maxsize=8)
def _place_regexes(language: str) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    cues = word_groups("place_cues")
    of_cues = _phrase_alternation(cues.get(language, ()) + cues.get("en", ()))
    after = _phrase_alternation(cues.get(f"{language}_after", ()) + cues.get("en_after", ()))
    before = _phrase_alternation(cues.get(f"{language}_before", ()) + cues.get("en_before", ()))
    return (
        re.compile(r"(?i:(?<!\w)(?:" + of_cues + r"))\s+$"),
        re.compile(r"^\s+(?i:" + after + r")(?!\w)"),
        re.compile(r"(?<!\w)(?:" + before + r")\s+$"),
    )


def _place_context(text: str, start: int, end: int, language: str, size: int) -> bool:
    of_cue, after, before = _place_regexes(language)
    left = text[max(0, start - 30) : start]
    if of_cue.search(left) or after.match(text[end : end + 30]):
        return True
    return size <= 3 and before.search(left) is not None
