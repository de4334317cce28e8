"""What is not article text: the detectors and phrase lists that :mod:`clean` applies.

Each detector judges one line or paragraph on its own, by its shape and by short phrase lists
kept per language in ``newstrace/data/cleaning/<language>.json`` (widget words, section names,
teaser markers, footer items, photo-credit labels and agencies, newsletter prompts, page
furniture, and the word lists for de-hyphenation). A detector fires only when the whole
paragraph (or its final credit) is boilerplate, never on a sentence that merely contains one
of the phrases ("privacy", "share prices").
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from newstrace.ingest.hardwrap import HyphenRules

__all__ = [
    "Lexicon",
    "credit_start",
    "is_footer",
    "is_furniture",
    "is_newsletter",
    "is_section_label",
    "is_widget_line",
    "language_key",
    "lexicon",
    "teaser_marker",
]

SENTENCE_BREAK = re.compile(r"[.!?…][\"”»’)\]]*\s+")
_SHORT_MAX = 300

# --- phrase lists --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The phrase lists of one language (or of all), ready for matching."""

    widget_words: frozenset[str]
    widget_vocabulary: frozenset[str]
    section_words: frozenset[str]
    teaser_strong: re.Pattern[str]
    teaser_weak: re.Pattern[str]
    footer_strong: frozenset[str]
    footer_weak: frozenset[str]
    footer_role: re.Pattern[str]
    agencies: frozenset[str]
    newsletter_start: re.Pattern[str]
    newsletter_topic: re.Pattern[str]
    newsletter_phrase: re.Pattern[str]
    boilerplate_lines: frozenset[str]
    credit_label: re.Pattern[str]
    hyphen: HyphenRules


def language_key(language: str | None) -> str:
    """``"en"`` for ``"en-GB"``; empty for ``None``."""
    if not language:
        return ""
    return re.split(r"[-_]", language.strip().lower(), maxsplit=1)[0]


@lru_cache(maxsize=1)
def _available_languages() -> tuple[str, ...]:
    """The languages that have a phrase-list file."""
    folder = resources.files("newstrace").joinpath("data", "cleaning")
    return tuple(sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".json")))


@lru_cache(maxsize=16)
def lexicon(language: str) -> Lexicon:
    """Phrase lists for ``language`` plus English (web widgets are English everywhere)."""
    available = _available_languages()
    chosen = {language, "en"} & set(available) if language in available else set(available)
    lists: dict[str, set[str]] = {}
    folder = resources.files("newstrace").joinpath("data", "cleaning")
    for code in sorted(chosen):
        data = json.loads(folder.joinpath(f"{code}.json").read_text(encoding="utf-8"))
        for key, values in data.items():
            lists.setdefault(key, set()).update(v.casefold() for v in values)

    def any_of(key: str) -> str:
        """A regex alternation of a list, longest phrase first (so the longest one wins)."""
        phrases = sorted(lists.get(key, ()), key=lambda s: (-len(s), s))
        return "|".join(re.escape(p) for p in phrases) or "(?!)"

    labels = any_of("credit_labels")
    credit_label = re.compile(
        rf"(?<![^\W_])(?:{labels})(?:\s+(?:by|credit|courtesy(?:\s+of)?))?\s*:\s*"
        r"|(?<![^\W_])(?:photo(?:graph)?s?|images?|pictures?)\s+(?:by|courtesy\s+of)\s+"
        r"|©\s*|\(c\)\s*",
        re.IGNORECASE,
    )
    return Lexicon(
        widget_words=frozenset(lists.get("widget_words", ())),
        widget_vocabulary=frozenset(
            lists.get("widget_words", set()) | lists.get("widget_glue", set())
        ),
        section_words=frozenset(w for name in lists.get("section_names", ()) for w in name.split()),
        teaser_strong=re.compile(rf"(?:{any_of('teaser_strong')})(?![\w'’-])"),
        teaser_weak=re.compile(rf"(?:{any_of('teaser_weak')})(?![\w'’-])"),
        footer_strong=frozenset(lists.get("footer_strong", ())),
        footer_weak=frozenset(lists.get("footer_weak", ())),
        footer_role=re.compile(rf"(?:{any_of('footer_roles')})\s*[—–:-]\s*\S"),
        agencies=frozenset(lists.get("agencies", ())),
        newsletter_start=re.compile(rf"(?:{any_of('newsletter_starts')})(?![^\W\d_])"),
        newsletter_topic=re.compile(any_of("newsletter_topics")),
        newsletter_phrase=re.compile(any_of("newsletter_phrases")),
        boilerplate_lines=frozenset(lists.get("boilerplate_lines", ())),
        credit_label=credit_label,
        hyphen=HyphenRules(
            suffixes=frozenset(lists.get("hyphen_suffixes", ())),
            heads=frozenset(lists.get("compound_heads", ())),
            tails=frozenset(lists.get("compound_tails", ())),
        ),
    )


