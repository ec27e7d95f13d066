"""Word lists of the language files compiled to fast regexes: the one builder of the project.

Python's re has no trie: a flat alternation is tried branch by branch at every position. So

* a list of literal forms (amounts, dates) becomes a trie ("mil(?:liard(?:s|)|lion(?:s|))")
  that picks its branch by the next character, a longer form tried before the form it
  extends; each character becomes a regex piece: `forms` keeps it exact, `loose_words` makes
  accents optional and apostrophes, spaces, hyphens and full stops forgiving;
* a list of regex fragments (funding.toml) is grouped by the characters each can start with,
  every group behind a lookahead, so that at a word only the few fragments that can start
  there are tried (`words`).
"""
from __future__ import annotations

import re
import unicodedata
from typing import Iterable

LETTER = r"[^\W\d_]"
APOS = "['\u2019\u02bc\u02bb\u055a\ua78c\uff07\u2032\u2035\u02b9`\u00b4]"


# ---------------------------------------------------------------- literal forms: a trie

def trie(spelled: Iterable[tuple[tuple[str, ...], str]]) -> str | None:
    """Alternation of forms given as (regex pieces, what must follow the form); None when empty."""
    root: dict = {}
    for pieces, end in spelled:
        node = root
        for p in pieces:
            node = node.setdefault(p, {})
        node[""] = end
    return _emit(root) if root else None


def _emit(node: dict) -> str:
    branches = [p + _emit(child) for p, child in sorted(node.items()) if p]
    if not branches:
        return node[""]
    if "" in node:  # a form ends here and longer ones go on: the longer first
        branches.append(node[""])
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def literal(c: str) -> str:
    """A character as written; a space matches one to three spaces."""
    return "[ ]{1,3}" if c == " " else re.escape(c)


def forms(words: Iterable[str], boundary: bool = True) -> str:
    """Literal forms, exact but for runs of spaces; a form ending in a letter must end a word
    (when `boundary`: "M" must not match the start of "Mars")."""
    spelled = {(tuple(literal(c) for c in w), rf"(?!{LETTER})" if boundary and w[-1].isalpha() else "")
               for w in words if w}
    return trie(spelled) or "(?!)"


def loose(c: str, strict: bool = False) -> str:
    """A character of a word as news write it: an accented letter also matches its bare
    letter (unless `strict`), any apostrophe-like character matches "'", a space any run of
    spaces, a hyphen a space or nothing, a full stop may be missing."""
    if c == "'":
        return APOS
    if c == " ":
        return r"\s+"
    if c == "-":
        return r"[-\s]?"
    if c == ".":
        return r"\.?"
    base = unicodedata.normalize("NFD", c)[0]
    if base != c and base.isalpha() and not strict:
        return f"[{c}{base}]"
    return re.escape(c)


def loose_word(w: str) -> tuple[str, ...]:
    """The pieces of one word; a leading "=" keeps its accents required ("=dès" is not "des")."""
    strict = w.startswith("=")
    return tuple(loose(c, strict) for c in w.lstrip("="))


def loose_words(words: Iterable[str], bounded: bool = True) -> str:
    """Whole words of a language file in any case (the caller compiles with re.I), read
    loosely; `bounded` False: a left boundary only (words ending in "'" or "-")."""
    body = trie({(loose_word(w.lower()), "") for w in words if w})
    if body is None:
        return r"(?!x)x"
    right = rf"(?!{LETTER})" if bounded else ""
    return rf"(?<!{LETTER})(?:{body}){right}"


# ---------------------------------------------------------------- regex fragments

def words(patterns: list[str], flags=re.I) -> re.Pattern | None:
    """Regex fragments matched as whole words (case-insensitively by default)."""
    if not patterns:
        return None
    # a cue ending in "de" also matches its elided and contracted forms: "auprès de" ->
    # "auprès d'Elaia", "auprès du fonds X", "auprès des fonds X et Y"
    patterns = [re.sub(r" de$", " d(?:es|e|u|')", p) for p in patterns]
    return re.compile(rf"(?<![\w-])(?:{_dispatch(patterns)})(?:(?<=')|(?![\w-]))", flags)


def _dispatch(patterns: list[str]) -> str:
    """The alternation of `patterns`, grouped by first character behind a lookahead."""
    groups: dict[str, list[str]] = {}
    for p in sorted(set(patterns), key=len, reverse=True):
        first = first_chars(p)
        for c in sorted({c.casefold() for c in first}) if first else ["*"]:
            groups.setdefault(c, []).append(p)
    parts = []
    for c, group in groups.items():
        body = "|".join(f"(?:{p})" for p in group)
        parts.append(body if c == "*" else f"(?=[{re.escape(c)}{re.escape(c.upper())}])(?:{body})")
    return "|".join(parts)


_QUANTIFIER = re.compile(r"[?*+]|\{\d*,?\d*\}")
_GROUP_OPEN = re.compile(r"\((?:\?[aiLmsux]*(?:-[imsx]+)?:|\?P<\w+>)?")


def first_chars(p: str) -> set[str] | None:
    """The characters a regex fragment can start with, or None when unsure (a class of
    ranges, an escape class, a repeat or a lookaround first: no guard then)."""
    first, end = _first_of_alternation(p, 0)
    return first if end == len(p) else None


def _first_of_alternation(p: str, i: int) -> tuple[set[str] | None, int]:
    """First characters of the branches from p[i] to the closing ")" (or the end)."""
    out: set[str] | None = set()
    while True:
        first, i = _first_of_branch(p, i)
        out = out | first if out is not None and first is not None else None
        i = _skip_branch(p, i)
        if i >= len(p) or p[i] == ")":
            return out, i
        i += 1  # past "|"


def _first_of_branch(p: str, i: int) -> tuple[set[str] | None, int]:
    """First characters of the branch at p[i]: those of its first atom, unless repeated."""
    first, j = _atom(p, i)
    if first is None or j is None or _QUANTIFIER.match(p, j):
        return None, i
    return first, j


def _atom(p: str, i: int) -> tuple[set[str] | None, int | None]:
    if i >= len(p) or p[i] in "|)":
        return None, None
    c = p[i]
    if c == "(":
        g = _GROUP_OPEN.match(p, i)
        if g is None or g.end() == i + 1 and p.startswith("(?", i):
            return None, None  # lookaround, back-reference, flags
        first, end = _first_of_alternation(p, g.end())
        return (first, end + 1) if end < len(p) else (None, None)
    if c == "[":
        return _char_class(p, i)
    if c == "\\":
        esc = p[i + 1:i + 2]
        return ({esc}, i + 2) if esc and not esc.isalnum() else (None, None)
    if c in ".^$":
        return None, None
    return {c}, i + 1


def _char_class(p: str, i: int) -> tuple[set[str] | None, int | None]:
    """A class of plain characters ("[ée]"); anything else (ranges, negation, escapes): None."""
    end = p.find("]", i + 2)
    body = p[i + 1:end]
    if end < 0 or not body or body[0] == "^" or "-" in body or "\\" in body or "[" in body:
        return None, None
    return set(body), end + 1


def _skip_branch(p: str, i: int) -> int:
    """Index of the "|" or ")" that ends the branch at p[i] (or the end of p)."""
    depth, n = 0, len(p)
    while i < n:
        c = p[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            close = p.find("]", i + 2)
            i = n if close < 0 else close + 1
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            if depth == 0:
                return i
            depth -= 1
        elif c == "|" and depth == 0:
            return i
        i += 1
    return n
