# Two commands for a newcomer: `make demo` and `make test`. See README.md.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
ARTICLES ?= 300

.PHONY: demo test serve bench lighthouse lint format messages fonts check clean

# Create the virtual environment and install the project with its test tools; redo the
# install when pyproject.toml changes.
$(VENV)/installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $@

demo: $(VENV)/installed
	DEBUG=1 $(PY) manage.py migrate --noinput
	DEBUG=1 $(PY) manage.py compile_translations
	DEBUG=1 $(PY) manage.py seed_demo --articles $(ARTICLES)
	@echo "Serving the demo at http://127.0.0.1:$(PORT)/ with a task worker beside it (Ctrl-C stops both)"
	DEBUG=1 $(PY) manage.py tasks_worker --no-reload --verbosity 0 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	DEBUG=1 $(PY) manage.py runserver 127.0.0.1:$(PORT)

# Production-style serving: gunicorn with WEB_CONCURRENCY workers (default 2) on PORT, and
# one task worker beside it (README "Background work" for more, or on other machines).
# Needs the production environment (SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL, ...).
serve: $(VENV)/installed
	$(PY) manage.py migrate --noinput
	$(PY) manage.py compile_translations
	$(PY) manage.py collectstatic --noinput --verbosity 0
	$(PY) manage.py tasks_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(VENV)/bin/gunicorn thinktank.wsgi --workers $${WEB_CONCURRENCY:-2} \
		--bind $${BIND:-0.0.0.0:$(PORT)} --access-logfile - --error-logfile -

# The suite runs in one process per core (pytest-xdist), a test module per process at a
# time (its module fixtures, such as the real servers, start once). PYTEST_ARGS replaces
# that, e.g. PYTEST_ARGS="tests/search -x".
PYTEST_ARGS ?= -n auto --dist loadfile
test: $(VENV)/installed
	$(PY) manage.py compile_translations --settings=thinktank.settings_test
	$(PY) -m pytest $(PYTEST_ARGS)

# Benchmarks (README "Benchmarks"): DATABASE_URL names a PostgreSQL database the run may
# fill; ARTICLES defaults to 100000 here. Needs wrk (apt-get install wrk).
bench: $(VENV)/installed
	$(PY) manage.py migrate --noinput --verbosity 0 --settings=benchmarks.settings
	$(PY) manage.py compile_translations --settings=benchmarks.settings
	$(PY) manage.py collectstatic --noinput --verbosity 0 --settings=benchmarks.settings
	$(PY) -m benchmarks.pages --articles $(if $(filter command line environment,$(origin ARTICLES)),$(ARTICLES),100000)

# Lighthouse scores of the public pages, on a demo database of its own under var/lighthouse/
# (README "Benchmarks"; needs Chromium and npm).
lighthouse: $(VENV)/installed
	$(PY) -m benchmarks.lighthouse --articles $(ARTICLES)

lint: $(VENV)/installed
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(VENV)/bin/lint-imports

format: $(VENV)/installed
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

# Maintainers: refresh the catalogues from the code (needs GNU gettext's xgettext).
messages: $(VENV)/installed
	DEBUG=1 $(PY) manage.py makemessages --locale ar --locale fa --no-obsolete --ignore '.venv/*' --ignore 'var/*' --ignore 'benchmarks/lighthouse/node_modules/*'
	DEBUG=1 $(PY) manage.py compile_translations

# Maintainers: rebuild static/fonts/ and static/css/fonts.css from the pinned Fontsource
# packages (needs npm; fonts/README.md).
fonts: $(VENV)/installed
	$(PY) -m pip install --quiet -e ".[fonts]"
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" $(PY) fonts/build.py

check: $(VENV)/installed
	DEBUG=1 $(PY) manage.py makemigrations --check --dry-run
	DEBUG=1 $(PY) manage.py check

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
