"""Crisisstructuur: the phase and the decision behind it, the escalation path, the ZCC task
cards with their holders now, and the measures of this phase (switch on/off, logged)."""

from __future__ import annotations

from datetime import UTC, datetime
from html import escape
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from resilient_zcc.contacts.vocabulary import CHANNEL_KINDS, label
from resilient_zcc.crisis import measures as measures_model
from resilient_zcc.crisis.common import device_label
from resilient_zcc.crisis.escalation import escalation_path
from resilient_zcc.crisis.phases import phase_state
from resilient_zcc.crisis.regions import default_region
from resilient_zcc.crisis.taskcards import list_task_cards, task_card
from resilient_zcc.errors import ZccError

from ..dialogs.phase import PhaseDialog
from ..errors import show_error
from ..format import local
from ..i18n import add_catalogue, language, tr
from ..models.rows import Column, RowsModel
from ..session import Session
from .page import Page
from .tables import row_table

add_catalogue(
    {
        "Region: {region}": "Regio: {region}",
        "since {since}": "sinds {since}",
        "decided by {by}": "besloten door {by}",
        "on the advice of {by}": "op advies van {by}",
        "Picture": "Beeld",
        "Explanation": "Toelichting",
        "Noodscenario: ON since {since}, decided by {by}": (
            "Noodscenario: AAN sinds {since}, besloten door {by}"
        ),
        "&Set phase…": "&Fase wijzigen…",
        "&Noodscenario…": "&Noodscenario…",
        "Escalation path": "Escalatiepad",
        "ZCC functions": "ZCC-functies",
        "Measures ({n} active)": "Maatregelen ({n} actief)",
        "Each organisation's own crisis coordinator ({n} in the directory; search them in "
        "Contacts).": (
            "De eigen crisiscoördinator van elke organisatie ({n} in het adresboek; zoek ze op "
            "bij Contacten)."
        ),
        "Not in the directory.": "Niet in het adresboek.",
        "Nobody holds this function now.": "Niemand vervult deze functie nu.",
        "on duty": "in dienst",
        "Function": "Functie",
        "Held now by": "Nu vervuld door",
        "Mandate": "Mandaat",
        "Actions in order": "Acties op volgorde",
        "from phase {phase}, not yet": "vanaf fase {phase}, nog niet",
        "from phase {phase}": "vanaf fase {phase}",
        "Held now by (channels in fallback order)": "Nu vervuld door (kanalen in terugvalvolgorde)",
        "Measure": "Maatregel",
        "No.": "Nr.",
        "Applies from": "Geldt vanaf",
        "Binding from": "Verplicht vanaf",
        "In this phase": "In deze fase",
        "Active": "Actief",
        "binding": "verplicht",
        "applies": "van toepassing",
        "not yet": "nog niet",
        "since {when}": "sinds {when}",
        "no": "nee",
        "Bold on yellow: binding in this phase but not active.": (
            "Vet op geel: verplicht in deze fase maar niet actief."
        ),
        "Who decided (e.g. Bestuurlijk ROAZ)": "Wie besloot (bijv. Bestuurlijk ROAZ)",
        "Decided &by:": "Besloten &door:",
        "Switch &on": "&Inzetten",
        "Deviation": "Afwijking",
        "now: {function}": "nu: {function}",
        "National decision ({body}), source: {source}, {date}": (
            "Landelijk besluit ({body}), bron: {source}, {date}"
        ),
        "In consultation with {who}; approval of the minister of VWS: {approval}": (
            "In samenspraak met {who}; goedkeuring minister van VWS: {approval}"
        ),
        "not in force now": "geldt nu niet",
        "deviation: {reason}": "afwijking: {reason}",
        "deviation: not active": "afwijking: niet actief",
        "&Reason:": "&Reden:",
        "Why (needed to switch off a binding measure)": (
            "Waarom (nodig om een verplichtende maatregel te beëindigen)"
        ),
        "Switch &off": "&Beëindigen",
    }
)


def holders_html(holders: list[dict[str, Any]], channels: int) -> str:
    """Who holds a function now, each with their first channels (the function's own first)."""
    if not holders:
        return f"<i>{tr('Nobody holds this function now.')}</i>"
    lang, lines = language(), []
    for holder in holders:
        marks = f" ({tr('on duty')})" if holder["on_duty"] else ""
        marks += f" <b>[{tr('STALE')}]</b>" if holder["stale"] else ""
        reach = "; ".join(
            f"{escape(label(CHANNEL_KINDS, c['kind'], lang))} <b>{escape(c['value'])}</b>"
            for c in holder["channels"][:channels]
        )
        lines.append(
            f"{escape(holder['name'])} — {escape(holder['organisation'] or '')}{marks}"
            + (f"<br>&nbsp;&nbsp;{reach}" if reach else "")
        )
    return "<br>".join(lines)


