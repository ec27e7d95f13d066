"""RSS and Atom feeds, read entry by entry: memory stays flat however long the feed
(feedparser given a whole 67 MB feed peaked at 483 MB; README: Limits).

A well-formed feed is cut into its entries by libxml2 (lxml's iterparse) and each entry is
read by feedparser, wrapped in the feed's own prolog (XML declaration, DOCTYPE) and in copies
of its ancestors' start tags (`<rss version>`, `<channel>`, their namespaces and `xml:base`).
feedparser reads an entry so wrapped as it reads it inside the whole feed: ids, titles, dates
and texts stay what they were, for every flavour it knows (RSS 0.9x to 2.0, RDF, Atom 0.3 and
1.0). Each entry is dropped once read, and so is every element outside the entries once it ends.

Entities: lxml resolves none (`resolve_entities=False`), fetches nothing (`no_network`) and
keeps libxml2's bounds (no `huge_tree`: 10 MB per text node, 256 levels); feedparser then keeps
only the DTD's numeric entity declarations, as it did for the whole feed, so billion laughs and
external entities stay inert.

A feed that is not well-formed XML (an undefined `&eacute;` or a bare `&`: common) is read
whole by feedparser's lenient parser, as before, up to LENIENT_MAX_BYTES; a larger one is a
`bad_feed` error. libxml2's recovery mode is not used: past a fault it drops the escaped markup
of the entries that follow (`&lt;p&gt;` read as `p`).
"""
from __future__ import annotations

import codecs
import hashlib
import re
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Generator, Iterable, Iterator, NamedTuple

from milliard.io.htmlbounds import MAX_ATTRIBUTES, PageTooComplex, check_attributes
from milliard.io.items import Item, failed
from milliard.schema import InputDocument

LENIENT_MAX_BYTES = 8_000_000  # a malformed feed read whole by feedparser (which holds ~8x its size)
HEAD_MAX_BYTES = 1_000_000  # the prolog before the root element (a DTD's internal subset may be long)
_ROOT_START = re.compile(rb"<\w")  # where a feed's prolog ends (feedparser cuts it there too)
_ENCODING = re.compile(rb"""<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""")
_XML = dict(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)


def looks_feed(head: bytes) -> bool:
    head = head.lstrip().lower()
    if head.startswith(b"<?xml"):
        head = head[head.find(b"?>") + 2:].lstrip()
        while head.startswith(b"<!--") or head.startswith(b"<?"):
            head = head[head.find(b">") + 1:].lstrip()
    return head.startswith((b"<rss", b"<feed", b"<rdf:rdf"))


def feed_items(path: Path, name: str, origin: str | None = None, max_chars: int | None = None) -> Iterator[Item]:
    """Entries of an RSS or Atom file, streamed (see the module's docstring). An entry of over
    4 bytes per character of `max_chars` is a `too_large` item, never read; a feed or an entry
    the parsers fail on is an error item."""
    origin = origin or name
    try:
        size, fault = path.stat().st_size, xml_fault(path)
        head, encoding = prolog(path) if fault is None else (None, "")
    except OSError as exc:
        yield failed(name, origin, "unreadable", f"cannot read {path}: {exc.strerror or exc}")
        return
    if head is not None:
        limit = 4 * max_chars if max_chars else None
        count = yield from streamed_items(path, head, encoding, (name, origin), limit)
        if count or size > LENIENT_MAX_BYTES:  # no entry in a small feed: feedparser says whether it is one
            if not count:
                yield failed(name, origin, "bad_feed", f"{name} holds no RSS item nor Atom entry")
            return
    if size > LENIENT_MAX_BYTES:
        yield failed(name, origin, "bad_feed", f"{name} is not well-formed XML ({fault}); a feed over "
                     f"{LENIENT_MAX_BYTES} bytes is read only when well-formed, entry by entry")
        return
    yield from lenient_items(path.read_bytes(), name, origin)


class _Discard:
    """A parser target that keeps nothing: libxml2 only checks the document."""

    def close(self) -> None:
        return None


