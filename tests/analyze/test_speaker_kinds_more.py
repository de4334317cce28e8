"""Speaker kinds: plural common nouns opening a sentence, ordinary people, organisation names
that start with a given name, titled names, apposed outlet names, Russian press services."""

from __future__ import annotations

import pytest

from newstrace.analyze import AnalysisOptions, analyze
from newstrace.analyze import _speaker_phrases as phrases
from newstrace.analyze._given_names import is_surname
from newstrace.model import Article, Speaker

BACKENDS = ("rules", "spacy")


def speaker(text: str, backend: str = "rules", language: str = "en") -> Speaker:
    """The speaker of the only attribution found in ``text``."""
    article = Article.create(text, outlet="The Harbour Ledger", language=language)
    found = analyze(article, AnalysisOptions(backend=backend))  # type: ignore[arg-type]
    assert len(found.attributions) == 1, found.attributions
    return found.attributions[0].speaker


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize(
    "text",
    [
        "Inspectors at the quay said the crates were seized.",
        "Farmers in the lower valley said the harvest failed.",
        "Firefighters said the blaze was contained by noon.",
        "Lifeguards said the beach would stay closed.",
    ],
)
def test_sentence_initial_plural_noun_is_an_unnamed_group(text: str, backend: str) -> None:
    found = speaker(text, backend)
    assert found.kind == "anonymous" and found.anonymous
    assert found.canonical.startswith("anonymous: ")


@pytest.mark.parametrize("backend", BACKENDS)
def test_surname_opening_a_sentence_stays_a_person(backend: str) -> None:
    assert is_surname("Hughes") and not is_surname("Farmers")
    assert speaker("Ms Hughes said the ferry was late.", backend).kind == "person"
    assert speaker("Hughes said the ferry was late.", "rules").kind == "person"


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize(
    "text",
    [
        "Residents of the hamlet contacted by the Ledger said the well had run dry.",
        "A resident of the hamlet said the well had run dry.",
        "Union workers said the plant would shut.",
        "Shoppers interviewed by the Ledger said prices had doubled.",
    ],
)
def test_ordinary_people_are_unnamed_sources_not_officials(text: str, backend: str) -> None:
    found = speaker(text, backend)
    assert found.kind == "anonymous" and found.anonymous


def test_the_residents_points_back_to_the_residents() -> None:
    text = "Residents said the road flooded. The residents said the water was brown."
    article = Article.create(text, outlet="The Harbour Ledger", language="en")
    first, second = analyze(article, AnalysisOptions(backend="rules")).attributions
    assert first.speaker.kind == second.speaker.kind == "anonymous"
    assert second.speaker.canonical == first.speaker.canonical


def test_officials_beside_residents_stay_officials_made_unnamed() -> None:
    # a title in the head: the officials' kind rule (plural -> unnamed) applies, not people
    found = speaker("Officials and residents said the road flooded.")
    assert found.kind == "anonymous"
    assert found.canonical == "anonymous: Officials and residents"


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Georgia Steel said orders fell by a third.", "Georgia Steel"),
        ("Marta Holdings said it would appeal the ruling.", "Marta Holdings"),
        ("Tovin Valley Authority said the dam was safe.", "Tovin Valley Authority"),
        ("Harlow & Finch said profits rose.", "Harlow & Finch"),
        ("Dalmore Power & Light said crews were restoring service.", "Dalmore Power & Light"),
    ],
)
def test_organisation_names_by_their_shape(text: str, name: str, backend: str) -> None:
    found = speaker(text, backend)
    assert (found.kind, found.canonical) == ("organisation", name)


def test_organisation_name_shapes() -> None:
    assert phrases.is_organisation_name("Kessel & Co")
    assert phrases.is_organisation_name("Brontell Power")  # not a given name
    assert phrases.is_organisation_name("Georgia Power")  # a given name, also a place
    assert phrases.is_organisation_name("Ann Lee Power")  # three words
    assert not phrases.is_organisation_name("Marta Power")  # a given name and a surname
    assert not phrases.is_organisation_name("Marta Kowal")
    assert not phrases.is_organisation_name("Holdings")


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_title_before_a_name_gives_the_person(backend: str) -> None:
    found = speaker("Fisheries Minister Ana Ruiz said the quotas would stay.", backend)
    assert (found.kind, found.canonical) == ("person", "Ana Ruiz")


def test_the_news_outlet_takes_the_name_apposed_to_it() -> None:
    found = speaker("The news outlet Quarry Gazette reported that the mayor had quit.", "spacy")
    assert found.kind == "outlet" and "Quarry Gazette" in found.canonical


def test_police_opening_a_sentence_is_an_organisation() -> None:
    assert speaker("Police said two men were arrested.").kind == "organisation"


@pytest.mark.parametrize(
    ("text", "plural"),
    [
        ("A majority of voters", True),
        ("One of the lawyers", False),
        ("Sources close to the governor", True),
        ("Residents of the village contacted by the Ledger", True),
        ("The spokesman for the residents", False),
    ],
)
def test_plurality_follows_the_head_noun(text: str, plural: bool) -> None:
    assert phrases.is_plural(text, "en") is plural


def test_one_of_a_group_of_officials_is_unnamed() -> None:
    found = speaker("One of the prosecutors said the case was closed.")
    assert found.kind == "anonymous"


def test_polls_are_documents() -> None:
    assert speaker("Polls show the mayor is trailing.").kind == "document"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Пресс-служба министерства заявила, что проверка завершена.", "organisation"),
        ("Жители деревни рассказали, что воды нет.", "anonymous"),
        ("Источник в мэрии сообщил, что встреча отменена.", "anonymous"),
    ],
)
def test_russian_kinds(text: str, kind: str) -> None:
    assert speaker(text, "rules", "ru").kind == kind
