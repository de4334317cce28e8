"""Speaker resolution, coreference, relay chains and hedges, on hand-built raw attributions."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newstrace.analyze.attribution import RawAttribution
from newstrace.analyze.mentions import find_mentions
from newstrace.analyze.speakers import resolve_attributions
from newstrace.model import Attribution, QuoteKind, Span

SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds"


def at(text: str, phrase: str, nth: int = 0) -> Span:
    """The span of the ``nth`` occurrence of ``phrase`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return Span.of(text, start, start + len(phrase))


def sentences_of(text: str) -> tuple[Span, ...]:
    """A plain splitter for test texts: after . ! ? (and a closing quote) before space."""
    spans: list[Span] = []
    start = 0
    for m in re.finditer(r"(?<=[.!?])[\"”»]?(\s+)", text):
        spans.append(Span.of(text, start, m.start(1), "sentence"))
        start = m.end()
    if start < len(text.rstrip()):
        spans.append(Span.of(text, start, len(text.rstrip()), "sentence"))
    return tuple(spans)


class Case:
    """A text with its sentences and hand-built raw attributions."""

    def __init__(self, text: str, language: str = "en") -> None:
        self.text = text
        self.language = language
        self.sentences = sentences_of(text)
        self.raw: list[RawAttribution] = []

    def add(
        self,
        source: str | None,
        cue: str,
        content: str | tuple[str, ...],
        quote: QuoteKind = "indirect",
        nth: int = 0,
    ) -> None:
        """Add a raw attribution: ``nth`` picks the content's occurrence; the cue and source
        are the occurrences nearest to it."""
        parts = (content,) if isinstance(content, str) else content
        first = at(self.text, parts[0], nth)
        cue_span = self.nearest(cue, first.start)
        spans = (first, *(self.nearest(part, cue_span.start) for part in parts[1:]))
        src = None if source is None else self.nearest(source, cue_span.start)
        index = next(i for i, s in enumerate(self.sentences) if s.start <= cue_span.start < s.end)
        self.raw.append(RawAttribution(src, cue_span, spans, quote, index))

    def nearest(self, phrase: str, pos: int) -> Span:
        options = [at(self.text, phrase, k) for k in range(self.text.count(phrase))]
        return min(options, key=lambda s: abs(s.start - pos))

    def resolve(self, outlet: str | None) -> tuple[Attribution, ...]:
        mentions = find_mentions(self.text, language=self.language, outlet=outlet)
        return resolve_attributions(
            self.text,
            self.raw,
            mentions,
            self.sentences,
            language=self.language,
            outlet=outlet,
        )


def chain(att: Attribution) -> list[str]:
    return [link.name for link in att.chain]


TAX = (
    "Moscow plans to raise the fuel tax next year, the independent outlet Meduza reported on "
    "Tuesday, citing two officials in the Finance Ministry.\n\n"
    "One of the sources told Meduza that the draft was already with the government. The outlet "
    "said the plan could change.\n\n"
    "A senior government source later told The Lowland Ledger that no decision had been taken. "
    "\u201cIt is premature,\u201d the source said. \u201cWe will wait,\u201d they added.\n\n"
    "Finance Minister Anton Siluanov declined to comment. Siluanov had earlier said taxes "
    "would not rise.\n\n"
    "Sources also said the Kremlin reportedly favoured a delay."
)


@pytest.fixture
def tax() -> tuple[Attribution, ...]:
    case = Case(TAX)
    case.add("the independent outlet Meduza", "reported", "Moscow plans to raise the fuel tax")
    case.add("One of the sources", "told", "that the draft was already with the government")
    case.add("The outlet", "said", "the plan could change")
    case.add("A senior government source", "told", "that no decision had been taken")
    case.add("the source", "said", "\u201cIt is premature,\u201d", "direct")
    case.add("they", "added", "\u201cWe will wait,\u201d", "direct")
    case.add("Siluanov", "said", "taxes would not rise")
    case.add("Sources", "also said", "the Kremlin reportedly favoured a delay")
    return case.resolve("The Lowland Ledger")


def test_outlet_citing_sources_heads_the_chain(tax: tuple[Attribution, ...]) -> None:
    first = tax[0]
    assert (first.speaker.kind, first.speaker.canonical) == ("outlet", "Meduza")
    assert chain(first) == [
        "anonymous: officials in the Finance Ministry",  # unnamed officials: anonymous
        "Meduza",
        "The Lowland Ledger",
    ]
    assert first.chain[0].kind == "anonymous"


def test_told_outlet_and_the_outlet_relay(tax: tuple[Attribution, ...]) -> None:
    told, outlet_said = tax[1], tax[2]
    assert told.speaker.kind == "anonymous" and told.speaker.anonymous
    assert chain(told) == ["anonymous: sources", "Meduza", "The Lowland Ledger"]
    assert (outlet_said.speaker.kind, outlet_said.speaker.canonical) == ("outlet", "Meduza")
    assert outlet_said.speaker.span is not None and outlet_said.speaker.span.text == "The outlet"
    assert chain(outlet_said) == ["Meduza", "The Lowland Ledger"]
    assert "could" in outlet_said.hedges


def test_first_hand_source_and_its_anaphors(tax: tuple[Attribution, ...]) -> None:
    own, the_source, they = tax[3], tax[4], tax[5]
    assert own.speaker.canonical == "anonymous: government source"
    assert chain(own) == ["anonymous: government source", "The Lowland Ledger"]
    for later in (the_source, they):
        assert later.speaker.kind == "anonymous"
        assert later.speaker.canonical == "anonymous: government source"
        assert chain(later) == chain(own)


def test_surname_resolves_to_full_name(tax: tuple[Attribution, ...]) -> None:
    minister = tax[6]
    assert (minister.speaker.kind, minister.speaker.canonical) == ("person", "Anton Siluanov")
    assert chain(minister) == ["Anton Siluanov", "The Lowland Ledger"]


def test_bare_sources_after_a_first_hand_source_stay_with_the_outlet(
    tax: tuple[Attribution, ...],
) -> None:
    last = tax[7]
    assert last.speaker.anonymous
    assert chain(last) == ["anonymous: Sources", "The Lowland Ledger"]
    assert "reportedly" in last.hedges


def test_anonymous_sources_inherit_the_relaying_outlet() -> None:
    text = (
        "Vedomosti reported that the bank would be sold. The buyer is a state fund, the "
        "business daily said.\n\n"
        "Sources also said the deal was worth a billion dollars.\n\n"
        "The bank has 300 branches.\n\nIt employs 9,000 people.\n\nIt was founded in 1991.\n\n"
        "People familiar with the matter said the sale was delayed."
    )
    case = Case(text)
    case.add("Vedomosti", "reported", "that the bank would be sold")
    case.add("the business daily", "said", "The buyer is a state fund")
    case.add("Sources", "also said", "the deal was worth a billion dollars")
    case.add("People familiar with the matter", "said", "the sale was delayed")
    result = case.resolve("Reuters")
    assert chain(result[0]) == ["Vedomosti", "Reuters"]
    assert chain(result[1]) == ["Vedomosti", "Reuters"]
    assert chain(result[2]) == ["anonymous: Sources", "Vedomosti", "Reuters"]
    # three paragraphs later the relay is no longer clear: the outlet's own sources
    assert chain(result[3]) == ["anonymous: People familiar with the matter", "Reuters"]


def test_possessive_and_modifier_outlets_are_relays() -> None:
    text = (
        "The plant will close, according to Kommersant's sources. Two Izvestia sources "
        "confirmed the date. The governor is expected to resign, one RBC source said."
    )
    case = Case(text)
    case.add("Kommersant's sources", "according to", "The plant will close")
    case.add("Two Izvestia sources", "confirmed", "the date")
    case.add("one RBC source", "said", "The governor is expected to resign")
    first, second, third = case.resolve("The Bell")
    assert chain(first) == ["anonymous: Kommersant's sources", "Kommersant", "The Bell"]
    assert "according to" in first.hedges
    assert chain(second) == ["anonymous: Izvestia sources", "Izvestia", "The Bell"]
    assert chain(third) == ["anonymous: RBC source", "RBC", "The Bell"]
    assert "expected to" in third.hedges


def test_organisations_documents_officials_and_pronouns() -> None:
    text = (
        "The Interior Ministry of Moldova said on Monday that border checks would be tightened. "
        "The ministry added that the measure was temporary.\n\n"
        "A leaked report seen by Reuters says the checks will cost two million euros.\n\n"
        "Police chief Maria Popescu told reporters the plan was sound. She said officers "
        "were ready. A government spokeswoman reportedly said the rules were final."
    )
    case = Case(text)
    case.add("The Interior Ministry of Moldova", "said", "that border checks would be tightened")
    case.add("The ministry", "added", "that the measure was temporary")
    case.add("A leaked report seen by Reuters", "says", "the checks will cost two million euros")
    case.add("Police chief Maria Popescu", "told", "the plan was sound")
    case.add("She", "said", "officers were ready")
    case.add("A government spokeswoman", "said", "the rules were final")
    ministry, anaphor, report, chief, she, spokeswoman = case.resolve("Balkan Insight")
    assert (ministry.speaker.kind, ministry.speaker.canonical) == (
        "organisation",
        "Interior Ministry of Moldova",
    )
    assert anaphor.speaker.canonical == "Interior Ministry of Moldova"
    assert report.speaker.kind == "document"
    assert chain(report) == ["leaked report", "Reuters", "Balkan Insight"]
    assert (chief.speaker.kind, chief.speaker.canonical) == ("person", "Maria Popescu")
    assert (she.speaker.kind, she.speaker.canonical) == ("person", "Maria Popescu")
    assert (spokeswoman.speaker.kind, spokeswoman.speaker.canonical) == (
        "official",
        "government spokeswoman",
    )
    assert spokeswoman.hedges == ("reportedly",)


def test_implicit_source_is_the_outlets_own_voice_with_a_hedge() -> None:
    text = "The mayor was said to have resigned."
    case = Case(text)
    case.add(None, "was said", "to have resigned")
    (att,) = case.resolve(None)
    assert att.speaker.kind == "self" and att.speaker.canonical == "the outlet"
    assert chain(att) == ["the outlet"]
    assert "was said" in att.hedges


def test_outlet_naming_itself_is_its_own_voice() -> None:
    text = "The Insider has learned that the colonel left the army."
    case = Case(text)
    case.add("The Insider", "has learned", "that the colonel left the army")
    (att,) = case.resolve("The Insider")
    assert att.speaker.kind == "self"
    assert chain(att) == ["The Insider"]


def test_russian_source_of_an_outlet() -> None:
    text = (
        "Источник «Медузы» в администрации президента рассказал, что решение уже принято. "
        "По данным «Коммерсанта», документ подготовил Минфин."
    )
    case = Case(text, "ru")
    case.add("Источник «Медузы» в администрации президента", "рассказал", "решение уже принято")
    case.add("«Коммерсанта»", "По данным", "документ подготовил Минфин")
    first, second = case.resolve("Новая газета Европа")
    assert first.speaker.anonymous
    assert chain(first)[1:] == ["Meduza", "Новая газета Европа"]
    assert (second.speaker.kind, second.speaker.canonical) == ("outlet", "Kommersant")
    assert "по данным" in second.hedges


def seed(name: str) -> str:
    if not SEEDS.is_dir():
        pytest.skip("shared seeds folder (../shared/seeds) is absent")
    return (SEEDS / name).read_text(encoding="utf-8")


def test_seed_novaya_gazeta_europe_attributions() -> None:
    case = Case(seed("000_5953783ade1d3edf.txt"))
    case.add("Russian independent news outlet Verstka", "reported", "The Russian Defence Ministry")
    case.add("anonymous high-ranking sources", "confirmed", "that some military units")
    case.add("sources", "also said", "that the authorities would")
    case.add("Mediazona’s sources", "according to", "Russian military strategy")
    case.add("a high-ranking Kremlin source", "told", "\u201cThe next step in our plan", "direct")
    verstka, confirmed, also, mediazona, kremlin = case.resolve("Novaya Gazeta Europe")
    assert (verstka.speaker.kind, verstka.speaker.canonical) == ("outlet", "Verstka")
    for att in (confirmed, also):
        assert att.speaker.kind == "anonymous"
        assert chain(att)[1:] == ["Verstka", "Novaya Gazeta Europe"]
    assert chain(mediazona)[1:] == ["Mediazona", "Novaya Gazeta Europe"]
    assert kremlin.speaker.kind == "anonymous" and kremlin.speaker.anonymous
    assert kremlin.speaker.canonical == "anonymous: Kremlin source"
    assert chain(kremlin) == ["anonymous: Kremlin source", "Mediazona", "Novaya Gazeta Europe"]


def test_seed_moscow_times_attributions() -> None:
    case = Case(seed("001_8a38dba75e5aefd5.txt"))
    case.add("the investigative news outlet Vyorstka", "reported", "Russia is planning")
    case.add("one\nKremlin source", "was quoted as saying", "\u201cWe\u2019re 300,000", "direct")
    case.add("the source", "said", "\u201cKharkiv is next", "direct")
    case.add("political scientist Ilya Grashchenkov", "told", "\u201cIt was indiscriminate")
    case.add("Grashchenkov", "told", "But even such a high margin")
    case.add(
        "A source close to Russia\u2019s Defense Ministry", "told", "that the Kremlin\nremains"
    )
    case.add("the source", "said", "\u201cIn general", "direct")
    case.add("they", "added", "\u201cTherefore, this demand", "direct")
    case.add("Putin", "said", "he was considering")
    result = case.resolve("The Moscow Times")
    vyorstka, quoted, source, expert, expert2, own, own2, they, putin = result
    assert (vyorstka.speaker.kind, vyorstka.speaker.canonical) == ("outlet", "Verstka")
    assert vyorstka.chain[0].kind == "anonymous"
    assert vyorstka.chain[0].name.startswith("anonymous: sources in the Kremlin")
    for att in (quoted, source):
        assert att.speaker.canonical == "anonymous: Kremlin source"
        assert chain(att) == ["anonymous: Kremlin source", "Verstka", "The Moscow Times"]
    for att in (expert, expert2):
        assert (att.speaker.kind, att.speaker.canonical) == ("person", "Ilya Grashchenkov")
        assert chain(att) == ["Ilya Grashchenkov", "Verstka", "The Moscow Times"]
    for att in (own, own2, they):
        assert att.speaker.canonical == "anonymous: source close to Russia\u2019s Defense Ministry"
        assert chain(att) == [att.speaker.canonical, "The Moscow Times"]
    assert (putin.speaker.kind, putin.speaker.canonical) == ("person", "Vladimir Putin")
    assert chain(putin) == ["Vladimir Putin", "The Moscow Times"]
