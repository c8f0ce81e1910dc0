"""Key-contact sheets: the Bereikbaarheidslijst, the one-page alarmkaart, pocket cards."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Spacer

from resilient_zcc.contacts.directory import (
    ALARM_SECTORS,
    REGIONAL,
    alarm_functions,
    directory_listing,
)
from resilient_zcc.contacts.vocabulary import CHANNEL_KINDS, PHONE_KINDS, label
from resilient_zcc.contacts.who import EntryKind, who_to_call
from resilient_zcc.crisis.escalation import escalation_path
from resilient_zcc.errors import ZccError
from resilient_zcc.printlog import ROTA_DAYS
from resilient_zcc.settings import get_setting

from ..context import PrintContext
from ..layout import (
    NBSP,
    Heading,
    SheetStart,
    esc,
    local,
    nobreak,
    para,
    rich,
    torch_grid,
)

WEEKDAYS_NL = ("ma", "di", "wo", "do", "vr", "za", "zo")
WEEKDAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
# Channel types in a word short enough for the alarm card's columns.
SHORT_KINDS: dict[str, tuple[str, str]] = {
    "piket": ("Piket", "On-call"),
    "direct": ("Direct", "Direct"),
    "mobile": ("Mobiel", "Mobile"),
    "satellite": ("Satelliet", "Satellite"),
}
# The functions every organisation has on the alarm card.
ALARM_CARD_CODES = frozenset({"crisiscoordinator", "piket"})
CONTACT_TABLES = frozenset(
    {"organisations", "people", "functions", "roles", "rota_shifts", "channels", "settings"}
)


def _listing(ctx: PrintContext) -> list[dict[str, Any]]:
    return directory_listing(ctx.store, ctx.now, organisation_id=ctx.organisation_id, lang=ctx.lang)


def channel_line(ctx: PrintContext, channel: dict[str, Any], number: int | None = None) -> str:
    """'1. Mobiel: 06 12 34 56 78 (24/7) - note' as markup: the channel type as a word in
    front, the value in bold and never broken over two lines."""
    lead = f"{number}. " if number is not None else ""
    when = f" ({esc(channel['availability_label'])})" if channel["availability_label"] else ""
    note = f" – {esc(channel['note'])}" if channel["note"] else ""
    kind = label(CHANNEL_KINDS, channel["kind"], ctx.lang)
    value = channel["value"]
    shown = nobreak(value) if channel["kind"] in PHONE_KINDS or len(value) < 24 else esc(value)
    return f"{lead}{esc(kind)}: <b>{shown}</b>{when}{note}"


def number_line(ctx: PrintContext, channel: dict[str, Any]) -> str:
    """'Piketnummer: 053 123 4567' for the torch sheets: one number, nothing else."""
    kind = label(CHANNEL_KINDS, channel["kind"], ctx.lang)
    return f"{esc(kind)}: <b>{nobreak(channel['value'])}</b>"


def rota_period(ctx: PrintContext) -> tuple[datetime, datetime]:
    """The days the rota on a sheet covers: today and the next ROTA_DAYS - 1 days."""
    first = ctx.now.astimezone().replace(hour=0, minute=0, second=0, microsecond=0)
    return first, first + timedelta(days=ROTA_DAYS - 1)


def period_text(ctx: PrintContext) -> str:
    first, last = rota_period(ctx)
    return ctx.t(
        f"Roosters op dit blad: {first:%d-%m-%Y} tot en met {last:%d-%m-%Y}.",
        f"Rotas on this sheet: {first:%Y-%m-%d} to {last:%Y-%m-%d} inclusive.",
    )


def _day_label(ctx: PrintContext, day: datetime) -> str:
    return f"{(WEEKDAYS_NL if ctx.lang == 'nl' else WEEKDAYS_EN)[day.weekday()]} {day:%d-%m}"


def _initials(name: str) -> str:
    """'Gerrit van Oefenen' as 'G. van Oefenen': the rota column fits a day on one line
    (the full name is in the person column)."""
    first, _space, rest = name.partition(" ")
    return f"{first[0]}. {rest}" if rest and first[:1].isalpha() else name


def _rota(ctx: PrintContext, function: dict[str, Any]) -> str:
    """Who is on duty, one line for every day of the period: 'di 01-12: 07–19 A. Name,
    19–07 B. Name'; a day nobody is on the rota says so."""
    first, _last = rota_period(ctx)
    lines = []
    for offset in range(ROTA_DAYS):
        day = first + timedelta(days=offset)
        shifts = [
            f"{datetime.fromisoformat(s['starts_at']).astimezone():%H}–"
            f"{datetime.fromisoformat(s['ends_at']).astimezone():%H}{NBSP}"
            f"{nobreak(_initials(s['person']))}"
            for s in function["rota"]
            if datetime.fromisoformat(s["starts_at"]).astimezone().date() == day.date()
        ]
        who = ", ".join(shifts) or ctx.t("niemand ingeroosterd", "nobody on the rota")
        lines.append(f"<b>{_day_label(ctx, day)}</b>: {who}")
    return "<br/>".join(lines)


