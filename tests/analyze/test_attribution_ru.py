"""Russian attributions in rules mode (sentences written for these tests)."""

from __future__ import annotations

import pytest

from newstrace.analyze.attribution import RawAttribution, find_attributions
from newstrace.analyze.sentences import split_sentences


def run(text: str) -> tuple[RawAttribution, ...]:
    sentences = split_sentences(text, language="ru")
    return find_attributions(text, language="ru", sentences=sentences, doc=None)


def only(text: str, cue: str) -> RawAttribution:
    found = [a for a in run(text) if cue.lower() in a.cue.text.lower()]
    assert found, f"no cue {cue!r} in {[a.cue.text for a in run(text)]}"
    return found[0]


def content(a: RawAttribution) -> str:
    return " ".join(c.text for c in a.content)


def test_source_verb_that_clause() -> None:
    a = only("Губернатор области заявил, что мост откроют в июне.", "заявил")
    assert a.source is not None and a.source.text == "Губернатор области"
    assert content(a) == "что мост откроют в июне."
    assert a.quote == "indirect"


def test_outlet_after_content() -> None:
    a = only(
        "Власти готовят новый набор добровольцев, сообщила в среду «Северная газета».", "сообщила"
    )
    assert a.source is not None and a.source.text == "«Северная газета»"
    assert content(a) == "Власти готовят новый набор добровольцев"


@pytest.mark.parametrize(
    ("text", "source", "said"),
    [
        ("По словам инженера станции, ремонт займёт две недели.", "инженера станции", "ремонт"),
        ("По данным министерства, число заявок выросло вдвое.", "министерства", "число заявок"),
        (
            "Как сообщает агентство «Восток», поезда пойдут по новому графику.",
            "агентство «Восток»",
            "поезда пойдут",
        ),
    ],
)
def test_prepositional_cues(text: str, source: str, said: str) -> None:
    a = run(text)[0]
    assert a.source is not None and a.source.text == source
    assert said in content(a)


def test_guillemet_quote_with_dash_and_continuation() -> None:
    text = "«Воды хватит до осени», — сказал собеседник издания. «Дальше будет сложнее»."
    a = only(text, "сказал")
    assert a.source is not None and a.source.text == "собеседник издания"
    assert a.quote == "direct"
    assert "Воды хватит до осени" in content(a) and "Дальше будет сложнее" in content(a)


def test_dialogue_dash_quote() -> None:
    a = only("— Мы не будем спешить, — сказал он журналистам.", "сказал")
    assert a.source is not None and a.source.text == "он"
    assert content(a) == "Мы не будем спешить"


def test_relay_citing_sources() -> None:
    text = "Агентство «Полюс» со ссылкой на источники в мэрии сообщило о закрытии рынка."
    found = run(text)
    relay = only(text, "со ссылкой на")
    assert relay.source is not None and relay.source.text == "источники в мэрии"
    verb = only(text, "сообщило")
    assert verb.source is not None and verb.source.text == "Агентство «Полюс»"
    assert len(found) == 2


def test_agentless_and_anaphoric() -> None:
    agentless = only("Сообщается, что переговоры продолжатся в понедельник.", "Сообщается")
    assert agentless.source is None
    text = "Завод остановят на ремонт. Об этом сообщает пресс-служба предприятия."
    anaphoric = only(text, "сообщает")
    assert anaphoric.source is not None and anaphoric.source.text == "пресс-служба предприятия"
    assert content(anaphoric) == "Завод остановят на ремонт."


def test_plain_narration_has_no_attribution() -> None:
    assert run("Мост построили в 1990 году. Его длина сорок метров.") == ()


def test_adjective_stays_in_russian_source() -> None:
    a = only("Высокопоставленный источник в мэрии сообщил, что рынок закроют.", "сообщил")
    assert a.source is not None and a.source.text == "Высокопоставленный источник в мэрии"
    b = only("Рынок закроют, сказал нам высокопоставленный источник в мэрии.", "сказал")
    assert b.source is not None and "высокопоставленный источник в мэрии" in b.source.text


@pytest.mark.parametrize(
    ("text", "cue", "source"),
    [
        (
            "«Мост откроют только к осени», — приводит газета слова главы округа Петра Ланского.",
            "приводит газета слова",
            "главы округа Петра Ланского",
        ),
        (
            "«Денег на ремонт крыши нет», — приводит слова директора школы Анны Орловой портал.",
            "приводит слова",
            "директора школы Анны Орловой",
        ),
    ],
)
def test_quote_followed_by_quoting_verb_with_words(text: str, cue: str, source: str) -> None:
    a = only(text, cue)
    assert a.cue.text == cue
    assert a.source is not None and a.source.text.startswith(source)
    assert content(a).startswith("«") and "»" in content(a)


def test_quoting_verb_without_a_quote_is_no_cue() -> None:
    text = "Ремонт дороги приводит к пробкам, и слова мэра об этом никого не успокоили."
    assert not [a for a in run(text) if "приводит" in a.cue.text]
