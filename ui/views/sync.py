"""Synchronisatie: this device and its region network, the known peers, and the actions:
sync now (with a peer or a typed HOST:PORT), invite, join, revoke, and bundles for a USB stick.

Syncs, joins and bundles run in a worker thread on a twin connection (`ui.jobs`); when
one finishes, every screen reloads through `session.changed()`. A result that arrives after
the profile was locked is dropped unseen.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from resilient_zcc.network import invite, model
from sync import api, transport
from sync import bundle as bundles

from ..errors import show_error
from ..format import local
from ..i18n import add_catalogue, tr
from ..jobs import StoreJob, Work
from ..models.rows import Column, RowsModel
from ..serving import DEFAULT_LISTEN, Serving
from ..session import Session
from .page import Page
from .tables import row_table

add_catalogue(
    {
        "Synchronisation": "Synchronisatie",
        "This device and its network": "Dit apparaat en zijn netwerk",
        "This device:": "Dit apparaat:",
        "Region network:": "Regionetwerk:",
        "{label} (id {id})": "{label} (id {id})",
        "none yet: create one on the first device, or join with an invitation": (
            "nog geen: maak er een aan op het eerste apparaat, of sluit aan met een uitnodiging"
        ),
        "Network name": "Naam van het netwerk",
        "&Create network": "&Netwerk aanmaken",
        "Invitation code": "Uitnodigingscode",
        "Inviting device HOST:PORT": "Uitnodigend apparaat HOST:POORT",
        "&Join network": "&Aansluiten bij netwerk",
        "Known devices": "Bekende apparaten",
        "Device": "Apparaat",
        "Id": "Id",
        "Address": "Adres",
        "Last seen": "Laatst gezien",
        "Last synced": "Laatste sync",
        "Last result": "Resultaat",
        "Pending": "Te versturen",
        "Membership": "Lidmaatschap",
        "member": "lid",
        "member (cannot connect)": "lid (kan niet verbinden)",
        "REVOKED {when}": "INGETROKKEN {when}",
        "received {received}, sent {sent}": "{received} ontvangen, {sent} verzonden",
        "bundle: received {received}": "bundel: {received} ontvangen",
        "joined": "aangesloten",
        "No other devices in this network yet: invite one.": (
            "Nog geen andere apparaten in dit netwerk: nodig er een uit."
        ),
        "Bold on yellow: revoked device.": "Vet op geel: ingetrokken apparaat.",
        "&Revoke device…": "Apparaat &intrekken…",
        "Sync now": "Nu synchroniseren",
        "HOST:PORT": "HOST:POORT",
        "A device chosen above fills in its address.": (
            "Een apparaat dat u hierboven kiest, vult zijn adres in."
        ),
        "&Sync now": "Nu &synchroniseren",
        "Connecting to {address}…": "Verbinden met {address}…",
        "Connected; exchanging changes…": "Verbonden; wijzigingen worden uitgewisseld…",
        "Received {received}; sent {sent} of {to_send}…": (
            "{received} ontvangen; {sent} van {to_send} verzonden…"
        ),
        "Synchronised with {peer}: {received} changes received, {sent} sent.": (
            "Gesynchroniseerd met {peer}: {received} wijzigingen ontvangen, {sent} verzonden."
        ),
        "Note: {warning}": "Let op: {warning}",
        "Invite a device": "Apparaat uitnodigen",
        "&Invite…": "&Uitnodigen…",
        "&Copy code": "Code &kopiëren",
        "Valid until {when}, once. The other device joins with this code and this device's "
        "address while this device accepts connections (above).": (
            "Geldig tot {when}, één keer. Het andere apparaat sluit aan met deze code en het "
            "adres van dit apparaat terwijl dit apparaat verbindingen aanneemt (hierboven)."
        ),
        "Accept syncs and joins from members on": ("Syncs en aansluitingen van leden aannemen op"),
        "Listening on {address}.": "Luistert op {address}.",
        "Not listening: members cannot reach this device.": (
            "Luistert niet: leden kunnen dit apparaat niet bereiken."
        ),
        "USB stick (bundle)": "USB-stick (bundel)",
        "Bundle file": "Bundelbestand",
        "B&rowse…": "B&laderen…",
        "Everything (all devices)": "Alles (alle apparaten)",
        "Only what {device} lacks": "Alleen wat {device} mist",
        "&Export bundle": "Bundel &exporteren",
        "I&mport bundle": "Bundel i&mporteren",
        "Bundle files (*.rzcc)": "Bundelbestanden (*.rzcc)",
        "Choose a bundle file first.": "Kies eerst een bundelbestand.",
        "Type the peer's address as HOST:PORT, or choose a device that has one.": (
            "Typ het adres van de peer als HOST:POORT, of kies een apparaat dat er een heeft."
        ),
        "Bundle written to {path}: {changes} changes in {batches} batches (encrypted and "
        "signed).": (
            "Bundel geschreven naar {path}: {changes} wijzigingen in {batches} batches "
            "(versleuteld en ondertekend)."
        ),
        "Bundle from {device} imported: {applied} new changes, {duplicates} already here.": (
            "Bundel van {device} ingelezen: {applied} nieuwe wijzigingen, {duplicates} al aanwezig."
        ),
        "{refused} batches from devices that are not members or were revoked were refused.": (
            "{refused} batches van apparaten die geen lid zijn of zijn ingetrokken, geweigerd."
        ),
        "Joined the region network '{name}'.": "Aangesloten bij regionetwerk '{name}'.",
        "Region network '{name}' created. Invite the next device.": (
            "Regionetwerk '{name}' aangemaakt. Nodig het volgende apparaat uit."
        ),
        "Choose the device to revoke in the list first.": (
            "Kies eerst in de lijst het apparaat dat u wilt intrekken."
        ),
        "Revoke device": "Apparaat intrekken",
        "Revoke {label} (id {id})? From now on no member syncs with it or accepts its new "
        "changes. This cannot be undone.": (
            "{label} (id {id}) intrekken? Vanaf nu synchroniseert geen lid er meer mee en "
            "neemt niemand zijn nieuwe wijzigingen aan. Dit is niet terug te draaien."
        ),
        "{label} (id {id}) was revoked; the revocation travels with the next sync.": (
            "{label} (id {id}) is ingetrokken; de intrekking gaat mee met de volgende sync."
        ),
        "Working…": "Bezig…",
        "(no name)": "(geen naam)",
    }
)

ADDRESS = re.compile(r"^\S+:\d{1,5}$")


def short(device_id: str) -> str:
    return device_id[:12]


def result_text(stored: str | None) -> str:
    """The core records a peer's last result in English; show it in the UI language."""
    if not stored:
        return ""
    if found := re.fullmatch(r"received (\d+), sent (\d+)", stored):
        return tr("received {received}, sent {sent}", received=found[1], sent=found[2])
    if found := re.fullmatch(r"bundle: received (\d+)", stored):
        return tr("bundle: received {received}", received=found[1])
    return tr("joined") if stored == "joined" else stored


