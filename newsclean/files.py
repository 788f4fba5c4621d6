"""Safe reading of text files and atomic writing back, keeping how each file was laid out.

Reading decodes bytes by fixed rules (UTF-8 with or without a BOM; a legacy cp1252 file is
recovered with a note; anything else is refused with a specific error) and remembers the
layout facts (BOM, line-ending style, final newline) that :func:`write_atomic` re-applies,
so a file written back differs only where its text changed.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Literal

import regex

from newsclean.chars import LINE_END_RE

Newline = Literal["\n", "\r\n", "\r", "mixed"]
Encoding = Literal["utf-8", "cp1252"]

#: Files larger than this are refused: the whole text is held in memory several times over.
MAX_FILE_BYTES = 512 * 1024 * 1024
#: How much of the start of a file the binary test looks at.
SNIFF_BYTES = 8192
#: Share of control bytes in the sniffed start above which a file counts as binary.
MAX_CONTROL_SHARE = 0.10
#: Suffixes (compared case-insensitively) of the files taken when a directory is recursed.
TEXT_SUFFIXES: tuple[str, ...] = (".txt", ".text", ".md", ".markdown")
#: The name standard input is shown under in messages.
STDIN_NAME = "<stdin>"

_UTF8_BOM = b"\xef\xbb\xbf"

# Control bytes that never occur in text; tab, line feed, vertical tab, form feed,
# carriage return and escape are left out because scraped text does carry them.
_CONTROL_BYTES_RE = regex.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")

# A well-formed UTF-8 multi-byte sequence: its presence in a file that is not valid UTF-8
# means the file mixes encodings, which a whole-file cp1252 decode would garble further.
_UTF8_SEQUENCE_RE = regex.compile(
    rb"""
      [\xc2-\xdf][\x80-\xbf]         # two bytes: U+0080..U+07FF
    | [\xe0-\xef][\x80-\xbf]{2}      # three bytes: the rest of the BMP
    | [\xf0-\xf4][\x80-\xbf]{3}      # four bytes: astral planes
    """,
    regex.VERBOSE,
)

# Line endings at the very end of a text.
_TRAILING_LINE_ENDS_RE = regex.compile(r"[\r\n]+\Z")


class InputError(ValueError):
    """An input that cannot be read as text: ``str()`` is ``"<path>: <what is wrong>"``."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(path, problem)
        self.path = path
        self.problem = problem

    def __str__(self) -> str:
        return f"{self.path}: {self.problem}"


class MissingPathError(InputError):
    """A path given on the command line does not exist."""


class NoTextFilesError(InputError):
    """A directory holds no file with a text suffix."""


class BinaryFileError(InputError):
    """The file holds NUL bytes or many control bytes: it is not text."""


class DecodeError(InputError):
    """The bytes are neither UTF-8 nor recoverable legacy text; ``offset`` is the first bad byte."""

    def __init__(self, path: str, problem: str, offset: int = 0) -> None:
        super().__init__(path, problem)
        self.args = (path, problem, offset)
        self.offset = offset


class FileTooLargeError(InputError):
    """The file is larger than :data:`MAX_FILE_BYTES`."""


@dataclass(frozen=True, slots=True)
class SourceText:
    """A decoded text plus the facts needed to write it back byte for byte.

    ``text`` keeps its line endings as they were (only a BOM is removed). ``newline`` (the
    one style used, or ``"mixed"``; ``"\\n"`` for a text without line breaks) and
    ``final_newline`` are derived from ``text``, so they can never disagree with it.
    ``note`` says what was unusual about the decoding, if anything.

    >>> SourceText("a\\r\\nb").newline
    '\\r\\n'
    """

    text: str
    had_bom: bool = False
    encoding: Encoding = "utf-8"
    note: str | None = None
    newline: Newline = field(init=False)
    final_newline: bool = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "newline", newline_style(self.text))
        object.__setattr__(self, "final_newline", self.text.endswith(("\n", "\r")))


def newline_style(text: str) -> Newline:
    """Return the line-ending style of ``text``: one style, ``"mixed"``, or ``"\\n"`` if none.

    >>> newline_style("one\\rtwo\\r"), newline_style("one\\ntwo\\r\\n")
    ('\\r', 'mixed')
    """
    styles = {match.group() for match in LINE_END_RE.finditer(text)}
    if len(styles) > 1:
        return "mixed"
    style = styles.pop() if styles else "\n"
    return "\r\n" if style == "\r\n" else "\r" if style == "\r" else "\n"


