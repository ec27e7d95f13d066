"""One document through every stage: language detection, the regex stages, the NER model
on the pieces that need it (the cascade), records. `extractor.Extractor` is the entry point;
`components` wraps the stages as spaCy factories."""
from milliard.extraction.extractor import (
    MAX_CHARS,
    DocumentError,
    Extractor,
    as_document,
    error_result,
    parse_published,
)

__all__ = ["MAX_CHARS", "DocumentError", "Extractor", "as_document", "error_result", "parse_published"]
