"""Run only the amount stage over CONTRACT input lines and print CONTRACT-shaped output lines.

usage: python tools/eval_amounts.py < docs.jsonl > pred.jsonl

For measuring milliard.normalise.amounts against ../shared/evals suites without the other stages
(dates, NER) in the way; the language is the line's, else the extractor's detector.
"""
from __future__ import annotations

import json
import sys

from milliard.extraction.langdetect import detect
from milliard.normalise.amounts import find_amounts
from milliard.normalise.text import NormText


def main() -> None:
    for line in sys.stdin:
        if not line.strip():
            continue
        doc = json.loads(line)
        lang = doc.get("lang") or detect(doc["text"])
        lang = lang if lang in ("fr", "en") else "fr"
        text = NormText.of(doc["text"])
        amounts, warnings = find_amounts(text.norm, lang)
        out = []
        for a in amounts:
            a.start, a.end = text.orig_span(a.start, a.end)
            a.text = doc["text"][a.start:a.end]
            out.append(a.model_dump(mode="json"))
        print(json.dumps({"id": doc["id"], "lang": lang, "amounts": out, "dates": [], "entities": [],
                          "records": [], "warnings": [w.model_dump(mode="json") for w in warnings],
                          "error": None}, ensure_ascii=False))


if __name__ == "__main__":
    main()
