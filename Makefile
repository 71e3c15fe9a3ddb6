# Wegwijzer — run `make help` for the list of targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# Rasa 3.6 needs Python 3.10 (it refuses 3.11+). Prefer a real pyenv 3.10 over the shim.
PYTHON310 ?= $(firstword $(wildcard $(HOME)/.pyenv/versions/3.10*/bin/python3.10) $(shell command -v python3.10 2>/dev/null))
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SPACY_DIR := build/spacy_nl
SPACY_STAMP := $(SPACY_DIR)/WEGWIJZER_PIPELINE.json
MODEL := models/wegwijzer.tar.gz
NL_MODEL_WHEEL := https://github.com/explosion/spacy-models/releases/download/nl_core_news_sm-3.4.0/nl_core_news_sm-3.4.0-py3-none-any.whl
TRAIN_INPUTS := config.yml $(wildcard domain/*.yml) $(shell find data/nlu data/rules -name '*.yml' 2>/dev/null)
export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 2
export SQLALCHEMY_SILENCE_UBER_WARNING := 1

.PHONY: help install run test lint train validate spacy clean browser-deps services

help: ## Show this help
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

install: $(STAMP) $(SPACY_STAMP) ## Create the virtualenv and install everything (idempotent)

$(STAMP): pyproject.toml
	@test -n "$(PYTHON310)" || { echo "Python 3.10 not found (Rasa 3.6 needs it). Install it, or set PYTHON310=/path/to/python3.10"; exit 1; }
	@echo ">> Creating $(VENV) with $(PYTHON310)"
	test -x $(BIN)/python || $(PYTHON310) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --upgrade "pip<25" "setuptools>=64" wheel
	$(BIN)/pip install --quiet --disable-pip-version-check -e ".[test]"
	@echo ">> Trying spaCy's official Dutch pipeline nl_core_news_sm 3.4.0 (falls back if unreachable)"
	-timeout 120 $(BIN)/pip install --quiet --disable-pip-version-check --no-deps --retries 1 --timeout 15 "nl_core_news_sm @ $(NL_MODEL_WHEEL)" \
		|| echo ">> nl_core_news_sm could not be installed: using the simplemma fallback pipeline"
	touch $(STAMP)

spacy: $(SPACY_STAMP) ## Build the Dutch spaCy pipeline in build/spacy_nl

$(SPACY_STAMP): $(STAMP) bot/nlp/build_pipeline.py bot/nlp/simplemma_lemmatizer.py
	$(BIN)/python -m bot.nlp.build_pipeline $(SPACY_DIR)

train: $(MODEL) ## Train the Rasa model if data or config changed

$(MODEL): $(STAMP) $(SPACY_STAMP) $(TRAIN_INPUTS)
	@echo ">> Training with spaCy pipeline: $$(cat $(SPACY_STAMP))"
	$(BIN)/rasa train --config config.yml --domain domain --data data/nlu data/rules \
		--out models --fixed-model-name wegwijzer
	@touch $(MODEL)

validate: install ## Validate the knowledge base and the Rasa training data
	$(BIN)/wegwijzer validate
	$(BIN)/rasa data validate --domain domain --data data/nlu data/rules --config config.yml

run: install train ## Install, train if needed and start the assistant with its chat page
	$(BIN)/wegwijzer serve

test: install lint train browser-deps services ## Install, lint, train if needed and run every test
	$(BIN)/python -m pytest -q

lint: install ## Formatting, lint rules (ruff) and types (mypy) of the Python code
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/mypy

services: ## PostgreSQL, Redis and nginx (Debian packages, as root) for the production-path tests, when missing
	@missing=""; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null || missing="$$missing postgresql"; \
	command -v redis-server >/dev/null || missing="$$missing redis-server"; \
	[ -x /usr/sbin/nginx ] || missing="$$missing nginx-light"; \
	if [ -z "$$missing" ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo ">> Installing$$missing for the production-path tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	else \
		echo ">> Missing$$missing and not root: the production-path tests will be skipped"; \
	fi

CHROMIUM := /usr/bin/chromium
AXE := tests/browser/node_modules/axe-core/axe.min.js

browser-deps: $(AXE) ## Chromium (Debian package, as root) and axe-core for the browser tests, when missing
	@if [ -x $(CHROMIUM) ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo ">> Installing Debian's chromium for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
		echo ">> $(CHROMIUM) is missing and we are not root: the browser tests will be skipped"; \
	fi

$(AXE): tests/browser/package.json tests/browser/package-lock.json
	@if command -v npm >/dev/null; then \
		cd tests/browser && npm ci --no-audit --no-fund --loglevel=error && touch node_modules/axe-core/axe.min.js; \
	else \
		echo ">> npm is missing: the accessibility (axe) tests will be skipped"; \
	fi

clean: ## Remove the virtualenv, trained models and build output
	rm -rf $(VENV) models build .pytest_cache tests/browser/node_modules
