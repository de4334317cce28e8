"""Offline language identification with py3langid (ISO 639-1 codes)."""

from __future__ import annotations

import re
from functools import lru_cache

from py3langid.langid import LanguageIdentifier

from newstrace.ingest._langid_model import load_identifier

MIN_LETTERS = 20
"""Fewer letters than this and :func:`detect_language` does not guess."""

MIN_CONFIDENCE = 0.5
"""Below this normalised probability :func:`detect_language` returns ``None``."""

_SAMPLE_CHARS = 20_000
_LETTER_RE = re.compile(r"[^\W\d_]")
_URL_RE = re.compile(r"\S+://\S+|\S+@\S+\.\w+")


@lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    """The model with normalised probabilities (loaded once; it is read-only afterwards).

    The unpacked model is kept in the user's cache folder (see ``_langid_model``).
    """
    return load_identifier()


def detect_language_scored(text: str) -> tuple[str | None, float]:
    """The most likely language of ``text`` and the model's probability for it.

    Returns ``(None, 0.0)`` when the text has fewer than :data:`MIN_LETTERS` letters.
    """
    sample = _URL_RE.sub(" ", text[:_SAMPLE_CHARS])
    if len(_LETTER_RE.findall(sample)) < MIN_LETTERS:
        return None, 0.0
    lang, confidence = _identifier().classify(sample)
    return str(lang), float(confidence)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the language ``text`` is written in, or ``None`` when unsure.

    ``None`` means too little text (under :data:`MIN_LETTERS` letters) or a probability under
    :data:`MIN_CONFIDENCE`. Runs offline.
    """
    lang, confidence = detect_language_scored(text)
    if lang is None or confidence < MIN_CONFIDENCE or len(lang) != 2:
        return None
    return lang


def normalise_language(value: str | None) -> str | None:
    """``"en-US"`` / ``"EN_gb"`` / ``" ru "`` to the primary subtag ``"en"`` / ``"ru"``."""
    if not value:
        return None
    primary = re.split(r"[-_\s,;]", value.strip().lower(), maxsplit=1)[0]
    return primary if primary.isalpha() and 2 <= len(primary) <= 3 else None
