"""Reading documents: plain text, HTML (trafilatura), JSON, JSONL feeds, RSS/Atom feeds,
and directories of those.

`read_document` reads one document for `milliard extract` and `milliard show`; `iter_source`
streams every document of a batch SOURCE as `Item`s, one at a time, so a batch never holds the
whole source in memory.
A file or line that cannot be read becomes an `Item` carrying an error, never an exception.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Iterable, Iterator

from milliard.io.feeds import feed_items, looks_feed
from milliard.io.items import Item, SourceError, TooLarge, failed
from milliard.io.pages import html_document, html_parts
from milliard.schema import InputDocument

HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
TEXT_SUFFIXES = {".txt"}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl"}
BATCH_SUFFIXES = HTML_SUFFIXES | FEED_SUFFIXES | TEXT_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES


def check_size(path: Path, max_chars: int | None) -> None:
    """Refuse, before reading it, a file over 4 bytes a character (UTF-8's most) times
    `max_chars`: its text would be refused anyway, once read and decoded at great cost."""
    if max_chars is None:
        return
    size = path.stat().st_size
    if size > 4 * max_chars:
        raise TooLarge(f"{path} has {size} bytes, more than any text of {max_chars} characters (the limit); "
                       "it was not read")


def read_text_file(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"cannot read {path}: {exc.strerror or exc}") from None
    return decode_text(data, str(path))


def decode_text(data: bytes, name: str) -> str:
    if b"\x00" in data[:8192]:
        raise SourceError(f"{name} looks binary (NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SourceError(f"{name} is not valid UTF-8 (byte {exc.start})") from None


def read_document(name: str | Path, fmt: str = "auto", max_chars: int | None = None) -> InputDocument:
    """One document for `milliard extract` and `milliard show`; raises SourceError.

    NAME is a file, or `-`: standard input, decoded with replacement characters (never
    refused). FMT: `auto` (a CONTRACT object for `.json`, HTML by the file's suffix or first
    bytes, text otherwise), `text`,
    `html`, or `json` (one CONTRACT input object; other keys are ignored and the id defaults to
    the file's stem). A file too large for `max_chars` raises TooLarge unread."""
    if str(name) == "-":
        text = sys.stdin.buffer.read().decode("utf-8", errors="replace")
        return html_document(text, "-") if fmt == "html" else InputDocument(id="-", text=text)
    path = Path(name)
    try:
        check_size(path, max_chars)
    except OSError as exc:
        raise SourceError(f"cannot read {path}: {exc.strerror or exc}") from None
    text = read_text_file(path)
    if fmt == "json" or (fmt == "auto" and path.suffix.lower() == ".json"):
        return json_document(text, path)
    if fmt == "html" or (fmt == "auto" and (path.suffix.lower() in HTML_SUFFIXES or _looks_html(text))):
        return html_document(text, str(path))
    return InputDocument(id=str(path), text=text)


def json_document(text: str, path: Path) -> InputDocument:
    import json

    from pydantic import ValidationError

    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SourceError(f"{path} is not valid JSON: {exc.msg} (line {exc.lineno})") from None
    if isinstance(data, dict):
        data.setdefault("id", path.stem)
    try:
        return InputDocument.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "object"
        raise SourceError(f"{path} is not a CONTRACT input object: {where}: {first['msg']}") from None


def _looks_html(text: str) -> bool:
    return text.lstrip()[:15].lower().startswith(("<!doctype html", "<html"))


# -- batch sources -------------------------------------------------------------

def iter_source(source: str | Path, max_chars: int | None = None, namespace: str | None = None) -> Iterator[Item]:
    """Every document of SOURCE, in a stable order: a directory (recursively, sorted; hidden
    files skipped), a `.jsonl` feed of CONTRACT lines, an RSS/Atom file, one JSON, HTML or
    text file, or `-` (CONTRACT lines on standard input).

    Ids are unique across sources (see `document_names`): a document named after its file
    is `<namespace>/<path relative to the source>`, the namespace being by default the name of
    the source folder (of the file's folder when SOURCE is one file); an id the document
    carries itself (a JSON `id`, a feed guid) is kept as it is. An explicit `namespace`
    prefixes every id, `<namespace>/<id>`; the empty namespace keeps every id as it is.
    `Item.source` is where the document came from in full (the file's canonical path, with
    `:<line>` or `#<entry>` inside a file).

    A document id that repeats within the source is made unique (`id#2`, `id#3`) so that
    nothing is lost and every run names the same document the same way. A text or HTML file
    too large for `max_chars` is a `too_large` error item, never read."""
    return unique_ids(_iter_source(source, max_chars, namespace))


def _iter_source(source: str | Path, max_chars: int | None, namespace: str | None) -> Iterator[Item]:
    if str(source) == "-":
        yield from prefixed(jsonl_items(sys.stdin.buffer, "-", max_chars), namespace)
        return
    for file, name in document_names(Path(source), namespace):
        yield from prefixed(file_items(file, name, max_chars, origin=str(file.resolve())), namespace)


def document_names(path: Path, namespace: str | None) -> Iterator[tuple[Path, str]]:
    """(file, name) of every file of the source; the name is the id of a document named
    after its file. The default namespace is a folder's name, not its full path: the same
    folder batched from another checkout or machine must give the same ids (a re-run adds no
    row), while `news/a.txt` and `other/a.txt` stay two documents. Two folders of the same
    name holding a file of the same name but other content are a reported conflict (the
    database sinks), never an overwrite."""
    if path.is_dir():
        root, files = path.resolve().name, ((f, f.relative_to(path).as_posix()) for f in _walk(path))
    elif path.exists():
        # named by its folder and file name, not the path as typed: `a/f.jsonl` and
        # `/abs/a/f.jsonl` must give the same ids, or a re-run from elsewhere would duplicate every row
        root, files = path.resolve().parent.name, iter([(path, path.name)])
    else:
        raise SourceError(f"cannot read {path}: no such file or directory")
    for file, rel in files:
        yield file, rel if namespace is not None or not root else f"{root}/{rel}"


def prefixed(items: Iterable[Item], namespace: str | None) -> Iterator[Item]:
    """`<namespace>/<id>` for every item (an explicit, non-empty namespace)."""
    for item in items:
        if namespace:
            rename(item, f"{namespace}/{item.id}")
        yield item


def rename(item: Item, doc_id: str) -> None:
    item.id = doc_id
    if item.doc is not None:
        item.doc = item.doc.model_copy(update={"id": doc_id})


def _walk(root: Path) -> Iterator[Path]:
    for path in sorted(root.rglob("*")):
        parts = path.relative_to(root).parts
        if any(p.startswith(".") for p in parts):
            continue
        if path.is_file() and path.suffix.lower() in BATCH_SUFFIXES:
            yield path


def unique_ids(items: Iterable[Item]) -> Iterator[Item]:
    seen: set[str] = set()
    next_n: dict[str, int] = {}
    for item in items:
        if item.id in seen:
            base, n = item.id, next_n.get(item.id, 2)
            while f"{base}#{n}" in seen:  # `a#2` may itself be a real id
                n += 1
            next_n[base] = n + 1
            rename(item, f"{base}#{n}")
        seen.add(item.id)
        yield item


def file_items(path: Path, name: str, max_chars: int | None = None, origin: str | None = None) -> Iterator[Item]:
    """The documents of one file; `name` is the id of a document named after its file (see
    `document_names`), `origin` where it came from (default: `name`). JSONL and feeds are
    streamed; a one-document file over `max_chars` is a `too_large` item, never read."""
    suffix = path.suffix.lower()
    origin = origin or name
    try:
        if suffix in JSONL_SUFFIXES:
            with open(path, "rb") as stream:
                yield from jsonl_items(stream, name, max_chars, origin)
            return
        if suffix in FEED_SUFFIXES or (suffix not in HTML_SUFFIXES | JSON_SUFFIXES and looks_feed(_head(path))):
            yield from feed_items(path, name, origin, max_chars)
            return
        if suffix not in JSON_SUFFIXES:  # one document (a JSON file may hold a list of them)
            check_size(path, max_chars)
        data = path.read_bytes()
    except TooLarge as exc:
        yield failed(name, origin, "too_large", str(exc))
        return
    except OSError as exc:
        yield failed(name, origin, "unreadable", f"cannot read {path}: {exc.strerror or exc}")
        return
    if suffix in JSON_SUFFIXES:
        yield from json_items(data, name, origin)
    else:
        yield text_item(data, name, html=suffix in HTML_SUFFIXES, origin=origin)


def _head(path: Path, size: int = 1024) -> bytes:
    with open(path, "rb") as stream:
        return stream.read(size)


def text_item(data: bytes, name: str, html: bool, origin: str | None = None) -> Item:
    origin = origin or name
    try:
        text = decode_text(data, name)
    except SourceError as exc:
        return failed(name, origin, "unreadable", str(exc))
    if not (html or _looks_html(text)):
        return Item(id=name, source=origin, doc=InputDocument(id=name, text=text))
    try:
        body, title, published, url = html_parts(text)
    except TooLarge as exc:
        return failed(name, origin, "too_large", f"{name}: {exc}")
    except SourceError as exc:
        return failed(name, origin, "bad_html", f"{name}: {exc}")
    except Exception as exc:  # a page the HTML parser chokes on is one error, not a stopped batch
        return failed(name, origin, "bad_html", f"{name}: cannot extract the page's text: {type(exc).__name__}: {exc}")
    doc = InputDocument(id=name, text=body, published=published, title=title)
    return Item(id=name, source=origin, doc=doc, url=url, published_from="html:meta" if published else None)


def jsonl_items(stream, name: str, max_chars: int | None = None, origin: str | None = None) -> Iterator[Item]:
    """CONTRACT input lines; a broken line is an error item named `<file>:line:<n>` when it
    has no id of its own. The source of a line is `<origin>:<n>`."""
    origin = origin or name
    from milliard.io.jsonl import BadLine, line_limit, parse_line, read_lines

    for lineno, raw in read_lines(stream, line_limit(max_chars) if max_chars else None):
        if not raw.strip():
            continue  # a blank line is not a document
        try:
            doc = parse_line(raw, lineno)
        except BadLine as bad:
            doc_id = bad.result.id
            if doc_id == f"line:{lineno}":
                doc_id = f"{name}:line:{lineno}"
            yield failed(doc_id, f"{origin}:{lineno}", bad.result.error.code, bad.result.error.message)
            continue
        if doc.id == f"line:{lineno}" and b'"id"' not in raw:  # parse_line's name for a line without id
            doc = doc.model_copy(update={"id": f"{name}:line:{lineno}"})
        yield input_item(doc, f"{origin}:{lineno}")


def input_item(doc: InputDocument, source: str) -> Item:
    return Item(id=doc.id, source=source, doc=doc, published_from="input" if doc.published else None)


def json_items(data: bytes, name: str, origin: str | None = None) -> Iterator[Item]:
    """One JSON document (an object with at least `text`; `id` defaults to the file name),
    or a list of them. Extra keys (`expected`, …) are ignored."""
    origin = origin or name
    import orjson

    from milliard.io.jsonl import BadLine, parse_line

    try:
        obj = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        yield failed(name, origin, "bad_json", f"{name} is not JSON: {exc}")
        return
    objs = obj if isinstance(obj, list) else [obj]
    for i, one in enumerate(objs):
        at = "" if len(objs) == 1 and not isinstance(obj, list) else f"[{i}]"
        if isinstance(one, dict) and one.get("id") is None:
            one = {**one, "id": name + at}
        try:
            doc = parse_line(orjson.dumps(one), i + 1)
        except BadLine as bad:
            doc_id = one.get("id") if isinstance(one, dict) else None
            yield failed(str(doc_id or name + at), origin + at, bad.result.error.code, bad.result.error.message)
            continue
        yield input_item(doc, origin + at)
