"""`milliard browse`: a batch's SQLite database in Datasette, on 127.0.0.1 only, read-only.

The file is checked first (it exists, is SQLite, was written by `milliard batch` at this
schema version), opened with `mode=ro`, and Datasette gets no connection that could write
(ReadOnlyDatabase). The server listens on the loopback address alone: there is no option to
serve another host (a batch database holds whole articles).
"""
from __future__ import annotations

import socket
import sqlite3
import threading
import time
from pathlib import Path
from typing import Callable
from urllib.parse import quote

from milliard.io.sinks.rows import SCHEMA_VERSION
from milliard.view.browse_meta import DATABASE, metadata

HOST = "127.0.0.1"
VIEWS = {"funding_rounds", "investors"}
# shorter cells in tables (an article's text is one cell of `documents`); more rows by page
SETTINGS = {"truncate_cells_html": 160, "default_page_size": 50, "facet_time_limit_ms": 400}


class BrowseError(Exception):
    """A database `milliard browse` will not open, or a port it cannot listen on: one line."""


def read_only_uri(path: Path) -> str:
    # `#`, `?` and `%` in a file name must be escaped in SQLite's URI
    return f"file:{quote(str(path))}?mode=ro"


def schema_of(path: Path) -> tuple[set[str], int | None]:
    """The tables and views of a SQLite file, and its milliard schema version (None without one)."""
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True)
    except sqlite3.Error as exc:
        raise BrowseError(f"cannot open {path}: {exc}") from None
    try:
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
        version = None
        if "schema_version" in names:
            version = conn.execute("SELECT max(version) FROM schema_version").fetchone()[0]
        return names, version
    except sqlite3.DatabaseError as exc:
        raise BrowseError(f"{path} is not a SQLite database ({exc})") from None
    finally:
        conn.close()


def check_database(path: Path) -> int:
    """The schema version of a database `milliard browse` can show; BrowseError otherwise.
    Nothing is written to the file, whatever it is."""
    if not path.exists():
        raise BrowseError(f"no database at {path} (write one with: milliard batch SOURCE --to sqlite:///{path})")
    if not path.is_file():
        raise BrowseError(f"{path} is not a file")
    names, version = schema_of(path)
    if version is None or not {"documents", "records"} <= names:
        raise BrowseError(f"{path} is not a milliard database (no schema_version table): "
                          "milliard browse opens what milliard batch writes")
    if version > SCHEMA_VERSION:
        raise BrowseError(f"{path} has schema version {version}; this milliard knows up to {SCHEMA_VERSION}: "
                          "upgrade milliard")
    if version < SCHEMA_VERSION or not VIEWS <= names:
        raise BrowseError(f"{path} has schema version {version}, older than {SCHEMA_VERSION}: a batch on it "
                          f"migrates it in place (milliard batch SOURCE --to sqlite:///{path} --resume)")
    return version


def database_class():
    from datasette.database import Database

    class ReadOnlyDatabase(Database):
        """Datasette's file database, always `mode=ro` (its own URI does not escape the
        file name), and never a connection that writes."""

        def connect(self, write=False):
            if write:
                raise PermissionError("milliard browse opens the database read-only")
            conn = sqlite3.connect(read_only_uri(Path(self.path)), uri=True, check_same_thread=False)
            conn.execute("PRAGMA query_only = 1")
            self._all_file_connections.append(conn)
            return conn

    return ReadOnlyDatabase


def make_datasette(path: Path):
    """A Datasette serving `path` as the database `milliard`, with our metadata and plugin."""
    from datasette.app import Datasette
    from datasette.plugins import pm

    import milliard.view.browse_plugin as plugin

    if not pm.is_registered(plugin):
        pm.register(plugin, name="milliard")
    ds = Datasette(metadata=metadata(path.name), settings=SETTINGS)
    ds.remove_database("_memory")  # Datasette adds an empty in-memory database when given no file
    ds.add_database(database_class()(ds, path=str(path), is_mutable=True), name=DATABASE)
    return ds


def listen(port: int) -> socket.socket:
    """A socket listening on HOST:port (0: a free port); BrowseError when it is taken."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((HOST, port))
    except OSError as exc:
        sock.close()
        raise BrowseError(f"cannot listen on {HOST}:{port} ({exc.strerror or exc}): choose another --port "
                          "(0 picks a free one)") from None
    sock.listen(128)
    return sock


def url_of(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    return f"http://{host}:{port}/{DATABASE}/funding_rounds"


def serve(path: Path, port: int, ready: Callable[[str], None]) -> None:
    """Serve until interrupted; `ready(url)` is called once the socket listens."""
    import asyncio

    import uvicorn

    sock = listen(port)  # first: a port in use is said before anything loads
    ds = make_datasette(path)
    asyncio.run(ds.invoke_startup())
    # a browser's keep-alive connections must not hold Ctrl-C back for long
    config = uvicorn.Config(ds.app(), host=HOST, port=sock.getsockname()[1], log_level="warning", lifespan="off",
                            timeout_graceful_shutdown=3)
    server = uvicorn.Server(config)
    url = url_of(sock)

    def announce() -> None:
        # the URL is given once uvicorn serves, with its own Ctrl-C handling in place: a Ctrl-C
        # that came earlier would cut asyncio's start and leave a "never awaited" warning
        while not server.started and not server.should_exit:
            time.sleep(0.02)
        if server.started:
            ready(url)

    threading.Thread(target=announce, daemon=True).start()
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