_COUNT = re.compile(r"\d+(?:[.,]\d+)?[km]?")
_WIDGET_SPLIT = re.compile(r"[\s|·•/,;:()\[\]+]+")
_BOILERPLATE_PATTERN = re.compile(
    r"\d+\s*(?:min(?:ute)?s?|мин(?:ут[аы]?)?\.?)(?:\s+(?:read|чтения))?"
    r"|(?:время\s+чтения|reading\s+time)\s*:?\s*\d+\s*(?:min(?:ute)?s?|мин(?:ут[аы]?)?)\.?",
    re.IGNORECASE,
)


def is_furniture(paragraph: str, lex: Lexicon) -> bool:
    """Page furniture: "Advertisement", "Story continues below", "5 min read", buttons."""
    if len(paragraph) > 80:
        return False
    plain = paragraph.casefold().strip(" .…!:")
    return plain in lex.boilerplate_lines or bool(_BOILERPLATE_PATTERN.fullmatch(plain))


def is_widget_line(line: str, lex: Lexicon) -> bool:
    """Whether a line consists only of widget words (glued together or not) and counts."""
    if len(line) > 80:
        return False
    tokens = [t for t in _WIDGET_SPLIT.split(line.casefold()) if t]
    has_core = False
    for token in tokens:
        if _COUNT.fullmatch(token):
            continue
        segmented = _segment_widget(token, lex)
        if segmented is None:
            return False
        has_core = has_core or segmented
    return has_core


def _segment_widget(token: str, lex: Lexicon) -> bool | None:
    """Split a token into widget vocabulary: ``None`` if impossible, else whether a core word
    (not only glue such as "this" or "on") is among the parts."""
    reach: list[bool | None] = [None] * (len(token) + 1)
    reach[0] = False
    for i in range(len(token)):
        if reach[i] is None:
            continue
        for j in range(i + 1, min(len(token), i + 16) + 1):
            part = token[i:j]
            if part in lex.widget_vocabulary:
                core = bool(reach[i]) or part in lex.widget_words
                reach[j] = bool(reach[j]) or core
    return reach[-1]


# --- single-paragraph detectors ------------------------------------------------------------


def is_section_label(paragraph: str, lex: Lexicon) -> bool:
    """A very short line of section names, possibly glued in CamelCase ("NewsSociety")."""
    if len(paragraph) > 60 or paragraph[-1] in ".!?":
        return False
    words: list[str] = []
    for part in re.split(r"[\s/>|»·•,:]+", paragraph):
        words.extend(_camel_parts(part))
    if not 1 <= len(words) <= 5:
        return False
    if all(word.isalpha() and word.casefold() in lex.section_words for word in words):
        return True
    return _is_breadcrumb(paragraph, lex)


_BREADCRUMB_SPLIT = re.compile(r"\s+[|>›»/]\s+")


def _is_breadcrumb(paragraph: str, lex: Lexicon) -> bool:
    """A trail like "Dravenia | Environment": short title-case parts, one a section name."""
    parts = _BREADCRUMB_SPLIT.split(paragraph.strip())
    if not 2 <= len(parts) <= 4:
        return False
    if not all(1 <= len(p.split()) <= 3 and p[:1].isupper() for p in parts):
        return False
    return any(all(w.casefold() in lex.section_words for w in p.split()) for p in parts)


