#!/usr/bin/env bash
# Apache Kafka, a single-node KRaft broker (broker and controller in one process), from the Maven
# Central jars of org.apache.kafka:kafka_2.13 (scripts/services/kafka/pom.xml), run with the
# installed JDK (17 or newer).
#
#   scripts/services/kafka.sh install          copy the jars into the cache (once; no network after)
#   scripts/services/kafka.sh start            install if needed, format storage once, start, wait ready
#   scripts/services/kafka.sh stop|restart|status
#   scripts/services/kafka.sh env              print KAFKA_BROKERS=127.0.0.1:PORT
#
# Environment:
#   KAFKA_DIR            data folder (default $SERVICES_RUN_DIR/kafka): storage, server.properties,
#                        kafka.log, kafka.pid, ports.env
#   KAFKA_PORT           broker port for the first start (default: a free port; kept across restarts)
#   KAFKA_VERSION        org.apache.kafka:kafka_2.13 version (default: the one in kafka/pom.xml)
#   KAFKA_HEAP_OPTS      JVM heap options (default -Xms256m -Xmx1g)
#   KAFKA_AUTO_CREATE_TOPICS  true|false (default false: the product creates its topics)
#   KAFKA_START_TIMEOUT  seconds to wait for readiness (default 120)
set -euo pipefail
SERVICE_NAME=kafka
# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

POM="$SERVICES_LIB_DIR/kafka/pom.xml"
PROBE_SRC="$SERVICES_LIB_DIR/kafka/KafkaReady.java"
KAFKA_VERSION="${KAFKA_VERSION:-$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$POM")}"
INSTALL_DIR="$SERVICES_CACHE_DIR/kafka/$KAFKA_VERSION"
LIBS="$INSTALL_DIR/libs"
PROBE_DIR="$INSTALL_DIR/probe"
KAFKA_DIR="${KAFKA_DIR:-$SERVICES_RUN_DIR/kafka}"
PIDFILE="$KAFKA_DIR/kafka.pid"
LOGFILE="$KAFKA_DIR/kafka.log"
PORTS="$KAFKA_DIR/ports.env"

java_bin() {
  find_java 17 "${KAFKA_JAVA_HOME:-}" || die "Kafka $KAFKA_VERSION needs Java 17 or newer; none found (set KAFKA_JAVA_HOME)"
}

install() {
  local stamp want
  want="$(hash_of "$POM" "$PROBE_SRC")"
  stamp="$INSTALL_DIR/.installed"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    return 0
  fi
  command -v mvn >/dev/null || die "mvn is needed once to fetch the Kafka jars from Maven Central"
  log "installing Kafka $KAFKA_VERSION jars into $LIBS"
  rm -rf "$INSTALL_DIR"
  mkdir -p "$LIBS" "$PROBE_DIR"
  if ! mvn_cmd -f "$POM" dependency:copy-dependencies \
      -Dkafka.version="$KAFKA_VERSION" \
      -Dkafka.build.dir="$INSTALL_DIR/build" \
      -DincludeScope=runtime -DoutputDirectory="$LIBS" >"$INSTALL_DIR/install.log" 2>&1; then
    show_log_tail "$INSTALL_DIR/install.log"
    die "could not fetch the Kafka $KAFKA_VERSION jars (see $INSTALL_DIR/install.log)"
  fi
  rm -rf "$INSTALL_DIR/build"
  local javac
  javac="$(dirname "$(java_bin)")/javac"
  [ -x "$javac" ] || die "javac is needed once to compile the readiness probe ($javac missing)"
  "$javac" -nowarn -d "$PROBE_DIR" -cp "$LIBS/*" "$PROBE_SRC" || die "could not compile $PROBE_SRC"
  echo "$want" >"$stamp"
  log "installed $(find "$LIBS" -name '*.jar' | wc -l) jars ($(du -sh "$INSTALL_DIR" | cut -f1))"
}

broker_port() { file_var "$PORTS" KAFKA_PORT; }

write_config() {
  local port="$1" cport="$2"
  cat >"$KAFKA_DIR/server.properties" <<EOF
# Written by scripts/services/kafka.sh: single-node KRaft broker + controller on loopback.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$cport
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$cport
advertised.listeners=PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$KAFKA_DIR/data
num.partitions=1
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=10
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=${KAFKA_AUTO_CREATE_TOPICS:-false}
delete.topic.enable=true
message.max.bytes=10485760
replica.fetch.max.bytes=10485760
num.network.threads=3
num.io.threads=4
log.retention.hours=-1
log.segment.bytes=268435456
log.cleaner.enable=true
EOF
  cat >"$KAFKA_DIR/log4j2.properties" <<'EOF'
status = warn
appender.out.type = Console
appender.out.name = OUT
appender.out.layout.type = PatternLayout
appender.out.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = INFO
rootLogger.appenderRef.out.ref = OUT
logger.request.name = kafka.request.logger
logger.request.level = WARN
logger.state.name = state.change.logger
logger.state.level = WARN
logger.clients.name = org.apache.kafka.clients
logger.clients.level = WARN
EOF
  # the command-line tools (storage format, readiness probe) only report problems
  sed 's/^rootLogger.level = INFO/rootLogger.level = WARN/' "$KAFKA_DIR/log4j2.properties" >"$KAFKA_DIR/log4j2-tools.properties"
}

