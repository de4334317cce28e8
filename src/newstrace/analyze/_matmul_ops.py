"""Matrix products of a loaded spaCy pipeline through numpy instead of thinc's bundled BLIS.

thinc's ``NumpyOps.gemm`` calls the BLIS build that ships with the ``blis`` wheel. On the
machines newstrace was measured on, that build runs a 20,000 x 288 by 288 x 288 product at
about 29 GFLOP/s on one core, where numpy's own BLAS does it at about 95 GFLOP/s. The
products are nearly all of the token-to-vector encoder's time and much of the parser's, so
routing them through ``numpy.matmul`` halves the neural part of parsing; every tag, head,
label and sentence start on the 84 PolNeAR dev texts came out identical
(``bench/analyze_speed/RESULTS.md``).

Only the models of the pipeline given are changed: thinc's process-wide default stays as it
is for any other model the caller runs.
"""

from __future__ import annotations

from typing import Any

import numpy
from thinc.api import NumpyOps


class MatmulOps(NumpyOps):  # type: ignore[misc]  # thinc's classes are untyped for mypy here
    """``NumpyOps`` whose ``gemm`` is ``numpy.matmul`` (same shapes, same float32 results)."""

    def gemm(
        self,
        x: Any,
        y: Any,
        out: Any | None = None,
        trans1: bool = False,
        trans2: bool = False,
    ) -> Any:
        """``x @ y`` with either operand transposed as asked, written into ``out`` if given."""
        a = x.T if trans1 else x
        b = y.T if trans2 else y
        if out is None:
            return numpy.matmul(a, b)
        numpy.matmul(a, b, out=out)
        return out


def use_matmul_ops(nlp: Any) -> None:
    """Give every thinc model node of ``nlp``'s components a shared :class:`MatmulOps`."""
    ops = MatmulOps()
    for _name, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is None or not hasattr(model, "walk"):
            continue
        for node in model.walk():
            node.ops = ops
