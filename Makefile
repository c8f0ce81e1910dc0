# Two commands set everything up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DEMO_PROFILE ?= .demo-profile
DEMO_PASSPHRASE ?= demo-twente-oefening

.PHONY: run test lint typecheck pytest bench screenshots clean

$(STAMP): pyproject.toml
	sh scripts/system-packages.sh
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	RZCC_PASSPHRASE=$(DEMO_PASSPHRASE) $(BIN)/resilient-zcc --profile $(DEMO_PROFILE) demo --open
	RZCC_PASSPHRASE=$(DEMO_PASSPHRASE) $(BIN)/resilient-zcc-desktop --profile $(DEMO_PROFILE)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

test: lint typecheck pytest

# Every screen on the laptops coordinators have: 1366x768 at 100 % and 1920x1080 at 150 %
# (1280x720 logical pixels); Dutch, English and Dutch in high contrast. Then the paper sheets.
screenshots: $(STAMP)
	sh scripts/system-packages.sh xvfb
	RZCC_PASSPHRASE=$(DEMO_PASSPHRASE) $(BIN)/resilient-zcc --profile $(DEMO_PROFILE) demo --open >/dev/null
	RZCC_PASSPHRASE=$(DEMO_PASSPHRASE) xvfb-run -a -s "-screen 0 1366x768x24" \
		$(BIN)/python -m ui.screenshots $(DEMO_PROFILE) screenshots
	RZCC_PASSPHRASE=$(DEMO_PASSPHRASE) QT_SCALE_FACTOR=1.5 xvfb-run -a -s "-screen 0 1920x1080x24" \
		$(BIN)/python -m ui.screenshots $(DEMO_PROFILE) screenshots
	RZCC_PASSPHRASE=$(DEMO_PASSPHRASE) $(BIN)/python -m printouts.screenshots $(DEMO_PROFILE) screenshots/print

bench: $(STAMP)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) $(DEMO_PROFILE) .pytest_cache .mypy_cache .ruff_cache
