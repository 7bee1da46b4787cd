# Shared helpers for the local service scripts (sourced, not run).
#
# Layout (all under the git-ignored cache folder, overridable by environment variables):
#   SERVICES_CACHE_DIR  default <repo>/.cache/services   installed runtimes (jars, built apps)
#   SERVICES_RUN_DIR    default $SERVICES_CACHE_DIR/run   one data folder per service, with logs,
#                                                          pid file and the ports chosen at first start
# shellcheck shell=bash

SERVICES_LIB_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SERVICES_LIB_DIR/../.." && pwd)"
SERVICES_CACHE_DIR="${SERVICES_CACHE_DIR:-$REPO_ROOT/.cache/services}"
SERVICES_RUN_DIR="${SERVICES_RUN_DIR:-$SERVICES_CACHE_DIR/run}"

log() { printf '[%s] %s\n' "${SERVICE_NAME:-services}" "$*" >&2; }
die() { printf '[%s] ERROR: %s\n' "${SERVICE_NAME:-services}" "$*" >&2; exit 1; }

# free_port: prints a TCP port on 127.0.0.1 that nothing listens on right now.
free_port() {
  python3 - <<'EOF'
import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()
EOF
}

# port_open PORT: true when something accepts TCP connections on 127.0.0.1:PORT.
port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# pick_port WANTED: WANTED when it is set and free, else a free port.
pick_port() {
  local wanted="${1:-}"
  if [ -n "$wanted" ] && ! port_open "$wanted"; then
    echo "$wanted"
  else
    free_port
  fi
}

# file_var FILE NAME: the value of NAME in a KEY=VALUE file, empty when the file or the key is absent.
file_var() {
  [ -f "$1" ] && sed -n "s/^$2=//p" "$1" | tail -n1
  return 0
}

# pid_alive PIDFILE: true when the pid file names a running process.
pid_alive() {
  local pid
  [ -f "$1" ] || return 1
  pid="$(cat "$1" 2>/dev/null)"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null
}

# stop_pid PIDFILE NAME TIMEOUT_S: SIGTERM, wait, then SIGKILL; removes the pid file.
stop_pid() {
  local pidfile="$1" name="$2" timeout="${3:-30}" pid i
  if ! pid_alive "$pidfile"; then
    rm -f "$pidfile"
    log "$name is not running"
    return 0
  fi
  pid="$(cat "$pidfile")"
  log "stopping $name (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < timeout * 5; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "$name did not stop within ${timeout}s, killing it"
    kill -KILL "$pid" 2>/dev/null || true
    sleep 0.5
  fi
  rm -f "$pidfile"
}

# wait_port PORT TIMEOUT_S PIDFILE: waits until the port accepts connections while the process lives.
wait_port() {
  local port="$1" timeout="$2" pidfile="$3" i
  for ((i = 0; i < timeout * 5; i++)); do
    port_open "$port" && return 0
    pid_alive "$pidfile" || return 2
    sleep 0.2
  done
  return 1
}

# show_log_tail FILE: the last lines of a log, for error messages.
show_log_tail() {
  if [ -f "$1" ]; then
    echo "----- last lines of $1 -----" >&2
    tail -n "${2:-40}" "$1" >&2
    echo "-----" >&2
  fi
}

# java_major JAVA_BIN: prints the feature version (17, 21, 25...) of a java binary.
java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}'
}

# find_java MIN_MAJOR [preferred JAVA_HOME...]: prints the path of a java binary of at least MIN_MAJOR,
# trying the given homes, JAVA_HOME, the java on PATH, then /usr/lib/jvm/*.
find_java() {
  local min="$1"
  shift
  find_java_range "$min" 9999 "$@"
}

# find_java_range MIN_MAJOR MAX_MAJOR [preferred JAVA_HOME...]: the same, for a version between the two.
find_java_range() {
  local min="$1" max="$2" cand major
  shift 2
  for cand in "$@" "${JAVA_HOME:-}" "" /usr/lib/jvm/*; do
    if [ -z "$cand" ]; then
      cand="$(command -v java || true)"
    else
      cand="$cand/bin/java"
    fi
    if [ -z "$cand" ] || [ ! -x "$cand" ]; then continue; fi
    major="$(java_major "$cand")"
    [ -n "$major" ] && [ "$major" -ge "$min" ] 2>/dev/null && [ "$major" -le "$max" ] \
      && { echo "$cand"; return 0; }
  done
  return 1
}

# hash_of FILE...: a short content hash, used to key cached installs to the files that describe them.
hash_of() {
  cat "$@" | sha256sum | cut -c1-16
}

# mvn_cmd: maven in batch mode, quiet, with an optional private local repository.
mvn_cmd() {
  local args=(-B -q)
  [ -n "${SERVICES_M2_REPO:-}" ] && args+=("-Dmaven.repo.local=$SERVICES_M2_REPO")
  mvn "${args[@]}" "$@"
}

# random_secret: 24 random alphanumeric characters.
random_secret() {
  local s=""
  while [ "${#s}" -lt 24 ]; do
    s="$s$(head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
  done
  echo "${s:0:24}"
}

# spawn LOGFILE PIDFILE CMD...: runs CMD detached from this shell (own session, no stdin), output
# appended to LOGFILE, pid written to PIDFILE.
spawn() {
  local logfile="$1" pidfile="$2"
  rm -f "$pidfile"
  shift 2
  # shellcheck disable=SC2016 # expanded by the inner shell
  setsid bash -c 'echo $$ >"$0"; exec "$@"' "$pidfile" "$@" </dev/null >>"$logfile" 2>&1 &
  local i
  for ((i = 0; i < 50; i++)); do
    [ -s "$pidfile" ] && return 0
    sleep 0.1
  done
}
