"""Every string the window shows has a Dutch and an English text."""

from __future__ import annotations

import ast
from pathlib import Path

import ui.app  # noqa: F401 - imports every view, so each has added its strings
from ui.i18n import NL, set_language, tr

UI = Path(__file__).resolve().parents[2] / "ui"


def translated_strings() -> dict[str, str]:
    """Each literal passed to tr() in ui/, with the file it is in."""
    found: dict[str, str] = {}
    for path in UI.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "tr"
                and node.args
            ):
                first = node.args[0]
                assert isinstance(first, ast.Constant), f"tr() needs a literal in {path.name}"
                found[first.value] = path.name
    return found


def test_every_visible_string_has_a_dutch_text() -> None:
    strings = translated_strings()
    assert len(strings) > 40
    missing = {text: where for text, where in strings.items() if not NL.get(text, "").strip()}
    assert not missing, f"no Dutch text for: {missing}"


def test_the_catalogue_holds_no_strings_the_window_no_longer_shows() -> None:
    unused = set(NL) - set(translated_strings())
    assert not unused, f"unused catalogue entries: {sorted(unused)}"


def test_placeholders_match_in_both_languages() -> None:
    import string

    for english, dutch in NL.items():
        fields = {f for _, f, _, _ in string.Formatter().parse(english) if f}
        assert fields == {f for _, f, _, _ in string.Formatter().parse(dutch) if f}, english


def test_switching_language() -> None:
    set_language("en")
    try:
        assert tr("Contacts") == "Contacts"
    finally:
        set_language("nl")
    assert tr("Contacts") == "Contacten"
