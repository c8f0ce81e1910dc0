"""The core's messages in Dutch (the default) or English: English templates in the code are keys.

`t("No location with id {id}.", id=x)` gives "Geen locatie met id ..." while the language is
Dutch. `Text(template, **values)` is the same message rendered only when shown (`str()`), so a
stored message follows a later switch of language; `ZccError` holds one. Dutch texts live in
`messages_nl.py`; a test checks that every literal passed to `t`, `Text` or an error type has
one, with the same `{fields}`.
"""

from __future__ import annotations

import os

from .messages_nl import NL

LANGUAGES = {"nl": "Nederlands", "en": "English"}
LANGUAGE_ENV = "RZCC_LANG"
_language = os.environ.get(LANGUAGE_ENV, "nl")  # the CLI and the desktop app set it explicitly
if _language not in LANGUAGES:
    _language = "nl"


def set_language(language: str) -> None:
    global _language
    if language not in LANGUAGES:
        raise ValueError(f"Unknown language {language!r}; choose from {', '.join(LANGUAGES)}")
    _language = language


def language() -> str:
    return _language


def t(template: str, **values: object) -> str:
    """The template in the current language, with `{name}` fields filled in.

    A `Text` among the values is rendered in the current language too; a template that is not
    in the catalogue (a plain message) is shown as it is.
    """
    text = NL.get(template, template) if _language == "nl" else template
    return text.format(**values) if values else text


class Text:
    """A message kept as template and values, rendered in the language current when shown."""

    __slots__ = ("template", "values")

    def __init__(self, template: str, /, **values: object) -> None:
        self.template = template
        self.values = values

    def __str__(self) -> str:
        return t(self.template, **self.values)

    def __repr__(self) -> str:
        return f"Text({self.template!r})"
