# make draft: install, then draft Burlington's packet into drafts/
# make test:  install, then run every test, ruff and mypy
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DATE ?= $(shell date +%F)

.PHONY: draft test test-thorough lint bench check clean snapshots

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

draft: $(STAMP)
	$(BIN)/draftkit draft burlington --date $(DATE) --out drafts --force

test: $(STAMP)
	$(BIN)/python -m pytest -q
	$(MAKE) --no-print-directory lint

test-thorough: $(STAMP)
	HYPOTHESIS_PROFILE=thorough $(BIN)/python -m pytest -q
	$(MAKE) --no-print-directory lint

lint: $(STAMP)
	$(BIN)/ruff check src tests bench tools
	$(BIN)/ruff format --check src tests bench tools
	$(BIN)/mypy

check: $(STAMP)
	$(BIN)/draftkit check

bench: $(STAMP)
	$(BIN)/python bench/bench_draft.py

snapshots: $(STAMP)
	$(BIN)/python -m pytest -q tests/test_snapshots.py --update-snapshots

clean:
	rm -rf $(VENV) drafts .pytest_cache .mypy_cache .ruff_cache
