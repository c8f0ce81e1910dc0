"""Key-contact sheets: the Bereikbaarheidslijst, the one-page alarmkaart, pocket cards."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Spacer

from resilient_zcc.contacts.directory import alarm_functions, directory_listing
from resilient_zcc.contacts.vocabulary import CHANNEL_KINDS, label
from resilient_zcc.settings import get_setting

from ..context import PrintContext
from ..layout import PAGE_BOTTOM, PAGE_TOP, Heading, SheetStart, esc, grid, local, para, rich

WEEKDAYS_NL = ("ma", "di", "wo", "do", "vr", "za", "zo")
WEEKDAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
CONTACT_TABLES = frozenset(
    {"organisations", "people", "functions", "roles", "rota_shifts", "channels", "settings"}
)


def _listing(ctx: PrintContext) -> list[dict[str, Any]]:
    return directory_listing(ctx.store, ctx.now, organisation_id=ctx.organisation_id, lang=ctx.lang)


def channel_line(ctx: PrintContext, channel: dict[str, Any], number: int | None = None) -> str:
    """'1. Mobiel: 06 12 34 56 78 (24/7) - note' as markup, the value in bold."""
    lead = f"{number}. " if number is not None else ""
    when = f" ({esc(channel['availability_label'])})" if channel["availability_label"] else ""
    note = f" – {esc(channel['note'])}" if channel["note"] else ""
    kind = label(CHANNEL_KINDS, channel["kind"], ctx.lang)
    return f"{lead}{esc(kind)}: <b>{esc(channel['value'])}</b>{when}{note}"


def reach(ctx: PrintContext, channels: list[dict[str, Any]]) -> str:
    """Channels on one line in fallback order: 'Mobile <b>06 ...</b> · E-mail <b>...</b>'."""
    return " · ".join(
        f"{esc(label(CHANNEL_KINDS, c['kind'], ctx.lang))} <b>{esc(c['value'])}</b>"
        for c in channels
    )


def _shift_time(ctx: PrintContext, iso: str) -> str:
    moment = datetime.fromisoformat(iso).astimezone()
    day = (WEEKDAYS_NL if ctx.lang == "nl" else WEEKDAYS_EN)[moment.weekday()]
    return f"{day} {moment:%d-%m %H:%M}"


def _initials(name: str) -> str:
    """'Gerrit van Oefenen' as 'G. van Oefenen': the rota column fits a day on one line
    (the full name is in the person column)."""
    first, _space, rest = name.partition(" ")
    return f"{first[0]}. {rest}" if rest and first[:1].isalpha() else name


def _rota(ctx: PrintContext, function: dict[str, Any]) -> str:
    """One line per day: 'di 01-12: 07–19 A. Name · 19–07 B. Name'; the current shift bold."""
    days: dict[str, list[str]] = {}
    for shift in function["rota"]:
        start = datetime.fromisoformat(shift["starts_at"]).astimezone()
        end = datetime.fromisoformat(shift["ends_at"]).astimezone()
        text = f"{start:%H}–{end:%H} {esc(_initials(shift['person']))}"
        if shift["now"]:
            text = f"<b>{ctx.t('NU', 'NOW')} {text}</b>"
        days.setdefault(_shift_time(ctx, shift["starts_at"])[:-6], []).append(text)
    return "<br/>".join(f"{day}: {' · '.join(shifts)}" for day, shifts in days.items())


def person_markup(ctx: PrintContext, person: dict[str, Any]) -> str:
    parts = [f"<b>{esc(person['name'])}</b>"]
    if person.get("on_duty"):
        parts.append(f"<b>{ctx.t('NU IN DIENST', 'ON DUTY NOW')}</b>")
    if person["stale"]:
        since = (
            ctx.t("gecontroleerd ", "checked ") + local(person["last_verified_at"], ctx.lang)[:10]
            if person["last_verified_at"]
            else ctx.t("nooit gecontroleerd", "never checked")
        )
        parts.append(f"<b>[{ctx.t('VEROUDERD', 'OUT OF DATE')}]</b> {since}")
    return "<br/>".join(parts)


def _function_markup(ctx: PrintContext, function: dict[str, Any]) -> str:
    always = " <b>[24/7]</b>" if function["always"] else ""
    text = f"<b>{esc(function['name'])}</b>{always}"
    if function["description"]:
        text += f"<br/>{esc(function['description'])}"
    for channel in function["channels"]:
        text += "<br/>" + channel_line(ctx, channel)
    return text


def legend(ctx: PrintContext) -> Flowable:
    days = get_setting(ctx.store, "contacts.stale_after_days")
    return rich(
        ctx.t(
            f"<b>[24/7]</b> dag en nacht bereikbaar · <b>NU IN DIENST</b> volgens het rooster "
            f"bij het afdrukken · <b>[VEROUDERD]</b> niet gecontroleerd in de laatste {days} "
            "dagen: eerst een ander kanaal of een collega proberen · kanalen staan in de "
            "volgorde waarin u ze probeert.",
            f"<b>[24/7]</b> reachable day and night · <b>ON DUTY NOW</b> by the rota at print "
            f"time · <b>[OUT OF DATE]</b> not checked in the last {days} days: try another "
            "channel or a colleague first · channels are listed in the order to try them.",
        ),
        "small",
    )


def contact_list(ctx: PrintContext, options: dict[str, Any]) -> list[Flowable]:
    """Bereikbaarheidslijst: grouped by sector and organisation, a row per function holder."""
    listing = _listing(ctx)
    story: list[Flowable] = [legend(ctx), Spacer(1, 3 * mm)]
    people = sum(len(f["holders"]) for o in listing for f in o["functions"]) + sum(
        len(o["people"]) for o in listing
    )
    if not people:
        story.append(
            para(
                ctx.t(
                    "Er staan nog geen contacten in dit profiel. Laad de gegevens van de regio "
                    "(of synchroniseer met een collega) en druk opnieuw af.",
                    "This profile holds no contacts yet. Load the region's data (or sync with "
                    "a colleague) and print again.",
                ),
                "warning",
            )
        )
        return story
    widths = [55 * mm, 44 * mm, 90 * mm, 80 * mm]
    head = [
        para(ctx.t("Functie", "Function"), "cell_bold"),
        para(ctx.t("Persoon", "Person"), "cell_bold"),
        para(
            ctx.t("Bereikbaar via (in deze volgorde)", "Reach through (in this order)"), "cell_bold"
        ),
        para(ctx.t("Rooster komende 7 dagen", "Rota, next 7 days"), "cell_bold"),
    ]
    sector = None
    for org in listing:
        if not org["functions"] and not org["people"]:
            continue
        if org["sector_label"] != sector:
            sector = org["sector_label"]
            story.append(CondPageBreak(40 * mm))
            story.append(Heading(sector, 1, "h2"))
        where = f" – {org['city']}" if org["city"] else ""
        short = (
            f" ({org['short_name']})"
            if org["id"] and org["short_name"] and org["short_name"] != org["name"]
            else ""
        )
        story.append(CondPageBreak(30 * mm))
        story.append(para(f"{org['name']}{short}{where}", "h3"))
        rows: list[list[Any]] = [head]
        for function in org["functions"]:
            first = rich(_function_markup(ctx, function))
            rota = rich(_rota(ctx, function)) if function["rota"] else ""
            if not function["holders"]:
                rows.append([first, para(ctx.t("niemand toegewezen", "nobody assigned")), "", rota])
            for n, holder in enumerate(function["holders"]):
                lines = "<br/>".join(
                    channel_line(ctx, c, i) for i, c in enumerate(holder["channels"], 1)
                ) or ctx.t("geen kanaal bekend", "no channel known")
                rows.append(
                    [
                        first if n == 0 else "",
                        rich(person_markup(ctx, holder)),
                        rich(lines),
                        rota if n == 0 else "",
                    ]
                )
        for person in org["people"]:
            lines = "<br/>".join(
                channel_line(ctx, c, i) for i, c in enumerate(person["channels"], 1)
            )
            rows.append(
                [
                    para(ctx.t("(geen functie)", "(no function)")),
                    rich(person_markup(ctx, person)),
                    rich(lines),
                    "",
                ]
            )
        story.append(grid(rows, widths))
    return story


def alarm_card(ctx: PrintContext, options: dict[str, Any]) -> list[Flowable]:
    """Alarmkaart: the most important functions of the region on one A4."""
    functions = alarm_functions(_listing(ctx), limit=30)
    story: list[Flowable] = []
    if not functions:
        return [
            para(
                ctx.t(
                    "Nog geen functies met bereikbaarheid in dit profiel.",
                    "No functions with contact details in this profile yet.",
                ),
                "warning",
            )
        ]
    widths = [62 * mm, 50 * mm, 70 * mm]
    head = [
        para(ctx.t("Functie – organisatie", "Function – organisation"), "cell_bold"),
        para(ctx.t("Nu bereikbaar", "Reach now"), "cell_bold"),
        para(ctx.t("Nummers, in deze volgorde", "Numbers, in this order"), "cell_bold"),
    ]
    rows: list[list[Any]] = [head]
    for function in functions:
        always = " <b>[24/7]</b>" if function["always"] else ""
        holders = function["holders"][:2]
        names = " · ".join(
            esc(h["name"])
            + (f" <b>({ctx.t('dienst', 'on duty')})</b>" if h.get("on_duty") else "")
            + (f" <b>[{ctx.t('VEROUDERD', 'OUT OF DATE')}]</b>" if h["stale"] else "")
            for h in holders
        ) or ctx.t("niemand", "nobody")
        channels = list(function["channels"]) + (holders[0]["channels"][:2] if holders else [])
        numbers = reach(ctx, channels[:3])
        rows.append(
            [
                rich(f"<b>{esc(function['name'])}</b>{always} – {esc(function['organisation'])}"),
                rich(names),
                rich(numbers),
            ]
        )
    # One page: drop the least important rows until the table fits (never below 20).
    key = legend(ctx)
    story.append(key)
    available = A4[1] - PAGE_TOP - PAGE_BOTTOM - key.wrap(sum(widths), 1_000)[1] - 6
    while (
        len(rows) > 21 and grid(rows, widths, zebra=True).wrap(sum(widths), 10_000)[1] > available
    ):
        rows.pop()
    story.append(grid(rows, widths, zebra=True))
    return story


def pocket_cards(ctx: PrintContext, options: dict[str, Any]) -> list[Flowable]:
    """Zakkaart per function (A6): how to reach the function, and who to call for what."""
    listing = _listing(ctx)
    codes = set(options.get("functions") or [])
    chosen = []
    for org in listing:
        for function in org["functions"]:
            if codes and function["code"] not in codes:
                continue
            if not codes and not ctx.organisation_id and org["id"] != "":
                continue  # by default the regional (ZCC) functions
            chosen.append((org, function))
    if not chosen:
        wanted = ", ".join(sorted(codes)) or ctx.t("regionale functies", "regional functions")
        return [
            para(
                ctx.t(
                    f"Geen functies gevonden voor: {wanted}.", f"No functions found for: {wanted}."
                ),
                "warning",
            )
        ]
    others = alarm_functions(listing, limit=12)
    story: list[Flowable] = []
    for n, (org, function) in enumerate(chosen):
        if n:
            story.append(PageBreak())
        story.append(SheetStart(ctx.t("Zakkaart: ", "Pocket card: ") + function["name"]))
        story.append(Heading(function["name"], 1, "h3"))
        about = " – ".join(
            filter(None, [org["name"] if org["id"] else "", function["description"]])
        )
        if about:
            story.append(para(about, "small"))
        story.append(para(ctx.t("Bereik deze functie", "Reach this function"), "h3"))
        lines = [channel_line(ctx, c) for c in function["channels"]]
        for holder in function["holders"][:2]:  # the one on duty first
            lines.append(person_markup(ctx, holder).replace("<br/>", " · "))
            lines += [channel_line(ctx, c, i) for i, c in enumerate(holder["channels"][:2], 1)]
        story.append(rich("<br/>".join(lines) or ctx.t("niemand toegewezen", "nobody assigned")))
        story.append(para(ctx.t("Wie bel je waarvoor", "Who to call for what"), "h3"))
        for other in [o for o in others if o["id"] != function["id"]][:4]:
            channels = list(other["channels"]) + (
                other["holders"][0]["channels"][:1] if other["holders"] else []
            )
            where = f" ({esc(other['organisation'])})" if other["organisation_id"] else ""
            numbers = reach(ctx, channels[:2])
            what = f": {esc(other['description'])}" if other["description"] else ""
            story.append(
                KeepTogether([rich(f"<b>{esc(other['name'])}</b>{where}{what}<br/>{numbers}")])
            )
    return story
