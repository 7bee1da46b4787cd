#!/usr/bin/env bash
# Apicurio Registry 2.4 (Confluent-compatible API at /apis/ccompat/v7, also /apis/ccompat/v6), rebuilt
# into a runnable Quarkus application from its Maven Central artifacts by
# scripts/services/registry/pom.xml, run on Java 17 or newer with its SQL storage in an H2 database file
# inside its data folder (schema ids survive restarts, as the Kafka log that refers to them does).
# The global compatibility level is set to BACKWARD when the data folder is new.
#
#   scripts/services/registry.sh install       build the application into the cache (once; no network after)
#   scripts/services/registry.sh start         install if needed, start, wait until ccompat answers
#   scripts/services/registry.sh stop|restart|status
#   scripts/services/registry.sh env           print SCHEMA_REGISTRY_URL=http://127.0.0.1:PORT/apis/ccompat/v7
#
# Environment:
#   REGISTRY_DIR            data folder (default $SERVICES_RUN_DIR/registry): h2/, registry.log,
#                           registry.pid, ports.env
#   REGISTRY_PORT           HTTP port for the first start (default: a free port; kept across restarts)
#   REGISTRY_JAVA_HOME      a JDK 17+ (default: the first 17-21 found in JAVA_HOME, PATH, /usr/lib/jvm/*,
#                           else the first newer one)
#   REGISTRY_HEAP_OPTS      JVM heap options (default -Xms64m -Xmx256m)
#   REGISTRY_COMPATIBILITY  global compatibility level set at the first start (default BACKWARD)
#   REGISTRY_START_TIMEOUT  seconds to wait for readiness (default 120)
set -euo pipefail
SERVICE_NAME=registry
# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

POM="$SERVICES_LIB_DIR/registry/pom.xml"
MVN_SETTINGS="$SERVICES_LIB_DIR/registry/settings.xml"
APICURIO_VERSION="$(sed -n 's:.*<apicurio.version>\(.*\)</apicurio.version>.*:\1:p' "$POM")"
INSTALL_DIR="$SERVICES_CACHE_DIR/registry/$APICURIO_VERSION"
APP_DIR="$INSTALL_DIR/app"
REGISTRY_DIR="${REGISTRY_DIR:-$SERVICES_RUN_DIR/registry}"
PIDFILE="$REGISTRY_DIR/registry.pid"
LOGFILE="$REGISTRY_DIR/registry.log"
PORTS="$REGISTRY_DIR/ports.env"
COMPAT_STAMP="$REGISTRY_DIR/h2/.compatibility-set"
CCOMPAT_PATH="/apis/ccompat/v7"

# Quarkus 2.16 is made for Java 17; a 17-21 JDK is preferred, a newer one is the fallback (the
# application runs on 25 too).
java_bin() {
  find_java_range 17 21 "${REGISTRY_JAVA_HOME:-}" || find_java 17 "${REGISTRY_JAVA_HOME:-}" \
    || die "Apicurio Registry $APICURIO_VERSION needs Java 17 or newer; none found (set REGISTRY_JAVA_HOME)"
}

