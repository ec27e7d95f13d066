"""How many documents a batch SOURCE holds, when that is cheap to know (for the progress
bar's total and ETA), else None.

A `.txt` or `.html` file is one document; a `.json` file one object or a list (only a list
is parsed to count it, and only when it is small); a `.jsonl` file one document per
non-blank line (a byte scan, no JSON parsing). A feed (RSS/Atom), standard input, or any
file of unknown kind makes the total unknown: counting would mean reading it twice.
"""
from __future__ import annotations

from pathlib import Path

from milliard.io.sources import HTML_SUFFIXES, JSON_SUFFIXES, JSONL_SUFFIXES, TEXT_SUFFIXES, _walk

JSON_LIST_MAX = 50 << 20  # bytes: a larger JSON list is not parsed just to count it


def count_documents(source: str | Path) -> int | None:
    """The number of documents `iter_source(SOURCE)` yields (readable or not), or None."""
    if str(source) == "-":
        return None
    path = Path(source)
    try:
        files = list(_walk(path)) if path.is_dir() else [path]
        total = 0
        for file in files:
            n = file_documents(file)
            if n is None:
                return None
            total += n
        return total
    except OSError:  # unreadable here: the batch itself says so, as an error row
        return None


def file_documents(path: Path) -> int | None:
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES | HTML_SUFFIXES:
        return 1
    if suffix in JSONL_SUFFIXES:
        return jsonl_lines(path)
    if suffix in JSON_SUFFIXES:
        return json_documents(path)
    return None


def jsonl_lines(path: Path) -> int:
    """Non-blank lines (a blank line is not a document; a broken one is an error row)."""
    with open(path, "rb") as f:
        return sum(1 for line in f if not line.isspace())


def json_documents(path: Path) -> int | None:
    """1 for an object (or anything that is not a list: one error row); a list's length."""
    with open(path, "rb") as f:
        head = f.read(4096).lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head.startswith(b"["):
        return 1
    if path.stat().st_size > JSON_LIST_MAX:
        return None
    import orjson

    try:
        return len(orjson.loads(path.read_bytes()))
    except orjson.JSONDecodeError:
        return 1  # one `bad_json` error row
