# jzrol: two commands on a fresh Debian/Ubuntu machine with Python 3.11.
#   make build   set up .venv, then regenerate every figure, table, MANIFEST and the write-up in figures/
#   make test    set up .venv, then run the whole test suite (notebooks included)

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.jzrol-installed
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
FONT_PACKAGE := fonts-wqy-microhei
BROWSER_PACKAGE := chromium

.PHONY: help setup font browser build test benchmark clean

help:
	@echo "make build      set up .venv and regenerate figures/ (figures, tables, MANIFEST, README.md)"
	@echo "make test       set up .venv (and headless chromium) and run every test and notebook"
	@echo "make benchmark  time 'jzrol build' (see benchmarks/)"
	@echo "make clean      remove .venv"

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV) || { $(SUDO) apt-get install -y python3-venv && $(PYTHON) -m venv $(VENV); }
	$(BIN)/python -m pip install --quiet -e '.[dev]'
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

setup: $(STAMP) font

build: setup
	$(BIN)/jzrol build

test: setup browser
	$(BIN)/python -m pytest

benchmark: setup
	$(BIN)/python benchmarks/build_time.py

clean:
	rm -rf $(VENV)
