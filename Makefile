# Ieum: `make run` serves the platform with demo data, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export PYTHONWARNINGS ?= ignore::DeprecationWarning

.PHONY: setup run test lint format db-start db-stop worker clean-db messages

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

src/ieum/locale/ko/LC_MESSAGES/django.mo: src/ieum/locale/ko/LC_MESSAGES/django.po $(BIN)/.installed
	$(BIN)/ieum compile_translations

var/static/.collected: $(BIN)/.installed node_modules/.installed $(shell find src/ieum -path '*/static/*' -type f)
	$(BIN)/ieum collectstatic --noinput --verbosity 0
	touch $@

setup: $(BIN)/.installed node_modules/.installed src/ieum/locale/ko/LC_MESSAGES/django.mo var/static/.collected

# The background worker runs beside the web server and stops when it does.
run: setup
	@[ -n "$$DATABASE_URL" ] || $(BIN)/ieum db start
	$(BIN)/ieum migrate --noinput
	$(BIN)/ieum seed_demo
	@echo "Ieum is at http://127.0.0.1:$(PORT)/ (Ctrl-C stops it and its worker; 'make db-stop' stops the database)"
	@$(BIN)/ieum procrastinate worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT; \
	trap 'exit 130' INT TERM; \
	$(BIN)/ieum runserver 127.0.0.1:$(PORT)

# The background worker alone (e-mails, waiting-list offers, reminders), e.g. beside
# another web server.
worker: setup
	@[ -n "$$DATABASE_URL" ] || $(BIN)/ieum db start
	$(BIN)/ieum migrate --noinput
	$(BIN)/ieum procrastinate worker

test: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	@[ -n "$$DATABASE_URL" ] || $(BIN)/ieum db start
	$(BIN)/ieum makemigrations --check --dry-run
	$(BIN)/python -m pytest -n auto

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format:
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

db-start: setup
	@[ -n "$$DATABASE_URL" ] || $(BIN)/ieum db start

db-stop:
	$(BIN)/ieum db stop

clean-db:
	$(BIN)/ieum db stop || true
	rm -rf var/pgdata

# Refresh the translation catalog after changing texts (needs gettext's xgettext).
messages:
	cd src/ieum && ../../$(BIN)/ieum makemessages -l ko --no-obsolete --ignore "scheduling/*"
