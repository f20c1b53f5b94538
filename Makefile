# jzrol: two commands on a fresh Debian/Ubuntu machine with Python 3.11.
#   make build   set up .venv, then regenerate every figure, table, MANIFEST and the write-up in figures/
#   make test    set up .venv, then run the lint and the whole test suite (notebooks and the wheel test included)

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.jzrol-installed
LOCK := requirements-lock.txt
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
FONT_PACKAGE := fonts-wqy-microhei
BROWSER_PACKAGE := chromium

.PHONY: help setup font browser build test lint lock benchmark clean

help:
	@echo "make build      set up .venv and regenerate figures/ (figures, tables, MANIFEST, README.md)"
	@echo "make test       set up .venv (and headless chromium), run the lint and every test and notebook"
	@echo "make lint       ruff over the package, tests and benchmarks"
	@echo "make lock       refresh $(LOCK) (exact versions with hashes) from pyproject.toml's ranges"
	@echo "make benchmark  time 'jzrol build' (see benchmarks/)"
	@echo "make clean      remove .venv"

# The exact versions of the lock file (hash-checked), then jzrol itself without touching them.
$(STAMP): pyproject.toml $(LOCK)
	$(PYTHON) -m venv $(VENV) || { $(SUDO) apt-get install -y python3-venv && $(PYTHON) -m venv $(VENV); }
	$(BIN)/python -m pip install --quiet --require-hashes -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	@$(BIN)/python -m pip check >/dev/null || { $(BIN)/python -m pip check; \
		echo "$(LOCK) does not satisfy pyproject.toml: run 'make lock', then this again"; exit 1; }
	touch $@

# A CJK font for matplotlib and wordcloud; installed from Debian/Ubuntu packages when none is present.
font: $(STAMP)
	@$(BIN)/python -m jzrol.fonts --quiet 2>/dev/null || { \
		echo "installing a CJK font ($(FONT_PACKAGE))"; \
		$(SUDO) apt-get install -y $(FONT_PACKAGE) || { $(SUDO) apt-get update && $(SUDO) apt-get install -y $(FONT_PACKAGE); }; }
	@$(BIN)/python -m jzrol.fonts

# Headless Chromium for the test that opens the annotated page in a real browser (Debian's chromium;
# Ubuntu names it chromium-browser).
browser:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || { \
		echo "installing a headless browser ($(BROWSER_PACKAGE))"; \
		$(SUDO) apt-get install -y $(BROWSER_PACKAGE) || { $(SUDO) apt-get update && $(SUDO) apt-get install -y $(BROWSER_PACKAGE); } \
		|| $(SUDO) apt-get install -y chromium-browser; }

# The package byte-compiled ahead: an editable install is not, and where PYTHONDONTWRITEBYTECODE is set
# every command (and every test that runs one) would compile it again at start-up (about 0.1 s).
setup: $(STAMP) font
	@$(BIN)/python -m compileall -q jzrol

build: setup
	$(BIN)/jzrol build

lint: $(STAMP)
	$(BIN)/ruff check jzrol tests benchmarks

test: setup browser lint
	$(BIN)/python -m pytest

# Every extra, every platform, Python 3.11; versions already in the lock are kept where the ranges allow.
lock:
	[ -x $(BIN)/python ] || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m uv --version >/dev/null 2>&1 || $(BIN)/python -m pip install --quiet 'uv>=0.5,<1'
	$(BIN)/python -m uv pip compile pyproject.toml --all-extras --universal --python-version 3.11 \
		--generate-hashes --quiet --output-file $(LOCK)

benchmark: setup
	$(BIN)/python benchmarks/build_time.py

clean:
	rm -rf $(VENV)
