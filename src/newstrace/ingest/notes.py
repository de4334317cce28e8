"""Editorial notes: corrections, updates, clarifications and editor's notes.

Outlets put such notes in a paragraph of their own, at the top or the bottom of an article, and
open them with a recognisable formula ("Correction:", "An earlier version of this article said",
"Updated with comments from", "Editor's note:", «Исправление:», «Ранее в статье говорилось»).
:func:`find_notes` looks for those formulas at the start of each line of a cleaned text (where a
line is a paragraph) and returns one :class:`~newstrace.model.EditorialNote` per note. Notes stay
in the text; each note's span points into it. A paragraph that only continues the previous note
("This has been changed to ...", "We regret the error.") is merged into that note.

For corrections, the earlier and the current wording are taken from the note when it gives them:
the value after a cue such as "said (that)" / «говорилось, что» is the old wording, the value
after "changed to" / "should have said" / «на самом деле» is the new one. A value that opens
with a quotation mark is the quoted text; otherwise it runs to the end of its sentence.
"""

from __future__ import annotations

import re

from newstrace.model import EditorialNote, NoteKind, Span

__all__ = ["correction_wording", "find_notes", "note_kind"]

# Only the head of each paragraph is matched against the note formulas, so the cost of a
# paragraph is bounded whatever its length; old/new values are searched in the note's first
# characters only.
_HEAD_CHARS = 400
_VALUE_SEARCH_CHARS = 4000
_VALUE_MAX_CHARS = 400

_DECORATION = re.compile(r"[\s*_\[(\-—–•>#|]*")

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
# What may follow a label such as "Correction" before its text starts: an optional date in
# brackets, or after a comma (then a colon is required), then a colon, full stop or dash.
_LABEL_END = (
    r"(?:\s*\([^()\n]{0,60}\)|\s*\[[^\]\n]{0,60}\]"
    rf"|,\s*(?:\d|{_MONTH}\s*\d)[^:\n]{{0,40}}(?=:))?\s*[:.—–-]"
)
_NOUN = (
    r"(?:this\s+(?:article|story|report|piece|post|headline|text|item|column|caption|graphic"
    r"|video|newsletter|interview|photo\s+caption|explainer|analysis|obituary)"
    r"|the\s+(?:article|story|headline))"
)
_NOUN_RU = (
    r"(?:(?:эт(?:от|а|о|ой|ом)\s+|данн(?:ый|ая|ой|ом)\s+)?"
    r"(?:стать[еиюя]|материал[ае]?|текст[ае]?|заметк[еиа]|новост[иь]|публикаци[иия]))"
)

_KIND_PATTERNS: tuple[tuple[NoteKind, re.Pattern[str]], ...] = (
    (
        "clarification",
        re.compile(
            rf"clarifications?{_LABEL_END}"
            rf"|{_NOUN}\s+(?:has\s+been|had\s+been|was|is\s+being)\s+"
            r"(?:clarified|(?:updated|amended|changed|edited|revised)\s+to\s+clarify)"
            r"|updated?\s+to\s+clarify"
            rf"|уточнение{_LABEL_END}|{_NOUN_RU}\s+(?:был[аои]?\s+)?уточн[её]н",
            re.IGNORECASE,
        ),
    ),
    (
        "correction",
        re.compile(
            rf"corrections?{_LABEL_END}|correction\s+appended"
            r"|an?\s+(?:earlier|previous|prior|original|older)\s+version\s+of\s+"
            r"(?:this|the)\s+(?:article|story|report|piece|post|headline|text|item|caption"
            r"|photo\s+caption|graphic|video|newsletter|interview)"
            r"|an?\s+(?:earlier|previous|prior|original|older)\s+version\s+"
            r"(?:(?:incorrectly|mistakenly|wrongly|erroneously)\s+)?(?:misstated|misspelled"
            r"|misidentified|misnamed|misquoted|misattributed|said|stated|reported|gave|named"
            r"|referred|described|identified|included|omitted|quoted)\b"
            rf"|{_NOUN}\s+(?:has\s+been|had\s+been|have\s+been|was|is\s+being)\s+"
            r"(?:corrected|amended|(?:updated|changed|edited|revised)\s+to\s+correct)"
            rf"|{_NOUN}\s+(?:(?:originally|previously|initially|earlier)\s+)?"
            r"(?:incorrectly|mistakenly|wrongly|erroneously)\s"
            rf"|{_NOUN}\s+(?:originally|previously|initially)\s+(?:said|stated|reported|misstated"
            r"|gave|named|identified|described|referred)"
            r"|we\s+(?:have\s+)?(?:corrected|amended)\s"
            rf"|исправлени[ея]{_LABEL_END}|поправка{_LABEL_END}"
            rf"|ранее\s+в\s+{_NOUN_RU}"
            r"|в\s+(?:первоначальной|предыдущей|ранней|прежней|первой)\s+версии"
            rf"|{_NOUN_RU}\s+(?:был[аои]?\s+)?(?:исправлен|скорректирован)"
            r"|редакция\s+приносит\s+извинения",
            re.IGNORECASE,
        ),
    ),
    (
        "editors_note",
        re.compile(
            r"editors?['’]?s?\s+note\b|note\s+from\s+the\s+editors?\b"
            rf"|(?:a\s+)?note\s+to\s+(?:our\s+)?readers{_LABEL_END}"
            rf"|from\s+the\s+editors?{_LABEL_END}"
            rf"|примечание\s+редакции|от\s+редакции{_LABEL_END}|прим\.\s*ред\."
            r"|заметка\s+редакции",
            re.IGNORECASE,
        ),
    ),
    (
        "update",
        re.compile(
            rf"updated?{_LABEL_END}"
            r"|updated\s+(?:with|to\s+(?:add|include|reflect|incorporate)|on|at|as\s+of)\s"
            r"|updated\s+\d"
            rf"|{_NOUN}\s+(?:has\s+been|had\s+been|was|is\s+being|will\s+be|is)\s+"
            r"(?:updated|expanded|revised)"
            r"|this\s+is\s+a\s+(?:developing|breaking)\s+(?:news\s+)?story"
            r"|обновлено\s*(?:[:.—–(-]|\d|в\s+\d)"
            rf"|обновление{_LABEL_END}|дополнено\b"
            rf"|{_NOUN_RU}\s+(?:был[аои]?\s+)?(?:обновл[её]н|дополнен|дополняется|обновляется)"
            r"|новость\s+дополняется",
            re.IGNORECASE,
        ),
    ),
)

