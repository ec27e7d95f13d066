"""`milliard batch` end to end under hostile input, into a temporary SQLite database:
SQL injection payloads are stored verbatim (data travels only as parameters), and a feed
of 1,000 documents with 5 % broken ones stores every good document's records and reports
every broken one."""
from __future__ import annotations

import json
import random
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

PAYLOADS = [
    "Robert'); DROP TABLE documents;--",
    "x' OR '1'='1",
    '"; DELETE FROM records; --',
    "1; UPDATE documents SET status='ok' WHERE 1=1; --",
    "%s %(id)s ? :id $1 @id {id}",
    "\\'; ATTACH DATABASE '/tmp/evil.db' AS evil; --",
    "'' || (SELECT sql FROM sqlite_master) || ''",
    "ʼ; DROP TABLE errors; --\u202e",
]


def batch(source: Path, db: Path, *extra: str) -> subprocess.CompletedProcess:
    proc = subprocess.run([sys.executable, "-m", "milliard.cli", "batch", source.name, "--to", f"sqlite:///{db}",
                           *extra], capture_output=True, timeout=1200, cwd=source.parent)
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")[-3000:]
    return proc


def rows(db: Path, sql: str, *params) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, params).fetchall()


def test_injection_payloads_are_stored_verbatim(tmp_path: Path):
    docs = []
    for i, payload in enumerate(PAYLOADS):
        docs.append({"id": payload, "title": payload, "lang": "fr", "published": "2026-03-10",
                     "text": f"{payload} La start-up lyonnaise Lumio{i} a levé {i + 2} millions d'euros "
                             f"auprès de Bpifrance. {payload}"})
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")
    db = tmp_path / "out.db"
    batch(feed, db)
    tables = {name for (name,) in rows(db, "SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"documents", "records", "errors"} <= tables
    stored = {doc_id: (title, text, status) for doc_id, title, text, status
              in rows(db, "SELECT id, title, text, status FROM documents")}
    assert set(stored) == set(PAYLOADS)
    for d in docs:
        assert stored[d["id"]] == (d["title"], d["text"], "ok")
    assert rows(db, "SELECT count(*) FROM errors") == [(0,)]
    assert not Path("/tmp/evil.db").exists()


# -- 1,000 documents, 5 % broken ---------------------------------------------------
CITIES = ["lyonnaise", "nantaise", "bordelaise", "lilloise", "parisienne", "toulousaine", "rennaise"]
INVESTORS = ["Bpifrance", "Partech", "Eurazeo", "Idinvest", "Serena", "Elaia", "Kima Ventures"]
SYLLABLES = ["lu", "mio", "ka", "ze", "ta", "no", "vi", "ra", "be", "sol", "dri", "pex"]


def good_doc(i: int, rng: random.Random) -> dict:
    # one company per document: two documents telling the same event share its record id
    name = (SYLLABLES[i // 144 % 12] + SYLLABLES[i // 12 % 12] + SYLLABLES[i % 12]).capitalize()
    amount = rng.choice(["{n} millions d'euros", "{n} M€", "{n},5 millions d'euros", "{n} millions de dollars"])
    text = (f"La start-up {rng.choice(CITIES)} {name} a levé {amount.format(n=rng.randint(2, 90))} "
            f"auprès de {rng.choice(INVESTORS)}, a-t-elle annoncé le {rng.randint(1, 28)} mars 2026. "
            f"La société compte recruter une trentaine de personnes.")
    return {"id": f"doc-{i:04d}", "text": text, "published": "2026-03-31", "lang": "fr"}


def broken_line(i: int, k: int) -> tuple[bytes, str, str]:
    """(line, id the batch reports it under, error code): ten kinds of broken input."""
    doc_id = f"doc-{i:04d}"
    kinds = [
        (b"{ not json at all", f"feed.jsonl:line:{i + 1}", "bad_json"),
        (b'{"id": "' + doc_id.encode() + b'", "text": "lev\xe9e de 5 M\x80"}', f"feed.jsonl:line:{i + 1}",
         "bad_encoding"),
        (json.dumps({"id": doc_id}).encode(), doc_id, "bad_text"),
        (json.dumps({"id": doc_id, "text": 12}).encode(), doc_id, "bad_text"),
        (json.dumps({"id": {"nested": i}, "text": "t"}).encode(), json.dumps({"nested": i}, separators=(",", ":")),
         "bad_id"),
        (json.dumps({"id": doc_id, "text": "Une levée.", "published": "la semaine dernière"}).encode(), doc_id,
         "bad_published"),
        (json.dumps({"id": doc_id, "text": "Une levée de 5 M€.", "lang": "tlh"}).encode(), doc_id,
         "unsupported_language"),
        (b"[1, 2, 3]", f"feed.jsonl:line:{i + 1}", "bad_json"),
        (json.dumps({"id": doc_id, "text": "Une levée.", "title": ["x"]}).encode(), doc_id, "bad_title"),
        (json.dumps({"id": doc_id, "text": "Une levée \\ud800 de 5 M€."}).encode().replace(b"\\\\", b"\\"),
         f"feed.jsonl:line:{i + 1}", "bad_json"),
    ]
    return kinds[k % len(kinds)]


def test_a_thousand_documents_with_five_percent_broken(tmp_path: Path):
    rng = random.Random(8)
    broken_at = set(rng.sample(range(1000), 50))
    lines, good, broken = [], {}, {}
    for i in range(1000):
        if i in broken_at:
            line, doc_id, code = broken_line(i, len(broken))
            lines.append(line)
            broken[doc_id] = code
        else:
            doc = good_doc(i, rng)
            lines.append(json.dumps(doc, ensure_ascii=False).encode())
            good[doc["id"]] = doc
    feed = tmp_path / "feed.jsonl"
    feed.write_bytes(b"\n".join(lines) + b"\n")
    db = tmp_path / "out.db"
    proc = batch(feed, db)

    errors = dict(rows(db, "SELECT document_id, code FROM errors"))
    assert errors == {doc_id.replace("feed.jsonl:", f"{tmp_path.name}/feed.jsonl:"): code
                      for doc_id, code in broken.items()}
    status = dict(rows(db, "SELECT id, status FROM documents"))
    assert len(status) == 1000
    assert {i for i, s in status.items() if s == "ok"} == set(good)
    stored = dict(rows(db, "SELECT id, text FROM documents WHERE status = 'ok'"))
    assert all(stored[i] == d["text"] for i, d in good.items())
    per_doc = dict(rows(db, "SELECT document_id, count(*) FROM records GROUP BY document_id"))
    claimed = dict(rows(db, "SELECT id, n_records FROM documents WHERE status = 'ok'"))
    assert all(per_doc.get(i, 0) == n for i, n in claimed.items()), "documents.n_records != stored records"
    assert set(per_doc) <= set(good)
    without = sorted(set(good) - set(per_doc))
    assert not without, f"{len(without)} good documents without a record, e.g. {good[without[0]]['text']}"
    assert b"50 errors" in proc.stderr


def test_a_directory_with_broken_files(tmp_path: Path):
    src = tmp_path / "src"
    src.mkdir()
    rng = random.Random(3)
    for i in range(20):
        (src / f"good{i:02d}.txt").write_text(good_doc(i, rng)["text"], encoding="utf-8")
    (src / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)))
    (src / "latin1.txt").write_bytes("Levée de 5 M€ à Besançon".encode("cp1252"))
    (src / "broken.json").write_bytes(b'{"id": "x", "text": ')
    (src / "page.html").write_text("<html><body><script>SECRET</script><p>" + good_doc(99, rng)["text"]
                                   + "</p></body></html>", encoding="utf-8")
    (src / "empty.txt").write_bytes(b"")
    db = tmp_path / "out.db"
    batch(src, db)
    errors = {doc_id for (doc_id,) in rows(db, "SELECT document_id FROM errors")}
    assert {"src/binary.txt", "src/latin1.txt"} <= errors and any(e.startswith("src/broken.json") for e in errors)
    ok = {doc_id for (doc_id,) in rows(db, "SELECT id FROM documents WHERE status = 'ok'")}
    assert {f"src/good{i:02d}.txt" for i in range(20)} | {"src/page.html"} <= ok
    assert not ok & errors
    with_records = {d for (d,) in rows(db, "SELECT DISTINCT document_id FROM records")}
    assert {f"src/good{i:02d}.txt" for i in range(20)} <= with_records
    assert all("SECRET" not in t for (t,) in rows(db, "SELECT text FROM documents WHERE id = 'src/page.html'"))


@pytest.mark.postgres
def test_injection_payloads_and_nul_bytes_into_postgresql(tmp_path: Path, pg_target: str):
    import psycopg

    docs = [{"id": payload, "title": payload, "lang": "fr",
             "text": f"{payload}\u0000 La start-up Lumio{i} a levé {i + 2} millions d'euros auprès de Bpifrance."}
            for i, payload in enumerate(PAYLOADS)]
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "milliard.cli", "batch", feed.name, "--to", pg_target],
                          capture_output=True, timeout=600, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")[-3000:]
    with psycopg.connect(pg_target) as conn:
        stored = dict(conn.execute("SELECT id, title FROM documents WHERE status = 'ok'").fetchall())
        n_errors = conn.execute("SELECT count(*) FROM errors").fetchone()[0]
        n_records = conn.execute("SELECT count(DISTINCT document_id) FROM records").fetchone()[0]
    assert stored == {p: p for p in PAYLOADS} and n_errors == 0 and n_records == len(PAYLOADS)