start() {
  if pid_alive "$PIDFILE"; then
    log "already running (pid $(cat "$PIDFILE"), KAFKA_BROKERS=127.0.0.1:$(broker_port))"
    return 0
  fi
  install
  mkdir -p "$KAFKA_DIR"
  local java port cport old_port="" old_cport=""
  java="$(java_bin)"
  old_port="$(file_var "$PORTS" KAFKA_PORT)"
  old_cport="$(file_var "$PORTS" KAFKA_CONTROLLER_PORT)"
  port="$(pick_port "${old_port:-${KAFKA_PORT:-}}")"
  cport="$(pick_port "$old_cport")"
  while [ "$cport" = "$port" ]; do cport="$(free_port)"; done
  if [ -n "$old_port" ] && [ "$port" != "$old_port" ]; then
    log "port $old_port is taken by another process; the broker moves to $port"
  fi
  printf 'KAFKA_PORT=%s\nKAFKA_CONTROLLER_PORT=%s\n' "$port" "$cport" >"$PORTS"
  write_config "$port" "$cport"

  local cp="$LIBS/*"
  local jvm=()
  read -r -a jvm <<<"${KAFKA_HEAP_OPTS:--Xms256m -Xmx1g}"
  jvm+=(-XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true -Dlog4j2.configurationFile="$KAFKA_DIR/log4j2.properties"
    -Dkafka.logs.dir="$KAFKA_DIR")
  if [ ! -f "$KAFKA_DIR/data/meta.properties" ]; then
    local cluster_id
    cluster_id="$("$java" -cp "$cp" -Dlog4j2.configurationFile="$KAFKA_DIR/log4j2-tools.properties" \
      kafka.tools.StorageTool random-uuid 2>>"$LOGFILE" | tail -n1)"
    [ -n "$cluster_id" ] || { show_log_tail "$LOGFILE"; die "could not generate a cluster id"; }
    log "formatting storage in $KAFKA_DIR/data (cluster $cluster_id)"
    if ! "$java" -cp "$cp" -Dlog4j2.configurationFile="$KAFKA_DIR/log4j2-tools.properties" \
        kafka.tools.StorageTool format --config "$KAFKA_DIR/server.properties" \
        --cluster-id "$cluster_id" --ignore-formatted >>"$LOGFILE" 2>&1; then
      show_log_tail "$LOGFILE"
      die "formatting the KRaft storage failed"
    fi
  fi

  log "starting Kafka $KAFKA_VERSION on 127.0.0.1:$port (controller $cport), data in $KAFKA_DIR"
  echo "=== $(date -Is) start ===" >>"$LOGFILE"
  spawn "$LOGFILE" "$PIDFILE" "$java" "${jvm[@]}" -cp "$cp" kafka.Kafka "$KAFKA_DIR/server.properties"

  local timeout="${KAFKA_START_TIMEOUT:-120}" rc=0
  wait_port "$port" "$timeout" "$PIDFILE" || rc=$?
  if [ "$rc" -ne 0 ]; then
    show_log_tail "$LOGFILE"
    [ "$rc" -eq 2 ] && die "the broker exited during start-up (log: $LOGFILE)"
    stop_pid "$PIDFILE" kafka 10
    die "the broker did not open 127.0.0.1:$port within ${timeout}s (log: $LOGFILE)"
  fi
  if ! "$java" -Xmx128m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$PROBE_DIR:$cp" -Dlog4j2.configurationFile="$KAFKA_DIR/log4j2-tools.properties" \
      KafkaReady "127.0.0.1:$port" "$timeout" >>"$LOGFILE" 2>&1; then
    show_log_tail "$LOGFILE"
    stop_pid "$PIDFILE" kafka 10
    die "the broker's group coordinator did not become ready within ${timeout}s (log: $LOGFILE)"
  fi
  log "ready: KAFKA_BROKERS=127.0.0.1:$port"
}

stop() { stop_pid "$PIDFILE" kafka "${KAFKA_STOP_TIMEOUT:-30}"; }

status() {
  if pid_alive "$PIDFILE" && port_open "$(broker_port)"; then
    echo "kafka: running (pid $(cat "$PIDFILE")), KAFKA_BROKERS=127.0.0.1:$(broker_port)"
  elif pid_alive "$PIDFILE"; then
    echo "kafka: process $(cat "$PIDFILE") alive but port not open"
    return 1
  else
    echo "kafka: stopped"
    return 3
  fi
}

env_lines() {
  pid_alive "$PIDFILE" || die "not running"
  echo "KAFKA_BROKERS=127.0.0.1:$(broker_port)"
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
