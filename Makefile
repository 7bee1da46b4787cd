# RailSewa: `make run` starts the product on the embedded default; `make test` runs every test on real services.
SHELL := /bin/bash
NPM_FLAGS := --no-audit --no-fund

.PHONY: run test install build lint typecheck unit integration e2e system-deps schemathesis stack stack-stop stack-status bench clean

run: build
	./bin/railsewa serve

test: install system-deps schemathesis build
	scripts/test.sh

install: node_modules/.installed

node_modules/.installed: package.json package-lock.json $(wildcard patches/*.patch)
	npm ci $(NPM_FLAGS)
	touch $@

build: install
	npm run build
	npm run build:web

system-deps:
	scripts/install-system-deps.sh

# Schemathesis (PyPI, pinned) in .cache/venv, for the contract test against a live server
schemathesis: system-deps
	scripts/install-schemathesis.sh

lint: install
	npm run lint

typecheck: install
	npm run typecheck

unit: install
	npx jest --selectProjects unit

integration: build stack
	npx jest --selectProjects integration

# Kafka, the Schema Registry and MariaDB on this machine (no Docker), settings in .env.stack
stack:
	scripts/services/up.sh

stack-stop:
	scripts/services/down.sh

stack-status:
	-scripts/services/kafka.sh status; scripts/services/registry.sh status; scripts/services/mariadb.sh status

e2e: build system-deps schemathesis
	npx jest --selectProjects e2e

bench: build stack
	npm run bench:embedded
	npm run bench:bot
	npm run bench:pipeline
	npm run bench:read
	npm run bench:rebuild

clean:
	rm -rf dist web/dist node_modules
