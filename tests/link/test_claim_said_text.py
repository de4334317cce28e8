"""What the matcher sees of a claim: the speaker, the cue and a trailing reporting clause are
cut out, a quotation that fills the content stands alone, a short clause keeps the words of
its sentence that are not another claim's, and a fragment beside a sibling matches nothing."""

from __future__ import annotations

from newstrace.link.claim_match import ClaimMatcher, MatchOptions, claim_match_text, said_text
from newstrace.model import Attribution, ChainLink, Claim, Mention, Span, Speaker

SILENT = ClaimMatcher(MatchOptions(embedding="none"))


def _claim(
    sentence: str,
    content: str,
    *,
    speaker: str | None = None,
    cue: str | None = None,
    mentions: tuple[tuple[str, str], ...] = (),
) -> Claim:
    whole = Span.of(sentence, 0, len(sentence), "sentence")
    start = sentence.index(content)
    body = Span.of(sentence, start, start + len(content), "content")

    def span(phrase: str | None, label: str) -> Span | None:
        if phrase is None:
            return None
        at = sentence.index(phrase)
        return Span.of(sentence, at, at + len(phrase), label)

    source = span(speaker, "source")
    found = tuple(
        Mention(Span.of(sentence, sentence.index(t), sentence.index(t) + len(t)), "person", key)
        for t, key in mentions
    )
    return Claim(
        id="a:c1",
        sentence=whole,
        content=body,
        attribution=Attribution(
            speaker=Speaker("official" if source else "self", speaker or "Daily", False, source),
            cue=span(cue, "cue"),
            content=(body,),
            chain=(ChainLink("Daily", "outlet"),),
        ),
        mentions=found,
    )


def test_speaker_and_cue_inside_the_content_are_cut_out() -> None:
    text = "The bridge will close for repairs in May, the transport director Ana Petrov said"
    claim = _claim(
        text,
        text,
        speaker="the transport director Ana Petrov",
        cue="said",
        mentions=(("Ana Petrov", "ana petrov"),),
    )
    assert said_text(claim) == "The bridge will close for repairs in May"
    assert "ana petrov" not in claim_match_text(claim).entities


def test_a_trailing_reporting_clause_is_cut_even_when_the_attribution_misses_it() -> None:
    text = "Inspectors found rust in the main cables, two engineers told the Gazette"
    claim = _claim(text, text)
    assert said_text(claim) == "Inspectors found rust in the main cables"


def test_a_quotation_filling_the_content_stands_alone() -> None:
    text = "“We will rebuild the school before winter,” Mayor Lena Ortiz said"
    claim = _claim(text, text)
    assert said_text(claim) == "“We will rebuild the school before winter,”"


def test_a_short_quotation_inside_a_clause_does_not_replace_it() -> None:
    text = "The council approved a “temporary” ban on night flights over the valley"
    claim = _claim(text, text)
    assert said_text(claim) == text


def test_a_short_clause_keeps_its_sentence_words_but_not_its_siblings() -> None:
    sentence = "The mayor announced a curfew of 90 days in March 2021, after riots spread downtown"
    curfew = _claim(sentence, "a curfew of 90 days")
    riots = sentence.index("riots spread downtown")
    sibling = Span.of(sentence, riots, riots + len("riots spread downtown"), "content")
    seen = claim_match_text(curfew, siblings=[sibling]).text
    assert "curfew of 90 days" in seen and "March 2021" in seen
    assert "riots" not in seen


def test_a_short_clause_drops_a_side_that_reports_speech() -> None:
    sentence = "The owner told the Herald on Monday that thieves took the statue at night"
    claim = _claim(sentence, "thieves took the statue")
    other = Span.of(sentence, 0, len("The owner"), "content")
    seen = claim_match_text(claim, siblings=[other])
    assert seen.text == "thieves took the statue at night"
    assert not seen.fragment


def test_a_short_phrase_whose_sentence_adds_nothing_is_a_fragment() -> None:
    sentence = "A police source confirmed the 40 arrests to the Herald and named two suspects"
    claim = _claim(sentence, "the 40 arrests", speaker="A police source", cue="confirmed")
    rest = sentence.index("to the Herald")
    sibling = Span.of(sentence, rest, len(sentence), "content")
    assert claim_match_text(claim, siblings=[sibling]).fragment


def test_a_fragment_beside_a_sibling_matches_nothing() -> None:
    sentence = "Ferries will stop running on Friday, the port authority announced on Tuesday"
    fragment = _claim(sentence, "announced on Tuesday")
    ferries = Span.of(sentence, 0, len("Ferries will stop running on Friday"), "content")
    other = claim_match_text(
        _claim("The port authority announced on Tuesday.", "announced on Tuesday")
    )
    seen = claim_match_text(fragment, siblings=[ferries])
    assert seen.fragment
    assert SILENT.score(seen, other) == 0.0
    alone = claim_match_text(fragment)  # no sibling: its sentence speaks for it
    assert not alone.fragment