def membership(row: dict[str, Any]) -> str:
    if row["revoked"]:
        return tr("REVOKED {when}", when=local(row["revoked_at"]))
    return tr("member") if row["can_connect"] else tr("member (cannot connect)")


def label_of(row: dict[str, Any]) -> str:
    return str(row.get("label") or tr("(no name)"))


class SyncView(Page):
    finished = Signal()  # a worker job ended (its result shown, or dropped when locked)

    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self.job: StoreJob | None = None
        self.epoch = 0  # bumped on lock: a job started before shows nothing after
        self.confirm: QMessageBox | None = None
        self.invitation: invite.Invitation | None = None
        self.last_progress: api.Progress | None = None

        # this device and the network
        self.device_label = QLabel()
        self.network_label = QLabel()
        self.network_label.setWordWrap(True)
        self.network_name = QLineEdit()
        self.network_name.setPlaceholderText(tr("Network name"))
        self.create_button = QPushButton(tr("&Create network"))
        self.create_button.clicked.connect(lambda: self.create_network(self.network_name.text()))
        self.join_code = QLineEdit()
        self.join_code.setPlaceholderText(tr("Invitation code"))
        self.join_address = QLineEdit()
        self.join_address.setPlaceholderText(tr("Inviting device HOST:PORT"))
        self.join_button = QPushButton(tr("&Join network"))
        self.join_button.clicked.connect(
            lambda: self.join(self.join_code.text(), self.join_address.text())
        )
        self.serving = Serving(session)
        self.serve_box = QCheckBox(tr("Accept syncs and joins from members on"))
        self.serve_box.toggled.connect(self.set_serving)
        self.listen = QLineEdit(DEFAULT_LISTEN)
        self.listen.setMaximumWidth(self.listen.fontMetrics().horizontalAdvance("0" * 24))
        self.serve_state = QLabel()
        self.serving.changed.connect(self._serving_changed)
        self.serve_row = QWidget()
        serve_row = QHBoxLayout(self.serve_row)
        serve_row.setContentsMargins(0, 0, 0, 0)
        serve_row.addWidget(self.serve_box)
        serve_row.addWidget(self.listen)
        serve_row.addWidget(self.serve_state, 1)
        self.setup = QWidget()
        setup = QGridLayout(self.setup)
        setup.setContentsMargins(0, 0, 0, 0)
        setup.addWidget(self.network_name, 0, 0, 1, 2)
        setup.addWidget(self.create_button, 0, 2)
        setup.addWidget(self.join_code, 1, 0)
        setup.addWidget(self.join_address, 1, 1)
        setup.addWidget(self.join_button, 1, 2)
        setup.setColumnStretch(0, 2)
        setup.setColumnStretch(1, 1)
        network_box = QGroupBox(tr("This device and its network"))
        network_form = QGridLayout(network_box)
        network_form.addWidget(QLabel(tr("This device:")), 0, 0)
        network_form.addWidget(self.device_label, 0, 1)
        network_form.addWidget(QLabel(tr("Region network:")), 1, 0)
        network_form.addWidget(self.network_label, 1, 1)
        network_form.addWidget(self.serve_row, 2, 0, 1, 2)
        network_form.addWidget(self.setup, 3, 0, 1, 2)
        network_form.setColumnStretch(1, 1)

        # the peers
        self.peers_model = RowsModel(
            [
                Column(tr("Device"), label_of),
                Column(tr("Id"), lambda r: short(r["device_id"])),
                Column(tr("Membership"), membership),
                Column(tr("Pending"), lambda r: str(r["pending"]), align_right=True),
                Column(tr("Last synced"), lambda r: local(r["last_synced"])),
                Column(tr("Last result"), lambda r: result_text(r["last_result"])),
                Column(tr("Address"), lambda r: r["address"] or ""),
                Column(tr("Last seen"), lambda r: local(r["last_seen"])),
            ]
        )
        self.peers_model.emphasis = lambda row: bool(row["revoked"])
        self.peers_table = row_table(self.peers_model)
        self.peers_table.selectionModel().selectionChanged.connect(self._peer_chosen)
        self.peers_summary = QLabel()
        self.revoke_button = QPushButton(tr("&Revoke device…"))
        self.revoke_button.clicked.connect(self.ask_revoke)
        peers_box = QGroupBox(tr("Known devices"))
        peers_layout = QVBoxLayout(peers_box)
        peers_layout.addWidget(self.peers_summary)
        peers_layout.addWidget(self.peers_table, 1)
        under_table = QHBoxLayout()
        under_table.addWidget(QLabel(tr("Bold on yellow: revoked device.")))
        under_table.addStretch(1)
        under_table.addWidget(self.revoke_button)
        peers_layout.addLayout(under_table)

        # sync now
        self.address = QLineEdit()
        self.address.setPlaceholderText(tr("HOST:PORT"))
        self.address.returnPressed.connect(self.sync_now)
        self.sync_button = QPushButton(tr("&Sync now"))
        self.sync_button.clicked.connect(self.sync_now)
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.setRange(0, 1)
        self.progress.hide()
        self.progress_text = QLabel()
        self.progress_text.setWordWrap(True)
        sync_box = QGroupBox(tr("Sync now"))
        sync_layout = QVBoxLayout(sync_box)
        sync_row = QHBoxLayout()
        sync_row.addWidget(self.address, 1)
        sync_row.addWidget(self.sync_button)
        sync_layout.addLayout(sync_row)
        hint = QLabel(tr("A device chosen above fills in its address."))
        hint.setWordWrap(True)
        sync_layout.addWidget(hint)
        sync_layout.addWidget(self.progress)
        sync_layout.addWidget(self.progress_text)
        sync_layout.addStretch(1)

        # invite
        self.invite_button = QPushButton(tr("&Invite…"))
        self.invite_button.clicked.connect(self.make_invitation)
        self.invite_code = QLineEdit()
        self.invite_code.setReadOnly(True)
        self.copy_button = QPushButton(tr("&Copy code"))
        self.copy_button.clicked.connect(self.copy_code)
        self.invite_note = QLabel()
        self.invite_note.setWordWrap(True)
        self.invite_qr = QLabel()
        self.invite_qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        invite_box = QGroupBox(tr("Invite a device"))
        invite_layout = QVBoxLayout(invite_box)
        self.invite_code.setStyleSheet("font-family: monospace;")
        self.invite_code.hide()  # until an invitation is made
        invite_row = QHBoxLayout()
        invite_row.addWidget(self.invite_button)
        invite_row.addWidget(self.copy_button)
        invite_row.addStretch(1)
        invite_layout.addLayout(invite_row)
        invite_layout.addWidget(self.invite_code)
        invite_layout.addWidget(self.invite_note)
        invite_layout.addWidget(self.invite_qr)
        invite_layout.addStretch(1)

        # bundles
        self.bundle_path = QLineEdit()
        self.bundle_path.setPlaceholderText(tr("Bundle file"))
        browse = QPushButton(tr("B&rowse…"))
        browse.clicked.connect(self.browse_bundle)
        self.bundle_scope = QComboBox()
        self.export_button = QPushButton(tr("&Export bundle"))
        self.export_button.clicked.connect(self.export_bundle)
        self.import_button = QPushButton(tr("I&mport bundle"))
        self.import_button.clicked.connect(self.import_bundle)
        bundle_box = QGroupBox(tr("USB stick (bundle)"))
        bundle_layout = QVBoxLayout(bundle_box)
        path_row = QHBoxLayout()
        path_row.addWidget(self.bundle_path, 1)
        path_row.addWidget(browse)
        bundle_layout.addLayout(path_row)
        bundle_layout.addWidget(self.bundle_scope)
        bundle_buttons = QHBoxLayout()
        bundle_buttons.addWidget(self.export_button)
        bundle_buttons.addWidget(self.import_button)
        bundle_buttons.addStretch(1)
        bundle_layout.addLayout(bundle_buttons)
        bundle_layout.addStretch(1)

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.action_boxes = QWidget()
        actions = QHBoxLayout(self.action_boxes)
        actions.setContentsMargins(0, 0, 0, 0)
        for box in (sync_box, invite_box, bundle_box):
            actions.addWidget(box, 1)
        layout = QVBoxLayout(self)
        title = QLabel(tr("Synchronisation"))
        title.setStyleSheet("font-size: 16pt; font-weight: bold;")
        layout.addWidget(title)
        layout.addWidget(network_box)
        layout.addWidget(peers_box, 1)
        layout.addWidget(self.action_boxes)
        layout.addWidget(self.message)

    # --- reading ---------------------------------------------------------------------------

    def reload(self) -> None:
        store = self.session.store
        me = store.identity.device_id
        row = store.query_one("SELECT label FROM devices WHERE id = ?", (me,)) or {}
        self.device_label.setText(
            tr("{label} (id {id})", label=row.get("label") or tr("(no name)"), id=short(me))
        )
        network = model.current(store)
        self.setup.setVisible(network is None)
        self.serve_row.setVisible(network is not None)
        self._serving_changed()
        self.action_boxes.setEnabled(network is not None)
        self.revoke_button.setEnabled(network is not None)
        if network is None:
            self.network_label.setText(
                tr("none yet: create one on the first device, or join with an invitation")
            )
            self.peers_model.set_rows([])
            self.peers_summary.setVisible(False)
            self._fill_scope([])
            return
        self.network_label.setText(f"{network.name} (id {network.id[:8]})")
        rows = api.peers(store)
        self.peers_model.set_rows(rows)
        self.peers_summary.setText(tr("No other devices in this network yet: invite one."))
        self.peers_summary.setVisible(not rows)
        self._fill_scope(rows)

    def _fill_scope(self, rows: list[dict[str, Any]]) -> None:
        chosen = self.bundle_scope.currentData()
        self.bundle_scope.clear()
        self.bundle_scope.addItem(tr("Everything (all devices)"), None)
        for row in rows:
            if not row["revoked"]:
                name = f"{label_of(row)} ({short(row['device_id'])})"
                self.bundle_scope.addItem(
                    tr("Only what {device} lacks", device=name), row["device_id"]
                )
        index = self.bundle_scope.findData(chosen)
        self.bundle_scope.setCurrentIndex(max(index, 0))

    def clear(self) -> None:
        self.epoch += 1
        self.peers_model.set_rows([])
        self.device_label.clear()
        self.network_label.clear()
        self.message.clear()
        self.progress_text.clear()
        self.invite_code.clear()
        self.invite_code.hide()
        self.invite_note.clear()
        self.invite_qr.clear()
        self.invitation = None
        if self.confirm is not None:
            self.confirm.reject()

    def selected_peer(self) -> dict[str, Any] | None:
        rows = self.peers_table.selectionModel().selectedRows()
        return self.peers_model.row(rows[0].row()) if rows else None

    def _peer_chosen(self) -> None:
        peer = self.selected_peer()
        if peer and peer["address"]:
            self.address.setText(peer["address"])
        if peer:
            index = self.bundle_scope.findData(peer["device_id"])
            if index >= 0:
                self.bundle_scope.setCurrentIndex(index)

    # --- quick actions on the GUI thread ---------------------------------------------------

    def create_network(self, name: str) -> bool:
        store = self.session.store
        if not self.write(lambda: model.create(store, name)):
            return False
        self.message.setText(
            tr("Region network '{name}' created. Invite the next device.", name=name.strip())
        )
        return True

    def make_invitation(self) -> invite.Invitation | None:
        try:
            listening = self.serving.address  # in the QR code when it names one address
            address = listening if listening and not listening.startswith("0.0.0.0:") else None
            made = invite.create(self.session.store, address=address)
        except Exception as exc:
            show_error(self, exc)
            return None
        self.invitation = made
        self.invite_code.setText(made.code)
        self.invite_code.show()
        self.invite_note.setText(
            tr(
                "Valid until {when}, once. The other device joins with this code and this "
                "device's address while this device accepts connections (above).",
                when=local(made.expires_at),
            )
        )
        self.invite_qr.setPixmap(qr_pixmap(made.qr_text))
        return made

    def set_serving(self, on: bool) -> bool:
        """Listen for members (and joiners) at the typed address, or stop listening."""
        if not on:
            self.serving.stop()
            return True
        try:
            self.serving.start(self.listen.text().strip())
        except Exception as exc:
            show_error(self, exc)
            self.serve_box.setChecked(False)
            return False
        return True

    def _serving_changed(self) -> None:
        address = self.serving.address
        self.serve_box.blockSignals(True)
        self.serve_box.setChecked(address is not None)
        self.serve_box.blockSignals(False)
        self.listen.setEnabled(address is None)
        self.serve_state.setText(
            tr("Listening on {address}.", address=address)
            if address
            else tr("Not listening: members cannot reach this device.")
        )

    def shutdown(self) -> None:
        """The window closes: stop listening; wait for a running job."""
        self.serving.stop()
        if self.job is not None:
            self.job.wait()

    def copy_code(self) -> None:
        if self.invite_code.text():
            QGuiApplication.clipboard().setText(self.invite_code.text())

    def ask_revoke(self) -> QMessageBox | None:
        """Ask to confirm, naming the device; the revocation happens when accepted."""
        peer = self.selected_peer()
        if peer is None or peer["revoked"]:
            QMessageBox.information(
                self, tr("Revoke device"), tr("Choose the device to revoke in the list first.")
            )
            return None
        names = {"label": label_of(peer), "id": short(peer["device_id"])}
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            tr("Revoke device"),
            tr(
                "Revoke {label} (id {id})? From now on no member syncs with it or accepts its "
                "new changes. This cannot be undone.",
                **names,
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.accepted.connect(lambda: self.revoke(peer["device_id"]))
        box.finished.connect(lambda _result: setattr(self, "confirm", None))
        self.confirm = box
        box.open()
        return box

    def revoke(self, device_id: str) -> bool:
        if not self.session.is_unlocked:
            return False
        store = self.session.store
        peer = next((r for r in self.peers_model.rows if r["device_id"] == device_id), {})
        if not self.write(lambda: model.revoke(store, device_id)):
            return False
        self.message.setText(
            tr(
                "{label} (id {id}) was revoked; the revocation travels with the next sync.",
                label=label_of(peer) if peer else short(device_id),
                id=short(device_id),
            )
        )
        return True

    # --- long work in a worker -------------------------------------------------------------

    def run(self, work: Work, done: Any, busy_text: str) -> bool:
        """Start `work(twin, progress)` in a worker; `done(result)` runs here afterwards."""
        if self.job is not None or not self.session.is_unlocked:
            return False
        try:
            job = StoreJob(self.session.store, work, self)
        except Exception as exc:
            show_error(self, exc)
            return False
        epoch = self.epoch
        job.progress.connect(self._progressed)
        job.finished.connect(lambda: self._finish(job, epoch, done))
        self.job = job
        self._busy(True, busy_text)
        job.start()
        return True

    def _busy(self, busy: bool, text: str = "") -> None:
        for widget in (self.sync_button, self.export_button, self.import_button, self.setup):
            widget.setEnabled(not busy)
        self.progress.setRange(0, 0 if busy else 1)  # a moving bar while working
        self.progress.setVisible(busy)
        self.progress_text.setText(text)
        if busy:
            self.message.clear()

    def _progressed(self, progress: object) -> None:
        if not isinstance(progress, api.Progress) or not self.session.is_unlocked:
            return
        self.last_progress = progress
        if progress.stage == "connected":
            self.progress_text.setText(tr("Connected; exchanging changes…"))
        elif progress.stage in ("receiving", "sending"):
            self.progress_text.setText(
                tr(
                    "Received {received}; sent {sent} of {to_send}…",
                    received=progress.received,
                    sent=progress.sent,
                    to_send=progress.to_send,
                )
            )

    def _finish(self, job: StoreJob, epoch: int, done: Any) -> None:
        self.job = None
        self._busy(False)
        try:
            if epoch != self.epoch or not self.session.is_unlocked:
                return  # locked meanwhile: show nothing (the next unlock reloads)
            if job.error is not None:
                show_error(self, job.error)
            else:
                done(job.result)
            self.session.changed()
        finally:
            job.deleteLater()
            self.finished.emit()

    def sync_now(self) -> bool:
        address = self.address.text().strip()
        if not ADDRESS.match(address):
            self.message.setText(
                tr("Type the peer's address as HOST:PORT, or choose a device that has one.")
            )
            return False
        peer = self.selected_peer()
        expect = peer["device_id"] if peer and peer["address"] == address else None
        return self.run(
            lambda store, progress: api.sync_now(store, address, progress, expect=expect),
            self._synced,
            tr("Connecting to {address}…", address=address),
        )

    def _synced(self, result: api.SyncResult) -> None:
        lines = [
            tr(
                "Synchronised with {peer}: {received} changes received, {sent} sent.",
                peer=short(result.peer),
                received=result.received.applied,
                sent=result.sent,
            )
        ]
        lines += [tr("Note: {warning}", warning=warning) for warning in result.warnings]
        self.message.setText("\n".join(lines))

    def join(self, code: str, address: str) -> bool:
        peer = address.strip() or None  # a scanned code may carry the address
        return self.run(
            lambda store, _progress: transport.join(store, code, peer),
            self._joined,
            tr("Working…"),
        )

    def _joined(self, result: api.SyncResult) -> None:
        network = model.current(self.session.store)
        lines = [tr("Joined the region network '{name}'.", name=network.name if network else "")]
        lines += [tr("Note: {warning}", warning=warning) for warning in result.warnings]
        self.message.setText("\n".join(lines))

    def _bundle_path(self) -> Path | None:
        text = self.bundle_path.text().strip()
        if not text:
            self.message.setText(tr("Choose a bundle file first."))
            return None
        return Path(text)

    def browse_bundle(self) -> None:
        chosen, _filter = QFileDialog.getSaveFileName(
            self,
            tr("Bundle file"),
            self.bundle_path.text() or "zcc.rzcc",
            tr("Bundle files (*.rzcc)"),
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if chosen:
            self.bundle_path.setText(chosen)

    def export_bundle(self) -> bool:
        path = self._bundle_path()
        if path is None:
            return False
        for_device = self.bundle_scope.currentData()
        return self.run(
            lambda store, _progress: bundles.export(store, path, for_device),
            self._exported,
            tr("Working…"),
        )

    def _exported(self, result: bundles.ExportResult) -> None:
        self.message.setText(
            tr(
                "Bundle written to {path}: {changes} changes in {batches} batches (encrypted "
                "and signed).",
                path=str(result.path),
                changes=result.changes,
                batches=result.batches,
            )
        )

    def import_bundle(self) -> bool:
        path = self._bundle_path()
        if path is None:
            return False
        return self.run(
            lambda store, _progress: bundles.import_bundle(store, path),
            self._imported,
            tr("Working…"),
        )

    def _imported(self, result: tuple[dict[str, Any], Any]) -> None:
        header, report = result
        lines = [
            tr(
                "Bundle from {device} imported: {applied} new changes, {duplicates} already here.",
                device=short(header["author"]),
                applied=report.applied,
                duplicates=report.duplicates,
            )
        ]
        if report.refused:
            lines.append(
                tr(
                    "{refused} batches from devices that are not members or were revoked were "
                    "refused.",
                    refused=report.refused,
                )
            )
        self.message.setText("\n".join(lines))


def qr_pixmap(text: str) -> QPixmap:
    """The invitation as a QR code (segno, as the command line's --qr)."""
    import segno

    buffer = io.BytesIO()
    segno.make(text, error="m").save(buffer, kind="png", scale=4, border=2)
    pixmap = QPixmap()
    pixmap.loadFromData(buffer.getvalue(), "PNG")
    return pixmap
