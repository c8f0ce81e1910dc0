"""Benchmark of the exchange: importing a large key-contact workbook."""

from __future__ import annotations

import random
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from openpyxl import Workbook

from resilient_zcc.exchange.contact_import import apply_import, open_source, plan_import
from resilient_zcc.keyheader import KdfCost
from resilient_zcc.store import Store

PASSPHRASE = "benchmark passphrase"
CHEAP = KdfCost(iterations=1, memory_kib=8192, lanes=1)
HEADERS = ["Naam", "Functie", "Organisatie", "Sector", "Telefoon", "Mobiel", "Piket", "E-mail",
           "Bereikbaarheid", "Opmerking"]  # fmt: skip
FUNCTIONS = ("Crisiscoördinator", "Bedmanager", "Piket medisch specialist", "Teamleider",
             "Bestuurlijk piket", "Officier van dienst")  # fmt: skip


def _list_rows(rows: int, seed: int = 7) -> Iterator[list[str]]:
    """A list as a region keeps it: 400 organisations, several numbers in some cells;
    every person and number invented."""
    rng = random.Random(seed)
    for n in range(rows):
        org = n % 400
        mobile = f"06-{10000000 + n}"
        if n % 10 == 0:
            mobile += f" / 06-{30000000 + n}"
        yield [
            f"Persoon{n} Voorbeeld", rng.choice(FUNCTIONS), f"Zorgorganisatie {org} (fictief)",
            ("VVT", "Ziekenhuizen / MSR", "GGZ", "Huisartsenzorg")[org % 4],
            f"053-{1000000 + n % 900000}", mobile, f"0546-{100000 + org}" if n % 3 == 0 else "",
            f"persoon{n}@voorbeeld.invalid", ("24/7", "kantoortijden", "volgens rooster")[n % 3],
            "fictief" if n % 7 == 0 else "",
        ]  # fmt: skip


def write_workbook(path: Path, rows: int, seed: int = 7) -> None:
    """The list with a title row and headers on row 3, written in openpyxl's normal mode,
    which (like Excel and LibreOffice) records the sheet's size up front."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Sleutelfunctionarissen"
    sheet.append(["Bereikbaarheidslijst (synthetisch, verzonnen)"])
    sheet.append([])
    sheet.append(HEADERS)
    for row in _list_rows(rows, seed):
        sheet.append(row)
    workbook.save(path)


_ODS_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
)


def write_ods(path: Path, rows: int, seed: int = 7) -> None:
    """The same list as an OpenDocument spreadsheet (the least LibreOffice writes: the
    mimetype first and stored, a manifest, content.xml)."""

    def row_xml(cells: list[str]) -> str:
        parts = [
            f'<table:table-cell office:value-type="string"><text:p>{escape(c)}</text:p>'
            "</table:table-cell>" if c else "<table:table-cell/>"
            for c in cells
        ]  # fmt: skip
        return "<table:table-row>" + "".join(parts) + "</table:table-row>"

    body = [row_xml(["Bereikbaarheidslijst (synthetisch, verzonnen)"]), row_xml([""]),
            row_xml(HEADERS), *(row_xml(r) for r in _list_rows(rows, seed))]  # fmt: skip
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_ODS_NS} '
        'office:version="1.2"><office:body><office:spreadsheet>'
        '<table:table table:name="Sleutelfunctionarissen">'
        + "".join(body)
        + "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
        '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type='
        '"application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry '
        'manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>'
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"),
                         "application/vnd.oasis.opendocument.spreadsheet")  # fmt: skip
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)


def _import_once(workdir: Path, path: Path, run: int) -> dict[str, float]:
    store, _ = Store.create(workdir / f"import-{run}", PASSPHRASE, cost=CHEAP)
    with store:
        cpu_began = time.process_time()
        began = time.perf_counter()
        source = open_source(store, path)
        read_s = time.perf_counter() - began
        plan = plan_import(store, source)
        planned_s = time.perf_counter() - began
        apply_import(store, plan)
        total_s = time.perf_counter() - began
        cpu_s = time.process_time() - cpu_began
        people = store.query_one("SELECT count(*) AS n FROM people")["n"]
        channels = store.query_one("SELECT count(*) AS n FROM channels")["n"]
        began = time.perf_counter()
        again = plan_import(store, open_source(store, path))
        reimport_s = time.perf_counter() - began
    assert not plan.problems and again.summary.unchanged == people
    return {
        "total_s": total_s, "cpu_s": cpu_s, "read_s": read_s, "plan_s": planned_s - read_s,
        "apply_s": total_s - planned_s, "reimport_s": reimport_s, "people": people,
        "channels": channels,
    }  # fmt: skip


def import_rows_per_s(workdir: Path, rows: int = 20_000, runs: int = 3) -> dict[str, Any]:
    """Rows per second from reading a 20,000-row XLSX to the committed transaction
    (read, map, plan with every phone number validated, apply through the change log),
    each run into a fresh profile; the median run (the machine is shared, so the range
    and the CPU seconds are shown too)."""
    path = workdir / "contacten.xlsx"
    write_workbook(path, rows)
    results = sorted(
        (_import_once(workdir, path, n) for n in range(runs)), key=lambda r: r["total_s"]
    )
    median = results[len(results) // 2]
    slowest, fastest = (round(rows / r["total_s"]) for r in (results[-1], results[0]))
    assert median["people"] == rows
    ods = workdir / "contacten.ods"  # the same list as LibreOffice's own format, one run
    write_ods(ods, rows)
    ods_run = _import_once(workdir, ods, runs)
    assert ods_run["people"] == rows
    return {
        "import_rows_per_s": round(rows / median["total_s"]),
        "range_rows_per_s": f"{slowest}-{fastest}",
        "rows_per_cpu_s": round(rows / median["cpu_s"]),
        "rows": rows,
        "channels": int(median["channels"]),
        "runs": runs,
        "read_s": round(median["read_s"], 2),
        "plan_s": round(median["plan_s"], 2),
        "apply_s": round(median["apply_s"], 2),
        "reimport_dry_run_s": round(median["reimport_s"], 2),
        "ods_rows_per_s": round(rows / ods_run["total_s"]),
        "ods_read_s": round(ods_run["read_s"], 2),
    }