# A paragraph that continues the note before it.
_CONTINUATION = re.compile(
    r"(?:this|it|that|the\s+(?:article|story|text|headline|sentence|figure|passage|quote))\s+"
    r"(?:has\s+(?:now\s+)?been|was|is\s+now)\s+"
    r"(?:changed|corrected|amended|updated|fixed|removed|revised|replaced)"
    r"|(?:the\s+(?:article|story|text)\s+)?now\s+(?:says|reads|states)\b"
    r"|we\s+regret\s+the\s+error|we\s+apologi[sz]e"
    r"|(?:теперь|сейчас)\s+(?:в\s+)?(?:тексте|статье|материале)"
    r"|редакция\s+приносит\s+извинения|приносим\s+(?:свои\s+)?извинения",
    re.IGNORECASE,
)

_NEW_CUE = re.compile(
    r"\b(?:changed|corrected|amended|updated|altered|revised|fixed)\s+to"
    r"(?:\s+(?:say|read|state|reflect|show))?(?:\s+that)?(?=[\s\"“«‘'])"
    r"|\bshould\s+have\s+(?:said|read|stated|been|named|identified|described)(?:\s+that)?\b"
    r"|\bthe\s+correct\s+(?:[\w-]+\s+){0,2}(?:is|was|are|were)\b"
    r"|\b(?:it|this|the\s+article|the\s+story|the\s+text)\s+now\s+(?:says|reads|states)"
    r"(?:\s+that)?\b"
    r"|\b(?:rather\s+than|instead\s+of)\b"
    r"|\b(?:his|her|their|its)\s+(?:correct\s+)?(?:name|surname|age|title)\s+is\b"
    r"|\b(?:she|he|they|it)\s+(?:is|was|are|were)(?=\s+\d)"
    r"|на\s+самом\s+деле,?|в\s+действительности,?|(?:исправлено|заменено|изменено)\s+на"
    r"|правильно\s*[:—–-]|теперь\s+(?:в\s+(?:тексте|статье|материале)\s+)?"
    r"(?:говорится|указано|сказано)(?:,?\s+что)?",
    re.IGNORECASE,
)

_OLD_AS_CUE = re.compile(
    r"\b(?:misstated|misspelled|misidentified|misnamed|misreported|gave|listed|put|stated"
    r"|reported|described|identified|(?:incorrectly|wrongly|mistakenly)\s+(?:named|spelled"
    r"|referred\s+to))\s"
    r"[^.;\n]{1,200}?\s+as\s",
    re.IGNORECASE,
)

_OLD_CUE = re.compile(
    r"\b(?:(?:originally|previously|initially|incorrectly|mistakenly|wrongly|erroneously"
    r"|falsely)\s+)*"
    r"(?:said|stated|reported|wrote|read|claimed|described|called|named|identified|gave"
    r"|referred\s+to|quoted|listed|included|attributed|misstated|misreported|misquoted"
    r"|misspelled|misidentified|misnamed)(?:\s+that)?\b"
    r"|(?:ошибочно\s+)?(?:говорилось|утверждалось|указывалось|сообщалось|значилось"
    r"|было\s+(?:указано|написано|сказано|сообщено))(?:,?\s+что)?",
    re.IGNORECASE,
)

