# The commands a newcomer needs: `make run` serves the service locally, `make test`
# runs the whole suite against real PostgreSQL, Redis, Celery and Chromium.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Local settings can live in .env (see .env.example); make passes them on.
-include .env
export

APPS := vvf accounts audit languages programme applications vetting forums feedback opportunities privacy

.PHONY: help run test lint security audit format lock assets install system-packages clean bench bench-retention messages locale

help:
	@echo "make run     serve the service on http://127.0.0.1:8000 with demo data"
	@echo "make test    install what is needed and run the whole test suite"
	@echo "make lint    ruff lint and format check, the import layers, bandit security lint"
	@echo "make audit   check the locked dependencies for known vulnerabilities (needs the internet)"
	@echo "make format  format the code with ruff"
	@echo "make lock    re-lock Python dependencies after editing pyproject.toml"
	@echo "make messages  update the catalogues in locale/ after changing public text"
	@echo "make bench   the service under load on its production stack (docs/performance.md)"
	@echo "make bench-retention  time the retention sweep alone"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements/dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements/dev.txt
	touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts

# `npm run build` also writes a blank static/dist/images/govuk-crest.svg: GOV.UK Frontend's
# footer CSS points at the royal crest, which a service outside GOV.UK must not show (and
# our footer does not), and collectstatic's hashing needs every file the CSS names.
static/dist/app.css: node_modules/.package-lock.json frontend/app.scss
	npm run --silent build

install: $(VENV)/.installed
assets: static/dist/app.css locale

# The catalogues of the public pages, the application and its emails (decision 22).
# `make messages` writes locale/*/LC_MESSAGES/django.po from the code (bin/make-messages
# says what is left out); `make test` fails when they are out of date.
messages: | $(VENV)/.installed
	bin/make-messages $(BIN)/python

locale: | $(VENV)/.installed
	DEBUG=1 $(BIN)/python manage.py compilemessages --ignore .venv --ignore node_modules -v 0

# Local development: SQLite, no Redis (Celery uses a file-system queue under var/),
# a worker with an embedded beat beside Django's development server. PORT and VAR_DIR
# can be set (`make run PORT=8001`).
PORT ?= 8000
VAR_DIR ?= $(CURDIR)/var
run: export SITE_URL ?= http://127.0.0.1:$(PORT)
run: install assets
	mkdir -p $(VAR_DIR)/celery-queue $(VAR_DIR)/celery-processed $(VAR_DIR)/celery-control
	DEBUG=1 $(BIN)/python manage.py migrate --no-input
	DEBUG=1 $(BIN)/python manage.py seed_demo
	@echo "Serving on http://127.0.0.1:$(PORT) (Ctrl+C stops the server and the worker)"
	@# Ctrl+C reaches the server and the worker; the shell then waits for the worker's
	@# warm shutdown. (A trap that signals its own process group signals itself again.)
	@DEBUG=1 $(BIN)/celery -A vvf worker --beat --pool=solo --loglevel=INFO & worker=$$!; \
	trap 'kill -TERM $$worker 2>/dev/null; wait $$worker' EXIT; \
	trap 'exit 0' INT TERM; \
	DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# Debian packages the tests need: a Redis server and Chromium for the browser tests.
system-packages:
	@bin/install-system-packages

test: system-packages install assets
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	$(MAKE) --no-print-directory security
	DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run
	bin/with-test-services $(BIN)/pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	$(MAKE) --no-print-directory security

# bandit: no finding of medium or high severity in the service's code.
security: install
	$(BIN)/bandit --quiet --severity-level medium --recursive $(APPS) --exclude "*/migrations/*"

# pip-audit asks an advisory service on the internet, which the build machines here
# cannot reach, so it is not part of `make test`. See docs/security.md, "Releases".
# Dated exceptions are listed in docs/security.md and passed here as --ignore-vuln ID.
AUDIT_IGNORE ?=
audit: install
	$(BIN)/pip-audit --require-hashes --disable-pip -r requirements/base.txt $(AUDIT_IGNORE)

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

lock: install
	$(BIN)/pip-compile --quiet --allow-unsafe --strip-extras --generate-hashes -o requirements/base.txt pyproject.toml
	$(BIN)/pip-compile --quiet --allow-unsafe --strip-extras --generate-hashes --extra dev -o requirements/dev.txt pyproject.toml

# The service under load; wrk, the load generator, comes from Debian's packages.
bench: system-packages install assets
	@command -v wrk >/dev/null || apt-get install -y -qq wrk >/dev/null || \
	  { echo "make bench needs wrk: sudo apt-get install wrk" >&2; exit 1; }
	bin/with-test-services $(BIN)/python bench/run.py

# The retention sweep over 100,000 due applications beside a hand-written SQL delete.
bench-retention: system-packages install
	bin/with-test-services $(BIN)/python bench/retention.py

clean:
	rm -rf $(VENV) node_modules static/dist var
