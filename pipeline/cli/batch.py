"""`milliard batch` (registered on the CLI app on import), and how values are shown in a terminal."""
from __future__ import annotations

import re
import sys
from contextlib import contextmanager
from enum import Enum
from typing import Optional

import typer

from milliard.cli.base import EXIT_FAILED, EXIT_INPUT, EXIT_USAGE, StderrProgress, app, fail


class Engine(str, Enum):
    local = "local"
    dask = "dask"


@app.command()
def batch(
    source: str = typer.Argument(..., help="A directory (.txt/.html/.json/.jsonl/.xml files), a .jsonl feed, "
                                           "an RSS/Atom file, one file, or '-' (JSONL on stdin)."),
    to: str = typer.Option(..., "--to", help="sqlite:///rel.db, sqlite:////abs.db, postgresql://user@host:5432/db, "
                                             "a .jsonl or .parquet path, or '-' (JSONL on stdout)."),
    workers: int = typer.Option(1, "--workers", min=1, help="Worker processes (local: forked; dask: LocalCluster)."),
    resume: bool = typer.Option(False, "--resume", help="Skip the documents the target already holds."),
    engine: Engine = typer.Option(Engine.local, "--engine", help="local (this machine) or dask (a cluster)."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler",
                                            help="Dask scheduler to join, e.g. tcp://host:8786 (default: a LocalCluster)."),
    chunk_size: int = typer.Option(64, "--chunk-size", min=1, help="Documents written per transaction."),
    time_budget: float = typer.Option(60.0, "--time-budget", min=0,
                                      help="Seconds one document may take (local engine); over it, the document is "
                                           "an error `timeout` and the batch goes on. 0: no budget."),
    namespace: Optional[str] = typer.Option(
        None, "--namespace", "--id-prefix",
        help="Prefix every document id with NAMESPACE/ (default: a document named after its file is "
             "FOLDER/PATH, FOLDER the source folder's name; ids the documents carry are kept). '' keeps "
             "every id as named inside the source."),
    worker_timeout: Optional[float] = typer.Option(
        None, "--worker-timeout", min=0.1, metavar="SECONDS",
        help="--engine dask: stop (exit 1) when no worker has been connected for SECONDS; what was "
             "committed stays, --resume goes on from it. Default: wait for workers forever."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar and no summary line; "
                                                            "errors and conflicts are still reported."),
):
    """Extract every document of SOURCE into TARGET (documents, records, errors, ...).

    \b
    A document that cannot be read or processed is a row in `errors`; the batch goes on
    and exits 0. Running the same batch again adds no row; --resume skips what is done.
    A document whose id a database holds from another source, with other content, is not
    written: it is a row in `conflicts` and a line on stderr, never an overwrite.
    \b
    Examples:
      milliard batch corpus/articles --to sqlite:///out/milliard.db
      milliard batch feed.xml --to postgresql://postgres@127.0.0.1:5432/news --workers 2
      milliard batch docs.jsonl --to - --engine dask --scheduler tcp://10.0.0.5:8786
    """
    from milliard.run.batch import Interrupted, run_batch
    from milliard.run.runners import NoWorkers

    if scheduler and engine is not Engine.dask:
        raise fail(EXIT_USAGE, "--scheduler needs --engine dask") from None
    if worker_timeout is not None and engine is not Engine.dask:
        raise fail(EXIT_USAGE, "--worker-timeout needs --engine dask") from None
    bar = ProgressBar(quiet)
    if bar.live:
        from milliard.io.count import count_documents
        bar.total = count_documents(source)
    try:
        with bar, batch_errors():
            stats = run_batch(source, to, workers=workers, resume=resume, engine=engine.value,
                              scheduler=scheduler, chunk_size=chunk_size, progress=bar.update,
                              on_result=bar.update, stop_on_signals=True, time_budget=time_budget,
                              namespace=namespace, on_conflict=bar.warn, worker_timeout=worker_timeout)
    except Interrupted as stop:  # 130 (SIGINT) or 143 (SIGTERM), as a shell reports a killed command
        raise fail(128 + stop.signum, f"interrupted; {plural(stop.stats.documents, 'document')} committed, "
                                      "resume with --resume") from None
    except NoWorkers as stop:
        raise fail(EXIT_FAILED, f"{stop}; {plural(stop.stats.documents, 'document')} committed, "
                                "resume with --resume") from None
    if quiet:
        return
    skipped = f", {stats.skipped} already done" if stats.skipped else ""
    conflicts = f", {plural(stats.conflicts, 'conflict')} (not written)" if stats.conflicts else ""
    typer.echo(f"milliard: {plural(stats.documents, 'document')} ({rate(stats)}/s){skipped}, "
               f"{plural(stats.records, 'record')}, {plural(stats.errors, 'error')}{conflicts} -> {_shown(to)}",
               err=True)


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


