"""Write a large RSS 2.0 or Atom feed, for measuring how feeds are read (README: Limits).

    python tools/gen_feed.py /tmp/feed67.rss 67            # 67 MB, full-text RSS items (37,976)
    python tools/gen_feed.py /tmp/small67.rss 67 rss 1     # short items (98,626)
    python tools/gen_feed.py /tmp/atom67.atom 67 atom      # Atom entries (40,152)
    /usr/bin/time -v milliard batch /tmp/feed67.rss --to sqlite:////tmp/feed67.db

Items carry a guid, link, date, an HTML description and a `content:encoded` block of PARAGRAPHS
paragraphs, as a news site's full-text feed does. Never commit the output.
"""
from __future__ import annotations

import sys
from xml.sax.saxutils import escape

PARAGRAPH = ("La société Exemple{n} annonce une levée de {m} millions d'euros auprès de plusieurs fonds "
             "afin de recruter et d'ouvrir des bureaux en Europe ; ses dirigeants visent la rentabilité. ")


def item(n: int, kind: str, paragraphs: int) -> str:
    body = "".join(f"<p>{PARAGRAPH.format(n=n, m=k + 1)}</p>" for k in range(paragraphs))
    day = 1 + n % 28
    if kind == "rss":
        return (f"<item><title>Exemple{n} lève {n % 90 + 1} M€</title><link>https://flux.example/a/{n}</link>"
                f"<guid>urn:flux:{n}</guid><pubDate>Wed, {day:02d} Jan 2026 0{n % 10}:30:00 +0100</pubDate>"
                f"<dc:creator>Rédaction</dc:creator><description>{escape(body[:300])}</description>"
                f"<content:encoded><![CDATA[{body}]]></content:encoded></item>\n")
    return (f"<entry><title>Exemple{n} lève {n % 90 + 1} M€</title><id>urn:flux:{n}</id>"
            f'<link href="https://flux.example/a/{n}"/><updated>2026-01-{day:02d}T10:00:00+01:00</updated>'
            f'<summary>{escape(body[:200])}</summary><content type="html">{escape(body)}</content></entry>\n')


def main(out: str, size_mb: float, kind: str = "rss", paragraphs: int = 6) -> int:
    with open(out, "w", encoding="utf-8") as f:
        if kind == "rss":
            f.write('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" '
                    'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
                    'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Flux d\'essai</title>'
                    "<link>https://flux.example/</link>\n")
        else:
            f.write('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
                    "<title>Flux</title><id>urn:flux</id><updated>2026-02-02T10:00:00Z</updated>\n")
        n = 0
        while f.tell() < size_mb * 1_000_000:
            f.write(item(n, kind, paragraphs))
            n += 1
        f.write("</channel></rss>\n" if kind == "rss" else "</feed>\n")
    return n


if __name__ == "__main__":
    args = sys.argv[1:]
    if len(args) < 2:
        sys.exit(__doc__)
    print(main(args[0], float(args[1]), *(args[2:3]), *(int(a) for a in args[3:4])), "items")
