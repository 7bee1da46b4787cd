#!/usr/bin/env bash
# Starts the local services (installing them into the cache the first time) and writes their settings
# to .env.stack at the repository root. Services already running are reused.
#
#   scripts/services/up.sh                      Kafka, the schema registry and MariaDB
#   scripts/services/up.sh kafka mariadb        only those
#
# .env.stack gets KAFKA_BROKERS, SCHEMA_REGISTRY_URL, DB_HOST, DB_PORT, DB_USER, DB_PASSWORD, DB_NAME
# for the services that are up. Exits non-zero, after writing what is up, when a service failed.
# STACK_OPTIONAL names services (e.g. "registry") whose failure is reported but does not fail the run.
# ENV_STACK_FILE overrides where the settings are written.
set -uo pipefail
SERVICE_NAME=up
# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

services=("$@")
[ "${#services[@]}" -eq 0 ] && services=(kafka registry mariadb)
for s in "${services[@]}"; do
  case "$s" in kafka|registry|mariadb) ;; *) die "unknown service '$s' (kafka, registry, mariadb)" ;; esac
done
want() { local s; for s in "${services[@]}"; do [ "$s" = "$1" ] && return 0; done; return 1; }

ENV_FILE="${ENV_STACK_FILE:-$REPO_ROOT/.env.stack}"
mkdir -p "$SERVICES_RUN_DIR"
started=$(date +%s)
declare -A pids rc

# MariaDB comes from apt, the other two from Maven: MariaDB starts alongside the Maven installs,
# which run one after the other (they share the local Maven repository), then Kafka and the registry
# start side by side.
want mariadb && { "$SERVICES_LIB_DIR/mariadb.sh" start & pids[mariadb]=$!; }
want kafka && { "$SERVICES_LIB_DIR/kafka.sh" install || rc[kafka]=$?; }
want registry && { "$SERVICES_LIB_DIR/registry.sh" install || rc[registry]=$?; }
for s in kafka registry; do
  if want "$s" && [ -z "${rc[$s]:-}" ]; then
    "$SERVICES_LIB_DIR/$s.sh" start & pids[$s]=$!
  fi
done
for s in "${!pids[@]}"; do
  wait "${pids[$s]}" || rc[$s]=$?
done

tmp="$ENV_FILE.tmp.$$"
{
  echo "# Local services for RailSewa, written by scripts/services/up.sh on $(date -Is)."
  echo "# Stop them with scripts/services/down.sh."
  for s in kafka registry mariadb; do
    want "$s" || continue
    if [ -z "${rc[$s]:-}" ] && lines="$("$SERVICES_LIB_DIR/$s.sh" env)"; then
      echo "$lines"
    else
      rc[$s]=${rc[$s]:-1}
      echo "# $s: not running (scripts/services/$s.sh start failed; it prints the reason)"
    fi
  done
} >"$tmp"
chmod 600 "$tmp"
mv "$tmp" "$ENV_FILE"

failed=() optional_failed=()
for s in "${services[@]}"; do
  [ -n "${rc[$s]:-}" ] || continue
  if [[ " ${STACK_OPTIONAL:-} " == *" $s "* ]]; then optional_failed+=("$s"); else failed+=("$s"); fi
done
if [ "${#optional_failed[@]}" -gt 0 ]; then
  log "WARNING: not started (optional): ${optional_failed[*]}"
fi
log "wrote $ENV_FILE in $(( $(date +%s) - started ))s"
if [ "${#failed[@]}" -gt 0 ]; then
  die "not started: ${failed[*]} (the others are up; see the messages above)"
fi
[ "${#optional_failed[@]}" -eq 0 ] && log "all up: ${services[*]}"
exit 0
