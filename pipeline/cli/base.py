"""The `milliard` command line. spaCy is imported inside the commands so --help is fast.

\b
Exit codes (every command):
  0  done (per-document errors are reported in the output, not by the exit code)
  1  the command failed as a whole (e.g. a database it cannot reach)
  2  unusable arguments (a one-line message on stderr)
  3  unreadable input (a missing or unreadable file, standard input not readable)
"""
from __future__ import annotations

from enum import Enum

import typer

EXIT_FAILED, EXIT_USAGE, EXIT_INPUT = 1, 2, 3

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  context_settings={"help_option_names": ["-h", "--help"]},
                  help="French (and English) financial news -> funding records.\n\n" + __doc__.split("\n\n", 1)[1])


def show_version(asked: bool) -> None:
    if asked:
        from importlib.metadata import version
        typer.echo(f"milliard {version('milliard')}")
        raise typer.Exit(0)


@app.callback()
def options(version: bool = typer.Option(False, "--version", is_eager=True, callback=show_version,
                                         help="Print the version and exit.")):
    pass


class InputFormat(str, Enum):
    auto = "auto"
    text = "text"
    html = "html"
    jsonl = "jsonl"


def fail(code: int, message: str) -> "typer.Exit":
    typer.echo(f"milliard: {message}", err=True)
    return typer.Exit(code)


class StderrProgress:
    """A rich progress display on stderr (set in `progress` once started), stopped when the
    `with` block ends, however it ends."""

    progress = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if self.progress:
            self.progress.stop()
        return False