def decode_text(data: bytes, *, name: str) -> SourceText:
    """Decode a file's bytes by the reading rules; ``name`` is used in error messages.

    UTF-8 first (a BOM is removed and remembered). Bytes that are not UTF-8 are taken as
    cp1252 only when they decode cleanly and hold no control bytes, no UTF-8 sequence and
    no BOM: a file mixing encodings is refused rather than garbled. Errs towards refusing.

    >>> decode_text(b"caf\\xe9\\n", name="menu.txt").text
    'café\\n'
    """
    if len(data) > MAX_FILE_BYTES:
        raise FileTooLargeError(name, _too_large(len(data)))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DecodeError(
            name, "looks like UTF-16 (it starts with a byte-order mark); save as UTF-8"
        )
    if is_binary(data[:SNIFF_BYTES]):
        raise BinaryFileError(name, "binary file (NUL or control bytes), not text")
    had_bom = data.startswith(_UTF8_BOM)
    body = data[len(_UTF8_BOM) :] if had_bom else data
    try:
        return SourceText(body.decode("utf-8"), had_bom=had_bom)
    except UnicodeDecodeError as exc:
        offset = exc.start + (len(_UTF8_BOM) if had_bom else 0)
        problem = f"invalid UTF-8 (byte 0x{body[exc.start]:02x} at offset {offset})"
        if had_bom:
            raise DecodeError(name, f"{problem} after a UTF-8 byte-order mark", offset) from None
        return _decode_legacy(body, name=name, offset=offset, problem=problem)


def _decode_legacy(data: bytes, *, name: str, offset: int, problem: str) -> SourceText:
    """Decode non-UTF-8 bytes as cp1252, or raise DecodeError naming the first bad byte."""
    if _UTF8_SEQUENCE_RE.search(data) or _CONTROL_BYTES_RE.search(data):
        raise DecodeError(
            name, f"{problem}; mixed or unknown encoding, convert it to UTF-8", offset
        )
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise DecodeError(
            name, f"{problem}; not cp1252 either, convert it to UTF-8", offset
        ) from None
    return SourceText(text, encoding="cp1252", note=f"{problem}; decoded as cp1252")


def is_binary(sample: bytes) -> bool:
    """Return whether ``sample`` (a file's first bytes) looks binary rather than text.

    >>> is_binary(b"plain words\\n"), is_binary(b"PK\\x03\\x04\\x00\\x00")
    (False, True)
    """
    if b"\x00" in sample:
        return True
    controls = len(_CONTROL_BYTES_RE.findall(sample))
    return bool(sample) and controls / len(sample) > MAX_CONTROL_SHARE


def _too_large(size: int) -> str:
    return f"file too large ({size} bytes; the limit is {MAX_FILE_BYTES} bytes)"


def read_text_file(path: str | os.PathLike[str]) -> SourceText:
    """Read and decode the file at ``path`` (see :func:`decode_text` for the rules).

    Raises :class:`InputError` subclasses for bad content and ``OSError`` for I/O failures.
    """
    name = os.fspath(path)
    with open(path, "rb") as stream:
        size = os.fstat(stream.fileno()).st_size
        if size > MAX_FILE_BYTES:
            raise FileTooLargeError(name, _too_large(size))
        return decode_text(_read_limited(stream, name), name=name)


def read_stdin(stream: BinaryIO | None = None) -> SourceText:
    """Read and decode standard input (or ``stream``) by the same rules as a file."""
    source = sys.stdin.buffer if stream is None else stream
    return decode_text(_read_limited(source, STDIN_NAME), name=STDIN_NAME)


def _read_limited(stream: BinaryIO, name: str) -> bytes:
    """Read all of ``stream`` but refuse, without reading on, past the size limit."""
    data = stream.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise FileTooLargeError(name, f"input too large (more than {MAX_FILE_BYTES} bytes)")
    return data


def is_text_path(path: Path) -> bool:
    """Return whether a file found in a directory is taken: text suffix, not hidden.

    >>> is_text_path(Path("news/story.TXT")), is_text_path(Path("news/.draft.txt"))
    (True, False)
    """
    return not path.name.startswith(".") and path.suffix.lower() in TEXT_SUFFIXES


