# Two commands for a newcomer: `make run` and `make test`. `make help` lists the rest.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1:8000

.DEFAULT_GOAL := help
.PHONY: help setup run serve test lint format migrate demo bench clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  make %-8s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP) ## create the virtual environment and install (once, again when pyproject.toml changes)

migrate: setup ## apply database migrations (reference data included)
	$(BIN)/python manage.py migrate --no-input

demo: migrate ## load the demo network (idempotent) and print demo logins for each role (debug/SQLite only)
	$(BIN)/python manage.py load_demo --with-users

run: demo ## set up, migrate, load the demo network and serve on http://127.0.0.1:8000 (with the task worker)
	$(BIN)/python manage.py db_worker --queue-name '*' --no-startup-delay & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver $(HOST)

worker: migrate ## run the background task worker alone (e-mail, digests, imports)
	$(BIN)/python manage.py db_worker --queue-name '*'

serve: migrate ## production: migrate, collect static files, serve with gunicorn (network/gunicorn_conf.py)
	$(BIN)/python manage.py collectstatic --no-input --verbosity 0
	GUNICORN_BIND="$${GUNICORN_BIND:-$(HOST)}" $(BIN)/gunicorn -c network/gunicorn_conf.py network.wsgi

test: setup ## set up and run every check and the whole test suite
	$(BIN)/ruff check .
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: setup ## ruff lint and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: setup ## ruff format and safe fixes
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: setup ## run the benchmarks under bench/ (slow; prints p50/p95)
	@for script in bench/bench_*.py; do $(BIN)/python $$script || exit 1; done

clean: ## remove the virtual environment and local database
	rm -rf $(VENV) db.sqlite3 staticfiles
