"""`milliard browse DB`: a batch's SQLite database as web pages (Datasette), on 127.0.0.1
(registered on the CLI app on import)."""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Optional

import typer

from milliard.cli.base import EXIT_FAILED, EXIT_INPUT, app, fail


@app.command()
def browse(
    db: str = typer.Argument(..., help="The SQLite file a batch wrote: a path or sqlite:///path."),
    port: int = typer.Option(8001, "--port", min=0, max=65535, help="Port on 127.0.0.1; 0 picks a free one."),
    open_browser: Optional[bool] = typer.Option(
        None, "--open/--no-open", show_default=False,
        help="Open a web browser on the page. Default: only when there is a display (never on a headless machine)."),
):
    """Browse a batch database in Datasette: the funding rounds and investors with facets
    (kind, round, currency), column descriptions, the README's SQL examples as canned
    queries, and each document's page with its highlights and records.

    Served on 127.0.0.1 only and read-only; Ctrl-C stops it.

    \b
    Example:
      milliard browse out/milliard.db
    """
    from milliard.view.browse import BrowseError, check_database, serve

    path = database_path(db)
    try:
        check_database(path)
    except BrowseError as exc:
        raise fail(EXIT_INPUT, str(exc)) from None
    wanted = has_display() if open_browser is None else open_browser

    def ready(url: str) -> None:
        typer.echo(f"milliard: browsing {path} at {url} (Ctrl-C to stop)", err=True)
        print(url, flush=True)  # alone on stdout: for scripts
        if wanted:
            launch(url)

    try:
        serve(path, port, ready)
    except BrowseError as exc:
        raise fail(EXIT_FAILED, str(exc)) from None
    except KeyboardInterrupt:  # uvicorn stops, then raises the signal again: Ctrl-C is how a session ends
        pass
    typer.echo("milliard: stopped", err=True)


def database_path(db: str) -> Path:
    """`sqlite:///rel.db`, `sqlite:////abs.db` or a plain path."""
    if db.startswith("sqlite:"):
        from milliard.io.sinks import TargetError, sqlite_path

        try:
            found = sqlite_path(db)
        except TargetError as exc:
            raise fail(EXIT_INPUT, str(exc)) from None
        if found == ":memory:":
            raise fail(EXIT_INPUT, f"{db!r} names no file: give the file a batch wrote")
        return Path(found)
    return Path(db)


def has_display() -> bool:
    """A browser can be shown: macOS, Windows, or a graphical session on Linux."""
    return sys.platform in ("darwin", "win32") or bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def launch(url: str) -> None:
    import threading
    import webbrowser

    # in a thread: a browser that stays attached must not hold the server back
    threading.Thread(target=webbrowser.open, args=(url,), daemon=True).start()
