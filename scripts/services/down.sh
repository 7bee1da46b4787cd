#!/usr/bin/env bash
# Stops the local services started by scripts/services/up.sh (all three, whichever are running) and
# removes .env.stack, whose ports would otherwise point at nothing.
#
#   scripts/services/down.sh                    Kafka, the schema registry and MariaDB
#   scripts/services/down.sh kafka              only those named
set -uo pipefail
SERVICE_NAME=down
# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

services=("$@")
[ "${#services[@]}" -eq 0 ] && services=(kafka registry mariadb)
pids=()
for s in "${services[@]}"; do
  case "$s" in kafka|registry|mariadb) ;; *) die "unknown service '$s' (kafka, registry, mariadb)" ;; esac
  "$SERVICES_LIB_DIR/$s.sh" stop & pids+=($!)
done
status=0
for p in "${pids[@]}"; do wait "$p" || status=1; done
if [ "${#services[@]}" -eq 3 ]; then
  rm -f "${ENV_STACK_FILE:-$REPO_ROOT/.env.stack}"
fi
exit $status