_CLOSING_QUOTE = {"“": "”", "«": "»", "„": "“”", '"': '"', "‘": "’", "'": "'"}
# End of a sentence: a full stop not right after a capital (so "U.S." does not end one), or
# another final mark, then space or the end; also "instead of"/"rather than" end an old value.
_VALUE_END = re.compile(
    r"(?<![A-ZА-ЯЁ])\.(?=\s|$)|[!?;](?=\s|$)|\s(?i:rather\s+than|instead\s+of)\s"
)


def find_notes(text: str) -> tuple[EditorialNote, ...]:
    """Find the editorial notes in a cleaned article text.

    Each line of ``text`` is taken as a paragraph (``clean_text`` separates paragraphs by blank
    lines). A paragraph is a note when it opens with a correction, update, clarification or
    editor's-note formula (English or Russian, leading ``*``, ``[`` or ``(`` ignored). The note's
    span covers the whole paragraph, extended over following paragraphs that only continue it.
    Runs in time linear in ``len(text)``.
    """
    runs: list[tuple[NoteKind, int, int]] = []
    in_note = False
    for match in re.finditer(r"[^\n]+", text):
        start, end = _strip_bounds(text, match.start(), match.end())
        if start >= end:
            continue
        head = text[start : min(end, start + _HEAD_CHARS)]
        kind = note_kind(head)
        if kind is None and in_note and _CONTINUATION.match(_undecorated(head)):
            runs[-1] = (runs[-1][0], runs[-1][1], end)
        elif kind is None:
            in_note = False
        else:
            runs.append((kind, start, end))
            in_note = True
    return tuple(_make_note(text, kind, start, end) for kind, start, end in runs)


def _strip_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``start:end`` so that it neither starts nor ends with whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def note_kind(paragraph: str) -> NoteKind | None:
    """The kind of editorial note ``paragraph`` opens, or ``None`` when it opens none."""
    body = _undecorated(paragraph[:_HEAD_CHARS])
    for kind, pattern in _KIND_PATTERNS:
        if pattern.match(body):
            return kind
    return None


def _undecorated(head: str) -> str:
    """``head`` without leading marks such as ``*``, ``[`` or ``(``."""
    decoration = _DECORATION.match(head)
    return head[decoration.end() :] if decoration else head


def _make_note(text: str, kind: NoteKind, start: int, end: int) -> EditorialNote:
    """Build the note record for ``text[start:end]``, with old/new wording for corrections."""
    span = Span.of(text, start, end, "note")
    old: str | None = None
    new: str | None = None
    if kind == "correction":
        old, new = correction_wording(span.text)
    return EditorialNote(kind=kind, text=span.text, span=span, old=old, new=new)


def correction_wording(note: str) -> tuple[str | None, str | None]:
    """The earlier and the current wording a correction note gives, each ``None`` if absent.

    >>> correction_wording('An earlier version said "ten". This has been changed to "twelve".')
    ('ten', 'twelve')
    """
    window = note[:_VALUE_SEARCH_CHARS]
    new: str | None = None
    new_region = (len(window), len(window))
    new_cue = _NEW_CUE.search(window)
    if new_cue is not None:
        new, value_end = _value_at(window, new_cue.end())
        new_region = (new_cue.start(), value_end)
    old: str | None = None
    as_cue = _OLD_AS_CUE.search(window)
    if as_cue is not None:
        old, _ = _value_at(window, as_cue.end())
    else:
        for cue in _OLD_CUE.finditer(window):
            if not new_region[0] <= cue.start() < new_region[1]:
                old, _ = _value_at(window, cue.end())
                break
    return old, new


def _value_at(text: str, pos: int) -> tuple[str | None, int]:
    """The wording that starts at ``pos`` (quoted text or the rest of the sentence)."""
    while pos < len(text) and text[pos] in " \t:,—–-":
        pos += 1
    if pos >= len(text):
        return None, pos
    opening = text[pos]
    if opening in _CLOSING_QUOTE:
        close = _closing_quote(text, pos + 1, _CLOSING_QUOTE[opening])
        if close is not None:
            value = text[pos + 1 : close].strip()
            return (value or None), close + 1
    limit = min(len(text), pos + _VALUE_MAX_CHARS)
    stop = _VALUE_END.search(text, pos, limit)
    end = stop.start() if stop is not None else limit
    value = text[pos:end].strip().rstrip(",:").strip()
    return (value or None), end


def _closing_quote(text: str, pos: int, closers: str) -> int | None:
    """Index of the quote mark closing a quotation that opened just before ``pos``."""
    limit = min(len(text), pos + _VALUE_MAX_CHARS)
    for i in range(pos, limit):
        if text[i] not in closers:
            continue
        # An apostrophe inside a word ("Russia’s") is not a closing quote.
        following = text[i + 1] if i + 1 < len(text) else ""
        if text[i] in "’'" and following.isalpha():
            continue
        return i
    return None
