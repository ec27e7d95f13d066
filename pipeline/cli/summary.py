"""What `milliard extract` shows on a terminal: per document, a line that says what it is
and a table of its records (with their investors), then its warnings or its error."""
from __future__ import annotations

from milliard.cli.batch import money_text, plural, printable


class TableOut:
    """A stand-in for stdout that shows each result as it comes."""

    def __init__(self, mentions: bool = False):
        from rich.console import Console

        self.console, self.mentions = Console(), mentions
        if not self.console.is_terminal:
            self.console.width = max(self.console.width, 160)  # a pipe or a file: do not squeeze to 80 columns

    def flush(self) -> None:
        """Nothing buffered: each result is shown when it comes."""

    def show(self, result) -> None:
        from rich.text import Text

        head = f"{printable(result.id)}  ·  {result.lang or 'language unknown'}  ·  {plural(len(result.records), 'record')}"
        if self.mentions:
            head += (f"  ·  {plural(len(result.amounts), 'amount')}, {plural(len(result.dates), 'date')}, "
                     f"{len(result.entities)} {'entity' if len(result.entities) == 1 else 'entities'}")
        # soft_wrap: the line is not cut at the console width (80 off a terminal), so a long id
        # never splits "1 record" across two lines; a terminal wraps it as it likes
        self.console.print(Text(head, style="bold"), soft_wrap=True)
        if result.error:
            self.console.print(Text(f"  error {result.error.code}: {printable(result.error.message)}", style="red"))
        if result.records:
            self.console.print(records_table(result.records))
        for w in [*result.warnings, *(w for r in result.records for w in r.warnings)]:
            self.console.print(Text(f"  warning {w.code}: {printable(w.message)}", style="yellow"))
        self.console.print()


def records_table(records):
    from rich.table import Table
    from rich.text import Text

    out = Table(show_edge=False, pad_edge=False)
    for name in ("company", "kind", "amount", "currency", "round", "announced", "investors"):
        out.add_column(name, justify="right" if name == "amount" else "left", overflow="fold")
    for r in records:
        money = r.amount
        cells = (r.company or "-", r.kind, money_text(money.value, money.low, money.high) if money else "",
                 (money.currency or "") if money else "", r.round or "", r.announced or "", investors(r.parties))
        out.add_row(*(Text(printable(c)) for c in cells))  # Text: a `[` in a name is not rich markup
    return out


def investors(parties) -> str:
    """'Fonds A (lead), Fonds B': the investors of a record, leads first."""
    shown = [p for p in parties if p.role in ("lead_investor", "investor")]
    shown.sort(key=lambda p: p.role != "lead_investor")
    return ", ".join(f"{p.name} (lead)" if p.role == "lead_investor" else p.name for p in shown)
