"""The `milliard` command line. spaCy is imported inside the commands so --help is fast.

\b
Exit codes (every command):
  0  done (per-document errors are reported in the output, not by the exit code)
  1  the command failed as a whole (e.g. a database it cannot reach)
  2  unusable arguments (a one-line message on stderr)
  3  unreadable input (a missing or unreadable file, standard input not readable)
"""
from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

EXIT_FAILED, EXIT_USAGE, EXIT_INPUT = 1, 2, 3

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help="French (and English) financial news -> funding records.\n\n" + __doc__.split("\n\n", 1)[1])


class InputFormat(str, Enum):
    auto = "auto"
    text = "text"
    html = "html"
    jsonl = "jsonl"


class InputError(Exception):
    """A file `extract` cannot read; the message says why."""


def fail(code: int, message: str) -> "typer.Exit":
    typer.echo(f"milliard: {message}", err=True)
    return typer.Exit(code)


@app.command()
def extract(
    files: List[str] = typer.Argument(..., help="Files to read; '-' reads standard input."),
    input_format: InputFormat = typer.Option(InputFormat.auto, "--input-format",
                                             help="auto (by file suffix), text, html, or jsonl (CONTRACT lines)."),
    mentions: bool = typer.Option(False, "--mentions", help="Also output amounts, dates and entities."),
    published: Optional[str] = typer.Option(None, "--published", help="Publication date YYYY-MM-DD (text/html input)."),
    lang: Optional[str] = typer.Option(None, "--lang", help="fr or en; detected when not given."),
    no_cascade: bool = typer.Option(False, "--no-cascade", help="Run the NER model on every paragraph."),
    model: Optional[str] = typer.Option(None, "--model", help="Base model size where the language has several (md, sm)."),
):
    """Extract funding records; one JSON object per document on stdout.

    \b
    Examples:
      milliard extract article.txt --published 2026-01-14
      milliard extract page.html --mentions
      milliard extract --input-format jsonl --mentions - < docs.jsonl > out.jsonl
    """
    from .extract import Extractor

    extractor = Extractor(cascade=not no_cascade, model_size=model)
    out = sys.stdout.buffer
    if input_format is InputFormat.jsonl:
        for name in files:
            _extract_jsonl(extractor, _open_binary(name), out, mentions)
        out.flush()
        return
    _extract_files(extractor, files, out, mentions,
                   read=lambda name: _read_document(name, input_format, published, lang))


def _extract_files(extractor, files: list[str], out, mentions: bool, read) -> None:
    """One result line per file, in order; an unreadable file is an error line and the
    others are still read. Exit 3 (and no output) only when no file could be read."""
    from .extract import error_result

    unreadable, pending = [], []  # error lines wait for a readable file
    for name in files:
        try:
            doc = read(name)
        except InputError as exc:
            unreadable.append(str(exc))
            pending.append(error_result(name, "unreadable_input", str(exc)))
            continue
        for result in pending:
            _write(out, result, mentions)
        pending = []
        _write(out, extractor.extract(doc), mentions)
    if len(unreadable) == len(files):
        raise fail(EXIT_INPUT, unreadable[0] if len(files) == 1 else f"no file could be read ({unreadable[0]})")
    for result in pending:
        _write(out, result, mentions)
    out.flush()
    if unreadable:
        typer.echo(f"milliard: {len(unreadable)} of {len(files)} files could not be read "
                   f"(see their error lines; first: {unreadable[0]})", err=True)


def _open_binary(name: str):
    if name == "-":
        return sys.stdin.buffer
    try:
        return open(name, "rb")
    except OSError as exc:
        raise fail(EXIT_INPUT, f"cannot read {name}: {exc.strerror or exc}")


def _extract_jsonl(extractor, stream, out, mentions: bool) -> None:
    from .jsonl import BadLine, parse_line, read_lines

    for lineno, raw in read_lines(stream):
        try:
            doc = parse_line(raw, lineno)
        except BadLine as bad:
            _write(out, bad.result, mentions)
            continue
        _write(out, extractor.extract(doc), mentions)


def _read_document(name: str, fmt: InputFormat, published: str | None, lang: str | None):
    from .schema import InputDocument
    from .sources import SourceError, html_document, read_file

    try:
        if name == "-":
            text = sys.stdin.buffer.read().decode("utf-8", errors="replace")
            doc = html_document(text, "-") if fmt is InputFormat.html else InputDocument(id="-", text=text)
        elif fmt is InputFormat.text:
            from .sources import read_text_file
            doc = InputDocument(id=name, text=read_text_file(Path(name)))
        elif fmt is InputFormat.html:
            from .sources import read_text_file
            doc = html_document(read_text_file(Path(name)), name)
        else:
            doc = read_file(name)
    except SourceError as exc:
        raise InputError(str(exc)) from None
    if published:
        doc.published = published
    if lang:
        doc.lang = lang
    return doc


def _write(out, result, mentions: bool) -> None:
    from .jsonl import dumps
    out.write(dumps(result, mentions))


@app.command()
def schema(output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write here instead of stdout.")):
    """Print the JSON Schema of one output object (records, mentions, warnings)."""
    import json

    from .schema import json_schema

    text = json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
    if output:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


# Commands kept in their own modules register themselves on `app`.
from . import cli_batch, cli_eval, cli_show  # noqa: E402,F401


def main() -> None:
    """Run the app; a usage error is one line on stderr (click prints a multi-line block)."""
    try:  # typer >= 0.20 vendors click as typer._click
        from typer._click import exceptions as errors
    except ImportError:  # pragma: no cover
        from click import exceptions as errors

    # Under `python -m pipeline.cli` this file runs as __main__, but cli_batch & co. register
    # their commands on the app of the imported `pipeline.cli` module: run that one.
    from . import cli as module

    try:
        code = module.app(standalone_mode=False)
    except errors.NoArgsIsHelpError as exc:  # bare `milliard`: the help, on stderr
        exc.show()
        sys.exit(EXIT_USAGE)
    except errors.ClickException as exc:
        typer.echo(f"milliard: {' '.join(exc.format_message().split())}", err=True)
        sys.exit(EXIT_USAGE if isinstance(exc, errors.UsageError) else EXIT_FAILED)
    except typer.Abort:  # typer raises its own Abort (Ctrl-C, EOF at a prompt)
        typer.echo("milliard: interrupted", err=True)
        sys.exit(EXIT_FAILED)
    except BrokenPipeError:  # the reader went away (`| head`): nothing more to say
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(EXIT_FAILED)
    except Exception as exc:  # a bug of ours: still one line, never a traceback
        typer.echo(f"milliard: internal error: {type(exc).__name__}: {exc}", err=True)
        sys.exit(EXIT_FAILED)
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    main()
