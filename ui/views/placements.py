"""Plaatsingen: the queue by state and urgency, a request's matches and steps, the conflicts.

Every rule (which step may follow which, a refusal needs a reason, transport only after
acceptance, free places at the moment of an offer) is the core's: the buttons ask, the core
answers, and its message is shown when it says no.
"""

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
    QPushButton,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from resilient_zcc.capacity.categories import all_categories
from resilient_zcc.crisis.common import device_label
from resilient_zcc.placements import model as placements_model
from resilient_zcc.placements.conflicts import open_conflicts, resolve_conflict
from resilient_zcc.placements.lifecycle import OPEN_STATES, STATES, TRANSITIONS
from resilient_zcc.placements.matching import Candidate, MatchResult, get_request, match
from resilient_zcc.placements.queries import (
    QueueItem,
    counts_by_state,
    events,
    queue,
    statistics,
)
from resilient_zcc.placements.rules import ESCALATION_ROUTES, REFUSAL_REASONS
from resilient_zcc.placements.vocabulary import (
    AGE_BANDS,
    CARE_NEEDS,
    COVID_STATUSES,
    ESCALATION_TARGETS,
    TRANSPORTS,
    URGENCIES,
    label,
)

from ..dialogs.placement_request import RegisterRequestDialog
from ..dialogs.prompt import PromptDialog
from ..errors import show_error
from ..format import duration, local
from ..i18n import add_catalogue, language, tr
from ..models.rows import Column, RowsModel
from ..session import Session
from .page import Page
from .tables import row_table

