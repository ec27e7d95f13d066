"""Who is the company of one clause and what role each other name plays, by event kind:
a raise's subject receives, "X investit dans Y" / "la Région accorde 2 M€ à Y" make X the
investor and Y the company, "X rachète Y" / "Y racheté par X" make X the acquirer and Y the
target (the company)."""
from __future__ import annotations

from milliard.records.names import Name
from milliard.records.roles import Clause
from milliard.records.salience import main_subject

Roles = list[tuple[str, str]]


def clause_roles(c: Clause) -> tuple[Name | None, Roles]:
    """(company, [(party name, role)]) of one clause."""
    roles = [(n.name, "lead_investor") for n in c.names("lead_investor")]
    if c.kind != "acquisition":  # "acquiert le capital auprès de business angels": they sell
        roles += [(n.name, "investor") for n in c.names("investor")]
    roles += [(n.name, "partner") for n in c.names("partner")]
    subject = main_subject(c)
    if c.kind == "acquisition":
        company, more = _acquisition_roles(c, subject)
        return company, roles + more
    company, more = _money_roles(c, subject)
    roles += more
    if company is not None:
        roles.insert(0, (company.name, "recipient"))
    return company, roles


def _acquisition_roles(c: Clause, subject: list[Name]) -> tuple[Name | None, Roles]:
    objects, buyers = c.objects, c.names("acquirer_after")
    if buyers:  # "Y racheté par X", "rachat de Y par X"
        company = objects[0] if objects else (subject[0] if subject else None)
        roles = [(n.name, "acquirer") for n in buyers]
        if not c.sells:  # "X cède sa filiale Y à Z": X sells, it buys nothing
            roles += [(n.name, "acquirer") for n in subject if n is not company]
    else:  # "X rachète Y"; "X cède sa participation dans Y": X sells, the buyer is not named here
        company = objects[0] if objects else (subject[0] if c.sells and subject else None)
        roles = [] if c.sells else [(n.name, "acquirer") for n in subject]
    if company is not None:
        roles.append((company.name, "target"))
    return company, roles


def _money_roles(c: Clause, subject: list[Name]) -> tuple[Name | None, Roles]:
    """Raises, funds, stakes, loans and grants."""
    objects, partners = c.objects, c.names("partner")
    if c.kind == "investment" or _funder_gives(c, subject):
        # "X investit dans Y", "Bpifrance accorde à Y"
        return (objects[0] if objects else None), [(n.name, "investor") for n in subject]
    if (partners and not subject) or _investors_together(c, subject):
        return None, [(n.name, "partner") for n in subject]  # "BlackRock et Microsoft lèvent…"
    if _founder_raises(c, subject):
        return c.names("founded")[0], []  # "Cofondateur de X, Paul Y vient de lever 5 M€"
    if subject:
        # "X obtient un prêt de 75 M€ de la BEI": a known investor after the trigger invests
        return subject[0], [(n.name, "investor") for n in objects if n.investor]
    if objects and not partners:
        return objects[0], []  # "levée de fonds de 5 M€ pour X"
    return None, []


def _founder_raises(c: Clause, subject: list[Name]) -> bool:
    """A raise whose subject is only people (or unnamed) and that names the company they founded."""
    return c.kind == "funding_round" and bool(c.names("founded")) and all(n.label == "PER" for n in subject)


def _investors_together(c: Clause, subject: list[Name]) -> bool:
    """Several known investors raising together are partners of a vehicle, not its company."""
    return len(subject) >= 2 and c.kind in ("funding_round", "fund_raise") and all(n.investor for n in subject)


def _funder_gives(c: Clause, subject: list[Name]) -> bool:
    """A known investor subject of a grant or loan to a name that is not one; any subject
    lending money "à X" ("Y prête 14 M€ à X", "accorde un prêt de 15 M€ à X")."""
    if c.kind not in ("grant", "debt") or not subject:
        return False
    if c.gives or not c.objects:
        return c.gives  # "X pourrait prêter 20 M€ au quotidien": the borrower may be unnamed
    return (subject[0].investor and not c.objects[0].investor) or c.receiver is c.objects[0]
