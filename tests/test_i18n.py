"""The core speaks Dutch by default and English when chosen; every message has both texts."""

from __future__ import annotations

import ast
import os
import string
import subprocess
import sys
from pathlib import Path

import pytest

from resilient_zcc import errors
from resilient_zcc.capacity.model import add_location
from resilient_zcc.capacity.queries import history
from resilient_zcc.errors import NotFound, WrongPassphrase, ZccError
from resilient_zcc.i18n import Text, language, set_language, t
from resilient_zcc.messages_nl import NL
from resilient_zcc.store import Store

from .conftest import PASSPHRASE

ROOT = Path(__file__).resolve().parents[1]
CORE = ROOT / "resilient_zcc"
# The core, and the packages beside it whose errors the desktop and the CLI show.
SCANNED = (CORE, ROOT / "sync", ROOT / "printouts")
NOT_USER_FACING = ("demo", "synthetic")  # data builders; demo/__init__.py (the command) is in


def _error_types(known: set[str]) -> set[str]:
    """The given error types and every class the scanned files derive from them (BadBundle)."""
    bases = {
        node.name: {b.id for b in node.bases if isinstance(b, ast.Name)}
        for root in SCANNED
        for path in root.rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ClassDef)
    }
    found = set(known)
    while grown := {name for name, parents in bases.items() if parents & found} - found:
        found |= grown
    return found


ERROR_TYPES = _error_types(
    {
        name
        for name, value in vars(errors).items()
        if isinstance(value, type) and issubclass(value, ZccError)
    }
)
MARKERS = {"t", "tn", "Text", "__init__"} | ERROR_TYPES  # __init__: super().__init__ in errors


def _called_name(node: ast.Call) -> str | None:
    if isinstance(node.func, ast.Name):
        return node.func.id
    if isinstance(node.func, ast.Attribute):
        return node.func.attr
    return None


def _core_files() -> list[Path]:
    core = [
        path
        for path in sorted(CORE.rglob("*.py"))
        if path.relative_to(CORE).parts[0] not in NOT_USER_FACING
        or path.relative_to(CORE) == Path("demo/__init__.py")
    ]
    return core + [path for root in SCANNED[1:] for path in sorted(root.rglob("*.py"))]


def _scan(path: Path) -> tuple[set[str], list[str]]:
    """Literals passed to t(), Text() or an error type; and messages built by hand instead."""
    found: set[str] = set()
    unconverted: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.Call) and _called_name(node) in MARKERS and node.args):
            continue
        if _called_name(node) == "t" and len(node.args) == 2:
            continue  # a printed sheet's ctx.t(dutch, english): both texts given inline
        first = node.args[0]
        if _called_name(node) == "tn":  # tn(singular, plural, n): both are templates
            found.update(
                a.value
                for a in node.args[:2]
                if isinstance(a, ast.Constant) and isinstance(a.value, str)
            )
        elif isinstance(first, ast.Constant) and isinstance(first.value, str):
            found.add(first.value)
        elif isinstance(first, (ast.JoinedStr, ast.BinOp)) or (
            isinstance(first, ast.Call) and _called_name(first) == "format"
        ):
            unconverted.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found, unconverted


def _templates() -> dict[str, str]:
    return {text: path.name for path in _core_files() for text in _scan(path)[0]}


def test_no_message_is_built_by_hand() -> None:
    """An f-string message cannot be translated: give the template and its values instead."""
    unconverted = [where for path in _core_files() for where in _scan(path)[1]]
    assert not unconverted, f"messages built with f-strings or +: {unconverted}"


def test_every_message_has_a_dutch_text() -> None:
    templates = _templates()
    assert len(templates) > 150
    missing = {text: where for text, where in templates.items() if not NL.get(text, "").strip()}
    assert not missing, f"no Dutch text for: {missing}"


def test_the_catalogue_holds_no_unused_texts() -> None:
    unused = set(NL) - set(_templates())
    assert not unused, f"unused catalogue entries: {sorted(unused)}"


def _fields(text: str) -> set[tuple[str, str | None]]:
    return {(name, conv) for _, name, _, conv in string.Formatter().parse(text) if name}


def test_placeholders_match_in_both_languages() -> None:
    wrong = [english for english, dutch in NL.items() if _fields(english) != _fields(dutch)]
    assert not wrong, f"fields differ between English and Dutch: {wrong}"


def test_t_fills_fields_in_the_chosen_language_and_plain_text_passes() -> None:
    set_language("nl")
    assert t("No {what} with id {id}.", what=Text("location"), id="x1") == (
        "Geen locatie met id x1."
    )
    assert t("Not in the catalogue {x}", x=1) == "Not in the catalogue 1"
    set_language("en")
    assert t("No {what} with id {id}.", what=Text("location"), id="x1") == (
        "No location with id x1."
    )
    with pytest.raises(ValueError, match="Unknown language"):
        set_language("de")
    assert language() == "en"


def test_plain_string_errors_still_work() -> None:
    assert str(ZccError("Something {odd} happened")) == "Something {odd} happened"
    assert str(NotFound()) == ""


def test_wrong_passphrase_on_a_real_profile_in_dutch_then_english(profile: Path) -> None:
    set_language("nl")
    with pytest.raises(WrongPassphrase) as raised:
        Store.open(profile, "not the passphrase")
    assert str(raised.value) == "Onjuiste wachtwoordzin (of herstelsleutel). Er is niets gewijzigd."
    set_language("en")
    assert str(raised.value) == "Wrong passphrase (or recovery key). Nothing was changed."


def test_an_error_raised_in_english_shows_in_dutch_after_switching(profile: Path) -> None:
    """The message is kept as template and values, so a later language switch applies."""
    set_language("en")
    with Store.open(profile, PASSPHRASE) as store:
        with pytest.raises(NotFound) as raised:
            history(store, "no-such-location", "ic")
        with pytest.raises(NotFound) as nested:
            add_location(store, "no-such-org", "MST Enschede, IC")
    assert str(raised.value) == (
        "No location with id no-such-location; 'capacity locations' lists them."
    )
    assert str(nested.value) == "No organisation with id no-such-org."
    set_language("nl")
    assert str(raised.value) == (
        "Onbekende locatie (id no-such-location); 'capacity locations' toont de locaties."
    )
    assert str(nested.value) == "Geen organisatie met id no-such-org."


def _unlock(profile: Path, *options: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k != "RZCC_LANG"}
    return subprocess.run(
        [sys.executable, "-m", "resilient_zcc", *options, "--profile", str(profile), "unlock"],
        capture_output=True,
        text=True,
        env={**clean, "RZCC_PASSPHRASE": "not the passphrase", **env},
        timeout=60,
    )


def test_the_cli_speaks_dutch_by_default_and_english_when_asked(profile: Path) -> None:
    dutch = _unlock(profile)
    assert dutch.returncode == 1
    assert dutch.stderr.strip() == (
        "Fout: Onjuiste wachtwoordzin (of herstelsleutel). Er is niets gewijzigd."
    )
    english = _unlock(profile, "--lang", "en")
    assert english.returncode == 1
    assert english.stderr.strip() == (
        "Error: Wrong passphrase (or recovery key). Nothing was changed."
    )
    from_env = _unlock(profile, RZCC_LANG="en")
    assert "Wrong passphrase" in from_env.stderr
    wrong = _unlock(profile, "--lang", "de")
    assert wrong.returncode == 2 and "Traceback" not in wrong.stderr
