"""CONTRACT JSONL input lines -> InputDocument, each broken line an error result, never a crash."""
from __future__ import annotations

import json
from typing import BinaryIO, Iterator

import orjson
from pydantic import ValidationError

from milliard.schema import DocumentResult, ErrorInfo, InputDocument


class BadLine(Exception):
    def __init__(self, doc_id: str, code: str, message: str):
        super().__init__(message)
        self.result = DocumentResult(id=doc_id, error=ErrorInfo(code=code, message=message))


def parse_line(raw: bytes, lineno: int) -> InputDocument:
    """One input line; raises BadLine (carrying the error result) when it is unusable.
    A line without a usable id is answered with id `line:<n>`."""
    fallback = f"line:{lineno}"
    if isinstance(raw, LongLine):
        raise BadLine(fallback, "too_large", f"line {lineno} has over {raw.size} bytes, more than a document "
                                             "of the allowed size can take; it was not read")
    raw = raw.removeprefix(b"\xef\xbb\xbf")  # a feed saved with a BOM keeps its first document
    if not raw.strip():
        raise BadLine(fallback, "empty_line", "empty input line")
    try:
        obj = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        code = "bad_encoding" if _not_utf8(raw) else "bad_json"
        raise BadLine(fallback, code, f"line {lineno} is not a JSON object: {exc}") from None
    if not isinstance(obj, dict):
        raise BadLine(fallback, "bad_json", f"line {lineno} is JSON but not an object")
    if isinstance(obj.get("id"), float) and abs(obj["id"]) >= 2**63:
        obj["id"] = _exact_id(raw, obj["id"])
    doc_id = obj["id"] = _doc_id(obj.get("id"), fallback)
    if not isinstance(obj.get("text"), str):
        what = "missing" if "text" not in obj else f"not a string ({type(obj['text']).__name__})"
        raise BadLine(doc_id, "bad_text", f"`text` is {what}")
    for key in ("published", "lang", "title"):
        if obj.get(key) is not None and not isinstance(obj[key], str):
            raise BadLine(doc_id, f"bad_{key}", f"`{key}` must be a string or null")
    try:
        return InputDocument.model_validate(obj)
    except ValidationError as exc:
        raise BadLine(doc_id, "bad_input", str(exc).splitlines()[0]) from None


def _exact_id(raw: bytes, parsed: float):
    """orjson reads an integer beyond 64 bits as a float; the stdlib keeps its digits."""
    try:
        return json.loads(raw)["id"]
    except (ValueError, KeyError, RecursionError):
        return parsed


def _doc_id(value, fallback: str) -> str:
    """A string id as is; a number (many feeds use them) as its JSON text; null -> fallback.
    An object, array or boolean is not an id: the line is refused under its JSON text."""
    if value is None:
        return fallback
    if isinstance(value, str):
        return value
    text = json.dumps(value, separators=(",", ":"), ensure_ascii=False)  # big integers too
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return text
    raise BadLine(text, "bad_id", f"`id` must be a string or a number, not {text[:40]}")


def _not_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
        return False
    except UnicodeDecodeError:
        return True


class LongLine(bytes):
    """The head of a line too long to be read whole; `size` is the whole line's length."""
    size: int = 0


BLOCK = 1 << 20  # an over-long line is skipped this many bytes at a time


def line_limit(max_chars: int) -> int:
    """The longest line that can hold a text of `max_chars` characters: twelve bytes a character
    (a surrogate pair escaped as `\\ud83d\\ude00`) and room for the other fields."""
    return 12 * max_chars + BLOCK


def read_lines(stream: BinaryIO, max_bytes: int | None = None) -> Iterator[tuple[int, bytes]]:
    """(number, line without its end) for each line; a line over `max_bytes` is never held whole:
    its first block comes as a LongLine, which `parse_line` refuses as `too_large`."""
    for lineno, raw in enumerate(iter(lambda: stream.readline(max_bytes or -1), b""), start=1):
        if max_bytes and len(raw) >= max_bytes and not raw.endswith(b"\n"):
            yield lineno, _skip_rest(stream, raw)
        else:
            yield lineno, raw.rstrip(b"\r\n")


def _skip_rest(stream: BinaryIO, head: bytes) -> LongLine:
    size, block = len(head), head
    while block and not block.endswith(b"\n"):
        block = stream.readline(BLOCK)
        size += len(block)
    line = LongLine(head[:BLOCK])
    line.size = size
    return line


def dumps(result: DocumentResult, mentions: bool = True) -> bytes:
    return orjson.dumps(result.to_json(mentions)) + b"\n"
