# The two commands: `make run` and `make test`. Everything else is set-up.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
BUNDLE := content/knowledgehub.json

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
	$(BIN)/python manage.py compilemessages --ignore=$(VENV) --verbosity 0

setup: $(VENV)/.requirements messages
	$(BIN)/python manage.py migrate --no-input --verbosity 0
	$(BIN)/python manage.py collectstatic --no-input --verbosity 0
	$(BIN)/python manage.py import_content $(BUNDLE) --create-only
	$(BIN)/python manage.py rebuild_search_index --verbosity 0

test-setup: $(VENV)/.test-requirements setup

run: setup
	$(BIN)/gunicorn knowledgehub.wsgi --config gunicorn.conf.py --bind 127.0.0.1:$(PORT)

test: test-setup
	$(BIN)/pytest

clean:
	rm -rf $(VENV) staticfiles
