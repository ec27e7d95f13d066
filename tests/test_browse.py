"""`milliard browse` without a browser: the metadata Datasette gets, the canned queries (the
README's SQL examples) and what they answer, document links and pages, 127.0.0.1 only, a
read-only database, and the errors for a database it will not open.

Pages are fetched in-process through Datasette's own ASGI client, except where the real
command is the point (loopback only, Ctrl-C, a port in use).
"""
from __future__ import annotations

import asyncio
import hashlib
import re
import socket
import sqlite3
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
import browse_server  # noqa: E402

from milliard.io.sinks.rows import doc_key  # noqa: E402
from milliard.view.browse import BrowseError, check_database, listen, make_datasette  # noqa: E402
from milliard.view.browse_meta import metadata  # noqa: E402
from milliard.view.queries import README_EXAMPLES, WITH_PARAMETERS, canned_queries  # noqa: E402

ROOT = Path(__file__).parent.parent
EXAMPLE = re.compile(r"<!-- sql-example -->\n```sql\n(.*?)```", re.S)
MILLIARD = [sys.executable, "-m", "milliard.cli"]


def fetch(db: Path, *paths: str) -> list:
    """Datasette's answers to `paths`, fetched in-process (one event loop for them all)."""
    ds = make_datasette(db)

    async def go():
        await ds.invoke_startup()
        return [await ds.client.get(p) for p in paths]

    return asyncio.run(go())


def columns_of(db: Path, name: str) -> set[str]:
    with sqlite3.connect(db) as conn:
        return {row[1] for row in conn.execute(f"PRAGMA table_info({name})")}


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def empty_db(tmp_path_factory) -> Path:
    """A milliard database with its schema and no document, as a batch creates it."""
    from milliard.io.sinks import open_sink

    db = tmp_path_factory.mktemp("browse-empty") / "empty.db"
    open_sink(f"sqlite:///{db}").close()
    return db


@pytest.fixture(scope="module")
def small_db(tmp_path_factory, extractor) -> Path:
    return browse_server.build_db(tmp_path_factory.mktemp("browse"), extractor)


# -- metadata and canned queries -------------------------------------------------------

def test_every_readme_sql_example_is_a_canned_query_word_for_word():
    readme = [q.strip() for q in EXAMPLE.findall((ROOT / "README.md").read_text("utf-8"))]
    assert len(readme) >= 5
    assert set(readme) == {q.strip() for q in README_EXAMPLES.values()}
    queries = canned_queries()
    assert all(queries[name]["title"] and queries[name]["sql"] == sql for name, sql in README_EXAMPLES.items())


def test_metadata_describes_every_column_of_the_views_and_documents(empty_db):
    tables = metadata("x.db")["databases"]["milliard"]["tables"]
    for name in ("funding_rounds", "investors", "documents"):
        described = tables[name]["columns"]
        assert set(described) == columns_of(empty_db, name), name
        assert all(text.strip() for text in described.values())
        assert tables[name]["title"] and tables[name]["description"]
    assert set(tables["records"]["columns"]) <= columns_of(empty_db, "records")
    assert tables["funding_rounds"]["facets"] == ["kind", "round", "currency"]
    assert tables["funding_rounds"]["units"] == {"amount_eur": "EUR"}
    assert "currency" in tables["funding_rounds"]["columns"]["amount"]


def test_the_pages_carry_the_metadata(empty_db):
    home, rounds, investors = fetch(empty_db, "/milliard", "/milliard/funding_rounds", "/milliard/investors")
    assert home.status_code == rounds.status_code == investors.status_code == 200
    for title in (q["title"] for q in canned_queries().values()):
        assert title in home.text.replace("&#39;", "'")
    assert "Funding rounds" in rounds.text and "Investors" in investors.text
    described = metadata("x.db")["databases"]["milliard"]["tables"]["funding_rounds"]["columns"]
    assert described["amount_eur"] in rounds.text.replace("&#39;", "'")
    assert "/-/milliard/browse.css" in rounds.text


@pytest.mark.slow
def test_canned_queries_answer_what_sqlite_answers(small_db):
    params = {"company": "a", "investor": "a"}
    names = list(canned_queries())
    answers = fetch(small_db, *(f"/milliard/{n}.json?_shape=array&company=a&investor=a" for n in names))
    with sqlite3.connect(small_db) as conn:
        for name, response in zip(names, answers):
            assert response.status_code == 200, (name, response.text[:300])
            sql = canned_queries()[name]["sql"].rstrip().rstrip(";")
            cur = conn.execute(sql, params if name in WITH_PARAMETERS else ())
            cols = [d[0] for d in cur.description]
            expected = [dict(zip(cols, row)) for row in cur.fetchall()]
            assert response.json() == expected, name
    assert any(response.json() for response in answers), "no canned query answers anything on the small database"


