"""The pipeline's matrix products through numpy: the same products and the same annotations
as thinc's own BLAS. Texts are written for these tests."""

from __future__ import annotations

from typing import Any

import numpy
import pytest

from newstrace.analyze.options import AnalysisOptions

thinc_api = pytest.importorskip("thinc.api", reason="thinc (with spaCy) is not installed")

from newstrace.analyze._matmul_ops import MatmulOps, use_matmul_ops  # noqa: E402
from newstrace.analyze.nlp import load_nlp  # noqa: E402

SPACY = AnalysisOptions(backend="spacy")
ATTRS = ["TAG", "DEP", "HEAD", "POS", "SENT_START", "ENT_IOB", "ENT_TYPE"]
TEXTS = [
    "The ferry operator said on Tuesday that 300 passengers were stranded, officials told us.",
    "“We will not leave,” Mayor Lena Ortiz said. According to the port authority, "
    "prices rose 4.5% on Jan. 3 — a surprise to analysts who had expected a fall.",
    "Nothing here quotes anyone at all; it is a plain sentence about rain in Kyiv.",
]


@pytest.mark.parametrize("trans1", [False, True])
@pytest.mark.parametrize("trans2", [False, True])
@pytest.mark.parametrize("with_out", [False, True])
def test_gemm_matches_thinc(trans1: bool, trans2: bool, with_out: bool) -> None:
    rng = numpy.random.default_rng(7)
    x = rng.standard_normal((37, 19) if not trans1 else (19, 37)).astype("float32")
    y = rng.standard_normal((19, 23) if not trans2 else (23, 19)).astype("float32")
    expected = thinc_api.NumpyOps().gemm(x, y, trans1=trans1, trans2=trans2)
    ops = MatmulOps()
    if with_out:
        out = numpy.zeros((37, 23), dtype="float32")
        got = ops.gemm(x, y, out=out, trans1=trans1, trans2=trans2)
        assert got is out
    else:
        got = ops.gemm(x, y, trans1=trans1, trans2=trans2)
    assert got.shape == expected.shape and got.dtype == numpy.float32
    numpy.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-5)


def _nlp_or_skip() -> Any:
    nlp = load_nlp(SPACY, "en")
    if nlp is None:
        pytest.skip("no English spaCy model is installed")
    return nlp


def test_loaded_pipeline_uses_matmul_ops() -> None:
    nlp = _nlp_or_skip()
    for name in ("tok2vec", "parser"):
        nodes = list(nlp.get_pipe(name).model.walk())
        assert nodes and all(isinstance(node.ops, MatmulOps) for node in nodes)


def test_annotations_equal_thincs_own_blas() -> None:
    import spacy

    ours = _nlp_or_skip()
    theirs = spacy.load(ours.meta["lang"] + "_" + ours.meta["name"])
    assert not any(
        isinstance(node.ops, MatmulOps) for node in theirs.get_pipe("tok2vec").model.walk()
    )
    for text in TEXTS:
        assert (ours(text).to_array(ATTRS) == theirs(text).to_array(ATTRS)).all()
    use_matmul_ops(theirs)
    assert all(isinstance(n.ops, MatmulOps) for n in theirs.get_pipe("tok2vec").model.walk())
