"""Declare or end an outage of the region: a logged decision, written by the core."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from resilient_zcc.crisis.common import device_label
from resilient_zcc.crisis.outage import OUTAGE_KINDS, Outage, declare_outage, end_outage

from ..errors import show_error
from ..i18n import add_catalogue, language, tr
from ..session import Session
from .submit import FormDialog

add_catalogue(
    {
        "Declare outage": "Uitval afkondigen",
        "End outage": "Uitval beëindigen",
        "&Kind:": "&Soort:",
        "&Area:": "&Gebied:",
        "municipalities, comma-separated; empty: the whole region": (
            "gemeenten, met komma's; leeg: de hele regio"
        ),
        "E&xpected to last:": "&Verwachte duur:",
        "unknown": "onbekend",
        " hours": " uur",
        "&Decided by:": "&Besloten door:",
        "e.g. DPG Twente": "bijv. DPG Twente",
        "&Explanation:": "&Toelichting:",
        "optional": "optioneel",
        "&Record decision": "Besluit &vastleggen",
        "&Cancel": "&Annuleren",
        "Ctrl+Enter records the decision; it is added to the logbook.": (
            "Ctrl+Enter legt het besluit vast; het komt in het logboek."
        ),
        "Ending: {outage}": "Beëindigen: {outage}",
    }
)


def _buddy(text: str, widget: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(widget)
    return label


class OutageDialog(FormDialog):
    """Declare an outage (`outage` None) or end the one given."""

    def __init__(
        self,
        session: Session,
        region_id: str,
        outage: Outage | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(session, parent)
        self.region_id = region_id
        self.outage = outage
        self.setWindowTitle(tr("End outage") if outage else tr("Declare outage"))
        self.kind = QComboBox()
        for code, (dutch, english) in OUTAGE_KINDS.items():
            self.kind.addItem(dutch if language() == "nl" else english, code)
        self.area = QLineEdit()
        self.area.setPlaceholderText(tr("municipalities, comma-separated; empty: the whole region"))
        self.duration = QSpinBox()
        self.duration.setRange(0, 24 * 30)
        self.duration.setSpecialValueText(tr("unknown"))
        self.duration.setSuffix(tr(" hours"))
        self.decided_by = QLineEdit()
        self.decided_by.setPlaceholderText(tr("e.g. DPG Twente"))
        self.text = QLineEdit()
        self.text.setPlaceholderText(tr("optional"))
        form = QFormLayout()
        if outage is None:
            form.addRow(_buddy(tr("&Kind:"), self.kind), self.kind)
            form.addRow(_buddy(tr("&Area:"), self.area), self.area)
            form.addRow(_buddy(tr("E&xpected to last:"), self.duration), self.duration)
        else:
            from ..outage_presenter import outage_line

            what = QLabel(tr("Ending: {outage}", outage=outage_line(outage)))
            what.setWordWrap(True)
            form.addRow(what)
        form.addRow(_buddy(tr("&Decided by:"), self.decided_by), self.decided_by)
        form.addRow(_buddy(tr("&Explanation:"), self.text), self.text)
        buttons = QDialogButtonBox()
        cancel = buttons.addButton(tr("&Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setAutoDefault(False)
        self.ok = buttons.addButton(tr("&Record decision"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setAutoDefault(False)  # a decision: Ctrl+Enter or the button, not Enter
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        hint = QLabel(tr("Ctrl+Enter records the decision; it is added to the logbook."))
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)

    def save(self) -> None:
        store, now = self.session.store, datetime.now(UTC)
        try:
            if self.outage is None:
                hours = self.duration.value()
                declare_outage(
                    store,
                    self.region_id,
                    self.kind.currentData(),
                    decided_by=self.decided_by.text(),
                    recorded_by=device_label(store),
                    now=now,
                    area=self.area.text(),
                    expected_end=now + timedelta(hours=hours) if hours else None,
                    text=self.text.text(),
                )
            else:
                end_outage(
                    store,
                    self.outage.id,
                    decided_by=self.decided_by.text(),
                    recorded_by=device_label(store),
                    now=now,
                    text=self.text.text(),
                )
        except Exception as exc:  # one path for every error; the dialog stays open
            show_error(self, exc)
            return
        self.session.changed()
        self.accept()
