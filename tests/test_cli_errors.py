"""Command-line failures: one line on stderr, the documented exit code, never a traceback.

Exit codes (milliard.cli, README): 0 done, 1 failed as a whole, 2 unusable arguments,
3 unreadable input. Per-document problems are in-line errors with exit 0.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

MILLIARD = [sys.executable, "-m", "milliard.cli"]


def run(*args: str, stdin: bytes = b"", timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run([*MILLIARD, *args], input=stdin, capture_output=True, timeout=timeout)


def one_line_error(proc: subprocess.CompletedProcess, code: int) -> str:
    err = proc.stderr.decode("utf-8", errors="replace")
    assert proc.returncode == code, (proc.returncode, err)
    assert proc.stdout == b"", proc.stdout[:200]
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("milliard: "), err
    assert "Traceback" not in err
    return lines[0]


def test_help_documents_the_exit_codes():
    proc = run("--help")
    assert proc.returncode == 0
    out = proc.stdout.decode()
    assert "Exit codes" in out
    for code, words in (("0", "done"), ("1", "failed"), ("2", "unusable arguments"), ("3", "unreadable input")):
        assert any(line.strip().startswith(code) and words in line for line in out.splitlines()), code


@pytest.mark.parametrize("args", [
    ("extract", "--bogus", "x.txt"),
    ("extract", "x.txt", "--published", "hier"),  # an option the documents cannot use
    ("extract", "x.txt", "--lang", "xx"),
    ("extract", "x.txt", "--model", "xl"),
    ("extract", "x.txt", "--format", "yaml"),
    ("extract", "--input-format", "yaml", "x.txt"),
    ("no-such-command",),
    ("extract", "x.txt", "--published"),  # an option without its value
    ("batch", "x.jsonl", "--to", "-", "--engine", "spark"),
    ("batch", "x.jsonl", "--to", "-", "--workers", "0"),
    ("batch", "x.jsonl", "--to", "-", "--worker-timeout", "5"),  # a Dask option without Dask
    ("table", "x.jsonl", "--format", "xml"),
    ("table", "x.jsonl", "--since", "2026-02-30"),
    ("eval", "x.jsonl", "--min", "beaucoup"),
])
def test_unusable_arguments_exit_2_on_one_line(args):
    line = one_line_error(run(*args), 2)
    # the words of the validation library are not ours to show
    assert "Value error" not in line and "Assertion failed" not in line and "Traceback" not in line


def test_no_arguments_prints_the_help_and_exits_2():
    proc = run()
    assert proc.returncode == 2 and b"Usage" in proc.stderr and proc.stdout == b""


@pytest.fixture
def files(tmp_path: Path) -> Path:
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "latin1.txt").write_bytes("Levée de 5 M€ à Besançon".encode("latin-1", errors="replace"))
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b" \n\n\t \n")
    (tmp_path / "a dir").mkdir()
    return tmp_path


@pytest.mark.parametrize("name, words", [
    ("missing.txt", "cannot read"), ("binary.txt", "binary"), ("latin1.txt", "UTF-8"), ("a dir", "cannot read"),
])
def test_unreadable_input_exits_3_on_one_line(files, name, words):
    line = one_line_error(run("extract", str(files / name)), 3)
    assert words in line and name in line


def test_missing_jsonl_file_exits_3(files):
    one_line_error(run("extract", "--input-format", "jsonl", str(files / "nope.jsonl")), 3)


@pytest.mark.parametrize("name", ["empty.txt", "blank.txt"])
def test_empty_files_are_one_empty_result(files, name):
    proc = run("extract", "--mentions", str(files / name))
    assert proc.returncode == 0, proc.stderr
    (out,) = [json.loads(line) for line in proc.stdout.splitlines()]
    assert out["id"] == str(files / name) and out["error"] is None
    assert out["records"] == out["amounts"] == out["dates"] == out["entities"] == []


def test_a_20_mb_file_is_an_inline_too_large_error(tmp_path):
    big = tmp_path / "big.txt"
    line = "La société a publié ses comptes annuels sans aucun montant notable.\n"
    big.write_text(line * (20_000_000 // len(line) + 1), encoding="utf-8")
    proc = run("extract", str(big))
    assert proc.returncode == 0, proc.stderr
    (out,) = [json.loads(line) for line in proc.stdout.splitlines()]
    assert out["id"] == str(big) and out["error"]["code"] == "too_large"
    assert "5000000" in out["error"]["message"] and out["records"] == []


def test_bad_published_and_unknown_language_in_a_document_are_inline(files):
    lines = [{"id": "a", "text": "Rien.", "published": "hier"}, {"id": "b", "text": "Rien.", "lang": "xx"}]
    feed = "".join(json.dumps(line) + "\n" for line in lines).encode()
    proc = run("extract", "--input-format", "jsonl", "-", stdin=feed)
    assert proc.returncode == 0, proc.stderr
    assert [json.loads(line)["error"]["code"] for line in proc.stdout.splitlines()] == [
        "bad_published", "unsupported_language"]


def test_no_file_reads_a_piped_stdin():
    proc = run("extract", stdin="Rien à signaler.".encode())
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["id"] == "-"  # off a terminal: the CONTRACT line


def test_no_file_and_stdin_a_terminal_is_a_usage_error():
    import pty

    leader, follower = pty.openpty()
    try:
        proc = subprocess.run(MILLIARD + ["extract"], stdin=follower, capture_output=True, timeout=120)
    finally:
        os.close(leader)
        os.close(follower)
    assert proc.returncode == 2 and proc.stderr.decode().startswith("milliard: give a FILE")


def test_version_and_short_help():
    version = run("--version")
    assert version.returncode == 0 and version.stdout.decode().startswith("milliard ")
    short = run("extract", "-h")
    assert short.returncode == 0 and b"--format" in short.stdout


@pytest.mark.slow
def test_table_format_is_a_readable_summary(tmp_path):
    doc = tmp_path / "a.txt"
    doc.write_text("Brindille lève 4 millions d'euros auprès du fonds Exemple Capital.", encoding="utf-8")
    proc = run("extract", str(doc), "--format", "table", "--published", "2025-03-05")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout.decode()
    assert "1 record" in out and "1 records" not in out
    for header in ("company", "amount", "currency", "investors"):
        assert header in out
    assert "4 m" in out and "EUR" in out


def test_stdin_with_invalid_utf8_is_read_with_replacement():
    proc = run("extract", "--mentions", "-", stdin=b"Lev\xe9e de fonds \xff\xfe sans montant.")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["id"] == "-" and out["error"] is None


@pytest.mark.slow
def test_closed_stdout_is_not_a_traceback():
    """`milliard extract … | head -1`: the reader goes away; no traceback on stderr."""
    feed = b"".join(json.dumps({"id": str(i), "text": "Rien."}).encode() + b"\n" for i in range(3000))
    proc = subprocess.run(f"{sys.executable} -m milliard.cli extract --input-format jsonl - | head -c 10",
                          shell=True, input=feed, capture_output=True, timeout=300)
    assert b"Traceback" not in proc.stderr, proc.stderr.decode(errors="replace")[-600:]


def read_a_little_then_close(command: list[str]) -> tuple[int, bytes]:
    """`COMMAND | head -c 10`: the reader goes away; (exit code, stderr)."""
    child = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert len(child.stdout.read(10)) == 10
    child.stdout.close()
    err = child.stderr.read()
    return child.wait(timeout=120), err


def test_closed_pipes_end_batch_and_table_quietly(tmp_path):
    from test_batch_signals import CLI_CHILD, TESTS

    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps({"id": f"d{i}", "text": f"Alpha et Brume ({i})."}) + "\n"
                            for i in range(5000)), encoding="utf-8")
    child = CLI_CHILD.replace("delay=0.05", "delay=0")
    batch = [sys.executable, "-c", child.format(tests=str(TESTS), args=["batch", str(feed), "--to", "-"])]
    code, err = read_a_little_then_close(batch)
    assert err == b"" and code in (0, 1), err
    out = tmp_path / "out.jsonl"
    subprocess.run([*batch[:2], child.format(tests=str(TESTS), args=["batch", str(feed), "--to", str(out), "-q"])],
                   check=True, timeout=300)
    for fmt in ("table", "csv", "json"):
        code, err = read_a_little_then_close([*MILLIARD, "table", str(out), "--limit", "10000", "-f", fmt])
        assert err == b"" and code in (0, 1), (fmt, err)


# -- milliard batch: the same discipline -------------------------------------------
@pytest.fixture
def feed(tmp_path: Path) -> Path:
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"id": "a", "text": "Rien."}) + "\n", encoding="utf-8")
    (tmp_path / "a_file").write_text("x")
    (tmp_path / "garbage.db").write_bytes(b"this is not an SQLite database" * 100)
    return path


@pytest.mark.parametrize("args, code", [
    (("batch", "missing.jsonl", "--to", "sqlite:///out.db"), 3),
    (("batch", "feed.jsonl", "--to", "ftp://example.org/x"), 2),
    (("batch", "feed.jsonl"), 2),
    (("batch", "feed.jsonl", "--to", "sqlite:///out.db", "--workers", "0"), 2),
    (("batch", "feed.jsonl", "--to", "postgresql://nobody@127.0.0.1:1/none"), 1),
    (("batch", "feed.jsonl", "--to", "sqlite:///a_file/out.db"), 1),
    (("batch", "feed.jsonl", "--to", "sqlite:///garbage.db"), 1),
])
def test_batch_failures_are_one_line_with_the_documented_code(feed, args, code):
    proc = subprocess.run([*MILLIARD, *args], capture_output=True, timeout=300, cwd=feed.parent)
    one_line_error(proc, code)


@pytest.mark.slow
def test_jsonl_file_with_broken_lines_exits_0_with_one_line_each(tmp_path: Path):
    feed = tmp_path / "feed.jsonl"
    feed.write_bytes(b"\n".join([
        json.dumps({"id": "one", "text": "La start-up a levé 5 M€ en mars 2026.", "lang": "fr"}).encode(),
        b"", b"{broken", b"\xff\xfe\x00", json.dumps({"id": 7}).encode(), json.dumps({"id": "x", "text": None}).encode(),
        json.dumps({"id": "two", "text": "Rien de neuf.", "lang": "fr"}).encode(),
    ]) + b"\n")
    proc = run("extract", "--input-format", "jsonl", str(feed))
    assert proc.returncode == 0 and proc.stderr == b"", proc.stderr
    out = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [o["id"] for o in out] == ["one", "line:2", "line:3", "line:4", "7", "x", "two"]
    assert [o["error"] is None for o in out] == [True, False, False, False, False, False, True]


def test_an_unreadable_file_among_others_is_an_error_line_and_the_rest_is_read(files):
    good = files / "good.txt"
    good.write_text("La start-up a levé 5 M€ auprès de Bpifrance.", encoding="utf-8")
    proc = run("extract", str(good), str(files / "missing.txt"), str(files / "binary.txt"), str(good))
    assert proc.returncode == 0, proc.stderr
    out = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [o["id"] for o in out] == [str(good), str(files / "missing.txt"), str(files / "binary.txt"), str(good)]
    assert [o["error"]["code"] if o["error"] else None for o in out] == [None, "unreadable_input", "unreadable_input", None]
    err = proc.stderr.decode().splitlines()
    assert len(err) == 1 and err[0].startswith("milliard: 2 of 4 files could not be read")


def test_an_unexpected_failure_is_one_line_exit_1(tmp_path: Path):
    """A bug inside a command (here: an output file that is a directory) is one line, exit 1."""
    (tmp_path / "out.json").mkdir()
    proc = subprocess.run([*MILLIARD, "schema", "-o", str(tmp_path / "out.json")], capture_output=True, timeout=120)
    line = one_line_error(proc, 1)
    assert "IsADirectoryError" in line
