"""Noodprocedures: per organisation and incident type the steps, each naming a function,
edited and reordered here, with a preview that resolves every function to whoever holds it
now (and how to reach them), warning where nobody can be reached."""

from __future__ import annotations

from datetime import UTC, datetime
from html import escape
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from resilient_zcc.contacts.queries import all_functions, all_organisations
from resilient_zcc.contacts.vocabulary import CHANNEL_KINDS, label
from resilient_zcc.procedures import INCIDENT_TYPES
from resilient_zcc.procedures import model as procedures_model
from resilient_zcc.procedures.queries import incident_label, list_procedures, resolve_procedure

from ..dialogs.prompt import PromptDialog
from ..errors import show_error
from ..i18n import add_catalogue, language, tr
from ..models.rows import Column, RowsModel
from ..session import Session
from .page import Page
from .tables import row_table

add_catalogue(
    {
        "Organisation": "Organisatie",
        "Incident type": "Soort uitval",
        "All incident types": "Alle soorten uitval",
        "Procedure": "Procedure",
        "Steps": "Stappen",
        "No.": "Nr.",
        "Function": "Functie",
        "Step": "Stap",
        "(no function)": "(geen functie)",
        "&New procedure…": "&Nieuwe procedure…",
        "De&lete procedure": "Procedure ver&wijderen",
        "New procedure": "Nieuwe procedure",
        "A new fallback procedure of {organisation}. Add its steps after creating it; the "
        "title may stay empty (the incident type is used).": (
            "Een nieuwe noodprocedure van {organisation}. Voeg na het aanmaken de stappen toe; "
            "de titel mag leeg blijven (dan geldt het incidenttype)."
        ),
        "Title": "Titel",
        "Create": "Aanmaken",
        "Delete procedure": "Procedure verwijderen",
        "Delete '{procedure}' of {organisation} with all its steps ({steps})? Other devices "
        "delete it too when they sync.": (
            "'{procedure}' van {organisation} verwijderen, met alle stappen ({steps})? Andere "
            "apparaten verwijderen hem ook bij het synchroniseren."
        ),
        "Bold on yellow: nobody can be reached through this step now.": (
            "Vet op geel: via deze stap is nu niemand bereikbaar."
        ),
        "&Add step…": "Stap &toevoegen…",
        "&Edit text…": "Tekst &wijzigen…",
        "F&unction…": "&Functie…",
        "Move &up": "Om&hoog",
        "Move &down": "Om&laag",
        "&Remove": "Ve&rwijderen",
        "&Copy from another organisation…": "&Kopiëren van andere organisatie…",
        "Preview: who acts now": "Voorbeeld: wie handelt nu",
        "Select a procedure.": "Kies een procedure.",
        "No procedures for this organisation.": "Geen procedures voor deze organisatie.",
        "on duty": "in dienst",
        "STALE": "VEROUDERD",
        "Nobody to reach": "Niemand bereikbaar",
        "Warnings": "Waarschuwingen",
        "not in force now": "geldt nu niet",
        "Every step has someone to reach now.": "Bij elke stap is nu iemand bereikbaar.",
        "Add a step": "Stap toevoegen",
        "What must be done, and which function does it? The function is resolved to whoever "
        "holds it when the procedure is read or printed.": (
            "Wat moet er gebeuren, en welke functie doet het? De functie wordt omgezet naar "
            "wie haar vervult op het moment dat de procedure wordt gelezen of geprint."
        ),
        "Edit step {n}": "Stap {n} wijzigen",
        "The step's text; its function and place stay.": (
            "De tekst van de stap; functie en plaats blijven."
        ),
        "Function of step {n}": "Functie van stap {n}",
        "Which function acts in this step?": "Welke functie handelt in deze stap?",
        "Copy a procedure": "Procedure kopiëren",
        "Copy a procedure of another organisation to {organisation}. Functions of the source "
        "are mapped to the functions of {organisation} with the same code; steps without a "
        "counterpart are kept without function, with a warning.": (
            "Kopieer een procedure van een andere organisatie naar {organisation}. Functies van "
            "de bron worden gekoppeld aan functies van {organisation} met dezelfde code; stappen "
            "zonder tegenhanger blijven zonder functie staan, met een waarschuwing."
        ),
        "Copy": "Kopiëren",
        "Copied: {mapped} steps mapped to own functions, {kept} kept, {unmapped} without "
        "function.": (
            "Gekopieerd: {mapped} stappen gekoppeld aan eigen functies, {kept} ongewijzigd, "
            "{unmapped} zonder functie."
        ),
        "Text": "Tekst",
        "{organisation} — {incident}": "{organisation} — {incident}",
    }
)