def _camel_parts(word: str) -> list[str]:
    """Split glued CamelCase: ``"NewsSociety"`` -> ``["News", "Society"]``."""
    parts: list[str] = []
    current = ""
    for ch in word:
        if current and ch.isupper() and current[-1].islower():
            parts.append(current)
            current = ch
        else:
            current += ch
    if current:
        parts.append(current)
    return parts


_CREDIT_TAIL = 160
_CREDIT_MAX = 90
_BREAK_MARKS = frozenset('.!?…"”»’)]|/–—-')
_NAME_PARTICLES = frozenset({"via", "and", "de", "da", "van", "von", "der", "la", "le", "el", "al"})


def credit_start(paragraph: str, lex: Lexicon) -> int | None:
    """Where a photo credit that ends ``paragraph`` starts (0: the whole of it), or ``None``.

    Credits are a label and a name ("Photo: EPA-EFE/NAME", "Фото: ТАСС", "© AFP"), a name and
    an agency around a slash ("Ivan Petrov / TASS", "REUTERS/Jane Roe"), a bare agency
    ("Getty Images"), or an agency in brackets ("(AP Photo/John Doe)"). Each must start the
    paragraph or follow the end of a sentence. Only the paragraph's last characters are read.
    """
    base = max(0, len(paragraph) - _CREDIT_TAIL)
    tail = paragraph[base:]
    for match in reversed(list(lex.credit_label.finditer(tail))):
        if not _follows_break(paragraph, base + match.start()):
            continue
        value = tail[match.end() :].strip().rstrip(".")
        short = 0 < len(value) <= _CREDIT_MAX and len(value.split()) <= 10
        if short and not re.search(r"[^\W\d_]{2,}[.!?]\s", value):
            return base + match.start()
    bracketed = _bracketed_credit(paragraph, lex)
    if bracketed is not None:
        return bracketed
    breaks = list(SENTENCE_BREAK.finditer(tail))
    if breaks:
        start = base + breaks[-1].end()
    elif base == 0:
        start = 0
    else:
        return None
    return start if _is_agency_credit(paragraph[start:], lex) else None


def _follows_break(paragraph: str, position: int) -> bool:
    """Whether ``position`` starts the paragraph or follows a sentence end or a separator."""
    while position > 0 and paragraph[position - 1].isspace():
        position -= 1
    return position == 0 or paragraph[position - 1] in _BREAK_MARKS


def _bracketed_credit(paragraph: str, lex: Lexicon) -> int | None:
    """Start of a final "(Reuters)" or "(AP Photo/Jane Roe)" credit, or ``None``."""
    stripped = paragraph.rstrip(" .")
    if not stripped.endswith(")"):
        return None
    opening = stripped.rfind("(", max(0, len(stripped) - _CREDIT_MAX))
    if opening < 0:
        return None
    inner = stripped[opening + 1 : -1].strip()
    if not inner or not inner[0].isupper():
        return None
    low = inner.casefold()
    if low in lex.agencies or _is_agency_credit(inner, lex):
        return opening
    if re.match(r"(?:photo|фото)\b", low) and len(inner.split()) <= 8:
        return opening
    return None


def _is_agency_credit(segment: str, lex: Lexicon) -> bool:
    """Whether a short segment is a credit: an agency, or names and an agency around "/"."""
    text = segment.strip().rstrip(".").strip()
    if not text or not text[0].isupper() or len(text) > _CREDIT_MAX or len(text.split()) > 10:
        return False
    low = text.casefold()
    if low in lex.agencies:
        return True
    if " via " in low:
        name, _, agency = low.rpartition(" via ")
        return agency.strip() in lex.agencies and _name_like(text[: len(name)])
    parts = [part.strip() for part in text.split("/")]
    if not 2 <= len(parts) <= 3 or not all(_name_like(part) for part in parts):
        return False
    return any(_agency_like(part, lex) for part in parts)


