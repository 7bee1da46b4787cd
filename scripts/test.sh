#!/usr/bin/env bash
# `make test`: lint and type-check, then every test (unit, integration on real services, browser) with Kafka, the
# Schema Registry and MariaDB started here. Services this script started are stopped again when it ends.
set -euo pipefail
cd "$(dirname "$0")/.."

npm run lint
npm run typecheck

started=()
for service in kafka registry mariadb; do
  scripts/services/"$service".sh status >/dev/null 2>&1 || started+=("$service")
done
stop_started() {
  for service in "${started[@]}"; do scripts/services/"$service".sh stop >/dev/null 2>&1 || true; done
}
trap stop_started EXIT

scripts/services/up.sh
# Every test has finished when jest returns; a client library still closing its sockets must not hold the run.
npx jest --ci --forceExit
