"""One exception hierarchy with readable messages."""

from __future__ import annotations


class NewstraceError(Exception):
    """Base class of every error newstrace raises on purpose."""


class InputError(NewstraceError):
    """An input that cannot be turned into an article; the message names the input and why."""

    def __init__(self, input_name: str, reason: str) -> None:
        super().__init__(f"{input_name}: {reason}")
        self.input_name = input_name
        self.reason = reason


class FetchError(InputError):
    """A URL that could not be fetched (refused, unreachable, too large, wrong type)."""


class StoreError(NewstraceError):
    """The store could not complete an operation; nothing already stored was changed."""
