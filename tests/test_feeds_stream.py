"""RSS and Atom feeds are read entry by entry (io/feeds.py): the same items as feedparser
reading the whole feed, in memory that does not grow with the feed (issue 15: a 67 MB feed
took 838 MB just to iterate)."""
from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from milliard.io import feeds
from milliard.io.feeds import feed_items, lenient_items, prolog, xml_fault
from milliard.io.sources import iter_source

N = 70  # over two groups of EntryCutter.GROUP_ENTRIES


def rss_items(n: int = N) -> str:
    body = "<p>La scierie Noisetier investit 2 M€ é {i}.</p><script>ignorer()</script><p>Fin &amp; suite.</p>"
    return "".join(
        f"<item><title>Scierie {i} — «agrandie»</title><link>https://bois.example/{i}</link>"
        f"<guid isPermaLink='{'true' if i % 2 else 'false'}'>bois-{i}</guid>"
        f"<pubDate>Tue, 0{1 + i % 9} Feb 2026 10:00:00 {'+0100' if i % 3 else 'GMT'}</pubDate>"
        f"<description>{escape(body.format(i=i))}</description></item>" for i in range(n))


def rdf_items(n: int = N) -> str:
    return "".join(
        f'<item rdf:about="https://r.example/{i}"><title>Verger {i}</title><link>https://r.example/{i}</link>'
        f"<dc:date>2026-03-0{1 + i % 9}T08:00:00+02:00</dc:date><description>Court {i}</description>"
        f"<content:encoded><![CDATA[<p>Le verger {i} double sa surface.</p><p>Suite.</p>]]></content:encoded></item>"
        for i in range(n))


def atom_entries(n: int = N) -> str:
    return "".join(
        f'<entry xml:base="rubrique{i % 2}/"><title type="html">Four &lt;b&gt;{i}&lt;/b&gt;</title>'
        f'<id>tag:four.example,2026:{i}</id><link href="article{i}.html"/><link rel="enclosure" href="son.mp3"/>'
        f"<published>2026-01-0{1 + i % 9}T10:00:00Z</published><updated>2026-01-0{1 + i % 9}T12:00:00+01:00</updated>"
        f'<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Le four <a href="v.html">{i}</a> '
        f"chauffe.</p><p>Deux.</p></div></content></entry>" for i in range(n))


FLAVOURS = {
    "rss2_latin1": ('<?xml version="1.0" encoding="iso-8859-1"?><rss version="2.0"><channel><title>T</title>'
                    f"{rss_items()}</channel></rss>", "iso-8859-1"),
    "rss091_entities": ('<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" '
                        '"http://my.netscape.com/publish/formats/rss-0.91.dtd"><rss version="0.91"><channel>'
                        + rss_items().replace("Scierie", "Scierie&nbsp;&eacute;") + "</channel></rss>", "utf-8"),
    "dtd_numeric_entities": ('<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY nbsp "&#160;">]><rss version="2.0">'
                             f"<channel>{rss_items().replace('Scierie', 'Scierie&nbsp;')}</channel></rss>", "utf-8"),
    "rdf": ('<?xml version="1.0" encoding="utf-8"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
            'xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel rdf:about="x"><title>R</title></channel>'
            f"{rdf_items()}</rdf:RDF>", "utf-8"),
    "atom_base_xhtml": ('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom" '
                        'xml:base="https://four.example/blog/" xml:lang="fr"><title>A</title><id>x</id>'
                        f"{atom_entries()}</feed>", "utf-8"),
    "items_deep_among_other_elements": (
        '<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><image><url>u</url></image><wrap>'
        + rss_items().replace("</item>", "<media:group><media:item>non</media:item></media:group></item>"
                              "<category>entre</category>") + "</wrap></channel></rss>", "utf-8"),
    "atom_entry_document": ('<?xml version="1.0"?><entry xmlns="http://www.w3.org/2005/Atom"><id>seule</id>'
                            "<title>Seule</title><summary>Une entrée racine.</summary></entry>", "utf-8"),
}


def fields(items) -> list[tuple]:
    return [(i.id, i.source, i.error and i.error.code, i.doc and i.doc.title, i.doc and i.doc.text,
             i.doc and i.doc.published, i.url, i.published_from) for i in items]


@pytest.mark.parametrize("flavour", list(FLAVOURS))
def test_streamed_entries_are_what_feedparser_reads_in_the_whole_feed(tmp_path, flavour):
    text, encoding = FLAVOURS[flavour]
    path = tmp_path / "flux.xml"
    path.write_bytes(text.encode(encoding, "xmlcharrefreplace"))
    assert xml_fault(path) is None and prolog(path)[0] is not None  # the streamed path, not the whole one
    streamed = fields(feed_items(path, "flux.xml"))
    assert streamed == fields(lenient_items(path.read_bytes(), "flux.xml", "flux.xml"))
    assert streamed and all(f[2] is None and f[4] for f in streamed)
    assert not any("ignorer" in f[4] for f in streamed)  # feedparser's sanitiser still drops scripts