def iter_paths(
    paths: Iterable[str | os.PathLike[str]], *, suffixes: tuple[str, ...] = TEXT_SUFFIXES
) -> Iterator[Path]:
    """Yield the files to read: files as given, directories recursed, lazily.

    A directory yields its files with a text suffix, sorted by path components, skipping
    hidden files and directories and not following symlinked directories (no loops).
    Raises :class:`MissingPathError` for a path that does not exist and
    :class:`NoTextFilesError` for a directory that yields nothing.
    """
    wanted = tuple(s.lower() for s in suffixes)
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = False
            for found_path in _walk(path, wanted):
                found = True
                yield found_path
            if not found:
                listed = ", ".join(wanted)
                raise NoTextFilesError(str(path), f"directory has no text files ({listed})")
        elif path.exists():
            yield path
        else:
            raise MissingPathError(str(path), "no such file or directory")


def _walk(directory: Path, suffixes: tuple[str, ...]) -> Iterator[Path]:
    """Yield text files under ``directory``, depth first, entries sorted by name."""
    with os.scandir(directory) as scan:
        entries = sorted(scan, key=lambda entry: entry.name)
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = directory / entry.name
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(path, suffixes)
        elif entry.is_file() and path.suffix.lower() in suffixes:
            yield path


def layout_text(text: str, like: SourceText) -> str:
    """Return ``text`` with the line endings and final newline of ``like`` re-applied.

    A single style replaces every line ending; with ``"mixed"`` the endings are kept as
    they are. The final newline is added or removed to match (never added to "").

    >>> layout_text("a\\nb\\n", SourceText("x\\r\\ny"))
    'a\\r\\nb'
    """
    if like.newline != "mixed":
        text = str(LINE_END_RE.sub(like.newline, text))
    end = "\n" if like.newline == "mixed" else like.newline
    body = str(_TRAILING_LINE_ENDS_RE.sub("", text))
    if not like.final_newline or body != text or not body:
        return text if like.final_newline else body
    return body + end


def encode_text(text: str, like: SourceText) -> bytes:
    """Return the bytes to write for ``text`` laid out and encoded like ``like``.

    Raises ``ValueError`` if a legacy-encoded file's new text cannot be encoded back.

    >>> encode_text("é\\n", SourceText("x\\n", had_bom=True))
    b'\\xef\\xbb\\xbf\\xc3\\xa9\\n'
    """
    laid_out = layout_text(text, like)
    try:
        data = laid_out.encode(like.encoding)
    except UnicodeEncodeError as exc:
        raise ValueError(
            f"{exc.object[exc.start]!r} cannot be written in {like.encoding}; convert the file "
            "to UTF-8 first"
        ) from None
    return _UTF8_BOM + data if like.had_bom else data


def write_atomic(path: str | os.PathLike[str], text: str, like: SourceText) -> None:
    """Write ``text`` to ``path`` laid out like ``like``, all at once or not at all.

    The bytes go to a temporary file in the same directory, are flushed to disk and then
    renamed over ``path`` (keeping its permission bits; a symlink is written through), so
    a reader sees the old file or the new one, never half of one.
    """
    data = encode_text(text, like)
    with atomic_output(path) as stream:
        stream.write(data)


@contextlib.contextmanager
def atomic_output(path: str | os.PathLike[str]) -> Iterator[BinaryIO]:
    """Yield a binary stream that replaces ``path`` atomically when the block ends cleanly.

    On any exception (KeyboardInterrupt included) the temporary file is removed and
    ``path`` is left untouched.
    """
    target = Path(os.path.realpath(path))
    mode = _existing_mode(target)
    temp = _temp_name(target)
    try:
        # Created inside the ``try``, under a name chosen before it: a signal that the
        # command line turns into an exception just after the file appears removes it too.
        while (fd := _create_temp(temp)) is None:
            temp = _temp_name(target)
        with os.fdopen(fd, "wb") as stream:
            yield stream
            stream.flush()
            if mode is not None:
                os.fchmod(stream.fileno(), mode)
            os.fsync(stream.fileno())
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
        raise
    _fsync_directory(target.parent)


def _existing_mode(path: Path) -> int | None:
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        return None


def _temp_name(target: Path) -> Path:
    """A fresh hidden name beside ``target`` for its temp file."""
    return target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")


def _create_temp(temp: Path) -> int | None:
    """Create ``temp`` and return its descriptor, or None if the name is taken.

    0o666 lets the umask decide.
    """
    try:
        return os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except FileExistsError:
        return None


def _fsync_directory(directory: Path) -> None:
    """Make the rename durable; best effort, as some systems cannot open directories."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
