#!/usr/bin/env bash
# `make test`: lint and type-check, then every test (unit, integration on real services, browser) with Kafka, the
# Schema Registry and MariaDB started here. Services this script started are stopped again when it ends.
set -euo pipefail
cd "$(dirname "$0")/.."

npm run lint
npm run typecheck

# The real services: those named by KAFKA_BROKERS, SCHEMA_REGISTRY_URL and DB_HOST when all are set; containers
# (testcontainers, started by jest's global setup) when a Docker engine answers; otherwise the local ones, provisioned
# and started here and stopped again at the end if this script started them.
if [ -n "${KAFKA_BROKERS:-}" ] && [ -n "${SCHEMA_REGISTRY_URL:-}" ] && [ -n "${DB_HOST:-}" ]; then
  echo "[test] using the services named by KAFKA_BROKERS, SCHEMA_REGISTRY_URL and DB_HOST"
  export RAILSEWA_TEST_SERVICES=environment
elif command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then
  echo "[test] a Docker engine answers: the tests start Kafka, the Schema Registry and MySQL with testcontainers"
  export RAILSEWA_TEST_SERVICES=containers
else
  export RAILSEWA_TEST_SERVICES=local
  started=()
  for service in kafka registry mariadb; do
    scripts/services/"$service".sh status >/dev/null 2>&1 || started+=("$service")
  done
  stop_started() {
    for service in "${started[@]}"; do scripts/services/"$service".sh stop >/dev/null 2>&1 || true; done
  }
  trap stop_started EXIT
  scripts/services/up.sh
fi
npx jest --ci --forceExit
