"""What the commands show on a terminal. `milliard batch`: a progress bar on stderr whenever
stderr is a terminal (total and ETA when the source says how many documents it holds),
nothing when stderr is a pipe, and `--quiet` silences all but the errors; `milliard eval`
likewise; `milliard extract`: a table when stdout is a terminal. The terminal is a real
pseudo-terminal; the model is a fast fake."""
from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest
from test_batch_signals import CLI_CHILD, TESTS

from milliard.io.count import count_documents


def feed(path: Path, n: int) -> Path:
    path.write_text("".join(json.dumps({"id": f"d{i}", "text": f"Alpha lève des fonds ({i})."}) + "\n"
                            for i in range(n)) + "\n\n", encoding="utf-8")  # blank lines are no documents
    return path


def batch_child(*args: str) -> list[str]:
    return [sys.executable, "-c", CLI_CHILD.format(tests=str(TESTS), args=["batch", *args])]


def run_on_terminal(command: list[str], other, stdout_on_terminal: bool = False) -> tuple[int, str]:
    """Run COMMAND with its stderr (or its stdout) on a pseudo-terminal of 120 columns and
    the other stream to OTHER; (exit code, what the terminal received, colours and cursor
    moves left out)."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color"}
    env.pop("NO_COLOR", None)
    streams = {"stdout": follower, "stderr": other} if stdout_on_terminal else {"stdout": other, "stderr": follower}
    child = subprocess.Popen(command, stdin=subprocess.DEVNULL, env=env, **streams)
    os.close(follower)
    received = b""
    try:
        while True:
            try:
                data = os.read(leader, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not data:
                break
            received += data
    finally:
        os.close(leader)
    return child.wait(timeout=120), re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", received.decode("utf-8", errors="replace"))


def test_progress_on_a_terminal_stderr_while_stdout_is_a_file(tmp_path):
    src = feed(tmp_path / "docs.jsonl", 40)
    with open(tmp_path / "out.jsonl", "wb") as out:  # `--to -`: the JSONL lines go to stdout, a file
        code, shown = run_on_terminal(batch_child(str(src), "--to", "-"), out)
    assert code == 0, shown
    assert "/40 docs" in shown and "docs/s" in shown and "ETA" in shown, shown
    assert "milliard: 40 documents" in shown  # the summary line after the bar
    assert len((tmp_path / "out.jsonl").read_bytes().splitlines()) == 40


def test_quiet_shows_nothing_on_a_terminal(tmp_path):
    src = feed(tmp_path / "docs.jsonl", 40)
    code, shown = run_on_terminal(batch_child(str(src), "--to", str(tmp_path / "out.jsonl"), "--quiet"),
                                  subprocess.DEVNULL)
    assert code == 0 and shown == ""
    assert len((tmp_path / "out.jsonl").read_bytes().splitlines()) == 40


def test_quiet_still_reports_a_failure(tmp_path):
    code, shown = run_on_terminal(batch_child(str(tmp_path / "missing.jsonl"), "--to", "-", "-q"),
                                  subprocess.DEVNULL)
    assert code == 3 and shown.startswith("milliard: cannot read") and shown.count("\n") == 1


def test_no_progress_when_stderr_is_a_pipe(tmp_path):
    src = feed(tmp_path / "docs.jsonl", 40)
    proc = subprocess.run(batch_child(str(src), "--to", str(tmp_path / "out.jsonl")), capture_output=True,
                          timeout=120, env={**os.environ, "TERM": "xterm-256color"})
    assert proc.returncode == 0 and proc.stdout == b""
    (line,) = proc.stderr.decode().splitlines()  # the summary only: no bar, no escape sequence
    assert line.startswith("milliard: 40 documents") and "\x1b" not in line
    quiet = subprocess.run(batch_child(str(src), "--to", str(tmp_path / "out.jsonl"), "--quiet"),
                           capture_output=True, timeout=120)
    assert quiet.returncode == 0 and quiet.stderr == b"" and quiet.stdout == b""


def test_the_total_is_counted_cheaply_when_the_source_says_it(tmp_path):
    src = tmp_path / "news"
    (src / "deep").mkdir(parents=True)
    (src / "a.txt").write_text("Un texte.", encoding="utf-8")
    (src / "deep" / "b.html").write_text("<p>Une page.</p>", encoding="utf-8")
    (src / "c.json").write_text(json.dumps({"text": "Un objet."}), encoding="utf-8")
    (src / "d.json").write_text(json.dumps([{"text": "Un."}, {"text": "Deux."}]), encoding="utf-8")
    (src / "e.json").write_text("{pas du JSON", encoding="utf-8")  # one error row
    feed(src / "f.jsonl", 5)
    (src / ".hidden.txt").write_text("Caché.", encoding="utf-8")
    (src / "notes.md").write_text("Pas lu.", encoding="utf-8")
    assert count_documents(src) == 1 + 1 + 1 + 2 + 1 + 5
    assert count_documents(src / "f.jsonl") == 5
    (src / "g.xml").write_text("<rss><channel><item><title>x</title></item></channel></rss>", encoding="utf-8")
    assert count_documents(src) is None  # a feed: unknown without parsing it
    assert count_documents("-") is None and count_documents(tmp_path / "missing") is None


@pytest.mark.parametrize("resume", [False, True])
def test_the_count_equals_what_a_batch_sees(tmp_path, resume):
    from test_sinks import FakeExtractor

    from milliard.run.batch import run_batch

    src = tmp_path / "news"
    src.mkdir()
    (src / "a.txt").write_text("Alpha.", encoding="utf-8")
    (src / "b.json").write_text(json.dumps([{"text": "Brume."}, {"id": 3}]), encoding="utf-8")
    feed(src / "c.jsonl", 4)
    (src / "c.jsonl").open("a").write("{broken\n")
    target = f"sqlite:///{tmp_path / 'm.db'}"
    if resume:
        run_batch(src / "c.jsonl", target, extractor=FakeExtractor())
    stats = run_batch(src, target, extractor=FakeExtractor(), resume=resume)
    assert stats.seen + stats.skipped == count_documents(src) == 1 + 2 + 5


EVAL_CHILD = """
import sys
sys.path.insert(0, {tests!r})
from test_eval_gold import HandPredictions
from milliard.run import runners
runners.shared_extractor = lambda *a, **k: HandPredictions()
from milliard.cli import main
sys.argv = ["milliard", *{args!r}]
main()
"""


@pytest.mark.parametrize("quiet", [False, True])
def test_eval_shows_its_progress_on_a_terminal_unless_quiet(tmp_path, quiet):
    from test_eval_gold import GOLD

    args = ["eval", str(GOLD), *(["--quiet"] if quiet else [])]
    with open(tmp_path / "scores.txt", "wb") as out:
        code, shown = run_on_terminal([sys.executable, "-c", EVAL_CHILD.format(tests=str(TESTS), args=args)], out)
    assert code == 0 and "fields (all)" in (tmp_path / "scores.txt").read_text()
    assert ("6/6 articles" in shown) is not quiet and ("" if quiet else "ETA") in shown, shown


EXTRACT_CHILD = """
import sys
sys.path.insert(0, {tests!r})
from test_sinks import FakeExtractor
import milliard.extraction
milliard.extraction.Extractor = lambda **options: FakeExtractor()
from milliard.cli import main
sys.argv = ["milliard", *{args!r}]
main()
"""


def test_extract_shows_a_table_when_stdout_is_a_terminal(tmp_path):
    """The default output follows stdout: a readable table on a terminal, JSON lines otherwise."""
    doc = tmp_path / "a.txt"
    doc.write_text("Brindille lève des fonds.", encoding="utf-8")
    command = [sys.executable, "-c", EXTRACT_CHILD.format(tests=str(TESTS), args=["extract", str(doc)])]
    code, text = run_on_terminal(command, subprocess.DEVNULL, stdout_on_terminal=True)
    assert code == 0, text
    assert "1 record" in text and "1 records" not in text and "company" in text and "Brindille" in text
    assert '"records"' not in text  # not the JSON line
    piped = subprocess.run(command, capture_output=True, timeout=120)
    assert json.loads(piped.stdout)["records"][0]["company"] == "Brindille"
