# Deep Bench developer commands. `make run` to try it, `make test` before you push.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON_FOR_VENV := $(shell command -v python3.11 || command -v python3)
VENV := .venv
VENV_STAMP := $(VENV)/.requirements-installed
NODE_STAMP := node_modules/.package-lock.json

.PHONY: help setup run test lint bench

help:
	@echo "make run    install what is missing, migrate, load demo data, start the site + Celery"
	@echo "make run SSO=local   the same, and Lakeview signs in through a local OpenID Provider"
	@echo "make test   install what is missing, then run the whole pytest suite"
	@echo "make lint   what CI runs before the suite: ruff, migrations, the import contract, deploy checks"
	@echo "make setup  only install: .venv (Python) and node_modules (npm)"
	@echo "make bench  time every main page at large-district scale (needs PostgreSQL DATABASE_URL)"

# The stamp is newer than both requirements files once pip has installed them.
$(VENV_STAMP): requirements.txt requirements-dev.txt
	test -x $(VENV)/bin/python || $(PYTHON_FOR_VENV) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --upgrade pip
	$(VENV)/bin/python -m pip install --quiet -r requirements-dev.txt
	touch $@

venv: $(VENV_STAMP)

# npm ci writes node_modules/.package-lock.json, newer than package-lock.json afterwards.
$(NODE_STAMP): package-lock.json package.json
	npm ci --no-audit --no-fund
	touch $@

node_modules: $(NODE_STAMP)

setup: venv node_modules

run: setup
	@bin/run-dev

test: setup lint
	$(VENV)/bin/pytest

# Seeds database deepbench_bench on DATABASE_URL's server once, then prints one table.
bench: venv
	@case "$$DATABASE_URL" in postgres://*|postgresql://*) ;; \
	  *) echo "make bench needs DATABASE_URL=postgres://user@host:port/any-db"; exit 1;; esac
	$(VENV)/bin/python bench/run.py $(BENCH_ARGS)

# What .ci/run runs before the suite; `make test` runs it first too.
lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/python manage.py makemigrations --check --dry-run
	$(VENV)/bin/lint-imports
	DEBUG=false SECRET_KEY="$$($(VENV)/bin/python -c 'import secrets; print(secrets.token_urlsafe(64))')" \
	  ALLOWED_HOSTS=deepbench.example.org SITE_URL=https://deepbench.example.org \
	  CELERY_BROKER_URL=redis://127.0.0.1:6379/0 CACHE_URL=redis://127.0.0.1:6379/2 \
	  SSO_ENCRYPTION_KEY="$$($(VENV)/bin/python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())')" \
	  $(VENV)/bin/python manage.py check --deploy --fail-level WARNING

.PHONY: venv node_modules
