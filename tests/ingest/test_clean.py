"""Tests of newstrace.ingest.clean on invented fixtures (tests/fixtures/clean/)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newstrace.ingest.clean import CleanedText, clean_text
from newstrace.ingest.notes import find_notes

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "clean"


def _load(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def _kinds(result: CleanedText) -> list[str]:
    return [r.kind for r in result.removed]


def _removed_texts(result: CleanedText, kind: str) -> list[str]:
    return [r.text for r in result.removed if r.kind == kind]


def _paragraphs(result: CleanedText) -> list[str]:
    return result.text.split("\n\n")


# --- hard-wrapped prints ---------------------------------------------------------------------


def test_pdf_print_is_rejoined_into_sentences_and_paragraphs() -> None:
    result = clean_text(_load("wrapped_pdf_print.txt"))
    paragraphs = _paragraphs(result)
    assert result.title == "Northport council approves ferry terminal after decade of delays"
    assert paragraphs[0] == result.title
    assert len(paragraphs) == 6
    assert all("\n" not in p for p in paragraphs)
    assert paragraphs[1].startswith("NORTHPORT — The city council voted 9-2 on Tuesday evening")
    assert "approve a new ferry terminal, ending a dispute" in paragraphs[1]
    # a page footer inside a paragraph vanishes and the paragraph closes over it
    assert "Two members voted against the plan, citing the lack" in result.text


def test_pdf_print_dehyphenation_keeps_compounds() -> None:
    text = clean_text(_load("wrapped_pdf_print.txt")).text
    for joined in ("recruitment", "environmental", "infrastructure", "connection.”"):
        assert joined in text
    for compound in ("high-ranking official", "state-owned", "9-2"):
        assert compound in text
    assert "recruit-" not in text and "environ-" not in text and "infra-" not in text


def test_pdf_print_removes_print_furniture_caption_and_teaser() -> None:
    result = clean_text(_load("wrapped_pdf_print.txt"))
    boilerplate = _removed_texts(result, "boilerplate")
    assert any(t.startswith("3/14/24, 9:05 AM") for t in boilerplate)
    assert "https://harbour-daily.example/news/ferry-terminal 1/2" in boilerplate
    assert "2/2" in boilerplate
    assert _removed_texts(result, "caption") == [
        "Cranes stand beside the old ferry pier in Northport on Tuesday. "
        "Photo: Dana Weller / Harbour Daily"
    ]
    assert _removed_texts(result, "teaser") == [
        "Read more: Island residents protest rising ferry fares"
    ]
    assert "Harbour Daily" not in result.text and "https://" not in result.text


def test_wrapped_text_without_blank_lines_finds_paragraph_ends() -> None:
    result = clean_text(_load("wrapped_no_blank_lines.txt"))
    paragraphs = _paragraphs(result)
    assert result.title == "Lakeside school to stay open after parents' campaign"
    assert paragraphs[1].endswith("3,000 signatures in two weeks.")
    assert paragraphs[2].startswith("The board had argued")
    assert paragraphs[2].endswith("more time travelling than playing.")
    assert paragraphs[3] == "The board listed three conditions for keeping the school:"
    assert paragraphs[4:7] == [
        "- a shared head teacher with a neighbouring school",
        "- a review of pupil numbers in two years",
        "- a volunteer-run after-school club",
    ]
    assert paragraphs[7].startswith("“This is a good day for the village,” said Ruth Adeyemi")
    assert result.removed == ()


def test_hard_wrapped_flag_overrides_detection() -> None:
    raw = _load("wrapped_no_blank_lines.txt")
    as_lines = clean_text(raw, hard_wrapped=False)
    assert len(_paragraphs(as_lines)) == len(raw.strip().splitlines())
    forced = clean_text("A short line that\ncontinues here.", hard_wrapped=True)
    assert forced.text == "A short line that continues here."


def test_one_paragraph_per_line_text_is_not_rejoined() -> None:
    raw = (
        "The first paragraph is a single long line of extracted text that ends here.\n"
        "The second one starts with a capital and also ends with a full stop.\n"
        "A third paragraph, of similar length, closes the short article today.\n"
    )
    result = clean_text(raw)
    assert _paragraphs(result) == raw.strip().split("\n")


# --- web copies ------------------------------------------------------------------------------


def test_web_copy_widgets_labels_captions_footer_newsletter() -> None:
    result = clean_text(_load("web_copy_widgets.txt"))
    assert result.title == "Flooded vineyards leave Valmont growers counting losses"
    assert _removed_texts(result, "section_label") == ["WorldEurope"]
    assert _removed_texts(result, "widget") == ["ShareTweetEmailCopy link"]
    assert _removed_texts(result, "caption") == [
        "Water covers rows of vines near Valmont after the river burst its banks on Sunday."
    ]
    assert _removed_texts(result, "photo_credit") == ["(AP Photo/Marta Kowal)"]
    assert _removed_texts(result, "boilerplate") == ["Advertisement"]
    assert len(_removed_texts(result, "newsletter")) == 1
    assert _removed_texts(result, "footer")[0].startswith("© 2024 The Riverside Courier.")
    # sentences that merely mention shares and privacy stay
    assert "Share prices of the two largest wine cooperatives" in result.text
    assert "share its damage assessment" in result.text
    assert "review its privacy rules" in result.text
    assert len(_paragraphs(result)) == 5


def test_caption_shown_twice_and_repeated_paragraph() -> None:
    result = clean_text(_load("duplicate_caption.txt"))
    assert result.title == "Mayor of Eastbrook resigns over housing contracts"
    captions = _removed_texts(result, "caption")
    assert (
        captions == ["Mayor Ilse Brandt speaks to reporters outside the town hall on Wednesday"] * 2
    )
    # a long paragraph repeated right after itself is kept once
    repeats = _removed_texts(result, "duplicate_line")
    assert len(repeats) == 1 and repeats[0].startswith("The contracts, worth a combined")
    assert result.text.count("The contracts, worth a combined 7.4 million euros") == 1
    # a repeat further away stays (a pull quote, a recap, an interview question)
    assert result.text.count("Eastbrook mayor Ilse Brandt resigned on Wednesday") == 2
    assert _removed_texts(result, "section_label") == ["Politics"]
    assert _removed_texts(result, "widget") == ["Print"]
    assert _removed_texts(result, "footer") == ["Contact us | About us | Terms of use"]
    assert len(_paragraphs(result)) == 6


def test_adjacent_repeat_of_a_sentence_keeps_one_copy() -> None:
    lede = "A fire damaged two warehouses in the harbour on Friday night."
    result = clean_text(f"Harbour fire damages warehouses\n{lede}\n{lede}\nNo one was hurt.")
    assert result.text.count(lede) == 1
    assert _kinds(result) == ["duplicate_line"]


def test_repeated_headline_in_unspaced_script_is_kept_once() -> None:
    headline = "港口仓库夜间起火两栋受损"
    result = clean_text(f"{headline}\n{headline}\n周五晚上港口的两座仓库发生火灾，无人受伤。")
    assert result.title == headline
    assert _kinds(result) == ["duplicate_line"]


def test_copyright_mark_is_stripped_from_a_sentence_not_taken_as_caption() -> None:
    sentence = "The museum reopened on Monday after a two-year renovation, its director said."
    result = clean_text(f"Museum reopens after renovation\n{sentence} (c) Example Wire")
    assert _paragraphs(result)[1] == sentence
    assert _removed_texts(result, "photo_credit") == ["(c) Example Wire"]


def test_teasers_are_removed_but_body_mentions_of_reading_stay() -> None:
    result = clean_text(_load("teasers.txt"))
    teasers = _removed_texts(result, "teaser")
    assert teasers == [
        "Read also",
        "Seal pups rescued after winter storm",
        "Trust warns walkers to keep dogs on leads",
        "See also: How the Greywater count is done",
        "Related articles: Coastal trust buys second nature reserve",
        "More on this story",
        "Recommended: Five walks along the Greywater coast",
    ]
    assert "visitors should read more about the colony" in result.text
    assert result.text.count("\n\n") == 4
    assert "Read the full report on the trust's website" in result.text


def test_credit_formats() -> None:
    result = clean_text(_load("credits_variety.txt"))
    captions = _removed_texts(result, "caption")
    assert any(c.endswith("REUTERS/Jonas Feld") for c in captions)
    assert any(c.endswith("Photograph: Ana Ruiz/AFP via Getty Images") for c in captions)
    assert "Road workers clear a fallen tree near the village of Obertal." in captions
    assert "A skier walks past closed lifts in Alpenau on Thursday (Reuters)" in captions
    credits = _removed_texts(result, "photo_credit")
    assert credits == ["Getty Images", "Sven Maier / DPA", "Photo: Kessel Road Authority"]
    # a long paragraph loses only its trailing credit
    assert "further snow was forecast for Friday night." in result.text
    assert "Kessel Road Authority" not in result.text
    # a sentence naming an agency as a data source stays
    assert "received data from Getty Images and from its own cameras" in result.text
    assert len(_paragraphs(result)) == 5


def test_russian_web_copy() -> None:
    raw = _load("russian_web_copy.txt")
    for language in ("ru", None):
        result = clean_text(raw, language=language)
        assert result.title == "В Заречье открыли первый в области приют для бездомных кошек"
        assert _removed_texts(result, "section_label") == ["Новости", "Общество"]
        assert _removed_texts(result, "widget") == ["Поделиться"]
        assert _removed_texts(result, "caption")[0].endswith(
            "Фото: Ирина Соколова / «Вестник Заречья»"
        )
        assert _removed_texts(result, "teaser")[0].startswith("Читайте также:")
        assert _removed_texts(result, "newsletter")[0].startswith("Подписывайтесь")
        assert len(_removed_texts(result, "footer")) == 2
        assert result.text.endswith("На самом деле он рассчитан на 120 животных.")
        assert len(_paragraphs(result)) == 5


def test_text_without_boilerplate_comes_out_unchanged_except_whitespace() -> None:
    raw = _load("negatives_plain.txt")
    messy = raw.replace("\n", "  \r\n").replace(" council", "\u00a0council", 3)
    messy = messy.replace(". ", ".   ", 5).replace("Residents", "\tResidents")
    for source in (raw, messy):
        result = clean_text(source)
        assert result.removed == ()
        expected = "\n\n".join(p.strip() for p in raw.split("\n\n") if p.strip())
        assert result.text == expected
        assert result.title == "Council keeps privacy policy for school cameras under review"
    assert find_notes(clean_text(raw).text) == ()


def test_notes_are_never_removed() -> None:
    raw = _load("corrections_en.txt")
    result = clean_text(raw)
    assert result.removed == ()
    assert "Correction (March 4): An earlier version" in result.text
    assert "We regret the error." in result.text


# --- normalisation ---------------------------------------------------------------------------


def test_control_characters_bom_and_odd_spaces() -> None:
    raw = (
        "\ufeffThe\x07 mayor\u00a0said\u200b on\tTuesday\x1b that the bridge\r\nwould re\u00adopen."
    )
    result = clean_text(raw, hard_wrapped=False)
    assert result.text == "The mayor said on Tuesday that the bridge\n\nwould reopen."
    controls = [r for r in result.removed if r.kind == "control_chars"]
    assert len(controls) == 1
    assert "U+0007" in controls[0].text and "U+FEFF" in controls[0].text
    assert controls[0].reason.startswith("5 ")


def test_line_ends_and_ligatures() -> None:
    result = clean_text("First ﬁnding.\r\rSecond\u2028line.")
    assert _paragraphs(result) == ["First finding.", "Second", "line."]


@pytest.mark.parametrize(
    "raw",
    ["", "   ", "\n\n\n", "\x00\x01", "“unbalanced quote", "😀😀 emoji 🇺🇦 text", "-\n-\n-"],
)
def test_degenerate_inputs(raw: str) -> None:
    result = clean_text(raw)
    assert "\n\n\n" not in result.text
    assert result.text == result.text.strip()


def test_large_adversarial_inputs_complete() -> None:
    size = 200_000
    for unit in ("“", "Photo: ", "A/", ". ", "recruit-\n", "( ", "Read more: "):
        raw = unit * (size // len(unit))
        result = clean_text(raw)
        assert isinstance(result.text, str)
        assert len(result.text) <= len(raw)


# --- properties ------------------------------------------------------------------------------

_ALPHABET = st.sampled_from(
    [
        *"abcXYZ .,;:!?-—“”«»\"'()/\n\n\t\r\x00\x07\u00a0\u200bабвЖЁ😀🇺🇦©0123",
        *("Photo: ", "Correction: ", "said “", "changed to ", "Share", "\n\n", "Update: "),
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), st.lists(_ALPHABET, max_size=80).map("".join)))
def test_clean_never_raises_and_note_spans_hold(raw: str) -> None:
    result = clean_text(raw)
    assert "\r" not in result.text and "\x00" not in result.text
    assert not re.search(r"\n{3,}", result.text)
    for note in find_notes(result.text):
        assert note.span is not None
        assert result.text[note.span.start : note.span.end] == note.span.text == note.text
