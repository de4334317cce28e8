"""Excerpts are shown in quotation marks exactly once."""

from __future__ import annotations

import pytest

from newstrace.quoting import in_quotes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the ferry will stop", "“the ferry will stop”"),
        ("We will not wait for the river,", "“We will not wait for the river”"),
        ("“We will not wait for the river,”", "“We will not wait for the river”"),
        ("«Мы не станем ждать»", "“Мы не станем ждать”"),
        ('"Keep   calm."', "“Keep calm.”"),
        ("“We go,” she said", "“We go,” she said"),
        ("she said: “We go.”", "she said: “We go.”"),
        ("the workers’ union", "“the workers’ union”"),
        ("", "“”"),
    ],
)
def test_in_quotes(text: str, expected: str) -> None:
    assert in_quotes(text) == expected
