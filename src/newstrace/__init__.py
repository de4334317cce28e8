"""newstrace: what every outlet says about a news story, where each claim came from.

The public API is small: records from :mod:`newstrace.model`, :func:`ingest` to turn inputs
into articles, :func:`analyze` for one article's claims (:func:`analyze_many` for many, parsed in
batches), :func:`build_story_view` for one
story's claim groups, provenance, discrepancies, timeline and notes (its ``to_dict()`` is the
JSON of ``newstrace analyze``), :func:`outlet_profiles` across stories, and :class:`Store`
for persistence. Heavier modules load on first use, so ``import newstrace`` stays fast.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from newstrace.errors import FetchError, InputError, NewstraceError, StoreError
from newstrace.model import (
    Article,
    ArticleAnalysis,
    Attribution,
    ChainLink,
    Claim,
    EditorialNote,
    Mention,
    Quantity,
    Rejection,
    Removal,
    Span,
    Speaker,
    TimeRef,
)

__version__ = "0.1.0"

_LAZY = {
    "analyze": "newstrace.analyze",
    "analyze_many": "newstrace.analyze",
    "AnalysisOptions": "newstrace.analyze.options",
    "ingest": "newstrace.ingest",
    "IngestOptions": "newstrace.ingest",
    "MetaIndex": "newstrace.ingest",
    "Store": "newstrace.store",
    "build_story_view": "newstrace.link.story_view",
    "group_claims": "newstrace.link.claims",
    "outlet_profiles": "newstrace.link.profiles",
}

__all__ = [
    "AnalysisOptions",
    "Article",
    "ArticleAnalysis",
    "Attribution",
    "ChainLink",
    "Claim",
    "EditorialNote",
    "FetchError",
    "IngestOptions",
    "InputError",
    "Mention",
    "MetaIndex",
    "NewstraceError",
    "Quantity",
    "Rejection",
    "Removal",
    "Span",
    "Speaker",
    "Store",
    "StoreError",
    "TimeRef",
    "__version__",
    "analyze",
    "analyze_many",
    "build_story_view",
    "group_claims",
    "ingest",
    "outlet_profiles",
]


def __getattr__(name: str) -> Any:
    """Load the heavier parts of the API on first use."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'newstrace' has no attribute {name!r}")
    return getattr(import_module(module), name)
