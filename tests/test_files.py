"""Tests for newsclean.io.files: decoding rules, path walking, atomic layout-keeping writes."""

from __future__ import annotations

import dataclasses
import io
import os
import signal
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import sentences, text_file_bytes

from newsclean.io import files
from newsclean.io.files import (
    BinaryFileError,
    DecodeError,
    FileTooLargeError,
    MissingPathError,
    NoTextFilesError,
    SourceText,
    decode_text,
    encode_text,
    iter_paths,
    layout_text,
    read_stdin,
    read_text_file,
    write_atomic,
)

BOM = b"\xef\xbb\xbf"

# --- decoding -----------------------------------------------------------------------

DECODES = [
    # (bytes, text, had_bom, newline, final_newline, encoding)
    pytest.param(b"One.\nTwo.\n", "One.\nTwo.\n", False, "\n", True, "utf-8", id="lf"),
    pytest.param(b"One.\r\nTwo.\r\n", "One.\r\nTwo.\r\n", False, "\r\n", True, "utf-8", id="crlf"),
    pytest.param(b"One.\rTwo.", "One.\rTwo.", False, "\r", False, "utf-8", id="cr-no-final"),
    pytest.param(b"A\nB\r\nC", "A\nB\r\nC", False, "mixed", False, "utf-8", id="mixed"),
    pytest.param(BOM + b"Caf\xc3\xa9\n", "Café\n", True, "\n", True, "utf-8", id="bom-stripped"),
    pytest.param(b"", "", False, "\n", False, "utf-8", id="empty"),
    pytest.param(BOM, "", True, "\n", False, "utf-8", id="bom-only"),
    pytest.param(b"No break", "No break", False, "\n", False, "utf-8", id="one-line"),
    pytest.param(b"caf\xe9 au lait\n", "café au lait\n", False, "\n", True, "cp1252", id="cp1252"),
    pytest.param(
        b"\x93Hi\x94 \x96 ok",
        "\N{LEFT DOUBLE QUOTATION MARK}Hi\N{RIGHT DOUBLE QUOTATION MARK} \N{EN DASH} ok",
        False,
        "\n",
        False,
        "cp1252",
        id="cp1252-curly-quotes",
    ),
    # Look-alikes of binary: a lone escape or form feed in otherwise plain text.
    pytest.param(b"Page\x0cTwo\n", "Page\x0cTwo\n", False, "\n", True, "utf-8", id="form-feed"),
    pytest.param(b"\x1b[1mBold\n", "\x1b[1mBold\n", False, "\n", True, "utf-8", id="ansi-escape"),
]


@pytest.mark.parametrize(("data", "text", "had_bom", "newline", "final", "encoding"), DECODES)
def test_decode_text(
    data: bytes, text: str, had_bom: bool, newline: str, final: bool, encoding: str
) -> None:
    source = decode_text(data, name="x.txt")
    assert (source.text, source.had_bom, source.newline, source.final_newline) == (
        text,
        had_bom,
        newline,
        final,
    )
    assert source.encoding == encoding
    assert (source.note is not None) == (encoding != "utf-8")


REFUSED = [
    # (bytes, error class, offset of the first bad byte or None)
    pytest.param(b"text\x00more", BinaryFileError, None, id="nul-byte"),
    pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", BinaryFileError, None, id="png-header"),
    pytest.param(b"\x01\x02\x03 words \x04\x05", BinaryFileError, None, id="control-bytes"),
    pytest.param(b"\xff\xfeH\x00i\x00", DecodeError, None, id="utf-16-bom"),
    pytest.param(b"caf\xc3\xa9 and caf\xe9", DecodeError, 13, id="mixed-utf8-and-latin"),
    pytest.param(b"ok \x81 byte", DecodeError, 3, id="undefined-in-cp1252"),
    pytest.param(BOM + b"ok \xe9", DecodeError, 6, id="bom-then-latin-offset-counts-bom"),
    pytest.param(
        b"caf\xe9 \x02" + b"plain words " * 20, DecodeError, 3, id="latin-with-a-control-byte"
    ),
]


@pytest.mark.parametrize(("data", "error", "offset"), REFUSED)
def test_decode_text_refuses(data: bytes, error: type[Exception], offset: int | None) -> None:
    with pytest.raises(error) as caught:
        decode_text(data, name="bad.txt")
    assert str(caught.value).startswith("bad.txt: ")
    if offset is not None:
        assert isinstance(caught.value, DecodeError)
        assert caught.value.offset == offset
        assert f"offset {offset}" in str(caught.value)


