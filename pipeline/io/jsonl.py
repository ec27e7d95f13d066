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


def read_lines(stream: BinaryIO) -> Iterator[tuple[int, bytes]]:
    for lineno, raw in enumerate(stream, start=1):
        yield lineno, raw.rstrip(b"\r\n")


def dumps(result: DocumentResult, mentions: bool = True) -> bytes:
    return orjson.dumps(result.to_json(mentions)) + b"\n"
