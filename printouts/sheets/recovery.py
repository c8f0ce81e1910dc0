"""The recovery-key sheet for the sealed envelope. The key is given at print time, checked
against this profile's key header, and never stored by the app."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from resilient_zcc.errors import ValidationError, WrongPassphrase
from resilient_zcc.keyheader import KeyHeader, format_recovery_key, parse_recovery_key
from resilient_zcc.profile import header_path

from ..context import PrintContext
from ..layout import SheetStart, esc, grid, para, rich


def checked_key(ctx: PrintContext, key: str) -> str:
    """The key in its printed form, if it opens this profile; otherwise a clear error."""
    try:
        raw = parse_recovery_key(key or "")
        KeyHeader.load(header_path(ctx.store.profile_dir)).unlock_with_recovery_key(key)
    except WrongPassphrase as exc:
        raise ValidationError(
            "This recovery key does not open this profile (mistyped, or replaced by a newer "
            "one). Nothing was printed. Issue a new key with 'resilient-zcc recovery-key'."
        ) from exc
    return format_recovery_key(raw)


def recovery_sheet(ctx: PrintContext, options: dict[str, Any]) -> list[Flowable]:
    key = checked_key(ctx, options.get("recovery_key") or "")
    secret = ctx.t(
        "GEHEIM – alleen in een verzegelde envelop bewaren",
        "SECRET – keep only in a sealed envelope",
    )
    groups = key.split("-")
    key_markup = (
        "<font name='Courier-Bold' size='22'>"
        + esc(" ".join(groups[:4]))
        + "<br/>"
        + esc(" ".join(groups[4:]))
        + "</font>"
    )
    facts = [
        [
            para(ctx.t("Apparaat", "Device"), "cell_bold"),
            para(f"{ctx.device} ({ctx.device_short})"),
        ],
        [
            para(ctx.t("Profielmap", "Profile folder"), "cell_bold"),
            para(str(ctx.store.profile_dir)),
        ],
        [para(ctx.t("Verzegeld door / datum", "Sealed by / date"), "cell_bold"), para("_" * 50)],
        [para(ctx.t("Getuige", "Witness"), "cell_bold"), para("_" * 50)],
    ]
    return [
        SheetStart(ctx.t("Herstelsleutel", "Recovery key"), secret),
        para(secret, "warning"),
        para(
            ctx.t(
                "Met deze sleutel opent u het versleutelde profiel als het wachtwoord kwijt is "
                "(resilient-zcc passphrase change --with-recovery-key). Wie deze sleutel en het "
                "profiel heeft, kan alle gegevens lezen.",
                "This key opens the encrypted profile when the passphrase is lost (resilient-zcc "
                "passphrase change --with-recovery-key). Whoever has this key and the profile can "
                "read all its data.",
            ),
            "body",
        ),
        Spacer(1, 8 * mm),
        rich(key_markup, "big"),
        Spacer(1, 8 * mm),
        para(
            ctx.t(
                "Tekens die op papier lijken op elkaar: de sleutel bevat geen 0, 1 of 8 (alleen "
                "O, I "
                "en B). Een nieuwe sleutel (resilient-zcc recovery-key) maakt deze ongeldig: "
                "vernietig dan dit blad.",
                "Characters that look alike on paper: the key holds no 0, 1 or 8 (only O, I and "
                "B). "
                "A new key (resilient-zcc recovery-key) makes this one invalid: then destroy this "
                "sheet.",
            ),
            "body",
        ),
        Spacer(1, 6 * mm),
        grid(facts, [50 * mm, 132 * mm], header=False),
    ]
