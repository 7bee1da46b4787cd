#!/usr/bin/env bash
# MariaDB from Debian's packages, run as a private server (not the system service): its own data
# directory, socket and port on 127.0.0.1. At the first start it creates database `railsewa` and user
# `railsewa` with a random password, kept with the root password in credentials.env (mode 600) inside
# the data folder. There are no default passwords.
#
#   scripts/services/mariadb.sh install        apt-get install mariadb-server if mariadbd is missing
#   scripts/services/mariadb.sh start          install if needed, initialise once, start, wait ready
#   scripts/services/mariadb.sh stop|restart|status
#   scripts/services/mariadb.sh env            print DB_HOST, DB_PORT, DB_USER, DB_PASSWORD, DB_NAME
#   scripts/services/mariadb.sh client [args]  the mariadb client, logged in as root over the socket
#
# Environment:
#   MARIADB_DIR           data folder (default $SERVICES_RUN_DIR/mariadb): datadir/, mariadb.log,
#                         mariadb.pid, credentials.env, ports.env
#   MARIADB_PORT          port for the first start (default: a free port; kept across restarts)
#   MARIADB_BUFFER_POOL   innodb_buffer_pool_size (default 512M)
#   MARIADB_LOG_FILE_SIZE innodb_log_file_size (default 256M)
#   MARIADB_EXTRA_ARGS    more mariadbd options
#   MARIADB_START_TIMEOUT seconds to wait for readiness (default 60)
set -euo pipefail
SERVICE_NAME=mariadb
# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

MARIADB_DIR="${MARIADB_DIR:-$SERVICES_RUN_DIR/mariadb}"
DATADIR="$MARIADB_DIR/datadir"
PIDFILE="$MARIADB_DIR/mariadb.pid"
LOGFILE="$MARIADB_DIR/mariadb.log"
PORTS="$MARIADB_DIR/ports.env"
CREDS="$MARIADB_DIR/credentials.env"
DB_NAME=railsewa
DB_USER=railsewa

# unix socket paths are limited to 107 bytes: fall back to a short path for deep checkouts
SOCKET="$MARIADB_DIR/mariadb.sock"
if [ "${#SOCKET}" -gt 100 ]; then
  SOCKET="/tmp/railsewa-mariadb-$(echo "$MARIADB_DIR" | sha256sum | cut -c1-12).sock"
fi

server_bin() {
  local b
  for b in "$(command -v mariadbd)" "$(command -v mysqld)" /usr/sbin/mariadbd /usr/sbin/mysqld; do
    if [ -n "$b" ] && [ -x "$b" ]; then echo "$b"; return 0; fi
  done
}

install() {
  if [ -n "$(server_bin)" ] && command -v mariadb-install-db >/dev/null && command -v mariadb >/dev/null; then
    return 0
  fi
  command -v apt-get >/dev/null || die "mariadbd is missing and there is no apt-get to install mariadb-server"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  log "installing mariadb-server from Debian's packages"
  mkdir -p "$SERVICES_CACHE_DIR"
  # the package's own service must not start: this script runs a private server
  if ! DEBIAN_FRONTEND=noninteractive RUNLEVEL=1 $sudo apt-get install -y -q --no-install-recommends \
      mariadb-server mariadb-client >"$SERVICES_CACHE_DIR/mariadb-apt.log" 2>&1; then
    log "install failed, refreshing the package lists once"
    $sudo apt-get update -q >>"$SERVICES_CACHE_DIR/mariadb-apt.log" 2>&1 || true
    DEBIAN_FRONTEND=noninteractive RUNLEVEL=1 $sudo apt-get install -y -q --no-install-recommends \
      mariadb-server mariadb-client >>"$SERVICES_CACHE_DIR/mariadb-apt.log" 2>&1 \
      || { show_log_tail "$SERVICES_CACHE_DIR/mariadb-apt.log"; die "apt-get install mariadb-server failed"; }
  fi
  [ -n "$(server_bin)" ] || die "mariadb-server installed but no mariadbd found"
}

db_port() { file_var "$PORTS" MARIADB_PORT; }

root_client() {
  MYSQL_PWD="$(file_var "$CREDS" MARIADB_ROOT_PASSWORD)" mariadb --no-defaults --protocol=socket --socket="$SOCKET" -uroot "$@"
}

