"""Real-looking lists import on the first try (issue 16): nobody dropped, every number kept
or named as a problem, the mapping guessed right, the report in one language."""

from __future__ import annotations

from pathlib import Path

from resilient_zcc.exchange.contact_import import apply_import, open_source, plan_import
from resilient_zcc.store import Store

from .import_lists import (
    HELD_OUT_ROWS,
    PIKET_HEADERS,
    PIKET_ROWS,
    held_out_list,
    piket_list,
    write_ods,
)


def _channels(store: Store, owner_name: str, table: str = "people") -> dict[str, tuple]:
    rows = store.query(
        f"SELECT c.kind, c.value, c.note, c.availability FROM channels c JOIN {table} o "
        "ON o.id = c.owner_id WHERE o.name = ? AND c.deleted = 0 ORDER BY c.fallback_order",
        (owner_name,),
    )
    return {r["value"]: (r["kind"], r["note"], r["availability"]) for r in rows}


def test_a_piket_list_imports_on_the_first_try(store: Store, tmp_path: Path) -> None:
    source = open_source(store, piket_list(tmp_path))
    assert source.mapping == {
        "Organisatie": "organisation", "Functie": "function", "Naam": "name",
        "Vast / doorkiesnummer": "direct", "Mobiel": "mobile", "Piket (24/7)": "piket",
        "E-mail": "email", "Bereikbaarheid": "availability",
    }  # fmt: skip
    plan = plan_import(store, source)
    apply_import(store, plan)  # no flags: nothing blocks
    names = {r["name"] for r in store.query("SELECT name FROM people WHERE deleted = 0")}
    assert names == {row[2] for row in PIKET_ROWS if row[2]}  # nobody dropped

    # Two labelled numbers in one cell: split, the private one labelled.
    berg = _channels(store, "van der Berg, J.")
    assert berg["+31612345603"] == ("mobile", "", "24/7")
    assert berg["+31612345604"] == ("mobile", "privé", "24/7")
    # 'via receptie' is a note; 112 its own message; a bad e-mail kept as a note.
    dijkstra = _channels(store, "Dijkstra, R.")
    assert dijkstra == {"+31612345624": ("direct", "via receptie", "scale_up")}
    notes = store.query_one("SELECT notes FROM people WHERE name = 'Dijkstra, R.'")["notes"]
    assert "ongeldig nummer uit import: 112 (Piket (24/7))" in notes
    assert "ongeldig e-mailadres uit import: r.dijkstra@ (E-mail)" in notes
    # A bad landline does not cost the good mobile; silence is 'onbekend', never 24/7.
    assert _channels(store, "Dr. E. (Els) Kuipers") == {"+31612345605": ("mobile", "", "unknown")}
    # An availability the list gives in words not known: kept as unknown and reported.
    assert _channels(store, "Piet Voorbeeld")["+31612345607"][2] == "unknown"
    # Piket rows without a person: the function's own phone; the column says 24/7
    # unless the row says otherwise.
    assert _channels(store, "Piket SEH-arts", "functions") == {
        "+31531234502": ("piket", "", "rota")
    }
    assert _channels(store, "Piket zorg", "functions") == {"+31612345608": ("piket", "", "24/7")}
    # A number with only an organisation: its switchboard.
    assert _channels(store, "Roessingh", "organisations") == {
        "+31531234503": ("direct", "", "24/7")
    }
    # No sector column: never a refusal, the organisations are listed to classify.
    assert plan.summary.unclassified == [
        "Alerta", "Aveleijn", "Mediant", "Medisch Spectrum Twente", "Roessingh", "THOEZ",
    ]  # fmt: skip
    sectors = {r["sector"] for r in store.query("SELECT sector FROM organisations")}
    assert sectors == {"unclassified"}
    codes = sorted((p.row, p.code) for p in plan.problems if p.code != "unclassified")
    assert codes == [
        (5, "emergency_number"), (5, "invalid_email"), (6, "invalid_number"),
        (8, "unknown_availability"),
    ]  # fmt: skip


