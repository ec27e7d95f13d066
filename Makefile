# The two commands of the README: `make run` and `make test`. Each sets everything up.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
OUT    := out

.PHONY: install run test lint bench schema fuzz clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev,dask]'
	touch $(STAMP)

install: $(STAMP)

run: install
	mkdir -p $(OUT)
	$(BIN)/milliard batch corpus/articles --to sqlite:///$(OUT)/milliard.db
	$(BIN)/milliard table sqlite:///$(OUT)/milliard.db
	@echo
	@echo "Browse what it wrote (Datasette on 127.0.0.1, Ctrl-C to stop):"
	@echo "    $(BIN)/milliard browse $(OUT)/milliard.db"

test: install browser lint
	$(BIN)/python -m pytest

lint: install  # ruff (pyflakes, bugbear, builtins, complexity) and the layering contract
	$(BIN)/ruff check pipeline tests tools models
	$(BIN)/lint-imports

.PHONY: browser
browser:  # headless Chromium for the browser tests, when missing and installable
	sh tools/ensure-chromium.sh

bench: install
	mkdir -p $(OUT)
	$(BIN)/python tools/bench.py --json $(OUT)/bench.json

schema: install
	$(BIN)/milliard schema -o $(OUT)/schema.json
	@echo "wrote $(OUT)/schema.json"

fuzz: install
	MILLIARD_FUZZ_EXAMPLES=20000 $(BIN)/python -m pytest tests -m fuzz -q

clean:
	rm -rf $(OUT) .pytest_cache
