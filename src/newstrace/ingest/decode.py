"""Bytes to text: byte-order marks, UTF-8, declared charsets, then careful guessing.

The order is: a byte-order mark (UTF-8/16/32) wins; then strict UTF-8; then a charset the
caller declares (an HTTP header) or the document declares (``<meta charset>``, the XML
declaration); then, for bytes in no declared or a wrong charset, a guess. The guess uses
charset-normalizer only for multi-byte East Asian encodings; for the single-byte code pages
that news sites in Europe still serve (windows-1252/latin-1, windows-1251, KOI8-R, windows-1250,
Greek, Turkish, Baltic) it scores each candidate decoding by how word-like its letters are and by
how sure the language identifier is about it, because charset-normalizer often mistakes short
latin-1 or windows-1251 text for a neighbouring code page.

Binary data (NUL bytes that are not UTF-16/32, or mostly control characters) raises
:class:`~newstrace.errors.InputError`.
"""

from __future__ import annotations

import codecs
import itertools
import re
import unicodedata

from charset_normalizer import from_bytes

from newstrace.errors import InputError
from newstrace.ingest.language import detect_language_scored

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Declared charsets that browsers (WHATWG Encoding Standard) read as a wider code page.
_ALIASES = {
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "l1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "iso-8859-9": "cp1254",
    "x-cp1251": "cp1251",
    "win-1251": "cp1251",
}

# Single-byte code pages tried when nothing is declared, in order of preference on a tie.
_SINGLE_BYTE = ("cp1252", "cp1251", "koi8_r", "cp1250", "cp1253", "cp1254", "cp1257")

# Multi-byte encodings that charset-normalizer recognises well enough to trust.
_MULTI_BYTE = frozenset(
    {
        "big5",
        "cp932",
        "cp949",
        "cp950",
        "euc_jis_2004",
        "euc_jisx0213",
        "euc_jp",
        "euc_kr",
        "gb18030",
        "gb2312",
        "gbk",
        "hz",
        "iso2022_jp",
        "iso2022_kr",
        "johab",
        "shift_jis",
        "shift_jis_2004",
        "shift_jisx0213",
        "utf_16",
        "utf_16_be",
        "utf_16_le",
        "utf_32",
        "utf_32_be",
        "utf_32_le",
    }
)

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF file; copy its text into a .txt file first"),
    (b"PK\x03\x04", "a ZIP archive (or .docx/.odt); unpack it or save the text as .txt"),
    (b"\x89PNG", "a PNG image, not text"),
    (b"\xff\xd8\xff", "a JPEG image, not text"),
    (b"GIF8", "a GIF image, not text"),
    (b"\x1f\x8b", "gzip-compressed data that is not a WARC file; decompress it first"),
)

_DECLARED_RE = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)"""
    rb"""|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.\-]+)["']""",
    re.IGNORECASE,
)
_WORD_RE = re.compile(r"[^\W\d_]+")
_SAMPLE = 65_536
_CONTROL_LIMIT = 0.05
_MULTI_BYTE_MIN = 64  # non-ASCII bytes needed before a multi-byte guess is trusted


def decode_bytes(data: bytes, name: str, *, declared: str | None = None) -> str:
    """Decode ``data`` (the contents of input ``name``) to text.

    ``declared`` is a charset named outside the bytes (an HTTP ``Content-Type`` header); it is
    tried after a byte-order mark and valid UTF-8. Raises :class:`InputError` for binary data.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _checked(_strict(data[len(bom) :], encoding, name), name)
    unmarked = _unmarked_utf16(data)
    if unmarked:
        return _checked(_strict(data, unmarked, name), name)
    _reject_binary(data, name)
    try:
        return _checked(data.decode("utf-8"), name)
    except UnicodeDecodeError:
        pass
    text = _mostly_utf8(data)
    if text is None:
        text = _declared_decode(data, declared) or _declared_decode(data, _sniff_declared(data))
    if text is None:
        text = _guess(data)
    return _checked(text, name)


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(name, f"not valid {encoding} after its byte-order mark: {exc}") from exc


def _unmarked_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM shows as NUL bytes at every other position in ASCII-heavy text."""
    sample = data[:4096]
    if len(sample) < 8 or b"\x00" not in sample:
        return None
    pairs = len(sample) // 2
    even_nuls = sample[0 : pairs * 2 : 2].count(0)
    odd_nuls = sample[1 : pairs * 2 : 2].count(0)
    if odd_nuls >= 0.6 * pairs and even_nuls <= 0.05 * pairs:
        return "utf-16-le"
    if even_nuls >= 0.6 * pairs and odd_nuls <= 0.05 * pairs:
        return "utf-16-be"
    return None


