"""What a batch source yields: an `Item` per document, carrying the document or the reason it
could not be read (shared by `sources`, `feeds` and `pages`)."""
from __future__ import annotations

from dataclasses import dataclass

from milliard.schema import ErrorInfo, InputDocument


class SourceError(Exception):
    """A file that cannot be read as a document (the message says why)."""


class TooLarge(SourceError):
    """A document too large for the allowed size: never read, or never parsed."""


@dataclass
class Item:
    """One document of a batch source, or the reason it could not be read.

    `published_from` says where `doc.published` came from (`input`, `feed`, `feed:updated`,
    `html:meta`); it is None when there is no date: a date is never guessed."""
    id: str
    source: str
    doc: InputDocument | None = None
    url: str | None = None
    published_from: str | None = None
    error: ErrorInfo | None = None


def failed(doc_id: str, source: str, code: str, message: str) -> Item:
    return Item(id=doc_id, source=source, error=ErrorInfo(code=code, message=message))
