"""The `milliard` command line, spaCy-style: `base.py` holds the app and the exit codes, each
command is a module that registers itself on it, and this file imports them all (nothing
imports this file back, so there is no circle). spaCy is imported inside the commands so
--help is fast."""
from __future__ import annotations

import os
import re
import sys

import typer

from milliard.cli import batch, browse, evaluate, extract, schema, show, table  # noqa: F401  (register the commands)
from milliard.cli.base import EXIT_FAILED, EXIT_USAGE, app

__all__ = ["app", "main"]


def usage_message(text: str) -> str:
    """One line, without the validation library's prefix ("Value error, 'x' is not one of …")."""
    return re.sub(r"\b(Value error|Assertion failed), ", "", " ".join(text.split()))


def main() -> None:
    """Run the app; a usage error is one line on stderr (click prints a multi-line block)."""
    try:  # typer >= 0.20 vendors click as typer._click
        from typer._click import exceptions as errors
    except ImportError:  # pragma: no cover
        from click import exceptions as errors

    try:
        code = app(standalone_mode=False)
    except errors.NoArgsIsHelpError as exc:  # bare `milliard`: the help, on stderr
        exc.show()
        sys.exit(EXIT_USAGE)
    except errors.ClickException as exc:
        typer.echo(f"milliard: {usage_message(exc.format_message())}", err=True)
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