def xml_fault(path: Path) -> str | None:
    """Why libxml2 refuses the file as XML, or None when it is well-formed (one pass, no tree)."""
    from lxml import etree

    parser = etree.XMLParser(target=_Discard(), **_XML)
    try:
        with open(path, "rb") as stream:
            while chunk := stream.read(1 << 16):
                parser.feed(chunk)
        parser.close()
    except etree.XMLSyntaxError as exc:
        return str(exc)
    return None


def prolog(path: Path) -> tuple[bytes | None, str]:
    """(the bytes before the root element, the document's encoding); (None, "") when the
    entries cannot be wrapped in them: a prolog past HEAD_MAX_BYTES, or an encoding that does
    not write `<` as ASCII does (UTF-16, EBCDIC)."""
    from lxml import etree

    with open(path, "rb") as stream:
        data = stream.read(HEAD_MAX_BYTES)
    start = _ROOT_START.search(data)
    if start is None or b"\x00" in data[:4]:
        return None, ""
    head = data[:start.start()]
    declared = _ENCODING.match(head.removeprefix(codecs.BOM_UTF8))
    encoding = declared.group(1).decode("ascii") if declared else "utf-8"
    try:
        if "<a/>".encode(encoding) != b"<a/>":
            return None, ""
        etree.fromstring(head + b"<a/>", etree.XMLParser(**_XML))  # a `<\w` inside the DTD would cut it short
    except (LookupError, ValueError, etree.XMLSyntaxError):
        return None, ""
    return head, encoding


class _Counting:
    """A file that counts the bytes read from it: how far libxml2 has got."""

    def __init__(self, stream):
        self.stream, self.count = stream, 0

    def read(self, size: int = -1) -> bytes:
        data = self.stream.read(size)
        self.count += len(data)
        return data


def streamed_items(path: Path, head: bytes, encoding: str, names: tuple[str, str],
                   limit: int | None) -> Generator[Item, None, int]:
    """The entries of a well-formed feed, a group at a time; returns how many were seen."""
    from lxml import etree

    name, origin = names
    count = 0

    def emit(pieces):
        nonlocal count
        for piece in pieces:
            if isinstance(piece, Refused):
                yield failed(f"{name}#{count}", f"{origin}#{count}", piece.code,
                             f"{name}: entry {count} {piece.why}; it was not read")
                count += 1
            else:
                items = entry_items(piece, name, origin, count)
                count += len(items)
                yield from items

    with open(path, "rb") as stream:
        counting = _Counting(stream)
        cutter = EntryCutter(head, encoding, limit, counting)
        try:
            for _, element in etree.iterparse(counting, events=("end",), remove_comments=True, remove_pis=True,
                                              **_XML):
                yield from emit(cutter.ended(element))
        except (etree.XMLSyntaxError, PageTooComplex) as exc:  # the file changed since it was checked; a bound
            yield from emit(cutter.flush())
            yield failed(name, origin, "bad_feed", f"{name} broke off after {count} entries: {exc}")
            return count + 1
    yield from emit(cutter.flush())
    return count


def _is_entry(element) -> bool:
    tag = element.tag
    return isinstance(tag, str) and tag.rpartition("}")[2] in ("item", "entry")


class Refused(NamedTuple):
    """An entry not given to feedparser: the error code, and why (after "entry N")."""
    code: str
    why: str