def path_html(steps: list[dict[str, Any]]) -> str:
    parts = ["<ol>"]
    for step in steps:
        parts.append(
            f"<li style='margin-bottom: 10px'><b>{escape(step['actor'])}</b><br>"
            f"{escape(step['action'])}<br>"
        )
        if step["per_organisation"]:
            parts.append(
                tr(
                    "Each organisation's own crisis coordinator ({n} in the directory; search "
                    "them in Contacts).",
                    n=step["per_organisation"],
                )
            )
        elif not step["function_code"] or not step["functions"]:
            parts.append(f"<i>{tr('Not in the directory.')}</i>")
        for function in step["functions"]:
            parts.append(
                f"<u>{escape(function['name'])}</u>: <br>{holders_html(function['holders'], 2)}"
            )
        parts.append("</li>")
    parts.append("</ol>")
    return "".join(parts)


def card_html(card: dict[str, Any]) -> str:
    parts = [
        f"<h3>{escape(card['title'])}</h3>",
        f"<p><b>{tr('Mandate')}:</b> {escape(card['mandate'])}</p>",
        f"<p><b>{tr('Actions in order')}</b></p><ol>",
    ]
    for action in card["actions"]:
        text = escape(action["text"])
        extra = action["note"] if language() == "nl" else action["note_en"]
        if action["role_function"]:
            extra = tr("now: {function}", function=action["role_function"])
        if extra:
            text += f" <i>[{escape(extra)}]</i>"
        if action["regime"] and not action["applies_now"]:
            note = tr("not in force now")
            parts.append(f"<li style='color: gray'><i>({note})</i> {text}</li>")
        elif action["phase_from"] and not action["applies_now"]:
            note = tr("from phase {phase}, not yet", phase=action["phase_from"])
            parts.append(f"<li style='color: gray'><i>({note})</i> {text}</li>")
        elif action["phase_from"]:
            note = tr("from phase {phase}", phase=action["phase_from"])
            parts.append(f"<li>{text} <i>({note})</i></li>")
        else:
            parts.append(f"<li>{text}</li>")
    parts.append(f"</ol><p><b>{tr('Held now by (channels in fallback order)')}</b></p>")
    for function in card["functions"]:
        parts.append(f"<p><u>{escape(function['name'])}</u><br>")
        parts.append(holders_html(function["holders"], 3) + "</p>")
    return "".join(parts)


def _deviation(row: dict[str, Any]) -> str:
    if not row.get("deviation"):
        return "—"
    if row.get("reason"):
        return tr("deviation: {reason}", reason=row["reason"])
    return tr("deviation: not active")


def _in_phase(row: dict[str, Any]) -> str:
    if row["binding"]:
        return tr("binding")
    return tr("applies") if row["applicable"] else tr("not yet")


