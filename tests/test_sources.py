"""Batch sources: directories, JSON/JSONL, RSS/Atom, HTML; unreadable input becomes an error item."""
from __future__ import annotations

import json
from itertools import islice

import pytest

from milliard.io.feeds import content_id, entry_date, html_fragment_text, parse_feed_date
from milliard.io.sources import Item, SourceError, iter_source, read_document

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Nouvelles</title><link>https://news.example/</link>
<item>
  <title>Brindille lève 4 millions</title>
  <link>https://news.example/brindille</link>
  <guid>urn:news:brindille</guid>
  <pubDate>Wed, 14 Jan 2026 00:30:00 +0100</pubDate>
  <description>&lt;p&gt;La jeune pousse Brindille boucle un tour de table.&lt;/p&gt;&lt;p&gt;Second paragraphe.&lt;/p&gt;</description>
</item>
<item>
  <title>Sans identifiant</title>
  <link>https://news.example/sans-id</link>
  <description>Une dépêche sans guid ni date.</description>
</item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Flux</title><id>urn:flux</id>
<updated>2026-02-02T10:00:00Z</updated>
<entry>
  <title>Entrée mise à jour</title><id>urn:flux:1</id>
  <link href="https://flux.example/1"/>
  <updated>2026-02-01T23:15:00-05:00</updated>
  <content type="html">&lt;p&gt;Le fonds Quartz investit dans une usine.&lt;/p&gt;</content>
