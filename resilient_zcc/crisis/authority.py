"""Who decides which LNAZ phase, as data: the phase rules, the CLI help, the desktop dialog
and the printed "Wie besluit wat" all read this one table.

Sources: seed 003 ("Vanaf fase 2C is landelijke regie en sturing nodig"; 2a and 2b are
solved locally and regionally) and seed 000 ("Het afkondigen van fase 3 is een besluit van
de minister voor Medische Zorg en Sport", on LNAZ advice after a quick verification by IGJ
and NZa). A region records a national decision as such, with its source and date, never as
its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n import Text
from .vocabulary import PHASE_ORDER, phase_rank

REGIONAL = "regionaal"
NATIONAL = "landelijk"
MINISTER = "minister"


@dataclass(frozen=True)
class Authority:
    """The body and how it decides (Dutch in messages_nl.py), and the words one of which
    decided_by must contain (lower case)."""

    level: str  # REGIONAL, NATIONAL or MINISTER
    body: Text  # the deciding body
    how: Text  # how the decision comes about
    names: tuple[str, ...] = ()

    @property
    def national(self) -> bool:
        return self.level != REGIONAL

    def label(self, lang: str = "nl") -> str:
        return self.body.render(lang)

    def procedure(self, lang: str = "nl") -> str:
        return self.how.render(lang)


_REGIONAL = Authority(
    REGIONAL,
    Text("the bestuurlijk ROAZ"),
    Text(
        "Regional decision: weighed in the bestuurlijk ROAZ (chaired by the DPG); problems "
        "are solved locally and regionally."
    ),
    ("roaz", "dpg"),
)
_NATIONAL = Authority(
    NATIONAL,
    Text("national direction (LNAZ, ministry of VWS)"),
    Text(
        "National decision: from phase 2c national direction is needed. The region records "
        "the national decision with its source and date, not as its own."
    ),
    ("lnaz", "vws", "minister", "landelijk", "lcps"),
)
_MINISTER = Authority(
    MINISTER,
    Text("the minister for Medische Zorg en Sport"),
    Text(
        "Only nationally, by the minister for Medische Zorg en Sport, on the LNAZ's advice "
        "after a quick verification by the IGJ (quality) and the NZa (access); only once "
        "every option of phase 2 is used."
    ),
    ("minister",),
)

AUTHORITY: dict[str, Authority] = {
    "1a": _REGIONAL,
    "1b": _REGIONAL,
    "2a": _REGIONAL,
    "2b": _REGIONAL,
    "2c": _NATIONAL,
    "2d": _NATIONAL,
    "3": _MINISTER,
}
assert tuple(AUTHORITY) == PHASE_ORDER

# The regional noodscenario (seed 000): "Dan kan de DPG in samenspraak met het ROAZ en de
# voorzitter van Veiligheidsregio Twente, met goedkeuring van de minister van VWS besluiten".
NOODSCENARIO_RULE = Text(
    "Regional noodscenario: decided by the DPG, in consultation with the ROAZ and the chair of "
    "the safety region, with the approval of the minister of VWS; then aligned with the LNAZ "
    "kernteam."
)
APPROVAL_GRANTED = "verleend"
APPROVAL_PENDING = "in afwachting"


def authority_for(phase_from: str | None, phase_to: str) -> Authority:
    """Who decides a change: the body of the higher phase (leaving a national phase is as
    national as entering it)."""
    higher = max((p for p in (phase_from, phase_to) if p), key=phase_rank)
    return AUTHORITY[higher]


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def authority_rows(lang: str = "nl") -> list[dict[str, str]]:
    """The table grouped for display: phases, level, deciding body, how."""
    rows: list[dict[str, str]] = []
    for phase, auth in AUTHORITY.items():
        if rows and rows[-1]["level"] == auth.level:
            rows[-1]["phases"] = rows[-1]["phases"].split("–")[0] + "–" + phase
            continue
        rows.append(
            {
                "phases": phase,
                "level": auth.level,
                "body": _capital(auth.label(lang)),
                "how": auth.procedure(lang),
            }
        )
    return rows


def help_text() -> str:
    """One line per group, for the CLI's help (in English, as all its help)."""
    return "; ".join(f"{r['phases']}: {r['body']}" for r in authority_rows("en")) + "."
