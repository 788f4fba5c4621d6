"""Safe reading of text files and atomic writing back, keeping how each file was laid out.

Reading decodes bytes by fixed rules (UTF-8 with or without a BOM; a legacy cp1252 file is
recovered with a note; anything else is refused with a specific error) and remembers the
layout facts (BOM, line-ending style, final newline) that :func:`write_atomic` re-applies,
so a file written back differs only where its text changed. Only regular files are read,
and a read remembers which file it was (:class:`FileStamp`): :func:`replace_files` writes
back only a file that has not changed since, never splits a hard link, and keeps the
file's mode, owner and group. Directory walks never follow symbolic links.
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import hashlib
import os
import secrets
import stat
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Literal

import regex

from newsclean.chars import LINE_END_RE, lazy_compile
from newsclean.model import InputError as InputError  # re-exported: the base of the errors here
from newsclean.model import Newline, newline_style

if sys.platform != "win32":  # no advisory locks there: runs do not take turns
    import fcntl

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
#: How many times a locked read starts over because the file was replaced while it waited.
LOCK_ATTEMPTS = 50

_UTF8_BOM = b"\xef\xbb\xbf"
# Open flags POSIX has and Windows lacks; without them the stat before opening still guards.
_O_NONBLOCK: int = getattr(os, "O_NONBLOCK", 0)
_O_NOFOLLOW: int = getattr(os, "O_NOFOLLOW", 0)

# Control bytes that never occur in text; tab, line feed, vertical tab, form feed,
# carriage return and escape are left out because scraped text does carry them.
_CONTROL_BYTES_RE = lazy_compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")

# A well-formed UTF-8 multi-byte sequence: its presence in a file that is not valid UTF-8
# means the file mixes encodings, which a whole-file cp1252 decode would garble further.
_UTF8_SEQUENCE_RE = lazy_compile(
    rb"""
      [\xc2-\xdf][\x80-\xbf]         # two bytes: U+0080..U+07FF
    | [\xe0-\xef][\x80-\xbf]{2}      # three bytes: the rest of the BMP
    | [\xf0-\xf4][\x80-\xbf]{3}      # four bytes: astral planes
    """,
    regex.VERBOSE,
)

# Line endings at the very end of a text.
_TRAILING_LINE_ENDS_RE = lazy_compile(r"[\r\n]+\Z")


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


class NotRegularFileError(InputError):
    """The path names a FIFO, a device, a socket or a directory (or, where links are not
    followed, a symbolic link) instead of a regular file; ``kind`` says which."""

    def __init__(self, path: str, kind: str) -> None:
        super().__init__(path, f"not a regular file ({kind}); name a file or - for stdin")
        self.args = (path, kind)
        self.kind = kind


class ChangedError(InputError):
    """The file changed between reading it and writing it back, so it was left as it is."""


class HardLinkError(InputError):
    """The file has several hard links, which replacing it would split; it was left as it is."""


@dataclass(frozen=True, slots=True)
class FileStamp:
    """Which file was read and what it held: its stat, taken with ``fstat`` on the very
    descriptor the bytes came from, and a digest of those bytes (empty if none were read).

    ``mode`` (permission bits), ``uid`` and ``gid`` are what a replacement keeps.

    >>> was = FileStamp(dev=1, ino=7, size=5, mtime_ns=9, ctime_ns=9, nlink=1, mode=0o640,
    ...                 uid=1000, gid=1000)
    >>> was.same_stat(os.stat_result((0o100640, 7, 1, 1, 1000, 1000, 6, 0, 0, 0)))  # grew
    False
    """

    dev: int
    ino: int
    size: int
    mtime_ns: int
    ctime_ns: int
    nlink: int
    mode: int
    uid: int
    gid: int
    digest: bytes = b""

    @classmethod
    def of(cls, st: os.stat_result, digest: bytes = b"") -> FileStamp:
        """Return the stamp of a file with stat ``st`` whose bytes have ``digest``."""
        return cls(
            st.st_dev,
            st.st_ino,
            st.st_size,
            st.st_mtime_ns,
            st.st_ctime_ns,
            st.st_nlink,
            stat.S_IMODE(st.st_mode),
            st.st_uid,
            st.st_gid,
            digest,
        )

    def same_stat(self, st: os.stat_result) -> bool:
        """Whether ``st`` shows the same file, neither written to nor replaced, as far as a
        stat can tell (ctime moves on every write and chmod, and no program can set it)."""
        now = (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)
        return now == (self.dev, self.ino, self.size, self.mtime_ns, self.ctime_ns)


def digest_of(data: bytes) -> bytes:
    """Return the digest a :class:`FileStamp` keeps of a file's bytes.

    >>> len(digest_of(b"text"))
    32
    """
    return hashlib.sha256(data).digest()


@dataclass(frozen=True, slots=True)
class SourceText:
    """A decoded text plus the facts needed to write it back byte for byte.

    ``text`` keeps its line endings as they were (only a BOM is removed). ``newline`` (the
    one style used, or ``"mixed"``; ``"\\n"`` for a text without line breaks) and
    ``final_newline`` are derived from ``text``, so they can never disagree with it.
    ``note`` says what was unusual about the decoding, if anything. ``stamp`` identifies
    the file it was read from (None for standard input or text made in memory); it is not
    part of the value's equality.

    >>> SourceText("a\\r\\nb").newline
    '\\r\\n'
    """

    text: str
    had_bom: bool = False
    encoding: Encoding = "utf-8"
    note: str | None = None
    stamp: FileStamp | None = field(default=None, compare=False, repr=False)
    newline: Newline = field(init=False)
    final_newline: bool = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "newline", newline_style(self.text))
        object.__setattr__(self, "final_newline", self.text.endswith(("\n", "\r")))


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


def read_text_file(path: str | os.PathLike[str], *, follow_symlinks: bool = True) -> SourceText:
    """Read and decode the regular file at ``path`` (see :func:`decode_text` for the rules).

    The result's ``stamp`` records which file was read. A FIFO, device, socket or directory
    is refused before it is read (:class:`NotRegularFileError`), so a read never blocks or
    runs on; so is a symbolic link when ``follow_symlinks`` is false. Raises
    :class:`InputError` subclasses for bad content and ``OSError`` for I/O failures.
    """
    name = os.fspath(path)
    with open(_open_regular(name, follow_symlinks=follow_symlinks), "rb") as stream:
        return _read_source(stream, name)


@contextlib.contextmanager
def locked_text_file(path: str | os.PathLike[str]) -> Iterator[SourceText]:
    """Read ``path`` as :func:`read_text_file` does, holding an exclusive lock on it until
    the block ends, so that runs fixing the same file take turns (read, fix, write back).

    The lock (``flock``) is advisory: editors ignore it, which is why a write still checks
    the file is unchanged. A file replaced while this waited for the lock is opened again.
    Where the file system has no locks, the file is read unlocked.
    """
    name = os.fspath(path)
    for _ in range(LOCK_ATTEMPTS):
        with open(_open_regular(name, follow_symlinks=True), "rb") as stream:
            _lock(stream.fileno())
            if _is_current(name, stream.fileno()):
                yield _read_source(stream, name)
                return
    raise InputError(name, "replaced again and again while waiting to be fixed; try again")


def _lock(fd: int) -> None:
    """Take an exclusive lock on ``fd``, waiting for it; go on unlocked where there are none
    (the lock only makes concurrent runs take turns; the changed-file check and the order
    of the renames are what keep text safe)."""
    if sys.platform != "win32":
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_EX)


def _is_current(name: str, fd: int) -> bool:
    """Whether ``name`` still leads to the file open as ``fd`` (another run may have renamed
    its fixed version over it while this one waited for the lock on the old one)."""
    try:
        now = os.stat(name)
    except FileNotFoundError:
        return False
    held = os.fstat(fd)
    return (now.st_dev, now.st_ino) == (held.st_dev, held.st_ino)


#: What a file that is not a regular file is, by the stat test that recognises it.
_FILE_KINDS: tuple[tuple[str, Callable[[int], bool]], ...] = (
    ("a directory", stat.S_ISDIR),
    ("a FIFO", stat.S_ISFIFO),
    ("a character device", stat.S_ISCHR),
    ("a block device", stat.S_ISBLK),
    ("a socket", stat.S_ISSOCK),
    ("a symbolic link", stat.S_ISLNK),
)


def _refuse_special(name: str, mode: int) -> None:
    """Raise NotRegularFileError unless ``mode`` is a regular file's."""
    if stat.S_ISREG(mode):
        return
    raise NotRegularFileError(
        name, next((kind for kind, test in _FILE_KINDS if test(mode)), "a special file")
    )


