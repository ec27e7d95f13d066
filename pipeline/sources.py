"""Reading documents from files: plain text, HTML (trafilatura), JSON and JSONL.

Directories and RSS/Atom feeds: see `iter_source` (batch, issue 6).
"""
from __future__ import annotations

from pathlib import Path

from .schema import InputDocument

HTML_SUFFIXES = {".html", ".htm", ".xhtml"}


class SourceError(Exception):
    """A file that cannot be read as a document (the message says why)."""


def read_text_file(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"cannot read {path}: {exc.strerror or exc}") from None
    if b"\x00" in data[:8192]:
        raise SourceError(f"{path} looks binary (NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SourceError(f"{path} is not valid UTF-8 (byte {exc.start})") from None


def html_document(html: str, doc_id: str) -> InputDocument:
    """Main text, title and publication date of an HTML page. The date is trafilatura's
    from the page's metadata only: `extensive_search=False` keeps it from taking a year
    out of the body (MEASURED.md)."""
    import trafilatura

    text = trafilatura.extract(html, favor_precision=True, include_comments=False) or ""
    meta = trafilatura.extract_metadata(html, extensive=False)
    published = None
    if meta is not None and meta.date:
        published = meta.date
    title = meta.title if meta is not None else None
    return InputDocument(id=doc_id, text=text, published=published, title=title)


def read_file(path: str | Path) -> InputDocument:
    path = Path(path)
    text = read_text_file(path)
    if path.suffix.lower() in HTML_SUFFIXES or text.lstrip()[:15].lower().startswith(("<!doctype html", "<html")):
        return html_document(text, str(path))
    return InputDocument(id=str(path), text=text)
