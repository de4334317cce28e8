"""Nested attributions, reports of silence and kinds of bare names (sentences written for tests)."""

from __future__ import annotations

import pytest

from newstrace.analyze import AnalysisOptions, analyze
from newstrace.analyze.nlp import load_nlp
from newstrace.model import Article, ArticleAnalysis, Claim

SPACY = AnalysisOptions(backend="spacy")
RULES = AnalysisOptions(backend="rules")


def run(text: str, mode: str = "spacy", language: str = "en") -> ArticleAnalysis:
    options = SPACY if mode == "spacy" else RULES
    if mode == "spacy" and load_nlp(SPACY, "en") is None:
        pytest.skip("no English spaCy model installed")
    return analyze(Article(id="t", text=text, outlet="Valley Post", language=language), options)


def claim_with(res: ArticleAnalysis, words: str) -> Claim:
    found = [c for c in res.claims if words in c.text]
    assert found, [c.text for c in res.claims]
    return found[0]


def chain(claim: Claim) -> list[str]:
    return [link.name for link in claim.attribution.chain]


def test_quote_said_according_to_outlet_credits_inner_speaker() -> None:
    text = (
        "The weekly Harbour Gazette covered the storm. "
        "“The pier will be rebuilt by June,” Port Director Amelia Grant said, "
        "according to the newspaper."
    )
    res = run(text)
    claim = claim_with(res, "pier will be rebuilt")
    assert claim.attribution.speaker.canonical == "Amelia Grant"
    assert chain(claim) == ["Amelia Grant", "Harbour Gazette", "Valley Post"]
    assert "said" not in claim.text
    assert not any("Amelia Grant said" in c.text for c in res.claims)


def test_outlet_reported_that_x_said() -> None:
    res = run("The Daily Ledger reported that the mayor said the bridge would close in May.")
    claim = claim_with(res, "bridge would close")
    assert claim.attribution.speaker.canonical == "mayor"
    assert chain(claim) == ["mayor", "Daily Ledger", "Valley Post"]
    assert not any("mayor said" in c.text for c in res.claims)


def test_told_outlet_according_to_another_outlet() -> None:
    text = (
        "A senior engineer told the Harbour Gazette that the pumps had failed, "
        "according to the Coastline Times."
    )
    claim = claim_with(run(text), "pumps had failed")
    assert chain(claim) == ["senior engineer", "Harbour Gazette", "Coastline Times", "Valley Post"]


def test_nested_speech_stays_out_of_the_univocal_layer() -> None:
    from newstrace.analyze.attribution import find_attributions
    from newstrace.analyze.nlp import parse
    from newstrace.analyze.sentences import split_sentences

    run("x")  # skips without a model
    text = "The Daily Ledger reported that the mayor said the bridge would close in May."
    doc = parse(text, SPACY, "en")
    sentences = split_sentences(text, language="en", doc=doc)
    found = find_attributions(text, language="en", sentences=sentences, doc=doc)
    assert [a.cue.text for a in found] == ["reported"]
    assert [n.cue.text for n in found[0].nested] == ["said"]
    assert found[0].nested[0].content[0].text == "the bridge would close in May"


def test_one_speaker_twice_is_no_relay() -> None:
    text = "The ferry will sail on Monday, Harbour Master Ian Cole said, and he urged calm."
    res = run(text)
    for claim in res.claims:
        assert chain(claim).count("Ian Cole") <= 1


def test_passive_report_is_not_a_speaker() -> None:
    res = run("The council said the mayor was said to have resigned after the vote.")
    assert not any(c.attribution.speaker.canonical == "mayor" for c in res.claims)


