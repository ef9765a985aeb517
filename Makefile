# The two commands: `make run` and `make test`. Everything else is set-up.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
BUNDLE := content/knowledgehub.json
CHROMIUM ?= /usr/bin/chromium
# Where the SQLite database, the file cache and the secret key live (as in knowledgehub/settings.py).
VAR_DIR := $(or $(DJANGO_VAR_DIR),var)
# pip-tools only writes the lock files, from a throwaway venv: nothing the site runs needs it.
PIP_TOOLS := pip-tools==7.6.2
LOCK_VENV := $(or $(TMPDIR),/tmp)/knowledgehub-lock-venv
PIP_COMPILE = CUSTOM_COMPILE_COMMAND="make lock" $(LOCK_VENV)/bin/pip-compile --quiet --generate-hashes \
	--strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links --no-emit-trusted-host $(LOCK_FLAGS)

.PHONY: setup test-setup run test lint messages lock clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Exactly the versions and files in the locks: every package pinned, every download checked against its hash.
$(VENV)/.requirements: requirements.lock | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	touch $@

$(VENV)/.test-requirements: requirements-test.lock | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements-test.lock
	touch $@

# requirements*.txt are the human-edited lists; after changing one, `make lock` and commit both.
# pip-compile keeps every pin it can; `make lock LOCK_FLAGS=--upgrade` moves all to the newest allowed.
lock:
	$(PYTHON) -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/pip install --quiet $(PIP_TOOLS)
	$(PIP_COMPILE) --output-file=requirements.lock requirements.txt
	$(PIP_COMPILE) --output-file=requirements-test.lock requirements-test.txt
	rm -rf $(LOCK_VENV)

# The secret key is made once, readable by its owner only; settings only ever read it.
$(VAR_DIR)/secret_key:
	mkdir -p $(VAR_DIR)
	$(PYTHON) -c "import os, secrets, sys; fd = os.open(sys.argv[1], os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600); os.write(fd, secrets.token_urlsafe(64).encode())" $@
	chmod 600 $@

# The zh_Hant catalogues are converted from the zh_Hans ones (qa/catalogues.py), then all are compiled.
messages:
	$(BIN)/python manage.py convert_catalogues --verbosity 0
	$(BIN)/python manage.py compilemessages --ignore=$(VENV) --ignore=node_modules --verbosity 0

# var/ exists before anything opens the database or the file cache under it.
setup: $(VENV)/.requirements $(if $(DJANGO_SECRET_KEY),,$(VAR_DIR)/secret_key) messages
	mkdir -p $(VAR_DIR)
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

# Lint (ruff, configured in pyproject.toml) and no model change without its migration.
lint: $(VENV)/.test-requirements
	$(BIN)/ruff check .
	$(BIN)/python manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) staticfiles
