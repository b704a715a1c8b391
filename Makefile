# make draft: install, then draft Burlington's resolution and police directive into
#             drafts/example/ (a folder make rewrites; your own drafts go to drafts/)
# make test:  install, then run every test, ruff and mypy
# make serve: install, then serve the drafting pages at http://127.0.0.1:8000/
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DATE ?= $(shell date +%F)

.PHONY: draft test test-thorough lint bench bench-web browser serve check clean snapshots

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

draft: $(STAMP)
	$(BIN)/draftkit draft burlington --date $(DATE) --out drafts/example --force

test: $(STAMP) browser
	$(BIN)/python -m pytest -q -n auto --dist loadfile
	$(MAKE) --no-print-directory lint

test-thorough: $(STAMP) browser
	HYPOTHESIS_PROFILE=thorough $(BIN)/python -m pytest -q -n auto --dist loadfile
	$(MAKE) --no-print-directory lint

lint: $(STAMP)
	$(BIN)/ruff check src tests bench tools
	$(BIN)/ruff format --check src tests bench tools
	$(BIN)/mypy

check: $(STAMP)
	$(BIN)/draftkit check

bench: $(STAMP)
	$(BIN)/python bench/bench_draft.py

bench-web: $(STAMP)
	$(BIN)/python bench/bench_web.py 300 8 2

serve: $(STAMP)
	$(BIN)/draftkit serve --host 127.0.0.1 --port 8000

# The browser tests drive Debian's chromium; install it where we can (as root), else
# those tests are skipped with a reason (CI sets DRAFTKIT_REQUIRE_BROWSER=1: a failure).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
			(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
				|| echo "could not install chromium; browser tests will be skipped"; \
		else echo "no chromium and not root: browser tests will be skipped"; fi; }

snapshots: $(STAMP)
	$(BIN)/python -m pytest -q tests/test_snapshots.py --update-snapshots

clean:
	rm -rf $(VENV) drafts artifacts .pytest_cache .mypy_cache .ruff_cache