@pytest.mark.parametrize(
    "sentence",
    [
        "Neither the port authority nor the shipping firm has commented on the claims.",
        "The shipping firm declined to comment when contacted on Monday.",
        "The harbour master did not respond to requests for comment about the spill.",
        "The shipyard refused to say how many workers had been laid off.",
        "The ministry has not commented on the leaked memo.",
    ],
)
def test_silence_is_the_outlets_own_statement(sentence: str) -> None:
    res = run(sentence)
    assert res.claims
    for claim in res.claims:
        assert claim.attribution.speaker.kind == "self", claim
        assert chain(claim) == ["Valley Post"]
    assert any(len(c.text) > len(sentence) // 2 for c in res.claims)


def test_denial_stays_attributed() -> None:
    claim = claim_with(run("The shipping firm denied that the tanker had leaked."), "tanker")
    assert claim.attribution.speaker.kind != "self"
    assert claim.polarity == "negative"


def test_negation_in_the_content_is_no_silence() -> None:
    text = "The mayor, who had not spoken for weeks, said the bridge would not reopen."
    claim = claim_with(run(text), "bridge would not reopen")
    assert claim.attribution.speaker.kind != "self"


def test_relayed_refusal_stays_with_the_relay() -> None:
    text = "The harbour master said the shipping firm had declined to comment on the spill."
    claim = claim_with(run(text), "declined to comment")
    assert claim.attribution.speaker.canonical == "harbour master"


@pytest.mark.parametrize(
    "sentence",
    [
        "Министерство энергетики не комментирует сообщения о забастовке.",
        "Представитель порта отказался от комментариев.",
        "Мэр отказался комментировать планы строительства моста.",
        "Депутат не ответил на запрос о новом законе.",
    ],
)
def test_russian_silence_is_no_claim_of_the_silent(sentence: str) -> None:
    res = run(sentence, mode="rules", language="ru")
    assert res.claims
    assert all(c.attribution.speaker.kind == "self" for c in res.claims)


def test_is_silence_reads_russian_words() -> None:
    from newstrace.analyze.claims import is_silence
    from newstrace.model import Attribution, Span, Speaker

    text = "Пресс-служба компании не комментирует сообщения о забастовке."
    source = Span.of(text, 0, len("Пресс-служба компании"), "source")
    cue_start = text.index("не комментирует")
    cue = Span.of(text, text.index("комментирует"), text.index(" сообщения"), "cue")
    content = Span.of(text, text.index("сообщения"), len(text) - 1, "content")
    speaker = Speaker("organisation", "Пресс-служба компании", False, source)
    assert cue_start < cue.start
    assert is_silence(text, Attribution(speaker, cue, (content,)), "ru")
    said = text.replace("не комментирует", "подтвердила")
    cue2 = Span.of(said, said.index("подтвердила"), said.index(" сообщения"), "cue")
    content2 = Span.of(said, said.index("сообщения"), len(said) - 1, "content")
    source2 = Span.of(said, 0, len("Пресс-служба компании"), "source")
    speaker2 = Speaker("organisation", "Пресс-служба компании", False, source2)
    assert not is_silence(said, Attribution(speaker2, cue2, (content2,)), "ru")


@pytest.mark.parametrize("mode", ["spacy"])
def test_apposition_makes_a_bare_name_an_organisation(mode: str) -> None:
    text = (
        "Water is scarce in the valley. The utility's regional operator, Aquavell, "
        "said on Tuesday that supplies would be rationed."
    )
    claim = claim_with(run(text, mode), "rationed")
    assert claim.attribution.speaker.kind == "organisation"


def test_descriptor_after_the_name() -> None:
    text = "Brontell, the state company that runs the port, said the cranes were idle."
    claim = claim_with(run(text), "cranes were idle")
    assert claim.attribution.speaker.kind == "organisation"


@pytest.mark.parametrize("mode", ["spacy", "rules"])
def test_capital_as_speaker_is_an_organisation(mode: str) -> None:
    claim = claim_with(run("Berlin said the sanctions would stay in place.", mode), "sanctions")
    assert claim.attribution.speaker.kind == "organisation"


def test_outlet_named_once_stays_an_outlet() -> None:
    text = (
        "The news site Quayside published the plan on Monday. "
        "The harbour will be dredged in August, according to Quayside."
    )
    claim = claim_with(run(text), "dredged")
    assert claim.attribution.speaker.kind == "outlet"


def test_surname_after_full_name_stays_a_person() -> None:
    text = "Mr Peter Holm runs the ferry. Holm said the ferry was late."
    claim = claim_with(run(text), "ferry was late")
    assert claim.attribution.speaker.kind == "person"


def test_rules_mode_gives_no_determiner_source() -> None:
    res = run("Berlin dismissed the report as fabricated, calling it a provocation.", "rules")
    assert all(a.speaker.canonical.lower() not in ("the", "a") for a in res.attributions)
