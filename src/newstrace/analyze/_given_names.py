"""Given names and surnames, for telling a person's name from an organisation's.

The names come from the person-name tables that the Faker package ships for its many locales
(MIT licensed, installed offline like any dependency): Latin-script names as they are, names in
other scripts both as written and transliterated to Latin ("Галина" also gives "Galina"), so a
Russian given name is recognised in an English article too.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterable, Mapping
from functools import lru_cache

from unidecode import unidecode

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


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Every given name of Faker's person providers, as written and transliterated to Latin."""
    return _names(_TABLES)


@lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
    """Every surname of Faker's person providers, as written and transliterated to Latin."""
    return _names(_SURNAME_TABLES)


def _names(tables: tuple[str, ...]) -> frozenset[str]:
    import faker.providers.person as person

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


def is_given_name(word: str) -> bool:
    """Whether ``word`` (capitalised, as written) is a known given name."""
    return word in given_names()


def is_surname(word: str) -> bool:
    """Whether ``word`` (capitalised, as written) is a known surname ("Hughes", "Evans")."""
    return word in surnames()
