"""The progress line and the final summary the command line writes on standard error.

Counting is a frozen :class:`Tally`, formatting is pure; only :class:`Meter` reads the clock
and writes to its stream. The progress line is drawn only on a terminal and only once a run
has lasted :data:`PROGRESS_DELAY` seconds, so short runs and pipelines see no noise.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Literal, TextIO

#: What a progress line's rate counts: articles written (clean) or files read (check).
Unit = Literal["article", "file"]

#: Seconds a run lasts before a progress line is drawn: short runs never show one.
PROGRESS_DELAY = 1.0
#: Seconds between redraws of the progress line.
REDRAW_INTERVAL = 0.2
#: Cells in the bar drawn when the total amount of work is known.
BAR_WIDTH = 20
# Back to the start of the line, then erase to its end (ANSI "EL").
_ERASE_LINE = "\r\x1b[K"


@dataclass(frozen=True, slots=True)
class Tally:
    """What a run has done so far: inputs read, articles written, fixes made, lines skipped,
    blocks (and their words) the output hid as captions or boilerplate.

    ``done`` is progress in the unit of the run's known ``total`` (files or bytes), if any.

    >>> Tally().add(articles=2, fixes=5).add(articles=1).articles
    3
    """

    files: int = 0
    articles: int = 0
    fixes: int = 0
    skipped: int = 0
    done: int = 0
    hidden: int = 0
    hidden_words: int = 0

    def add(
        self,
        *,
        files: int = 0,
        articles: int = 0,
        fixes: int = 0,
        skipped: int = 0,
        done: int = 0,
        hidden: int = 0,
        hidden_words: int = 0,
    ) -> Tally:
        """Return the tally with these amounts added."""
        return replace(
            self,
            files=self.files + files,
            articles=self.articles + articles,
            fixes=self.fixes + fixes,
            skipped=self.skipped + skipped,
            done=self.done + done,
            hidden=self.hidden + hidden,
            hidden_words=self.hidden_words + hidden_words,
        )


def plural(count: int, noun: str) -> str:
    """Return ``count`` with thousands separators and ``noun``, plural unless it is 1.

    >>> plural(3402, "fix"), plural(1, "file"), plural(0, "article")
    ('3,402 fixes', '1 file', '0 articles')
    """
    if count == 1:
        return f"1 {noun}"
    return f"{count:,} {noun}{'es' if noun.endswith('x') else 's'}"


def _counts(tally: Tally) -> str:
    parts = [plural(tally.files, "file"), plural(tally.articles, "article")]
    parts.append(plural(tally.fixes, "fix"))
    if tally.skipped:
        parts.append(f"{plural(tally.skipped, 'line')} skipped")
    return ", ".join(parts)


def format_summary(prog: str, tally: Tally, seconds: float) -> str:
    """Return the one-line summary of a finished run, with the blocks its text output hid.

    >>> format_summary("nc", Tally(files=120, articles=120, fixes=3402), 4.06)
    'nc: 120 files, 120 articles, 3,402 fixes in 4.1 s'
    >>> print(format_summary("nc", Tally(files=1, articles=1, hidden=2, hidden_words=9), 0.2))
    nc: 1 file, 1 article, 0 fixes in 0.2 s; 2 blocks (9 words) hidden as captions/boilerplate
    (--keep to show)
    """
    return f"{prog}: {_counts(tally)} in {seconds:.1f} s{_hidden(tally)}"


def _hidden(tally: Tally) -> str:
    """The summary's note of blocks the text output hid, which may be mislabelled body text."""
    if not tally.hidden:
        return ""
    words = plural(tally.hidden_words, "word")
    blocks = plural(tally.hidden, "block")
    return f"; {blocks} ({words}) hidden as captions/boilerplate (--keep to show)"


def format_bar(done: int, total: int, width: int = BAR_WIDTH) -> str:
    """Return a bar of ``width`` cells filled in proportion, and the percentage.

    >>> format_bar(1, 4, width=8)
    '[##------]  25%'
    """
    share = min(1.0, done / total) if total > 0 else 1.0
    filled = int(share * width)
    return f"[{'#' * filled}{'-' * (width - filled)}] {share:4.0%}"