def _name_like(part: str) -> bool:
    """One to five capitalised words (particles such as "via" or "de" allowed)."""
    words = part.split()
    if not 1 <= len(words) <= 5 or not words[0][0].isupper():
        return False
    return all(w[0].isupper() or w[0].isdigit() or w in _NAME_PARTICLES for w in words)


def _agency_like(part: str, lex: Lexicon) -> bool:
    """A known agency, an upper-case acronym, a one-word brand in CamelCase ("PhotoXPress"),
    or something "via" an agency."""
    low = part.casefold()
    if low in lex.agencies or low.split(" via ")[-1] in lex.agencies:
        return True
    letters = [ch for ch in part if ch.isalpha()]
    if len(letters) >= 2 and all(ch.isupper() for ch in letters):
        return True
    return " " not in part and part.isalpha() and any(ch.isupper() for ch in part[1:])


def teaser_marker(paragraph: str, lex: Lexicon) -> str | None:
    """``"bare"`` or ``"headline"`` when the paragraph is a link teaser, else ``None``.

    Strong markers ("Related article", "Читайте также") may be followed by anything; weak
    ones ("Read", "Watch", "По теме") only by a colon, a dash or nothing.
    """
    if len(paragraph) > _SHORT_MAX:
        return None
    low = paragraph.casefold()
    marker = lex.teaser_strong.match(low)
    if marker is None:
        marker = lex.teaser_weak.match(low)
        rest = low[marker.end() :] if marker else ""
        if marker is None or (rest.strip() and not re.match(r"\s*[:—–|»>]", rest)):
            return None
    content = low[marker.end() :].lstrip(" :—–-|»>.…")
    return "headline" if content else "bare"


_FOOTER_PATTERNS = re.compile(
    r"(?:©|\(c\)\s*\d{4}|copyright\s*(?:©|\(c\)|\d{4}))[^\n]{0,120}"
    r"|[^\n]{0,80}(?:all\s+rights\s+reserved|все\s+права\s+защищены)[^\n]{0,40}"
    r"|при\s+(?:полном\s+или\s+частичном\s+)?(?:использовании|цитировании|копировании)"
    r"\s+материалов[^\n]{0,200}",
    re.IGNORECASE,
)
_FOOTER_SPLIT = re.compile(r"\s*[|·•]\s*|(?<=[.!?])\s+")


_TAGLINE_WORDS = 8


def is_footer(paragraph: str, lex: Lexicon) -> bool:
    """A paragraph made only of footer items: editor, terms, privacy, copyright, links."""
    if len(paragraph) > 400:
        return False
    segments = [s.strip().rstrip(".").strip() for s in _FOOTER_SPLIT.split(paragraph)]
    segments = [s for s in segments if s]
    strong = 0
    taglines = 0
    for segment in segments:
        low = segment.casefold()
        pattern = _FOOTER_PATTERNS.fullmatch(segment) and len(segment.split()) <= 25
        if low in lex.footer_strong or _is_role_line(low, lex) or pattern:
            strong += 1
        elif low not in lex.footer_weak:
            if len(segment.split()) > _TAGLINE_WORDS:
                return False
            taglines += 1
    # One short slogan ("Independent journalism since 1998") may sit among footer items.
    if taglines:
        return taglines == 1 and strong >= 2
    return strong >= 1 or len(segments) >= 3


def _is_role_line(low: str, lex: Lexicon) -> bool:
    """Whether a line is a masthead entry: a role, a dash or colon, then a short name."""
    role = lex.footer_role.match(low)
    return role is not None and len(low[role.end() - 1 :].split()) <= 7


def is_newsletter(paragraph: str, lex: Lexicon) -> bool:
    """A prompt addressed to the reader to subscribe, sign up, follow or donate."""
    if len(paragraph) > 400:
        return False
    low = paragraph.casefold()
    if lex.newsletter_start.match(low) and lex.newsletter_topic.search(low):
        return True
    return len(paragraph) <= 250 and lex.newsletter_phrase.search(low) is not None
