"""A content never runs over a paragraph break, unless a quotation carries it over."""

from __future__ import annotations

from newstrace.analyze import AnalysisOptions, analyze
from newstrace.analyze._attr_content import Paragraphs
from newstrace.analyze._attr_quotes import quote_regions
from newstrace.model import Article

PAIRS = (("“", "”"),)


def test_a_headline_is_not_taken_into_the_next_paragraphs_content() -> None:
    text = "Ferry fares rise\n\nFares will rise by 5%, the operator said on Monday."
    article = Article(id="f", text=text, outlet="Coast Daily", language="en")
    found = analyze(article, AnalysisOptions()).attributions
    contents = [c.text for a in found for c in a.content]
    assert "Fares will rise by 5%" in contents
    assert not any("Ferry fares rise" in c for c in contents)


def test_clip_keeps_a_quotation_that_runs_over_the_break() -> None:
    text = "He said: “The fares will rise.\n\n“The ferries will run.” Then he left.\n\nNext."
    paragraphs = Paragraphs.of(text)
    regions = quote_regions(text, PAIRS)
    cue = (text.index("said"), text.index("said") + 4)
    whole = (text.index("“"), text.index(" Then"))  # the quotation, marks included
    assert paragraphs.clip([whole], cue, regions) == [whole]
    too_far = (text.index("“"), len(text))  # runs into "Next." outside any quotation
    clipped = paragraphs.clip([too_far], cue, regions)
    assert clipped == [(too_far[0], paragraphs.ends[1])]


def test_clip_cuts_plain_text_before_the_cues_paragraph() -> None:
    text = "Title line\n\nBody sentence, she said."
    paragraphs = Paragraphs.of(text)
    cue = (text.index("said"), text.index("said") + 4)
    assert paragraphs.clip([(0, text.index(","))], cue, ()) == [(12, text.index(","))]
