# Scholingsgids. Two commands on a fresh machine:  make site   then   make test
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP_PY := $(VENV)/.installed
STAMP_NPM := node_modules/.installed

.PHONY: site test check serve screenshots benchmark lint system-deps clean

site: $(STAMP_PY) $(STAMP_NPM)  ## build the sample catalogue into site/
	$(BIN)/scholing build

check: $(STAMP_PY) $(STAMP_NPM)  ## validate content only
	$(BIN)/scholing check

serve: $(STAMP_PY) $(STAMP_NPM)  ## preview on http://127.0.0.1:8000/ with live reload
	$(BIN)/scholing serve

test: $(STAMP_PY) $(STAMP_NPM) system-deps  ## lint and run every test, browser tests included
	$(BIN)/ruff check builder tests scripts
	$(BIN)/pytest

screenshots: site system-deps  ## every page type at 375 px and 1280 px, into screenshots/
	$(BIN)/python scripts/screenshots.py site screenshots

benchmark: $(STAMP_PY) $(STAMP_NPM)  ## build and search figures for synthetic catalogues, MkDocs as anchor (prints, never fails on time)
	$(BIN)/python scripts/benchmark_build.py
	$(BIN)/python scripts/benchmark_search.py

lint: $(STAMP_PY)
	$(BIN)/ruff check builder tests scripts

system-deps:  ## Chromium and Java from Debian's packages, for the browser and HTML checks
	@bash scripts/install-system-deps.sh

$(STAMP_PY): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

$(STAMP_NPM): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

clean:
	rm -rf site screenshots $(VENV) node_modules
