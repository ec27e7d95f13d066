"""`milliard eval` (registered on the CLI app on import): scores on corpus articles with
expected records, or on article-level gold lines (the format of ../shared/evals)."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer

from milliard.cli.base import EXIT_FAILED, EXIT_INPUT, StderrProgress, app, fail
from milliard.cli.batch import plural


@app.command("eval")
def eval_corpus(
    path: Path = typer.Argument(..., help="A corpus directory or article .json file (expected records), or a "
                                          ".jsonl file of article-level gold (one article a line)."),
    min_score: Optional[float] = typer.Option(None, "--min", help="Exit 1 when a field's score (F1; accuracy for "
                                                                  "gold lines, the overall one too) is below this."),
    verbose: bool = typer.Option(False, "-v", "--verbose", help="List every disagreement."),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar (shown on a terminal's stderr)."),
):
    """Score the pipeline's records against hand-checked ones, field by field.

    \b
    Two gold formats:
    1. Corpus articles (a directory of .json files, or one): a CONTRACT input object
       (id, text, published, lang, title) with "expected": {"records": [...]}, the records
       it must give, in the CONTRACT's record shape. Predicted and expected records are
       paired; per field (company, amount, round, investors, kind, record): precision,
       recall, F1.
    2. Article-level gold (a .jsonl file, one article a line, as in ../shared/evals):
       {"id", "text", "published", "lang", "gold": {"n_records", "kind", "company",
       "amount", "currency", "target", "round", "announced", "lead_investors",
       "investors", "partners", "acquirer", "warning"}}; only the fields given (non-null)
       are scored, on the record whose amount is within 1 % of gold.amount (else the first):
       per field the share right, the articles with every field right, and all fields.
       Same rules and figures as ../shared/evals/score_records.py (README "Commands").
    \b
    Examples:
      milliard eval corpus/
      milliard eval corpus/ --min 0.9 -v
      milliard eval ../shared/evals/suites/real_fr_news_mix_dev.jsonl
    """
    if not path.exists():
        raise fail(EXIT_INPUT, f"cannot read {path}: no such file or directory") from None
    from milliard.run.gold import is_gold_file

    if is_gold_file(path):
        low = eval_gold(path, verbose, as_json, quiet)
    else:
        low = eval_articles(path, verbose, as_json)
    if min_score is not None and any(score < min_score for score in low.values()):
        names = [name for name, score in low.items() if score < min_score]
        typer.echo(f"milliard: below {min_score} for: {', '.join(names)}", err=True)
        raise typer.Exit(EXIT_FAILED)


def eval_articles(path: Path, verbose: bool, as_json: bool) -> dict[str, float]:
    """Corpus articles: precision, recall and F1 per field; returns the F1s."""
    from milliard.run.evaluate import FIELDS, evaluate

    report = evaluate(path)
    if report.articles == 0:
        raise fail(EXIT_INPUT, f"no article with expected records under {path}") from None
    if as_json:
        sys.stdout.write(json.dumps({"articles": report.articles, "fields": report.as_dict()}, indent=2) + "\n")
    else:
        typer.echo(plural(report.articles, "article"))
        typer.echo(f"{'field':<10} {'precision':>9} {'recall':>7} {'F1':>6}   tp  fp  fn")
        for name in FIELDS:
            s = report.scores[name]
            typer.echo(f"{name:<10} {s.precision:9.3f} {s.recall:7.3f} {s.f1:6.3f}  {s.tp:3d} {s.fp:3d} {s.fn:3d}")
    if verbose:
        for line in report.failures:
            typer.echo(line)
    return {name: report.scores[name].f1 for name in FIELDS}


def eval_gold(path: Path, verbose: bool, as_json: bool, quiet: bool) -> dict[str, float]:
    """Article-level gold lines: the share right per field; returns those of the fields and
    the overall one."""
    from milliard.run.gold import GoldError, evaluate_gold, load_gold

    try:
        total = len({str(row["id"]) for row in load_gold(path)})
    except (GoldError, OSError) as exc:
        raise fail(EXIT_INPUT, str(exc)) from None
    if total == 0:
        raise fail(EXIT_INPUT, f"no line with a `gold` object in {path}") from None
    with Counter(total, quiet) as bar:
        report = evaluate_gold(path, on_result=bar.update)
    if as_json:
        sys.stdout.write(json.dumps({"suite": path.name, **report.as_dict()}, indent=2) + "\n")
    else:
        typer.echo(f"{'field':<16} {'n':>4} {'pass':>5} {'rate':>7}   ({path.name})")
        rows = [(f, *v) for f, v in report.fields.items() if v[0]]
        rows += [("articles", *report.articles), ("fields (all)", *report.scored)]
        for name, n, right in rows:
            typer.echo(f"{name:<16} {n:>4} {right:>5} {right / n if n else 0:7.4f}")
    if verbose:
        for line in report.failures:
            typer.echo(line)
    return {name: rate for name, rate in report.rates().items() if name != "articles"}


class Counter(StderrProgress):
    """'N/M articles' with a bar and the ETA on stderr when it is a terminal (not --quiet)."""

    def __init__(self, total: int, quiet: bool):
        self.total, self.live, self.progress = total, sys.stderr.isatty() and not quiet, None

    def update(self, done: int) -> None:
        if not self.live:
            return
        if self.progress is None:  # at the first result: the model is loaded by then
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn, TimeRemainingColumn

            self.progress = Progress(BarColumn(bar_width=24), MofNCompleteColumn(), "articles", TimeElapsedColumn(),
                                     "ETA", TimeRemainingColumn(), console=Console(stderr=True), transient=True)
            self.progress.start()
            self.task = self.progress.add_task("eval", total=self.total)
        self.progress.update(self.task, completed=done)
