"""A qualifying idiom ("shelved", "put on hold") pushes back on a group only when the claim
speaks of the group's matter, directly or through "this"/"such" pointing to the sentence
before."""

from __future__ import annotations

from newstrace.link._tension import build_context, find_tensions
from newstrace.model import ArticleAnalysis, Attribution, Claim, ClaimGroup, ClaimRef, Span, Speaker

MEMBER = "Crews will open the floodgates of the reservoir on Monday."


def _claim(article: str, number: int, text: str, sentence: str, content: str) -> Claim:
    start = text.index(sentence)
    whole = Span.of(text, start, start + len(sentence), "sentence")
    inner = text.index(content, start)
    span = Span.of(text, inner, inner + len(content), "content")
    return Claim(
        id=f"{article}:c{number}",
        sentence=whole,
        content=span,
        attribution=Attribution(Speaker("self", "Outlet"), None, (span,)),
    )


def _tensions(text: str, sentences: list[str], content: str) -> list[str]:
    member = _claim("b", 1, MEMBER, MEMBER, MEMBER.rstrip("."))
    spans = []
    for sentence in sentences:
        start = text.index(sentence)
        spans.append(Span.of(text, start, start + len(sentence), "sentence"))
    claim = _claim("a", 1, text, sentences[-1], content)
    analyses = [
        ("en", ArticleAnalysis("a", "en", sentences=tuple(spans), claims=(claim,))),
        (
            "en",
            ArticleAnalysis(
                "b",
                "en",
                sentences=(Span.of(MEMBER, 0, len(MEMBER), "sentence"),),
                claims=(member,),
            ),
        ),
    ]
    group = ClaimGroup(id="g1", summary=MEMBER, members=(ClaimRef("b", member),))
    found = find_tensions([group], [ClaimRef("a", claim)], build_context(analyses))
    return [t.reason for t in found]


def test_an_idiom_about_another_matter_is_no_tension() -> None:
    sentence = "The marina plan was shelved as crews got ready to open the reservoir floodgates."
    assert _tensions(sentence, [sentence], "The marina plan was shelved") == []


def test_an_idiom_about_the_same_matter_qualifies_it() -> None:
    sentence = "Opening the floodgates of the reservoir was shelved on Sunday."
    assert _tensions(sentence, [sentence], sentence.rstrip(".")) == ["qualifies it ('shelved')"]


def test_a_pointer_back_brings_in_the_sentence_before() -> None:
    before = "Crews asked to open the floodgates of the reservoir on Monday."
    after = "This request was put on hold by the council."
    text = f"{before} {after}"
    reasons = _tensions(text, [before, after], after.rstrip("."))
    assert len(reasons) == 1 and reasons[0].startswith("qualifies it")
