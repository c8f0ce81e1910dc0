"""Fixed vocabularies of the crisis structure, with Dutch and English labels."""

from __future__ import annotations

# The LNAZ scale-up phases (seed 003), lowest first. Dutch meaning first, English second.
PHASES: dict[str, tuple[str, str]] = {
    "1a": (
        "Normaal: reguliere zorg met dagelijkse piekbelasting, zorgcontinuïteit niet bedreigd",
        "Normal care with daily peaks, continuity not threatened",
    ),
    "1b": (
        "Zware of ongelijke druk op één of meer ziekenhuizen (incl. SEH) binnen één ROAZ-regio",
        "Heavy or uneven pressure on hospitals within one ROAZ region",
    ),
    "2a": (
        "Grote of ongelijke druk op de ziekenhuiszorg in één ROAZ-regio; "
        "lokaal en regionaal oplossen",
        "Heavy pressure on hospital care in one ROAZ region; solved locally and regionally",
    ),
    "2b": (
        "Grote of ongelijke druk op de ziekenhuiszorg in meerdere ROAZ-regio's; "
        "lokaal en regionaal oplossen",
        "Heavy pressure on hospital care in several ROAZ regions",
    ),
    "2c": (
        "Grote of ongelijke druk op de ziekenhuiszorg in alle ROAZ-regio's; "
        "vanaf 2c is landelijke regie nodig",
        "Heavy pressure in all ROAZ regions; national direction needed from 2c",
    ),
    "2d": (
        "Landelijke zorgcontinuïteit ernstig in gevaar: meerdere regio's kunnen kritiek "
        "planbare en (semi-)acute zorg niet meer waarborgen",
        "National continuity of care seriously at risk",
    ),
    "3": (
        "Crisiszorg (code zwart): alleen landelijk door de minister afgekondigd",
        "Crisis care ('code zwart'), declared only nationally by the minister",
    ),
}
PHASE_ORDER: tuple[str, ...] = tuple(PHASES)
# A region without a recorded phase is taken to be in the lowest one.
DEFAULT_PHASE = "1a"
NATIONAL_PHASE = "3"

REGION_KINDS: dict[str, tuple[str, str]] = {
    "roaz": ("ROAZ-regio", "ROAZ region"),
    "veiligheidsregio": ("Veiligheidsregio", "Safety region"),
}

LOG_KINDS: dict[str, tuple[str, str]] = {
    "besluit": ("Besluit", "Decision"),
    "gebeurtenis": ("Gebeurtenis", "Event"),
    "fase": ("Fasewijziging", "Phase change"),
    "noodscenario": ("Noodscenario", "Emergency scenario"),
    "maatregel": ("Maatregel", "Measure"),
    "correctie": ("Correctie", "Correction"),
    "uitval": ("Uitval", "Outage"),
    "sitrap": ("Sitrap", "Situation report"),
    "belronde": ("Belronde", "Call round"),
}
# Kinds a user writes directly; the others are written by the command that changes the state.
FREE_LOG_KINDS = ("besluit", "gebeurtenis", "correctie")
WRITTEN_BY: dict[str, str] = {
    "fase": "set_phase (CLI: phase set)",
    "noodscenario": "set_noodscenario (CLI: phase noodscenario)",
    "maatregel": "set_measure_active (CLI: measures set)",
    "uitval": "declare_outage / end_outage (CLI: outage declare, outage end)",
    "sitrap": "make_sitrap (CLI: sitrap make)",
    "belronde": "close_round (CLI: round close)",
}

# For 'noodscenario' entries, phase_from/phase_to hold the scenario's state before and after.
NOODSCENARIO_ON = "aan"
NOODSCENARIO_OFF = "uit"


def phase_rank(phase: str | None) -> int:
    """Position on the LNAZ scale; an unknown or missing phase counts as the lowest."""
    return PHASE_ORDER.index(phase) if phase in PHASE_ORDER else 0


def phase_label(phase: str | None, lang: str = "nl") -> str:
    pair = PHASES.get(phase or "")
    if pair is None:
        return phase or ""
    return pair[0] if lang == "nl" else pair[1]
