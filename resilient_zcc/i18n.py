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
    return _render(template, values, _language)


def tn(singular: str, plural: str, n: int, **values: object) -> str:
    """`t` for a count: the singular template for exactly one, else the plural (Dutch and
    English share that rule). `n` is passed to the template as `{n}`."""
    return t(singular if n == 1 else plural, n=n, **values)


def _render(template: str, values: dict[str, object], lang: str) -> str:
    text = NL.get(template, template) if lang == "nl" else template
    if not values:
        return text
    shown = {k: v.render(lang) if isinstance(v, (Text, Joined)) else v for k, v in values.items()}
    return text.format(**shown)


class Text:
    """A message kept as template and values, rendered in the language current when shown."""

    __slots__ = ("template", "values")

    def __init__(self, template: str, /, **values: object) -> None:
        self.template = template
        self.values = values

    def __str__(self) -> str:
        return self.render()

    def __repr__(self) -> str:
        return f"Text({self.template!r})"

    def render(self, lang: str | None = None) -> str:
        """In the given language (default: the current one), e.g. for a report in both."""
        return _render(self.template, self.values, lang or _language)


class Joined:
    """Several messages joined by a separator, each rendered in the language when shown."""

    __slots__ = ("parts", "separator")

    def __init__(self, parts: list[Text], separator: str = "; ") -> None:
        self.parts = parts
        self.separator = separator

    def __str__(self) -> str:
        return self.render()

    def render(self, lang: str | None = None) -> str:
        return self.separator.join(part.render(lang) for part in self.parts)
