"""The import wizard's steps 2-4: the mapping, the dry run, the apply."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from resilient_zcc.contacts.vocabulary import SECTORS, UNCLASSIFIED, label
from resilient_zcc.exchange.contact_import import apply_import, plan_import
from resilient_zcc.exchange.export_files import write_export_file
from resilient_zcc.exchange.import_report import PROBLEMS, problems_csv
from resilient_zcc.exchange.mapping import FIELDS, check_mapping, field_label

from ..errors import show_error
from ..i18n import add_catalogue, language, tr
from ..models.rows import Column, RowsModel

if TYPE_CHECKING:
    from resilient_zcc.exchange.contact_import import ImportResult

    from .import_wizard import ImportWizard

SHOWN_PROBLEMS = 1000  # the report file holds them all

add_catalogue(
    {
        "Which column is which": "Welke kolom is wat",
        "Guessed from the column headings; check each field and change it where needed.": (
            "Geraden uit de kolomkoppen; controleer elk veld en pas het aan waar nodig."
        ),
        "Remembered from the last import of this list; check and change where needed.": (
            "Onthouden van de vorige import van deze lijst; controleer en pas aan waar nodig."
        ),
        "Chosen by you; the choice is remembered for this list when you import.": (
            "Door u gekozen; de keuze wordt voor deze lijst onthouden bij het importeren."
        ),
        "Column in the file": "Kolom in het bestand",
        "Examples": "Voorbeelden",
        "Field": "Veld",
        "Dry run": "Proefdraai",
        "What the import would do; nothing has been written yet.": (
            "Wat de import zou doen; er is nog niets geschreven."
        ),
        "Checking every row…": "Elke rij wordt gecontroleerd…",
        # "label: number" reads right for one and for many (no plural forms needed)
        "New: {created}, to update: {updated}, unchanged: {unchanged}, rows with problems: "
        "{problems}; new organisations: {organisations}, new functions: {functions}.": (
            "Nieuw: {created}, bij te werken: {updated}, ongewijzigd: {unchanged}, rijen met "
            "problemen: {problems}; nieuwe organisaties: {organisations}, nieuwe functies: "
            "{functions}."
        ),
        "Row": "Rij",
        "Column": "Kolom",
        "Value": "Waarde",
        "Problem": "Probleem",
        "Detail": "Toelichting",
        "Imported": "Geïmporteerd",
        "Save report as &CSV…": "Rapport opslaan als &CSV…",
        "Save the problem report": "Probleemrapport opslaan",
        "CSV files (*.csv)": "CSV-bestanden (*.csv)",
        "Report saved: {path}. It is not encrypted; delete it when the list is fixed.": (
            "Rapport opgeslagen: {path}. Het is niet versleuteld; verwijder het als de lijst "
            "is hersteld."
        ),
        "&Skip the rows with problems and import the others": (
            "Rijen met problemen over&slaan en de andere importeren"
        ),
        "Se&ctor for new organisations without one:": (
            "Se&ctor voor nieuwe organisaties zonder sector:"
        ),
        "(none: 'nog in te delen', listed afterwards)": (
            "(geen: 'nog in te delen', daarna opgesomd)"
        ),
        "Every row is imported; a value that could not be read stays as a note on its "
        "contact, an organisation without a sector is 'nog in te delen'.": (
            "Elke rij wordt ingelezen; een waarde die niet te lezen is blijft als notitie bij "
            "het contact staan, een organisatie zonder sector komt op 'nog in te delen'."
        ),
        "Fix the rows in the file and choose it again, or skip them.": (
            "Herstel de rijen in het bestand en kies het opnieuw, of sla ze over."
        ),
        "No problems found.": "Geen problemen gevonden.",
        "Showing the first {shown} of {total} problems; the report holds them all.": (
            "De eerste {shown} van {total} problemen; het rapport bevat ze allemaal."
        ),
        "&Import": "&Importeren",
        "Importing": "Bezig met importeren",
        "Everything is written in one go: if it stops, nothing is written.": (
            "Alles wordt in één keer geschreven: stopt het, dan is er niets geschreven."
        ),
        "Writing {total} rows…": "{total} rijen worden geschreven…",
        "Imported. New: {created}, updated: {updated}, unchanged: {unchanged}; rows with "
        "problems skipped: {skipped}.": (
            "Geïmporteerd. Nieuw: {created}, bijgewerkt: {updated}, ongewijzigd: {unchanged}; "
            "rijen met problemen overgeslagen: {skipped}."
        ),
        "Nothing was imported.": "Er is niets geïmporteerd.",
    }
)


def busy_bar(bar: QProgressBar, busy: bool) -> None:
    """A moving bar while a job runs with no count yet; hidden otherwise."""
    bar.setVisible(busy)
    if busy:
        bar.setRange(0, 0)


class MappingPage(QWizardPage):
    """Step 2: each column with example values and its field in a combo box."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle(tr("Which column is which"))
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(
            [tr("Column in the file"), tr("Examples"), tr("Field")]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Fixed)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes from combo to combo
        self.combos: dict[str, QComboBox] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)

    def initializePage(self) -> None:  # noqa: N802
        source = self.owner.source
        if source is None:
            return
        rows = source.mapping_rows()
        self.table.setRowCount(len(rows))
        self.combos = {}
        lang = language()
        for index, row in enumerate(rows):
            column = row["column"]
            self.table.setItem(index, 0, QTableWidgetItem(column))
            examples = QTableWidgetItem(" | ".join(row["examples"]))
            self.table.setItem(index, 1, examples)
            combo = QComboBox()
            for name in FIELDS:
                combo.addItem(field_label(name, lang), name)
            combo.setCurrentIndex(combo.findData(row["field"]))
            combo.activated.connect(lambda _i, c=column, box=combo: self.set_field(c, box))
            combo.setAccessibleName(column)
            self.table.setCellWidget(index, 2, combo)
            self.combos[column] = combo
        if self.combos:  # wide enough for the longest field name in either language
            widest = max(box.sizeHint().width() for box in self.combos.values())
            self.table.setColumnWidth(2, widest + 8)
        self.table.resizeRowsToContents()
        self._show_origin()

    def _show_origin(self) -> None:
        source = self.owner.source
        origin = source.mapping_origin if source else "guessed"
        self.setSubTitle(
            {
                "guessed": tr(
                    "Guessed from the column headings; check each field and change it where needed."
                ),
                "remembered": tr(
                    "Remembered from the last import of this list; check and change where needed."
                ),
                "given": tr(
                    "Chosen by you; the choice is remembered for this list when you import."
                ),
            }[origin]
        )

    def set_field(self, column: str, combo: QComboBox) -> None:
        source = self.owner.source
        if source is None:
            return
        try:
            source.set_field(column, str(combo.currentData()))
        except Exception as exc:
            show_error(self, exc)
            return
        self.owner.plan = None
        self._show_origin()

    def choose(self, column: str, field_name: str) -> None:
        """Pick a field for a column as the user would in its combo box."""
        combo = self.combos[column]
        combo.setCurrentIndex(combo.findData(field_name))
        self.set_field(column, combo)

    def field_of(self, column: str) -> str:
        return str(self.combos[column].currentData())

    def validatePage(self) -> bool:  # noqa: N802
        source = self.owner.source
        if source is None:
            return False
        try:
            check_mapping(source.mapping)
        except Exception as exc:
            show_error(self, exc)
            return False
        return True