def _open_regular(name: str, *, follow_symlinks: bool) -> int:
    """Open ``name`` for reading if it is a regular file; refuse anything else unread.

    The stat comes first, so a FIFO or a device is never even opened; the open is
    non-blocking and followed by an ``fstat``, so one swapped in after the stat is refused
    too instead of blocking (O_NONBLOCK does not change reads from a regular file).
    """
    _refuse_special(name, (os.stat if follow_symlinks else os.lstat)(name).st_mode)
    flags = os.O_RDONLY | _O_NONBLOCK | (0 if follow_symlinks else _O_NOFOLLOW)
    fd = os.open(name, flags)
    try:
        _refuse_special(name, os.fstat(fd).st_mode)
    except BaseException:
        os.close(fd)
        raise
    return fd


def open_regular_file(path: str | os.PathLike[str]) -> BinaryIO:
    """Open ``path`` for reading bytes if it is a regular file (a symlink to one is followed).

    A FIFO, a device or a directory is refused with :class:`NotRegularFileError` before a
    byte is read, so nothing blocks and nothing endless is read.
    """
    name = os.fspath(path)
    return os.fdopen(_open_regular(name, follow_symlinks=True), "rb")


def _read_source(stream: BinaryIO, name: str) -> SourceText:
    """Read and decode an open regular file, stamped with the stat taken before reading
    (a write during the read then shows as a change, never the other way round)."""
    st = os.fstat(stream.fileno())
    if st.st_size > MAX_FILE_BYTES:
        raise FileTooLargeError(name, _too_large(st.st_size))
    data = _read_limited(stream, name)
    source = decode_text(data, name=name)
    return dataclasses.replace(source, stamp=FileStamp.of(st, digest_of(data)))


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


