"""The main window: a sidebar of screens, the data's age in the status bar, lock on idle."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent, QWindow
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QWidget,
)

from resilient_zcc.capacity.queries import newest_report_at
from resilient_zcc.crisis.phases import phase_state
from resilient_zcc.crisis.regions import default_region
from resilient_zcc.errors import ZccError

from .background_sync import BackgroundSync
from .contrast import Contrast
from .format import when_and_age
from .i18n import add_catalogue, tr
from .session import Session
from .views.overview import OverviewView

DEFAULT_IDLE_LOCK_MIN = 15

add_catalogue(
    {
        "&File": "&Bestand",
        "&Import contacts…": "Contacten &importeren…",
        "&Export contacts…": "Contacten &exporteren…",
        "Export &capacity…": "&Capaciteit exporteren…",
        "&Lock": "&Vergrendelen",
        "&Quit": "&Afsluiten",
        "&High contrast": "&Hoog contrast",
        "&Help": "&Help",
        "&Keyboard shortcuts…": "&Sneltoetsen…",
        "&About Resilient ZCC…": "&Over Resilient ZCC…",
        "Search contacts": "Contacten zoeken",
        "{screen} ({keys})": "{screen} ({keys})",
        "Resilient ZCC — {region} — phase {phase}": "Resilient ZCC — {region} — fase {phase}",
        "Resilient ZCC — locked": "Resilient ZCC — vergrendeld",
    }
)

# Coordinators' laptops: 1366x768 at 100 % and 1920x1080 at 150 % (1280x720 logical).
# The window must shrink to this; screens scroll inside it rather than being cut off.
SMALLEST_SCREEN = QSize(1280, 720)

# The screens in the order coordinators asked for (Ctrl+1 … Ctrl+9, then Ctrl+0), each as
# (key, module in ui.views, class). Only the dashboard is built at start; the others are
# imported and built the first time they are opened, so start-up pays for one screen.
SCREENS = (
    ("overview", "overview", "OverviewView"),
    ("contacts", "contacts", "ContactsView"),
    ("crisis", "crisis", "CrisisView"),
    ("capacity", "capacity", "CapacityView"),
    ("outage", "outage", "OutageView"),
    ("placements", "placements", "PlacementsView"),
    ("procedures", "procedures", "ProceduresView"),
    ("logbook", "logbook", "LogbookView"),
    ("print", "printing", "PrintingView"),
    ("sync", "sync", "SyncView"),
    ("rounds", "rounds", "RoundsView"),
)


def _keys(index: int) -> str:
    """The shortcut of the screen at `index` (0-based), as the menus show it; the tenth is
    Ctrl+0, as the digit row ends."""
    return QKeySequence(f"Ctrl+{(index + 1) % 10}").toString(QKeySequence.SequenceFormat.NativeText)


def screen_titles() -> dict[str, str]:
    return {
        "overview": tr("Overview"),
        "contacts": tr("Contacts"),
        "crisis": tr("Crisis structure"),
        "capacity": tr("Capacity"),
        "outage": tr("Outage"),
        "placements": tr("Placements"),
        "procedures": tr("Fallback procedures"),
        "logbook": tr("Logbook"),
        "print": tr("Print"),
        "sync": tr("Synchronisation"),
        "rounds": tr("Call rounds"),
    }


_INPUT_EVENTS = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
}


class IdleLock(QObject):
    """Locks after `minutes` without keyboard or mouse input.

    One single-shot timer, restarted by input: when nobody touches the app, it fires once
    and nothing else wakes the CPU. Input is watched on the top-level windows (the main
    window and whichever dialog has the focus), not on the application: a Python filter on
    the application runs for every event of every object, each waiting for the GIL that a
    worker thread holds, and so made the window stutter during long jobs (issue 19). A
    window sees its own input first, before Qt hands it to a widget, and little else.
    """

    def __init__(self, session: Session, minutes: float) -> None:
        super().__init__()
        self.session = session
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(int(minutes * 60_000))
        self.timer.timeout.connect(session.lock)
        session.unlocked.connect(self.timer.start)
        session.locked.connect(self.timer.stop)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusWindowChanged.connect(self.watch)
            self.watch(app.focusWindow())

    def watch(self, window: QWindow | None) -> None:
        """Watch this top-level window's input; moving between windows counts as input."""
        if window is None:
            return
        window.installEventFilter(self)  # installing twice keeps one filter
        self.touched()

    def touched(self) -> None:
        if self.timer.isActive():
            self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in _INPUT_EVENTS:
            self.touched()
        return False


