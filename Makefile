# gongkai — the two commands that matter: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: setup system-packages run serve test lint bench bench-smoke loadtest clean

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
	@# The footer's records are demo values unless set (docs/deploy.md).
	@echo "后台任务进程（邮件发送与重试、自查任务）与网站一同启动；按 Ctrl+C 同时停止两者。"
	@export TASKS_BACKEND=$${TASKS_BACKEND:-database} DEBUG=$${DEBUG:-0} SECURE_COOKIES=$${SECURE_COOKIES:-0} GONGKAI_SITE_URL=$${GONGKAI_SITE_URL:-http://$(HOST):$(PORT)} GONGKAI_SITE_ID_CODE=$${GONGKAI_SITE_ID_CODE:-0000000000} GONGKAI_ICP_RECORD=$${GONGKAI_ICP_RECORD:-演示ICP备00000000号} GONGKAI_PSB_RECORD=$${GONGKAI_PSB_RECORD:-演示公网安备00000000000000号} GONGKAI_CONAC_URL=$${GONGKAI_CONAC_URL:-https://bszs.conac.cn/}; \
	$(BIN)/python manage.py db_worker --queue-name '*' --interval 2 --no-reload --verbosity 0 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

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

# Each benchmark once at a tiny size (SQLite, temporary files; the load test on its own private
# PostgreSQL cluster and Redis database 14): CI runs this so that a benchmark
# which no longer runs fails there. Figures printed here mean nothing.
bench-smoke: setup
	@smoke=$$(mktemp -d) && trap 'rm -rf "$$smoke"' EXIT && set -e && \
	$(BIN)/python bench/applications_bench.py --items 100 && \
	$(BIN)/python bench/catalog_bench.py --items 50 && \
	$(BIN)/python bench/import_bench.py --items 50 --single-items 10 --backend sqlite --workers 2 --batch-size 20 && \
	$(BIN)/python bench/letters_bench.py --runs 1 && \
	$(BIN)/python bench/messages_bench.py --messages 20 --repeat 1 && \
	$(BIN)/python bench/reindex_bench.py --items 50 --backend sqlite --batch-size 20 && \
	$(BIN)/python bench/reports_bench.py --items 200 --agencies 5 --repeat 1 --database-url "sqlite:///$$smoke/reports.sqlite3" && \
	$(BIN)/python bench/screening_bench.py --megabytes 0.1 && \
	$(BIN)/python bench/search_bench.py --items 100 --backend sqlite --statements && \
	$(BIN)/python bench/selfcheck_bench.py --items 200 --agencies 3 --repeat 1 --database-url "sqlite:///$$smoke/selfcheck.sqlite3" && \
	$(BIN)/python bench/workdays_bench.py --items 1000 && \
	$(BIN)/python bench/loadtest.py --clients 5 --duration 3 --staff-clients 1 --cache-url redis://127.0.0.1:6379/14

clean:
	rm -rf $(VENV) var/static .pytest_cache .ruff_cache