# the runnable jar of the installed application (its lib/ folder sits beside it)
runner_jar() {
  local jars=("$APP_DIR"/*-runner.jar)
  [ -f "${jars[0]}" ] && echo "${jars[0]}"
}

install() {
  local want stamp java build_log
  want="$(hash_of "$POM" "$MVN_SETTINGS")"
  stamp="$INSTALL_DIR/.installed"
  build_log="$INSTALL_DIR/build.log"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -n "$(runner_jar)" ]; then
    return 0
  fi
  command -v mvn >/dev/null || die "mvn is needed once to build Apicurio Registry from Maven Central"
  java="$(java_bin)"
  log "building Apicurio Registry $APICURIO_VERSION into $APP_DIR (once; a few minutes on a fresh machine)"
  rm -rf "$INSTALL_DIR"
  mkdir -p "$INSTALL_DIR"
  if ! JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$java")")")" \
      mvn_cmd -s "$MVN_SETTINGS" -f "$POM" package -Dregistry.build.dir="$INSTALL_DIR/build" >"$build_log" 2>&1; then
    # Maven's own words (what is missing or what failed), then the end of the log
    sed -E 's/\x1b\[[0-9;]*m//g' "$build_log" | grep -E '^\[ERROR\] .*[A-Za-z]' \
      | grep -v -E 'Re-run Maven|full stack trace|\[Help 1\]|For more information about the errors' \
      | head -n 30 >&2 || true
    show_log_tail "$build_log" 20
    die "the Apicurio Registry build failed (log: $build_log)"
  fi
  local built=("$INSTALL_DIR"/build/*-runner.jar)
  if [ ! -f "${built[0]}" ] || [ ! -d "$INSTALL_DIR/build/lib" ]; then
    die "the build produced no *-runner.jar with its lib/ folder (log: $build_log)"
  fi
  mkdir -p "$APP_DIR"
  mv "${built[0]}" "$INSTALL_DIR/build/lib" "$APP_DIR/"
  rm -rf "$INSTALL_DIR/build"
  echo "$want" >"$stamp"
  log "built ($(du -sh "$APP_DIR" | cut -f1))"
}

http_port() { file_var "$PORTS" REGISTRY_PORT; }

ccompat_ok() {
  curl -fsS -m 5 -o /dev/null "http://127.0.0.1:$1$CCOMPAT_PATH/subjects" 2>/dev/null
}

# set_compatibility PORT: the global compatibility level, once per data folder (a later change through
# the API is kept).
set_compatibility() {
  local level="${REGISTRY_COMPATIBILITY:-BACKWARD}"
  [ -f "$COMPAT_STAMP" ] && return 0
  if curl -fsS -m 10 -o /dev/null -X PUT -H 'Content-Type: application/vnd.schemaregistry.v1+json' \
      --data "{\"compatibility\":\"$level\"}" "http://127.0.0.1:$1$CCOMPAT_PATH/config"; then
    echo "$level" >"$COMPAT_STAMP"
    log "global compatibility level set to $level"
  else
    return 1
  fi
}

start() {
  if pid_alive "$PIDFILE"; then
    log "already running (pid $(cat "$PIDFILE"), SCHEMA_REGISTRY_URL=http://127.0.0.1:$(http_port)$CCOMPAT_PATH)"
    return 0
  fi
  install
  mkdir -p "$REGISTRY_DIR/h2"
  local java jar port old_port
  java="$(java_bin)"
  jar="$(runner_jar)" || die "no runnable jar in $APP_DIR"
  old_port="$(file_var "$PORTS" REGISTRY_PORT)"
  port="$(pick_port "${old_port:-${REGISTRY_PORT:-}}")"
  if [ -n "$old_port" ] && [ "$port" != "$old_port" ]; then
    log "port $old_port is taken by another process; the registry moves to $port"
  fi
  printf 'REGISTRY_PORT=%s\n' "$port" >"$PORTS"

  local jvm=()
  read -r -a jvm <<<"${REGISTRY_HEAP_OPTS:--Xms64m -Xmx256m}"
  local props=(
    -Dquarkus.http.host=127.0.0.1
    -Dquarkus.http.port="$port"
    -Dquarkus.datasource.jdbc.url="jdbc:h2:file:$REGISTRY_DIR/h2/registry;DB_CLOSE_ON_EXIT=FALSE"
    -Dquarkus.datasource.jdbc.initial-size=2
    -Dquarkus.datasource.jdbc.min-size=2
    -Dquarkus.datasource.jdbc.max-size=20
    -Dregistry.rest.artifact.deletion.enabled=true
  )
  log "starting Apicurio Registry $APICURIO_VERSION on 127.0.0.1:$port, data in $REGISTRY_DIR"
  echo "=== $(date -Is) start ===" >>"$LOGFILE"
  spawn "$LOGFILE" "$PIDFILE" "$java" "${jvm[@]}" "${props[@]}" -jar "$jar"

  local timeout="${REGISTRY_START_TIMEOUT:-120}" i
  for ((i = 0; i < timeout * 5; i++)); do
    if ccompat_ok "$port"; then
      if ! set_compatibility "$port"; then
        show_log_tail "$LOGFILE"
        stop_pid "$PIDFILE" registry 10
        die "could not set the global compatibility level (log: $LOGFILE)"
      fi
      log "ready: SCHEMA_REGISTRY_URL=http://127.0.0.1:$port$CCOMPAT_PATH"
      return 0
    fi
    if ! pid_alive "$PIDFILE"; then
      show_log_tail "$LOGFILE"
      die "the registry exited during start-up (log: $LOGFILE)"
    fi
    sleep 0.2
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
