"""Let members sync with (or join through) this app while it is unlocked, without polling.

The listening socket is watched by a `QSocketNotifier` in the Qt event loop: nothing wakes
while nobody connects. Each connection is handed to `sync.transport.Server.submit`, which
serves it in its own thread on its own connection to the profile, with the same deadlines
and limits as `sync serve` (several peers at once; a stranger cannot block it). Locking
stops it all.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, QSocketNotifier, Signal

from .i18n import add_catalogue, tr
from .session import Session

add_catalogue(
    {
        "Cannot listen on {address}: {reason}.": ("Kan niet luisteren op {address}: {reason}."),
    }
)

log = logging.getLogger("resilient_zcc.ui")
DEFAULT_LISTEN = "0.0.0.0:7400"


class Serving(QObject):
    changed = Signal()  # started or stopped
    served = Signal()  # a connection was handled (data may have changed)
    _handled = Signal()  # emitted from a server thread; delivered in the GUI thread

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.server: Any = None
        self.notifier: QSocketNotifier | None = None
        self._handled.connect(self._done)
        session.locked.connect(self.stop)

    @property
    def address(self) -> str | None:
        if self.server is None:
            return None
        host, port = self.server.address
        return f"{host}:{port}"

    def start(self, listen: str = DEFAULT_LISTEN) -> str:
        """Listen on HOST:PORT (ZccError when the address is bad or taken); returns it."""
        from resilient_zcc.errors import ZccError
        from resilient_zcc.network import model
        from sync import tls, transport

        self.stop()
        host, port = tls.parse_address(listen, 7400)
        store = self.session.store
        model.require(store)
        twin = store.twin()
        try:
            server = transport.Server(twin, host, port, log=lambda m: log.info("serving: %s", m))
        except ZccError:  # the address is taken or not ours: the server says so
            twin.close()
            raise
        except OSError as exc:
            twin.close()
            reason = exc.strerror or str(exc)
            raise ZccError(
                tr("Cannot listen on {address}: {reason}.", address=listen, reason=reason)
            ) from exc
        self.server = server
        self.notifier = QSocketNotifier(server.listener.fileno(), QSocketNotifier.Type.Read, self)
        self.notifier.activated.connect(self._accept)
        self.changed.emit()
        return str(self.address)

    def _accept(self) -> None:
        if self.server is None or self.notifier is None:
            return
        try:
            raw, remote = self.server.listener.accept()
        except OSError:  # gone again (or timed out): wait for the next one
            return
        self.server.submit(raw, f"{remote[0]}:{remote[1]}", done=self._handled.emit)

    def _done(self) -> None:
        if self.session.is_unlocked:
            self.session.changed()
        self.served.emit()

    def stop(self) -> None:
        """Stop listening; connections being served finish first (bounded by deadlines)."""
        if self.notifier is not None:
            self.notifier.setEnabled(False)
            self.notifier.deleteLater()
            self.notifier = None
        server, self.server = self.server, None
        if server is not None:
            server.listener.close()
            server.stop()  # connections being served finish first (bounded by deadlines)
            server.store.close()
            self.changed.emit()