class EntryCutter:
    """Takes each element libxml2 ends. Entries are moved, a group at a time, into copies of
    their ancestors, which come out as one small feed for feedparser (a call per entry costs
    twice the time); anything else outside the entries is dropped. An entry past `limit` bytes
    (its parts are then dropped as they end) or holding an element of over MAX_ATTRIBUTES
    attributes (feedparser's time grows with their square: 100,000 took 185 s) is Refused. The
    tree never holds more than a group. Elements named `item` or `entry` in any namespace are
    taken for entries: feedparser gives nothing for one that is not."""

    GROUP_ENTRIES = 32
    GROUP_BYTES = 1_000_000

    def __init__(self, head: bytes, encoding: str, limit: int | None, counting: _Counting):
        self.head, self.encoding, self.limit, self.counting = head, encoding, limit, counting
        self.mark = 0  # bytes read when the last element outside the entries ended
        self.refused: Refused | None = None  # why the entry being read will not be given to feedparser
        self.shell: tuple | None = None  # (parent in the feed, copy of the ancestors, copy of the parent)
        self.grouped, self.group_from = 0, 0

    def ended(self, element) -> list:
        """What ELEMENT's end gives: wrapped groups of entries (bytes) and Refused entries."""
        inside = any(_is_entry(a) for a in element.iterancestors())
        if (inside or _is_entry(element)) and len(element.attrib) > MAX_ATTRIBUTES:
            self.refused = Refused("bad_entry", f"has an element of {len(element.attrib)} attributes (at most "
                                                f"{MAX_ATTRIBUTES} are read)")
        if inside:
            if self.limit and self.counting.count - self.mark > self.limit:
                self.refused = self.refused or Refused(
                    "too_large", f"is over {self.limit} bytes of XML (4 bytes for each character a text may hold)")
                _drop(element)
            return []
        out = []
        if _is_entry(element) and self.refused is None:
            out = self.group(element)
        else:
            out = [*self.flush(), self.refused] if self.refused else []
            _drop(element)
        self.mark, self.refused = self.counting.count, None
        return out

    def group(self, entry) -> list:
        """Move ENTRY into the group (out of the feed's tree)."""
        from lxml import etree

        parent = entry.getparent()
        if parent is None:  # the entry is the document (an Atom entry document)
            return [*self.flush(), self.head + etree.tostring(entry, encoding=self.encoding, xml_declaration=False)]
        out = []
        if self.shell is None or self.shell[0] is not parent:
            out = self.flush()
            self.shell = (parent, *_copy_ancestors(parent))
        if not self.grouped:
            self.group_from = self.mark
        _drop_before(entry)
        entry.tail = None
        self.shell[2].append(entry)
        self.grouped += 1
        if self.grouped >= self.GROUP_ENTRIES or self.counting.count - self.group_from >= self.GROUP_BYTES:
            out += self.flush()
        return out

    def flush(self) -> list:
        """The entries grouped so far as one feed of their own: the prolog, copies of their
        ancestors, the entries."""
        from lxml import etree

        if not self.grouped:
            return []
        _, root, holder = self.shell
        wrapped = self.head + etree.tostring(root, encoding=self.encoding, xml_declaration=False)
        for entry in list(holder):
            holder.remove(entry)
        self.grouped = 0
        return [wrapped]


def _copy_ancestors(parent):
    """Copies of PARENT and its ancestors (tag, attributes, namespaces), nested: (root, parent).
    Each goes to feedparser with every group: one of over MAX_ATTRIBUTES attributes is refused."""
    from lxml import etree

    root = holder = None
    for element in [parent, *parent.iterancestors()][::-1]:
        if len(element.attrib) > MAX_ATTRIBUTES:  # counted before copied: lxml copies them in quadratic time
            raise PageTooComplex(f"an element around the entries has {len(element.attrib)} attributes (at most "
                                 f"{MAX_ATTRIBUTES} are read)")
        attrib, nsmap = dict(element.attrib), element.nsmap
        holder = (etree.Element(element.tag, attrib, nsmap=nsmap) if holder is None
                  else etree.SubElement(holder, element.tag, attrib, nsmap=nsmap))
        root = holder if root is None else root
    return root, holder


def _drop_before(element) -> None:
    """Drop what precedes ELEMENT in its parent (ended elements, entity references)."""
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


def _drop(element) -> None:
    parent = element.getparent()
    element.clear(keep_tail=False)
    if parent is not None:
        _drop_before(element)
        parent.remove(element)


def entry_items(wrapped: bytes, name: str, origin: str, start: int) -> list[Item]:
    """The entries feedparser reads in one wrapped entry (one, or none for an element that only
    looked like an entry)."""
    import feedparser

    try:
        entries = feedparser.parse(wrapped).entries
    except Exception as exc:  # one odd entry must not lose the others
        return [failed(f"{name}#{start}", f"{origin}#{start}", "bad_entry", f"{type(exc).__name__}: {exc}")]
    return list(read_entries(entries, name, origin, start))


