"""`milliard extract`: files, standard input or CONTRACT JSONL in, one JSON object per document out."""
from __future__ import annotations

import sys
from enum import Enum
from typing import List, Optional

import typer

from milliard.cli.base import EXIT_INPUT, EXIT_USAGE, InputFormat, app, fail


class OutputFormat(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"


@app.command()
def extract(
    files: Optional[List[str]] = typer.Argument(
        None, help="Files to read; '-' reads standard input, as does no FILE when standard input is not a terminal."),
    input_format: InputFormat = typer.Option(InputFormat.auto, "--input-format",
                                             help="auto (by file suffix), text, html, or jsonl (CONTRACT lines)."),
    mentions: bool = typer.Option(False, "--mentions", help="Also output amounts, dates and entities."),
    published: Optional[str] = typer.Option(None, "--published", help="Publication date YYYY-MM-DD (text/html input)."),
    lang: Optional[str] = typer.Option(None, "--lang", help="fr or en; detected when not given."),
    no_cascade: bool = typer.Option(False, "--no-cascade", help="Run the NER model on every paragraph."),
    model: Optional[str] = typer.Option(None, "--model", help="Base model size where the language has several (md, sm)."),
    output: Optional[OutputFormat] = typer.Option(
        None, "--format", "-f", help="table (a readable summary; the default on a terminal), json or jsonl (the "
                                     "CONTRACT objects, one a line; the default otherwise: both write the same lines)."),
):
    """Extract funding records: a readable table on a terminal, one JSON object per
    document (a line each) otherwise.

    \b
    Examples:
      milliard extract article.txt --published 2026-01-14
      milliard extract page.html --mentions --format json
      cat article.txt | milliard extract
      milliard extract --input-format jsonl --mentions - < docs.jsonl > out.jsonl
    """
    from milliard.cli.summary import TableOut
    from milliard.extraction import Extractor

    files = input_files(files)
    check_options(published, lang, model)
    extractor = Extractor(cascade=not no_cascade, model_size=model)
    if output is None:
        output = OutputFormat.table if sys.stdout.isatty() else OutputFormat.json
    out = TableOut(mentions) if output is OutputFormat.table else sys.stdout.buffer
    if input_format is InputFormat.jsonl:
        for name in files:
            _extract_jsonl(extractor, _open_binary(name), out, mentions)
        out.flush()
        return
    _extract_files(extractor, files, out, mentions,
                   read=lambda name: _read_document(name, input_format, published, lang))


def input_files(files: list[str] | None) -> list[str]:
    """FILE…, or standard input when none is given and it is not a terminal (a pipe, a file)."""
    if files:
        return files
    if sys.stdin.isatty():
        raise fail(EXIT_USAGE, "give a FILE to read, or pipe a text in (see milliard extract -h)")
    return ["-"]


def check_options(published: str | None, lang: str | None, model: str | None) -> None:
    """An unusable --published, --lang or --model is a usage error (exit 2), before any
    document is read: it would make every document fail the same way."""
    from milliard.extraction.extractor import DocumentError, parse_published
    from milliard.lang import supported
    from milliard.models import definition

    try:
        parse_published(published)
    except DocumentError as exc:
        raise fail(EXIT_USAGE, f"--published: {exc.message} (YYYY-MM-DD or an ISO datetime)") from None
    if lang is not None and lang not in supported():
        raise fail(EXIT_USAGE, f"--lang: {lang!r} is not one of {', '.join(supported())}")
    sizes = sorted({size for one in supported() for size in definition(one).get("bases", {})})
    if model is not None and model not in sizes:
        raise fail(EXIT_USAGE, f"--model: {model!r} is not one of {', '.join(sizes)}")


def _extract_files(extractor, files: list[str], out, mentions: bool, read) -> None:
    """One result line per file, in order; an unreadable file is an error line and the
    others are still read. Exit 3 (and no output) only when no file could be read."""
    from milliard.extraction import error_result
    from milliard.io.sources import SourceError, TooLarge

    unreadable, pending = [], []  # error lines wait for a readable file
    for name in files:
        try:
            result = extractor.extract(read(name))
        except TooLarge as exc:  # as the extractor answers a text over the limit: in-line
            result = error_result(name, "too_large", str(exc))
        except SourceError as exc:
            unreadable.append(str(exc))
            pending.append(error_result(name, "unreadable_input", str(exc)))
            continue
        for waiting in pending:
            _write(out, waiting, mentions)
        pending = []
        _write(out, result, mentions)
    if len(unreadable) == len(files):
        raise fail(EXIT_INPUT, unreadable[0] if len(files) == 1 else f"no file could be read ({unreadable[0]})") from None
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
        raise fail(EXIT_INPUT, f"cannot read {name}: {exc.strerror or exc}") from None


def _extract_jsonl(extractor, stream, out, mentions: bool) -> None:
    from milliard.extraction import MAX_CHARS
    from milliard.io.jsonl import BadLine, line_limit, parse_line, read_lines

    for lineno, raw in read_lines(stream, line_limit(MAX_CHARS)):
        try:
            doc = parse_line(raw, lineno)
        except BadLine as bad:
            _write(out, bad.result, mentions)
            continue
        _write(out, extractor.extract(doc), mentions)


def _read_document(name: str, fmt: InputFormat, published: str | None, lang: str | None):
    from milliard.extraction import MAX_CHARS
    from milliard.io.sources import read_document

    doc = read_document(name, fmt.value, max_chars=MAX_CHARS)
    if published:
        doc.published = published
    if lang:
        doc.lang = lang
    return doc


def _write(out, result, mentions: bool) -> None:
    from milliard.io.jsonl import dumps
    if hasattr(out, "show"):  # the table of a terminal
        out.show(result)
        return
    out.write(dumps(result, mentions))