@contextmanager
def batch_errors():
    """A failure of the whole batch: one line on stderr and the documented exit code."""
    from milliard.io.sinks import SinkError, TargetError
    from milliard.io.sources import SourceError
    from milliard.run.runners import NoWorkers, WorkersError

    try:
        yield
    except (NoWorkers, BrokenPipeError):  # the caller says what was committed; a closed pipe ends quietly (main)
        raise
    except (TargetError, WorkersError) as exc:
        raise fail(EXIT_USAGE, str(exc)) from None
    except SourceError as exc:
        raise fail(EXIT_INPUT, str(exc)) from None
    except (SinkError, RuntimeError, OSError) as exc:
        raise fail(EXIT_FAILED, str(exc)) from None
    except Exception as exc:  # a database error mid-run: one line, exit 1
        raise fail(EXIT_FAILED, f"{type(exc).__name__}: {str(exc).strip().splitlines()[0] if str(exc).strip() else ''}") from None


def rate(stats) -> str:
    per_s = stats.documents / max(stats.seconds, 1e-9)
    return f"{per_s:.1f}" if per_s >= 1 else f"{per_s:.2g}"


def _shown(target: str) -> str:
    from milliard.io.sinks import shown
    return "stdout" if target == "-" else shown(target)


class ProgressBar(StderrProgress):
    """Documents (of the total when the source says it cheaply), docs/s, records, errors,
    elapsed time and ETA, on stderr; shown whenever stderr is a terminal (stdout may be a
    file or a pipe: `--to -` writes JSONL there), never with --quiet.
    It starts at the first update, after the worker processes are forked: rich refreshes
    from a thread, and a fork taken while that thread holds a lock could hang a worker."""

    def __init__(self, quiet: bool = False):
        self.live = sys.stderr.isatty() and not quiet
        self.total: int | None = None
        self.progress = None
        self.first: tuple[float, int] | None = None  # (time, documents) at the first update

    def start(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        known = self.total is not None
        columns = [SpinnerColumn(), *([BarColumn(bar_width=24)] if known else []),
                   TextColumn("{task.completed}/{task.total} docs" if known else "{task.completed} docs"),
                   TextColumn("{task.fields[rate]} docs/s"), TextColumn("{task.fields[records]} records"),
                   TextColumn("{task.fields[errors]} errors"), TimeElapsedColumn(),
                   *([TextColumn("ETA {task.fields[eta]}")] if known else [])]
        self.progress = Progress(*columns, console=Console(stderr=True), transient=True)
        self.progress.start()
        self.task = self.progress.add_task("batch", total=self.total, rate="-", records=0, errors=0, eta="-")

    def warn(self, message) -> None:
        """One line on stderr, above the bar when there is one."""
        line = f"milliard: {printable(message)}"
        if self.progress is not None:
            self.progress.console.print(line, markup=False, highlight=False)
        else:
            typer.echo(line, err=True)

    def update(self, stats) -> None:
        if not self.live:
            return
        if self.progress is None:
            self.start()
        done = stats.seen + stats.skipped
        per_s = self.speed(stats.seen)
        eta = "-"
        if per_s and self.total is not None:
            eta = clock(max(self.total - done, 0) / per_s)
        self.progress.update(self.task, completed=done, rate=f"{per_s:.1f}" if per_s else "-",
                             records=stats.records, errors=stats.errors, eta=eta)

    def speed(self, seen: int) -> float | None:
        """Documents per second since the first update: the model's loading (before the first
        document) and the skipped documents of --resume would make the ETA wrong."""
        import time

        now = time.monotonic()
        if self.first is None:
            self.first = (now, seen)
        t0, n0 = self.first
        return (seen - n0) / (now - t0) if seen > n0 and now > t0 else None


def clock(seconds: float) -> str:
    """3725.2 -> '1:02:05'."""
    whole = int(seconds + 0.5)
    return f"{whole // 3600}:{whole % 3600 // 60:02d}:{whole % 60:02d}"


# C0 and C1 controls (an ESC sequence would drive the terminal) and the bidi overrides
# (they would reorder what is shown): printed as escapes
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(value) -> str:
    """The stored value as shown in a terminal: control characters as `\\x1b`, `\\u202e`."""
    text = "" if value is None else str(value)
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100
                        else f"\\u{ord(m.group()):04x}", text)


def money_text(value, low, high) -> str:
    """12500000000.0 -> '12.5 bn'; a range 'low - high'; a bound '> low' / '< high'."""
    def short(x: float) -> str:
        for scale, word in ((1e12, "tn"), (1e9, "bn"), (1e6, "m"), (1e3, "k")):
            if abs(x) >= scale:
                return f"{x / scale:.4g} {word}"
        return f"{x:.4g}"

    if value is not None:
        return short(value)
    if low is not None and high is not None:
        return f"{short(low)} - {short(high)}"
    if low is not None:
        return f"> {short(low)}"
    if high is not None:
        return f"< {short(high)}"
    return ""
