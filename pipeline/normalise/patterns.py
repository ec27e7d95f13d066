"""Word lists of the language files compiled to fast regexes.

Every list of `funding.toml` is an alternation of regex fragments matched as whole words,
case-insensitively, on the matching form. Python's re has no trie and tries each branch at
each word, so the branches are grouped by first character behind a lookahead.
"""
from __future__ import annotations

import re

try:  # Python 3.11+: the parser is private but stable; its old name warns
    import re._constants as sre_constants
    import re._parser as sre_parse
except ImportError:  # pragma: no cover
    import sre_constants
    import sre_parse


def words(patterns: list[str], flags=re.I) -> re.Pattern | None:
    if not patterns:
        return None
    # a cue ending in "de" also matches its elided form: "auprès de" -> "auprès d'Elaia"
    patterns = [re.sub(r" de$", " d(?:e|')", p) for p in patterns]
    return re.compile(rf"(?<![\w-])(?:{_dispatch(patterns)})(?:(?<=')|(?![\w-]))", flags)


def _dispatch(patterns: list[str]) -> str:
    """The alternation of `patterns`, grouped by first character behind a lookahead, so that
    re tries at each word only the few patterns that can start there (Python's re has no
    trie; this stage reads every word of every article)."""
    groups: dict[str, list[str]] = {}
    for p in sorted(set(patterns), key=len, reverse=True):
        first = _first_chars(sre_parse.parse(p))
        for c in sorted({c.casefold() for c in first}) if first else ["*"]:
            groups.setdefault(c, []).append(p)
    parts = []
    for c, group in groups.items():
        body = "|".join(f"(?:{p})" for p in group)
        parts.append(body if c == "*" else f"(?=[{re.escape(c)}{re.escape(c.upper())}])(?:{body})")
    return "|".join(parts)


def _first_chars(parsed) -> set[str] | None:
    """Characters the parsed pattern can start with, or None when unsure."""
    for op, arg in parsed:
        if op is sre_constants.LITERAL:
            return {chr(arg)}
        if op is sre_constants.IN:
            out = set()
            for kind, value in arg:
                if kind is not sre_constants.LITERAL:
                    return None
                out.add(chr(value))
            return out
        if op is sre_constants.SUBPATTERN:
            return _first_chars(arg[-1])
        if op is sre_constants.BRANCH:
            out = set()
            for branch in arg[1]:
                first = _first_chars(branch)
                if first is None:
                    return None
                out |= first
            return out
        return None  # repeats, lookarounds, classes: give up, no guard
    return None
