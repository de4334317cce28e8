"""Plain-text cleaning: normalise, re-join hard-wrapped lines, drop what is not article text.

:func:`clean_text` turns text copied from a web page or a PDF print into the final article text:
paragraphs separated by blank lines, sentences whole, and without photo captions and credits,
share widgets, section labels, footers, "Read more" teasers, newsletter prompts or repeated
lines. Every piece it drops is returned as a :class:`~newstrace.model.Removal` saying why.
Editorial notes (corrections, updates) are never dropped; :mod:`newstrace.ingest.notes` finds
them in the cleaned text.

The rules are general: they look at the shape of a paragraph (its length, where it starts and
ends, what follows it) and at short phrase lists kept per language in
``newstrace/data/cleaning/<language>.json``. A rule fires only on short paragraphs that consist
of the boilerplate pattern as a whole, so that an article sentence that merely mentions
"privacy" or "share prices" stays.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from newstrace.ingest.boilerplate import (
    SENTENCE_BREAK,
    Lexicon,
    credit_start,
    is_footer,
    is_furniture,
    is_newsletter,
    is_section_label,
    is_widget_line,
    language_key,
    lexicon,
    teaser_marker,
)
from newstrace.ingest.hardwrap import rejoin_blocks
from newstrace.ingest.notes import note_kind
from newstrace.model import Removal, RemovalKind

__all__ = ["CleanedText", "clean_text"]


@dataclass(frozen=True, slots=True)
class CleanedText:
    """The result of :func:`clean_text`.

    ``text`` is the final article text (paragraphs separated by ``"\\n\\n"``); ``title`` is the
    headline when the text opens with one (it also stays as the first paragraph of ``text``);
    ``removed`` lists everything dropped, in the order it was found.
    """

    text: str
    title: str | None
    removed: tuple[Removal, ...]


def clean_text(
    raw: str, *, hard_wrapped: bool | None = None, language: str | None = None
) -> CleanedText:
    """Clean raw article text: normalise, re-join wrapped lines, drop non-article material.

    ``hard_wrapped=None`` detects whether lines are hard-wrapped (a PDF print) and re-joins
    them; ``True`` forces re-joining; ``False`` treats each line as a paragraph (text from an
    HTML extractor). ``language`` (an ISO 639-1 code) selects the phrase lists; ``None`` or a
    language without lists uses all of them. Never raises on any ``str``; time is linear in
    the length of ``raw``.
    """
    lex = lexicon(language_key(language))
    removed: list[Removal] = []
    text = _normalise(raw, removed)
    blocks = _line_blocks(text, lex, removed)
    paragraphs = rejoin_blocks(blocks, hard_wrapped=hard_wrapped, rules=lex.hyphen)
    paragraphs = [_SPACES.sub(" ", p).strip() for p in paragraphs]
    kept = _drop_boilerplate([p for p in paragraphs if p], lex, removed)
    title = kept[0] if kept and _looks_like_headline(kept[0]) else None
    return CleanedText(text="\n\n".join(kept), title=title, removed=tuple(removed))


# --- normalisation -------------------------------------------------------------------------

_SPACES = re.compile(r"[ ]{2,}")
_SPACE_LIKE = "\t\u00a0\u1680\u180e\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
_SPACE_LIKE += "\u2009\u200a\u202f\u205f\u3000"
_NEWLINE_LIKE = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_INVISIBLE = "\ufeff\ufffe\u200b\u2060\u00ad\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
_INVISIBLE += "\u2066\u2067\u2068\u2069"
_LIGATURES = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
_C0_C1 = "".join(chr(cp) for cp in [*range(0x09), *range(0x0E, 0x1C), 0x1F, *range(0x7F, 0xA0)])
_DELETED_CHARS = _C0_C1.replace("\x85", "") + _INVISIBLE
_DELETED = re.compile("[" + re.escape(_DELETED_CHARS) + "]")


@lru_cache(maxsize=1)
def _translation() -> dict[int, str | None]:
    """The character map of :func:`_normalise` (pure, so cached)."""
    table: dict[int, str | None] = {ord(ch): None for ch in _DELETED_CHARS}
    table.update({ord(ch): " " for ch in _SPACE_LIKE})
    table.update({ord(ch): "\n" for ch in _NEWLINE_LIKE})
    table.update({ord(ch): value for ch, value in _LIGATURES.items()})
    return table


def _normalise(raw: str, removed: list[Removal]) -> str:
    """Unify line ends, drop control and invisible characters, map odd spaces to spaces."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    deleted = Counter(_DELETED.findall(text))
    if deleted:
        listing = ", ".join(f"U+{ord(ch):04X} x{n}" for ch, n in deleted.most_common(20))
        removed.append(
            Removal(
                "control_chars",
                listing,
                f"{sum(deleted.values())} control or invisible characters removed",
            )
        )
    text = unicodedata.normalize("NFC", text.translate(_translation()))
    return _SPACES.sub(" ", text)


