"""Record a decision on the LNAZ phase or the noodscenario; the core writes the log entry."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from resilient_zcc.crisis import phases
from resilient_zcc.crisis.authority import (
    APPROVAL_GRANTED,
    APPROVAL_PENDING,
    NOODSCENARIO_RULE,
    authority_for,
)
from resilient_zcc.crisis.common import device_label
from resilient_zcc.crisis.vocabulary import PHASE_ORDER, phase_label

from ..errors import show_error
from ..i18n import add_catalogue, language, tr
from ..session import Session
from .submit import FormDialog, SubmitEdit

add_catalogue(
    {
        "Set phase": "Fase wijzigen",
        "Declare noodscenario": "Noodscenario afkondigen",
        "End noodscenario": "Noodscenario beëindigen",
        "Phase {phase}": "Fase {phase}",
        "Phase {phase} (current)": "Fase {phase} (huidig)",
        "New &phase:": "Nieuwe &fase:",
        "&Decided by:": "&Besloten door:",
        "On whose &advice:": "Op a&dvies van:",
        "P&icture:": "B&eeld:",
        "&Explanation:": "&Toelichting:",
        "e.g. Bestuurlijk ROAZ Euregio or DPG Twente": (
            "bijv. Bestuurlijk ROAZ Euregio of DPG Twente"
        ),
        "e.g. ZCC meeting and RCPS": "bijv. ZCC-overleg en RCPS",
        "The situation the decision rests on: occupancy, pressure reported by the chain "
        "partners…": (
            "Het beeld waarop besloten is: bezetting, druk gemeld door de ketenpartners…"
        ),
        "What this means for the region (optional)": "Wat dit betekent voor de regio (optioneel)",
        "&National decision, recorded by the region (2c, 2d and 3 are not the region's own)": (
            "&Landelijk besluit, door de regio vastgelegd (2c, 2d en 3 zijn geen eigen besluit "
            "van de regio)"
        ),
        "Who decides: {body}. {how}": "Wie besluit: {body}. {how}",
        "&Source of the national decision:": "&Bron van het landelijke besluit:",
        "Date of the national &decision:": "&Datum van het landelijke besluit:",
        "e.g. Kamerbrief minister MZS or LNAZ-bericht": (
            "bijv. Kamerbrief minister MZS of LNAZ-bericht"
        ),
        "YYYY-MM-DD": "JJJJ-MM-DD",
        "Chair of the &safety region consulted:": "&Voorzitter veiligheidsregio (i.o.m.):",
        "e.g. Voorzitter Veiligheidsregio Twente": "bijv. Voorzitter Veiligheidsregio Twente",
        "Approval of the minister of &VWS:": "Goedkeuring minister van &VWS:",
        "granted": "verleend",
        "pending": "in afwachting",
        "e.g. DPG Twente": "bijv. DPG Twente",
        "&Record decision": "Besluit &vastleggen",
        "&Cancel": "&Annuleren",
        "Ctrl+Enter records the decision; it is added to the logbook.": (
            "Ctrl+Enter legt het besluit vast; het komt in het logboek."
        ),
    }
)


class PhaseDialog(FormDialog):
    """Set the phase (`noodscenario=None`) or switch the noodscenario on/off (True/False)."""

    def __init__(
        self,
        session: Session,
        region_id: str,
        current_phase: str,
        noodscenario: bool | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(session, parent)
        self.region_id = region_id
        self.noodscenario = noodscenario
        if noodscenario is None:
            title = tr("Set phase")
        elif noodscenario:
            title = tr("Declare noodscenario")
        else:
            title = tr("End noodscenario")
        self.setWindowTitle(title)
        self.phase = QComboBox()
        for code in PHASE_ORDER:
            text = (
                tr("Phase {phase} (current)", phase=code)
                if code == current_phase
                else tr("Phase {phase}", phase=code)
            )
            self.phase.addItem(text, code)
        # The next phase up is the usual decision; the current one would be refused.
        rank = PHASE_ORDER.index(current_phase) if current_phase in PHASE_ORDER else 0
        self.phase.setCurrentIndex(rank + 1 if rank + 1 < len(PHASE_ORDER) else rank - 1)
        self.meaning = QLabel()
        self.meaning.setWordWrap(True)
        self.authority = QLabel()
        self.authority.setWordWrap(True)
        self.national = QCheckBox(
            tr("&National decision, recorded by the region (2c, 2d and 3 are not the region's own)")
        )
        self.national_source = QLineEdit()
        self.national_source.setPlaceholderText(tr("e.g. Kamerbrief minister MZS or LNAZ-bericht"))
        self.national_date = QLineEdit()
        self.national_date.setPlaceholderText(tr("YYYY-MM-DD"))
        self.safety_chair = QLineEdit()
        self.safety_chair.setPlaceholderText(tr("e.g. Voorzitter Veiligheidsregio Twente"))
        self.approval = QComboBox()
        self.approval.addItem(tr("pending"), APPROVAL_PENDING)
        self.approval.addItem(tr("granted"), APPROVAL_GRANTED)
        self.decided_by = QLineEdit()
        self.decided_by.setPlaceholderText(
            tr("e.g. DPG Twente")
            if noodscenario is not None
            else tr("e.g. Bestuurlijk ROAZ Euregio or DPG Twente")
        )
        self.advised_by = QLineEdit()
        self.advised_by.setPlaceholderText(tr("e.g. ZCC meeting and RCPS"))
        self.picture = SubmitEdit(3)
        self.picture.setPlaceholderText(
            tr(
                "The situation the decision rests on: occupancy, pressure reported by the chain "
                "partners…"
            )
        )
        self.text = SubmitEdit(2)
        self.text.setPlaceholderText(tr("What this means for the region (optional)"))
        form = QFormLayout()
        if noodscenario is None:
            form.addRow(self._buddy(tr("New &phase:"), self.phase), self.phase)
            form.addRow("", self.meaning)
            form.addRow("", self.authority)
            form.addRow("", self.national)
            form.addRow(
                self._buddy(tr("&Source of the national decision:"), self.national_source),
                self.national_source,
            )
            form.addRow(
                self._buddy(tr("Date of the national &decision:"), self.national_date),
                self.national_date,
            )
        else:
            self.authority.setText(NOODSCENARIO_RULE.render(language()))
            form.addRow("", self.authority)
        form.addRow(self._buddy(tr("&Decided by:"), self.decided_by), self.decided_by)
        if noodscenario:
            form.addRow(
                self._buddy(tr("Chair of the &safety region consulted:"), self.safety_chair),
                self.safety_chair,
            )
            form.addRow(
                self._buddy(tr("Approval of the minister of &VWS:"), self.approval), self.approval
            )
        form.addRow(self._buddy(tr("On whose &advice:"), self.advised_by), self.advised_by)
        form.addRow(self._buddy(tr("P&icture:"), self.picture), self.picture)
        form.addRow(self._buddy(tr("&Explanation:"), self.text), self.text)
        buttons = QDialogButtonBox()
        cancel = buttons.addButton(tr("&Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setAutoDefault(False)
        self.ok = buttons.addButton(tr("&Record decision"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setAutoDefault(False)  # a weighty decision: Ctrl+Enter or the button, not Enter
        self.ok.setDefault(False)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        hint = QLabel(tr("Ctrl+Enter records the decision; it is added to the logbook."))
        hint.setStyleSheet("color: palette(mid);")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.picture.submitted.connect(self.submit)
        self.text.submitted.connect(self.submit)
        self.phase.currentIndexChanged.connect(self._show_meaning)
        self.current_phase = current_phase
        self._show_meaning()
        self.setMinimumWidth(620)

    def _buddy(self, text: str, widget: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(widget)
        return label

    def _show_meaning(self) -> None:
        code = str(self.phase.currentData())
        self.meaning.setText(phase_label(code, language()))
        if self.noodscenario is not None:
            return
        # Who decides comes from the core's authority table; the core checks it too.
        auth = authority_for(self.current_phase, code)
        self.authority.setText(
            tr(
                "Who decides: {body}. {how}",
                body=auth.body.render(language()),
                how=auth.how.render(language()),
            )
        )
        self.national.setStyleSheet("font-weight: bold;" if auth.national else "")

    def save(self) -> None:
        """Record the decision through the core; on an error the dialog stays open."""
        store = self.session.store
        now = datetime.now(UTC)
        try:
            if self.noodscenario is None:
                phases.set_phase(
                    store,
                    self.region_id,
                    str(self.phase.currentData()),
                    self.decided_by.text(),
                    self.advised_by.text(),
                    self.picture.toPlainText(),
                    self.text.toPlainText(),
                    now,
                    device_label(store),
                    national=self.national.isChecked(),
                    national_source=self.national_source.text(),
                    national_date=self.national_date.text(),
                )
            else:
                phases.set_noodscenario(
                    store,
                    self.region_id,
                    self.noodscenario,
                    self.decided_by.text(),
                    self.advised_by.text(),
                    self.picture.toPlainText(),
                    self.text.toPlainText(),
                    now,
                    device_label(store),
                    safety_chair=self.safety_chair.text(),
                    approval=str(self.approval.currentData()) if self.noodscenario else "",
                )
        except Exception as exc:  # one path for every error
            show_error(self, exc)
            return
        self.session.changed()
        self.accept()