def _reject_binary(data: bytes, name: str) -> None:
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(name, f"binary data: {what}")
    if b"\x00" in data[:_SAMPLE]:
        raise InputError(name, "binary data (contains NUL bytes), not text")


def _checked(text: str, name: str) -> str:
    """Reject decoded text that is mostly control characters (binary data in disguise)."""
    sample = text[:_SAMPLE]
    if not sample:
        return text
    controls = sum(
        1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f\v"
    )
    if controls / len(sample) > _CONTROL_LIMIT:
        raise InputError(name, "binary data (mostly control characters), not text")
    return text


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with a few broken bytes (a truncated or spliced page) beats a wrong code page."""
    text = data.decode("utf-8", errors="replace")
    broken = text.count("\ufffd")
    multibyte = sum(1 for ch in text if ord(ch) > 0x7F) - broken
    if broken and multibyte >= 10 * broken:
        return text
    return None


def _sniff_declared(data: bytes) -> str | None:
    match = _DECLARED_RE.search(data[:4096])
    if not match:
        return None
    raw = match.group(1) or match.group(2)
    return raw.decode("ascii", errors="ignore")


def _declared_decode(data: bytes, charset: str | None) -> str | None:
    """Decode with a declared charset; ``None`` when it is unknown or does not fit the bytes."""
    if not charset:
        return None
    label = charset.strip().lower()
    encoding = _ALIASES.get(label, label)
    try:
        codecs.lookup(encoding)
        return data.decode(encoding)
    except (LookupError, UnicodeDecodeError):
        return None


def _guess(data: bytes) -> str:
    sample = data[:_SAMPLE]
    high = sum(1 for byte in sample if byte > 0x7F)
    best = from_bytes(sample).best() if high >= _MULTI_BYTE_MIN else None
    if best is not None and best.encoding in _MULTI_BYTE and best.chaos < 0.2:
        try:
            return data.decode(best.encoding)
        except UnicodeDecodeError:
            pass
    return data.decode(guess_single_byte(data))


def guess_single_byte(data: bytes) -> str:
    """Pick the single-byte code page under which ``data`` reads most like real words.

    Each candidate decoding gets a penalty for word shapes that real text rarely has (Latin and
    Cyrillic letters in one word, words made mostly of accented letters, a capital letter inside
    a lower-case word, C1 control characters, odd symbols); among the least penalised, the one
    the language identifier is surest about wins. Falls back to latin-1, which decodes anything.
    """
    sample = data[:_SAMPLE]
    scored: list[tuple[float, float, int, str]] = []
    for rank, encoding in enumerate(_SINGLE_BYTE):
        try:
            text = sample.decode(encoding)
        except UnicodeDecodeError:
            continue
        penalty = _penalty(text)
        scored.append((penalty, 0.0, rank, encoding))
    if not scored:
        return "latin-1"
    lowest = min(s[0] for s in scored)
    finalists = [s for s in scored if s[0] <= lowest + 0.01]
    if len(finalists) == 1:
        return finalists[0][3]
    rescored = []
    for penalty, _, rank, encoding in finalists:
        _lang, confidence = detect_language_scored(sample[:4000].decode(encoding))
        rescored.append((penalty, -round(confidence, 3), rank, encoding))
    return min(rescored)[3]


def _penalty(text: str) -> float:
    """Share of words (and characters) whose shape real text rarely has."""
    words = _WORD_RE.findall(text)
    odd_words = sum(1 for w in words if _odd_word(w))
    odd_chars = sum(1 for ch in text if _odd_char(ch))
    return odd_words / max(len(words), 1) + 3 * odd_chars / max(len(text), 1)


def _odd_word(word: str) -> bool:
    if word.isascii():
        return False
    scripts = {_script(ch) for ch in word}
    if len(scripts) > 1:
        return True
    if "latin" in scripts and len(word) >= 3:
        accented = sum(1 for ch in word if not ch.isascii())
        if accented * 2 > len(word):
            return True
    return any(a.islower() and b.isupper() for a, b in itertools.pairwise(word))


def _script(ch: str) -> str:
    if ch.isascii():
        return "latin"
    name = unicodedata.name(ch, "")
    for script in ("LATIN", "CYRILLIC", "GREEK", "HEBREW", "ARABIC"):
        if name.startswith(script):
            return script.lower()
    return "other"


def _odd_char(ch: str) -> bool:
    if ch.isascii():
        return False
    category = unicodedata.category(ch)
    return category in {"Cc", "Co", "Cn", "So", "Sk", "No"} or ch in "¤¦¨¯´¸"
