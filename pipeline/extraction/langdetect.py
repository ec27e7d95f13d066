"""Document language: lingua-language-detector over a few European languages.

Checked: lingua (accurate on short sentences, pure wheels, ~100 MB for these
languages) against langdetect/langid (worse on short financial sentences). We load
more languages than we support so German or Spanish text is reported as
unsupported instead of being forced into French or English; but a headline full of
names ("EssilorLuxottica met la main sur Heidelberg Engineering") can look Dutch, so a
text is called unsupported only when the detector is sure of it, and otherwise goes to
whichever supported language fits it best.
"""
from __future__ import annotations

import re
from functools import lru_cache

from milliard.lang import data, supported

DEFAULT = "fr"
_WORD = re.compile(r"[^\W\d_]{2,}")
MIN_WORDS = 4  # below this, only our own languages are weighed ("3 Mds d'euros" may read as Dutch)
SURE_UNSUPPORTED = 0.8  # confidence needed to call a text another language than ours
SHORT_TEXT_WORDS = 30  # in a headline, capitalised names outweigh the few words that tell
_OTHERS = ("GERMAN", "SPANISH", "ITALIAN", "PORTUGUESE", "DUTCH")


@lru_cache(maxsize=1)
def _detector():
    from lingua import Language, LanguageDetectorBuilder
    # each supported language names itself in lingua's terms in its language.toml
    ours = [data(code, "language").get("lingua") for code in supported()]
    names = [n for n in ours if n] + [n for n in _OTHERS if n not in ours]
    return LanguageDetectorBuilder.from_languages(*(getattr(Language, n) for n in names)).build()


def _code(language) -> str:
    return language.iso_code_639_1.name.lower()


def _without_names(words: list[str]) -> str:
    """The lower-case words: in a short text they, not the names, tell the language."""
    common = [w for w in words if w[0].islower()]
    return " ".join(common)


def detect(text: str) -> str:
    """ISO 639-1 code of the text's language; DEFAULT for text with no words to tell by."""
    sample = text[:4000]
    found_words = _WORD.findall(sample)
    words = len(found_words)
    if words == 0:
        return DEFAULT
    if words < SHORT_TEXT_WORDS:
        sample = _without_names(found_words) or sample
    values = _detector().compute_language_confidence_values(sample)
    if not values:
        return DEFAULT
    top = values[0]
    if words >= MIN_WORDS and top.value >= SURE_UNSUPPORTED:
        return _code(top.language)
    ours = [v for v in values if _code(v.language) in supported()]  # best first, as lingua sorts
    return _code(ours[0].language) if ours and ours[0].value > 0 else DEFAULT
