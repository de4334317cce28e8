"""Load py3langid's model without unpacking its LZMA file in every process.

py3langid ships its model as an LZMA-compressed ``.npz`` (4.6 MB packed, 68 MB unpacked) and
unpacks it on every load, about 0.4 s of CPU: most of the language detection cost of a
one-shot run. The unpacked ``.npz`` is kept in the user's cache folder
(``$XDG_CACHE_HOME/newstrace`` or ``~/.cache/newstrace``), named after the py3langid version and
the packed file's size and modification time, so a new model or version gets a new file. Both
paths build the identifier from the same arrays the way ``LanguageIdentifier.from_model_file``
does, so it classifies exactly as py3langid's own loader (tested). Any trouble with the cache
(unwritable folder, damaged file) falls back to unpacking in memory.
"""

from __future__ import annotations

import contextlib
import io
import lzma
import zipfile
from array import array
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import IO, Any

import numpy as np
from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

from newstrace._cache import cache_dir, write_atomic

_TYPECODE = {2: "H", 4: "I", 8: "L"}
_KEYS = ("ptc", "pc", "classes", "nextmove", "nextmove_row", "out_feat")


def packed_model() -> Path:
    """py3langid's packaged model file."""
    return Path(str(MODEL_DIR)) / str(MODEL_FILE)


def cached_model_path(folder: Path | None = None) -> Path:
    """Where the unpacked model of the installed py3langid is kept."""
    packed = packed_model()
    stat = packed.stat()
    try:
        release = version("py3langid")
    except PackageNotFoundError:
        release = "unknown"
    name = f"py3langid-{release}-{stat.st_size}-{stat.st_mtime_ns}.npz"
    return (folder or cache_dir()) / name


def _stdlib_array(values: Any) -> array[int]:
    """An unsigned numpy array as a stdlib ``array`` of the same item size (as py3langid)."""
    out: array[int] = array(_TYPECODE[values.dtype.itemsize])
    contiguous: Any = np.ascontiguousarray(values)
    out.frombytes(memoryview(contiguous).cast("B"))
    return out


def identifier_from_npz(source: IO[bytes] | Path) -> LanguageIdentifier:
    """A normalised-probability identifier from an unpacked model ``.npz``."""
    with np.load(source, allow_pickle=False) as data:
        if any(key not in data.files for key in _KEYS):
            raise ValueError("unsupported py3langid model layout")
        return LanguageIdentifier(
            np.asarray(data["ptc"]),
            np.asarray(data["pc"]),
            data["classes"].tolist(),
            _stdlib_array(data["nextmove"]),
            data["out_feat"].tolist(),
            norm_probs=True,
            tk_row=_stdlib_array(data["nextmove_row"]),
        )


def load_identifier(folder: Path | None = None) -> LanguageIdentifier:
    """py3langid's model with normalised probabilities, from the cache when possible."""
    cached = cached_model_path(folder)
    try:
        return identifier_from_npz(cached)
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile):
        pass
    with lzma.open(packed_model()) as packed:
        unpacked = packed.read()
    with contextlib.suppress(OSError):
        write_atomic(cached, unpacked)
    return identifier_from_npz(io.BytesIO(unpacked))