def test_decode_errors_are_value_errors_and_picklable() -> None:
    import pickle

    error = DecodeError("a.txt", "invalid UTF-8", 7)
    copy = pickle.loads(pickle.dumps(error))
    assert isinstance(copy, ValueError)
    assert (str(copy), copy.offset) == ("a.txt: invalid UTF-8", 7)


def test_too_large_is_refused_before_decoding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(files, "MAX_FILE_BYTES", 10)
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 11)
    with pytest.raises(FileTooLargeError, match="limit is 10 bytes"):
        read_text_file(big)
    with pytest.raises(FileTooLargeError):
        read_stdin(io.BytesIO(b"x" * 11))
    assert read_stdin(io.BytesIO(b"x" * 10)).text == "x" * 10


def test_read_text_file_keeps_line_endings(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(BOM + b"Head\r\n\r\nBody\r\n")
    source = read_text_file(path)
    assert source.text == "Head\r\n\r\nBody\r\n"
    assert (source.had_bom, source.newline, source.final_newline) == (True, "\r\n", True)


def test_read_stdin_uses_the_same_rules() -> None:
    with pytest.raises(BinaryFileError, match="<stdin>"):
        read_stdin(io.BytesIO(b"\x00\x01"))
    assert read_stdin(io.BytesIO(BOM + b"Hi\r\n")).text == "Hi\r\n"


# --- paths --------------------------------------------------------------------------


def _tree(root: Path, names: list[str]) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("Text.\n", encoding="utf-8")


def test_iter_paths_recurses_sorted_and_skips(tmp_path: Path) -> None:
    _tree(
        tmp_path,
        ["b.txt", "a/z.MD", "a/y.txt", "a.txt", "pic.jpg", ".hidden.txt", ".git/x.txt", "c/d.rst"],
    )
    found = [p.relative_to(tmp_path).as_posix() for p in iter_paths([tmp_path])]
    assert found == ["a/y.txt", "a/z.MD", "a.txt", "b.txt"]


def test_iter_paths_takes_a_named_file_whatever_its_suffix(tmp_path: Path) -> None:
    _tree(tmp_path, ["story.html", "d/one.txt"])
    given_paths = [tmp_path / "story.html", tmp_path / "d"]
    assert list(iter_paths(given_paths)) == [tmp_path / "story.html", tmp_path / "d" / "one.txt"]


def test_iter_paths_does_not_follow_directory_symlinks(tmp_path: Path) -> None:
    _tree(tmp_path, ["real/a.txt"])
    (tmp_path / "real" / "loop").symlink_to(tmp_path / "real", target_is_directory=True)
    assert list(iter_paths([tmp_path / "real"])) == [tmp_path / "real" / "a.txt"]


@pytest.mark.parametrize(
    ("names", "error"),
    [
        pytest.param(None, MissingPathError, id="missing"),
        pytest.param([], NoTextFilesError, id="empty-directory"),
        pytest.param(["x.png", ".hidden.txt"], NoTextFilesError, id="no-text-files"),
    ],
)
def test_iter_paths_errors(tmp_path: Path, names: list[str] | None, error: type[Exception]) -> None:
    target = tmp_path / "in"
    if names is not None:
        target.mkdir()
        _tree(target, names)
    with pytest.raises(error, match=str(target)):
        list(iter_paths([target]))


# --- layout and atomic writes -------------------------------------------------------

LAYOUTS = [
    # (new text, file it replaces, expected text to write)
    pytest.param("a\nb\n", "x\r\ny\r\n", "a\r\nb\r\n", id="crlf-applied"),
    pytest.param("a\nb\n", "x\r\ny", "a\r\nb", id="final-newline-removed"),
    pytest.param("a\nb", "x\ry\r", "a\rb\r", id="final-newline-added"),
    pytest.param("a\r\nb\n", "x\ny\n", "a\nb\n", id="mixed-input-made-lf"),
    pytest.param("a\r\nb", "x\ny\r\n", "a\r\nb\n", id="mixed-style-keeps-endings"),
    pytest.param("", "x\n", "", id="empty-stays-empty"),
    pytest.param("a\n\n\n", "x", "a", id="trailing-breaks-removed"),
]


@pytest.mark.parametrize(("text", "original", "expected"), LAYOUTS)
def test_layout_text(text: str, original: str, expected: str) -> None:
    assert layout_text(text, SourceText(original)) == expected


def test_encode_text_cp1252_and_unencodable() -> None:
    like = decode_text(b"caf\xe9\n", name="old.txt")
    assert (
        encode_text("th\N{LATIN SMALL LETTER E WITH ACUTE}\N{EN DASH}\n", like) == b"th\xe9\x96\n"
    )
    with pytest.raises(ValueError, match="cp1252"):
        encode_text("\N{SNOWMAN}", like)


@given(text_file_bytes())
def test_write_back_unchanged_text_gives_the_same_bytes(data: bytes) -> None:
    source = decode_text(data, name="x")
    assert encode_text(source.text, source) == data


@given(text_file_bytes(), st.lists(sentences(), min_size=1, max_size=4))
def test_new_lf_text_takes_the_files_layout(data: bytes, lines: list[str]) -> None:
    """Metamorphic pair: writing LF text must come back in the file's style (the identity
    "write the text as given" fails whenever the file is CRLF, CR or has no final newline)."""
    like = decode_text(data, name="x")
    end = "\n" if like.newline == "mixed" else like.newline
    expected = end.join(lines) + (end if like.final_newline else "")
    written = encode_text("\n".join(lines) + "\n", like)
    assert written == (BOM if like.had_bom else b"") + expected.encode("utf-8")


@settings(max_examples=50)  # real files and fsync; the byte-level property above runs more
@given(text_file_bytes())
def test_write_atomic_round_trip(tmp_path_factory: pytest.TempPathFactory, data: bytes) -> None:
    path = tmp_path_factory.mktemp("rt") / "a.txt"
    path.write_bytes(data)
    source = read_text_file(path)
    write_atomic(path, source.text, source)
    assert path.read_bytes() == data
    assert read_text_file(path) == source


def test_text_file_bytes_strategy_makes_readable_text() -> None:
    @given(text_file_bytes())
    def check(data: bytes) -> None:
        assert decode_text(data, name="x").encoding == "utf-8"

    check()


def test_write_atomic_keeps_mode(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"old\r\n")
    path.chmod(0o640)
    write_atomic(path, "new\n", read_text_file(path))
    assert path.read_bytes() == b"new\r\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_write_atomic_new_file_follows_umask(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "new.txt", "hi\n", SourceText("x\n"))
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.txt").stat().st_mode) == 0o644


def test_write_atomic_writes_through_a_symlink(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    write_atomic(link, "new\n", SourceText("old\n"))
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == "new\n"


@pytest.mark.parametrize("error", [OSError("disk full"), KeyboardInterrupt()], ids=repr)
def test_write_atomic_cleans_up_on_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: BaseException
) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"old\n")

    def fail(*_: object) -> None:
        raise error

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(type(error)):
        write_atomic(path, "new\n", SourceText("old\n"))
    assert path.read_bytes() == b"old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_atomic_output_leaves_target_alone_when_the_block_fails(tmp_path: Path) -> None:
    path = tmp_path / "out.json"
    path.write_bytes(b"[]")

    def write_half() -> None:
        with files.atomic_output(path) as stream:
            stream.write(b"half")
            raise RuntimeError("stop")

    with pytest.raises(RuntimeError):
        write_half()
    assert path.read_bytes() == b"[]"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


