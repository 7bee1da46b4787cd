#!/usr/bin/env bash
# Apicurio Registry 3.x (Confluent-compatible API at /apis/ccompat/v7), rebuilt into a runnable Quarkus
# application from its Maven Central artifacts by scripts/services/registry/pom.xml, run on Java 21+
# with SQL storage in an H2 database file inside its data folder (schema ids survive restarts, as the
# Kafka log that refers to them does).
#
#   scripts/services/registry.sh install       build the application into the cache (once)
#   scripts/services/registry.sh start         install if needed, start, wait until ccompat answers
#   scripts/services/registry.sh stop|restart|status
#   scripts/services/registry.sh env           print SCHEMA_REGISTRY_URL=http://127.0.0.1:PORT/apis/ccompat/v7
#
# Environment:
#   REGISTRY_DIR            data folder (default $SERVICES_RUN_DIR/registry): h2/, registry.log, registry.pid
#   REGISTRY_PORT           HTTP port for the first start (default: a free port; kept across restarts)
#   REGISTRY_JAVA_HOME      a JDK 21+ (default: the first one found: JAVA_HOME, PATH, /usr/lib/jvm/*)
#   REGISTRY_HEAP_OPTS      JVM heap options (default -Xms128m -Xmx768m)
#   REGISTRY_QUARKUS_VERSION  build against another Quarkus version than Apicurio's own
#   REGISTRY_REBUILD=1      retry a build that failed before (a failure is remembered for 24 hours so
#                           that every start does not repeat it)
#   REGISTRY_START_TIMEOUT  seconds to wait for readiness (default 120)
set -euo pipefail
SERVICE_NAME=registry
# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

POM="$SERVICES_LIB_DIR/registry/pom.xml"
APICURIO_VERSION="$(sed -n 's:.*<apicurio.version>\(.*\)</apicurio.version>.*:\1:p' "$POM")"
INSTALL_DIR="$SERVICES_CACHE_DIR/registry/$APICURIO_VERSION"
APP_DIR="$INSTALL_DIR/quarkus-app"
REGISTRY_DIR="${REGISTRY_DIR:-$SERVICES_RUN_DIR/registry}"
PIDFILE="$REGISTRY_DIR/registry.pid"
LOGFILE="$REGISTRY_DIR/registry.log"
PORTS="$REGISTRY_DIR/ports.env"
CCOMPAT_PATH="/apis/ccompat/v7"

java_bin() {
  find_java 21 "${REGISTRY_JAVA_HOME:-}" \
    || die "Apicurio Registry $APICURIO_VERSION needs Java 21 or newer; none found (set REGISTRY_JAVA_HOME)"
}

install() {
  local want stamp failed java build_log
  want="$(hash_of "$POM")${REGISTRY_QUARKUS_VERSION:+-q$REGISTRY_QUARKUS_VERSION}"
  stamp="$INSTALL_DIR/.installed"
  failed="$INSTALL_DIR/.build-failed"
  build_log="$INSTALL_DIR/build.log"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -f "$APP_DIR/quarkus-run.jar" ]; then
    return 0
  fi
  if [ -f "$failed" ] && [ "$(head -n1 "$failed")" = "$want" ] && [ -z "${REGISTRY_REBUILD:-}" ] \
      && [ -n "$(find "$failed" -mmin -1440 2>/dev/null)" ]; then
    tail -n +2 "$failed" >&2
    die "the Apicurio Registry $APICURIO_VERSION build failed before (log: $build_log); REGISTRY_REBUILD=1 retries it"
  fi
  command -v mvn >/dev/null || die "mvn is needed once to build Apicurio Registry from Maven Central"
  java="$(java_bin)"
  log "building Apicurio Registry $APICURIO_VERSION (Quarkus app) into $APP_DIR"
  rm -rf "$INSTALL_DIR"
  mkdir -p "$INSTALL_DIR"
  local args=(-f "$POM" package -Dregistry.build.dir="$INSTALL_DIR/build")
  [ -n "${REGISTRY_QUARKUS_VERSION:-}" ] && args+=(-Dquarkus.version="$REGISTRY_QUARKUS_VERSION")
  [ -n "${REGISTRY_REBUILD:-}" ] && args+=(-U)
  if ! JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$java")")")" mvn_cmd "${args[@]}" >"$build_log" 2>&1; then
    {
      echo "$want"
      echo "Apicurio Registry $APICURIO_VERSION could not be built from Maven Central here:"
      # Maven's own words on what is missing, one artifact a line
      sed -E 's/\x1b\[[0-9;]*m//g; s/ -> \[Help 1\]$//' "$build_log" | grep -E '^\[ERROR\] .*[A-Za-z]' \
        | grep -v -E 'Re-run Maven|full stack trace|\[Help 1\]|For more information about the errors' \
        | sed -E 's/could not be resolved: /could not be resolved:\n  /; s/, ([a-z][a-z0-9_.-]+:[^ ,]+:(jar|pom):)/\n  \1/g' \
        | head -n 40
    } >"$failed"
    tail -n +2 "$failed" >&2
    die "the Apicurio Registry build failed (log: $build_log)"
  fi
  [ -f "$INSTALL_DIR/build/quarkus-app/quarkus-run.jar" ] || die "the build produced no quarkus-app/quarkus-run.jar (log: $build_log)"
  mv "$INSTALL_DIR/build/quarkus-app" "$APP_DIR"
  rm -rf "$INSTALL_DIR/build"
  echo "$want" >"$stamp"
  log "built ($(du -sh "$APP_DIR" | cut -f1))"
}

