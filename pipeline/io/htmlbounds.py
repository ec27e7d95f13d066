"""What an HTML page may hold before the parsers are given it.

libxml2 (under lxml, trafilatura, htmldate and justext) checks each new attribute of an element
against the ones before it, so one element with 100,000 attributes takes minutes, once per parser;
and it stops reading at 256 levels of nesting, which would leave a page silently empty. A page
past either bound is refused with a message that says which.
"""
from __future__ import annotations

import re

MAX_ATTRIBUTES = 1_000  # per element; real pages stay under a few dozen
MAX_DEPTH = 255  # libxml2's own limit without XML_PARSE_HUGE

# a start tag, its quoted values whole (they may hold `<` and `>`); possessive, so the scan
# never backtracks and stays linear in the page
_START_TAG = re.compile(r"""<[A-Za-z](?:[^<>"']++|"[^"]*+"|'[^']*+')*+""")
_QUOTED = re.compile(r""""[^"]*+"|'[^']*+'""")
_ATTRIBUTE = re.compile(r"""\s[^\s=/>"']++""")


class PageTooComplex(ValueError):
    """The page is past a bound of this module (the message says which)."""


def check_attributes(html: str) -> None:
    """Refuse an element with more than MAX_ATTRIBUTES attributes, in one linear scan (an
    attribute takes at least two characters, so shorter tags are not counted)."""
    for tag in _START_TAG.finditer(html):
        if tag.end() - tag.start() > 2 * MAX_ATTRIBUTES:
            count = len(_ATTRIBUTE.findall(_QUOTED.sub("", tag.group())))
            if count > MAX_ATTRIBUTES:
                raise PageTooComplex(f"an element has {count} attributes (at most {MAX_ATTRIBUTES} are read)")


def check_depth(html: str) -> None:
    """Refuse a page nested deeper than libxml2 reads. One more parse, so it is asked only
    when a page gave no text."""
    import lxml.html

    parser = lxml.html.HTMLParser()
    try:
        lxml.html.document_fromstring(html, parser=parser)
    except Exception:  # nothing to parse: no depth to speak of
        return
    if any(e.type_name == "ERR_RESOURCE_LIMIT" and "depth" in e.message for e in parser.error_log):
        raise PageTooComplex(f"elements are nested deeper than {MAX_DEPTH} levels, past which the HTML "
                             "parser reads nothing")