# --- special files and directory walks (#13) --------------------------------------


@pytest.fixture
def no_hang() -> Iterator[None]:
    """A safety net only: a read that blocks (the bug) fails the test instead of hanging it."""

    def stop(*_: object) -> None:
        pytest.fail("blocked: the read should have been refused before it started")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(60)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.usefixtures("no_hang")
def test_read_refuses_a_fifo_before_opening_it(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(files.InputError, match=r"pipe\.txt: not a regular file \(a FIFO\)"):
        read_text_file(fifo)


@pytest.mark.usefixtures("no_hang")
@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_read_refuses_a_device_without_reading_it() -> None:
    with pytest.raises(files.InputError, match="not a regular file"):
        read_text_file("/dev/zero")


@pytest.mark.usefixtures("no_hang")
def test_a_fifo_swapped_in_after_the_stat_is_refused_without_blocking(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The stat says "regular file", then a FIFO takes the name: the non-blocking open and
    the fstat of the open file still refuse it."""
    fifo = tmp_path / "swapped.txt"
    os.mkfifo(fifo)
    real_stat = os.stat
    regular = real_stat(__file__)
    monkeypatch.setattr(
        os, "stat", lambda p, **kw: regular if Path(p) == fifo else real_stat(p, **kw)
    )
    with pytest.raises(files.InputError, match="a FIFO"):
        read_text_file(fifo)


def test_walk_does_not_follow_symlinked_files(tmp_path: Path) -> None:
    """``ln -s ../outside/victim.txt repo/evil.txt``: the walk must not hand out the target."""
    _tree(tmp_path, ["outside/victim.txt", "repo/own.txt"])
    (tmp_path / "repo" / "evil.txt").symlink_to(tmp_path / "outside" / "victim.txt")
    assert list(iter_paths([tmp_path / "repo"])) == [tmp_path / "repo" / "own.txt"]


def test_a_symlink_named_explicitly_is_followed(tmp_path: Path) -> None:
    _tree(tmp_path, ["outside/victim.txt"])
    link = tmp_path / "link.txt"
    link.symlink_to(tmp_path / "outside" / "victim.txt")
    assert list(iter_paths([link])) == [link]
    assert read_text_file(link).text == "Text.\n"


def test_walk_skips_symlink_loops_with_a_note_and_goes_on(tmp_path: Path) -> None:
    """A self-referencing link, a cycle between directories, a dangling link: each is
    passed over (the unfollowable ones with a note) and the files sorted after them are found."""
    _tree(tmp_path, ["a.txt", "one/in-one.txt", "two/in-two.txt", "z.txt"])
    (tmp_path / "loop").symlink_to("loop")
    (tmp_path / "loop.txt").symlink_to("loop.txt")
    (tmp_path / "one" / "to-two").symlink_to("../two", target_is_directory=True)
    (tmp_path / "two" / "to-one").symlink_to("../one", target_is_directory=True)
    (tmp_path / "gone.txt").symlink_to("nowhere.txt")
    found = list(iter_paths([tmp_path]))
    paths = [p.relative_to(tmp_path).as_posix() for p in found if isinstance(p, Path)]
    assert paths == ["a.txt", "one/in-one.txt", "two/in-two.txt", "z.txt"]
    notes = {s.path.name: s.problem for s in found if isinstance(s, files.Skipped)}
    assert notes == {
        "gone.txt": "a dangling symbolic link",
        "loop": "a symbolic link loop",
        "loop.txt": "a symbolic link loop",
    }


def test_walk_skips_a_directory_it_cannot_list_and_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _tree(tmp_path, ["a.txt", "locked/b.txt", "z.txt"])
    real_scandir = os.scandir

    def scandir(path: Any) -> Any:
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    found = list(iter_paths([tmp_path]))
    assert found[0] == tmp_path / "a.txt"
    assert found[1] == files.Skipped(tmp_path / "locked", "Permission denied")
    assert found[2] == tmp_path / "z.txt"


# --- writing back: modes, owners, hard links, changed files, sidecars (#13) -------


def _created_modes(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Record the permission bits each temp file has the moment it is created."""
    modes: list[int] = []
    real_open = os.open

    def spy(path: Any, flags: int, mode: int = 0o777, **kw: Any) -> int:
        fd = real_open(path, flags, mode, **kw)
        if flags & os.O_CREAT and str(path).endswith(".tmp"):
            modes.append(stat.S_IMODE(os.fstat(fd).st_mode))
        return fd

    monkeypatch.setattr(os, "open", spy)
    return modes


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


@pytest.mark.usefixtures("umask_022")
def test_temp_file_of_a_private_file_is_never_readable_by_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "secret.txt"
    path.write_bytes(b"old\n")
    path.chmod(0o600)
    modes = _created_modes(monkeypatch)
    write_atomic(path, "new secret\n", read_text_file(path))
    assert modes == [0o600]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert path.read_bytes() == b"new secret\n"


@pytest.mark.usefixtures("umask_022")
def test_temp_file_takes_the_final_mode_before_a_byte_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 0640 file: the temp holds no byte until it has exactly the mode it will keep."""
    path = tmp_path / "shared.txt"
    path.write_bytes(b"old\n")
    path.chmod(0o640)
    seen: list[int] = []
    real_fdopen = os.fdopen

    def spy(fd: int, *args: Any, **kw: Any) -> Any:
        seen.append(stat.S_IMODE(os.fstat(fd).st_mode))
        return real_fdopen(fd, *args, **kw)

    monkeypatch.setattr(os, "fdopen", spy)
    write_atomic(path, "new\n", read_text_file(path))
    assert seen == [0o640]
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root")
def test_root_keeps_owner_and_group(tmp_path: Path) -> None:
    path = tmp_path / "theirs.txt"
    path.write_bytes(b"old\n")
    os.chown(path, 12345, 23456)
    path.chmod(0o2640)  # set-group-ID survives: the chown comes before the chmod
    write_atomic(path, "new\n", read_text_file(path))
    after = path.stat()
    assert (after.st_uid, after.st_gid) == (12345, 23456)
    assert stat.S_IMODE(after.st_mode) == 0o2640


def test_owner_not_kept_when_not_permitted_still_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "theirs.txt"
    path.write_bytes(b"old\n")
    calls: list[tuple[int, int]] = []

    def refuse(_fd: int, uid: int, gid: int) -> None:
        calls.append((uid, gid))
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "fchown", refuse)
    source = read_text_file(path)
    assert source.stamp is not None
    theirs = dataclasses.replace(source.stamp, uid=54321, gid=65432)  # someone else's file
    source = dataclasses.replace(source, stamp=theirs)
    _replace(path, b"new\n", source)
    assert path.read_bytes() == b"new\n"
    assert calls == [(54321, 65432), (-1, 65432)]


def test_hard_linked_file_is_refused_and_both_names_kept(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"old\n")
    other = tmp_path / "b.txt"
    os.link(path, other)
    with pytest.raises(files.InputError, match="2 hard links"):
        write_atomic(path, "new\n", read_text_file(path))
    assert path.read_bytes() == other.read_bytes() == b"old\n"
    assert path.stat().st_ino == other.stat().st_ino
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt"]


def _replace(path: Path, data: bytes, source: SourceText) -> None:
    files.replace_files([files.Replacement(str(path), data, was=source.stamp)])


def test_file_changed_after_reading_is_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"old\n")
    source = read_text_file(path)
    with path.open("ab") as stream:
        stream.write(b"an edit made meanwhile\n")
    with pytest.raises(files.ChangedError, match=r"a\.txt: changed while being fixed; not written"):
        _replace(path, b"new\n", source)
    assert path.read_bytes() == b"old\nan edit made meanwhile\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_file_replaced_after_reading_is_not_overwritten(tmp_path: Path) -> None:
    """Same bytes, same size, another file (an editor's save-by-rename): still refused."""
    path = tmp_path / "a.txt"
    path.write_bytes(b"old\n")
    source = read_text_file(path)
    (tmp_path / "new").write_bytes(b"old\n")
    os.replace(tmp_path / "new", path)
    with pytest.raises(files.ChangedError):
        _replace(path, b"new\n", source)
    assert path.read_bytes() == b"old\n"


def test_same_stat_but_other_bytes_is_caught_by_the_content(tmp_path: Path) -> None:
    """A write within the file system's timestamp tick leaves size, mtime and ctime as they
    were: only the bytes tell. Simulated with a stamp whose stat matches and bytes do not."""
    path = tmp_path / "a.txt"
    path.write_bytes(b"abc\n")
    read = read_text_file(path)
    assert read.stamp is not None
    stale = dataclasses.replace(read.stamp, digest=files.digest_of(b"xyz\n"))
    with pytest.raises(files.ChangedError):
        _replace(path, b"new\n", dataclasses.replace(read, stamp=stale))
    assert path.read_bytes() == b"abc\n"
    _replace(path, b"new\n", read)
    assert path.read_bytes() == b"new\n"


def test_a_file_that_must_be_new_is_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "side.txt"
    path.write_bytes(b"someone else's\n")
    with pytest.raises(files.ChangedError):
        files.replace_files([files.Replacement(str(path), b"mine\n", new=True)])
    assert path.read_bytes() == b"someone else's\n"


def test_replace_files_renames_nothing_when_a_later_one_changed(tmp_path: Path) -> None:
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_bytes(b"a\n")
    second.write_bytes(b"b\n")
    read_first, read_second = read_text_file(first), read_text_file(second)
    second.write_bytes(b"b edited\n")
    with pytest.raises(files.ChangedError, match=r"b\.txt"):
        files.replace_files(
            [
                files.Replacement(str(first), b"A\n", was=read_first.stamp),
                files.Replacement(str(second), b"B\n", was=read_second.stamp),
            ]
        )
    assert (first.read_bytes(), second.read_bytes()) == (b"a\n", b"b edited\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt"]


def test_once_the_first_is_renamed_the_second_follows_even_on_interrupt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An interrupt right after the first rename must not strand the second file's bytes:
    the sidecar holds what was taken out of the first."""
    first, second = tmp_path / "a.txt", tmp_path / "a.txt.removed.txt"
    first.write_bytes(b"a\ncaption\n")
    real_replace = os.replace
    calls = 0

    def replace_then_interrupt(src: Any, dst: Any) -> None:
        nonlocal calls
        calls += 1
        real_replace(src, dst)
        if calls == 1:
            raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", replace_then_interrupt)
    with pytest.raises(KeyboardInterrupt):
        files.replace_files(
            [
                files.Replacement(str(first), b"a\n", was=read_text_file(first).stamp),
                files.Replacement(str(second), b"caption\n", new=True),
            ]
        )
    assert (first.read_bytes(), second.read_bytes()) == (b"a\n", b"caption\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "a.txt.removed.txt"]


def test_locked_read_rereads_a_file_replaced_while_waiting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another run renamed a new file into place while this one waited for the lock: the
    lock on the old file is worthless, so the new file is opened, locked and read."""
    path = tmp_path / "a.txt"
    path.write_bytes(b"old\n")
    real_flock = files.fcntl.flock
    replaced = False

    def flock(fd: int, operation: int) -> None:
        nonlocal replaced
        if not replaced:
            replaced = True
            (tmp_path / "next").write_bytes(b"fixed by the other run\n")
            os.replace(tmp_path / "next", path)
        real_flock(fd, operation)

    monkeypatch.setattr(files.fcntl, "flock", flock)
    with files.locked_text_file(path) as source:
        assert source.text == "fixed by the other run\n"
        assert source.stamp is not None
        assert source.stamp.ino == path.stat().st_ino


def test_a_second_rename_that_fails_keeps_its_temp_and_names_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first file is already replaced: the second's new text must not be thrown away."""
    first, second = tmp_path / "a.txt", tmp_path / "a.txt.removed.txt"
    first.write_bytes(b"a\ncaption\n")
    real_replace = os.replace

    def second_fails(src: Any, dst: Any) -> None:
        if Path(dst) == second:
            raise OSError(5, "Input/output error")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", second_fails)
    with pytest.raises(OSError, match="its new text is kept in") as caught:
        files.replace_files(
            [
                files.Replacement(str(first), b"a\n", was=read_text_file(first).stamp),
                files.Replacement(str(second), b"caption\n", new=True),
            ]
        )
    kept = Path(str(caught.value).rsplit(" ", 1)[-1])
    assert kept.read_bytes() == b"caption\n"
    assert first.read_bytes() == b"a\n"


def test_a_file_deleted_after_reading_is_not_recreated(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"old\n")
    source = read_text_file(path)
    path.unlink()
    with pytest.raises(files.ChangedError, match="deleted while being fixed"):
        _replace(path, b"new\n", source)
    assert list(tmp_path.iterdir()) == []


def test_locked_read_gives_up_on_a_file_replaced_again_and_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"old\n")
    monkeypatch.setattr(files, "_is_current", lambda name, fd: False)
    with (
        pytest.raises(files.InputError, match="replaced again and again"),
        files.locked_text_file(path),
    ):
        pass  # pragma: no cover - never entered


def test_a_full_disk_while_writing_the_second_file_changes_neither(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = tmp_path / "a.txt", tmp_path / "a.txt.removed.txt"
    first.write_bytes(b"a\ncaption\n")
    second.write_bytes(b"old caption\n")
    read_first, read_second = read_text_file(first), read_text_file(second)
    real_fsync = os.fsync
    calls = 0

    def full_on_the_second(fd: int) -> None:
        nonlocal calls
        calls += 1
        if calls == 2:
            raise OSError(28, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", full_on_the_second)
    with pytest.raises(OSError, match="No space left"):
        files.replace_files(
            [
                files.Replacement(str(first), b"a\n", was=read_first.stamp),
                files.Replacement(str(second), b"old caption\n\ncaption\n", was=read_second.stamp),
            ]
        )
    assert (first.read_bytes(), second.read_bytes()) == (b"a\ncaption\n", b"old caption\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "a.txt.removed.txt"]
