"""Where a profile lives and what files it holds."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

DB_NAME = "zcc.db"
HEADER_NAME = "keys.json"


def default_profile_dir() -> Path:
    """The platform's user data folder, e.g. ~/.local/share/resilient-zcc/default on Linux."""
    override = os.environ.get("RZCC_PROFILE")
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir("resilient-zcc", appauthor=False)) / "default"


def db_path(profile_dir: Path) -> Path:
    return profile_dir / DB_NAME


def header_path(profile_dir: Path) -> Path:
    return profile_dir / HEADER_NAME
