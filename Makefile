# Cities of Migration — the verbs a developer needs. `make help` lists them.
# Only Python 3.11+ and make are required: the database is an embedded PostgreSQL
# (under .data/) unless DATABASE_URL points at a server.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
# The address `make run` serves (an IPv6 host goes in brackets), printed as it starts and
# used for links in the e-mails it sends (SITE_URL), so both follow HOST and PORT.
SERVE_ADDRESS := $(if $(findstring :,$(HOST)),[$(HOST)],$(HOST)):$(PORT)
SERVE_URL := http://$(SERVE_ADDRESS)

# Local defaults; anything already set in the environment wins.
RUN_ENV := DEBUG=$${DEBUG:-1} SITE_URL=$${SITE_URL:-$(SERVE_URL)}
TEST_ENV := DEBUG=0 SECRET_KEY=$${SECRET_KEY:-test-only-secret-key-not-for-production-use-0123456789} \
	SECURE_SSL_REDIRECT=0 EMAIL_URL=locmem://

.DEFAULT_GOAL := help
.PHONY: help install run test lint format messages migrations check-deploy bench stop db-start clean

help: ## List the verbs
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit("Python 3.11 or newer is needed") if sys.version_info < (3, 11) else None'
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --requirement requirements.lock
	touch $(STAMP)

install: $(STAMP) ## Create the virtualenv and install the locked dependencies

db-start: $(STAMP) ## Start the embedded PostgreSQL (no-op when DATABASE_URL is set)
	@if [ -z "$$DATABASE_URL" ]; then $(BIN)/python -m citiesofmigration.embedded_db start; fi

stop: ## Stop the embedded PostgreSQL
	@if [ -x $(BIN)/python ]; then $(BIN)/python -m citiesofmigration.embedded_db stop; fi

# `run` and `test` stop the embedded database at the end only if they started it.
DB_WAS_RUNNING = $(BIN)/python -m citiesofmigration.embedded_db status >/dev/null 2>&1
STOP_IF_STARTED = if [ -z "$$was_running" ] && [ -z "$$DATABASE_URL" ]; then $(MAKE) --no-print-directory stop; fi

run: $(STAMP) ## Set everything up, load the demo content and serve http://HOST:PORT (127.0.0.1:8000)
	@$(DB_WAS_RUNNING) && was_running=1; \
	$(MAKE) --no-print-directory db-start && \
	$(RUN_ENV) $(MANAGE) check_database && \
	$(RUN_ENV) $(MANAGE) migrate --no-input && \
	$(RUN_ENV) $(MANAGE) load_demo && \
	$(RUN_ENV) $(MANAGE) create_local_editor && \
	{ trap 'true' INT TERM; \
	  $(RUN_ENV) deploy/keep-running $(MANAGE) run_worker --reload >>.data/worker.log 2>&1 & worker=$$!; \
	  $(RUN_ENV) deploy/keep-running $(MANAGE) run_periodic >>.data/periodic.log 2>&1 & periodic=$$!; \
	  echo "Background worker and periodic jobs started (restarted if they exit); logs in .data/worker.log, .data/periodic.log"; \
	  echo "Serving $(SERVE_URL)/ — press Ctrl-C to stop."; \
	  $(RUN_ENV) $(MANAGE) runserver $(SERVE_ADDRESS); \
	  kill $$worker $$periodic 2>/dev/null; }; \
	$(STOP_IF_STARTED)

# The accessibility checkers (axe-core, the Nu HTML Checker) as package-lock.json pins
# them, installed when npm is there; without npm or Java their tests are skipped locally
# (never in CI, which installs both).
NPM := $(shell command -v npm 2>/dev/null)
NODE_STAMP := node_modules/.package-lock.json

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

test: $(STAMP) $(if $(NPM),$(NODE_STAMP)) ## Set everything up, then run the whole test suite
	@$(DB_WAS_RUNNING) && was_running=1; \
	$(MAKE) --no-print-directory db-start && \
	$(TEST_ENV) $(MANAGE) check_database && \
	$(TEST_ENV) $(MANAGE) collectstatic --no-input --verbosity 0 && \
	$(TEST_ENV) $(BIN)/pytest $(PYTEST_ARGS); status=$$?; \
	$(STOP_IF_STARTED); exit $$status

lint: $(STAMP) ## ruff: lint and check formatting
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP) ## ruff: fix what can be fixed and format
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# The French catalogue (issue 11). Needs GNU gettext (xgettext, msgfmt) on the developer's
# machine only: the compiled .mo is committed, so `make run` and `make test` need nothing
# but Python. tests/core/test_catalogue.py fails when a string is missing or untranslated.
GETTEXT_IGNORE := --ignore=.venv --ignore=node_modules --ignore=staticfiles --ignore=media --ignore=.data
messages: $(STAMP) ## Update locale/fr from the source (new strings), then compile it
	$(RUN_ENV) $(MANAGE) makemessages -l fr --no-obsolete $(GETTEXT_IGNORE)
	$(RUN_ENV) $(MANAGE) compilemessages -l fr $(GETTEXT_IGNORE)

migrations: db-start ## Fail if a model change has no migration
	$(RUN_ENV) $(MANAGE) makemigrations --check --dry-run

check-deploy: $(STAMP) ## manage.py check --deploy with production-like settings
	DEBUG=0 SECRET_KEY=$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))') \
	ALLOWED_HOSTS=citiesofmigration.example CSRF_TRUSTED_ORIGINS=https://citiesofmigration.example \
	SITE_URL=https://citiesofmigration.example CONTACT_EMAIL=contact@citiesofmigration.example \
	EDITORS_EMAIL=editors@citiesofmigration.example \
	DEFAULT_FROM_EMAIL="Cities of Migration <noreply@citiesofmigration.example>" \
	DATABASE_URL=$${DATABASE_URL:-postgres://unused@localhost/unused} \
	$(MANAGE) check --deploy --fail-level WARNING

bench: db-start ## Page times at 10k and 100k synthetic items (BENCH_SIZES=10000,100000)
	$(TEST_ENV) EMBEDDED_DATABASE_NAME=citiesofmigration_bench $(MANAGE) migrate --no-input -v0
	$(TEST_ENV) EMBEDDED_DATABASE_NAME=citiesofmigration_bench $(MANAGE) load_demo -v0
	$(TEST_ENV) EMBEDDED_DATABASE_NAME=citiesofmigration_bench $(MANAGE) collectstatic --no-input -v0
	$(TEST_ENV) EMBEDDED_DATABASE_NAME=citiesofmigration_bench $(MANAGE) bench --sizes $${BENCH_SIZES:-10000,100000}

clean: stop ## Remove the virtualenv, collected static files and the embedded database
	rm -rf $(VENV) staticfiles .data .pytest_cache

# Backups (issue 9): the database and the media folder together, in one archive under
# backups/ (git-ignored); the README's "Backups" says what to keep and how often.
.PHONY: backup restore
backup: db-start ## Archive the database and media into backups/citiesofmigration-<time>.tar.gz
	$(RUN_ENV) $(MANAGE) backup

restore: db-start ## Restore ARCHIVE=backups/….tar.gz [INTO=database] [MEDIA=folder] [FORCE=1]
	@test -n "$(ARCHIVE)" || { echo "usage: make restore ARCHIVE=backups/citiesofmigration-….tar.gz [INTO=database] [MEDIA=folder] [FORCE=1]"; exit 2; }
	$(RUN_ENV) $(MANAGE) restore "$(ARCHIVE)" $(if $(INTO),--database "$(INTO)") $(if $(MEDIA),--media-root "$(MEDIA)") $(if $(FORCE),--force)
