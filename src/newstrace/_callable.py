"""Packages that can be called like the function they are named after.

``newstrace.analyze`` and ``newstrace.ingest`` are both a function of the public API and a
subpackage. Python binds a subpackage onto its parent as soon as it is imported, so after
``import newstrace.analyze.options`` (or any first use) the name ``newstrace.analyze`` is the
package, not the function. Giving the package a ``__call__`` that runs the function keeps
``newstrace.analyze(article)`` working whichever of the two the name holds.
"""

from __future__ import annotations

import sys
import types
from collections.abc import Callable
from typing import Any


def make_callable(module_name: str, function: Callable[..., Any]) -> None:
    """Make the loaded module ``module_name`` callable as ``function``."""

    class CallableModule(types.ModuleType):
        def __call__(self, *args: Any, **kwargs: Any) -> Any:
            return function(*args, **kwargs)

    sys.modules[module_name].__class__ = CallableModule