def lenient_items(data: bytes, name: str, origin: str) -> Iterator[Item]:
    """Entries of a whole feed, by feedparser, which reads malformed XML too (its bozo flag); a
    feed that yields no entry is an error item."""
    import feedparser

    try:
        check_attributes(data.decode("latin-1"))  # a byte a character: the tags' shape is all it reads
        feed = feedparser.parse(data)
    except PageTooComplex as exc:
        yield failed(name, origin, "bad_feed", f"{name} was not read: {exc}")
        return
    except Exception as exc:
        yield failed(name, origin, "bad_feed", f"{name} is not a readable feed: {type(exc).__name__}: {exc}")
        return
    if not feed.entries:
        if feed.bozo:
            reason = getattr(feed, "bozo_exception", None) or "no entries"
            yield failed(name, origin, "bad_feed", f"{name} is not a readable feed: {reason}")
        return
    yield from read_entries(feed.entries, name, origin, 0)


def read_entries(entries: Iterable, name: str, origin: str, start: int) -> Iterator[Item]:
    for i, entry in enumerate(entries, start):
        try:
            yield entry_item(entry, origin, i)
        except Exception as exc:  # one odd entry must not lose the others
            yield failed(f"{name}#{i}", f"{origin}#{i}", "bad_entry", f"{type(exc).__name__}: {exc}")


def entry_item(entry, where: str, index: int) -> Item:
    title = entry.get("title") or None
    link = entry.get("link") or None
    text = entry_text(entry)
    doc_id = entry.get("id") or content_id(title, link, text)
    published, origin = entry_date(entry)
    doc = InputDocument(id=doc_id, text=text, published=published, title=title)
    return Item(id=doc_id, source=f"{where}#{index}", doc=doc, url=link, published_from=origin)


def content_id(*parts: str | None) -> str:
    """A stable id for an entry that has none (RSS items may lack a guid)."""
    h = hashlib.sha256("\x1f".join(p or "" for p in parts).encode("utf-8")).hexdigest()
    return f"sha256:{h[:32]}"


def entry_text(entry) -> str:
    """The longest of the entry's content blocks and its summary, as plain text."""
    blocks = [(c.get("value") or "", c.get("type") or "") for c in entry.get("content") or []]
    if entry.get("summary"):
        detail = entry.get("summary_detail") or {}
        blocks.append((entry.summary, detail.get("type") or "text/html"))
    if not blocks:
        return ""
    value, kind = max(blocks, key=lambda b: len(b[0]))
    return html_fragment_text(value) if "html" in kind else value.strip()


BLOCK_TAGS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section", "article"}


def html_fragment_text(fragment: str) -> str:
    """Text of a short HTML fragment (a feed entry), one paragraph per block element.
    trafilatura is for whole pages: on a fragment it often finds no 'main' text."""
    import lxml.html

    if "<" not in fragment:
        return fragment.strip()
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # lxml refuses some broken fragments: keep the text as written
        return fragment.strip()
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.lower() in BLOCK_TAGS:
            el.tail = "\n\n" + (el.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().split("\n\n"))
    return "\n\n".join(line for line in lines if line)


def entry_date(entry) -> tuple[str | None, str | None]:
    """The entry's own date with its UTC offset when the feed gives one. feedparser's
    `*_parsed` fields are converted to UTC (the offset is lost, which can change the day),
    so the raw string is read first. Atom entries may have only `updated`."""
    for key, origin in (("published", "feed"), ("updated", "feed:updated")):
        raw = entry.get(key)
        if raw:
            parsed = parse_feed_date(raw) or _from_struct(entry.get(f"{key}_parsed"))
            if parsed:
                return parsed, origin
    return None, None


def parse_feed_date(raw: str) -> str | None:
    """RFC 822 (RSS) or RFC 3339 (Atom) date to ISO, keeping its offset."""
    raw = raw.strip()
    try:
        return datetime.fromisoformat(raw.replace("Z", "+00:00")).isoformat()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(raw).isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def _from_struct(value) -> str | None:
    if not value:
        return None
    return datetime(*value[:6], tzinfo=timezone.utc).isoformat()