http_port() { file_var "$PORTS" REGISTRY_PORT; }

ccompat_ok() {
  curl -fsS -m 5 -o /dev/null "http://127.0.0.1:$1$CCOMPAT_PATH/subjects" 2>/dev/null
}

start() {
  if pid_alive "$PIDFILE"; then
    log "already running (pid $(cat "$PIDFILE"), SCHEMA_REGISTRY_URL=http://127.0.0.1:$(http_port)$CCOMPAT_PATH)"
    return 0
  fi
  install
  mkdir -p "$REGISTRY_DIR/h2" "$REGISTRY_DIR/tmp"
  local java port mport old_port="" old_mport=""
  java="$(java_bin)"
  old_port="$(file_var "$PORTS" REGISTRY_PORT)"
  old_mport="$(file_var "$PORTS" REGISTRY_MANAGEMENT_PORT)"
  port="$(pick_port "${old_port:-${REGISTRY_PORT:-}}")"
  mport="$(pick_port "$old_mport")"
  while [ "$mport" = "$port" ]; do mport="$(free_port)"; done
  printf 'REGISTRY_PORT=%s\nREGISTRY_MANAGEMENT_PORT=%s\n' "$port" "$mport" >"$PORTS"

  local props=(
    -Dquarkus.profile=prod
    -Dquarkus.http.host=127.0.0.1
    -Dquarkus.http.port="$port"
    -Dquarkus.management.host=127.0.0.1
    -Dquarkus.management.port="$mport"
    -Dquarkus.otel.sdk.disabled=true
    -Dapicurio.storage.kind=sql
    -Dapicurio.storage.sql.kind=h2
    -Dapicurio.datasource.url="jdbc:h2:file:$REGISTRY_DIR/h2/registry;DB_CLOSE_ON_EXIT=FALSE"
    -Dapicurio.datasource.username=sa
    -Dapicurio.datasource.password=
    -Dapicurio.datasource.jdbc.initial-size=2
    -Dapicurio.datasource.jdbc.min-size=2
    -Dapicurio.datasource.jdbc.max-size=20
    -Dapicurio.rest.deletion.group.enabled=true
    -Dapicurio.rest.deletion.artifact.enabled=true
    -Dapicurio.rest.deletion.artifact-version.enabled=true
    -Dapicurio.storage.snapshot.location="$REGISTRY_DIR/tmp"
    -Dapicurio.import.work-dir="$REGISTRY_DIR/tmp"
    -Djava.io.tmpdir="$REGISTRY_DIR/tmp"
  )
  log "starting Apicurio Registry $APICURIO_VERSION on 127.0.0.1:$port, data in $REGISTRY_DIR"
  echo "=== $(date -Is) start ===" >>"$LOGFILE"
  # shellcheck disable=SC2086
  spawn "$LOGFILE" "$PIDFILE" "$java" ${REGISTRY_HEAP_OPTS:--Xms128m -Xmx768m} "${props[@]}" -jar "$APP_DIR/quarkus-run.jar"

  local timeout="${REGISTRY_START_TIMEOUT:-120}" i
  for ((i = 0; i < timeout * 2; i++)); do
    if ccompat_ok "$port"; then
      log "ready: SCHEMA_REGISTRY_URL=http://127.0.0.1:$port$CCOMPAT_PATH"
      return 0
    fi
    if ! pid_alive "$PIDFILE"; then
      show_log_tail "$LOGFILE"
      die "the registry exited during start-up (log: $LOGFILE)"
    fi
    sleep 0.5
  done
  show_log_tail "$LOGFILE"
  stop_pid "$PIDFILE" registry 10
  die "the registry did not answer $CCOMPAT_PATH/subjects within ${timeout}s (log: $LOGFILE)"
}

stop() { stop_pid "$PIDFILE" registry "${REGISTRY_STOP_TIMEOUT:-30}"; }

status() {
  if pid_alive "$PIDFILE" && ccompat_ok "$(http_port)"; then
    echo "registry: running (pid $(cat "$PIDFILE")), SCHEMA_REGISTRY_URL=http://127.0.0.1:$(http_port)$CCOMPAT_PATH"
  elif pid_alive "$PIDFILE"; then
    echo "registry: process $(cat "$PIDFILE") alive but $CCOMPAT_PATH does not answer"
    return 1
  else
    echo "registry: stopped"
    return 3
  fi
}

env_lines() {
  pid_alive "$PIDFILE" || die "not running"
  echo "SCHEMA_REGISTRY_URL=http://127.0.0.1:$(http_port)$CCOMPAT_PATH"
}

case "${1:-}" in
  install) install ;;
  start) start ;;
  stop) stop ;;
  restart) stop; start ;;
  status) status ;;
  env) env_lines ;;
  *) echo "usage: $0 install|start|stop|restart|status|env" >&2; exit 2 ;;
esac
