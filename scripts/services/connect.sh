#!/usr/bin/env bash
# Kafka Connect, a standalone worker, with Debezium's JDBC sink connector and Apicurio's Avro converter, from the
# Maven Central jars of scripts/services/connect/pom.xml (Kafka Connect at the broker's version), run with the
# installed JDK (17 or newer). It is not part of the stack: `bench:pipeline` runs it, as a peer of the projector,
# with a worker and a connector configuration that it writes for each run.
#
#   scripts/services/connect.sh install                          copy the jars into the cache (once; no network after)
#   scripts/services/connect.sh run WORKER.properties CONNECTOR.properties...
#                                                                install if needed, then run the worker in the
#                                                                foreground (the java process replaces the script:
#                                                                SIGTERM stops it cleanly)
#   scripts/services/connect.sh classpath                        print the classpath
#
# Environment:
#   CONNECT_HEAP_OPTS      JVM heap options (default -Xms256m -Xmx1g)
#   CONNECT_LOG_LEVEL      root log level of the worker (default WARN; the connector's start and errors are logged)
set -euo pipefail
SERVICE_NAME=connect
# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

POM="$SERVICES_LIB_DIR/connect/pom.xml"
MVN_SETTINGS="$SERVICES_LIB_DIR/registry/settings.xml"
KAFKA_VERSION="$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$SERVICES_LIB_DIR/kafka/pom.xml")"
DEBEZIUM_VERSION="$(sed -n 's:.*<debezium.version>\(.*\)</debezium.version>.*:\1:p' "$POM")"
INSTALL_DIR="$SERVICES_CACHE_DIR/connect/$KAFKA_VERSION-$DEBEZIUM_VERSION"
LIBS="$INSTALL_DIR/libs"

java_bin() {
  find_java 17 "${CONNECT_JAVA_HOME:-}" || die "Kafka Connect $KAFKA_VERSION needs Java 17 or newer; none found (set CONNECT_JAVA_HOME)"
}

install() {
  local stamp want
  want="$(hash_of "$POM" "$MVN_SETTINGS" "$SERVICES_LIB_DIR/kafka/pom.xml")"
  stamp="$INSTALL_DIR/.installed"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    return 0
  fi
  command -v mvn >/dev/null || die "mvn is needed once to fetch the Kafka Connect and Debezium jars from Maven Central"
  log "installing Kafka Connect $KAFKA_VERSION and Debezium's JDBC sink $DEBEZIUM_VERSION into $LIBS"
  rm -rf "$INSTALL_DIR"
  mkdir -p "$LIBS"
  # the broker's version, so that Connect and the broker are always the same release
  if ! mvn_cmd -s "$MVN_SETTINGS" -f "$POM" dependency:copy-dependencies \
      -Dkafka.version="$KAFKA_VERSION" \
      -Dconnect.build.dir="$INSTALL_DIR/build" \
      -DincludeScope=runtime -DoutputDirectory="$LIBS" >"$INSTALL_DIR/install.log" 2>&1; then
    show_log_tail "$INSTALL_DIR/install.log"
    die "could not fetch the Kafka Connect jars (see $INSTALL_DIR/install.log)"
  fi
  rm -rf "$INSTALL_DIR/build"
  echo "$want" >"$stamp"
  log "installed $(find "$LIBS" -name '*.jar' | wc -l) jars ($(du -sh "$INSTALL_DIR" | cut -f1))"
}

write_log_config() {
  cat >"$INSTALL_DIR/log4j2.properties" <<EOF2
status = warn
appender.out.type = Console
appender.out.name = OUT
appender.out.layout.type = PatternLayout
appender.out.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = ${CONNECT_LOG_LEVEL:-WARN}
rootLogger.appenderRef.out.ref = OUT
EOF2
}

run() {
  [ "$#" -ge 2 ] || die "usage: $0 run WORKER.properties CONNECTOR.properties..."
  local f
  for f in "$@"; do [ -f "$f" ] || die "no such file: $f"; done
  install
  write_log_config
  local java jvm=()
  java="$(java_bin)"
  read -r -a jvm <<<"${CONNECT_HEAP_OPTS:--Xms256m -Xmx1g}"
  exec "$java" "${jvm[@]}" -XX:+UseG1GC -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$INSTALL_DIR/log4j2.properties" \
    -cp "$LIBS/*" org.apache.kafka.connect.cli.ConnectStandalone "$@"
}

case "${1:-}" in
  install) install ;;
  run) shift; run "$@" ;;
  classpath) install; echo "$LIBS/*" ;;
  *) echo "usage: $0 install|run WORKER.properties CONNECTOR.properties...|classpath" >&2; exit 2 ;;
esac
