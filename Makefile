# RailSewa: `make run` starts the product on the embedded default; `make test` runs every test on real services.
SHELL := /bin/bash
NPM_FLAGS := --no-audit --no-fund

.PHONY: run test install build lint typecheck unit integration e2e system-deps bench clean

run: build
	./bin/railsewa serve

test: install system-deps build
	npm run lint
	npm run typecheck
	npx jest --ci

install: node_modules/.installed

node_modules/.installed: package.json package-lock.json
	npm ci $(NPM_FLAGS)
	touch $@

build: install
	npm run build
	npm run build:web

system-deps:
	scripts/install-system-deps.sh

lint: install
	npm run lint

typecheck: install
	npm run typecheck

unit: install
	npx jest --selectProjects unit

integration: build
	npx jest --selectProjects integration

e2e: build system-deps
	npx jest --selectProjects e2e

bench: build
	npm run bench:embedded

clean:
	rm -rf dist web/dist node_modules