# -- tables, facets, document links ----------------------------------------------------

@pytest.mark.slow
def test_amount_eur_filters_take_euros_and_say_which_units_they_refuse(small_db):
    base = "/milliard/funding_rounds.json?_shape=array&_size=max&amount_eur__gt="
    plain, unit, wrong = fetch(small_db, base + "10000000", base + "10+MEUR", base + "10+M%E2%82%AC")
    with sqlite3.connect(small_db) as conn:
        above = conn.execute("SELECT count(*) FROM funding_rounds WHERE amount_eur > 10e6").fetchone()[0]
    assert above and len(plain.json()) == len(unit.json()) == above
    assert wrong.status_code == 400 and "10 MEUR" in wrong.json()["error"]


@pytest.mark.slow
def test_funding_rounds_page_has_its_facets_and_links_every_document(small_db):
    page, faceted = fetch(small_db, "/milliard/funding_rounds", "/milliard/funding_rounds?kind=funding_round")
    for column in ("kind", "round", "currency"):
        assert f'id="facet-{column}"' in page.text, column
    with sqlite3.connect(small_db) as conn:
        docs = conn.execute("SELECT DISTINCT document_id FROM funding_rounds").fetchall()
        rounds = conn.execute("SELECT count(*) FROM funding_rounds WHERE kind = 'funding_round'").fetchone()[0]
    assert docs
    for (doc_id,) in docs:
        assert f'href="/-/milliard/show/{doc_key(doc_id)}"' in page.text, doc_id
    assert f"{rounds} row" in faceted.text and 'where kind = "funding_round"' in faceted.text.replace("&#34;", '"')


@pytest.mark.slow
def test_amounts_show_with_their_currency(small_db):
    from milliard.view.html import group

    view, table = fetch(small_db, "/milliard/funding_rounds", "/milliard/records")
    with sqlite3.connect(small_db) as conn:
        money = conn.execute("SELECT amount_value, amount_currency FROM records "
                             "WHERE amount_value IS NOT NULL AND amount_currency IS NOT NULL").fetchall()
    assert money
    for amount, currency in money:
        assert f">{group(amount)} {currency}<" in view.text and f">{group(amount)} {currency}<" in table.text


@pytest.mark.slow
def test_document_page_is_the_stored_extraction_with_its_highlights(small_db, extractor):
    from milliard.io.sources import read_document
    from milliard.view.stored import load_document

    with sqlite3.connect(small_db) as conn:
        keys = dict(conn.execute("SELECT source, doc_key FROM documents").fetchall())
        assert len(keys) == len(browse_server.ARTICLES)
        for source, key in keys.items():
            stored = load_document(conn, key)
            assert stored.result == extractor.extract(read_document(Path(source), "json")), source
    key = max(keys.values(), key=lambda k: len(load_document(sqlite3.connect(small_db), k).result.amounts))
    page, missing = fetch(small_db, f"/-/milliard/show/{key}", "/-/milliard/show/" + "0" * 64)
    assert page.status_code == 200 and missing.status_code == 404
    result = load_document(sqlite3.connect(small_db), key).result
    assert result.amounts and result.records
    for i, _ in enumerate(result.amounts):
        assert re.search(rf'<span class="hl hl-amount"[^>]* id="amount-{i}"', page.text), i
    assert '<table id="records">' in page.text and page.text.count('<tr id="rec-') == len(result.records)
    assert 'href="/milliard/funding_rounds"' in page.text


# -- read-only, loopback only, errors ---------------------------------------------------

@pytest.mark.slow
def test_nothing_is_written_to_the_database(small_db, tmp_path):
    db = tmp_path / "copy.db"
    db.write_bytes(small_db.read_bytes())
    before = digest(db)
    pages = fetch(db, "/milliard/funding_rounds?kind=funding_round", "/milliard/investors", "/milliard/documents",
                  "/milliard.json?sql=DELETE+FROM+documents", "/milliard/top_lead_investors")
    assert all(p.status_code in (200, 400) for p in pages)
    assert pages[3].status_code == 400  # Datasette runs SELECT only
    ds = make_datasette(db)
    with pytest.raises(Exception, match="read-only"):
        asyncio.run(ds.get_database("milliard").execute_write("DELETE FROM documents"))
    assert digest(db) == before