start() {
  if pid_alive "$PIDFILE"; then
    log "already running (pid $(cat "$PIDFILE"), 127.0.0.1:$(db_port))"
    return 0
  fi
  install
  mkdir -p "$MARIADB_DIR"
  local server first=""
  server="$(server_bin)"
  if [ ! -d "$DATADIR/mysql" ]; then
    log "initialising a private data directory in $DATADIR"
    rm -rf "$DATADIR"
    mkdir -p "$DATADIR"
    if ! mariadb-install-db --no-defaults --datadir="$DATADIR" --user=root \
        --auth-root-authentication-method=normal --skip-test-db >>"$LOGFILE" 2>&1; then
      show_log_tail "$LOGFILE"
      die "mariadb-install-db failed"
    fi
    first=1
  fi

  local old_port="" port
  [ -f "$PORTS" ] && old_port="$(db_port)"
  port="$(pick_port "${old_port:-${MARIADB_PORT:-}}")"
  if [ -n "$old_port" ] && [ "$port" != "$old_port" ]; then
    log "port $old_port is taken by another process; the server moves to $port"
  fi
  printf 'MARIADB_PORT=%s\n' "$port" >"$PORTS"

  log "starting $("$server" --version | sed -E 's/^.*Ver ([^ ]+).*/MariaDB \1/') on 127.0.0.1:$port, data in $DATADIR"
  # shellcheck disable=SC2086
  spawn "$LOGFILE" "$PIDFILE" "$server" --no-defaults \
    --datadir="$DATADIR" --socket="$SOCKET" --pid-file="$MARIADB_DIR/mariadbd.pid" \
    --port="$port" --bind-address=127.0.0.1 --user=root \
    --log-error="$LOGFILE" --skip-name-resolve \
    --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
    --innodb-buffer-pool-size="${MARIADB_BUFFER_POOL:-512M}" --innodb-log-file-size="${MARIADB_LOG_FILE_SIZE:-256M}" \
    --max-connections=500 --max-allowed-packet=64M \
    ${MARIADB_EXTRA_ARGS:-}

  local timeout="${MARIADB_START_TIMEOUT:-60}" i ready=""
  for ((i = 0; i < timeout * 5; i++)); do
    if port_open "$port" && root_client -e 'SELECT 1' >/dev/null 2>&1; then ready=1; break; fi
    if ! pid_alive "$PIDFILE"; then
      show_log_tail "$LOGFILE"
      die "mariadbd exited during start-up (log: $LOGFILE)"
    fi
    sleep 0.2
  done
  if [ -z "$ready" ]; then
    show_log_tail "$LOGFILE"
    stop_pid "$PIDFILE" mariadb 10
    die "mariadbd did not accept connections on 127.0.0.1:$port within ${timeout}s (log: $LOGFILE)"
  fi

  if [ -n "$first" ] || [ ! -f "$CREDS" ]; then
    provision
  fi
  log "ready: DB_HOST=127.0.0.1 DB_PORT=$port DB_USER=$DB_USER DB_NAME=$DB_NAME"
}

# provision: first start only; random passwords, the railsewa database and user; no anonymous users and
# root only as root@localhost (mariadb-install-db also creates password-less root@127.0.0.1, ::1, hostname).
provision() {
  local root_pw app_pw
  root_pw="$(random_secret)"
  app_pw="$(random_secret)"
  log "creating database $DB_NAME and user $DB_USER (passwords in $CREDS)"
  root_client <<SQL || die "provisioning the database failed"
DELETE FROM mysql.global_priv WHERE User = '' OR (User = 'root' AND Host <> 'localhost');
FLUSH PRIVILEGES;
CREATE DATABASE IF NOT EXISTS \`$DB_NAME\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE OR REPLACE USER '$DB_USER'@'%' IDENTIFIED BY '$app_pw';
GRANT ALL PRIVILEGES ON \`$DB_NAME\`.* TO '$DB_USER'@'%';
GRANT ALL PRIVILEGES ON \`${DB_NAME}\\_%\`.* TO '$DB_USER'@'%';
FLUSH PRIVILEGES;
SQL
  (umask 077 && printf 'DB_USER=%s\nDB_PASSWORD=%s\nDB_NAME=%s\nMARIADB_ROOT_PASSWORD=%s\n' \
    "$DB_USER" "$app_pw" "$DB_NAME" "$root_pw" >"$CREDS.new")
  # the root password is set last, once it is safely on disk
  root_client -e "ALTER USER 'root'@'localhost' IDENTIFIED BY '$root_pw'; FLUSH PRIVILEGES;" \
    || die "setting the root password failed"
  mv "$CREDS.new" "$CREDS"
}

stop() { stop_pid "$PIDFILE" mariadb "${MARIADB_STOP_TIMEOUT:-60}"; }

status() {
  if pid_alive "$PIDFILE" && port_open "$(db_port)"; then
    echo "mariadb: running (pid $(cat "$PIDFILE")), 127.0.0.1:$(db_port)"
  elif pid_alive "$PIDFILE"; then
    echo "mariadb: process $(cat "$PIDFILE") alive but port not open"
    return 1
  else
    echo "mariadb: stopped"
    return 3
  fi
}

env_lines() {
  pid_alive "$PIDFILE" || die "not running"
  [ -f "$CREDS" ] || die "no credentials in $CREDS"
  printf 'DB_HOST=127.0.0.1\nDB_PORT=%s\nDB_USER=%s\nDB_PASSWORD=%s\nDB_NAME=%s\n' \
    "$(db_port)" "$(file_var "$CREDS" DB_USER)" "$(file_var "$CREDS" DB_PASSWORD)" "$(file_var "$CREDS" DB_NAME)"
}

case "${1:-}" in
  install) install ;;
  start) start ;;
  stop) stop ;;
  restart) stop; start ;;
  status) status ;;
  env) env_lines ;;
  client) shift; root_client "$@" ;;
  *) echo "usage: $0 install|start|stop|restart|status|env|client [args]" >&2; exit 2 ;;
esac
