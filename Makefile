# One entry point for the common chores. `make demo` and `make test` work on a fresh clone.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PYTEST_ARGS ?= -n 2 -q

.PHONY: demo test test-sqlite test-postgres lint bench serve init clean system-packages load messages

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

init: $(STAMP)
	$(BIN)/ctip init

demo: init
	$(BIN)/ctip demo
	@echo
	@echo "Open http://127.0.0.1:8000 and log in with one of the accounts above (e.g. mel / demo-mel-pass)."
	@echo "Mail (invitations, password reset links, notices) is printed here instead of sent."
	@echo
	CTIP_EMAIL_BACKEND=console $(BIN)/ctip serve

serve: init
	$(BIN)/ctip serve

# The suite runs on SQLite always, and again on PostgreSQL when TEST_DATABASE_URL is set.
test: test-sqlite test-postgres

test-sqlite: $(STAMP)
	env -u DATABASE_URL $(BIN)/pytest $(PYTEST_ARGS)

test-postgres: $(STAMP)
	@if [ -n "$$TEST_DATABASE_URL" ]; then \
		echo "== PostgreSQL: $$TEST_DATABASE_URL"; \
		DATABASE_URL="$$TEST_DATABASE_URL" $(BIN)/pytest $(PYTEST_ARGS); \
	else echo "TEST_DATABASE_URL not set: PostgreSQL run skipped"; fi

lint: $(STAMP)
	$(BIN)/ruff check ctip scripts
	$(BIN)/ruff format --check ctip scripts

# Catalogues regenerated from the code (all languages), then compiled; the .mo files are
# committed (docs/languages.md). Needs GNU gettext (`make system-packages`).
LANGS := th lo km vi id fil my
messages: $(STAMP)
	cd ctip && DJANGO_SETTINGS_MODULE=ctip.settings ../$(BIN)/django-admin makemessages \
		$(addprefix -l ,$(LANGS)) --add-location=file --no-obsolete
	cd ctip && DJANGO_SETTINGS_MODULE=ctip.settings ../$(BIN)/django-admin compilemessages

bench: $(STAMP)
	$(BIN)/python -m ctip.bench

# 300 self-registrations in a minute while 20 staff read reports, through `ctip serve` on a
# temporary PostgreSQL database (DATABASE_URL, default postgres://postgres@127.0.0.1:5432).
# Not part of `make test`: it takes about two minutes.
load: $(STAMP)
	$(BIN)/python scripts/load.py $(LOAD_ARGS)

# Debian packages for browser tests and PDF rendering (CI runs this; needs root).
system-packages:
	./scripts/system-packages.sh

clean:
	rm -rf $(VENV) var/static
