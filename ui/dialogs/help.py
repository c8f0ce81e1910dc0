"""Help: the keyboard shortcuts (read from the window's own actions) and About."""

from __future__ import annotations

import importlib.metadata
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Qt, qVersion
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..i18n import add_catalogue, tr

add_catalogue(
    {
        "Keyboard shortcuts": "Sneltoetsen",
        "Action": "Actie",
        "Keys": "Toetsen",
        "Where": "Waar",
        "everywhere": "overal",
        "About Resilient ZCC": "Over Resilient ZCC",
        "Version {version}": "Versie {version}",
        "Profile folder: {path}": "Profielmap: {path}",
        "Parts used and their licences": "Gebruikte onderdelen en hun licenties",
        "Offline-first crisis coordination for Dutch healthcare regions.": (
            "Offline-first crisiscoördinatie voor zorgregio's in Nederland."
        ),
        "unknown": "onbekend",
        "Version": "Versie",
        "Licence": "Licentie",
    }
)

# Parts whose licence the package metadata does not name (built into a wheel), and Qt
# itself, which PySide6 ships. Everything else is read from the installed packages.
_BUILT_IN = (("SQLCipher", "BSD-3-Clause"), ("Qt {version}", "LGPL-3.0-only"))


def shortcut_rows(root: QWidget) -> list[tuple[str, str, str]]:
    """(action, keys, where) for every action with a shortcut under `root`, named as in the
    menus, and every QShortcut that says what it does (its whatsThis), with its screen."""
    rows: dict[tuple[str, str, str], None] = {}
    found: list[tuple[str, QKeySequence, QObject | None]] = [
        (action.text(), action.shortcut(), None) for action in root.findChildren(QAction)
    ]
    found += [(s.whatsThis(), s.key(), s.parent()) for s in root.findChildren(QShortcut)]
    for text, keys, owner in found:
        text = text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…")
        if keys.isEmpty() or not text:
            continue
        where = _screen_of(owner) if owner is not None else tr("everywhere")
        rows[(text, keys.toString(QKeySequence.SequenceFormat.NativeText), where)] = None
    return list(rows)


def _screen_of(owner: QObject) -> str:
    """The title of the screen `owner` sits on (the main window names its screens)."""
    widget = owner if isinstance(owner, QWidget) else None
    while widget is not None:
        title = widget.property("screen_title")
        if title:
            return str(title)
        widget = widget.parentWidget()
    return ""


def licences() -> list[tuple[str, str, str]]:
    """(part, version, licence) of the packages the app declares, from their metadata."""
    parts: list[tuple[str, str, str]] = [("Resilient ZCC", _version("resilient-zcc"), "EUPL-1.2")]
    for requirement in importlib.metadata.requires("resilient-zcc") or []:
        if "extra ==" in requirement:
            continue  # development tools are not shipped
        name = requirement.split(";")[0].split("[")[0]
        for mark in "<>=!~ ":
            name = name.split(mark)[0]
        try:
            meta = importlib.metadata.metadata(name)
        except importlib.metadata.PackageNotFoundError:
            continue
        parts.append((meta["Name"], meta["Version"], _licence(meta)))
    for part, licence in _BUILT_IN:
        parts.append((part.format(version=qVersion()), "", licence))
    return parts


def _version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return tr("unknown")


def _licence(meta: importlib.metadata.PackageMetadata) -> str:
    expression = meta["License-Expression"]  # None when the package does not set it
    if expression:
        return str(expression)
    text = (meta["License"] or "").strip().splitlines()
    if text and len(text[0]) <= 60:
        return text[0]
    classifiers = [c for c in meta.get_all("Classifier") or [] if c.startswith("License ::")]
    if classifiers:
        return classifiers[0].rsplit("::", 1)[-1].strip()
    return text[0][:60] if text else tr("unknown")


def _table(headers: list[str], rows: Sequence[tuple[str, ...]]) -> QTableWidget:
    table = QTableWidget(len(rows), len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    for row, values in enumerate(rows):
        for column, value in enumerate(values):
            table.setItem(row, column, QTableWidgetItem(value))
    return table


def _closing_buttons(dialog: QDialog) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    return buttons


class ShortcutsDialog(QDialog):
    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setWindowTitle(tr("Keyboard shortcuts"))
        self.table = _table([tr("Action"), tr("Keys"), tr("Where")], shortcut_rows(window))
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(_closing_buttons(self))
        self.resize(520, 560)


class AboutDialog(QDialog):
    def __init__(self, profile: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("About Resilient ZCC"))
        title = QLabel(tr("Resilient ZCC"))
        title.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.text = QLabel(
            "\n".join(
                (
                    tr("Version {version}", version=_version("resilient-zcc")),
                    tr("Offline-first crisis coordination for Dutch healthcare regions."),
                    tr("Profile folder: {path}", path=str(profile)),
                )
            )
        )
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table = _table(
            [tr("Parts used and their licences"), tr("Version"), tr("Licence")], licences()
        )
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.text)
        layout.addWidget(self.table, 1)
        layout.addWidget(_closing_buttons(self))
        self.resize(640, 520)