</entry>
</feed>
"""

PAGE = """<!DOCTYPE html><html><head><title>Levée chez Ondine</title>
<meta property="og:title" content="Levée chez Ondine">
<meta property="article:published_time" content="2026-03-05T08:00:00+01:00">
<link rel="canonical" href="https://page.example/ondine">
</head><body><article><h1>Levée chez Ondine</h1>
<p>La société Ondine, spécialiste du traitement de l'eau, annonce une levée de fonds de
six millions d'euros menée par un fonds régional, afin de recruter quarante personnes.</p>
<p>Ses fondateurs veulent ouvrir deux sites supplémentaires en Bretagne avant la fin de l'année.</p>
</article></body></html>
"""

PAGE_NO_DATE = """<!DOCTYPE html><html><head><title>Histoire</title></head><body><article>
<p>Créée en 1998, l'entreprise Tilleul a traversé plusieurs crises avant de se relancer.</p>
<p>Son dirigeant raconte une longue histoire industrielle dans la vallée du Rhône, sans date.</p>
</article></body></html>
"""


def items_of(path, namespace: str | None = "") -> list[Item]:
    """The items of PATH; the empty namespace keeps the ids as named inside the source (the
    tests of naming across sources pass None, the default)."""
    return list(iter_source(path, namespace=namespace))


def test_directory_reads_every_kind_in_a_stable_order(tmp_path):
    (tmp_path / "b.txt").write_text("Texte simple.", encoding="utf-8")
    (tmp_path / "a.json").write_text(json.dumps({
        "id": "art-1", "text": "Un article.", "published": "2026-01-02", "lang": "fr", "title": "T",
        "expected": {"records": [], "notes": "ignored"}}), encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.jsonl").write_text('{"id":"l1","text":"Ligne."}\n\n{"id":"l2","text":"Deux."}\n',
                                             encoding="utf-8")
    (tmp_path / "sub" / "feed.xml").write_text(RSS, encoding="utf-8")
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "notes.md").write_text("not a source", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("skipped", encoding="utf-8")

    items = items_of(tmp_path, namespace=None)
    ids = [i.id for i in items]
    folder = tmp_path.name  # a file's id is its path under the source, after the folder's name
    assert ids[:3] == ["art-1", f"{folder}/b.txt", f"{folder}/page.html"]
    assert ids[3:5] == ["l1", "l2"]
    assert ids[5] == "urn:news:brindille" and ids[6].startswith("sha256:")
    assert len(ids) == 7
    assert items == items_of(tmp_path, namespace=None)  # same source, same items
    assert items[1].source == str((tmp_path / "b.txt").resolve())  # where it came from, in full
    art = items[0]
    assert (art.doc.text, art.doc.published, art.doc.lang, art.doc.title) == ("Un article.", "2026-01-02", "fr", "T")
    assert art.published_from == "input"
    assert items[1].doc.published is None and items[1].published_from is None  # never guessed


def test_unreadable_files_become_error_items(tmp_path):
    (tmp_path / "bad.txt").write_bytes(b"caf\xe9 au lait")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "ok.txt").write_text("Lisible.", encoding="utf-8")
    items = {i.id: i for i in items_of(tmp_path)}
    assert items["bad.txt"].error.code == "unreadable" and "UTF-8" in items["bad.txt"].error.message
    assert items["bin.txt"].error.code == "unreadable" and "binary" in items["bin.txt"].error.message
    assert items["broken.json"].error.code == "bad_json"
    assert items["ok.txt"].doc.text == "Lisible." and items["ok.txt"].error is None


def test_jsonl_feed_bad_lines_and_repeated_ids(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_bytes(b'{"id":"x","text":"Un."}\nnot json\n{"text":"sans id"}\n{"id":"x","text":"Encore."}\n'
                     b'{"id":"y","text":5}\n\xff\xfe\n')
    items = items_of(feed)
    assert [i.id for i in items] == ["x", "feed.jsonl:line:2", "feed.jsonl:line:3", "x#2", "y", "feed.jsonl:line:6"]
    assert items[1].error.code == "bad_json"
    assert items[2].doc.text == "sans id"
    assert items[3].doc.id == "x#2" and items[3].doc.text == "Encore."
    assert items[4].error.code == "bad_text"
    assert items[5].error.code == "bad_encoding"


def test_repeated_id_never_collides_with_a_real_one(tmp_path):
    feed = tmp_path / "f.jsonl"
    feed.write_text('{"id":"a","text":"1"}\n{"id":"a#2","text":"2"}\n{"id":"a","text":"3"}\n', encoding="utf-8")
    assert [i.id for i in items_of(feed)] == ["a", "a#2", "a#3"]


def test_json_file_with_a_list_and_missing_id(tmp_path):
    f = tmp_path / "many.json"
    f.write_text(json.dumps([{"id": "p", "text": "Premier."}, {"text": "Second."}]), encoding="utf-8")
    assert [i.id for i in items_of(f)] == ["p", "many.json[1]"]


def test_rss_dates_keep_the_feed_offset_and_items_without_guid_get_a_content_id(tmp_path):
    f = tmp_path / "news.rss"
    f.write_text(RSS, encoding="utf-8")
    first, second = items_of(f)
    # feedparser's own parsed date is UTC (13 January 23:30): the day would change
    assert first.doc.published == "2026-01-14T00:30:00+01:00" and first.published_from == "feed"
    assert first.doc.title == "Brindille lève 4 millions" and first.url == "https://news.example/brindille"
    assert first.doc.text == "La jeune pousse Brindille boucle un tour de table.\n\nSecond paragraphe."
    assert second.id == content_id("Sans identifiant", "https://news.example/sans-id",
                                   "Une dépêche sans guid ni date.")
    assert second.doc.published is None and second.published_from is None
    assert items_of(f)[1].id == second.id  # stable across runs


def test_atom_entry_with_only_updated(tmp_path):
    f = tmp_path / "flux.atom"
    f.write_text(ATOM, encoding="utf-8")
    (entry,) = items_of(f)
    assert entry.id == "urn:flux:1"
    assert entry.doc.published == "2026-02-01T23:15:00-05:00" and entry.published_from == "feed:updated"
    assert entry.doc.text == "Le fonds Quartz investit dans une usine."


def test_malformed_feed_still_read_and_garbage_feed_is_an_error(tmp_path):
    broken = tmp_path / "broken.xml"
    broken.write_text(RSS.replace("</channel></rss>", "<item><title>coupé"), encoding="utf-8")
    assert "urn:news:brindille" in [i.id for i in items_of(broken)]
    garbage = tmp_path / "garbage.xml"
    garbage.write_text("<<<< not xml at all", encoding="utf-8")
    (item,) = items_of(garbage)
    assert item.error.code == "bad_feed" and item.id == "garbage.xml"


def test_feed_detected_by_content_without_a_feed_suffix(tmp_path):
    f = tmp_path / "download"
    f.write_text(ATOM, encoding="utf-8")
    assert [i.id for i in items_of(f)] == ["urn:flux:1"]


def test_html_page_main_text_title_date_and_url(tmp_path):
    f = tmp_path / "ondine.html"
    f.write_text(PAGE, encoding="utf-8")
    (item,) = items_of(f)
    assert "six millions d'euros" in item.doc.text and "<p>" not in item.doc.text
    assert item.doc.title == "Levée chez Ondine"
    assert item.doc.published.startswith("2026-03-05") and item.published_from == "html:meta"
    assert item.url == "https://page.example/ondine"


def test_html_page_without_a_date_gets_none_not_a_year_from_the_body(tmp_path):
    f = tmp_path / "tilleul.html"
    f.write_text(PAGE_NO_DATE, encoding="utf-8")
    (item,) = items_of(f)
    assert item.doc.published is None and item.published_from is None


@pytest.mark.parametrize("raw,iso", [
    ("Wed, 14 Jan 2026 00:30:00 +0100", "2026-01-14T00:30:00+01:00"),
    ("2026-02-01T23:15:00-05:00", "2026-02-01T23:15:00-05:00"),
    ("2026-02-01T10:00:00Z", "2026-02-01T10:00:00+00:00"),
    ("2026-02-01", "2026-02-01T00:00:00"),
    ("hier soir", None),
])
def test_parse_feed_date(raw, iso):
    assert parse_feed_date(raw) == iso


def test_entry_date_falls_back_to_feedparser_struct():
    entry = {"published": "jeudi 15 janvier", "published_parsed": (2026, 1, 15, 7, 0, 0, 3, 15, 0)}
    assert entry_date(entry) == ("2026-01-15T07:00:00+00:00", "feed")


def test_html_fragment_text_keeps_paragraphs():
    assert html_fragment_text("<p>Un <b>gras</b>.</p><ul><li>A</li><li>B</li></ul>") == "Un gras.\n\nA\n\nB"
    assert html_fragment_text("pas de balise") == "pas de balise"


def test_source_is_streamed(tmp_path):
    f = tmp_path / "big.jsonl"
    with open(f, "w", encoding="utf-8") as out:
        for i in range(5000):
            out.write(json.dumps({"id": f"d{i}", "text": "x"}) + "\n")
    items = iter_source(f)
    assert [i.id for i in islice(items, 3)] == ["d0", "d1", "d2"]
    with open(f, "a", encoding="utf-8") as out:  # read lazily: a line added now is still seen
        out.write(json.dumps({"id": "late", "text": "y"}) + "\n")
    rest = [i.id for i in items]
    assert len(rest) == 4998 and rest[-1] == "late"


def test_missing_source_is_a_source_error(tmp_path):
    with pytest.raises(SourceError):
        list(iter_source(tmp_path / "nope"))


def test_read_document_reads_text_and_html(tmp_path):
    t = tmp_path / "a.txt"
    t.write_text("Du texte.", encoding="utf-8")
    assert read_document(t).text == "Du texte."
    h = tmp_path / "p.html"
    h.write_text(PAGE, encoding="utf-8")
    assert read_document(h).title == "Levée chez Ondine"


def test_a_page_or_entry_the_parsers_fail_on_is_an_error_item(tmp_path, monkeypatch):
    import milliard.io.feeds as feeds
    import milliard.io.sources as sources

    def explode(*_):
        raise ValueError("parser exploded")

    (tmp_path / "p.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "f.rss").write_text(RSS, encoding="utf-8")
    (tmp_path / "z.txt").write_text("Toujours lu.", encoding="utf-8")
    monkeypatch.setattr(sources, "html_parts", explode)
    monkeypatch.setattr(feeds, "entry_text", explode)
    items = items_of(tmp_path)
    assert [(i.id, i.error.code if i.error else None) for i in items] == [
        ("f.rss#0", "bad_entry"), ("f.rss#1", "bad_entry"), ("p.html", "bad_html"), ("z.txt", None)]


def test_one_file_gets_the_same_ids_however_its_path_is_written(tmp_path, monkeypatch):
    (tmp_path / "t.txt").write_text("Un texte.", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    expected = [f"{tmp_path.name}/t.txt"]
    assert [i.id for i in items_of("t.txt", None)] == [i.id for i in items_of(tmp_path / "t.txt", None)] == expected


def test_two_folders_with_the_same_file_names_give_distinct_ids(tmp_path):
    for folder, text in (("news", "Alpha lève 2 M€."), ("other", "Bêta lève 3 M€.")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "fr1.txt").write_text(text, encoding="utf-8")
    news, other = items_of(tmp_path / "news", None), items_of(tmp_path / "other", None)
    assert [i.id for i in news] == ["news/fr1.txt"] and [i.id for i in other] == ["other/fr1.txt"]
    assert news[0].doc.id == "news/fr1.txt"
    assert other[0].source == str((tmp_path / "other" / "fr1.txt").resolve())


def test_an_explicit_namespace_prefixes_every_id(tmp_path):
    (tmp_path / "a.txt").write_text("Un.", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text('{"id":"x","text":"Deux."}\n{"id":"x","text":"Trois."}\n', encoding="utf-8")
    items = items_of(tmp_path, "wire")
    assert [i.id for i in items] == ["wire/a.txt", "wire/x", "wire/x#2"]
    assert [i.doc.id for i in items] == ["wire/a.txt", "wire/x", "wire/x#2"]
    assert items[1].source == f"{(tmp_path / 'b.jsonl').resolve()}:1"
