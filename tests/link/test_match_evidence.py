"""Event words (lexical evidence of the matcher), invented words."""

from __future__ import annotations

from newstrace.link._match_evidence import event_keys, word_key


def test_event_keys_skip_names_and_common_words() -> None:
    keys = event_keys("Harbourton engineers were fortifying the levee on Tuesday", "en")
    assert word_key("levee") in keys and word_key("fortifying") in keys
    assert word_key("Harbourton") not in keys  # a name
    assert word_key("Tuesday") not in keys  # a day, capitalised
    assert word_key("were") not in keys  # a common word
