"""What an HTML page may hold before, and as, the parser reads it.

libxml2 (under lxml, trafilatura, htmldate and justext) checks each new attribute of an element
against the ones before it, so one element with 100,000 attributes takes minutes: such a page
is refused by a linear scan before any parser sees it. And libxml2 stops reading at 256 levels
of nesting, dropping everything after that point, which would leave a page silently empty or
cut: a parsed tree that reaches that depth is refused. A page over MAX_PAGE_CHARS is not parsed
at all: trafilatura's time grows faster than the page (a normal page made 2 MB long took 4.3 s,
4 MB 14.8 s on the loaded 2-core machine, 20 MB would take minutes). The message says which bound.
"""
from __future__ import annotations

import re

MAX_PAGE_CHARS = 4_000_000  # news pages weigh 50 kB to 2 MB, scripts included
MAX_ATTRIBUTES = 1_000  # per element; real pages stay under a few dozen
MAX_DEPTH = 256  # libxml2's own limit without XML_PARSE_HUGE (levels, the root element being 1)

# a start tag, its quoted values whole (they may hold `<` and `>`); possessive, so the scan
# never backtracks and stays linear in the page
_START_TAG = re.compile(r"""<[A-Za-z](?:[^<>"']++|"[^"]*+"|'[^']*+')*+""")
_QUOTED = re.compile(r""""[^"]*+"|'[^']*+'""")
_ATTRIBUTE = re.compile(r"""\s[^\s=/>"']++""")
_AT_MAX_DEPTH = "/*" * MAX_DEPTH  # an element MAX_DEPTH levels down from the document


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


def check_depth(tree) -> None:
    """Refuse a parsed page whose elements reach MAX_DEPTH levels: there the parser stopped
    reading (or was one level from it). One XPath step per level, linear in the page."""
    if tree.xpath(_AT_MAX_DEPTH):
        raise PageTooComplex(f"elements are nested {MAX_DEPTH} levels deep, the HTML parser's limit, past which "
                             "it reads nothing more of the page")