CHILD = r"""
import resource, sys
from milliard.io.sources import iter_source
chars = sum(len(item.doc.text) for item in iter_source(sys.argv[1]))
print(chars, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
"""


def peak_mb(path: Path) -> tuple[int, int]:
    out = subprocess.run([sys.executable, "-c", CHILD, str(path)], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    chars, peak = map(int, out.stdout.split())
    return chars, peak


def write_atom(path: Path, entries: int, chars: int) -> Path:
    para = "La coopérative Tilleul agrandit son atelier de Rennes. " * (chars // 56)
    with open(path, "w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>F</title>')
        for i in range(entries):
            out.write(f'<entry><id>urn:e:{i}</id><title>Entrée {i}</title>'
                      f'<updated>2026-01-05T10:00:00+01:00</updated><content type="text">{para}</content></entry>\n')
        out.write("</feed>")
    return path


def test_memory_stays_flat_however_long_the_feed(tmp_path):
    one_chars, one_peak = peak_mb(write_atom(tmp_path / "one.atom", 1, 80_000))
    long_chars, long_peak = peak_mb(write_atom(tmp_path / "long.atom", 200, 80_000))  # 16 MB
    assert long_chars == 200 * one_chars
    # read whole, the 16 MB feed took 60 MB more than the one-entry feed; streamed, a few MB
    assert long_peak - one_peak < 20, (one_peak, long_peak)


def test_an_entry_too_large_for_a_text_is_refused_unread(tmp_path):
    huge = "".join(f"<p>Paragraphe {i} d'une entrée sans fin.</p>" for i in range(20_000))  # 900 kB
    entries = [atom_entries(3).split("</entry>")[i] + "</entry>" for i in range(3)]
    entries[1] = entries[1].replace("<p>Deux.</p>", huge)
    path = tmp_path / "flux.atom"
    path.write_text(f'<feed xmlns="http://www.w3.org/2005/Atom">{"".join(entries)}</feed>', encoding="utf-8")
    items = list(iter_source(path, max_chars=10_000, namespace=""))
    assert [(i.id, i.error and i.error.code) for i in items] == [
        ("tag:four.example,2026:0", None), ("flux.atom#1", "too_large"), ("tag:four.example,2026:2", None)]
    assert "over 40000 bytes of XML" in items[1].error.message


def test_a_malformed_feed_is_read_whole_up_to_a_bound_and_refused_past_it(tmp_path, monkeypatch):
    path = tmp_path / "flux.rss"
    path.write_text(f'<rss version="2.0"><channel>{rss_items(20)}'
                    "<item><title>A &amp B</title><guid>nu</guid></item></channel></rss>", encoding="utf-8")
    assert len(list(feed_items(path, "flux.rss"))) == 21  # feedparser's lenient reading, as before
    monkeypatch.setattr(feeds, "LENIENT_MAX_BYTES", path.stat().st_size - 1)
    (item,) = feed_items(path, "flux.rss")
    assert item.error.code == "bad_feed" and "not well-formed XML" in item.error.message
    assert "read only when well-formed" in item.error.message


@pytest.mark.parametrize("where, codes", [
    ("entry", [(None, "bois-0"), ("bad_entry", "flux.rss#1"), (None, "bois-2")]),
    ("channel", [("bad_feed", "flux.rss")]),
    ("malformed", [("bad_feed", "flux.rss")]),
])
def test_an_element_with_100_000_attributes_is_refused_in_a_moment(tmp_path, where, codes):
    attributes = " ".join(f'a{i}="v"' for i in range(100_000))
    entries = rss_items(3).replace("<title>Scierie 1", f"<title {attributes}>Scierie 1")
    channel = f"<channel {attributes}>" if where == "channel" else "<channel>"
    if where == "malformed":  # read whole by feedparser's lenient parser
        entries = entries.replace("Scierie 2", "Scierie & 2")
    path = tmp_path / "flux.rss"
    path.write_text(f'<rss version="2.0">{channel}{entries if where != "channel" else rss_items(3)}</channel></rss>',
                    encoding="utf-8")
    started = time.monotonic()
    items = list(feed_items(path, "flux.rss"))
    assert time.monotonic() - started < 5  # feedparser took 185 s over them (quadratic)
    assert [(i.error and i.error.code, i.id) for i in items] == codes
    assert "100000 attributes (at most 1000 are read)" in next(i.error.message for i in items if i.error)
