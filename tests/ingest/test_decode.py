"""Bytes to text: BOMs, UTF-8, declared charsets, single-byte guessing, binary refusal."""

from __future__ import annotations

import codecs
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newstrace.errors import InputError
from newstrace.ingest.decode import decode_bytes, guess_single_byte

RUSSIAN = "Депутаты городской думы в среду одобрили бюджет, сообщила пресс-служба мэрии."
UKRAINIAN = "Міська рада в четвер ухвалила рішення про ремонт мосту, повідомив речник."
FRENCH = "Le maire a déclaré que la fête du village aura lieu à la fin août, malgré la grève."
GERMAN = "Die Bürgermeisterin äußerte sich am Montag über die geplante Straßenbahnlinie."
SPANISH = "El portavoz señaló que la reunión en la montaña comenzó a las ocho."
CZECH = "Mluvčí úřadu řekl, že práce na silnici skončí v září, ale řidiči čekají dál."
POLISH = "Rzecznik urzędu powiedział, że prace na drodze zakończą się we wrześniu."
GREEK = "Ο εκπρόσωπος του δήμου δήλωσε ότι τα έργα θα ολοκληρωθούν τον Σεπτέμβριο."


@pytest.mark.parametrize(
    ("bom", "encoding"),
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
    ],
)
def test_byte_order_marks_decide_and_are_dropped(bom: bytes, encoding: str) -> None:
    text = f"{RUSSIAN}\n{FRENCH}"
    assert decode_bytes(bom + text.encode(encoding), "x.txt") == text


def test_utf16_without_bom_is_recognised() -> None:
    text = "Plain English words, written out as UTF-16 with no byte-order mark at all."
    assert decode_bytes(text.encode("utf-16-le"), "a.txt") == text
    assert decode_bytes(text.encode("utf-16-be"), "b.txt") == text


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (RUSSIAN, "cp1251"),
        (UKRAINIAN, "cp1251"),
        (RUSSIAN, "koi8-r"),
        (FRENCH, "latin-1"),
        (GERMAN, "latin-1"),
        (SPANISH, "cp1252"),
        (CZECH, "cp1250"),
        (POLISH, "cp1250"),
        (GREEK, "cp1253"),
    ],
)
def test_undeclared_single_byte_text_decodes_right(text: str, encoding: str) -> None:
    assert decode_bytes(text.encode(encoding), "legacy.txt") == text


@pytest.mark.parametrize(
    ("text", "encoding"),
    [("Привет, мир", "cp1251"), ("Привет, мир", "koi8-r"), ("Café naïve", "latin-1")],
)
def test_short_legacy_text_still_decodes(text: str, encoding: str) -> None:
    assert decode_bytes(text.encode(encoding), "short.txt") == text


def test_cyrillic_mixed_with_latin_names_survives() -> None:
    text = "Издание «Вёрстка» (Verstka) сообщило, что CEO компании уволен."
    assert decode_bytes(text.encode("cp1251"), "mix.txt") == text


def test_html_meta_charset_is_honoured() -> None:
    page = '<html><head><meta charset="windows-1251"><title>t</title></head><body><p>'
    data = page.encode("ascii") + "Короткий текст".encode("cp1251") + b"</p></body></html>"
    assert "Короткий текст" in decode_bytes(data, "page.html")


def test_http_equiv_and_xml_declarations_are_honoured() -> None:
    equiv = b'<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">'
    assert "Новости" in decode_bytes(equiv + "Новости".encode("koi8-r"), "p.html")
    xml = b'<?xml version="1.0" encoding="ISO-8859-1"?><rss>'
    assert "Ça va" in decode_bytes(xml + "Ça va".encode("latin-1"), "f.xml")


def test_declared_charset_argument_is_used_for_non_utf8() -> None:
    data = "Сводка".encode("koi8-r")
    assert decode_bytes(data, "u", declared="koi8-r") == "Сводка"


def test_valid_utf8_beats_a_wrong_declaration() -> None:
    data = '<meta charset="iso-8859-1"><p>Größe – ok</p>'.encode()
    assert "Größe – ok" in decode_bytes(data, "p.html", declared="iso-8859-1")


def test_unknown_declared_charset_falls_back_to_guessing() -> None:
    data = RUSSIAN.encode("cp1251")
    assert decode_bytes(data, "x", declared="no-such-charset") == RUSSIAN


def test_mostly_utf8_with_a_broken_byte_stays_utf8() -> None:
    good = (RUSSIAN + " " + FRENCH).encode("utf-8")
    data = good[:40] + b"\xff" + good[40:]
    text = decode_bytes(data, "spliced.txt")
    assert "сообщила пресс-служба" in text
    assert "\ufffd" in text


def test_nul_bytes_mean_binary() -> None:
    with pytest.raises(InputError) as info:
        decode_bytes(b"\x00\x01\x02\x03binary\x00\x00\x10" * 50, "blob.dat")
    assert info.value.input_name == "blob.dat"
    assert "binary" in info.value.reason


def test_random_bytes_are_refused_as_binary() -> None:
    noise = random.Random(7).randbytes(4000).replace(b"\x00", b"\x01")
    with pytest.raises(InputError, match="binary"):
        decode_bytes(noise, "noise.bin")


@pytest.mark.parametrize(
    ("data", "word"),
    [(b"%PDF-1.7\n...", "PDF"), (b"\x89PNG\r\n\x1a\n", "PNG"), (b"PK\x03\x04rest", "ZIP")],
)
def test_known_binary_formats_get_a_specific_reason(data: bytes, word: str) -> None:
    with pytest.raises(InputError, match=word):
        decode_bytes(data, "file")


def test_guess_prefers_windows_1252_for_plain_ascii() -> None:
    assert guess_single_byte(b"Nothing special here at all.") == "cp1252"


@given(st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=200))
def test_any_utf8_text_round_trips(text: str) -> None:
    assert decode_bytes(text.encode("utf-8"), "prop.txt") == text.removeprefix("\ufeff")
