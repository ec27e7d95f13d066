"""Names that may be parties of a funding sentence: the model's and the gazetteer's entities
(places and participles left out) and, where they missed one, capitalised word runs."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from milliard.lang import stop_words
from milliard.records.entities import INVESTOR_TYPES, canonical, gazetteer
from milliard.records.lexicon import Lexicon, lexicon
from milliard.schema import Entity

_TOKEN = r"(?:[A-ZÀ-ÖØ-Þ][\w&.+]*(?:-[\w&.+]+)*|[a-z]{1,3}[A-Z][\w&.+-]*|\d+[A-Za-z][\w-]*)"
# (a dash glued to a word after a space opens a name: "LONDON (Reuters) -Brantly raised…")
_NAME = re.compile(rf"(?:(?<![\w-])|(?<=\s-)){_TOKEN}(?:[ ](?:&[ ])?{_TOKEN})*")


@dataclass
class Name:
    start: int
    end: int
    name: str
    label: str
    investor: bool = False  # a gazetteer investor (bank, fund, VC, public investor…)
    guessed: bool = False   # from the capitalised-word fallback, not the model or the gazetteer
    known: bool = False     # in the gazetteer




def party_names(norm: str, entities: list[Entity], lang: str) -> list[Name]:
    """Entities that may be parties. The model often labels an unknown start-up LOC or PER
    ("La néobanque Qonto" -> LOC), so a model LOC is a place only after a place preposition
    ("à Lyon", "en Allemagne"); a gazetteer place always is."""
    lex = lexicon(lang)
    out = []
    for e in entities:
        if len(e.name) < 2 or e.name in lex.not_names or _participle_before_agent(norm, e, lex) \
                or (lex.any_trigger is not None and lex.any_trigger.fullmatch(e.name)):
            continue  # "Rachat de X par Y": a trigger word the model took for a name
        entry = gazetteer().lookup(e.name)
        if entry is not None and entry.type == "place":
            continue
        if e.label == "LOC" and entry is None and lex.place_before is not None:
            if after_place_word(norm, _name_of_entity(e), lex) and not receives_money(norm, e.start, lex):
                continue
        out.append(_name_of_entity(e))
    return out


def receives_money(norm: str, start: int, lex: Lexicon) -> bool:
    """"accorde 15 millions d'euros à Duralex": after money, "à X" names who receives it."""
    return bool(lex.money_to and lex.money_to.search(norm, max(0, start - 30), start))


def _participle_before_agent(norm: str, e: Entity, lex: Lexicon) -> bool:
    """"Adoptée en mai, la loi…", "Convoitée par le Louvre": a participle the model took for a
    name (opening a sentence, or before a comma or an agent)."""
    if not (lex.participle and lex.participle.fullmatch(e.name)):
        return False
    before = norm[max(0, e.start - 3):e.start].rstrip(" ")
    return not before or before[-1] in "\n.!?" or bool(_AGENT_OR_COMMA.match(norm, e.end))


_AGENT_OR_COMMA = re.compile(r"\s*,| par\b| by\b")


def _name_of_entity(e: Entity) -> Name:
    entry = gazetteer().lookup(e.name)
    return Name(e.start, e.end, e.name, e.label, bool(entry and entry.type in INVESTOR_TYPES), known=entry is not None)


def capitalised_names(norm: str, start: int, end: int, lang: str, taken: list[tuple[int, int]],
                      doc_names: frozenset[str] = frozenset()) -> list[Name]:
    """Capitalised word runs that no stage claimed: the fallback for names the model missed
    (and the only source besides the gazetteer where there is no model, e.g. English).
    `taken`: spans already claimed by other mentions."""
    lex = lexicon(lang)
    if not lex.capitalised_fallback:
        return []  # a language that capitalises every noun (German): capitals tell nothing
    taken = _merged(taken)
    taken_starts = [s for s, _ in taken]
    out = []
    for run_start, run_end in _unclaimed_runs(norm, start, end, taken, taken_starts, lex.any_trigger):
        span = _trim_name(norm[run_start:run_end], run_start, run_end, lang)
        if span is None or _claimed(taken, taken_starts, *span):
            continue
        s, e = span
        text = norm[s:e].rstrip(".")
        e = s + len(text)
        if s == start and " " not in text and not _sentence_start_name(norm, text, e, end, lang, doc_names):
            continue  # a capitalised first word of a sentence is usually just a word
        if lex.any_trigger is not None and lex.any_trigger.fullmatch(text):
            continue  # "Rachat de X par Y": a trigger word, capitalised

        out.append(Name(s, e, canonical(text), "ORG", guessed=True))
    return _joined_by_of(norm, out, lex)


def _joined_by_of(norm: str, names: list[Name], lex: Lexicon) -> list[Name]:
    """"Department of Energy", "University of Cambridge": an institution word (`of_heads`)
    ending a guessed name and "of" (or "of the") before the next one make one name."""
    out: list[Name] = []
    for n in names:
        prev = out[-1] if out else None
        if prev is not None and prev.guessed and prev.name.rsplit(" ", 1)[-1] in lex.of_heads \
                and norm[prev.end:n.start] in (" of ", " of the "):
            text = norm[prev.start:n.end]
            out[-1] = Name(prev.start, n.end, canonical(text), "ORG", guessed=True)
            continue
        out.append(n)
    return out


def _unclaimed_runs(norm: str, start: int, end: int, taken: list[tuple[int, int]], starts: list[int],
                    trigger: re.Pattern | None) -> list[tuple[int, int]]:
    """Capitalised runs; in a title-case headline "Google Acquires Fitbit For…" the run goes on
    past the known "Google": a piece of it outside the claimed spans that opens with a trigger
    word is looked at on its own ("Acquires Fitbit For"; other leftovers, "Crédit Mutuel
    Equity", are parts of a longer name, not names)."""
    out = []
    for m in _NAME.finditer(norm, start, end):
        if not _claimed(taken, starts, m.start(), m.end()):
            out.append(m.span())
            continue
        # the words of the run outside the claimed spans, in runs of consecutive words
        words = [w.span() for w in _WORD.finditer(norm, m.start(), m.end()) if not _claimed(taken, starts, *w.span())]
        out += [(s, e) for s, e in _consecutive(words)
                if trigger is not None and trigger.fullmatch(norm, s, norm.find(" ", s, e) if " " in norm[s:e] else e)]
    return out


_WORD = re.compile(r"\S+")


def _consecutive(words: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Group word spans that follow each other with one space between into runs."""
    runs: list[tuple[int, int]] = []
    for s, e in words:
        if runs and s - runs[-1][1] == 1:
            runs[-1] = (runs[-1][0], e)
        else:
            runs.append((s, e))
    return runs


def _trim_name(run: str, s: int, e: int, lang: str) -> tuple[int, int] | None:
    """The span of a capitalised run without its leading function words ("Les", "Selon") and
    trailing ones; None when nothing is left."""
    lex = lexicon(lang)
    stop, not_names = stop_words(lang), lex.not_names
    words = run.split(" ")
    while words and (words[0].casefold() in stop or (words[0] in not_names and not _opens_name(words, lex))
                     or len(words[0]) == 1 or words[0].casefold().endswith(lex.descriptor_suffixes or ("\0",))):
        s += len(words.pop(0)) + 1
    # a trailing "AI" belongs to a name of several words ("Scale AI"), not to one alone
    while words and (words[-1].casefold() in stop or words[-1] == "&" or (words[-1] in not_names and len(words) == 1)):
        e -= len(words.pop()) + 1
    return (s, e) if words else None


def _opens_name(words: list[str], lex: Lexicon) -> bool:
    """"British American Tobacco", "Biotech Dental": a word of `name_openers` (a demonym, a
    sector) followed by capitalised words that describe nothing opens a name (alone, "Swiss",
    "La Biotech", it describes)."""
    rest = [w for w in words if w not in lex.name_openers]
    return words[0] in lex.name_openers and bool(rest) and rest[0] not in lex.not_names and words[-1] not in lex.not_names


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def _claimed(taken: list[tuple[int, int]], starts: list[int], s: int, e: int) -> bool:
    """Does [s, e) overlap a span of `taken` (sorted, not overlapping)? In log time: a long
    document has thousands of claimed spans."""
    i = bisect.bisect_left(starts, e)
    return i > 0 and taken[i - 1][1] > s


def _sentence_start_name(norm: str, text: str, e: int, end: int, lang: str, doc_names: frozenset[str]) -> bool:
    """Is a lone capitalised word opening a sentence a name? Yes when the document writes it
    capitalised elsewhere, or when a verb-like word follows ("Klarna files…") — but not a
    participle before a comma or an agent ("Adoptée, la loi…", "Convoitée par…")."""
    if text in doc_names:
        return True
    lex = lexicon(lang)
    if lex.participle and lex.participle.fullmatch(text) and _AGENT_OR_COMMA.match(norm, e):
        return False
    return _followed_by_verbish(norm, e, end, lang)


def drop_modifiers(norm: str, names: list[Name], lang: str) -> list[Name]:
    """In "Oxford startup Quantiq" or "Battery maker Northvolt" the first capitalised word
    only describes the name after it: a guessed name followed by one to three lower-case
    words (no punctuation, no trigger or cue) and another name is dropped; so is a guessed
    name right before "'s" and another name ("Norway's Fjordline Group")."""
    lex = lexicon(lang)
    out = []
    for a, b in zip(names, names[1:] + [None]):
        if a.guessed and b is not None:
            gap = norm[a.end:b.start]
            if gap == "'s ":
                continue  # "Norway's Fjordline Group": the owner or country describes the name after it
            if re.fullmatch(r"(?: [a-zà-ÿ][\w-]*){1,3} ", gap) and not (lex.any_trigger and lex.any_trigger.search(gap)) \
                    and not any(w in stop_words(lang) for w in gap.split()) \
                    and not any(p.search(gap) for p in lex.cues.values() if p):
                continue
        out.append(a)
    return out


def _followed_by_verbish(norm: str, pos: int, end: int, lang: str) -> bool:
    rest = norm[pos:min(end, pos + 40)]
    if re.match(r"\s*[,(]", rest):
        return True
    nxt = re.match(r" ([a-zà-ÿ][\w'-]*)", rest)
    if nxt and nxt.group(1).casefold() not in stop_words(lang) and "'" not in nxt.group(1):
        return True  # "Klarna files…": a lower-case word, not a function word, follows
    lex = lexicon(lang)
    m = lex.any_trigger.search(rest) if lex.any_trigger else None
    between = rest[:m.start()].split() if m else []
    # "Acme raised", "Qonto a levé", "Acme has raised": at most one short auxiliary between;
    # "Acme has agreed to acquire", "Acme is set to buy": a short auxiliary and two more
    # lower-case words
    return bool(m and (not between or (len(between[0]) <= 4 and len(between) <= 3
                                       and all(w.islower() and w.isalpha() for w in between))))


# ---------------------------------------------------------------- sentence analysis


def after_place_word(norm: str, name: Name, lex: Lexicon) -> bool:
    if lex.place_before is None:
        return False
    before = norm[max(0, name.start - 14):name.start].rstrip()
    return any(m.end() == len(before) for m in lex.place_before.finditer(before))
