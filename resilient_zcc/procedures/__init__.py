"""Fallback procedures (uitvalprocedures) of care institutions, per incident type.

A procedure is an ordered list of steps; each step names a function, not a person, so
the answer to "who do I call" is resolved against the rota when the procedure is read or
printed. `model` changes procedures, `queries` resolves them.
"""

from __future__ import annotations

# Incident types with Dutch and English labels.
INCIDENT_TYPES: dict[str, tuple[str, str]] = {
    "stroomuitval": ("Langdurige stroomuitval", "Prolonged power outage"),
    "ict_uitval": ("Uitval ICT", "ICT failure"),
    "telefonie_uitval": ("Uitval telefonie", "Telephony failure"),
    "uitval_water": ("Uitval drinkwater", "Water supply failure"),
    "uitval_medische_gassen": ("Uitval medische gassen / zuurstof", "Medical gas failure"),
    "brand_ontruiming": ("Brand en ontruiming", "Fire and evacuation"),
}