add_catalogue(
    {
        "Queue": "Wachtrij",
        "Conflicts ({n})": "Conflicten ({n})",
        "All states ({n})": "Alle statussen ({n})",
        "{state} ({n})": "{state} ({n})",
        "State": "Status",
        "&Register request…": "&Nieuwe aanvraag…",
        "Reference": "Referentie",
        "Urgency": "Urgentie",
        "Care need": "Zorgvraag",
        "Place": "Plaats",
        "Waiting": "Wacht",
        "Target": "Streeftijd",
        "overdue: {over} over target": "te laat: {over} over streeftijd",
        "within {target}": "binnen {target}",
        "Overdue first, then most urgent and longest waiting. Bold on yellow: overdue "
        "(waiting longer than the target of its urgency).": (
            "Te laat eerst, dan meest urgent en langst wachtend. Vet op geel: te laat (wacht "
            "langer dan de streeftijd van de urgentie)."
        ),
        "Select a request in the queue.": "Kies een aanvraag in de wachtrij.",
        "Matches": "Matches",
        "Location": "Locatie",
        "Fits": "Past",
        "Figure age": "Leeftijd cijfer",
        "yes": "ja",
        "no": "nee",
        "Bold on yellow: a figure older than the limit (stale).": (
            "Vet op geel: een cijfer dat ouder is dan de grens (verouderd)."
        ),
        "Take &in progress": "&In behandeling nemen",
        "&Offer selected place": "Plaats &aanbieden",
        "&Accepted": "&Geaccepteerd",
        "Re&fuse…": "&Weigeren…",
        "Arrange &transport": "&Vervoer geregeld",
        "&Placed": "Ge&plaatst",
        "Ca&ncel…": "Annu&leren…",
        "&Escalate…": "&Opschalen…",
        "Match &again": "Opnieuw &matchen",
        "Next steps: {steps}": "Volgende stappen: {steps}",
        "Closed: no further step.": "Gesloten: geen volgende stap.",
        "since {since}": "sinds {since}",
        "Registered {when}": "Aangemeld {when}",
        "Place: {location}": "Plaats: {location}",
        "Escalated to: {target}": "Opgeschaald naar: {target}",
        "History": "Verloop",
        "by {by}": "door {by}",
        "reason: {reason}": "reden: {reason}",
        "Oxygen": "Zuurstof",
        "HFNO": "HFNO",
        "Isolation": "Isolatie",
        "Transport": "Vervoer",
        "Age band": "Leeftijdscategorie",
        "COVID status": "COVID-status",
        "Treatment wishes (ACP)": "Behandelwensen (ACP)",
        "No IC admission": "Geen IC-opname",
        "No resuscitation": "Niet reanimeren",
        "No hospital admission": "Geen ziekenhuisopname",
        "Treatment limits": "Behandelbeperkingen",
        "Wishes": "Wensen",
        "none": "geen",
        "Select a place in the matches to see why it fits or not.": (
            "Kies een plaats bij de matches om te zien waarom die wel of niet past."
        ),
        "No candidate locations for this care need.": (
            "Geen kandidaat-locaties voor deze zorgvraag."
        ),
        "Reasons for and against {location} ({category})": (
            "Redenen voor en tegen {location} ({category})"
        ),
        "{free} free of {available} reported, {allocated} held since the report of {when}": (
            "{free} vrij van {available} gemeld, {allocated} vastgehouden sinds de melding van "
            "{when}"
        ),
        "fits": "past",
        "does not fit": "past niet",
        "warning": "let op",
        "Refuse the offered place": "Aangeboden plaats weigeren",
        "Why does the receiving party refuse? Choose the reason from the list; it is logged. "
        "'Not our own client' is not a reason.": (
            "Waarom weigert de ontvangende partij? Kies de reden uit de lijst; die wordt "
            "vastgelegd. 'Geen eigen cliënt' is geen reden."
        ),
        "Explanation": "Toelichting",
        "(choose a reason)": "(kies een reden)",
        "refused: {reason}": "geweigerd: {reason}",
        "Post-operative": "Postoperatief",
        "Local route tried first": "Lokale route eerst geprobeerd",
        "Local route tried first: {tried} of {total} requests. Refusals: {refusals}": (
            "Lokale route eerst geprobeerd: {tried} van {total} aanvragen. Weigeringen: {refusals}"
        ),
        "Reason": "Reden",
        "Cancel the request": "Aanvraag annuleren",
        "Why is the request cancelled? The reason is logged.": (
            "Waarom wordt de aanvraag geannuleerd? De reden wordt vastgelegd."
        ),
        "Escalate the request": "Aanvraag opschalen",
        "No suitable place in the region: hand the request on. RCPS and LCPS take hospital "
        "patients, the supra-regional VG cohort VG/LG clients; GGZ uses its own routes.": (
            "Geen geschikte plaats in de regio: draag de aanvraag over. RCPS en LCPS nemen "
            "ziekenhuispatiënten, het bovenregionale VG-cohort VG/LG-cliënten; de GGZ gebruikt "
            "eigen routes."
        ),
        "Escalate to": "Opschalen naar",
        "Select a place in the matches first.": "Kies eerst een plaats bij de matches.",
        "Open conflicts: more places held than the newest report says are free.": (
            "Open conflicten: meer plaatsen vastgehouden dan de nieuwste melding vrij geeft."
        ),
        "Available": "Beschikbaar",
        "Held": "Vastgehouden",
        "Detected": "Gevonden",
        "No open conflicts.": "Geen open conflicten.",
        "Re&solve…": "Op&lossen…",
        "{location}, {category}: {available} available in the report of {when}, {allocated} "
        "places held by:": (
            "{location}, {category}: {available} beschikbaar volgens de melding van {when}, "
            "{allocated} plaatsen vastgehouden door:"
        ),
        "Settle it, e.g. by refusing one offer (with a reason) and matching that patient again; "
        "then record here what was done.": (
            "Los het op, bijv. door één aanbod te weigeren (met reden) en die patiënt opnieuw te "
            "matchen; leg daarna hier vast wat er is gedaan."
        ),
        "Resolve conflict": "Conflict oplossen",
        "What was done? Which offer stands? This is kept with the conflict.": (
            "Wat is er gedaan? Welk aanbod blijft staan? Dit wordt bij het conflict bewaard."
        ),
        "Resolution": "Oplossing",
        "Request registered: {reference}": "Aanvraag aangemeld: {reference}",
        "{reference}: {state}": "{reference}: {state}",
        "Conflict resolved.": "Conflict opgelost.",
    }
)


def short(text: str) -> str:
    """A vocabulary label without its explanation in brackets, for narrow table columns."""
    return text.split(" (")[0]


