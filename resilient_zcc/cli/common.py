"""What every command shares: the profile session, passphrase input, output helpers."""

from __future__ import annotations

import importlib
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click

from ..errors import NotFound, ZccError
from ..i18n import Text, t
from ..store import Store

PASSPHRASE_ENV = "RZCC_PASSPHRASE"
NEW_PASSPHRASE_ENV = "RZCC_NEW_PASSPHRASE"


class ZccGroup(click.Group):
    """Shows our own errors as one clear line and exit code 1, never a traceback.

    `lazy` names commands by "module:attribute", imported only when used: the packages that
    build on the core (printouts, sync) add their commands without the core importing them,
    and `resilient-zcc contacts search` does not pay for loading ReportLab.
    """

    def __init__(self, *args: Any, lazy: dict[str, str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = lazy or {}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in self.lazy and name not in self.commands:
            module, attribute = self.lazy[name].split(":")
            self.add_command(getattr(importlib.import_module(module), attribute), name)
        return super().get_command(ctx, name)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ZccError as exc:
            click.echo(t("Error: {message}", message=exc), err=True)
            sys.exit(1)


class Session:
    def __init__(self, profile: Path) -> None:
        self.profile = profile

    @contextmanager
    def store(self) -> Iterator[Store]:
        with Store.open(self.profile, read_passphrase()) as store:
            yield store


def read_passphrase(
    prompt: str = "Passphrase", env: str = PASSPHRASE_ENV, confirm: bool = False
) -> str:
    value = os.environ.get(env)
    if value is not None:
        return value
    if not sys.stdin.isatty():
        raise ZccError("No passphrase: type it at the prompt or set {env} for scripts.", env=env)
    result: str = click.prompt(prompt, hide_input=True, confirmation_prompt=confirm)
    return result


def emit_json(data: Any) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))


def now() -> datetime:
    return datetime.now(UTC)


def local_time(iso: str | None) -> str:
    if not iso:
        return "nooit"
    return datetime.fromisoformat(iso).astimezone().strftime("%d-%m-%Y %H:%M")


pass_session = click.make_pass_decorator(Session)


def resolve_id(store: Store, table: str, prefix: str, what: Text) -> str:
    """Accept a full id or an unambiguous prefix of at least 6 characters, as shown in lists."""
    rows = store.query(f"SELECT id FROM {table} WHERE id LIKE ? || '%' LIMIT 2", (prefix,))
    if len(prefix) < 6 or not rows:
        raise NotFound("No {what} with id '{prefix}'.", what=what, prefix=prefix)
    if len(rows) > 1:
        raise NotFound("'{prefix}' matches several; give more of the id.", prefix=prefix)
    return str(rows[0]["id"])