class PlanPage(QWizardPage):
    """Step 3: the dry run: counts, the problems row by row, the report, skip bad rows."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle(tr("Dry run"))
        self.setSubTitle(tr("What the import would do; nothing has been written yet."))
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, tr("&Import"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.bar = QProgressBar()
        busy_bar(self.bar, False)
        self.problems = RowsModel(
            [
                Column(tr("Row"), lambda p: str(p["row"]), align_right=True),
                Column(tr("Column"), lambda p: p["column"]),
                Column(tr("Value"), lambda p: p["value"]),
                Column(tr("Problem"), lambda p: str(PROBLEMS[p["code"]])),
                Column(tr("Detail"), lambda p: p["detail" if language() == "nl" else "detail_en"]),
            ]
        )
        from ..views.tables import row_table

        self.table = row_table(self.problems)
        self.table.setWordWrap(True)  # the rule a value broke can be long
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.save = QPushButton(tr("Save report as &CSV…"))
        self.save.clicked.connect(self.ask_save_report)
        self.skip = QCheckBox(tr("&Skip the rows with problems and import the others"))
        self.skip.toggled.connect(lambda _on: self.completeChanged.emit())
        self.sector = QComboBox()
        self.sector.addItem(tr("(none: 'nog in te delen', listed afterwards)"), None)
        for code in (c for c in SECTORS if c != UNCLASSIFIED):
            self.sector.addItem(label(SECTORS, code, language()), code)
        self.sector.activated.connect(lambda _i: self.initializePage())
        sector_label = QLabel(tr("Se&ctor for new organisations without one:"))
        sector_label.setBuddy(self.sector)
        sector_row = QHBoxLayout()
        sector_row.addWidget(sector_label)
        sector_row.addWidget(self.sector)
        sector_row.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.skip, 1)
        buttons.addWidget(self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.bar)
        layout.addLayout(sector_row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.hint)
        layout.addLayout(buttons)

    def initializePage(self) -> None:  # noqa: N802
        """Plan in the worker: it reads the directory (to match) on its own connection."""
        source = self.owner.source
        if source is None:
            return
        self.owner.plan = None
        self.problems.set_rows([])
        self.summary.setText(tr("Checking every row…"))
        self.hint.clear()
        sector = self.sector.currentData()
        self.owner.run(
            lambda store, _p: plan_import(store, source, default_sector=sector),
            self._planned,
            self.bar,
            lambda _exc: self.summary.setText(tr("Nothing was imported.")),
        )

    def _planned(self, plan: Any) -> None:
        self.owner.plan = plan
        s = plan.summary
        self.summary.setText(
            tr(
                "New: {created}, to update: {updated}, unchanged: {unchanged}, rows with problems: "
                "{problems}; new organisations: {organisations}, new functions: {functions}.",
                created=s.created,
                updated=s.updated,
                unchanged=s.unchanged,
                problems=s.problem_rows,
                organisations=s.organisations_created,
                functions=s.functions_created,
            )
        )
        problems = plan.problems
        self.problems.set_rows([p.as_dict() for p in problems[:SHOWN_PROBLEMS]])
        self.table.resizeRowsToContents()
        if len(problems) > SHOWN_PROBLEMS:
            self.hint.setText(
                tr(
                    "Showing the first {shown} of {total} problems; the report holds them all.",
                    shown=SHOWN_PROBLEMS,
                    total=len(problems),
                )
            )
        elif any(row.blocking for row in plan.rows):
            self.hint.setText(tr("Fix the rows in the file and choose it again, or skip them."))
        elif problems:
            self.hint.setText(
                tr(
                    "Every row is imported; a value that could not be read stays as a note on "
                    "its contact, an organisation without a sector is 'nog in te delen'."
                )
            )
        else:
            self.hint.setText(tr("No problems found."))
        self.save.setEnabled(bool(problems))
        self.skip.setEnabled(any(row.blocking for row in plan.rows))

    def save_report(self, path: Path) -> bool:
        """Write every problem as CSV (row, column, value, problem, rule), atomically."""
        plan = self.owner.plan
        if plan is None:
            return False
        try:
            write_export_file(path, problems_csv(plan.problems, language()))
        except Exception as exc:
            show_error(self, exc)
            return False
        self.hint.setText(
            tr(
                "Report saved: {path}. It is not encrypted; delete it when the list is fixed.",
                path=str(path),
            )
        )
        return True

    def ask_save_report(self) -> None:
        chosen, _filter = QFileDialog.getSaveFileName(
            self, tr("Save the problem report"), "problemen.csv", tr("CSV files (*.csv)")
        )
        if chosen:
            path = Path(chosen)
            self.save_report(path if path.suffix else path.with_suffix(".csv"))

    def isComplete(self) -> bool:  # noqa: N802
        plan = self.owner.plan
        if plan is None or self.owner.busy():
            return False
        good = any(not row.blocking for row in plan.rows)
        return good and (plan.summary.problem_rows == 0 or self.skip.isChecked())


class ApplyPage(QWizardPage):
    """Step 4: write in one transaction with a progress bar, then the summary."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle(tr("Importing"))
        self.setSubTitle(tr("Everything is written in one go: if it stops, nothing is written."))
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.bar = QProgressBar()
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.bar)
        layout.addStretch(1)

    def initializePage(self) -> None:  # noqa: N802
        plan = self.owner.plan
        if plan is None:
            return
        skip = self.owner.plan_page.skip.isChecked()
        self.owner.imported = None
        self.setTitle(tr("Importing"))
        self.status.setText(tr("Writing {total} rows…", total=len(plan.rows)))
        self.owner.run(
            lambda store, report: apply_import(
                store, plan, skip_bad_rows=skip, progress=lambda *counted: report(counted)
            ),
            self._applied,
            self.bar,
            lambda _exc: self.status.setText(tr("Nothing was imported.")),
        )

    def _applied(self, result: ImportResult) -> None:
        self.owner.imported = result
        self.setTitle(tr("Imported"))
        self.owner.button(QWizard.WizardButton.CancelButton).hide()  # done: only Finish
        self.bar.setRange(0, 1)
        self.bar.setValue(1)
        self.bar.setVisible(True)
        s = result.summary
        self.status.setText(
            tr(
                "Imported. New: {created}, updated: {updated}, unchanged: {unchanged}; rows with "
                "problems skipped: {skipped}.",
                created=s.created,
                updated=s.updated,
                unchanged=s.unchanged,
                skipped=len(result.skipped_rows),
            )
        )
        self.owner.session.changed()  # the Contacten screen reloads

    def isComplete(self) -> bool:  # noqa: N802
        return not self.owner.busy()
