"""`milliard eval` (registered on the CLI app on import)."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer

from milliard.cli.base import EXIT_FAILED, EXIT_INPUT, app, fail


@app.command("eval")
def eval_corpus(
    path: Path = typer.Argument(..., help="A corpus directory (e.g. corpus/) or one article .json file."),
    min_f1: Optional[float] = typer.Option(None, "--min", help="Exit 1 when a field's F1 is below this."),
    verbose: bool = typer.Option(False, "-v", "--verbose", help="List every disagreement."),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON."),
):
    """Precision, recall and F1 of the records per field on corpus articles with expected records.

    \b
    Examples:
      milliard eval corpus/
      milliard eval corpus/ --min 0.9 -v
    """
    from milliard.run.evaluate import FIELDS, evaluate

    if not path.exists():
        raise fail(EXIT_INPUT, f"cannot read {path}: no such file or directory") from None
    report = evaluate(path)
    if report.articles == 0:
        raise fail(EXIT_INPUT, f"no article with expected records under {path}") from None
    if as_json:
        sys.stdout.write(json.dumps({"articles": report.articles, "fields": report.as_dict()}, indent=2) + "\n")
    else:
        typer.echo(f"{report.articles} articles")
        typer.echo(f"{'field':<10} {'precision':>9} {'recall':>7} {'F1':>6}   tp  fp  fn")
        for name in FIELDS:
            s = report.scores[name]
            typer.echo(f"{name:<10} {s.precision:9.3f} {s.recall:7.3f} {s.f1:6.3f}  {s.tp:3d} {s.fp:3d} {s.fn:3d}")
    if verbose:
        for line in report.failures:
            typer.echo(line)
    if min_f1 is not None:
        low = [n for n in FIELDS if report.scores[n].f1 < min_f1]
        if low:
            typer.echo(f"milliard: F1 below {min_f1} for: {', '.join(low)}", err=True)
            raise typer.Exit(EXIT_FAILED)
