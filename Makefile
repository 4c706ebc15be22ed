# The README's two commands: `make run` and `make test`. Both set everything up first.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8080
export FLASK_APP := run.py

FAB_DIR = $(shell $(BIN)/python -c "import os, flask_appbuilder; print(os.path.relpath(os.path.dirname(flask_appbuilder.__file__)))")
KEYWORDS := -k lazy_gettext -k _l -k __ -k lazy_formatter_gettext:1 -k lazy_ngettext:1,2 -k lazy_pgettext:1c,2
POT := /tmp/satupintu-messages.pot

# Production node: gunicorn with gunicorn.conf.py (SATUPINTU_BIND, SATUPINTU_WORKERS, SATUPINTU_THREADS, ...).
.PHONY: setup run serve worker lint test test-sqlite test-postgres fuzz messages compile-messages bench bench-scale clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.txt | $(BIN)/activate
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

compile-messages: $(VENV)/.installed
	$(BIN)/pybabel compile -d translations --statistics

setup: $(VENV)/.installed compile-messages

run: setup
	$(BIN)/flask db upgrade
	$(BIN)/flask satupintu seed-demo
	@echo "SatuPintu: http://127.0.0.1:$(PORT)"
	PORT=$(PORT) SATUPINTU_BILLING_PROVIDER=$${SATUPINTU_BILLING_PROVIDER-demo} $(BIN)/python run.py

serve: setup
	$(BIN)/flask db upgrade
	$(BIN)/gunicorn -c gunicorn.conf.py run:app

# Mails and periodic jobs; run one on every node (each mail and job is claimed in the database).
worker: setup
	$(BIN)/flask satupintu worker

# Before any test: ruff, and import-linter's layer contract (pyproject.toml); either fails the run.
lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/lint-imports --no-cache

test: setup lint test-sqlite test-postgres

test-sqlite:
	@echo "== tests on SQLite =="
	$(BIN)/python -m pytest $(PYTEST_ARGS)

test-postgres:
	@if [ -z "$$SATUPINTU_TEST_POSTGRES_URL" ]; then \
	  echo "== PostgreSQL SKIPPED: set SATUPINTU_TEST_POSTGRES_URL (e.g. postgresql://postgres@127.0.0.1:5432/satupintu_test) to run the suite on PostgreSQL too =="; \
	else \
	  echo "== tests on PostgreSQL =="; \
	  SATUPINTU_TEST_DATABASE_URL="$$SATUPINTU_TEST_POSTGRES_URL" $(BIN)/python -m pytest $(PYTEST_ARGS); \
	fi

# schemathesis over the OpenAPI as every role, on a throwaway instance; SATUPINTU_FUZZ_SECONDS per role (40).
fuzz: setup
	$(BIN)/python scripts/fuzz.py

messages: $(VENV)/.installed
	$(BIN)/pybabel extract -F babel.cfg $(KEYWORDS) --add-comments=TRANSLATORS: --project=SatuPintu -o $(POT) app $(FAB_DIR)
	$(BIN)/pybabel update -i $(POT) -d translations -l id --init-missing
	rm -f $(POT)
	-$(BIN)/python scripts/check_catalogue.py

# Needs the PostgreSQL server at 127.0.0.1:5432 (throwaway databases are created and dropped).
bench: setup
	$(BIN)/python bench/pdf_render.py
	$(BIN)/python bench/transitions.py
	$(BIN)/python bench/sales_worklist.py
	$(BIN)/python bench/knowledge_search.py
	$(BIN)/python bench/frontdesk.py

# Dashboards, inbox and a 100,000-row export at 200,000 and 2,000,000 requests over 550 offices
# (loads with COPY; the 2M database takes about half an hour on two cores).
bench-scale: setup
	$(BIN)/python bench/scale.py

clean:
	rm -rf $(VENV) instance test-artifacts
