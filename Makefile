# Tend: `make run` to try it, `make test` to check it. Both set up what they need.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PYTEST := $(VENV)/bin/pytest
APT_PACKAGES := gettext chromium postgresql
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test test-sqlite test-postgres bench setup system-deps messages icons clean

$(VENV)/.installed: requirements.txt requirements-dev.txt
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -r requirements-dev.txt
	touch $@

# Debian packages: gettext (compile translations), Chromium (browser tests),
# PostgreSQL (the second database the suite runs on). Installed only if missing.
system-deps:
	@missing=""; \
	command -v msgfmt >/dev/null || missing="$$missing gettext"; \
	[ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi

setup: $(VENV)/.installed
	@command -v msgfmt >/dev/null || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq gettext >/dev/null; }
	DEBUG=1 $(PY) manage.py compilemessages --ignore=.venv -v0

run: setup
	DEBUG=1 $(PY) manage.py migrate -v0
	DEBUG=1 $(PY) manage.py seed_demo
	@echo "Tend is on http://127.0.0.1:8000, reminders are sent in the background  (Ctrl+C stops both)"
	@DEBUG=1 $(PY) manage.py run_reminders & worker=$$!; \
	trap 'kill -TERM $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT; \
	DEBUG=1 $(PY) manage.py runserver 127.0.0.1:8000

test: system-deps setup
	$(MAKE) --no-print-directory test-sqlite
	$(MAKE) --no-print-directory test-postgres

test-sqlite:
	@echo "== Test suite on SQLite"
	$(PYTEST) -q

test-postgres:
	@echo "== Test suite on a throwaway PostgreSQL"
	@set -e; eval "$$(scripts/throwaway-postgres.sh start)"; \
	trap 'scripts/throwaway-postgres.sh stop' EXIT; \
	DATABASE_URL="$$DATABASE_URL" $(PYTEST) -q

# Today, Timeline, Progress and logging a turn with a year of history, under gunicorn (2 workers,
# DEBUG off) and wrk (4 connections), against a minimal view; its own SQLite file in /tmp.
# Figures and how to read them: docs/performance.md. Settings: scripts/bench/run.sh.
bench: setup
	@command -v wrk >/dev/null || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq wrk >/dev/null; }
	scripts/bench/run.sh

messages: $(VENV)/.installed
	$(PY) manage.py makemessages -l es -l ar --ignore=.venv --ignore=tests --no-obsolete

icons: $(VENV)/.installed
	$(PY) scripts/make_icons.py

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
