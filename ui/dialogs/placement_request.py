"""Register a placement request: the core's fields, nothing more (no name, no BSN)."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from resilient_zcc.capacity.categories import all_categories
from resilient_zcc.crisis.common import device_label
from resilient_zcc.placements import model as placements_model
from resilient_zcc.placements.vocabulary import (
    AGE_BANDS,
    CARE_NEEDS,
    COVID_STATUSES,
    TRANSPORTS,
    URGENCIES,
    categories_for,
    label,
)

from ..errors import show_error
from ..i18n import add_catalogue, language, tr
from ..session import Session
from .prompt import TextEdit

add_catalogue(
    {
        "Register placement request": "Plaatsingsaanvraag aanmelden",
        "Only what placement needs: the referrer's form number, never a name or BSN.": (
            "Alleen wat plaatsing nodig heeft: het formuliernummer van de verwijzer, nooit een "
            "naam of BSN."
        ),
        "Reference (form number)": "Referentie (formuliernummer)",
        "e.g. TW-2026-0001": "bijv. TW-2026-0001",
        "Age band": "Leeftijdscategorie",
        "(not given)": "(niet opgegeven)",
        "COVID status": "COVID-status",
        "Care need": "Zorgvraag",
        "Urgency": "Urgentie",
        "Transport": "Vervoer",
        "Current location": "Huidige verblijfplaats",
        "Care": "Zorg",
        "Oxygen": "Zuurstof",
        "HFNO (high-flow oxygen)": "HFNO (high-flow zuurstof)",
        "Isolation": "Isolatie",
        "Post-operative": "Postoperatief",
        "Local route tried first": "Lokale route eerst geprobeerd",
        "The referrer tried the regular route (own network, usual referral) first: the ZCC acts "
        "when that no longer suffices.": (
            "De verwijzer heeft eerst de gewone route geprobeerd (eigen netwerk, gebruikelijke "
            "verwijzing): het ZCC treedt op als die niet meer volstaat."
        ),
        "Treatment wishes (ACP)": "Behandelwensen (ACP)",
        "No IC admission": "Geen IC-opname",
        "No resuscitation": "Niet reanimeren",
        "No hospital admission": "Geen ziekenhuisopname",
        "Treatment limits": "Behandelbeperkingen",
        "Wishes": "Wensen",
        "Register": "Aanmelden",
    }
)


class RegisterRequestDialog(QDialog):
    """On success `request_id` holds the new request's id and the dialog is accepted."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.request_id = ""
        lang = language()
        self.setWindowTitle(tr("Register placement request"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        intro = QLabel(
            tr("Only what placement needs: the referrer's form number, never a name or BSN.")
        )
        intro.setWordWrap(True)
        self.reference = QLineEdit()
        self.reference.setPlaceholderText(tr("e.g. TW-2026-0001"))
        self.reference.setMaxLength(32)
        self.age_band = QComboBox()
        self.age_band.addItem(tr("(not given)"), "")
        self.covid = QComboBox()
        self.care_need = QComboBox()
        self.category = QComboBox()
        self.urgency = QComboBox()
        self.transport = QComboBox()
        for box, vocabulary in (
            (self.age_band, AGE_BANDS),
            (self.covid, COVID_STATUSES),
            (self.urgency, URGENCIES),
            (self.transport, TRANSPORTS),
        ):
            for code in vocabulary:
                box.addItem(label(vocabulary, code, lang), code)
        self.covid.setCurrentIndex(self.covid.findData("onbekend"))
        self.transport.setCurrentIndex(self.transport.findData("ambulance"))
        for code, entry in CARE_NEEDS.items():
            self.care_need.addItem(entry[0] if lang == "nl" else entry[1], code)
        self.care_need.currentIndexChanged.connect(self.fill_categories)
        self.current_location = QLineEdit()
        self.oxygen = QCheckBox(tr("Oxygen"))
        self.hfno = QCheckBox(tr("HFNO (high-flow oxygen)"))
        self.isolation = QCheckBox(tr("Isolation"))
        self.hfno.toggled.connect(self.hfno_transport)
        self.postoperative = QCheckBox(tr("Post-operative"))
        self.local_route = QCheckBox(tr("Local route tried first"))
        self.local_route.setToolTip(
            tr(
                "The referrer tried the regular route (own network, usual referral) first: the "
                "ZCC acts when that no longer suffices."
            )
        )
        self.no_ic = QCheckBox(tr("No IC admission"))
        self.no_resuscitation = QCheckBox(tr("No resuscitation"))
        self.no_hospital = QCheckBox(tr("No hospital admission"))
        self.treatment_limits = TextEdit(2)
        self.wishes = TextEdit(2)

        form = QFormLayout()
        form.addRow(tr("Reference (form number)"), self.reference)
        form.addRow(tr("Urgency"), self.urgency)
        form.addRow(tr("Care need"), self.care_need)
        form.addRow(tr("Category"), self.category)
        form.addRow(tr("Age band"), self.age_band)
        form.addRow(tr("COVID status"), self.covid)
        form.addRow(tr("Transport"), self.transport)
        form.addRow(tr("Current location"), self.current_location)
        form.addRow("", self.local_route)
        care = QGroupBox(tr("Care"))
        care_layout = QHBoxLayout(care)
        for check in (self.oxygen, self.hfno, self.isolation, self.postoperative):
            care_layout.addWidget(check)
        care_layout.addStretch()
        acp = QGroupBox(tr("Treatment wishes (ACP)"))
        acp_layout = QGridLayout(acp)
        acp_layout.addWidget(self.no_ic, 0, 0)
        acp_layout.addWidget(self.no_resuscitation, 0, 1)
        acp_layout.addWidget(self.no_hospital, 0, 2)
        acp_form = QFormLayout()
        acp_form.addRow(tr("Treatment limits"), self.treatment_limits)
        acp_form.addRow(tr("Wishes"), self.wishes)
        acp_layout.addLayout(acp_form, 1, 0, 1, 3)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(tr("Register"))
        self.ok.setToolTip(tr("Ctrl+Enter confirms."))
        self.buttons.accepted.connect(self.register)
        self.buttons.rejected.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.register)
        self.treatment_limits.submitted.connect(self.register)
        self.wishes.submitted.connect(self.register)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(care)
        layout.addWidget(acp)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(600)
        self.fill_categories()
        self.reference.setFocus()

    def hfno_transport(self, on: bool) -> None:
        """HFNO needs an adapted ambulance (ambulance+): offer it as soon as HFNO is ticked."""
        if on:
            self.transport.setCurrentIndex(self.transport.findData("ambulance_plus"))

    def fill_categories(self) -> None:
        """The categories that can give the chosen care need (the usual one first)."""
        names = all_categories(self.session.store) if self.session.is_unlocked else {}
        self.category.clear()
        for code in categories_for(self.care_need.currentData() or ""):
            info = names.get(code)
            text = (info.name if language() == "nl" else info.name_en) if info else code
            self.category.addItem(text, code)

    def register(self) -> None:
        store = self.session.store
        try:
            self.request_id = placements_model.register_request(
                store,
                reference=self.reference.text(),
                category=self.category.currentData() or "",
                care_need=self.care_need.currentData(),
                urgency=self.urgency.currentData(),
                by=device_label(store),
                now=datetime.now(UTC),
                age_band=self.age_band.currentData(),
                covid_status=self.covid.currentData(),
                current_location=self.current_location.text(),
                wishes=self.wishes.toPlainText(),
                treatment_limits=self.treatment_limits.toPlainText(),
                acp_no_ic=self.no_ic.isChecked(),
                acp_no_resuscitation=self.no_resuscitation.isChecked(),
                acp_no_hospital=self.no_hospital.isChecked(),
                oxygen=self.oxygen.isChecked(),
                hfno=self.hfno.isChecked(),
                isolation=self.isolation.isChecked(),
                transport=self.transport.currentData(),
                postoperative=self.postoperative.isChecked(),
                local_route_tried=self.local_route.isChecked(),
            )
        except Exception as exc:  # one path for every error; the form stays filled in
            show_error(self, exc)
            return
        self.session.changed()
        self.accept()