def reach(ctx: PrintContext, channels: list[dict[str, Any]]) -> str:
    """Channels in fallback order, one per line: 'Mobiel: <b>06 ...</b>'."""
    return "<br/>".join(number_line(ctx, c) for c in channels)


def person_markup(ctx: PrintContext, person: dict[str, Any]) -> str:
    parts = [f"<b>{esc(person['name'])}</b>"]
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
            f"<b>[24/7]</b> dag en nacht bereikbaar · <b>[VEROUDERD]</b> niet gecontroleerd in "
            f"de laatste {days} dagen: eerst een ander kanaal of een collega proberen · "
            "kanalen staan in de volgorde waarin u ze probeert · wie dienst heeft staat per "
            "dag in het rooster. ",
            f"<b>[24/7]</b> reachable day and night · <b>[OUT OF DATE]</b> not checked in the "
            f"last {days} days: try another channel or a colleague first · channels are "
            "listed in the order to try them · who is on duty is in the rota, day by day. ",
        )
        + f"<b>{esc(period_text(ctx))}</b>",
        "torch",
    )


def _empty(ctx: PrintContext) -> Flowable:
    return para(
        ctx.t(
            "Er staan nog geen contacten in dit profiel. Laad de gegevens van de regio "
            "(of synchroniseer met een collega) en druk opnieuw af.",
            "This profile holds no contacts yet. Load the region's data (or sync with "
            "a colleague) and print again.",
        ),
        "warning",
    )


