# Guichet: `make run` opens the console, `make test` runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
UV_VERSION := 0.13.9
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck layers catalog catalog-update pytest bench lock clean system-deps

run: $(STAMP)
	@# Compiled bytecode keeps start-up under the login screen's budget.
	@$(BIN)/python -m compileall -q console screens models migrations >/dev/null
	$(BIN)/guichet demo --if-missing
	$(BIN)/guichet

test: $(STAMP) system-deps lint typecheck layers catalog pytest

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet "uv==$(UV_VERSION)"
	$(BIN)/uv pip install --quiet --compile-bytecode --python $(BIN)/python -r requirements.lock
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps -e .
	touch $(STAMP)

# tmux and PostgreSQL drive the real-terminal and team-store tests.
system-deps:
	@./.ci/system-deps

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

layers: $(STAMP)
	$(BIN)/lint-imports

catalog: $(STAMP)
	$(BIN)/python -m console.catalog check

catalog-update: $(STAMP)
	$(BIN)/python -m console.catalog update

pytest: $(STAMP)
	$(BIN)/pytest -q

# Figures, not tests: each script prints what it measured (see its docstring).
BENCH_DB ?= $(CURDIR)/.bench/demo-1m.db
bench: $(STAMP)
	mkdir -p $(dir $(BENCH_DB))
	@# Start-up figures are taken with compiled bytecode, as `make run` has it.
	@$(BIN)/python -m compileall -q console screens models migrations >/dev/null
	$(BIN)/python bench/demo_build.py 1000000
	$(BIN)/python bench/queue.py --db $(BENCH_DB)
	$(BIN)/python bench/startup.py --db $(BENCH_DB)
	$(BIN)/python bench/routing.py 500
	$(BIN)/python bench/home_counts.py 1000000 --keep $(CURDIR)/.bench/home-1m.db

lock:
	uv pip compile pyproject.toml --extra dev -p 3.11 -o requirements.lock

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
