"""Settings, each declared once with its default and meaning; values replicate like data."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .errors import ValidationError
from .i18n import Text

if TYPE_CHECKING:
    from .store import Store


@dataclass(frozen=True)
class Setting:
    key: str
    default: int
    description: Text  # shown with str(), in the current language
    minimum: int = 0
    maximum: int = 10_000


SETTINGS = {
    s.key: s
    for s in (
        Setting(
            "contacts.stale_after_days",
            90,
            Text("A contact not verified for this many days is marked stale."),
            minimum=1,
        ),
        Setting(
            "capacity.stale_after_hours",
            24,
            Text("A capacity figure older than this many hours is marked stale."),
            minimum=1,
        ),
        Setting(
            "placements.retention_days",
            14,
            Text("Days after a placement request closes before its patient data is removed."),
            minimum=1,
            maximum=365,
        ),
        # Target waiting times per urgency, from registration to a place. Acute 4 h: the
        # patient cannot stay where they are (the region's ZCC procedure). High 24 h: a
        # hospital bed must be freed or home care is failing, so within a day. Normal 72 h:
        # a planned transfer (ELV, GRZ, Wlz), about the three days such a transfer takes.
        # In minutes, so a region can set e.g. 90 for acute.
        Setting(
            "placements.target_minutes.acuut",
            4 * 60,
            Text("Target waiting time of an acute placement request, in minutes."),
            minimum=15,
            maximum=14 * 24 * 60,
        ),
        Setting(
            "placements.target_minutes.hoog",
            24 * 60,
            Text("Target waiting time of a high-urgency placement request, in minutes."),
            minimum=15,
            maximum=14 * 24 * 60,
        ),
        Setting(
            "placements.target_minutes.normaal",
            72 * 60,
            Text("Target waiting time of a normal-urgency placement request, in minutes."),
            minimum=15,
            maximum=14 * 24 * 60,
        ),
        Setting(
            "continuity.autonomy_threshold_hours",
            12,
            Text("A location with fewer hours of power autonomy left than this is flagged."),
            minimum=1,
            maximum=720,
        ),
        Setting(
            "continuity.stale_after_hours",
            24,
            Text("A continuity report older than this many hours is marked stale."),
            minimum=1,
        ),
        Setting(
            "continuity.outage_stale_after_hours",
            4,
            Text(
                "While the region is in an outage, a continuity report or home-care figure "
                "older than this many hours is marked stale."
            ),
            minimum=1,
        ),
        # The sitrap rhythm: every N hours from the first to the last hour of the day, local
        # time. Defaults give 08:00, 12:00, 16:00, 20:00; round the clock: first 0, last 23.
        Setting(
            "sitrap.every_hours",
            4,
            Text("A situation report (sitrap) is due every this many hours."),
            minimum=1,
            maximum=24,
        ),
        Setting(
            "sitrap.first_hour",
            8,
            Text("The first hour of the day (local time) a sitrap is due."),
            minimum=0,
            maximum=23,
        ),
        Setting(
            "sitrap.last_hour",
            20,
            Text("The last hour of the day (local time) a sitrap may be due."),
            minimum=0,
            maximum=23,
        ),
    )
}


def get_setting(store: Store, key: str) -> int:
    setting = SETTINGS[key]
    row = store.query_one("SELECT value FROM settings WHERE id = ? AND deleted = 0", (key,))
    return int(row["value"]) if row else setting.default


def set_setting(store: Store, key: str, value: int) -> None:
    setting = SETTINGS.get(key)
    if setting is None:
        raise ValidationError(
            "Unknown setting '{key}'. Known: {known}.", key=key, known=", ".join(sorted(SETTINGS))
        )
    if not setting.minimum <= value <= setting.maximum:
        raise ValidationError(
            "{key} must be between {minimum} and {maximum}, not {value}.",
            key=key,
            minimum=setting.minimum,
            maximum=setting.maximum,
            value=value,
        )
    with store.transaction() as tx:
        tx.put("settings", key, {"value": str(value)})
