# gongkai — the two commands that matter: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: setup system-packages run serve test lint bench loadtest clean

setup: $(STAMP) system-packages

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

# Debian packages the project needs (Chromium for browser tests, Pango and a CJK font for PDFs).
system-packages:
	@scripts/install-system-packages.sh

run: setup
	$(BIN)/python manage.py migrate --noinput
	HOST=$(HOST) PORT=$(PORT) $(BIN)/python manage.py load_demo
	@echo "门户网站: http://$(HOST):$(PORT)/   工作台: http://$(HOST):$(PORT)/workbench/   接口文档: http://$(HOST):$(PORT)/api/v1/docs"
	DEBUG=$${DEBUG:-0} SECURE_COOKIES=$${SECURE_COOKIES:-0} $(BIN)/python manage.py runserver $(HOST):$(PORT)

test: setup
	$(BIN)/ruff check .
	$(BIN)/python manage.py check --fail-level WARNING
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: setup
	$(BIN)/ruff check .

# Benchmarks print figures (nothing is asserted). The annual-report benchmark runs on SQLite and
# again on PostgreSQL (BENCH_PG_URL); the search benchmark covers both backends itself.
BENCH_PG_URL ?= postgres://postgres@127.0.0.1:5432/gk_reports_bench
bench: setup
	@for script in bench/[!_]*.py; do \
		[ -f "$$script" ] || continue; \
		[ "$$script" = bench/loadtest.py ] && continue; \
		echo "== $$script"; \
		$(BIN)/python "$$script" || exit 1; \
	done
	@echo "== bench/reports_bench.py on PostgreSQL"
	$(BIN)/python bench/reports_bench.py --database-url $(BENCH_PG_URL)

# 200 clients × 60 s against gunicorn + a private PostgreSQL cluster + Redis (bench/README.md);
# LOADTEST_ARGS=--faults adds a worker kill every 10 s and a PostgreSQL restart mid-run.
LOADTEST_CACHE_URL ?= redis://127.0.0.1:6379/15
loadtest: setup
	LOADTEST_CACHE_URL=$(LOADTEST_CACHE_URL) $(BIN)/python bench/loadtest.py $(LOADTEST_ARGS)

clean:
	rm -rf $(VENV) var/static .pytest_cache .ruff_cache