def test_server_listens_on_127_0_0_1_only(empty_db):
    sock = listen(0)
    try:
        assert sock.getsockname()[0] == "127.0.0.1"
    finally:
        sock.close()
    with browse_server.serving(empty_db) as url:
        assert url.startswith("http://127.0.0.1:") and url.endswith("/milliard/funding_rounds")
        port = int(url.split(":")[2].split("/")[0])
        with urllib.request.urlopen(url, timeout=30) as response:
            assert response.status == 200
        listening = Path("/proc/net/tcp")
        if listening.exists():  # Linux: the kernel's own list of sockets (state 0A: listening)
            found = [line.split()[1] for line in listening.read_text().splitlines()[1:]
                     if line.split()[3] == "0A" and line.split()[1].endswith(f":{port:04X}")]
            assert found == [f"0100007F:{port:04X}"]


def test_there_is_no_option_to_serve_another_host(empty_db):
    proc = subprocess.run([*MILLIARD, "browse", str(empty_db), "--host", "0.0.0.0"], capture_output=True, timeout=120)
    assert proc.returncode == 2 and b"--host" in proc.stderr
    help_text = subprocess.run([*MILLIARD, "browse", "--help"], capture_output=True, timeout=120).stdout.decode()
    assert "127.0.0.1" in help_text and "--host" not in help_text


def test_ctrl_c_stops_the_server_with_status_0(empty_db):
    cmd = [*MILLIARD, "browse", str(empty_db), "--port", "0", "--no-open"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert browse_server.read_line(proc, browse_server.START_TIMEOUT).startswith("http://127.0.0.1:")
    err = proc.stderr
    assert browse_server.stop(proc, close=False) == 0
    lines = err.read().decode().splitlines()
    err.close()
    assert lines[-1] == "milliard: stopped" and len(lines) == 2, lines


def test_a_port_in_use_is_one_line_and_exit_1(empty_db):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        proc = subprocess.run([*MILLIARD, "browse", str(empty_db), "--port", str(port), "--no-open"],
                              capture_output=True, timeout=120)
    assert proc.returncode == 1
    assert proc.stderr.decode().strip() == (f"milliard: cannot listen on 127.0.0.1:{port} (Address already in use): "
                                            "choose another --port (0 picks a free one)")


def refused(path: Path | str, *extra: str) -> str:
    proc = subprocess.run([*MILLIARD, "browse", str(path), "--no-open", *extra], capture_output=True, timeout=120)
    err = proc.stderr.decode()
    assert proc.returncode == 3 and proc.stdout == b"", (proc.returncode, err)
    assert len(err.splitlines()) == 1 and err.startswith("milliard: ") and "Traceback" not in err
    return err


def test_a_missing_database_is_a_clear_error(tmp_path):
    err = refused(tmp_path / "nothing.db")
    assert "no database at" in err and "milliard batch" in err
    assert not (tmp_path / "nothing.db").exists()
    assert "no database at" in refused("sqlite:///" + str(tmp_path / "nothing.db"))


def test_a_foreign_database_is_refused_and_left_as_it_was(tmp_path):
    db = tmp_path / "shop.db"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
        conn.execute("INSERT INTO customers (name) VALUES ('x')")
    conn.close()
    before, files = digest(db), sorted(p.name for p in tmp_path.iterdir())
    assert "is not a milliard database" in refused(db)
    assert digest(db) == before and sorted(p.name for p in tmp_path.iterdir()) == files


def test_a_file_that_is_not_sqlite_or_a_directory_is_refused(tmp_path):
    junk = tmp_path / "notes.db"
    junk.write_bytes(b"this is not a database\n" * 100)
    assert "is not a SQLite database" in refused(junk)
    assert junk.read_bytes() == b"this is not a database\n" * 100
    assert "is not a file" in refused(tmp_path)


def test_other_schema_versions_say_what_to_do(empty_db, tmp_path):
    for version, words in ((99, "upgrade milliard"), (4, "migrates it in place")):
        db = tmp_path / f"v{version}.db"
        db.write_bytes(empty_db.read_bytes())
        with sqlite3.connect(db) as conn:
            conn.execute("DELETE FROM schema_version")
            conn.execute("INSERT INTO schema_version VALUES (?, 'then')", (version,))
        conn.close()
        with pytest.raises(BrowseError, match=words):
            check_database(db)
        assert words in refused(db)


def test_a_browser_opens_only_where_there_is_a_display(monkeypatch):
    from milliard.cli import browse

    monkeypatch.setattr(browse.sys, "platform", "linux")
    for name in ("DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    assert not browse.has_display()
    monkeypatch.setenv("DISPLAY", ":0")
    assert browse.has_display()
