"""The Doc attributes milliard's spaCy stages write, all named `<prefix>_<what>`
(prefix "milliard" by default), and their registration.

Everything they hold is plain JSON-able data (dicts, lists, str, float, bool, None) kept
in `doc.user_data`, so `doc.to_bytes()`, `DocBin(store_user_data=True)` and
`nlp.pipe(..., n_process=2)` carry it. The working state of a document (its
DocContext) is never stored on the Doc: see components.context.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc

from milliard.extraction.extractor import DocumentError, parse_published

# The results of the stages: a list of dicts each, None until the stage has run.
RESULTS = ("amounts", "dates", "records", "warnings")


def name(prefix: str, what: str) -> str:
    return f"{prefix}_{what}"


@dataclass(frozen=True)
class PublishedGetter:
    """`doc._.<prefix>_published`: the publication date as a `date` (or None)."""
    key: tuple

    def __call__(self, doc: Doc) -> date | None:
        value = doc.user_data.get(self.key)
        return date.fromisoformat(value) if value else None


@dataclass(frozen=True)
class PublishedSetter:
    """Takes a `date`, a datetime or an ISO string and keeps it as `YYYY-MM-DD`, so that
    the Doc serialises; a bad value is refused here, not deep inside a stage."""
    key: tuple

    def __call__(self, doc: Doc, value) -> None:
        try:
            published = parse_published(value)
        except DocumentError as exc:
            raise ValueError(f"doc._.{self.key[1]}: {exc.message}") from None
        doc.user_data[self.key] = published.isoformat() if published else None


def _wanted(prefix: str) -> dict[str, dict]:
    """Extension name -> the keyword arguments of Doc.set_extension that make it ours."""
    wanted = {name(prefix, what): {"default": None} for what in RESULTS}
    published = name(prefix, "published")
    key = ("._.", published, None, None)  # where spaCy itself keeps a Doc extension's value
    wanted[published] = {"getter": PublishedGetter(key), "setter": PublishedSetter(key)}
    return wanted


def register(prefix: str) -> None:
    """Register our Doc extensions; one already registered the same way is kept, one of
    the same name registered otherwise (by someone else) is refused, never overwritten."""
    if not prefix.isidentifier():
        raise ValueError(f"milliard stages: prefix {prefix!r} must be a Python identifier")
    wanted = _wanted(prefix)
    for ext, kwargs in wanted.items():  # all checked before any is registered
        ours = (kwargs.get("default"), None, kwargs.get("getter"), kwargs.get("setter"))
        if Doc.has_extension(ext) and Doc.get_extension(ext) != ours:
            raise ValueError(
                f"Doc extension {ext!r} is already registered by something other than milliard's "
                f"stages; give the milliard stages another prefix (config {{'prefix': ...}}) or "
                f"remove the other extension (Doc.remove_extension({ext!r}))")
    for ext, kwargs in wanted.items():
        if not Doc.has_extension(ext):
            Doc.set_extension(ext, **kwargs)


def result(doc: Doc, prefix: str, what: str):
    return getattr(doc._, name(prefix, what))


def set_result(doc: Doc, prefix: str, what: str, value) -> None:
    setattr(doc._, name(prefix, what), value)


def published(doc: Doc, prefix: str) -> date | None:
    return getattr(doc._, name(prefix, "published"))
