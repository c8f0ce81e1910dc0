"""`make screenshots`: the first pages of every sheet of the demo, in Dutch and English, as
PNG files to look at. Usage: python -m printouts.screenshots PROFILE OUTDIR (passphrase from
RZCC_PASSPHRASE); needs pdftoppm (poppler-utils). Works on a copy: nothing is recorded."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from resilient_zcc.store import Store

from .context import LANGS, make_context
from .render import render_binder, render_sheet
from .sheets import SHEETS

PAGES = 2  # the first pages of each sheet are enough to judge it


def capture(profile: Path, out: Path, passphrase: str) -> list[Path]:
    tool = shutil.which("pdftoppm")
    if tool is None:
        raise SystemExit("pdftoppm is missing: sh scripts/system-packages.sh poppler-utils")
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with tempfile.TemporaryDirectory() as work:
        copy = Path(work) / "profile"
        shutil.copytree(profile, copy)  # form-number reservations stay out of the original
        with Store.open(copy, passphrase) as store:
            for lang in LANGS:
                ctx = make_context(store, lang=lang)
                jobs = [(name, render_sheet(ctx, name, {"forms": 2}).pdf)
                        for name in SHEETS if name != "herstelsleutel"]  # fmt: skip
                jobs.append(("binder", render_binder(ctx, {"forms": 2}).pdf))
                for name, pdf in jobs:
                    source = Path(work) / f"{name}-{lang}.pdf"
                    source.write_bytes(pdf)
                    prefix = out / f"{name}-{lang}"
                    subprocess.run(
                        [tool, "-png", "-r", "60", "-f", "1", "-l", str(PAGES),
                         str(source), str(prefix)],
                        check=True, timeout=120,
                    )  # fmt: skip
                    written += sorted(out.glob(f"{name}-{lang}*.png"))
    return written


def main() -> None:
    profile, out = Path(sys.argv[1]), Path(sys.argv[2])
    for path in capture(profile, out, os.environ.get("RZCC_PASSPHRASE", "")):
        print(path)


if __name__ == "__main__":
    main()