class PageStack(QStackedWidget):
    """The screens, asking only for the room the screen in front needs (a plain stack asks
    for the largest of all), so a small screen is not held wide by another."""

    def __init__(self) -> None:
        super().__init__()
        self.currentChanged.connect(lambda _index: self.updateGeometry())

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        page = self.currentWidget()
        if page is None:
            return super().minimumSizeHint()
        return page.minimumSizeHint().expandedTo(page.minimumSize())

    def sizeHint(self) -> QSize:  # noqa: N802
        page = self.currentWidget()
        return super().sizeHint() if page is None else page.sizeHint()

    def heightForWidth(self, _width: int) -> int:  # noqa: N802
        # The scroll area asks this when a screen has wrapping text; a plain stack answers
        # with the *preferred* height of its tallest screen, and the area scrolls needlessly.
        # What must fit is the minimum of the screen in front.
        return self.minimumSizeHint().height()


def scrolling(widget: QWidget) -> QScrollArea:
    """`widget` at its full size when the window allows, with scroll bars when it does not."""
    area = QScrollArea()
    area.setWidget(widget)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    return area


class MainWindow(QMainWindow):
    def __init__(
        self,
        session: Session,
        ask_unlock: Callable[[], object],
        idle_lock_minutes: float = DEFAULT_IDLE_LOCK_MIN,
        discovery: bool = True,
    ) -> None:
        super().__init__()
        self.session = session
        self.ask_unlock = ask_unlock
        self.setWindowTitle(tr("Resilient ZCC"))
        self.sidebar = QListWidget()
        self.sidebar.setFixedWidth(190)
        self.sidebar.setStyleSheet(
            "QListWidget { font-size: 12pt; } QListWidget::item { padding: 6px; }"
        )
        self.pages = PageStack()
        self.keys = [key for key, *_ in SCREENS]
        self.contrast: Contrast | None = None
        self.overview = OverviewView(session)
        self.overview.setProperty("screen_title", screen_titles()["overview"])
        self.overview.navigate.connect(self.open_page)
        self._built: dict[str, QWidget] = {"overview": self.overview}
        titles = screen_titles()
        for key in self.keys:
            self.sidebar.addItem(titles[key])
            self.pages.addWidget(self._built.get(key) or QWidget())  # a stand-in until opened
        for number in range(len(self.keys)):
            item = self.sidebar.item(number)
            item.setToolTip(tr("{screen} ({keys})", screen=item.text(), keys=_keys(number)))
        self.sidebar.currentRowChanged.connect(self.show_index)
        self.sidebar.setCurrentRow(0)
        self.locked_label = QLabel(tr("Locked"))
        self.locked_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.locked_label.setStyleSheet("font-size: 20pt;")
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.addWidget(self.sidebar)
        layout.addWidget(scrolling(self.pages), 1)
        self.body = QStackedWidget()
        self.body.addWidget(central)
        self.body.addWidget(self.locked_label)
        self.setCentralWidget(self.body)
        self.data_age = QLabel()
        # A long status line must not widen the window: it is cut instead.
        self.data_age.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.statusBar().addWidget(self.data_age, 1)
        self._shortcuts()
        self.idle_lock = IdleLock(session, idle_lock_minutes)
        # Off while locked and for a profile without a network; mDNS only with `discovery`.
        self.background = BackgroundSync(session, discovery=discovery)
        session.unlocked.connect(self.on_unlocked)
        session.locked.connect(self.on_locked)
        session.data_changed.connect(self.update_status)
        self.update_title()
        self.resize(1200, 700)

    def _shortcuts(self) -> None:
        """The menus; their actions carry the shortcuts, so Help -> Sneltoetsen lists them."""
        self._file_menu()
        view_menu = self.menuBar().addMenu(tr("&View"))
        contrast = view_menu.addAction(tr("&High contrast"))
        contrast.setCheckable(True)
        contrast.setShortcut(QKeySequence("Ctrl+Shift+H"))
        contrast.toggled.connect(self.set_high_contrast)
        self.contrast_action = contrast
        view_menu.addSeparator()
        titles = screen_titles()
        for number, key in enumerate(self.keys):
            action = view_menu.addAction(titles[key])
            action.setShortcut(QKeySequence(_keys(number)))
            action.triggered.connect(lambda _=False, n=number: self.open_index(n))
        find = view_menu.addAction(tr("Search contacts"))
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.triggered.connect(lambda: self.open_page("contacts"))
        self._help_menu()

    def _file_menu(self) -> None:
        """Getting data in and out; the dialogs are imported when first used."""
        menu = self.menuBar().addMenu(tr("&File"))
        self.import_action = menu.addAction(tr("&Import contacts…"))
        self.import_action.setShortcut(QKeySequence("Ctrl+I"))
        self.import_action.triggered.connect(self.import_contacts)
        menu.addAction(tr("&Export contacts…")).triggered.connect(self.export_contacts)
        menu.addAction(tr("Export &capacity…")).triggered.connect(self.export_capacity)
        menu.addSeparator()
        self.lock_action = menu.addAction(tr("&Lock"))
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.triggered.connect(self.session.lock)
        self.quit_action = menu.addAction(tr("&Quit"))
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)

    def _help_menu(self) -> None:
        menu = self.menuBar().addMenu(tr("&Help"))
        self.shortcuts_action = menu.addAction(tr("&Keyboard shortcuts…"))
        self.shortcuts_action.setShortcut(QKeySequence("F1"))
        self.shortcuts_action.triggered.connect(self.show_shortcuts)
        self.about_action = menu.addAction(tr("&About Resilient ZCC…"))
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self.show_about)

    def show_shortcuts(self) -> Any:
        from .dialogs.help import ShortcutsDialog

        for key in self.keys:
            self.page(key)  # each screen's own shortcuts exist once it is built
        dialog = ShortcutsDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def show_about(self) -> Any:
        from .dialogs.help import AboutDialog

        dialog = AboutDialog(self.session.profile, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def update_title(self) -> None:
        """Region and phase while unlocked; only "locked" (no data) while locked."""
        if not self.session.is_unlocked:
            self.setWindowTitle(tr("Resilient ZCC — locked"))
            return
        store = self.session.store
        try:
            state = phase_state(store, default_region(store))
        except ZccError:
            self.setWindowTitle(tr("Resilient ZCC"))  # no region yet, or several
            return
        self.setWindowTitle(
            tr(
                "Resilient ZCC — {region} — phase {phase}",
                region=state["region"],
                phase=state["phase"],
            )
        )

    def import_contacts(self) -> Any:
        """The wizard over the Contacten screen, which shows the people it brought in."""
        if not self.session.is_unlocked:
            return None
        self.open_page("contacts")
        return self.contacts.open_import()

    def export_contacts(self) -> None:
        if self.session.is_unlocked:
            from .dialogs.export import ask_export_contacts

            ask_export_contacts(self, self.session)

    def export_capacity(self) -> None:
        if self.session.is_unlocked:
            from .dialogs.export import ask_export_capacity

            ask_export_capacity(self, self.session)

    def set_high_contrast(self, high: bool) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            if self.contrast is None:
                self.contrast = Contrast(app)
            self.contrast.set_high(high)

    def page(self, key: str) -> Any:
        """The screen for `key`, built (and its module imported) the first time it is asked for."""
        if key not in self._built:
            _, module, name = SCREENS[self.keys.index(key)]
            view = getattr(importlib.import_module(f"ui.views.{module}"), name)(self.session)
            view.setProperty("screen_title", screen_titles()[key])  # for Help -> Sneltoetsen
            index = self.keys.index(key)
            stand_in = self.pages.widget(index)
            self.pages.insertWidget(index, view)
            if stand_in is not None:
                self.pages.removeWidget(stand_in)
                stand_in.deleteLater()
            self._built[key] = view
        return self._built[key]

    @property
    def contacts(self) -> Any:
        return self.page("contacts")

    def show_index(self, index: int) -> None:
        if 0 <= index < len(self.keys):
            self.page(self.keys[index])
            self.pages.setCurrentIndex(index)

    def open_index(self, index: int) -> None:
        if 0 <= index < len(self.keys) and self.session.is_unlocked:
            self.sidebar.setCurrentRow(index)
            # A screen may say where typing should go (Contacten: its search box).
            focus = getattr(self.page(self.keys[index]), "focus_default", None)
            if focus is not None:
                focus()

    def open_page(self, key: str) -> None:
        page, _, sheet = key.partition(":")  # 'print:sitrap': Afdrukken with a sheet chosen
        if sheet and page in self.keys:
            self.open_index(self.keys.index(page))
            choose = getattr(self._built.get(page), "choose_sheet", None)
            if choose is not None:
                choose(sheet)
            return
        if key in self.keys:
            self.open_index(self.keys.index(key))
            if key == "contacts":
                self.contacts.focus_search()

    def on_unlocked(self) -> None:
        self.body.setCurrentIndex(0)
        self.update_status()

    def on_locked(self) -> None:
        self.body.setCurrentIndex(1)  # nothing of the data stays on screen
        self.data_age.setText("")
        self.update_title()
        QTimer.singleShot(0, self.ask_unlock)

    def update_status(self) -> None:
        """The data's age, recomputed on changes and when the window is activated (no timer)."""
        if not self.session.is_unlocked:
            return
        self.update_title()
        store = self.session.store
        received = store.log.last_received_at()
        newest = newest_report_at(store)
        text = tr(
            "Data: newest change from another device {received}; newest capacity report {report}",
            received=when_and_age(received),
            report=when_and_age(newest),
        )
        if store.read_only:
            text = tr("Disk full: reading only, nothing can be saved. {status}", status=text)
        self.data_age.setText(text)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        self.idle_lock.watch(self.windowHandle())

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.background.shutdown()
        for view in self._built.values():
            shutdown = getattr(view, "shutdown", None)
            job = getattr(view, "job", None)
            if shutdown is not None:
                shutdown()  # no worker outlives its window (each bounded by its timeouts)
            elif job is not None:
                job.wait()
        super().closeEvent(event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self.update_status()
        super().changeEvent(event)
