# Two entry points: `make run` (full refresh) and `make test`. Both build .venv/ first.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint setup clean

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

setup: $(STAMP)

run: $(STAMP)
	$(BIN)/jobstack refresh
	$(BIN)/jobstack status

test: $(STAMP)
	$(BIN)/ruff check pipelines tests
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) warehouse/*.duckdb warehouse/*.duckdb.wal reports/*.html