@dataclass(frozen=True, slots=True)
class Skipped:
    """An entry a directory walk passed over because it could not look at it, and why."""

    path: Path
    problem: str


def iter_paths(
    paths: Iterable[str | os.PathLike[str]], *, suffixes: tuple[str, ...] = TEXT_SUFFIXES
) -> Iterator[Path | Skipped]:
    """Yield the files to read: files as given, directories recursed, lazily.

    A directory yields its regular files with a text suffix, sorted by path components,
    skipping hidden files and directories. Symbolic links found in a directory are never
    followed (as ruff and pre-commit do): a link could lead out of the tree, or round in a
    loop. One that leads nowhere (a loop, a dangling link), or a subdirectory that cannot
    be listed, is yielded as :class:`Skipped` and the walk goes on. A path named in
    ``paths`` is taken as given, through a symbolic link too.
    Raises :class:`MissingPathError` for a path that does not exist and
    :class:`NoTextFilesError` for a directory that yields no file.
    """
    wanted = tuple(s.lower() for s in suffixes)
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = False
            for found_path in _walk(path, _sorted_entries(path), wanted):
                found = found or isinstance(found_path, Path)
                yield found_path
            if not found:
                listed = ", ".join(wanted)
                raise NoTextFilesError(str(path), f"directory has no text files ({listed})")
        elif path.exists():
            yield path
        else:
            raise MissingPathError(str(path), "no such file or directory")


def _sorted_entries(directory: Path) -> list[os.DirEntry[str]]:
    with os.scandir(directory) as scan:
        return sorted(scan, key=lambda entry: entry.name)


def _walk(
    directory: Path, entries: list[os.DirEntry[str]], suffixes: tuple[str, ...]
) -> Iterator[Path | Skipped]:
    """Yield the text files under ``directory`` (listed as ``entries``), depth first."""
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = directory / entry.name
        try:
            kind = _entry_kind(entry)
            below = _sorted_entries(path) if kind == "directory" else []
        except OSError as exc:
            yield Skipped(path, _unreachable(exc))
            continue
        if kind == "directory":
            yield from _walk(path, below, suffixes)
        elif kind == "file" and path.suffix.lower() in suffixes:
            yield path