class CrisisView(Page):
    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self.session = session
        self.region_id: str | None = None
        self.current_phase = ""
        self.noodscenario = False
        self.cards: list[dict[str, Any]] = []
        self.region = QLabel()
        self.phase = QLabel()
        self.phase.setWordWrap(True)
        self.phase.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.decision = QLabel()
        self.decision.setWordWrap(True)
        self.decision.setTextFormat(Qt.TextFormat.RichText)
        self.nood = QLabel()
        self.nood.setWordWrap(True)
        self.nood.setTextFormat(Qt.TextFormat.RichText)
        self.set_phase = QPushButton(tr("&Set phase…"))
        self.set_phase.clicked.connect(lambda: self.open_phase_dialog())
        self.set_nood = QPushButton(tr("&Noodscenario…"))
        self.set_nood.clicked.connect(lambda: self.open_noodscenario_dialog())
        self.phase_dialog: PhaseDialog | None = None

        self.path = QTextBrowser()
        self.path.setOpenLinks(False)

        self.card_list = RowsModel(
            [
                Column(tr("Function"), lambda r: r["title"]),
                Column(tr("Held now by"), lambda r: r["held_by"]),
            ]
        )
        self.card_table = row_table(self.card_list)
        self.card = QTextBrowser()
        self.card.setOpenLinks(False)
        self.card_table.selectionModel().currentRowChanged.connect(
            lambda cur, _prev: self.show_card(cur.row())
        )
        cards = QSplitter()
        cards.addWidget(self.card_table)
        cards.addWidget(self.card)
        cards.setSizes([380, 560])

        self.measures = RowsModel(
            [
                Column(tr("No."), lambda r: r["code"]),
                Column(tr("Measure"), lambda r: r["title"]),
                Column(tr("Applies from"), lambda r: r["applies_from"]),
                Column(tr("Binding from"), lambda r: r["binding_from"] or "—"),
                Column(tr("In this phase"), _in_phase),
                Column(tr("Deviation"), _deviation),
                Column(
                    tr("Active"),
                    lambda r: (
                        tr("since {when}", when=local(r["since"])) if r["active"] else tr("no")
                    ),
                ),
            ]
        )
        self.measures.emphasis = lambda r: bool(r["binding"] and not r["active"])
        self.measure_table = row_table(self.measures)
        self.measure_table.selectionModel().currentRowChanged.connect(
            lambda cur, _prev: self.show_measure(cur.row())
        )
        self.measure_table.activated.connect(lambda _index: self.toggle_measure())
        self.measure_text = QLabel()
        self.measure_text.setWordWrap(True)
        self.measure_text.setTextFormat(Qt.TextFormat.RichText)
        legend = QLabel(tr("Bold on yellow: binding in this phase but not active."))
        self.decided_by = QLineEdit()
        self.decided_by.setPlaceholderText(tr("Who decided (e.g. Bestuurlijk ROAZ)"))
        decided_label = QLabel(tr("Decided &by:"))
        decided_label.setBuddy(self.decided_by)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(tr("Why (needed to switch off a binding measure)"))
        reason_label = QLabel(tr("&Reason:"))
        reason_label.setBuddy(self.reason)
        self.reason.returnPressed.connect(self.toggle_measure)
        self.toggle = QPushButton(tr("Switch &on"))
        self.toggle.setEnabled(False)
        self.toggle.clicked.connect(self.toggle_measure)
        self.decided_by.returnPressed.connect(self.toggle_measure)
        measures = QWidget()
        measures_layout = QVBoxLayout(measures)
        measures_layout.addWidget(self.measure_table, 1)
        measures_layout.addWidget(legend)
        measures_layout.addWidget(self.measure_text)
        switch = QHBoxLayout()
        switch.addWidget(decided_label)
        switch.addWidget(self.decided_by, 1)
        switch.addWidget(reason_label)
        switch.addWidget(self.reason, 1)
        switch.addWidget(self.toggle)
        measures_layout.addLayout(switch)

        self.tabs = QTabWidget()
        self.tabs.addTab(self.path, tr("Escalation path"))
        self.tabs.addTab(cards, tr("ZCC functions"))
        self.tabs.addTab(measures, tr("Measures ({n} active)", n=0))

        head = QHBoxLayout()
        text = QVBoxLayout()
        for widget in (self.region, self.phase, self.decision, self.nood):
            text.addWidget(widget)
        head.addLayout(text, 1)
        buttons = QVBoxLayout()
        buttons.addWidget(self.set_phase)
        buttons.addWidget(self.set_nood)
        buttons.addStretch()
        head.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.tabs, 1)
        self.setTabOrder(self.set_phase, self.set_nood)
        self.setTabOrder(self.set_nood, self.tabs)

    # --- reading -------------------------------------------------------------------------

    def reload(self) -> None:
        if not self.session.is_unlocked:
            return
        store, now = self.session.store, datetime.now(UTC)
        try:
            self.region_id = default_region(store)
            state = phase_state(store, self.region_id)
            steps = escalation_path(store, self.region_id, now)
            cards = [
                task_card(store, self.region_id, c["function_code"], now)
                for c in list_task_cards(store, self.region_id)
            ]
            measures = measures_model.measures_overview(store, self.region_id)
        except ZccError as exc:  # no region yet, or several: say so instead of the data
            self.clear()
            self.phase.setText(str(exc))
            return
        self._show_state(state)
        self.path.setHtml(path_html(steps))
        selected_card = self.card_table.currentIndex().row()
        for card in cards:
            card["held_by"] = ", ".join(h["name"] for h in card["holders"]) or "—"
        self.cards = cards
        self.card_list.set_rows(cards)
        if cards:
            self.card_table.selectRow(max(0, min(selected_card, len(cards) - 1)))
        selected = self.measure_table.currentIndex().row()
        self.measures.set_rows(measures)
        self.tabs.setTabText(
            2, tr("Measures ({n} active)", n=sum(1 for m in measures if m["active"]))
        )
        if measures:
            self.measure_table.selectRow(max(0, min(selected, len(measures) - 1)))
        self.show_measure(self.measure_table.currentIndex().row())
        self.set_phase.setEnabled(True)
        self.set_nood.setEnabled(True)

    def _show_state(self, state: dict[str, Any]) -> None:
        lang = language()
        self.current_phase = state["phase"]
        self.noodscenario = state["noodscenario"]
        self.region.setText(tr("Region: {region}", region=state["region"]))
        meaning = state["meaning"] if lang == "nl" else state["meaning_en"]
        self.phase.setText(tr("Phase {phase}: {meaning}", phase=state["phase"], meaning=meaning))
        if not state["phase_recorded"]:
            self.decision.setText(tr("No phase recorded yet"))
        else:
            who = [tr("since {since}", since=local(state["since"]))]
            if state["decided_by"]:
                who.append(tr("decided by {by}", by=escape(state["decided_by"])))
            if state["advised_by"]:
                who.append(tr("on the advice of {by}", by=escape(state["advised_by"])))
            lines = [", ".join(who)]
            if state["national"]:  # recorded by the region, never its own decision
                lines.append(
                    tr(
                        "National decision ({body}), source: {source}, {date}",
                        body=escape(state["authority"] or "-"),
                        source=escape(state["national_source"] or "-"),
                        date=escape(state["national_date"] or "-"),
                    )
                )
            if state["picture"]:
                lines.append(f"<b>{tr('Picture')}:</b> {escape(state['picture'])}")
            if state["text"]:
                lines.append(f"<b>{tr('Explanation')}:</b> {escape(state['text'])}")
            self.decision.setText("<br>".join(lines))
        if state["noodscenario"]:
            self.nood.setText(
                "<b>"
                + tr(
                    "Noodscenario: ON since {since}, decided by {by}",
                    since=local(state["noodscenario_since"]),
                    by=escape(state["noodscenario_decided_by"] or "-"),
                )
                + "</b>"
                + (
                    "<br>"
                    + tr(
                        "In consultation with {who}; approval of the minister of VWS: {approval}",
                        who=escape(state["noodscenario_consulted"]),
                        approval=escape(state["noodscenario_approval"] or "-"),
                    )
                    if state["noodscenario_consulted"]
                    else ""
                )
            )
        else:
            self.nood.setText(tr("Noodscenario: off"))

    def show_card(self, row: int) -> None:
        if 0 <= row < len(self.cards):
            self.card.setHtml(card_html(self.cards[row]))
        else:
            self.card.clear()

    def current_measure(self) -> dict[str, Any] | None:
        row = self.measure_table.currentIndex().row()
        return self.measures.row(row) if 0 <= row < self.measures.rowCount() else None

    def show_measure(self, row: int) -> None:
        if not 0 <= row < self.measures.rowCount():
            self.measure_text.setText("")
            self.toggle.setEnabled(False)
            return
        measure = self.measures.row(row)
        self.measure_text.setText(
            f"<b>{escape(measure['code'])} {escape(measure['title'])}</b>: "
            f"{escape(measure['description'])}"
        )
        self.toggle.setText(tr("Switch &off") if measure["active"] else tr("Switch &on"))
        self.toggle.setEnabled(True)

    # --- writing -------------------------------------------------------------------------

    def toggle_measure(self) -> None:
        """Switch the selected measure on or off; the core writes the 'maatregel' entry."""
        measure = self.current_measure()
        if measure is None or self.region_id is None or not self.session.is_unlocked:
            return
        store = self.session.store
        try:
            measures_model.set_measure_active(
                store,
                self.region_id,
                measure["code"],
                not measure["active"],
                self.decided_by.text(),
                datetime.now(UTC),
                device_label(store),
                self.reason.text(),
            )
        except Exception as exc:  # one path for every error
            show_error(self, exc)
            return
        self.reason.clear()
        self.session.changed()

    def open_phase_dialog(self, noodscenario: bool | None = None) -> PhaseDialog | None:
        if self.region_id is None or not self.session.is_unlocked:
            return None
        if self.phase_dialog is not None:
            self.phase_dialog.deleteLater()  # the previous, closed one
        self.phase_dialog = PhaseDialog(
            self.session, self.region_id, self.current_phase, noodscenario, self
        )
        self.phase_dialog.open()  # window-modal, without a nested event loop
        return self.phase_dialog

    def open_noodscenario_dialog(self) -> PhaseDialog | None:
        return self.open_phase_dialog(not self.noodscenario)

    def clear(self) -> None:
        self.region_id = None
        for label_widget in (self.region, self.phase, self.decision, self.nood, self.measure_text):
            label_widget.setText("")
        self.path.clear()
        self.card.clear()
        self.cards = []
        self.card_list.set_rows([])
        self.measures.set_rows([])
        self.decided_by.clear()
        self.toggle.setEnabled(False)
        self.set_phase.setEnabled(False)
        self.set_nood.setEnabled(False)
        if self.phase_dialog is not None:
            self.phase_dialog.reject()
