"""HTML pages: the main text (trafilatura), and the title, date and URL from the page's
metadata, out of ONE parse of the page.

trafilatura's `extract` and `extract_metadata` each parsed the page from its text, and a page
that gave no text was parsed a third time to learn why. The page is now parsed once
(`trafilatura.load_html`, the parse `extract` itself makes) and the tree is given to both:
`extract` works on a copy, and `extract_metadata` runs after it. The bounds of
`htmlbounds` are checked before the parse (size, attributes) and on the tree (depth).
"""
from __future__ import annotations

from milliard.io.htmlbounds import MAX_PAGE_CHARS, PageTooComplex, check_attributes, check_depth
from milliard.io.items import SourceError, TooLarge
from milliard.schema import InputDocument


def html_parts(html: str) -> tuple[str, str | None, str | None, str | None]:
    """(main text, title, publication date, URL) of an HTML page. The date comes from the
    page's metadata only: `extensive=False` keeps trafilatura from taking a year out of the
    body (MEASURED.md). A page past a bound raises SourceError saying which (TooLarge for
    its size)."""
    import trafilatura

    if len(html) > MAX_PAGE_CHARS:
        raise TooLarge(f"the page has {len(html)} characters, more than the {MAX_PAGE_CHARS} an HTML page may "
                       "have (the extraction's time grows faster than the page); it was not parsed")
    try:
        check_attributes(html)  # before any parser: libxml2 is quadratic in an element's attributes
        tree = trafilatura.load_html(html)
        if tree is not None:
            check_depth(tree)
    except PageTooComplex as exc:
        raise SourceError(f"the page was not read: {exc}") from None
    if tree is None:  # nothing a parser could read
        return "", None, None, None
    text = trafilatura.extract(tree, favor_precision=True, include_comments=False) or ""
    meta = trafilatura.extract_metadata(tree, extensive=False)
    return text, meta.title or None, meta.date or None, meta.url or None


def html_document(html: str, doc_id: str) -> InputDocument:
    text, title, published, _ = html_parts(html)
    return InputDocument(id=doc_id, text=text, published=published, title=title)