def _entry_kind(entry: os.DirEntry[str]) -> Literal["directory", "file", "other"]:
    """Tell a directory from a regular file, never following a link; raise OSError for a
    link that leads nowhere, so that it is told rather than passed over in silence."""
    if entry.is_symlink():
        os.stat(entry.path)
        return "other"
    if entry.is_dir(follow_symlinks=False):
        return "directory"
    return "file" if entry.is_file(follow_symlinks=False) else "other"


def _unreachable(error: OSError) -> str:
    """Say why a directory entry could not be looked at."""
    if error.errno == errno.ELOOP:
        return "a symbolic link loop"
    if error.errno == errno.ENOENT:
        return "a dangling symbolic link"
    return error.strerror or str(error)


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


@dataclass(frozen=True, slots=True)
class Replacement:
    """New bytes for the file at ``path``, and what the file must still be to take them.

    ``was``: the file as it was read (see :attr:`SourceText.stamp`); it is replaced only if
    it is still that file with those bytes. ``new``: the file did not exist when looked at
    and must not exist now. With neither, whatever is at ``path`` is replaced. ``like``: the
    stamp whose mode, owner and group the file takes (default: ``was``, else the file's).
    """

    path: str
    data: bytes
    was: FileStamp | None = None
    new: bool = False
    like: FileStamp | None = None


def write_atomic(path: str | os.PathLike[str], text: str, like: SourceText) -> None:
    """Write ``text`` to ``path`` laid out like ``like``, all at once or not at all.

    The bytes go to a temporary file in the same directory, are flushed to disk and then
    renamed over ``path`` (keeping its mode, owner and group where allowed; a symlink is
    written through), so a reader sees the old file or the new one, never half of one.
    """
    replace_files([Replacement(os.fspath(path), encode_text(text, like))])


def replace_files(replacements: Sequence[Replacement]) -> None:
    """Replace each file with its new bytes, in order, only if none has changed.

    Every file is first written in full to a temp file beside it, flushed to disk, already
    with its final mode, owner and group, so a full disk or any failure up to there leaves
    every file untouched. Then each is checked against what was read (:class:`ChangedError`
    if it changed; :class:`HardLinkError` if it has other hard links, which a rename would
    split) and the temps are renamed over them in order. A later file may hold what an
    earlier one gave up (a sidecar holds the blocks taken out of its article): once the
    first rename is done, the others are done too, even if an interrupt comes between.
    A symlink ``path`` is written through, except where the file must be ``new``.
    """
    targets = [Path(r.path if r.new else os.path.realpath(r.path)) for r in replacements]
    temps: list[Path] = []
    try:
        for replacement, target in zip(replacements, targets, strict=True):
            temps.append(_write_temp(target, replacement.data, _like(replacement, target)))
        for replacement, target in zip(replacements, targets, strict=True):
            _check_unchanged(replacement, target)
        _rename_all(list(zip(temps, targets, strict=True)))
    except BaseException:
        if temps and os.path.lexists(temps[0]):  # nothing renamed: nothing has changed
            _remove(temps)
        raise
    for directory in dict.fromkeys(target.parent for target in targets):
        _fsync_directory(directory)


def _like(replacement: Replacement, target: Path) -> FileStamp | None:
    """The stamp whose mode and owner the new file takes: None for a file new to the disk."""
    like = replacement.like or replacement.was
    if like is not None or replacement.new:
        return like
    return _stamp_if_any(target)


def _stamp_if_any(target: Path) -> FileStamp | None:
    """The stat part of the stamp of the file at ``target``; None if there is none."""
    try:
        return FileStamp.of(os.stat(target))
    except FileNotFoundError:
        return None


def _check_unchanged(replacement: Replacement, target: Path) -> None:
    """Raise unless ``target`` is still as it was read (or still absent, for a new file)."""
    name = replacement.path
    if replacement.new and os.path.lexists(target):
        raise ChangedError(name, "created while being fixed; not written")
    try:
        st = os.stat(target)
    except FileNotFoundError:
        if replacement.was is not None:
            raise ChangedError(name, "deleted while being fixed; not written") from None
        return
    if st.st_nlink > 1:
        raise HardLinkError(
            name,
            f"has {st.st_nlink} hard links, which writing a new file in its place would "
            "split; not written (fix a copy, or remove the other links)",
        )
    if replacement.was is not None and not _holds(target, st, replacement.was):
        raise ChangedError(name, "changed while being fixed; not written")


