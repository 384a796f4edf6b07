# Two entry points: `make run` (full refresh) and `make test`. Both build .venv/ first.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test setup dev bench clean

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
	$(BIN)/ruff check pipelines tests benchmarks
	$(BIN)/python -m pytest

# The Dagster UI with run history and schedule state kept in .dagster_home/.
dev: $(STAMP)
	DAGSTER_HOME=$(CURDIR)/.dagster_home $(BIN)/dagster dev

# Refresh time and memory against a DuckDB scan of the same raw files (see benchmarks/).
bench: $(STAMP)
	$(BIN)/python benchmarks/refresh.py

clean:
	rm -rf $(VENV) warehouse/*.duckdb warehouse/*.duckdb.wal reports/*.html
