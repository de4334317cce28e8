"""Test-wide settings and fixtures: the suite keeps its caches out of the user's cache folder;
``find_attrs`` runs the attribution step on a text in either mode."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator

import pytest

from newstrace.analyze.attribution import RawAttribution, find_attributions
from newstrace.analyze.nlp import load_nlp, parse
from newstrace.analyze.options import AnalysisOptions
from newstrace.analyze.sentences import split_sentences

FindAttrs = Callable[..., tuple[RawAttribution, ...]]


@pytest.fixture(scope="session", autouse=True)
def _private_cache_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Point ``XDG_CACHE_HOME`` at a temporary folder for the whole session, so tests that
    load the language model or the name tables never write into ``~/.cache``."""
    before = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("xdg-cache"))
    yield
    if before is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = before


@pytest.fixture
def find_attrs() -> FindAttrs:
    """``find(text, backend="spacy")``: the English attributions of ``text``, the whole text
    parsed in spaCy mode; the test is skipped when that mode has no English model installed."""

    def find(text: str, backend: str = "spacy") -> tuple[RawAttribution, ...]:
        options = AnalysisOptions(backend=backend, parse_scope="all")  # type: ignore[arg-type]
        if backend == "spacy" and load_nlp(options, "en") is None:
            pytest.skip("no English spaCy model installed")
        doc = parse(text, options, "en")
        sentences = split_sentences(text, language="en", doc=doc)
        return find_attributions(text, language="en", sentences=sentences, doc=doc)

    return find
