"""Given names and surnames, for telling a person's name from an organisation's.

The names come from the person-name tables that the Faker package ships for its many locales
(MIT licensed, installed offline like any dependency): Latin-script names as they are, names in
other scripts both as written and transliterated to Latin ("Галина" also gives "Galina"), so a
Russian given name is recognised in an English article too.

Building the two sets imports about a hundred Faker locale modules and transliterates every
name (about 0.5 s of CPU), so they are kept in the user's cache folder
(``$XDG_CACHE_HOME/newstrace`` or ``~/.cache/newstrace``) in a small text file named after the
cache format and the Faker and Unidecode versions: a new release gets a new file. Any trouble
with the cache (unwritable folder, damaged file) falls back to building in memory.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import pkgutil
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path

from newstrace._cache import cache_dir, write_atomic

_FORMAT = 1
_MAGIC = "newstrace-person-names"

_TABLES = ("first_names", "first_names_male", "first_names_female")
_SURNAME_TABLES = ("last_names", "last_names_male", "last_names_female")


def _table(provider: type, name: str) -> Iterable[str]:
    """One name table of a Faker person provider (a list, or a mapping name -> weight)."""
    for klass in provider.__mro__:
        if name in klass.__dict__:
            value = klass.__dict__[name]
            if isinstance(value, Mapping):
                return [str(k) for k in value]
            if isinstance(value, list | tuple):
                return [str(v) for v in value]
            return []
    return []


Tables = tuple[frozenset[str], frozenset[str]]


def given_names() -> frozenset[str]:
    """Every given name of Faker's person providers, as written and transliterated to Latin."""
    return _cached_tables()[0]


def surnames() -> frozenset[str]:
    """Every surname of Faker's person providers, as written and transliterated to Latin."""
    return _cached_tables()[1]


@lru_cache(maxsize=1)
def _cached_tables() -> Tables:
    return load_tables()


def build_tables() -> Tables:
    """The given names and the surnames, built from Faker's person providers."""
    return _names(_TABLES), _names(_SURNAME_TABLES)


def _names(tables: tuple[str, ...]) -> frozenset[str]:
    import faker.providers.person as person
    from unidecode import unidecode

    found: set[str] = set()
    for module_info in pkgutil.iter_modules(person.__path__):
        module = importlib.import_module(f"{person.__name__}.{module_info.name}")
        provider = getattr(module, "Provider", None)
        if not isinstance(provider, type):
            continue
        for table in tables:
            for name in _table(provider, table):
                if name[:1].isupper():
                    found.add(name)
                    found.add(unidecode(name))
    return frozenset(found)


def cached_tables_path(folder: Path | None = None) -> Path:
    """Where the name sets built from the installed Faker and Unidecode are kept."""
    from importlib.metadata import PackageNotFoundError, version

    releases = []
    for package in ("Faker", "Unidecode"):
        try:
            releases.append(version(package))
        except PackageNotFoundError:
            releases.append("unknown")
    name = f"person-names-v{_FORMAT}-faker-{releases[0]}-unidecode-{releases[1]}.txt"
    return (folder or cache_dir()) / name


def encode_tables(tables: Tables) -> str:
    """The two sets as text: a header (both sizes, a digest), then one sorted name a line."""
    given, family = tables
    names = [*sorted(given), *sorted(family)]
    if any(name.splitlines() != [name] for name in names):
        raise ValueError("a name that cannot be written one a line")
    body = "".join(f"{name}\n" for name in names)
    return f"{_MAGIC} {_FORMAT} {len(given)} {len(family)} {_digest(body)}\n{body}"


def decode_tables(text: str) -> Tables:
    """The two sets back from :func:`encode_tables`'s text; ``ValueError`` if it is damaged."""
    header, _, body = text.partition("\n")
    fields = header.split(" ")
    if len(fields) != 5 or fields[0] != _MAGIC or fields[1] != str(_FORMAT):
        raise ValueError("not a person-names cache file")
    if fields[4] != _digest(body):
        raise ValueError("damaged person-names cache file")
    given_count = int(fields[2])
    names = body.split("\n")[:-1]
    given, family = frozenset(names[:given_count]), frozenset(names[given_count:])
    if (len(given), len(family)) != (given_count, int(fields[3])):
        raise ValueError("inconsistent person-names cache file")
    return given, family


def _digest(body: str) -> str:
    return hashlib.blake2b(body.encode("utf-8"), digest_size=16).hexdigest()


def load_tables(folder: Path | None = None) -> Tables:
    """The given names and the surnames, from the cache file when possible."""
    cached = cached_tables_path(folder)
    try:
        return decode_tables(cached.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    tables = build_tables()
    with contextlib.suppress(OSError, ValueError):
        write_atomic(cached, encode_tables(tables).encode("utf-8"))
    return tables


def is_given_name(word: str) -> bool:
    """Whether ``word`` (capitalised, as written) is a known given name."""
    return word in given_names()


def is_surname(word: str) -> bool:
    """Whether ``word`` (capitalised, as written) is a known surname ("Hughes", "Evans")."""
    return word in surnames()
