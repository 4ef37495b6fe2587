"""Reading article files as text: UTF-8 first, then a recognised legacy encoding, else reject."""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from pathlib import Path

import charset_normalizer

from bot.ingest.errors import IngestError

MAX_FILE_BYTES = 64 * 1024 * 1024
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Text has few control characters besides line breaks and tabs; more than this share is binary.
_MAX_CONTROL_SHARE = 0.01
_MIN_GUESS_BYTES = 32


def check_readable(path: Path) -> int:
    """The file's size, or an ``IngestError`` when it is missing, a folder or unreadable."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise IngestError(path, "The file does not exist.") from None
    except OSError as error:
        raise IngestError(path, f"The file cannot be read ({error.strerror}).") from None
    if path.is_dir():
        raise IngestError(path, "This is a folder, not a file.")
    return size


def iter_lines(path: Path) -> Iterator[bytes]:
    """The file's lines as bytes, streamed (JSON Lines files may be far larger than memory)."""
    check_readable(path)
    try:
        with path.open("rb") as handle:
            yield from handle
    except OSError as error:
        raise IngestError(path, f"The file cannot be read ({error.strerror}).") from None


def read_bytes(path: Path) -> bytes:
    """The file's bytes, or an ``IngestError`` saying why it cannot be read."""
    size = check_readable(path)
    if size > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // (1024 * 1024)
        raise IngestError(path, f"The file is larger than the {limit} MB limit.")
    try:
        return path.read_bytes()
    except OSError as error:
        raise IngestError(path, f"The file cannot be read ({error.strerror}).") from None


def _looks_binary(text: str) -> bool:
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f\v")
    return "\x00" in text or controls > len(text) * _MAX_CONTROL_SHARE


def decode_text(path: Path, data: bytes) -> str:
    """Decode file bytes: a UTF-16/32 BOM, UTF-8 (with or without BOM), then a charset guess."""
    if not data.strip():
        raise IngestError(path, "The file is empty.")
    text: str | None = None
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                raise IngestError(
                    path, f"The file starts with a {encoding} mark but is not valid {encoding}."
                ) from None
            break
    if text is None:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            if b"\x00" in data:
                raise IngestError(path, "The file is binary, not text.") from None
            guess = charset_normalizer.from_bytes(data).best()
            # A few stray bytes decode as anything; only a real run of text is worth guessing.
            if guess is None or len(data) < _MIN_GUESS_BYTES:
                raise IngestError(
                    path, "The file is not UTF-8 and its text encoding could not be recognised."
                ) from None
            text = str(guess)
    if _looks_binary(text):
        raise IngestError(path, "The file is binary, not text.")
    if not text.strip():
        raise IngestError(path, "The file holds only whitespace.")
    return text


def read_text(path: Path) -> str:
    """Read and decode a text file, raising ``IngestError`` with a plain reason when it cannot."""
    return decode_text(path, read_bytes(path))
