# Apache Kafka 4.x, KRaft mode, one node that is both broker and controller.
# Jars come from Maven Central (org.apache.kafka:kafka_2.13 and its runtime dependencies).
# Sourced by services.sh after common.sh.

KAFKA_VERSION=4.4.0
KAFKA_HOST=127.0.0.1
KAFKA_PORT=9092
KAFKA_CONTROLLER_PORT=9093
KAFKA_HOME="$SERVICES_CACHE/kafka"
KAFKA_LIBS="$KAFKA_HOME/$KAFKA_VERSION/libs"
KAFKA_DATA="$KAFKA_HOME/data"
KAFKA_MARKER=kafka.Kafka

kafka_java() {
  local java="${JAVA_HOME:+$JAVA_HOME/bin/}java" major
  command -v "$java" >/dev/null || die "kafka needs Java 17 or newer; no java found (set JAVA_HOME)"
  major=$("$java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1)
  [ "${major:-0}" -ge 17 ] || die "kafka needs Java 17 or newer; $java is version ${major:-unknown}"
  printf '%s' "$java"
}

kafka_write_pom() {
  cat >"$KAFKA_HOME/$KAFKA_VERSION/pom.xml" <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>wireup.local</groupId>
  <artifactId>kafka-runtime</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka_2.13</artifactId><version>$KAFKA_VERSION</version></dependency>
    <!-- Kafka logs through SLF4J 1.7; this binds it to the log4j2 that kafka_2.13 brings. -->
    <dependency><groupId>org.apache.logging.log4j</groupId><artifactId>log4j-slf4j-impl</artifactId><version>2.25.5</version></dependency>
  </dependencies>
</project>
EOF
}

kafka_install() {
  [ -f "$KAFKA_LIBS/.complete" ] && return 0
  command -v mvn >/dev/null || die "kafka needs Maven (mvn) to fetch its jars from Maven Central"
  mkdir -p "$KAFKA_HOME/$KAFKA_VERSION"
  kafka_write_pom
  rm -rf "$KAFKA_LIBS"
  run_install kafka mvn -B -q -f "$KAFKA_HOME/$KAFKA_VERSION/pom.xml" dependency:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$KAFKA_LIBS"
  touch "$KAFKA_LIBS/.complete"
}

kafka_write_config() {
  cat >"$KAFKA_HOME/server.properties" <<EOF
# Written by tools/services/lib/kafka.sh on every start; edit that file instead.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$KAFKA_HOST:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://$KAFKA_HOST:$KAFKA_PORT,CONTROLLER://$KAFKA_HOST:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://$KAFKA_HOST:$KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$KAFKA_DATA
num.partitions=1
auto.create.topics.enable=true
offsets.topic.replication.factor=1
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
min.insync.replicas=1
group.initial.rebalance.delay.ms=0
EOF
  cat >"$KAFKA_HOME/log4j2.properties" <<'EOF'
# Written by tools/services/lib/kafka.sh. Warnings and errors, plus the start/stop lines.
appender.out.type = Console
appender.out.name = OUT
appender.out.layout.type = PatternLayout
appender.out.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = WARN
rootLogger.appenderRef.out.ref = OUT
logger.server.name = kafka.server.KafkaRaftServer
logger.server.level = INFO
logger.broker.name = kafka.server.BrokerServer
logger.broker.level = INFO
EOF
}

kafka_format() {
  [ -f "$KAFKA_DATA/meta.properties" ] && return 0
  local java=$1 cluster_id
  cluster_id=$("$java" -cp "$KAFKA_LIBS/*" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -1) || true
  [ -n "$cluster_id" ] || die "kafka: could not make a cluster id (java -cp $(rel "$KAFKA_LIBS")/* kafka.tools.StorageTool random-uuid)"
  mkdir -p "$SERVICES_LOGS"
  "$java" -Dlog4j2.configurationFile="$KAFKA_HOME/log4j2.properties" -cp "$KAFKA_LIBS/*" \
    kafka.tools.StorageTool format -t "$cluster_id" -c "$KAFKA_HOME/server.properties" --ignore-formatted \
    >"$SERVICES_LOGS/kafka-format.log" 2>&1 \
    || die "kafka: formatting the storage failed; see $(rel "$SERVICES_LOGS/kafka-format.log")"
}

kafka_ping() { kafka_answers "$KAFKA_HOST" "$KAFKA_PORT"; }

# Starts the broker unless ours already runs or something answers on the port. Sets
# started_pid to the pid to wait on (empty when there is nothing to wait for).
kafka_start() {
  local java
  started_pid=
  if started_pid=$(live_pid kafka "$KAFKA_MARKER"); then return 0; fi
  started_pid=
  if kafka_ping; then
    say "kafka: something already answers on $KAFKA_HOST:$KAFKA_PORT (not started by services.sh); using it"
    return 0
  fi
  java=$(kafka_java) || exit 1
  mkdir -p "$KAFKA_DATA"
  kafka_write_config
  kafka_format "$java"
  start_detached kafka "$java" -Xms256m -Xmx512m -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$KAFKA_HOME/log4j2.properties" \
    -cp "$KAFKA_LIBS/*" "$KAFKA_MARKER" "$KAFKA_HOME/server.properties"
  started_pid=$(cat "$(pid_file_of kafka)")
}

kafka_address() { printf '%s:%s' "$KAFKA_HOST" "$KAFKA_PORT"; }

# KAFKA_BROKERS (host:port,...) answers when any broker in it answers.
kafka_external_ping() {
  local broker host port brokers
  IFS=',' read -ra brokers <<<"$KAFKA_BROKERS"
  for broker in "${brokers[@]}"; do
    broker=${broker#*://}
    host=${broker%:*}; port=${broker##*:}
    [ "$host" = "$broker" ] && port=9092
    kafka_answers "$host" "$port" && return 0
  done
  return 1
}