def format_progress(
    prog: str, tally: Tally, seconds: float, total: int | None = None, *, unit: Unit = "article"
) -> str:
    """Return the progress line: a bar when ``total`` is known, the counts, the rate.

    The rate is of ``unit``: articles written (all the counts shown), or files read (the
    linter's view: files alone).

    >>> format_progress("nc", Tally(files=1, articles=50, fixes=9, done=50), 2.0, 200)
    'nc: [#####---------------]  25% 1 file, 50 articles, 9 fixes, 2 s, 25 articles/s'
    >>> format_progress("nc check", Tally(files=3, done=3), 2.0, 4, unit="file")
    'nc check: [###############-----]  75% 3 files, 2 s, 2 files/s'
    """
    bar = f"{format_bar(tally.done, total)} " if total else ""
    if unit == "article":
        shown, done = _counts(tally), tally.articles
    else:
        shown, done = plural(tally.files, "file"), tally.files
    rate = done / seconds if seconds > 0 else 0.0
    return f"{prog}: {bar}{shown}, {seconds:.0f} s, {rate:,.0f} {unit}s/s"


def is_terminal(stream: TextIO) -> bool:
    """Return whether ``stream`` is an interactive terminal (False when it cannot tell)."""
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # replaced or closed streams
        return False


def can_draw(stream: TextIO, environ: Mapping[str, str]) -> bool:
    """Return whether a progress line may be drawn on ``stream``: a terminal that takes
    the erase-line escape (not ``TERM=dumb``), outside CI (``CI`` set, as CI services set
    it, where a log would keep every redraw).

    >>> import io
    >>> can_draw(io.StringIO(), {})
    False
    """
    if environ.get("CI") or environ.get("TERM") == "dumb":
        return False
    return is_terminal(stream)


class Meter:
    """Counts a run's work; draws the progress line and writes the summary on ``stream``.

    ``show_progress`` and ``show_summary`` are decided by the caller (see
    :func:`is_terminal`); ``total`` (in the unit of :attr:`Tally.done`) draws a bar, and
    may be set once the work is counted; ``unit`` is what the rate counts. The
    progress line is cut to ``columns`` (default: the terminal's width) less one.
    Call :meth:`clear` before writing anything else on the stream, :meth:`finish` at the end.
    """

    def __init__(
        self,
        stream: TextIO,
        prog: str,
        *,
        show_progress: bool,
        show_summary: bool,
        total: int | None = None,
        clock: Callable[[], float] = time.monotonic,
        columns: int | None = None,
        unit: Unit = "article",
    ) -> None:
        self.stream = stream
        self.prog = prog
        self.show_progress = show_progress
        self.show_summary = show_summary
        self.total = total
        self.clock = clock
        # A line wider than the terminal wraps, and "\r" then returns to its last row only.
        self.columns = columns or shutil.get_terminal_size().columns
        self.unit: Unit = unit
        self.tally = Tally()
        self.started = clock()
        self._drawn_at: float | None = None

    def update(self, **amounts: int) -> None:
        """Add ``amounts`` (see :meth:`Tally.add`) and redraw the progress line if it is time."""
        self.tally = self.tally.add(**amounts)
        if not self.show_progress:
            return
        now = self.clock()
        if now - self.started < PROGRESS_DELAY:
            return
        if self._drawn_at is not None and now - self._drawn_at < REDRAW_INTERVAL:
            return
        line = format_progress(
            self.prog, self.tally, now - self.started, self.total, unit=self.unit
        )
        self.stream.write(_ERASE_LINE + line[: self.columns - 1])
        self.stream.flush()
        self._drawn_at = now

    def clear(self) -> None:
        """Erase the progress line, if one is drawn, so a message can take its place."""
        if self._drawn_at is not None:
            self.stream.write(_ERASE_LINE)
            self.stream.flush()
            self._drawn_at = None

    def finish(self) -> None:
        """Erase the progress line and write the summary, if it is wanted."""
        self.clear()
        if self.show_summary:
            seconds = self.clock() - self.started
            print(format_summary(self.prog, self.tally, seconds), file=self.stream, flush=True)
