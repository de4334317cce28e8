"""Mentions: gazetteer, context patterns, roles, organisations, persons, places and keys."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from newstrace.analyze.keys import canonical_key
from newstrace.analyze.mentions import find_mentions
from newstrace.model import Mention

SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds"


def kinds(mentions: tuple[Mention, ...]) -> dict[str, str]:
    return {m.span.text: m.kind for m in mentions}


def check_offsets(text: str, mentions: tuple[Mention, ...]) -> None:
    for m in mentions:
        assert text[m.span.start : m.span.end] == m.span.text
        assert m.span.label == m.kind
    starts = [m.span.start for m in mentions]
    assert starts == sorted(starts)


def test_gazetteer_outlets_and_their_spellings_share_keys() -> None:
    text = (
        "Meduza and the business daily Kommersant both covered the story. Later, «Медуза» "
        "and «Коммерсантъ» ran follow-ups, and Izvestia quoted an Izvestiya editor."
    )
    found = find_mentions(text, language="en")
    check_offsets(text, found)
    outlets = [m for m in found if m.kind == "outlet"]
    assert [m.span.text for m in outlets] == [
        "Meduza",
        "Kommersant",
        "Медуза",
        "Коммерсантъ",
        "Izvestia",
        "Izvestiya",
    ]
    assert outlets[0].key == outlets[2].key
    assert outlets[1].key == outlets[3].key
    assert outlets[4].key == outlets[5].key


def test_russian_case_endings_and_quotes() -> None:
    text = "Источник «Медузы» рассказал, что по данным «Коммерсанта» решение принято."
    found = find_mentions(text, language="ru")
    outlets = {m.span.text: m.key for m in found if m.kind == "outlet"}
    assert outlets == {
        "Медузы": canonical_key("Meduza"),
        "Коммерсанта": canonical_key("Kommersant"),
    }


def test_common_word_names_need_an_outlet_context() -> None:
    plain = find_mentions("It was time to act. Time will tell, said the mayor.", language="en")
    assert not [m for m in plain if m.kind == "outlet"]
    context = find_mentions("The story first ran in Time magazine last week.", language="en")
    assert [m.span.text for m in context if m.kind == "outlet"] == ["Time magazine"]


def test_outlet_name_inside_a_longer_name_is_not_the_outlet() -> None:
    text = "The Guardian Council rejected the bill, the Guardian reported."
    found = find_mentions(text, language="en")
    outlets = [m.span.text for m in found if m.kind == "outlet"]
    assert outlets == ["the Guardian"]
    assert found[-1].span.start == text.rindex("the Guardian")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The news outlet Sibirsky Vestnik said the mine would close.", "Sibirsky Vestnik"),
        ("Officials spoke to the newspaper Dolina Post on Monday.", "Dolina Post"),
        ("The Karelian Courier newspaper broke the story.", "Karelian Courier"),
        ("Zaria, an independent outlet, published the letter.", "Zaria"),
        ("Ostrovok reported that the port was closed.", "Ostrovok"),
        ("Как сообщило издание «Ромашка», завод закрыли.", "Ромашка"),
    ],
)
def test_unknown_outlets_found_by_context(text: str, name: str) -> None:
    language = "ru" if "издание" in text else "en"
    found = find_mentions(text, language=language)
    assert kinds(found).get(name) == "outlet", found


def test_the_articles_own_outlet_is_found_even_when_unknown() -> None:
    text = "A farmer later told the Lowland Ledger that prices had doubled."
    found = find_mentions(text, language="en", outlet="The Lowland Ledger")
    outlet = [m for m in found if m.kind == "outlet"]
    assert [m.span.text for m in outlet] == ["the Lowland Ledger"]
    assert outlet[0].key == canonical_key("The Lowland Ledger")


def test_roles_organisations_and_titled_persons() -> None:
    text = (
        "A Kremlin spokesman declined to comment. The Defence Ministry said the defence "
        "minister was abroad. President Emmanuel Macron met Foreign Minister Penny Wong."
    )
    found = kinds(find_mentions(text, language="en"))
    assert found["Kremlin spokesman"] == "role"
    assert found["Defence Ministry"] == "organisation"
    assert found["defence minister"] == "role"
    assert found["President"] == "role"
    assert found["Emmanuel Macron"] == "person"
    assert found["Foreign Minister"] == "role"
    assert found["Penny Wong"] == "person"


def test_surnames_take_the_key_of_the_full_name() -> None:
    text = (
        "The analyst Tatiana Stanovaya wrote a long thread. Stanovaya's view was shared by "
        "economist Sergei Guriev. Guriev disagreed on one point."
    )
    found = find_mentions(text, language="en")
    persons = [(m.span.text, m.key) for m in found if m.kind == "person"]
    assert persons == [
        ("Tatiana Stanovaya", canonical_key("Tatiana Stanovaya")),
        ("Stanovaya", canonical_key("Tatiana Stanovaya")),
        ("Sergei Guriev", canonical_key("Sergei Guriev")),
        ("Guriev", canonical_key("Sergei Guriev")),
    ]


def test_places_by_context_and_sentence_openers_ignored() -> None:
    text = (
        "Shelling hit the city of Zaporizhzhia overnight. Residents near Nikopol fled. "
        "Additional shelters opened in the Dnipropetrovsk region."
    )
    found = kinds(find_mentions(text, language="en"))
    assert found["Zaporizhzhia"] == "place"
    assert found["Nikopol"] == "place"
    assert found["Dnipropetrovsk"] == "place"
    assert "Shelling" not in found and "Additional" not in found and "Residents" not in found


@dataclass
class FakeEnt:
    start_char: int
    end_char: int
    label_: str


@dataclass
class FakeDoc:
    text: str
    ents: tuple[FakeEnt, ...]


def test_spacy_entities_used_but_gazetteer_and_context_win() -> None:
    text = "Vyorstka reported that Anna Kovalenko left Vilnius."
    doc = FakeDoc(
        text,
        (
            FakeEnt(0, 8, "PERSON"),  # a typical mislabel of a foreign outlet name
            FakeEnt(23, 37, "PERSON"),
            FakeEnt(43, 50, "GPE"),
        ),
    )
    found = kinds(find_mentions(text, language="en", doc=doc))
    assert found == {"Vyorstka": "outlet", "Anna Kovalenko": "person", "Vilnius": "place"}


def test_doc_of_another_text_is_refused() -> None:
    with pytest.raises(ValueError):
        find_mentions("one text", language="en", doc=FakeDoc("another text", ()))


def test_seed_outlets_and_people() -> None:
    if not SEEDS.is_dir():
        pytest.skip("shared seeds folder (../shared/seeds) is absent")
    nge = (SEEDS / "000_5953783ade1d3edf.txt").read_text(encoding="utf-8")
    mt = (SEEDS / "001_8a38dba75e5aefd5.txt").read_text(encoding="utf-8")
    nge_found = find_mentions(nge, language="en", outlet="Novaya Gazeta Europe")
    mt_found = find_mentions(mt, language="en", outlet="The Moscow Times")
    check_offsets(nge, nge_found)
    check_offsets(mt, mt_found)
    nge_outlets = {m.span.text: m.key for m in nge_found if m.kind == "outlet"}
    mt_outlets = {m.span.text: m.key for m in mt_found if m.kind == "outlet"}
    assert nge_outlets["Verstka"] == mt_outlets["Vyorstka"]
    assert "Mediazona" in nge_outlets and "The Moscow Times" in mt_outlets
    persons = {m.span.text: m.key for m in mt_found if m.kind == "person"}
    assert persons["Grashchenkov"] == persons["Ilya Grashchenkov"]
    assert persons["Putin"] == persons["Vladimir Putin"]
    assert "Kremlin" not in persons
