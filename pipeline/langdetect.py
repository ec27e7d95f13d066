"""Document language: lingua-language-detector over a few European languages.

Checked: lingua (accurate on short sentences, pure wheels, ~100 MB for these
languages) against langdetect/langid (worse on short financial sentences). We load
more languages than we support so German or Spanish text is reported as
unsupported instead of being forced into French or English.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .lang import supported

DEFAULT = "fr"
_WORD = re.compile(r"[^\W\d_]{2,}")
MIN_WORDS = 4  # below this, detection is noise ("12,5 Md$" reads as Dutch)


@lru_cache(maxsize=1)
def _detector():
    from lingua import Language, LanguageDetectorBuilder
    names = ("FRENCH", "ENGLISH", "GERMAN", "SPANISH", "ITALIAN", "PORTUGUESE", "DUTCH")
    return LanguageDetectorBuilder.from_languages(*(getattr(Language, n) for n in names)).build()


def detect(text: str) -> str:
    """ISO 639-1 code of the text's language; DEFAULT for text too short to tell."""
    sample = text[:4000]
    if len(_WORD.findall(sample)) < MIN_WORDS:
        return DEFAULT
    found = _detector().detect_language_of(sample)
    if found is None:
        return DEFAULT
    return found.iso_code_639_1.name.lower()


def is_supported(code: str) -> bool:
    return code in supported()
