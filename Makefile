# The two quick-start commands are `make run` and `make test`.
# Each builds its own virtual environment in .venv (needs Python >= 3.11).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: run serve test lint check bench clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "news-monitor needs Python >= 3.11 (set PYTHON=...)")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.run-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.dev-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@ $(VENV)/.run-installed

## make run: set up, import the seeds, poll every feed once, print a summary.
run: $(VENV)/.run-installed
	$(BIN)/monitor run --once

## make serve: browse the archive in Datasette at http://127.0.0.1:8001/monitor.
serve: $(VENV)/.run-installed
	$(BIN)/monitor serve

## make test: set up, lint, type-check and run the whole test suite.
test: $(VENV)/.dev-installed lint
	$(BIN)/python -m pytest -q

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check monitor tests bench
	$(BIN)/ruff format --check monitor tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

check: $(VENV)/.run-installed
	$(BIN)/monitor check

bench: $(VENV)/.dev-installed
	$(BIN)/python bench/parse.py
	$(BIN)/python bench/extract.py
	$(BIN)/python bench/topics.py
	$(BIN)/python bench/poll.py
	$(BIN)/python bench/deliver.py
	$(BIN)/python bench/hostile.py
	$(BIN)/python bench/dedupe.py  # about an hour: 10k, 100k and 1M items, two modes

clean:
	rm -rf $(VENV) storage/monitor.db storage/monitor.db-wal storage/monitor.db-shm
