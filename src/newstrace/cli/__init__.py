"""The ``newstrace`` command line: a thin face over the library.

Exit codes: 0 all good, 1 some inputs rejected (the others were still processed), 2 usage error.
"""

from newstrace.cli import analysis, articles, clef, evaluate, outlets, report, similar, stories
from newstrace.cli._common import main

__all__ = [
    "analysis",
    "articles",
    "clef",
    "evaluate",
    "main",
    "outlets",
    "report",
    "similar",
    "stories",
]
