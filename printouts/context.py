"""What every sheet is printed for: scope (region or organisation), language, the moment,
the data version shown, and this device."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from resilient_zcc.contacts.directory import one_organisation
from resilient_zcc.crisis.common import device_label
from resilient_zcc.crisis.regions import default_region, list_regions, region
from resilient_zcc.errors import NotFound, ValidationError
from resilient_zcc.i18n import Text
from resilient_zcc.printlog import DataVersion, data_version
from resilient_zcc.store import Store

LANGS = ("nl", "en")


@dataclass
class PrintContext:
    store: Store
    lang: str
    now: datetime
    version: DataVersion
    region_id: str | None
    region_name: str
    organisation: dict[str, Any] | None
    device: str
    device_short: str

    @property
    def organisation_id(self) -> str | None:
        return self.organisation["id"] if self.organisation else None

    @property
    def scope(self) -> str:
        """A stable key of what was printed for, used to track the print."""
        if self.organisation:
            return f"org:{self.organisation['id']}"
        return f"region:{self.region_id or '-'}"

    @property
    def scope_label(self) -> str:
        if self.organisation:
            return str(self.organisation["name"])
        return self.region_name

    def t(self, nl: str, en: str) -> str:
        return nl if self.lang == "nl" else en


def _find_region(store: Store, text: str) -> str:
    text = text.strip()
    rows = list_regions(store)
    hits = [
        r
        for r in rows
        if r["id"].startswith(text)
        or text.lower() in (r["name"] or "").lower()
        or text.lower() == (r["code"] or "").lower()
    ]
    if len(hits) == 1:
        return str(hits[0]["id"])
    if not hits:
        known = "; ".join(f"{r['name']} [{r['id'][:8]}]" for r in rows)
        raise NotFound(
            "No region matches '{text}'. Regions: {names}.", text=text, names=known or Text("none")
        )
    names = "; ".join(f"{r['name']} [{r['id'][:8]}]" for r in hits)
    raise ValidationError(
        "'{text}' matches several regions: {names}. Be more precise.", text=text, names=names
    )


def make_context(
    store: Store,
    *,
    region_text: str | None = None,
    organisation_text: str | None = None,
    lang: str = "nl",
    now: datetime | None = None,
) -> PrintContext:
    """Resolve the scope; a profile without a region still prints (the directory alone)."""
    if lang not in LANGS:
        raise ValidationError(
            "Unknown language '{lang}'. Allowed: {allowed}.", lang=lang, allowed=", ".join(LANGS)
        )
    now = now or datetime.now(UTC)
    if region_text:
        region_id: str | None = _find_region(store, region_text)
    else:
        try:
            region_id = default_region(store)
        except NotFound:
            region_id = None
    region_name = str(region(store, region_id)["name"]) if region_id else ""
    organisation = one_organisation(store, organisation_text) if organisation_text else None
    device_id = store.identity.device_id
    return PrintContext(
        store=store,
        lang=lang,
        now=now,
        version=data_version(store),
        region_id=region_id,
        region_name=region_name or ("(geen regio)" if lang == "nl" else "(no region)"),
        organisation=organisation,
        device=device_label(store),
        device_short=device_id[:8],
    )
