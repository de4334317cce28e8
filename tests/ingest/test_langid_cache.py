"""The cached py3langid model classifies exactly as py3langid's own loader."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from py3langid.langid import MODEL_FILE, LanguageIdentifier

from newstrace.ingest import _langid_model

_TEXTS = [
    "The river authority said on Tuesday that the dam would be inspected next week.",
    "Власти региона заявили во вторник, что плотину проверят на следующей неделе.",
    "Die Behörde teilte am Dienstag mit, der Damm werde nächste Woche geprüft.",
    "Le ministère a indiqué mardi que le barrage serait inspecté la semaine prochaine.",
    "short",
]


@pytest.fixture(scope="module")
def reference() -> LanguageIdentifier:
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _same_model(ours: LanguageIdentifier, theirs: LanguageIdentifier) -> None:
    assert np.array_equal(ours.nb_ptc, theirs.nb_ptc)
    assert ours.nb_ptc.dtype == theirs.nb_ptc.dtype
    assert np.array_equal(ours.nb_pc, theirs.nb_pc)
    assert ours.nb_classes == theirs.nb_classes
    assert ours.tk_nextmove == theirs.tk_nextmove
    assert ours.tk_nextmove.typecode == theirs.tk_nextmove.typecode
    assert ours.tk_row == theirs.tk_row
    assert ours.tk_output == theirs.tk_output
    for text in _TEXTS:
        assert ours.classify(text) == theirs.classify(text)


def test_first_load_writes_cache_and_second_reads_it(
    tmp_path: Path, reference: LanguageIdentifier
) -> None:
    first = _langid_model.load_identifier(tmp_path)
    cached = _langid_model.cached_model_path(tmp_path)
    assert cached.is_file() and cached.parent == tmp_path
    assert [p.name for p in tmp_path.iterdir()] == [cached.name]
    _same_model(first, reference)
    _same_model(_langid_model.identifier_from_npz(cached), reference)


def test_damaged_cache_falls_back_and_is_rewritten(
    tmp_path: Path, reference: LanguageIdentifier
) -> None:
    cached = _langid_model.cached_model_path(tmp_path)
    cached.write_bytes(b"not a zip file")
    _same_model(_langid_model.load_identifier(tmp_path), reference)
    assert cached.stat().st_size > 1_000_000


def test_unwritable_cache_folder_still_loads(tmp_path: Path, reference: LanguageIdentifier) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the folder should be")
    _same_model(_langid_model.load_identifier(blocker / "sub"), reference)


def test_cache_name_follows_version_and_model_file(tmp_path: Path) -> None:
    name = _langid_model.cached_model_path(tmp_path).name
    size = _langid_model.packed_model().stat().st_size
    assert name.startswith("py3langid-") and f"-{size}-" in name and name.endswith(".npz")


def test_cache_dir_honours_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert _langid_model.cache_dir() == tmp_path / "newstrace"