class ProceduresView(Page):
    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self.session = session
        self.resolved: dict[str, Any] | None = None
        self.functions: list[tuple[str, str]] = []  # (id, label) to choose from for a step
        self.all_functions: list[dict[str, Any]] = []
        self.dialog: PromptDialog | None = None  # the one open now
        self.organisation = QComboBox()
        self.organisation.currentIndexChanged.connect(lambda _i: self.load_procedures())
        self.incident = QComboBox()
        self.incident.currentIndexChanged.connect(lambda _i: self.load_procedures())
        self.copy_button = QPushButton(tr("&Copy from another organisation…"))
        self.copy_button.clicked.connect(self.ask_copy)
        self.new_button = QPushButton(tr("&New procedure…"))
        self.new_button.clicked.connect(self.ask_new)
        self.delete_button = QPushButton(tr("De&lete procedure"))
        self.delete_button.clicked.connect(self.ask_delete)
        self.procedures = RowsModel(
            [
                Column(tr("Procedure"), _procedure_name),
                Column(tr("Steps"), lambda r: str(r["steps"]), align_right=True),
            ]
        )
        self.procedures_table = row_table(self.procedures)
        self.procedures_table.selectionModel().currentRowChanged.connect(
            lambda cur, _prev: self.show_procedure(cur.row())
        )
        self.steps = RowsModel(
            [
                Column(tr("No."), lambda r: str(r["number"]), align_right=True),
                Column(tr("Function"), lambda r: r["function"] or tr("(no function)")),
                Column(tr("Step"), lambda r: r["text"]),
            ]
        )
        self.steps.emphasis = lambda r: bool(r["warning"])
        self.steps_table = row_table(self.steps)
        self.steps_table.setWordWrap(True)
        self.steps_table.selectionModel().currentRowChanged.connect(
            lambda _cur, _prev: self._enable_step_actions()
        )
        self.add = QPushButton(tr("&Add step…"))
        self.edit = QPushButton(tr("&Edit text…"))
        self.function = QPushButton(tr("F&unction…"))
        self.up = QPushButton(tr("Move &up"))
        self.down = QPushButton(tr("Move &down"))
        self.remove = QPushButton(tr("&Remove"))
        self.up.setToolTip("Alt+Up")
        self.down.setToolTip("Alt+Down")
        for keys, button in (("Alt+Up", self.up), ("Alt+Down", self.down)):
            QShortcut(QKeySequence(keys), self, button.click).setWhatsThis(button.text())
        self.add.clicked.connect(self.ask_add)
        self.edit.clicked.connect(self.ask_edit)
        self.function.clicked.connect(self.ask_function)
        self.up.clicked.connect(lambda: self.move_step(-1))
        self.down.clicked.connect(lambda: self.move_step(+1))
        self.remove.clicked.connect(self.remove_step)
        self.preview = QTextBrowser()
        self.message = QLabel()
        self.message.setWordWrap(True)

        filters = QGridLayout()
        filters.addWidget(QLabel(tr("Organisation")), 0, 0)
        filters.addWidget(self.organisation, 0, 1)
        filters.addWidget(QLabel(tr("Incident type")), 1, 0)
        filters.addWidget(self.incident, 1, 1)
        filters.setColumnStretch(1, 1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.procedures_table, 1)
        procedure_buttons = QHBoxLayout()
        procedure_buttons.addWidget(self.new_button)
        procedure_buttons.addWidget(self.delete_button)
        left_layout.addLayout(procedure_buttons)
        left_layout.addWidget(self.copy_button)

        step_box = QWidget()
        step_layout = QVBoxLayout(step_box)
        step_layout.setContentsMargins(0, 0, 0, 0)
        step_layout.addWidget(QLabel(f"<b>{tr('Steps')}</b>"))
        step_layout.addWidget(self.steps_table, 1)
        step_layout.addWidget(
            QLabel(tr("Bold on yellow: nobody can be reached through this step now."))
        )
        buttons = QHBoxLayout()
        for button in (self.add, self.edit, self.function, self.up, self.down, self.remove):
            buttons.addWidget(button)
        buttons.addStretch()
        step_layout.addLayout(buttons)
        preview_box = QWidget()
        preview_layout = QVBoxLayout(preview_box)
        preview_layout.setContentsMargins(0, 0, 0, 0)
        preview_layout.addWidget(QLabel(f"<b>{tr('Preview: who acts now')}</b>"))
        preview_layout.addWidget(self.preview, 1)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(step_box)
        right.addWidget(preview_box)
        right.setSizes([320, 330])

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([280, 720])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)
        self.setTabOrder(self.organisation, self.incident)
        self.setTabOrder(self.incident, self.procedures_table)
        self.setTabOrder(self.procedures_table, self.new_button)
        self.setTabOrder(self.new_button, self.delete_button)
        self.setTabOrder(self.delete_button, self.copy_button)
        self.setTabOrder(self.copy_button, self.steps_table)
        self._enable_step_actions()

    # --- reading ----------------------------------------------------------------------------

    def reload(self) -> None:
        if not self.session.is_unlocked:
            return
        store = self.session.store
        try:
            with_procedures = {r["organisation_id"] for r in list_procedures(store)}
            organisations = all_organisations(store)
            functions = all_functions(store)
        except Exception as exc:
            show_error(self, exc)
            return
        self.all_functions = functions
        chosen_org, chosen_incident = self.organisation.currentData(), self.incident.currentData()
        for box in (self.organisation, self.incident):
            box.blockSignals(True)
            box.clear()
        # Organisations that have procedures first; a new one can start anywhere below.
        ordered = sorted(organisations, key=lambda o: (o["id"] not in with_procedures, o["name"]))
        for n, org in enumerate(ordered):
            if n and org["id"] not in with_procedures and ordered[n - 1]["id"] in with_procedures:
                self.organisation.insertSeparator(self.organisation.count())
            self.organisation.addItem(org["name"], org["id"])
        found = self.organisation.findData(chosen_org) if chosen_org else -1
        self.organisation.setCurrentIndex(max(found, 0))
        self.incident.addItem(tr("All incident types"), None)
        for code in INCIDENT_TYPES:
            self.incident.addItem(incident_label(code, language()), code)
        self.incident.setCurrentIndex(max(self.incident.findData(chosen_incident), 0))
        for box in (self.organisation, self.incident):
            box.blockSignals(False)
        self.load_procedures()

    def select_organisation(self, organisation_id: str) -> None:
        self.organisation.setCurrentIndex(self.organisation.findData(organisation_id))

    def load_procedures(self) -> None:
        if not self.session.is_unlocked or self.organisation.currentData() is None:
            self.procedures.set_rows([])
            self.show_procedure(-1)
            return
        selected = self.current_procedure()
        store = self.session.store
        org_id = self.organisation.currentData()
        try:
            rows = list_procedures(store, org_id, self.incident.currentData())
        except Exception as exc:
            show_error(self, exc)
            return
        # Any function may act in a step; the organisation's own come first.
        own_first = sorted(self.all_functions, key=lambda f: f["organisation_id"] != org_id)
        self.functions = [(f["id"], _function_label(f)) for f in own_first]
        self.procedures.set_rows(rows)
        self.select_procedure(selected["id"] if selected else None)

    def select_procedure(self, procedure_id: str | None) -> None:
        rows = self.procedures.rows
        n = next((i for i, r in enumerate(rows) if r["id"] == procedure_id), 0 if rows else -1)
        if n >= 0:
            self.procedures_table.selectRow(n)
        self.show_procedure(n)

    def current_procedure(self) -> dict[str, Any] | None:
        index = self.procedures_table.currentIndex()
        rows = self.procedures.rows
        return rows[index.row()] if index.isValid() and index.row() < len(rows) else None

    def show_procedure(self, row: int) -> None:
        selected_step = self.current_step()
        if not self.session.is_unlocked or not 0 <= row < len(self.procedures.rows):
            self.resolved = None
            self.steps.set_rows([])
            empty = self.organisation.count() and not self.procedures.rows
            text = (
                tr("No procedures for this organisation.") if empty else tr("Select a procedure.")
            )
            self.preview.setHtml(f"<p>{text}</p>")
            self._enable_step_actions()
            return
        try:
            self.resolved = resolve_procedure(
                self.session.store, self.procedures.rows[row]["id"], datetime.now(UTC)
            )
        except Exception as exc:
            show_error(self, exc)
            return
        self.steps.set_rows(self.resolved["steps"])
        self.steps_table.resizeRowsToContents()
        self.preview.setHtml(preview_html(self.resolved))
        step_id = selected_step["id"] if selected_step else None
        if step_id not in {s["id"] for s in self.steps.rows} and self.steps.rows:
            step_id = self.steps.rows[0]["id"]  # a step to act on, from the keyboard too
        self.select_step(step_id)

    def select_step(self, step_id: str | None) -> None:
        for n, step in enumerate(self.steps.rows):
            if step["id"] == step_id:
                self.steps_table.selectRow(n)
                break
        self._enable_step_actions()

    def current_step(self) -> dict[str, Any] | None:
        index = self.steps_table.currentIndex()
        rows = self.steps.rows
        return rows[index.row()] if index.isValid() and index.row() < len(rows) else None

    def _enable_step_actions(self) -> None:
        step = self.current_step()
        has_procedure = self.resolved is not None
        self.add.setEnabled(has_procedure)
        for button in (self.edit, self.function, self.remove):
            button.setEnabled(step is not None)
        self.up.setEnabled(step is not None and step["number"] > 1)
        self.down.setEnabled(step is not None and step["number"] < len(self.steps.rows))
        has_organisation = self.organisation.currentData() is not None
        self.copy_button.setEnabled(has_organisation)
        self.new_button.setEnabled(has_organisation)
        self.delete_button.setEnabled(self.current_procedure() is not None)

    def clear(self) -> None:
        for box in (self.organisation, self.incident):
            box.blockSignals(True)
            box.clear()
            box.blockSignals(False)
        self.procedures.set_rows([])
        self.steps.set_rows([])
        self.resolved = None
        self.functions, self.all_functions = [], []
        self.preview.clear()
        self.message.clear()
        self._enable_step_actions()
        if self.dialog is not None:
            self.dialog.reject()

    # --- writing ----------------------------------------------------------------------------

    def move_step(self, delta: int) -> None:
        step = self.current_step()
        if step is None:
            return
        store = self.session.store
        self.write(lambda: procedures_model.move_step(store, step["id"], step["number"] + delta))
        self.steps_table.setFocus()

    def remove_step(self) -> None:
        step = self.current_step()
        if step is not None:
            self.write(lambda: procedures_model.remove_step(self.session.store, step["id"]))

    def _function_choices(self) -> list[tuple[str, str]]:
        return [("", tr("(no function)")), *self.functions]

    def _open(self, dialog: PromptDialog) -> None:
        self.dialog = dialog
        dialog.open()

    def ask_add(self) -> None:
        if self.resolved is None:
            return
        procedure_id = self.resolved["id"]
        step = self.current_step()
        at = step["number"] + 1 if step else None  # after the selected step, else at the end

        def submit(text: str, function_id: str | None) -> bool:
            return self.write(
                lambda: procedures_model.add_step(
                    self.session.store, procedure_id, function_id or None, text, at=at
                )
            )

        self._open(
            PromptDialog(
                self,
                tr("Add a step"),
                tr(
                    "What must be done, and which function does it? The function is resolved "
                    "to whoever holds it when the procedure is read or printed."
                ),
                submit,
                text_label=tr("Text"),
                choices=self._function_choices(),
                choice_label=tr("Function"),
                current_choice=step["function_id"] if step else None,
            )
        )

    def ask_edit(self) -> None:
        step = self.current_step()
        if step is None or self.resolved is None:
            return
        procedure_id = self.resolved["id"]

        def submit(text: str, _choice: str | None) -> bool:
            # The core has no command for a step's text: a new step with the new text takes
            # the old one's number and function, then the old one goes (see the report).
            def replace() -> None:
                store = self.session.store
                procedures_model.add_step(
                    store,
                    procedure_id,
                    step["function_id"],
                    text,
                    at=step["number"],
                    regime=step["regime"],
                    role=step["role"],
                )
                procedures_model.remove_step(store, step["id"])

            return self.write(replace)

        self._open(
            PromptDialog(
                self,
                tr("Edit step {n}", n=step["number"]),
                tr("The step's text; its function and place stay."),
                submit,
                text=step["text"],
                text_label=tr("Text"),
            )
        )

    def ask_function(self) -> None:
        step = self.current_step()
        if step is None:
            return

        def submit(_text: str, function_id: str | None) -> bool:
            return self.write(
                lambda: procedures_model.set_step_function(
                    self.session.store, step["id"], function_id or ""
                )
            )

        self._open(
            PromptDialog(
                self,
                tr("Function of step {n}", n=step["number"]),
                tr("Which function acts in this step?"),
                submit,
                text=None,
                choices=self.functions,
                choice_label=tr("Function"),
                current_choice=step["function_id"],
            )
        )

    def ask_new(self) -> None:
        organisation_id = self.organisation.currentData()
        if organisation_id is None:
            return
        lang = language()
        choices = [(code, incident_label(code, lang)) for code in INCIDENT_TYPES]
        created: list[str] = []

        def submit(title: str, incident_type: str | None) -> bool:
            if not self.write(
                lambda: created.append(
                    procedures_model.create_procedure(
                        self.session.store, organisation_id, incident_type or "", title
                    )
                )
            ):
                return False
            self.select_organisation(organisation_id)
            self.incident.setCurrentIndex(self.incident.findData(incident_type))
            self.select_procedure(created[0])
            return True

        self._open(
            PromptDialog(
                self,
                tr("New procedure"),
                tr(
                    "A new fallback procedure of {organisation}. Add its steps after creating "
                    "it; the title may stay empty (the incident type is used).",
                    organisation=self.organisation.currentText(),
                ),
                submit,
                text="",
                text_label=tr("Title"),
                choices=choices,
                choice_label=tr("Incident type"),
                current_choice=self.incident.currentData(),
                ok_text=tr("Create"),
            )
        )

    def ask_delete(self) -> None:
        procedure = self.current_procedure()
        if procedure is None:
            return
        answer = QMessageBox.question(
            self,
            tr("Delete procedure"),
            tr(
                "Delete '{procedure}' of {organisation} with all its steps ({steps})? Other "
                "devices delete it too when they sync.",
                procedure=_procedure_name(procedure),
                organisation=self.organisation.currentText(),
                steps=procedure["steps"],
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.write(
                lambda: procedures_model.delete_procedure(self.session.store, procedure["id"])
            )

    def ask_copy(self) -> None:
        target = self.organisation.currentData()
        if target is None:
            return
        lang = language()
        try:
            sources = [
                r
                for r in list_procedures(self.session.store, None, self.incident.currentData())
                if r["organisation_id"] != target
            ]
        except Exception as exc:
            show_error(self, exc)
            return
        choices = [
            (
                r["id"],
                tr(
                    "{organisation} — {incident}",
                    organisation=r["organisation"],
                    incident=incident_label(r["incident_type"], lang),
                ),
            )
            for r in sources
        ]

        def submit(_text: str, source_id: str | None) -> bool:
            reports = []

            def copy() -> None:
                reports.append(
                    procedures_model.copy_procedure(self.session.store, source_id or "", target)
                )

            if not self.write(copy):
                return False
            report = reports[0]
            self.select_procedure(report.procedure_id)
            self.message.setText(
                tr(
                    "Copied: {mapped} steps mapped to own functions, {kept} kept, {unmapped} "
                    "without function.",
                    mapped=report.mapped,
                    kept=report.kept,
                    unmapped=len(report.unmapped),
                )
            )
            return True

        self._open(
            PromptDialog(
                self,
                tr("Copy a procedure"),
                tr(
                    "Copy a procedure of another organisation to {organisation}. Functions of "
                    "the source are mapped to the functions of {organisation} with the same "
                    "code; steps without a counterpart are kept without function, with a "
                    "warning.",
                    organisation=self.organisation.currentText(),
                ),
                submit,
                text=None,
                choices=choices,
                choice_label=tr("Procedure"),
                ok_text=tr("Copy"),
            )
        )


def _procedure_name(row: dict[str, Any]) -> str:
    """The incident type, and the title when it says more."""
    name = incident_label(row["incident_type"], language())
    own = incident_label(row["incident_type"], "nl")
    return name if row["title"] in (name, own) else f"{name}: {row['title']}"


def _function_label(function: dict[str, Any]) -> str:
    org = function["organisation"]
    return f"{function['name']} ({org})" if org else str(function["name"])


def preview_html(procedure: dict[str, Any]) -> str:
    """Each step with whoever holds its function now and their channels in fallback order."""
    parts = [
        f"<h2>{escape(procedure['organisation'] or '')} — "
        f"{escape(incident_label(procedure['incident_type'], language()))}</h2>"
    ]
    if procedure["warnings"]:
        parts.append(f"<p><b>⚠ {tr('Warnings')}:</b></p><ul>")
        parts.extend(f"<li><b>{escape(w)}</b></li>" for w in procedure["warnings"])
        parts.append("</ul>")
    else:
        parts.append(f"<p>{tr('Every step has someone to reach now.')}</p>")
    parts.append("<ol>")
    for step in procedure["steps"]:
        function = (
            escape(
                _function_label(
                    {"name": step["function"], "organisation": step["function_organisation"]}
                )
            )
            if step["function"]
            else tr("(no function)")
        )
        note = step["note"] if language() == "nl" else step["note_en"]
        note_html = f" <i>[{escape(note)}]</i>" if note else ""
        idle = f" <i>({tr('not in force now')})</i>" if not step["in_force"] else ""
        parts.append(f"<li><p><b>{function}</b>: {escape(step['text'])}{note_html}{idle}</p>")
        if step["warning"]:
            parts.append(
                f"<p style='background:#fff2cc; color:#000000'><b>⚠ {tr('Nobody to reach')}: "
                f"{escape(step['warning'])}</b></p>"
            )
        for holder in step["holders"]:
            flags = []
            if holder["on_duty"]:
                flags.append(tr("on duty"))
            if holder["stale"]:
                flags.append(tr("STALE"))
            flag_text = f" ({', '.join(flags)})" if flags else ""
            channels = "; ".join(
                f"{escape(label(CHANNEL_KINDS, c['kind'], language()))} <b>{escape(c['value'])}</b>"
                for c in holder["channels"][:4]
            )
            parts.append(
                f"<p style='margin-left: 12px'>{escape(holder['name'])}{flag_text}: {channels}</p>"
            )
        parts.append("</li>")
    parts.append("</ol>")
    return "".join(parts)
