"""The user's cache folder for newstrace, shared by the modules that keep files there."""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir() -> Path:
    """The user's cache folder for newstrace (``$XDG_CACHE_HOME/newstrace`` by default)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "newstrace"
