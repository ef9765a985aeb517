# The two commands: `make run` and `make test`. Everything else is set-up.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
BUNDLE := content/knowledgehub.json
CHROMIUM ?= /usr/bin/chromium

.PHONY: setup test-setup run test messages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.requirements: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.test-requirements: requirements-test.txt requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-test.txt
	touch $@

messages:
	$(BIN)/python manage.py compilemessages --ignore=$(VENV) --ignore=node_modules --verbosity 0

setup: $(VENV)/.requirements messages
	$(BIN)/python manage.py migrate --no-input --verbosity 0
	$(BIN)/python manage.py collectstatic --no-input --verbosity 0
	$(BIN)/python manage.py seed_content $(BUNDLE)
	$(BIN)/python manage.py rebuild_search_index --verbosity 0

node_modules/.package-lock.json: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --silent; \
	else echo "npm not found: axe-core is not installed, the browser accessibility checks will fail (.ci/install-browser)"; fi

test-setup: $(VENV)/.test-requirements setup node_modules/.package-lock.json

run: setup
	$(BIN)/gunicorn knowledgehub.wsgi --config gunicorn.conf.py --bind 127.0.0.1:$(PORT)

test: test-setup
	@test -x $(CHROMIUM) || echo "NOTE: no Chromium at $(CHROMIUM): the browser tests in tests/browser/ are SKIPPED (run .ci/install-browser)."
	@command -v redis-server >/dev/null || echo "NOTE: no redis-server: the Redis page-cache tests are SKIPPED (apt-get install redis-server)."
	$(BIN)/pytest

clean:
	rm -rf $(VENV) staticfiles
