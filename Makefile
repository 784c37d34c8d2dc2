# Two commands for a newcomer: `make run` and `make test`. Everything they need
# is installed into .venv from requirements.txt; nothing else is assumed but
# Python 3.12 and make.

VENV        := .venv
PYTHON      := $(VENV)/bin/python
MANAGE      := $(PYTHON) manage.py
# pyenv reads .python-version; elsewhere python3.12 is found by name.
SYSTEM_PY   := $(shell command -v python3.12 2>/dev/null || command -v python3)
STAMP       := $(VENV)/.installed-$(shell cksum requirements.txt | cut -d' ' -f1)

.PHONY: run test setup lint format clean html-checkers catalogs

$(STAMP): requirements.txt
	@test -x $(PYTHON) || $(SYSTEM_PY) -m venv $(VENV)
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else "Python 3.12 or newer is needed (Django 6); found " + sys.version.split()[0])'
	$(PYTHON) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PYTHON) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@rm -f $(VENV)/.installed-*
	@touch $@

# A local .env for development only: DEBUG on and a freshly generated secret
# key. Real deployments set their variables in the environment instead.
.env:
	@$(PYTHON) -c 'import secrets; print("DJANGO_DEBUG=true\nDJANGO_SECRET_KEY=" + secrets.token_urlsafe(50))' > .env
	@echo "Wrote .env (DEBUG on, local secret key)."

setup: $(STAMP) .env
	$(MANAGE) compile_catalogs
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo
	$(MANAGE) ensure_admin

run: setup
	$(MANAGE) runserver 127.0.0.1:8000

# The suite compiles the catalogs itself (tests/conftest.py) and sets its own
# throwaway secret key (tests/support/environment.py).
test: $(STAMP)
	$(PYTHON) -m pytest

# The catalogs' workflow (docs/workflow.md): merge the sources' messages into every
# catalog, compile, check. Translate what the check lists, then run it again.
catalogs: $(STAMP) .env
	$(MANAGE) update_catalogs
	$(MANAGE) compile_catalogs
	$(PYTHON) -m pytest -p no:cacheprovider -q tests/features/test_catalogs.py

# The HTML checks in the suite (vnu on Java, axe-core in Chromium) skip until
# these are installed; vnu-jar's install script would fetch a Java runtime.
html-checkers:
	npm ci --ignore-scripts --no-audit --no-fund

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

clean:
	rm -rf $(VENV) staticfiles .pytest_cache node_modules
