"""Speaker resolution gaps: names spaCy calls organisations, relative and first-person
sources, "he" after a surname, appositions in rules mode, "the outlet" after a bare name."""

from __future__ import annotations

import pytest

from newstrace.analyze import AnalysisOptions, analyze
from newstrace.analyze._given_names import is_given_name
from newstrace.analyze.claims import is_silence
from newstrace.analyze.mentions import find_mentions
from newstrace.model import Article, ArticleAnalysis, Attribution


def run(text: str, backend: str = "rules", language: str = "en") -> ArticleAnalysis:
    article = Article.create(text, outlet="The Harbour Ledger", language=language)
    return analyze(article, AnalysisOptions(backend=backend))  # type: ignore[arg-type]


def by_cue(found: ArticleAnalysis, cue: str) -> list[Attribution]:
    return [a for a in found.attributions if a.cue is not None and a.cue.text == cue]


def test_given_names_come_from_a_general_table() -> None:
    assert is_given_name("Marta") and is_given_name("Galina")
    assert not is_given_name("Brontell") and not is_given_name("Ministry")


@pytest.mark.parametrize(
    "text",
    [
        "Minister Tessaly Varn opened the bridge.",
        "Dr Orrin Vale opened the bridge.",
        "Orrin Vale, the harbour master, opened the bridge.",
        "Orrin Vale, 64, opened the bridge.",
    ],
)
def test_person_evidence_around_a_name(text: str) -> None:
    mentions = find_mentions(text, language="en")
    names = [m for m in mentions if m.span.text.endswith(("Varn", "Vale"))]
    assert names and names[0].kind == "person"


def test_name_labelled_organisation_by_spacy_is_a_person() -> None:
    found = run("Marta Kowal said the ferry would stop on Friday.", backend="spacy")
    speaker = by_cue(found, "said")[0].speaker
    assert (speaker.kind, speaker.canonical) == ("person", "Marta Kowal")


def test_surname_after_full_name_and_he_after_paragraph_break() -> None:
    text = (
        "Harbour master Pavel Dronov told the Ledger that the quay had sunk.\n\n"
        "A regional inspector, who asked not to be named, said the repairs were late.\n\n"
        "But Dronov played down fears. \u201cThe ships are safe,\u201d he said."
    )
    found = run(text, backend="spacy")
    he = [a for a in by_cue(found, "said") if a.speaker.span and a.speaker.span.text == "he"]
    assert he and he[0].speaker.canonical == "Pavel Dronov"
    who = [a for a in found.attributions if a.speaker.span and a.speaker.span.text == "who"]
    assert who and who[0].speaker.canonical == "regional inspector"


def test_first_person_source_inside_a_quote_is_the_quoted_speaker() -> None:
    text = (
        "Union organiser Lidia Brenn said workers had complained for years. "
        "\u201cThe roof leaked. We wrote to the owners twice,\u201d she said."
    )
    found = run(text)
    she = [a for a in found.attributions if a.speaker.span and a.speaker.span.text == "she"]
    assert she and she[0].speaker.canonical == "Lidia Brenn"
    we = [a for a in found.attributions if a.speaker.span and a.speaker.span.text == "We"]
    assert all(a.speaker.canonical == "Lidia Brenn" for a in we)


@pytest.mark.parametrize(
    ("text", "canonical", "kind"),
    [
        (
            "Brontell, the state company that runs the port, said the cranes were idle.",
            "Brontell",
            "organisation",
        ),
        (
            "Orrin Vale, a retired pilot, told reporters the channel was silting up.",
            "Orrin Vale",
            "person",
        ),
        ("Ida Marsh, 71, said the water came in at night.", "Ida Marsh", "person"),
    ],
)
def test_rules_source_before_an_apposition(text: str, canonical: str, kind: str) -> None:
    speaker = run(text).attributions[0].speaker
    assert (speaker.canonical, speaker.kind) == (canonical, kind)


def test_russian_negation_stays_out_of_the_source() -> None:
    text = "Министр Иван Жаров не сказал, когда откроют порт."
    attribution = run(text, language="ru").attributions[0]
    assert attribution.speaker.span is not None
    assert attribution.speaker.span.text == "Министр Иван Жаров"
    assert is_silence(text, attribution, "ru")


def test_the_outlet_makes_a_bare_name_an_outlet() -> None:
    text = (
        "The ferry link will close in June, according to Brightline. "
        "The outlet said the operator had run out of money."
    )
    found = run(text)
    assert [m.kind for m in found.mentions if m.span.text == "Brightline"] == ["outlet"]
    outlet = by_cue(found, "said")[0].speaker
    assert (outlet.kind, outlet.canonical) == ("outlet", "Brightline")


def test_a_name_with_an_earlier_outlet_stays_what_it_is() -> None:
    text = (
        "The news site Portwatch reported the closure, citing Halden. "
        "The outlet said the operator had run out of money."
    )
    found = run(text)
    assert all(m.kind != "outlet" for m in found.mentions if m.span.text == "Halden")


def test_said_nothing_is_a_silence() -> None:
    text = "Sandor Keel has said nothing about the sale of the harbour."
    found = run(text, backend="spacy")
    assert found.attributions
    assert is_silence(text, found.attributions[0], "en")