def _holds(target: Path, st: os.stat_result, was: FileStamp) -> bool:
    """Whether ``target`` (stat ``st``) is still the file and the bytes ``was`` describes.

    A different stat proves a change. The same stat does not prove the opposite: a write
    in the same tick of a coarse or skewed file-system clock leaves size, mtime and ctime
    as they were. So the bytes are read again and compared, at the cost of one more read
    of a file that is about to be written in full anyway.
    """
    if not was.same_stat(st):
        return False
    with open(_open_regular(os.fspath(target), follow_symlinks=False), "rb") as stream:
        return digest_of(_read_limited(stream, os.fspath(target))) == was.digest


def _rename_all(moves: list[tuple[Path, Path]]) -> None:
    """Rename each temp over its target in order; after the first, never strand the rest.

    Once the first rename is done (an interrupt may come right after it), the rest are
    renamed even so; a temp whose rename fails is left in place, named in the error, since
    it may hold text that is nowhere else now.
    """
    first_temp, first_target = moves[0]
    try:
        os.replace(first_temp, first_target)
    finally:
        if not os.path.lexists(first_temp):  # renamed, whatever came after
            for temp, target in moves[1:]:
                _rename_or_keep(temp, target)


def _rename_or_keep(temp: Path, target: Path) -> None:
    try:
        os.replace(temp, target)
    except OSError as exc:
        raise OSError(exc.errno, f"{exc.strerror}; its new text is kept in {temp}") from None


def _remove(temps: Iterable[Path]) -> None:
    for temp in temps:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()


@contextlib.contextmanager
def atomic_output(path: str | os.PathLike[str]) -> Iterator[BinaryIO]:
    """Yield a binary stream that replaces ``path`` atomically when the block ends cleanly.

    The new file keeps the old one's mode, owner and group (where allowed), and has them
    before a byte is written. On any exception (KeyboardInterrupt included) the temporary
    file is removed and ``path`` is left untouched.
    """
    target = Path(os.path.realpath(path))
    like = _stamp_if_any(target)
    temp = _temp_name(target)
    try:
        # Created inside the ``try``, under a name chosen before it: a signal that the
        # command line turns into an exception just after the file appears removes it too.
        while (fd := _create_temp(temp, like)) is None:
            temp = _temp_name(target)
        with os.fdopen(fd, "wb") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp, target)
    except BaseException:
        _remove([temp])
        raise
    _fsync_directory(target.parent)


def _write_temp(target: Path, data: bytes, like: FileStamp | None) -> Path:
    """Write ``data`` to a new temp file beside ``target``, flushed to disk; return its path."""
    temp = _temp_name(target)
    try:
        while (fd := _create_temp(temp, like)) is None:
            temp = _temp_name(target)
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
    except BaseException:
        _remove([temp])
        raise
    return temp


def _temp_name(target: Path) -> Path:
    """A fresh hidden name beside ``target`` for its temp file."""
    return target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")


def _create_temp(temp: Path, like: FileStamp | None) -> int | None:
    """Create ``temp`` with the owner and mode of ``like`` before any byte is in it, and
    return its descriptor, or None if the name is taken.

    Created 0600, so it is never readable by more people than the file it replaces. A file
    new to the disk gets 0666 less the umask, as open() gives; it holds nothing to hide.
    """
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600 if like else 0o666)
    except FileExistsError:
        return None
    try:
        if like is not None:
            _take_owner_and_mode(fd, like)
    except BaseException:
        os.close(fd)
        raise
    return fd


def _take_owner_and_mode(fd: int, like: FileStamp) -> None:
    """Give ``fd`` the owner, group and mode of ``like``, the owner and group as far as this
    process may: root may; another user may keep the group if they belong to it.

    The chown comes first: it clears the set-user-ID and set-group-ID bits, which the
    chmod then restores.
    """
    st = os.fstat(fd)
    if (st.st_uid, st.st_gid) != (like.uid, like.gid):
        try:
            os.fchown(fd, like.uid, like.gid)
        except PermissionError:
            with contextlib.suppress(PermissionError):
                os.fchown(fd, -1, like.gid)
    os.fchmod(fd, like.mode)


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