# --- line-level removals (before lines are re-joined) -----------------------------------

_PRINT_ARTEFACT = re.compile(
    r"\d{1,2}/\d{1,2}/\d{2,4},?\s+\d{1,2}:\d{2}(?:\s*[AaPp][Mm])?(?:\s.{0,160})?"
    r"|https?://\S+\s+\d{1,3}\s*/\s*\d{1,3}"
    r"|(?:page|стр\.?|страница)?\s*\d{1,3}\s*(?:/|of|из)\s*\d{1,3}|\d{1,3}",
    re.IGNORECASE,
)


def _line_blocks(text: str, lex: Lexicon, removed: list[Removal]) -> list[list[str]]:
    """Split text into blocks of non-blank lines, dropping print artefacts and widget lines.

    A page header/footer of a print (date and time, URL, page number) vanishes so the lines
    around it can re-join; a widget line ("Share Tweet Email", "pdfshareprint") acts as a
    paragraph break.
    """
    blocks: list[list[str]] = [[]]
    for raw_line in text.split("\n"):
        line = raw_line.strip()
        if line and _PRINT_ARTEFACT.fullmatch(line):
            removed.append(Removal("boilerplate", line, "page header, footer or number of a print"))
            continue
        if line and is_widget_line(line, lex):
            removed.append(Removal("widget", line, "share/print widget words"))
            line = ""
        if line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [block for block in blocks if block]


# --- paragraph-level removals --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Drop:
    """Why a paragraph (or, with ``keep``, its end) is not article text."""

    kind: RemovalKind
    reason: str
    keep: str = ""


_CAPTION_MAX = 300
_UNSPACED_SCRIPT = re.compile(
    r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u9fff]"
)
_SENTENCE_END = re.compile(r"[.!?…][\"”»’')\]]*$")


def _drop_boilerplate(paragraphs: list[str], lex: Lexicon, removed: list[Removal]) -> list[str]:
    """Keep the article paragraphs; record a removal for each paragraph (or part) dropped."""
    verdicts: list[_Drop | None] = []
    for index, paragraph in enumerate(paragraphs):
        if note_kind(paragraph) is not None:
            verdicts.append(None)
        else:
            verdicts.append(_paragraph_verdict(paragraph, index, lex))
    _mark_captions_before_credits(paragraphs, verdicts)
    _mark_teaser_headlines(paragraphs, verdicts, lex)
    _mark_duplicates(paragraphs, verdicts)
    kept: list[str] = []
    for paragraph, verdict in zip(paragraphs, verdicts, strict=True):
        if verdict is None:
            kept.append(paragraph)
            continue
        dropped = paragraph[len(verdict.keep) :].strip() if verdict.keep else paragraph
        removed.append(Removal(verdict.kind, dropped, verdict.reason))
        if verdict.keep:
            kept.append(verdict.keep)
    return kept


def _paragraph_verdict(paragraph: str, index: int, lex: Lexicon) -> _Drop | None:
    """The verdict on one paragraph judged on its own."""
    if index < 3 and is_section_label(paragraph, lex):
        return _Drop("section_label", "short section label before the article")
    if is_furniture(paragraph, lex):
        return _Drop("boilerplate", "page furniture (advertising marker, reading time, button)")
    credit = credit_start(paragraph, lex)
    if credit is not None:
        return _credit_verdict(paragraph, credit)
    if teaser_marker(paragraph, lex) is not None:
        return _Drop("teaser", "link teaser to another article")
    if is_footer(paragraph, lex):
        return _Drop("footer", "site footer (editor, terms, privacy, copyright)")
    if is_newsletter(paragraph, lex):
        return _Drop("newsletter", "newsletter or subscription prompt")
    return None