def queue_row(item: QueueItem) -> dict[str, Any]:
    """A queue item as the table shows it: waiting time, and the target or how late."""
    row = item.as_dict()
    row["waiting"] = duration(item.waiting_s // 60) if item.is_open else ""
    if item.overdue:
        row["target"] = tr("overdue: {over} over target", over=duration(item.over_s // 60))
    elif item.is_open:
        row["target"] = tr("within {target}", target=duration(item.target_s // 60))
    else:
        row["target"] = ""
    return row


def _state(code: str | None) -> str:
    return label(STATES, code, language())


def _free_text(candidate: dict[str, Any]) -> str:
    """A candidate's free places, with the word when the place is overbezet."""
    free = str(candidate["free"])
    return f"{free} {tr('OVERBEZET')}" if candidate["overbezet"] else free


class PlacementsView(Page):
    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self.session = session
        self.category_names: dict[str, str] = {}
        self.matched: MatchResult | None = None
        self.dialog: RegisterRequestDialog | PromptDialog | None = None  # the one open now
        self.tabs = QTabWidget()
        self.tabs.addTab(self._queue_tab(), tr("Queue"))
        self.tabs.addTab(self._conflicts_tab(), tr("Conflicts ({n})", n=0))
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.message)
        QShortcut(QKeySequence("Ctrl+N"), self, self.open_register).setWhatsThis(
            tr("&Register request…")  # named in Help -> Sneltoetsen
        )

    # --- building ---------------------------------------------------------------------------

    def _queue_tab(self) -> QWidget:
        self.state_filter = QComboBox()
        self.state_filter.currentIndexChanged.connect(lambda _i: self.load_queue())
        self.register_button = QPushButton(tr("&Register request…"))
        self.register_button.setToolTip("Ctrl+N")
        self.register_button.clicked.connect(self.open_register)
        self.queue_model = RowsModel(
            [
                Column(tr("Reference"), lambda r: r["reference"]),
                Column(tr("State"), lambda r: short(_state(r["state"]))),
                Column(tr("Urgency"), lambda r: short(label(URGENCIES, r["urgency"], language()))),
                Column(tr("Care need"), lambda r: short(_care(r["care_need"]))),
                Column(
                    tr("COVID status"),
                    lambda r: short(label(COVID_STATUSES, r["covid_status"], language())),
                ),
                Column(tr("Waiting"), lambda r: r["waiting"], align_right=True),
                Column(tr("Target"), lambda r: r["target"]),
                Column(tr("Place"), lambda r: r["location_name"] or ""),
            ]
        )
        self.queue_model.emphasis = lambda r: bool(r["overdue"])
        self.queue_table = row_table(self.queue_model)
        self.queue_table.selectionModel().currentRowChanged.connect(
            lambda cur, _prev: self.show_request(cur.row())
        )
        legend = QLabel(
            tr(
                "Overdue first, then most urgent and longest waiting. Bold on yellow: overdue "
                "(waiting longer than the target of its urgency)."
            )
        )
        legend.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(QLabel(tr("State")))
        top.addWidget(self.state_filter, 1)
        top.addWidget(self.register_button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(top)
        left_layout.addWidget(self.queue_table)
        left_layout.addWidget(legend)
        self.stats = QLabel()
        self.stats.setWordWrap(True)
        left_layout.addWidget(self.stats)

        self.detail = QTextBrowser()
        self.matches_model = RowsModel(
            [
                Column(tr("Location"), lambda r: r["location_name"]),
                Column(tr("Category"), lambda r: r["category_name"]),
                Column(tr("Free"), _free_text, align_right=True),
                Column(tr("Fits"), lambda r: tr("yes") if r["suitable"] else tr("no")),
                Column(tr("Figure age"), lambda r: duration(int(r["age_minutes"]))),
            ]
        )
        self.matches_model.emphasis = lambda r: bool(r["stale"])
        self.matches_model.alarm = lambda r: bool(r["overbezet"])  # never a place to send to
        self.matches_table = row_table(self.matches_model)
        self.matches_table.selectionModel().currentRowChanged.connect(
            lambda cur, _prev: self.show_candidate(cur.row())
        )
        self.reasons = QTextBrowser()
        matches_box = QWidget()
        matches_layout = QVBoxLayout(matches_box)
        matches_layout.setContentsMargins(0, 0, 0, 0)
        title = QHBoxLayout()
        title.addWidget(QLabel(f"<b>{tr('Matches')}</b>"))
        title.addStretch()
        self.match_button = QPushButton(tr("Match &again"))
        self.match_button.clicked.connect(self.run_match)
        title.addWidget(self.match_button)
        matches_layout.addLayout(title)
        matches_layout.addWidget(self.matches_table, 3)
        matches_layout.addWidget(
            QLabel(tr("Bold on yellow: a figure older than the limit (stale)."))
        )
        matches_layout.addWidget(self.reasons, 2)

        self.take = QPushButton(tr("Take &in progress"))
        self.offer = QPushButton(tr("&Offer selected place"))
        self.accept_button = QPushButton(tr("&Accepted"))
        self.refuse = QPushButton(tr("Re&fuse…"))
        self.transport = QPushButton(tr("Arrange &transport"))
        self.placed = QPushButton(tr("&Placed"))
        self.cancel = QPushButton(tr("Ca&ncel…"))
        self.escalate = QPushButton(tr("&Escalate…"))
        self.take.clicked.connect(lambda: self.advance("in_behandeling"))
        self.offer.clicked.connect(self.offer_place)
        self.accept_button.clicked.connect(lambda: self.advance("geaccepteerd"))
        self.refuse.clicked.connect(self.ask_refuse)
        self.transport.clicked.connect(lambda: self.advance("vervoer_geregeld"))
        self.placed.clicked.connect(lambda: self.advance("geplaatst"))
        self.cancel.clicked.connect(self.ask_cancel)
        self.escalate.clicked.connect(self.ask_escalate)
        # Which button leads to which state: the allowed next ones are shown in bold.
        self.step_buttons: dict[str, QPushButton] = {
            "in_behandeling": self.take,
            "plaats_aangeboden": self.offer,
            "geaccepteerd": self.accept_button,
            "vervoer_geregeld": self.transport,
            "geplaatst": self.placed,
            "geannuleerd": self.cancel,
            "opgeschaald": self.escalate,
        }
        buttons = QGridLayout()
        for n, button in enumerate(
            (
                self.take,
                self.offer,
                self.accept_button,
                self.refuse,
                self.transport,
                self.placed,
                self.cancel,
                self.escalate,
            )
        ):
            buttons.addWidget(button, n // 4, n % 4)

        # The queue across the top; below it the request beside its matches; the steps last.
        lower = QSplitter()
        lower.addWidget(self.detail)
        lower.addWidget(matches_box)
        lower.setSizes([440, 560])
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(left)
        splitter.addWidget(lower)
        splitter.setSizes([260, 340])
        tab = QWidget()
        tab_layout = QVBoxLayout(tab)
        tab_layout.addWidget(splitter, 1)
        tab_layout.addLayout(buttons)
        self.setTabOrder(self.state_filter, self.register_button)
        self.setTabOrder(self.register_button, self.queue_table)
        self.setTabOrder(self.queue_table, self.matches_table)
        self._enable_actions(None)
        return tab

    def _conflicts_tab(self) -> QWidget:
        intro = QLabel(tr("Open conflicts: more places held than the newest report says are free."))
        intro.setWordWrap(True)
        self.conflicts_model = RowsModel(
            [
                Column(tr("Location"), lambda r: r["location_name"] or ""),
                Column(tr("Category"), lambda r: self.category_names.get(r["category"], "")),
                Column(
                    tr("Available"), lambda r: str(r["details"].get("available")), align_right=True
                ),
                Column(tr("Held"), lambda r: str(r["details"].get("allocated")), align_right=True),
                Column(tr("Detected"), lambda r: local(r["detected_at"])),
            ]
        )
        self.conflicts_table = row_table(self.conflicts_model)
        self.conflicts_table.selectionModel().currentRowChanged.connect(
            lambda cur, _prev: self.show_conflict(cur.row())
        )
        self.conflict_detail = QTextBrowser()
        self.conflict_detail.setOpenLinks(False)  # a reference opens that request in the queue
        self.conflict_detail.anchorClicked.connect(lambda url: self.open_request(url.path()))
        self.resolve = QPushButton(tr("Re&solve…"))
        self.resolve.clicked.connect(self.ask_resolve)
        self.resolve.setEnabled(False)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(intro)
        layout.addWidget(self.conflicts_table, 2)
        layout.addWidget(self.conflict_detail, 3)
        row = QHBoxLayout()
        row.addStretch()
        row.addWidget(self.resolve)
        layout.addLayout(row)
        return tab

    # --- reading ----------------------------------------------------------------------------

    def reload(self) -> None:
        if not self.session.is_unlocked:
            return
        store = self.session.store
        lang = language()
        self.category_names = {
            code: (c.name if lang == "nl" else c.name_en)
            for code, c in all_categories(store).items()
        }
        counts = counts_by_state(store)
        chosen = self.state_filter.currentData()
        self.state_filter.blockSignals(True)
        self.state_filter.clear()
        self.state_filter.addItem(tr("All states ({n})", n=sum(counts.values())), None)
        for state, n in counts.items():
            self.state_filter.addItem(tr("{state} ({n})", state=_state(state), n=n), state)
        found = self.state_filter.findData(chosen)
        self.state_filter.setCurrentIndex(max(found, 0))
        self.state_filter.blockSignals(False)
        self.load_queue()
        self.load_conflicts()

    def load_queue(self) -> None:
        if not self.session.is_unlocked:
            return
        selected = self.current_request()
        items = queue(self.session.store, datetime.now(UTC), self.state_filter.currentData())
        rows = [queue_row(item) for item in items]
        self.queue_model.set_rows(rows)
        self.show_statistics()
        if selected is None and rows:
            selected = rows[0]  # the first to work on
        self.select_request(selected["id"] if selected else None)

    def show_statistics(self) -> None:
        stats = statistics(self.session.store, datetime.now(UTC))
        refusals = ", ".join(
            f"{label(REFUSAL_REASONS, code, language()) if code else '-'}: {n}"
            for code, n in stats.refusals.items()
        )
        self.stats.setText(
            tr(
                "Local route tried first: {tried} of {total} requests. Refusals: {refusals}",
                tried=stats.local_route_tried,
                total=stats.total,
                refusals=refusals or tr("none"),
            )
        )

    def select_request(self, request_id: str | None) -> None:
        for n, row in enumerate(self.queue_model.rows):
            if row["id"] == request_id:
                self.queue_table.selectRow(n)
                self.show_request(n)
                return
        self.queue_table.clearSelection()
        self.show_request(-1)

    def current_request(self) -> dict[str, Any] | None:
        row = self.queue_table.currentIndex().row()
        rows = self.queue_model.rows
        return (
            rows[row]
            if 0 <= row < len(rows) and self.queue_table.currentIndex().isValid()
            else None
        )

    def show_request(self, row: int) -> None:
        if not self.session.is_unlocked or not 0 <= row < len(self.queue_model.rows):
            self.detail.setHtml(f"<p>{tr('Select a request in the queue.')}</p>")
            self.matched = None
            self.matches_model.set_rows([])
            self.reasons.clear()
            self._enable_actions(None)
            return
        store = self.session.store
        try:
            request = get_request(store, self.queue_model.rows[row]["id"])
            history = events(store, request["id"])
        except Exception as exc:
            show_error(self, exc)
            return
        location = self.queue_model.rows[row]["location_name"]
        self.detail.setHtml(request_html(request, history, location, self.category_names))
        self._enable_actions(request["state"])
        self.run_match()

    def run_match(self) -> None:
        request = self.current_request()
        previous = self.current_candidate()
        self.matched = None
        rows: list[dict[str, Any]] = []
        if request is not None and request["state"] in OPEN_STATES:
            try:
                self.matched = match(self.session.store, request["id"], datetime.now(UTC))
            except Exception as exc:
                show_error(self, exc)
                return
            rows = [c.as_dict() for c in self.matched.candidates]
            for r in rows:
                r["category_name"] = self.category_names.get(r["category"], r["category_name"])
        self.matches_model.set_rows(rows)
        keep = -1
        for n, r in enumerate(rows):
            if previous and (r["location_id"], r["category"]) == (
                previous.location_id,
                previous.category,
            ):
                keep = n
        if keep < 0 and rows and rows[0]["suitable"]:
            keep = 0  # the best place, ready to offer
        if keep >= 0:
            self.matches_table.selectRow(keep)
        self.show_candidate(keep)

    def current_candidate(self) -> Candidate | None:
        if self.matched is None or not self.matches_table.currentIndex().isValid():
            return None
        row = self.matches_table.currentIndex().row()
        candidates = self.matched.candidates
        return candidates[row] if 0 <= row < len(candidates) else None

    def show_candidate(self, row: int) -> None:
        if self.matched is None:
            self.reasons.clear()
            return
        notes = "".join(f"<p><i>{escape(n)}</i></p>" for n in self.matched.notes)
        if not self.matched.candidates:
            self.reasons.setHtml(
                f"<p>{tr('No candidate locations for this care need.')}</p>{notes}"
            )
            return
        if not 0 <= row < len(self.matched.candidates):
            self.reasons.setHtml(
                f"<p>{tr('Select a place in the matches to see why it fits or not.')}</p>{notes}"
            )
            return
        self.reasons.setHtml(
            candidate_html(self.matched.candidates[row], self.category_names) + notes
        )

    def _enable_actions(self, state: str | None) -> None:
        """Open requests can be asked any step (the core says which are allowed); the
        allowed next steps are in bold."""
        allowed = TRANSITIONS.get(state or "", ())
        open_request = state in OPEN_STATES
        for target, button in self.step_buttons.items():
            button.setEnabled(open_request)
            font = button.font()
            font.setBold(
                open_request and target in allowed and target not in ("geannuleerd", "opgeschaald")
            )
            button.setFont(font)
        self.refuse.setEnabled(open_request)
        font = self.refuse.font()
        font.setBold(state == "plaats_aangeboden")
        self.refuse.setFont(font)
        self.match_button.setEnabled(open_request)

    def load_conflicts(self) -> None:
        rows = open_conflicts(self.session.store)
        self.conflicts_model.set_rows(rows)
        self.tabs.setTabText(1, tr("Conflicts ({n})", n=len(rows)))
        if rows:
            self.conflicts_table.selectRow(0)
            self.show_conflict(0)
        else:
            self.show_conflict(-1)

    def show_conflict(self, row: int) -> None:
        rows = self.conflicts_model.rows
        if not 0 <= row < len(rows):
            self.conflict_detail.setHtml(f"<p>{tr('No open conflicts.')}</p>" if not rows else "")
            self.resolve.setEnabled(False)
            return
        conflict = rows[row]
        details = conflict["details"]
        references = {i.id: i.as_dict() for i in queue(self.session.store, datetime.now(UTC))}
        items = []
        for request_id in details.get("request_ids", []):
            r = references.get(request_id)
            items.append(
                f"<li><a href='request:{r['id']}'>{escape(r['reference'])}</a>: "
                f"{escape(_state(r['state']))}</li>"
                if r
                else f"<li>{escape(request_id[:8])}</li>"
            )
        head = tr(
            "{location}, {category}: {available} available in the report of {when}, {allocated} "
            "places held by:",
            location=escape(conflict["location_name"] or ""),
            category=escape(self.category_names.get(conflict["category"], conflict["category"])),
            available=details.get("available"),
            when=local(details.get("reported_at")),
            allocated=details.get("allocated"),
        )
        advice = tr(
            "Settle it, e.g. by refusing one offer (with a reason) and matching that patient "
            "again; then record here what was done."
        )
        self.conflict_detail.setHtml(f"<p>{head}</p><ul>{''.join(items)}</ul><p>{advice}</p>")
        self.resolve.setEnabled(True)

    def open_request(self, request_id: str) -> None:
        """Show a request in the queue (all states), e.g. one a conflict names."""
        self.state_filter.setCurrentIndex(0)
        self.tabs.setCurrentIndex(0)
        self.select_request(request_id)
        self.queue_table.setFocus()

    def clear(self) -> None:
        self.state_filter.clear()
        self.queue_model.set_rows([])
        self.matches_model.set_rows([])
        self.conflicts_model.set_rows([])
        self.matched = None
        self.detail.clear()
        self.reasons.clear()
        self.conflict_detail.clear()
        self.message.clear()
        self._enable_actions(None)
        self.resolve.setEnabled(False)
        if self.dialog is not None:
            self.dialog.reject()

    # --- writing ----------------------------------------------------------------------------

    def open_register(self) -> None:
        if not self.session.is_unlocked:
            return
        dialog = RegisterRequestDialog(self.session, self)
        dialog.accepted.connect(lambda: self.registered(dialog))
        self.dialog = dialog
        self.tabs.setCurrentIndex(0)
        dialog.open()

    def registered(self, dialog: RegisterRequestDialog) -> None:
        self.state_filter.setCurrentIndex(0)  # show the new request whatever the filter was
        self.select_request(dialog.request_id)
        self.message.setText(
            tr("Request registered: {reference}", reference=dialog.reference.text().strip())
        )
        self.queue_table.setFocus()

    def advance(
        self,
        to_state: str,
        *,
        location_id: str | None = None,
        category: str | None = None,
        reason: str = "",
        reason_code: str | None = None,
        escalated_to: str | None = None,
    ) -> bool:
        request = self.current_request()
        if request is None or not self.session.is_unlocked:
            return False
        store = self.session.store
        done = self.write(
            lambda: placements_model.advance(
                store,
                request["id"],
                to_state,
                by=device_label(store),
                now=datetime.now(UTC),
                location_id=location_id,
                category=category,
                reason=reason,
                reason_code=reason_code,
                escalated_to=escalated_to,
            )
        )
        if done:
            self.message.setText(
                tr("{reference}: {state}", reference=request["reference"], state=_state(to_state))
            )
        return done

    def offer_place(self) -> None:
        candidate = self.current_candidate()
        if candidate is None:
            self.message.setText(tr("Select a place in the matches first."))
            return
        self.advance(
            "plaats_aangeboden", location_id=candidate.location_id, category=candidate.category
        )

    def _prompt(self, dialog: PromptDialog) -> None:
        self.dialog = dialog
        dialog.open()

    def ask_refuse(self) -> None:
        if self.current_request() is None:
            return
        self._prompt(
            PromptDialog(
                self,
                tr("Refuse the offered place"),
                tr(
                    "Why does the receiving party refuse? Choose the reason from the list; it "
                    "is logged. 'Not our own client' is not a reason."
                ),
                lambda text, code: self.advance(
                    "in_behandeling", reason=text, reason_code=code or None
                ),
                text_label=tr("Explanation"),
                choices=[("", tr("(choose a reason)"))]
                + [(code, label(REFUSAL_REASONS, code, language())) for code in REFUSAL_REASONS],
                choice_label=tr("Reason"),
            )
        )

    def ask_cancel(self) -> None:
        if self.current_request() is None:
            return
        self._prompt(
            PromptDialog(
                self,
                tr("Cancel the request"),
                tr("Why is the request cancelled? The reason is logged."),
                lambda text, _c: self.advance("geannuleerd", reason=text),
                text_label=tr("Reason"),
            )
        )

    def ask_escalate(self) -> None:
        request = self.current_request()
        if request is None:
            return
        lang = language()
        # The routes this patient group may take first (RCPS/LCPS for hospital patients,
        # the VG cohort for VG/LG clients); the others stay listed, and the core says why not.
        routes = sorted(
            ESCALATION_TARGETS,
            key=lambda code: request["care_need"] not in ESCALATION_ROUTES.get(code, ()),
        )
        self._prompt(
            PromptDialog(
                self,
                tr("Escalate the request"),
                tr(
                    "No suitable place in the region: hand the request on. RCPS and LCPS take "
                    "hospital patients, the supra-regional VG cohort VG/LG clients; GGZ uses its "
                    "own routes."
                ),
                lambda text, target: self.advance("opgeschaald", reason=text, escalated_to=target),
                text_label=tr("Reason"),
                choices=[(code, label(ESCALATION_TARGETS, code, lang)) for code in routes],
                choice_label=tr("Escalate to"),
            )
        )

    def ask_resolve(self) -> None:
        row = self.conflicts_table.currentIndex().row()
        rows = self.conflicts_model.rows
        if not 0 <= row < len(rows):
            return
        conflict_id = rows[row]["id"]

        def submit(text: str, _choice: str | None) -> bool:
            store = self.session.store
            done = self.write(
                lambda: resolve_conflict(
                    store, conflict_id, device_label(store), text, datetime.now(UTC)
                )
            )
            if done:
                self.message.setText(tr("Conflict resolved."))
            return done

        self._prompt(
            PromptDialog(
                self,
                tr("Resolve conflict"),
                tr("What was done? Which offer stands? This is kept with the conflict."),
                submit,
                text_label=tr("Resolution"),
            )
        )


def _care(code: str | None) -> str:
    entry = CARE_NEEDS.get(code or "")
    if entry is None:
        return code or ""
    return entry[0] if language() == "nl" else entry[1]


def request_html(
    request: dict[str, Any],
    history: list[dict[str, Any]],
    location: str | None,
    category_names: dict[str, str],
) -> str:
    lang = language()
    state = request["state"]
    parts = [
        f"<h2>{escape(request['reference'])} — {escape(_state(state))}</h2>",
        f"<p>{tr('since {since}', since=local(request['state_at']))}; "
        f"{tr('Registered {when}', when=local(request['registered_at']))}</p>",
    ]
    if location:
        parts.append(f"<p><b>{tr('Place: {location}', location=escape(location))}</b></p>")
    if request["escalated_to"]:
        target = label(ESCALATION_TARGETS, request["escalated_to"], lang)
        parts.append(f"<p><b>{tr('Escalated to: {target}', target=escape(target))}</b></p>")
    allowed = [s for s in TRANSITIONS.get(state, ()) if s not in ("geannuleerd", "opgeschaald")]
    if allowed:
        steps = ", ".join(_state(s) for s in allowed)
        parts.append(f"<p>{tr('Next steps: {steps}', steps=escape(steps))}</p>")
    else:
        parts.append(f"<p>{tr('Closed: no further step.')}</p>")

    def yes(flag: Any) -> str:
        return tr("yes") if flag else tr("no")

    acp = [
        text
        for flag, text in (
            (request["acp_no_ic"], tr("No IC admission")),
            (request["acp_no_resuscitation"], tr("No resuscitation")),
            (request["acp_no_hospital"], tr("No hospital admission")),
        )
        if flag
    ]
    fields = [
        (tr("Urgency"), label(URGENCIES, request["urgency"], lang)),
        (tr("Care need"), _care(request["care_need"])),
        (tr("Category"), category_names.get(request["category"], request["category"])),
        (tr("Age band"), label(AGE_BANDS, request["age_band"], lang)),
        (tr("COVID status"), label(COVID_STATUSES, request["covid_status"], lang)),
        (
            f"{tr('Oxygen')} / {tr('HFNO')} / {tr('Isolation')}",
            f"{yes(request['oxygen'])} / {yes(request['hfno'])} / {yes(request['isolation'])}",
        ),
        (tr("Transport"), label(TRANSPORTS, request["transport"], lang)),
        (tr("Post-operative"), yes(request.get("postoperative"))),
        (tr("Local route tried first"), yes(request.get("local_route_tried"))),
        (tr("Treatment wishes (ACP)"), ", ".join(acp) or tr("none")),
        (tr("Treatment limits"), request["treatment_limits"] or ""),
        (tr("Wishes"), request["wishes"] or ""),
    ]
    parts.append("<table cellspacing='2'>")
    for name, value in fields:
        if value:
            parts.append(f"<tr><td><b>{escape(name)}</b>&nbsp;</td><td>{escape(value)}</td></tr>")
    parts.append(f"</table><h3>{tr('History')}</h3><ol>")
    for event in history:
        extra = []
        if event["location_name"]:
            extra.append(escape(event["location_name"]))
        if event["reason_code"]:
            code = label(REFUSAL_REASONS, event["reason_code"], lang)
            extra.append(tr("refused: {reason}", reason=escape(code)))
        if event["reason"]:
            extra.append(tr("reason: {reason}", reason=escape(event["reason"])))
        parts.append(
            f"<li>{local(event['at'])}: <b>{escape(_state(event['to_state']))}</b> "
            f"{tr('by {by}', by=escape(event['by'] or '-'))}"
            + (f" — {'; '.join(extra)}" if extra else "")
            + "</li>"
        )
    parts.append("</ol>")
    return "".join(parts)


def candidate_html(candidate: Candidate, category_names: dict[str, str]) -> str:
    category = category_names.get(candidate.category, candidate.category_name)
    parts = [
        "<p><b>"
        + tr(
            "Reasons for and against {location} ({category})",
            location=escape(candidate.location_name),
            category=escape(category),
        )
        + "</b><br>"
        + tr(
            "{free} free of {available} reported, {allocated} held since the report of {when}",
            free=candidate.free,
            available=candidate.available,
            allocated=candidate.allocated,
            when=local(candidate.reported_at),
        )
        + "</p>"
    ]
    # Never colour alone: each reason says in words whether it fits.
    for reason in candidate.reasons:
        mark = f"✔ {tr('fits')}" if reason.ok else f"<b>✘ {tr('does not fit')}</b>"
        parts.append(f"<p style='margin: 0 0 0 8px'>{mark}: {escape(reason.text)}</p>")
    for warning in candidate.warnings:
        parts.append(
            f"<p style='margin: 0 0 0 8px'><b>⚠ {tr('warning')}</b>: {escape(warning)}</p>"
        )
    return "".join(parts)
