"""Speaker labels: a line that opens with a name and a colon ("NAME: words").

Headlines credit their words to someone with a colon instead of a speech verb, interview
transcripts open each turn with the speaker's name, and digests put a quotation after its
author's name::

    Jane Doe: Budget Cuts 'Will Hurt Schools'
    SMITH: Well, I think the plan is sound.
    Turnout was higher than expected - Ann Lee: “We saw lines at every school.”

The colon is the cue, the name the source and the rest of the line the content. Three layouts
are read, all without a parse:

* the headline (the first line of the text), when its label reads as a name mentioned again
  in the article (capitalised, inside a sentence), so that section labels ("The Latest:",
  "Update:"), kickers and datelines (in capitals with a word longer than an acronym:
  "BREAKING:", "NEW DELHI:") and title-case heading phrases are left alone; a topic after
  the name ("Jane Doe on Taxes:") stays out of the source, a kicker before a dash
  ("EXCLUSIVE – Jane Doe:") too;
* transcript turns: every line that opens with a name-shaped label in a text where at least
  two speakers (a label's last word: "JOEL SMITH", then "SMITH") open two lines or more;
* a label of any other line whose words open with a quotation mark (a heading before a dash
  left out, names joined by "and" read as one).

A label is one to four capitalised words (a party tag may follow: "Ann Lee (D-Ohio)"): no
digits, no possessive or comma, no determiner or cue word among several ("The Latest:",
"Said Lee:", "Lee Calls For Calm:"), not a single letter ("Q:" and "A:" name no one). The
words after it must hold a letter (a score table, "Smith: 1,204.", is no statement). Drafts
whose cue lies on a label line are taken out (offered for nesting); a draft already on the
colon gives way. A cue that is a bare colon (the cue model's reading) with no source takes
the name of a name-shaped label at that colon as its source (its content and the drafts
beside it stay), and is dropped when only figures follow it on its line.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from newstrace.analyze._attr_lexicon import LanguageData
from newstrace.analyze._attr_spans import Draft, Range, sentence_of
from newstrace.model import Span

#: a line opening with a label (no sentence punctuation) and a colon followed by a space or
#: a quotation mark (not "11:20", not "http://")
_LABEL_LINE = re.compile(
    r"^[ \t\u00a0]*[\"“']?(?P<label>[^\n:!?;\"“”]{1,160}?)[ \t\u00a0]*:(?=[ \t\u00a0\n\"“])",
    re.MULTILINE,
)
_WORD = re.compile(r"[^\s\u00a0]+")
#: dashes that set a kicker or heading off a name ("EXCLUSIVE – Jane Doe")
_KICKER = re.compile(r"\s(?:–|—|-{1,2})\s*")
#: words after a name that start its topic when one of the next two words is capitalised
#: ("Jane Doe on Taxes", "Doe on the Budget", "Doe to Voters")
_TOPIC = frozenset({"on", "to", "at", "about", "for", "in"})
#: words that join two names ("Ann Lee and Bo Kim")
_JOINS = frozenset({"and", "&"})
#: longest name, in words
_MAX_WORDS = 4
_LETTER = re.compile(r"[^\W\d_]")
#: a tag in brackets after a name ("(D-Ohio)", "(R)")
_AFFILIATION = re.compile(r"\([^\s()\d]{1,12}\)")
#: longest word in capitals read as an acronym ("AP:", "NATO:") rather than a kicker
_ACRONYM = 4


@dataclass(frozen=True, slots=True)
class _Label:
    """One line-initial label: its colon and the names it may give in each layout."""

    colon: int
    #: the whole label as a name (transcript turns)
    whole: Range | None
    #: the headline's name (kicker and topic left out), ``None`` off the first line
    title: Range | None
    #: the name before a quotation (kicker left out, names joined by "and")
    quoted: Range | None


def label_drafts(
    text: str, sentences: Sequence[Span], lang: LanguageData, *, weak: bool = False
) -> list[Draft]:
    """One draft per speaker label of ``text`` (see the module docstring). With ``weak``, every
    line-initial label shaped as a name gives one (for a colon the cue model chose)."""
    return _drafts_of(text, _labels(text, lang), sentences, weak=weak)


def _drafts_of(
    text: str, labels: list[_Label], sentences: Sequence[Span], *, weak: bool
) -> list[Draft]:
    """The drafts of already found ``labels`` (``label_drafts``)."""
    turns = Counter(_last_word(text, label.whole) for label in labels if label.whole)
    transcript = weak or sum(count >= 2 for count in turns.values()) >= 2
    starts = [s.start for s in sentences]
    drafts: list[Draft] = []
    for label in labels:
        title = label.title
        if title is not None and not (weak or _mentioned_again(text, title, label.colon)):
            title = None
        name = title or (label.whole if transcript else None) or label.quoted
        if name is None:
            continue
        colon = label.colon
        drafts.append(
            Draft(
                cue=(colon, colon + 1),
                source=name,
                content=[(colon + 1, _line_end(text, colon))],
                sentence_index=sentence_of(starts, colon),
                pattern="label",
            )
        )
    return drafts


def with_labels(
    text: str, sentences: Sequence[Span], drafts: list[Draft], lang: LanguageData
) -> tuple[list[Draft], list[Draft]]:
    """``drafts`` with the speaker labels of ``text`` added (see the module docstring); the
    drafts whose cue lies on a label line are returned second (for nesting)."""
    drafts = [d for d in drafts if not _empty_colon(text, d)]
    labels = _labels(text, lang)
    labelled = _drafts_of(text, labels, sentences, weak=False)
    colons = {d.cue for d in labelled}
    bare = {
        colon: d
        for d in drafts
        if d.source is None and (colon := _colon(text, d.cue)) is not None and colon not in colons
    }
    if bare:  # the cue model's own reading keeps its content and the drafts beside it
        for reading in _drafts_of(text, labels, sentences, weak=True):
            if reading.cue in bare:
                bare[reading.cue].source = reading.source
    if not labelled:
        return drafts, []
    lines = [(d.source[0] if d.source else d.cue[0], d.content[0][1]) for d in labelled]
    kept: list[Draft] = []
    displaced: list[Draft] = []
    for draft in drafts:
        if _colon(text, draft.cue) in colons:
            continue
        (displaced if _within(draft.cue, lines) else kept).append(draft)
    return kept + labelled, displaced


def _labels(text: str, lang: LanguageData) -> list[_Label]:
    """The line-initial labels of ``text`` that are followed by words."""
    # a label of several words with a determiner ("The Latest") or a cue word ("Said Lee",
    # "Lee Calls For Calm") is no name
    not_name = frozenset(lang.extra.get("noun_determiners", ())) | frozenset(lang.cue_forms)
    openers = (*(pair[0] for pair in lang.quote_pairs), "‘", "'")
    first = len(text) - len(text.lstrip())  # where the headline starts
    labels: list[_Label] = []
    for match in _LABEL_LINE.finditer(text):
        colon = match.end() - 1
        if not _says_something(text, colon + 1):
            continue
        span = match.span("label")
        headline = match.start() <= first
        rest = text[colon + 1 : _line_end(text, colon)].lstrip()
        labels.append(
            _Label(
                colon=colon,
                whole=_name_of(text, span, not_name),
                title=_title_of(text, span, not_name) if headline else None,
                quoted=(
                    _name_of(text, span, not_name, kicker=True, joined=True)
                    if rest.startswith(openers) and not headline
                    else None
                ),
            )
        )
    return labels


def _title_of(text: str, label: Range, not_name: frozenset[str]) -> Range | None:
    """The name a headline's label gives; a label in capitals with a word longer than an
    acronym is a kicker or a dateline ("EXCLUSIVE:", "NEW DELHI:")."""
    name = _name_of(text, label, not_name, kicker=True, topic=True)
    if name is None:
        return None
    words = text[name[0] : name[1]]
    capitals = words.isupper() and any(len(word) > _ACRONYM for word in words.split())
    return None if capitals else name


def _empty_colon(text: str, draft: Draft) -> bool:
    """Whether a draft's cue is a bare colon followed on its line by figures without a letter
    ("Smith: 1,204.")."""
    colon = _colon(text, draft.cue)
    if colon is None:
        return False
    rest = text[colon[1] : _line_end(text, colon[1])]
    return bool(rest.strip()) and not _says_something(text, colon[1])


def _colon(text: str, cue: Range) -> Range | None:
    """The range of the colon a cue is (spaces around it trimmed); ``None`` for another cue."""
    at = text.find(":", *cue)
    if at < 0 or text[cue[0] : cue[1]].strip() != ":":
        return None
    return at, at + 1


def _within(cue: Range, areas: list[Range]) -> bool:
    return any(start <= cue[0] and cue[1] <= end for start, end in areas)


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


def _says_something(text: str, start: int) -> bool:
    """Whether the rest of the line from ``start`` holds a letter."""
    return _LETTER.search(text, start, _line_end(text, start)) is not None


def _name_of(
    text: str,
    label: Range,
    not_name: frozenset[str],
    *,
    kicker: bool = False,
    topic: bool = False,
    joined: bool = False,
) -> Range | None:
    """The name a label gives, or ``None`` when it does not read as one. With ``kicker``, a
    kicker or heading before a dash is left out, with ``topic`` a topic after the name; with
    ``joined``, names joined by "and" read as one."""
    start, end = label
    if kicker:
        for found in _KICKER.finditer(text, start, end):
            start = found.end()
    found_words = list(_WORD.finditer(text, start, end))
    words = [w.group() for w in found_words]
    spans = [w.span() for w in found_words]
    if topic:
        for index, word in enumerate(words[1:-1], start=1):
            if word.lower() in _TOPIC and any(w[0].isupper() for w in words[index + 1 : index + 3]):
                words, spans = words[:index], spans[:index]
                break
    parts = _split_joined(words) if joined else [words]
    if not parts or any(not 0 < len(part) <= _MAX_WORDS for part in parts):
        return None
    if len(words) == 1 and len(words[0]) == 1:
        return None  # "Q:", "A:": an interview's turns, but no name to resolve
    if len(words) > 1 and any(word.lower() in not_name for word in words):
        return None
    if words and _AFFILIATION.fullmatch(words[-1]) and len(words) > 1:
        parts[-1] = parts[-1][:-1]  # "Jane Doe (D-Ohio)": a party and state tag
    if not all(_name_word(word) for part in parts for word in part):
        return None
    return spans[0][0], spans[-1][1]


def _split_joined(words: list[str]) -> list[list[str]]:
    """``words`` split at the words that join names ("Ann Lee and Bo Kim")."""
    parts: list[list[str]] = [[]]
    for word in words:
        if word.lower() in _JOINS:
            parts.append([])
        else:
            parts[-1].append(word)
    return parts


def _name_word(word: str) -> bool:
    """Whether a word can be part of a name: capitalised, no digits, not a possessive, no
    comma after it ("Springfield, Ohio:" is a dateline)."""
    if not word[0].isupper() or any(ch.isdigit() for ch in word):
        return False
    return not word.endswith(("'s", "’s", "'", "’", ","))


def _last_word(text: str, name: Range) -> str:
    """The last word of a name, a party tag after it left out."""
    words = text[name[0] : name[1]].split()
    return words[-2] if len(words) > 1 and _AFFILIATION.fullmatch(words[-1]) else words[-1]


def _mentioned_again(text: str, name: Range, colon: int) -> bool:
    """Whether the name's last word occurs capitalised inside a sentence after the line of
    ``colon`` (an all-capitals word of four letters or more in any capitalisation)."""
    after = _line_end(text, colon)
    last = _last_word(text, name).rstrip(".")
    if len(last) < 2:
        return False
    flags = re.IGNORECASE if last.isupper() and len(last) > _ACRONYM - 1 else 0
    for found in re.compile(rf"(?<!\w){re.escape(last)}(?!\w)", flags).finditer(text, after):
        before = _previous_visible(text, found.start())
        if found.group()[0].isupper() and before not in '.!?\n"“”':
            return True
    return False


def _previous_visible(text: str, pos: int) -> str:
    """The last character before ``pos`` that is not a space or tab ("\\n" when none)."""
    while pos > 0 and text[pos - 1] in " \t\u00a0":
        pos -= 1
    return text[pos - 1] if pos > 0 else "\n"
