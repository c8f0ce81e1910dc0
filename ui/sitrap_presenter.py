"""What the Sitrap dialog shows and does, without Qt: the radio text of the report as it
would be made now, the coordinator's judgement and proposals, and making the version."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from resilient_zcc.crisis.common import device_label
from resilient_zcc.crisis.regions import default_region
from resilient_zcc.localtime import local_text
from resilient_zcc.sitrap.model import make_sitrap
from resilient_zcc.sitrap.report import Sitrap, build_sitrap
from resilient_zcc.sitrap.rhythm import next_due
from resilient_zcc.sitrap.text import radio_text
from resilient_zcc.store import Store

from .i18n import add_catalogue, language, tr

add_catalogue(
    {
        "No sitrap made yet; the next is due {due}.": (
            "Nog geen sitrap gemaakt; de volgende is nodig om {due}."
        ),
        "Last: sitrap {number} of {at}. Next due {due}.": (
            "Laatste: sitrap {number} van {at}. Volgende nodig om {due}."
        ),
        "Last: sitrap {number} of {at}. The next was due {due}: overdue.": (
            "Laatste: sitrap {number} van {at}. De volgende was nodig om {due}: te laat."
        ),
    }
)


def proposals_from(text: str) -> list[str]:
    """One proposed decision per line; empty lines and list marks left out."""
    return [line.strip().lstrip("-*").strip() for line in text.splitlines() if line.strip()]


@dataclass
class SitrapPresenter:
    store: Store
    made: Sitrap | None = None

    def _now(self) -> datetime:
        return datetime.now(UTC)

    def preview(self, oordeel: str, proposals: str) -> str:
        """The report as it would be made now, in the radio text's words."""
        report = build_sitrap(
            self.store, self._now(), device_label(self.store), oordeel, proposals_from(proposals)
        )
        return radio_text(report, language())

    def make(self, oordeel: str, proposals: str) -> str:
        """Number and keep the sitrap; its text as kept."""
        self.made = make_sitrap(
            self.store, self._now(), device_label(self.store), oordeel, proposals_from(proposals)
        )
        return radio_text(self.made, language())

    def rhythm(self) -> str:
        due = next_due(self.store, default_region(self.store), self._now())
        if due.last_number is None or due.last_at is None:
            return tr("No sitrap made yet; the next is due {due}.", due=local_text(due.due_at))
        values = {"number": due.last_number, "at": local_text(due.last_at)}
        if due.overdue:
            return tr(
                "Last: sitrap {number} of {at}. The next was due {due}: overdue.",
                due=local_text(due.due_at),
                **values,
            )
        return tr(
            "Last: sitrap {number} of {at}. Next due {due}.", due=local_text(due.due_at), **values
        )
