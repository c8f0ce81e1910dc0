"""Shared fixtures: real encrypted profiles, made cheaply (a low-cost KDF) for speed."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from resilient_zcc.i18n import set_language
from resilient_zcc.keyheader import KdfCost
from resilient_zcc.store import Store

PASSPHRASE = "correct horse battery"
CHEAP = KdfCost(iterations=1, memory_kib=8192, lanes=1)


@pytest.fixture(autouse=True)
def core_in_english(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Tests check the core's English messages (the code's own text); Dutch is tested apart.

    Subprocesses and the CLI follow RZCC_LANG. UI tests switch to Dutch (tests/ui/conftest.py).
    """
    monkeypatch.setenv("RZCC_LANG", "en")
    set_language("en")
    yield
    set_language("en")


@pytest.fixture(scope="session")
def empty_profile_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "profile"
    store, _ = Store.create(path, PASSPHRASE, label="Testlaptop", cost=CHEAP)
    store.close()
    return path


@pytest.fixture(scope="session")
def demo_profile_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from datetime import UTC, datetime

    from resilient_zcc.demo import load_demo_region

    path = tmp_path_factory.mktemp("demo-template") / "profile"
    store, _ = Store.create(path, PASSPHRASE, label="Demolaptop", cost=CHEAP)
    with store:
        load_demo_region(store, datetime.now(UTC))
    return path


@pytest.fixture
def profile(empty_profile_template: Path, tmp_path: Path) -> Path:
    """A fresh copy of an empty profile (device identity included: copies share it)."""
    target = tmp_path / "profile"
    shutil.copytree(empty_profile_template, target)
    return target


@pytest.fixture
def demo_profile(demo_profile_template: Path, tmp_path: Path) -> Path:
    target = tmp_path / "demo"
    shutil.copytree(demo_profile_template, target)
    return target


@pytest.fixture
def store(profile: Path) -> Iterator[Store]:
    with Store.open(profile, PASSPHRASE) as opened:
        yield opened