def _credit_verdict(paragraph: str, credit: int) -> _Drop:
    """A paragraph that is a credit, a caption ending in one, or text followed by one."""
    before = paragraph[:credit].rstrip()
    credit_text = paragraph[credit:].strip()
    if not before:
        return _Drop("photo_credit", "photo credit")
    copyright_mark = credit_text.startswith(("©", "(c)", "(C)"))
    if len(before) <= _CAPTION_MAX and _sentence_count(before) <= 2 and not copyright_mark:
        return _Drop("caption", f"photo caption ending in the credit {credit_text!r}")
    return _Drop("photo_credit", "photo credit at the end of a paragraph", keep=before)


def _sentence_count(text: str) -> int:
    """A rough count of the sentences in ``text``."""
    return len(SENTENCE_BREAK.findall(text.strip())) + 1


def _mark_captions_before_credits(paragraphs: list[str], verdicts: list[_Drop | None]) -> None:
    """A short paragraph right before a lone photo credit is that photo's caption."""
    headline = _headline_index(paragraphs, verdicts)
    for index in range(1, len(paragraphs)):
        verdict, previous = verdicts[index], verdicts[index - 1]
        if verdict is None or verdict.kind != "photo_credit" or verdict.keep:
            continue
        if previous is not None:
            continue
        if index == len(paragraphs) - 1:
            continue  # a lone credit closing the text is the article's own ("© Reuters")
        caption = paragraphs[index - 1]
        if index - 1 == headline or note_kind(caption) is not None:
            continue
        if len(caption) <= _CAPTION_MAX * 5 // 6 and _sentence_count(caption) <= 2:
            verdicts[index - 1] = _Drop("caption", "photo caption followed by its credit")


def _headline_index(paragraphs: list[str], verdicts: list[_Drop | None]) -> int | None:
    """Index of the first kept paragraph when it looks like a headline."""
    for index, verdict in enumerate(verdicts):
        if verdict is None:
            return index if _looks_like_headline(paragraphs[index]) else None
    return None


def _mark_teaser_headlines(
    paragraphs: list[str], verdicts: list[_Drop | None], lex: Lexicon
) -> None:
    """After a bare strong teaser marker ("Read also"), the headlines it introduces."""
    for index, paragraph in enumerate(paragraphs):
        verdict = verdicts[index]
        if verdict is None or verdict.kind != "teaser":
            continue
        if teaser_marker(paragraph, lex) != "bare":
            continue
        for following in range(index + 1, min(index + 6, len(paragraphs))):
            candidate = paragraphs[following]
            if verdicts[following] is not None or not _looks_like_headline(candidate):
                break
            if note_kind(candidate) is not None:
                break
            verdicts[following] = _Drop("teaser", "headline of a linked article")


def _mark_duplicates(paragraphs: list[str], verdicts: list[_Drop | None]) -> None:
    """A paragraph repeated right after itself goes once; when it is short and has no
    sentence-final mark, it is a caption shown twice and both copies go. Repeats further
    apart stay: interviews and recipes repeat lines on purpose."""
    headline = _headline_index(paragraphs, verdicts)
    last_key: str | None = None
    last_index = -1
    for index, paragraph in enumerate(paragraphs):
        if verdicts[index] is not None:
            continue
        key = " ".join(paragraph.casefold().split())
        if key != last_key:
            last_key, last_index = key, index
            continue
        caption_like = len(paragraph) <= _CAPTION_MAX and not _SENTENCE_END.search(paragraph)
        if last_index != headline and caption_like and note_kind(paragraph) is None:
            verdicts[last_index] = _Drop("caption", "caption shown twice")
            verdicts[index] = _Drop("caption", "caption shown twice")
        else:
            verdicts[index] = _Drop("duplicate_line", "repeats the paragraph before it")


def _looks_like_headline(paragraph: str) -> bool:
    """Short, a few words, no sentence-final full stop or colon, not an editorial note.

    Scripts written without spaces (Chinese, Japanese, Thai) count as several words when the
    line has at least six letters.
    """
    if len(paragraph) > 200:
        return False
    stripped = paragraph.rstrip("\"”»’'")
    words = len(paragraph.split())
    if words == 1 and len(_UNSPACED_SCRIPT.findall(paragraph)) >= 6:
        words = 2
    if not 2 <= words <= 30 or not stripped:
        return False
    if stripped[-1] in ".:;,…" or not any(ch.isalpha() for ch in paragraph):
        return False
    return note_kind(paragraph) is None