def test_the_report_is_in_one_language(store: Store, tmp_path: Path) -> None:
    rows = [*PIKET_ROWS, PIKET_ROWS[0]]  # the same person twice: merged, said in Dutch
    from .exchange_fixtures import write_csv

    plan = plan_import(store, open_source(store, write_csv(tmp_path / "d.csv", PIKET_HEADERS,
                                                           rows)))  # fmt: skip
    duplicate = next(p for p in plan.problems if p.code == "duplicate_person")
    assert duplicate.detail_text("nl") == "Dezelfde persoon als rij 2: samengevoegd."
    for problem in plan.problems:
        text = f"{problem.text('nl')} {problem.detail_text('nl')}"
        for english in ("Same person", "Add a", "row ", "invalid", "unknown", "is not"):
            assert english not in text


def test_an_unread_column_with_numbers_is_named(store: Store, tmp_path: Path) -> None:
    from resilient_zcc.exchange.import_report import problems_csv

    from .exchange_fixtures import write_csv

    headers = ["Naam", "Organisatie", "Buiten kantoortijd"]
    rows = [["Koen Testerink", "Apotheek Voorbeeld", "06-1234 5620"]]
    path = write_csv(tmp_path / "a.csv", headers, rows)
    plan = plan_import(store, open_source(store, path))
    assert [(p.code, p.column) for p in plan.problems] == [
        ("column_not_read", "Buiten kantoortijd")
    ]
    assert b"kolom met nummers of adressen wordt niet ingelezen" in problems_csv(
        plan.problems, "nl"
    )
    source = open_source(store, path)
    source.set_field("Buiten kantoortijd", "(niet inlezen)")  # set aside on purpose
    assert not plan_import(store, source).problems


def test_a_held_out_list_imports_without_flags(store: Store, tmp_path: Path) -> None:
    source = open_source(store, held_out_list(tmp_path))
    assert dict(source.mapping) == {
        "Organisation": "organisation", "Role": "function", "Contact": "name",
        "Office phone": "direct", "Secretariaat": "direct", "Privé": "mobile",
        "On call (24/7)": "piket", "Sat": "satellite", "Portofoon": "c2000",
        "Email": "email", "Hours": "availability",
    }  # fmt: skip
    plan = plan_import(store, source)
    apply_import(store, plan)
    names = {r["name"] for r in store.query("SELECT name FROM people WHERE deleted = 0")}
    assert names == {row[2] for row in HELD_OUT_ROWS if row[2]}
    wit = _channels(store, "Mr. drs. K. de Wit")
    assert set(wit) == {"+31531234510", "+31531234511", "+31612345610", "+881612345610",
                        "ZCC-Oefen-1", "k.dewit@voorbeeld.invalid"}  # fmt: skip
    assert wit["+31531234511"][1] == "secretariaat"
    assert wit["+31612345610"][1:] == ("privé", "office_hours")
    bakker = _channels(store, "Bakker, T.")
    assert set(bakker) == {"+31612345611", "+31612345612"}
    assert _channels(store, "Duty manager", "functions") == {"+31531234512": ("piket", "", "24/7")}
    # Every number of the list is kept or named as a problem.
    kept = {r["value"] for r in store.query("SELECT value FROM channels WHERE deleted = 0")}
    problems = {p.value for p in plan.problems}
    for row in HELD_OUT_ROWS:
        for cell in row[3:8]:
            for digits in filter(None, (cell.replace(" of ", "|").split("|"))):
                number = "".join(ch for ch in digits.split("(")[0] if ch.isdigit())
                assert any(number[-8:] in v for v in kept) or digits in problems, digits


def test_an_opendocument_list_reads_like_the_workbook(store: Store, tmp_path: Path) -> None:
    rows = [list(r) for r in PIKET_ROWS[:2]]
    rows[1][0] = ""  # the organisation merged over both rows, as lists are laid out
    path = write_ods(tmp_path / "piketlijst.ods", PIKET_HEADERS, rows, merged_first_column=2)
    source = open_source(store, path)
    assert source.table.kind == "ods" and source.table.notes[0].startswith("OpenDocument")
    assert source.mapping["Piket (24/7)"] == "piket"
    apply_import(store, plan_import(store, source))
    assert _channels(store, "Piket SEH-arts", "functions") == {
        "+31531234502": ("piket", "", "rota")
    }
    function = store.query_one(
        "SELECT o.name FROM functions f JOIN organisations o ON o.id = f.organisation_id "
        "WHERE f.name = 'Piket SEH-arts'"
    )
    assert function["name"] == "Medisch Spectrum Twente"  # filled from the merged cell
    names = {r["name"] for r in store.query("SELECT name FROM people")}
    assert names == {"van der Berg, J."}
