"""`milliard show FILE --html OUT.html` (registered on the CLI app on import)."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from milliard.cli.base import EXIT_FAILED, EXIT_INPUT, EXIT_USAGE, app, fail


@app.command()
def show(
    file: Path = typer.Argument(..., help="An article: .txt, .html, or .json (one CONTRACT input object)."),
    html: Optional[Path] = typer.Option(None, "--html", help="Write the page here; standard output when not given or '-'."),
    published: Optional[str] = typer.Option(None, "--published", help="Publication date YYYY-MM-DD."),
    lang: Optional[str] = typer.Option(None, "--lang", help="fr or en; detected when not given."),
):
    """Write one self-contained HTML page: the article with its amounts, dates and entities
    highlighted (hover for the normalised values) and its records with their evidence.

    \b
    Example:
      milliard show corpus/articles/some-article.json --html out/show.html
    """
    from milliard.extraction.extractor import DocumentError, Extractor, parse_published
    from milliard.view.html import render

    doc = read_article(file)
    if published:
        doc.published = published
    if lang:
        doc.lang = lang
    try:
        parse_published(doc.published)
    except DocumentError as exc:
        raise fail(EXIT_USAGE, exc.message) from None
    result = Extractor().extract(doc)
    if result.error:
        typer.echo(f"milliard: {file}: {result.error.code}: {result.error.message}", err=True)
    page = render(doc.text, result, title=doc.title or file.name, published=doc.published)
    if html is None or str(html) == "-":
        sys.stdout.buffer.write(page.encode("utf-8", errors="replace"))
        return
    try:
        html.parent.mkdir(parents=True, exist_ok=True)
        # errors="replace": a lone surrogate from a JSON escape must not lose the page
        html.write_bytes(page.encode("utf-8", errors="replace"))
    except OSError as exc:
        raise fail(EXIT_FAILED, f"cannot write {html}: {exc.strerror or exc}") from None
    typer.echo(f"wrote {html}", err=True)


def read_article(file: Path):
    """A .json file is one CONTRACT input object (extra keys such as `expected` are ignored);
    anything else is text or HTML (`sources.read_document`)."""
    from milliard.io.sources import SourceError, read_document

    try:
        return read_document(file, "json" if file.suffix.lower() == ".json" else "auto")
    except SourceError as exc:
        raise fail(EXIT_INPUT, str(exc)) from None
