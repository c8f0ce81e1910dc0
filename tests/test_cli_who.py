"""`contacts who` on the demo region: the same answer as the core query, on duty first."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from resilient_zcc.contacts.who import Cover, who_to_call
from resilient_zcc.store import Store

from .conftest import PASSPHRASE
from .test_cli import run_process


def test_who_json_lists_the_holder_on_duty_first_as_the_core_does(demo_profile: Path) -> None:
    result = run_process(demo_profile, "contacts", "who", "ZGT", "crisiscoördinator", "--json")
    assert result.returncode == 0, result.stderr
    items = json.loads(result.stdout)
    with Store.open(demo_profile, PASSPHRASE) as store:
        answer = who_to_call(store, "ZGT", "crisiscoördinator", datetime.now(UTC))
    assert answer.cover is Cover.ROTA
    assert items == [entry.as_dict() for entry in answer.entries]
    first = items[0]
    assert first["on_duty"] is True and not any(item["on_duty"] for item in items[1:])
    assert first["function"] == "Crisiscoördinator"
    assert first["organisation"].startswith("Ziekenhuisgroep Twente")
    assert set(first["channels"][0]) >= {"kind", "label", "value", "dialable"}
    assert first["channels"][0]["dialable"].startswith("+31")
    # The function's own piket phone comes last.
    assert items[-1]["name"] == "Crisiscoördinator"
    assert [c["kind"] for c in items[-1]["channels"]] == ["piket"]


def test_who_in_dutch_and_bad_names_without_traceback(demo_profile: Path) -> None:
    result = run_process(demo_profile, "--lang", "nl", "contacts", "who", "MST", "crisis")
    assert result.returncode == 0, result.stderr
    assert "(nu in dienst)" in result.stdout and "Eigen kanalen van de functie" in result.stdout
    unknown = run_process(demo_profile, "contacts", "who", "MST", "brandweerman")
    assert unknown.returncode == 1 and "Traceback" not in unknown.stderr
    assert "has no function 'brandweerman'" in unknown.stderr
    ambiguous = run_process(demo_profile, "contacts", "who", "Ziekenhuisgroep", "crisis")
    assert ambiguous.returncode == 1 and "matches 3 organisations" in ambiguous.stderr