def contact_list(ctx: PrintContext, options: dict[str, Any]) -> list[Flowable]:
    """Bereikbaarheidslijst: grouped by sector and organisation, a row per function holder,
    one number per line, and who is on duty on each day of the period."""
    listing = _listing(ctx)
    story: list[Flowable] = [legend(ctx), Spacer(1, 3 * mm)]
    people = sum(len(f["holders"]) for o in listing for f in o["functions"]) + sum(
        len(o["people"]) for o in listing
    )
    if not people:
        return [*story, _empty(ctx)]
    widths = [62 * mm, 48 * mm, 82 * mm, 77 * mm]
    head = [
        para(ctx.t("Functie", "Function"), "torch_bold"),
        para(ctx.t("Persoon", "Person"), "torch_bold"),
        para(ctx.t("Nummers, in deze volgorde", "Numbers, in this order"), "torch_bold"),
        para(ctx.t("Wie heeft dienst, per dag", "Who is on duty, by day"), "torch_bold"),
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
        story.append(para(f"{org['name']}{short}{where}", "torch_head"))
        rows: list[list[Any]] = [head]
        for function in org["functions"]:
            first = rich(_function_markup(ctx, function), "torch")
            rota = rich(_rota(ctx, function), "torch") if function["rota"] else ""
            if not function["holders"]:
                rows.append(
                    [first, para(ctx.t("niemand toegewezen", "nobody assigned"), "torch"), "", rota]
                )
            for n, holder in enumerate(function["holders"]):
                lines = "<br/>".join(
                    channel_line(ctx, c, i) for i, c in enumerate(holder["channels"], 1)
                ) or ctx.t("geen kanaal bekend", "no channel known")
                rows.append(
                    [
                        first if n == 0 else "",
                        rich(person_markup(ctx, holder), "torch"),
                        rich(lines, "torch"),
                        rota if n == 0 else "",
                    ]
                )
        for person in org["people"]:
            lines = "<br/>".join(
                channel_line(ctx, c, i) for i, c in enumerate(person["channels"], 1)
            )
            rows.append(
                [
                    para(ctx.t("(geen functie)", "(no function)"), "torch"),
                    rich(person_markup(ctx, person), "torch"),
                    rich(lines, "torch"),
                    "",
                ]
            )
        story.append(torch_grid(rows, widths))
    return story


def _phones(function: dict[str, Any], most: int = 2) -> list[dict[str, Any]]:
    """The numbers to dial for a function: its own (the piket phone) first."""
    own = [c for c in function["channels"] if c["kind"] in PHONE_KINDS]
    return own[:most]


def _reachable(function: dict[str, Any]) -> bool:
    return bool(_phones(function)) or any(
        c["kind"] in PHONE_KINDS for h in function["holders"] for c in h["channels"]
    )


def _short_number(ctx: PrintContext, channel: dict[str, Any]) -> str:
    kind = label(SHORT_KINDS, channel["kind"], ctx.lang) or label(
        CHANNEL_KINDS, channel["kind"], ctx.lang
    )
    return f"{esc(kind)}{NBSP}<b>{nobreak(channel['value'])}</b>"


def _who_now(
    ctx: PrintContext, organisation_id: str, function: dict[str, Any]
) -> tuple[str, dict[str, Any]] | None:
    """Whom to call for a function without a number of its own, and that person's first
    number: the same answer as the call card (who_to_call: on the rota now, else the
    holder). Regional functions, or a name the answer cannot settle, use the listing."""
    if organisation_id:
        try:
            answer = who_to_call(ctx.store, organisation_id, function["name"], ctx.now)
        except ZccError:
            answer = None
        if answer is not None:
            for entry in answer.entries:
                number = entry.first_number
                if entry.kind is not EntryKind.FUNCTION and number is not None:
                    return entry.name, {"kind": number.kind, "value": number.display}
            return None
    for holder in function["holders"]:
        phones = [c for c in holder["channels"] if c["kind"] in PHONE_KINDS]
        if phones:
            return holder["name"], phones[0]
    return None


def _entry(
    ctx: PrintContext, name: str, function: dict[str, Any], lead: str = "", org: str = ""
) -> list[Flowable]:
    """A function on the alarm card on one line where it fits: its name, then its number
    (the piket phone); a second number on a line of its own. Without a number of its own,
    whom to call now and that person's number."""
    head = f"{lead}<b>{esc(name)}</b>"
    phones = _phones(function)
    who = None if phones else _who_now(ctx, org, function)
    if who is not None:
        head += f" ({esc(_initials(who[0]))})"
        phones = [who[1]]
    if not phones:
        return [rich(f"{head}: {ctx.t('geen nummer bekend', 'no number known')}", "torch_entry")]
    lines = [f"{head}: {_short_number(ctx, phones[0])}"]
    lines += [f"{NBSP * 4}{_short_number(ctx, c)}" for c in phones[1:]]
    return [rich("<br/>".join(lines), "torch_entry")]


def alarm_card(ctx: PrintContext, options: dict[str, Any]) -> list[Flowable]:
    """Alarmkaart: the ZCC functions, the region's escalation line and every organisation's
    crisis coordinator and piket, in two columns on at most two pages."""
    listing = _listing(ctx)
    if not any(org["functions"] for org in listing):
        return [
            para(
                ctx.t(
                    "Nog geen functies met bereikbaarheid in dit profiel.",
                    "No functions with contact details in this profile yet.",
                ),
                "warning",
            )
        ]
    story: list[Flowable] = []
    regional = [o for o in listing if o["id"] == REGIONAL]
    if regional:
        story.append(para(ctx.t("ZCC-functies", "ZCC functions"), "torch_head"))
        for function in regional[0]["functions"]:
            story += _entry(ctx, function["name"], function)
    story += _escalation(ctx)
    ranked = {code: n for n, code in enumerate(ALARM_SECTORS)}
    orgs = sorted(
        (o for o in listing if o["id"] != REGIONAL),
        key=lambda o: (ranked.get(o["sector"], len(ranked)), o["sector_label"], o["name"]),
    )
    # The functions to call first (the same ranking as the pocket cards) are there too.
    first = {f["id"] for f in alarm_functions(listing, limit=20)}
    sector = None
    unreachable: list[str] = []
    for org in orgs:
        wanted = [f for f in org["functions"] if f["code"] in ALARM_CARD_CODES or f["id"] in first]
        if not wanted:
            continue
        if not any(_reachable(f) for f in wanted):  # listed together at the end
            unreachable.append(org["short_name"] or org["name"])
            continue
        if org["sector_label"] != sector:
            sector = org["sector_label"]
            story.append(para(sector, "torch_head"))
        name = esc(org["short_name"] or org["name"])
        if len(wanted) == 1:  # one line saved per organisation: two pages hold them all
            lead = f"<b><u>{name}</u></b> "
            story += _entry(ctx, wanted[0]["name"], wanted[0], lead, org["id"])
            continue
        entries = [
            entry
            for function in wanted
            for entry in _entry(ctx, function["name"], function, org=org["id"])
        ]
        story.append(KeepTogether([rich(f"<u>{name}</u>", "torch_org"), entries[0]]))
        story += entries[1:]
    if unreachable:
        story.append(
            rich(
                f"<b>{ctx.t('Geen nummer bekend', 'No number known')}:</b> "
                + esc(", ".join(unreachable)),
                "torch_entry",
            )
        )
    return story


def _escalation(ctx: PrintContext) -> list[Flowable]:
    """The region's escalation line: each step's actor, and a number where one function
    (not every organisation's) takes that step."""
    if not ctx.region_id:
        return []
    steps = escalation_path(ctx.store, ctx.region_id, ctx.now)
    if not steps:
        return []
    story: list[Flowable] = [para(ctx.t("Escalatielijn", "Escalation line"), "torch_head")]
    for step in steps:
        lines = [f"<b>{step['number']}. {esc(step['actor'])}</b>"]
        for function in step["functions"][:1]:
            phones = [
                c
                for h in function["holders"][:1]
                for c in h.get("channels", [])
                if c.get("kind") in PHONE_KINDS
            ][:1]
            lines[-1] += "".join(f": {_short_number(ctx, c)}" for c in phones)
        story.append(KeepTogether([rich("<br/>".join(lines), "torch_entry")]))
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
        lines = [number_line(ctx, c) for c in function["channels"]]
        holder = function["holders"][0] if function["holders"] else None
        if holder and not function["channels"]:
            lines.append(f"<b>{esc(holder['name'])}</b>")
            lines += [number_line(ctx, c) for c in holder["channels"][:2]]
        story.append(
            rich("<br/>".join(lines) or ctx.t("niemand toegewezen", "nobody assigned"), "torch")
        )
        story.append(para(ctx.t("Wie bel je waarvoor", "Who to call for what"), "h3"))
        for other in [o for o in others if o["id"] != function["id"]][:3]:
            phones = (
                _phones(other, 1)
                or [
                    c
                    for h in other["holders"][:1]
                    for c in h["channels"]
                    if c["kind"] in PHONE_KINDS
                ][:1]
            )
            where = f" ({esc(other['organisation'])})" if other["organisation_id"] else ""
            text = f"<b>{esc(other['name'])}</b>{where}"
            if phones:
                text += "<br/>" + number_line(ctx, phones[0])
            story.append(KeepTogether([rich(text, "torch")]))
    return story
