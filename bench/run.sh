#!/usr/bin/env bash
# Side-by-side benchmark: Tributary standalone against Apache Kafka 4.3.1 (KRaft, single node) on this machine.
#
#   bench/run.sh                  # default: 3 rounds, 500 000 records of 1 KiB per test (~26 min on 2 cores)
#   bench/run.sh --quick          # 1 round, 100 000 records, shorter latency test (~4 min)
#   bench/run.sh --profile        # no comparison: profile Tributary's produce and fetch paths (~2 min)
#   bench/run.sh --client-cost    # no comparison: CPU per MB of broker and client, Kafka vs Pulsar client (~3 min)
#   bench/run.sh --window         # produce on 1 partition by requests in flight, both brokers and clients (~7 min)
#
# What it does (details and results: docs/benchmarks.md):
#   * fetches Apache Kafka 4.3.1 (broker + tools) and pulsar-client-original 4.2.4 from Maven Central with
#     `mvn dependency:copy-dependencies` and builds two small programs (bench/kafka-tools, bench/pulsar-producer)
#     into bench/target; builds the Tributary distribution first if it is missing;
#   * runs rounds of sessions, one broker at a time, each on fresh data: Apache Kafka (default flush policy:
#     no fsync per write), Tributary (bookie journal fsync on, the default) and Tributary --no-journal-sync;
#     the order is reversed every other round (K T N, N T K, ...);
#   * in each session: warm-up, then Kafka's ProducerPerformance (1 KiB records, acks=all, batch.size=131072,
#     linger.ms=10) on a 1- and an 8-partition topic; on Tributary also the Pulsar-client producer
#     (bench/pulsar-producer) on the same partition counts, and on 1 partition once more with its pending messages
#     limited to the Kafka producer's window (5 batches); an assign()-based consumer (bench/kafka-tools) reading
#     each topic from the start; Kafka's ConsumerPerformance (consumer group) on Kafka and on Tributary; a
#     fixed-rate ProducerPerformance latency test (p50/p99/p99.9);
#   * prints every run, the medians and the Tributary/Kafka ratios; writes results.tsv and summary.md under
#     bench/target/results/<timestamp>/.
#
# Options:
#   --quick                 1 round, 100000 records, 50000 latency records at the latency rate
#   --rounds N | --pairs N  rounds (default 3)
#   --records N             records per produce/consume test (default 500000)
#   --warmup-records N      records per warm-up run (default 2000000): before measuring, every session runs the
#                           produce and consume tests once on warm-up topics
#   --jit-passes N          after that, at most N passes (default 5; 0: none) of Kafka-client produce on 1 partition
#                           (half the warm-up records) and both warm-up reads, until the broker's JIT compiler took
#                           under 5 % of the broker's CPU time in a pass (HotSpot's compile time counters, read with jcmd)
#   --latency-rate N        records/s of the fixed-rate latency test (default 10000, about 10 MB/s)
#   --latency-seconds N     length of the latency test (default 20)
#   --no-nosync             skip the Tributary --no-journal-sync sessions
#   --no-pulsar             skip the Pulsar-client producer
#   --no-latency            skip the fixed-rate latency test
#   --tributary-home DIR    Tributary distribution (default: $TRIBUTARY_HOME or distribution/target/tributary)
#   --out DIR               results directory (default bench/target/results/<timestamp>)
#   --offline               run Maven offline (-o)
#   --summarize DIR         only print (and rewrite) DIR/summary.md from DIR/results.tsv of an earlier run
#   --profile               profile instead of comparing (async-profiler 4.6 from Maven Central, loaded with
#                           jcmd JVMTI.agent_load); --profile-event E picks the event (default cpu; itimer if
#                           perf events are not available); --records sets the profiled run's size
#   --client-cost           instead of comparing: on one Tributary broker (journal fsync on), alternate Kafka-client
#                           (ProducerPerformance) and Pulsar-client produce runs on one partition, 2 unmeasured
#                           pairs then 3 measured, and report the cores each process uses from 2.5 s to 5.5 s into
#                           a run, per 100 MB/s: what the broker's Kafka layer costs against what each client costs
#   --window                instead of comparing: produce on 1 partition with 1, 2, 3 and 5 requests in flight
#                           (the Kafka producer's max.in.flight.requests.per.connection; the Pulsar producer's pending
#                           messages limited to as many full batches), Kafka client on Kafka and on Tributary (journal
#                           fsync on and off), Pulsar client on Tributary (fsync on); one session per broker per round,
#                           in reverse order every other round (--rounds, --records): a request's round trip against
#                           what pipelining adds
#
# Only loopback addresses are used; every process started here is stopped on exit.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(dirname "$BENCH_DIR")"
TARGET="$BENCH_DIR/target"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
JCMD="${JAVA_HOME:+$JAVA_HOME/bin/}jcmd"

ROUNDS=3
RECORDS=500000
WARMUP_RECORDS=2000000
JIT_PASSES=5
JIT_SETTLED_PERCENT=5
LATENCY_RATE=10000
LATENCY_SECONDS=20
LATENCY_RECORDS=""
DO_NOSYNC=1
DO_PULSAR=1
DO_LATENCY=1
PROFILE=0
CLIENT_COST=0
WINDOW=0
SUMMARIZE_ONLY=""
PROFILE_EVENT=cpu
ASYNC_PROFILER_VERSION=4.6
OUT=""
MVN_OFFLINE=()
TRIB_HOME="${TRIBUTARY_HOME:-$REPO_DIR/distribution/target/tributary}"

RECORD_SIZE=1024
BATCH_SIZE=131072
LINGER_MS=10
PRODUCER_PROPS=(acks=all batch.size=$BATCH_SIZE linger.ms=$LINGER_MS)

die() { echo "run.sh: $*" >&2; exit 2; }

while [ $# -gt 0 ]; do
  case "$1" in
    --quick) ROUNDS=1; RECORDS=100000; WARMUP_RECORDS=30000; LATENCY_SECONDS=5; JIT_PASSES=0 ;;
    --rounds|--pairs) ROUNDS="$2"; shift ;;
    --records) RECORDS="$2"; shift ;;
    --warmup-records) WARMUP_RECORDS="$2"; shift ;;
    --jit-passes) JIT_PASSES="$2"; shift ;;
    --latency-rate) LATENCY_RATE="$2"; shift ;;
    --latency-seconds) LATENCY_SECONDS="$2"; shift ;;
    --no-nosync) DO_NOSYNC=0 ;;
    --no-pulsar) DO_PULSAR=0 ;;
    --no-latency) DO_LATENCY=0 ;;
    --tributary-home) TRIB_HOME="$2"; shift ;;
    --out) OUT="$2"; shift ;;
    --offline) MVN_OFFLINE=(-o) ;;
    --profile) PROFILE=1 ;;
    --profile-event) PROFILE_EVENT="$2"; shift ;;
    --client-cost) CLIENT_COST=1 ;;
    --window) WINDOW=1 ;;
    --summarize) SUMMARIZE_ONLY="$2"; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
  shift
done
LATENCY_RECORDS=$((LATENCY_RATE * LATENCY_SECONDS))
if [ -z "$SUMMARIZE_ONLY" ]; then
  OUT="${OUT:-$TARGET/results/$(date +%Y%m%d-%H%M%S)}"
  mkdir -p "$OUT"
  OUT="$(cd "$OUT" && pwd)"
fi
if [ -d "$(dirname "$TRIB_HOME")" ]; then TRIB_HOME="$(cd "$(dirname "$TRIB_HOME")" && pwd)/$(basename "$TRIB_HOME")"; fi

# ---------------------------------------------------------------- process bookkeeping
BROKER_PID=""
CLIENT_PID=""
cleanup() {
  local pid
  for pid in $CLIENT_PID $BROKER_PID; do
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null || true
    fi
  done
  for pid in $CLIENT_PID $BROKER_PID; do
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" | tee -a "$OUT/run.log" >&2; }

# ---------------------------------------------------------------- preparation (never while measuring)
prepare() {
  local mvn=(mvn -B -q "${MVN_OFFLINE[@]}" -Dstyle.color=never)
  local project stamp
  for project in kafka-tools pulsar-producer; do
    stamp="$TARGET/$project/.prepared"
    if [ ! -f "$stamp" ] || [ -n "$(find "$BENCH_DIR/$project" -newer "$stamp" -type f)" ]; then
      log "fetching the dependencies of bench/$project and building it"
      rm -rf "$TARGET/$project/lib"
      "${mvn[@]}" -f "$BENCH_DIR/$project/pom.xml" package dependency:copy-dependencies
      touch "$stamp"
    fi
  done
  if [ ! -x "$TRIB_HOME/bin/tributary" ]; then
    if [ "$TRIB_HOME" = "$REPO_DIR/distribution/target/tributary" ]; then
      log "building the Tributary distribution (mvn install -DskipTests)"
      (cd "$REPO_DIR" && "${mvn[@]}" install -DskipTests)
    else
      die "no Tributary distribution at $TRIB_HOME"
    fi
  fi
  if [ "$PROFILE" = 1 ] && [ ! -f "$TARGET/async-profiler/linux-x64/libasyncProfiler.so" ]; then
    log "fetching async-profiler $ASYNC_PROFILER_VERSION"
    "${mvn[@]}" org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
      -Dartifact="tools.profiler:async-profiler:$ASYNC_PROFILER_VERSION" -DoutputDirectory="$TARGET/async-profiler"
    (cd "$TARGET/async-profiler" && "${JAVA%java}jar" xf "async-profiler-$ASYNC_PROFILER_VERSION.jar" linux-x64/libasyncProfiler.so 2>/dev/null \
      || unzip -o -q "async-profiler-$ASYNC_PROFILER_VERSION.jar" linux-x64/libasyncProfiler.so)
  fi
}

KAFKA_CP="$TARGET/kafka-tools/tributary-bench-kafka-tools-0.1.0-SNAPSHOT.jar:$TARGET/kafka-tools/lib/*"
PULSAR_CP="$TARGET/pulsar-producer/tributary-bench-pulsar-producer-0.1.0-SNAPSHOT.jar:$TARGET/pulsar-producer/lib/*"
# Kafka's own tool scripts run the perf tools with -Xmx512M and these performance options.
TOOL_JVM=(-Xmx512m -server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35
  -Djava.awt.headless=true -Dlog4j2.configurationFile="$BENCH_DIR/conf/log4j2-tools.xml")

# ---------------------------------------------------------------- utilities
USED_PORTS=" "
free_port() {
  local p
  while :; do
    p=$((20000 + RANDOM % 30000))
    case "$USED_PORTS" in *" $p "*) continue ;; esac
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      USED_PORTS="$USED_PORTS$p "
      echo "$p"
      return
    fi
  done
}

wait_port() { # port timeout_s
  local i
  for i in $(seq 1 $(($2 * 2))); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
    kill -0 "$BROKER_PID" 2>/dev/null || return 1
    sleep 0.5
  done
  return 1
}

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
CLK_TCK=$(getconf CLK_TCK)

# the broker's JIT compile time so far, in ms (HotSpot's sun.ci.standardTime and osrTime, in ticks of sun.os.hrt.frequency)
broker_jit_ms() {
  "$JCMD" "$BROKER_PID" PerfCounter.print 2>/dev/null \
    | awk -F= '/^sun.ci.(standard|osr)Time=/ {t += $2} /^sun.os.hrt.frequency=/ {f = $2} END {printf "%d", f ? t * 1000 / f : -1}'
}

# After the warm-up sequence the JIT may still be compiling the broker's paths (on Tributary's consume path it took
# a fifth of the broker's CPU after 4 000 000 records read): Kafka-client produce on 1 partition and both warm-up
# reads again, until the compiler took under JIT_SETTLED_PERCENT of the broker's CPU time in a pass, at most
# JIT_PASSES passes; the same rule for every broker. Each pass is in jit-passes.tsv (pass, JIT ms, broker CPU ms).
# the warm-up topics read from the start, 1 and 8 partitions; NAME prefixes the clients' output files
warmup_reads() { # NAME
  local p
  for p in 1 8; do
    kafka_consume_cmd "bench-warm-p$p" "$WARMUP_RECORDS"
    run_client "$1-consume-${p}p" 300 "${CMD[@]}" || log "$1 consume ${p}p failed"
  done
}

settle_jit() { # kind
  local pass j0 j1 c0 c1 jit cpu
  for pass in $(seq 1 "$JIT_PASSES"); do
    j0=$(broker_jit_ms); c0=$(cpu_ticks "$BROKER_PID")
    kafka_produce_cmd bench-warm-p1 $((WARMUP_RECORDS / 2)) -1
    run_client "jit-pass-$pass-produce-1p" 600 "${CMD[@]}" || log "JIT pass $pass produce failed"
    warmup_reads "jit-pass-$pass"
    j1=$(broker_jit_ms); c1=$(cpu_ticks "$BROKER_PID")
    [ "$j0" -ge 0 ] && [ "$j1" -ge 0 ] || { log "$1: no JIT counters from jcmd; no further warm-up"; return 0; }
    jit=$((j1 - j0)); cpu=$(((c1 - c0) * 1000 / CLK_TCK))
    printf '%s\t%s\t%s\n' "$pass" "$jit" "$cpu" >>"$SESSION_DIR/jit-passes.tsv"
    log "$1 warm-up pass $pass: JIT compiler ${jit} ms in ${cpu} ms of broker CPU"
    [ $((jit * 100)) -lt $((cpu * JIT_SETTLED_PERCENT)) ] && return 0
  done
  [ "$JIT_PASSES" = 0 ] || log "$1: JIT still above ${JIT_SETTLED_PERCENT} % of broker CPU after $JIT_PASSES passes"
}

# run_client NAME TIMEOUT_S cmd... : runs a bounded client in the background (so signals stop it), output in
# $OUT/<session>/<NAME>.out/.err; returns its exit status
# CPU ticks of this shell's finished children (a client's own CPU time is added once it has been waited for)
children_cpu_ticks() { awk '{print $16 + $17}' "/proc/$$/stat"; }

# run_client NAME LIMIT_S CMD...: runs a client; CLIENT_CPU_TICKS is the CPU time it used
run_client() {
  local name="$1" limit="$2"; shift 2
  local c0; c0=$(children_cpu_ticks)
  timeout --kill-after=10 "$limit" "$@" >"$SESSION_DIR/$name.out" 2>"$SESSION_DIR/$name.err" &
  CLIENT_PID=$!
  local rc=0
  wait "$CLIENT_PID" || rc=$?
  CLIENT_PID=""
  CLIENT_CPU_TICKS=$(( $(children_cpu_ticks) - c0 ))
  return $rc
}

# ---------------------------------------------------------------- brokers
start_kafka() {
  local dir="$1"
  local port cport
  port=$(free_port); cport=$(free_port)
  mkdir -p "$dir/data" "$dir/logs"
  cat >"$dir/server.properties" <<EOF
# Apache Kafka 4.3.1, KRaft single node (broker + controller), as Kafka's config/server.properties
# except for the loopback listeners and the directories.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$cport
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$cport
advertised.listeners=PLAINTEXT://127.0.0.1:$port
inter.broker.listener.name=PLAINTEXT
controller.listener.names=CONTROLLER
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
num.network.threads=3
num.io.threads=8
socket.send.buffer.bytes=102400
socket.receive.buffer.bytes=102400
socket.request.max.bytes=104857600
log.dirs=$dir/data
num.partitions=1
num.recovery.threads.per.data.dir=1
offsets.topic.replication.factor=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
log.retention.hours=168
log.segment.bytes=1073741824
log.retention.check.interval.ms=300000
EOF
  local cluster_id
  cluster_id=$("$JAVA" -Xmx256m -Dlog4j2.configurationFile="$BENCH_DIR/conf/log4j2-tools.xml" -cp "$KAFKA_CP" \
    kafka.tools.StorageTool random-uuid 2>>"$dir/logs/format.log" | tail -1)
  "$JAVA" -Xmx256m -Dlog4j2.configurationFile="$BENCH_DIR/conf/log4j2-tools.xml" -cp "$KAFKA_CP" \
    kafka.tools.StorageTool format -t "$cluster_id" -c "$dir/server.properties" >>"$dir/logs/format.log" 2>&1 \
    || { cat "$dir/logs/format.log" >&2; die "kafka-storage format failed"; }
  # kafka-server-start.sh defaults: -Xmx1G -Xms1G and KAFKA_JVM_PERFORMANCE_OPTS
  "$JAVA" -Xmx1G -Xms1G -server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 \
    -XX:+ExplicitGCInvokesConcurrent -XX:MaxInlineLevel=15 -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$BENCH_DIR/conf/log4j2-kafka-broker.xml" -Dkafka.logs.dir="$dir/logs" \
    ${KAFKA_EXTRA_JAVA_OPTS:-} -cp "$KAFKA_CP" kafka.Kafka "$dir/server.properties" \
    >"$dir/logs/stdout.log" 2>&1 &
  BROKER_PID=$!
  wait_port "$port" 120 || { log "Kafka did not open port $port (see $dir/logs)"; return 1; }
  for _ in $(seq 1 240); do
    grep -q "Kafka Server started" "$dir/logs/server.log" 2>/dev/null && break
    kill -0 "$BROKER_PID" 2>/dev/null || { log "Kafka exited during start-up (see $dir/logs)"; return 1; }
    sleep 0.5
  done
  BOOTSTRAP="127.0.0.1:$port"
  PULSAR_URL=""
}

start_tributary() { # dir nosync(0|1)
  local dir="$1" nosync="$2"
  local port pport wport aport
  port=$(free_port); pport=$(free_port); wport=$(free_port); aport=$(free_port)
  mkdir -p "$dir/data" "$dir/logs"
  cat >"$dir/loopback.properties" <<EOF
bindAddress=127.0.0.1
advertisedAddress=127.0.0.1
tributary.listeners=kafka://127.0.0.1:$port
tributary.adminAddress=127.0.0.1:$aport
EOF
  local args=(standalone --data-dir "$dir/data" --kafka-port "$port" --pulsar-port "$pport" --web-port "$wport"
    --admin-port "$aport" --config "$dir/loopback.properties")
  [ "$nosync" = 1 ] && args+=(--no-journal-sync)
  TRIBUTARY_LOG_DIR="$dir/logs" "$TRIB_HOME/bin/tributary" "${args[@]}" >"$dir/logs/stdout.log" 2>&1 &
  BROKER_PID=$!
  for _ in $(seq 1 360); do
    grep -q "^Tributary ready:" "$dir/logs/stdout.log" 2>/dev/null && break
    kill -0 "$BROKER_PID" 2>/dev/null || { log "Tributary exited during start-up (see $dir/logs)"; return 1; }
    sleep 0.5
  done
  grep -q "^Tributary ready:" "$dir/logs/stdout.log" || { log "Tributary not ready after 180 s (see $dir/logs)"; return 1; }
  BOOTSTRAP="127.0.0.1:$port"
  PULSAR_URL="pulsar://127.0.0.1:$pport"
}

stop_broker() {
  [ -n "$BROKER_PID" ] || return 0
  kill -TERM "$BROKER_PID" 2>/dev/null || true
  for _ in $(seq 1 120); do kill -0 "$BROKER_PID" 2>/dev/null || break; sleep 0.5; done
  kill -KILL "$BROKER_PID" 2>/dev/null || true
  wait "$BROKER_PID" 2>/dev/null || true
  BROKER_PID=""
}

# ---------------------------------------------------------------- measurements
# results.tsv: round kind test records mbps rps p50_ms p99_ms p999_ms broker_cpu_s status client_cpu_s fetch_ms request_ms
# (fetch_ms: the assign consumer's average fetch latency, consume tests only; request_ms: the Kafka producer's average
# produce request latency, ProducerPerformance tests only)
record() { printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >>"$OUT/results.tsv"; }

# client command lines, shared by the measured tests, the warm-up, --client-cost, --profile and --window; each sets CMD
kafka_produce_cmd() { # TOPIC RECORDS THROUGHPUT [PRODUCER_PROPERTY...]
  CMD=("$JAVA" "${TOOL_JVM[@]}" -cp "$KAFKA_CP" org.apache.kafka.tools.ProducerPerformance --bootstrap-server "$BOOTSTRAP"
    --topic "$1" --num-records "$2" --record-size "$RECORD_SIZE" --throughput "$3"
    --command-property "${PRODUCER_PROPS[@]}" "${@:4}")
}
pulsar_produce_cmd() { # TOPIC PARTITIONS RECORDS [MAX_PENDING_MESSAGES]
  CMD=("$JAVA" "${TOOL_JVM[@]}" -cp "$PULSAR_CP" io.tributary.bench.PulsarProduce "$PULSAR_URL"
    "persistent://public/default/$1" "$2" "$3" "$RECORD_SIZE" "$BATCH_SIZE" "$LINGER_MS" ${4:+"$4"})
}
# the Kafka producer's window on one partition: 5 requests in flight of one full batch each
KAFKA_WINDOW_MESSAGES=$((5 * BATCH_SIZE / RECORD_SIZE))
kafka_consume_cmd() { # TOPIC RECORDS
  CMD=("$JAVA" "${TOOL_JVM[@]}" -cp "$KAFKA_CP" io.tributary.bench.KafkaBench consume "$BOOTSTRAP" "$1" "$2" 30000)
}

# producer_perf NAME TOPIC RECORDS THROUGHPUT -> sets R_MBPS R_RPS R_P50 R_P99 R_P999 R_REQUEST_MS
producer_perf() {
  local name="$1" topic="$2" n="$3" rate="$4"
  R_MBPS=- R_RPS=- R_P50=- R_P99=- R_P999=-
  kafka_produce_cmd "$topic" "$n" "$rate"
  run_client "$name" 900 "${CMD[@]}" --print-metrics || return 1
  parse_producer_perf "$SESSION_DIR/$name.out"
}

# parse_producer_perf FILE: ProducerPerformance --print-metrics output -> sets R_MBPS R_RPS R_P50 R_P99 R_P999 R_REQUEST_MS
parse_producer_perf() {
  # "producer-metrics:request-latency-avg:{client-id=...}   : 5.166", printed once the run is over
  R_REQUEST_MS=$(awk '/^producer-metrics:request-latency-avg:/ {printf "%.2f", $NF; exit}' "$1")
  # "N records sent, R records/sec (M MB/sec), A ms avg latency, X ms max latency, a ms 50th, b ms 95th, c ms 99th, d ms 99.9th."
  local line
  line=$(grep "99.9th" "$1" | tail -1)
  [ -n "$line" ] || return 1
  R_RPS=$(sed -E 's/.* sent, ([0-9.]+) records\/sec.*/\1/' <<<"$line")
  R_MBPS=$(sed -E 's/.*\(([0-9.]+) MB\/sec\).*/\1/' <<<"$line")
  R_P50=$(sed -E 's/.* ([0-9.]+) ms 50th.*/\1/' <<<"$line")
  R_P99=$(sed -E 's/.* ([0-9.]+) ms 99th.*/\1/' <<<"$line")
  R_P999=$(sed -E 's/.* ([0-9.]+) ms 99.9th.*/\1/' <<<"$line")
}

# parse "RESULT k=v ..." of the bench programs
parse_result() { # file key
  grep '^RESULT' "$1" | tail -1 | tr ' ' '\n' | sed -n "s/^$2=//p"
}

measure() { # round kind test cmd...: runs cmd (which sets R_*), records the row with the broker's and the client's CPU time
  local round="$1" kind="$2" test="$3"; shift 3
  local t0 t1 status=ok
  CLIENT_CPU_TICKS=0
  R_FETCH_MS=- R_REQUEST_MS=-
  t0=$(cpu_ticks "$BROKER_PID")
  "$@" || status=failed
  t1=$(cpu_ticks "$BROKER_PID")
  R_RPS=$(awk -v x="${R_RPS:--}" 'BEGIN{ if (x == "-" || x == "") print "-"; else printf "%.0f", x }')
  local cpu client_cpu
  cpu=$(awk -v a="$t0" -v b="$t1" -v hz="$CLK_TCK" 'BEGIN{printf "%.1f", (b-a)/hz}')
  client_cpu=$(awk -v t="$CLIENT_CPU_TICKS" -v hz="$CLK_TCK" 'BEGIN{printf "%.1f", t/hz}')
  record "$round" "$kind" "$test" "$CUR_RECORDS" "$R_MBPS" "$R_RPS" "$R_P50" "$R_P99" "$R_P999" "$cpu" "$status" "$client_cpu" \
    "${R_FETCH_MS:--}" "${R_REQUEST_MS:--}"
  printf '  %-18s %-20s %9s MB/s %11s rec/s  p50/p99/p99.9 %s/%s/%s ms  CPU broker %ss client %ss  %s\n' \
    "$kind" "$test" "$R_MBPS" "$R_RPS" "$R_P50" "$R_P99" "$R_P999" "$cpu" "$client_cpu" "$status" | tee -a "$OUT/run.log" >&2
}

t_produce() { CUR_RECORDS=$RECORDS; producer_perf "produce-$1p" "bench-p$1" "$RECORDS" -1; }

t_consume() {
  CUR_RECORDS=$RECORDS
  R_MBPS=- R_RPS=- R_P50=- R_P99=- R_P999=-
  kafka_consume_cmd "bench-p$1" "$RECORDS"
  run_client "consume-$1p" 600 "${CMD[@]}" || return 1
  R_MBPS=$(parse_result "$SESSION_DIR/consume-$1p.out" mbps)
  R_RPS=$(parse_result "$SESSION_DIR/consume-$1p.out" rps)
  R_FETCH_MS=$(parse_result "$SESSION_DIR/consume-$1p.out" fetchLatencyMs)
}

t_pulsar_produce() { # PARTITIONS [MAX_PENDING_MESSAGES]
  CUR_RECORDS=$RECORDS
  R_MBPS=- R_RPS=- R_P50=- R_P99=- R_P999=-
  local name="pulsar-produce-$1p${2:+-kafka-window}"
  pulsar_produce_cmd "bench-pp$1${2:+w}" "$1" "$RECORDS" "${2:-}"
  run_client "$name" 900 "${CMD[@]}" || return 1
  local f="$SESSION_DIR/$name.out"
  R_MBPS=$(parse_result "$f" mbps); R_RPS=$(parse_result "$f" rps)
  R_P50=$(parse_result "$f" p50_ms); R_P99=$(parse_result "$f" p99_ms); R_P999=$(parse_result "$f" p999_ms)
}

# Kafka's ConsumerPerformance (subscribe() with a consumer group); MB/s is its fetch.MB.sec (join time excluded)
t_group_consume() {
  CUR_RECORDS=$RECORDS
  R_MBPS=- R_RPS=- R_P50=- R_P99=- R_P999=-
  run_client "group-consume-8p" 600 "$JAVA" "${TOOL_JVM[@]}" -cp "$KAFKA_CP" org.apache.kafka.tools.ConsumerPerformance \
    --bootstrap-server "$BOOTSTRAP" --topic bench-p8 --num-records "$RECORDS" --timeout "$1" --group "bench-$RANDOM" \
    || return 1
  grep -q "WARNING: Exiting before" "$SESSION_DIR/group-consume-8p.out" && return 1
  local line
  line=$(grep -v '^start.time' "$SESSION_DIR/group-consume-8p.out" | grep -E '^[0-9]' | tail -1)
  [ -n "$line" ] || return 1
  R_MBPS=$(awk -F', ' '{printf "%.2f", $9}' <<<"$line")
  R_RPS=$(awk -F', ' '{printf "%.1f", $10}' <<<"$line")
}

t_latency() {
  CUR_RECORDS=$LATENCY_RECORDS
  producer_perf "latency-8p" bench-lat "$LATENCY_RECORDS" "$LATENCY_RATE"
}

run_session() { # round kind
  local round="$1" kind="$2"
  SESSION_DIR="$OUT/r$round-$kind"
  mkdir -p "$SESSION_DIR"
  log "round $round: $kind"
  local attempt started=0
  for attempt in 1 2 3; do
    case "$kind" in
      kafka) start_kafka "$SESSION_DIR" && started=1 ;;
      tributary) start_tributary "$SESSION_DIR" 0 && started=1 ;;
      tributary-nosync) start_tributary "$SESSION_DIR" 1 && started=1 ;;
    esac
    [ "$started" = 1 ] && break
    # a broker that dies while starting (e.g. a signal from outside) gets a fresh start on fresh data
    stop_broker
    mv "$SESSION_DIR/logs" "$SESSION_DIR/logs-failed-start-$attempt"
    rm -rf "$SESSION_DIR/data"
  done
  [ "$started" = 1 ] || die "$kind did not start three times (see $SESSION_DIR)"
  local topics=(bench-warm-p1:1 bench-warm-p8:8 bench-p1:1 bench-p8:8 bench-lat:8)
  [ "$kind" != kafka ] && [ "$DO_PULSAR" = 1 ] && topics+=(bench-warm-pp1:1 bench-warm-pp8:8 bench-pp1:1 bench-pp1w:1 bench-pp8:8)
  run_client create-topics 180 "$JAVA" "${TOOL_JVM[@]}" -cp "$KAFKA_CP" io.tributary.bench.KafkaBench create-topics \
    "$BOOTSTRAP" "${topics[@]}" || { cat "$SESSION_DIR/create-topics.err" >&2; die "creating topics failed"; }

  # warm-up: the measured sequence once, unmeasured, on its own topics, so that every path the measured runs take
  # (produce and read back on one and eight partitions, the Pulsar client, reads of data written before the last
  # produce runs) has been compiled by the JIT before it is timed
  local p
  for p in 1 8; do
    kafka_produce_cmd "bench-warm-p$p" "$WARMUP_RECORDS" -1
    run_client "warmup-produce-${p}p" 600 "${CMD[@]}" || log "warm-up produce ${p}p failed"
  done
  if [ "$kind" != kafka ] && [ "$DO_PULSAR" = 1 ]; then
    for p in 1 8; do
      pulsar_produce_cmd "bench-warm-pp$p" "$p" "$WARMUP_RECORDS"
      run_client "warmup-pulsar-${p}p" 600 "${CMD[@]}" || log "warm-up Pulsar produce ${p}p failed"
    done
  fi
  warmup_reads warmup
  settle_jit "$kind"

  # Kafka-client and Pulsar-client produce alternate which goes first, round by round
  if [ "$kind" != kafka ] && [ "$DO_PULSAR" = 1 ] && [ $((round % 2)) = 0 ]; then
    measure "$round" "$kind" pulsar-produce-1p t_pulsar_produce 1
    measure "$round" "$kind" pulsar-produce-1p-kafka-window t_pulsar_produce 1 "$KAFKA_WINDOW_MESSAGES"
    measure "$round" "$kind" pulsar-produce-8p t_pulsar_produce 8
    measure "$round" "$kind" produce-1p t_produce 1
    measure "$round" "$kind" produce-8p t_produce 8
  else
    measure "$round" "$kind" produce-1p t_produce 1
    measure "$round" "$kind" produce-8p t_produce 8
    if [ "$kind" != kafka ] && [ "$DO_PULSAR" = 1 ]; then
      measure "$round" "$kind" pulsar-produce-1p t_pulsar_produce 1
      measure "$round" "$kind" pulsar-produce-1p-kafka-window t_pulsar_produce 1 "$KAFKA_WINDOW_MESSAGES"
      measure "$round" "$kind" pulsar-produce-8p t_pulsar_produce 8
    fi
  fi
  measure "$round" "$kind" consume-1p t_consume 1
  measure "$round" "$kind" consume-8p t_consume 8
  if [ "$kind" = kafka ]; then
    measure "$round" "$kind" group-consume-8p t_group_consume 10000
  elif [ "$kind" = tributary ]; then
    measure "$round" "$kind" group-consume-8p t_group_consume 10000
  fi
  [ "$DO_LATENCY" = 1 ] && measure "$round" "$kind" latency-8p t_latency
  kill -0 "$BROKER_PID" 2>/dev/null || log "WARNING: $kind exited during the session; tests after that are marked failed"
  stop_broker
  du -sh "$SESSION_DIR/data" 2>/dev/null | sed 's/\t.*//' >"$SESSION_DIR/data-size.txt" || true
  rm -rf "$SESSION_DIR/data"
}

# ---------------------------------------------------------------- summary
median() { sort -g | awk '{a[NR]=$1} END{ if (NR==0) {print "-"; exit} if (NR%2) print a[(NR+1)/2]; else printf "%.2f\n", (a[NR/2]+a[NR/2+1])/2 }'; }
med() { # kind test column(5=mbps 6=rps 7=p50 8=p99 9=p999 10=broker cpu 12=client cpu 13=fetch ms 14=request ms)
  awk -F'\t' -v k="$1" -v t="$2" -v c="$3" '$2==k && $3==t && $11=="ok" && $c!="-" && $c!="" {print $c}' "$OUT/results.tsv" | median
}
runs() { # kind test column -> "a, b, c"
  awk -F'\t' -v k="$1" -v t="$2" -v c="$3" '$2==k && $3==t {printf "%s%s", (n++ ? ", " : ""), ($11=="ok" ? $c : "failed")}' "$OUT/results.tsv"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{ if (a=="-" || b=="-" || b==0) print "-"; else printf "%.2f", a/b }'; }
# per-round ratios of MB/s: kind1/test1 over kind2/test2 in the same round -> "r1, r2, ... (median m)"
round_ratios() {
  awk -F'\t' -v k1="$1" -v t1="$2" -v k2="$3" -v t2="$4" '
    $11 == "ok" && $2 == k1 && $3 == t1 { a[$1] = $5 }
    $11 == "ok" && $2 == k2 && $3 == t2 { b[$1] = $5 }
    END { for (r in a) if ((r in b) && b[r] > 0) printf "%s\t%.2f\n", r, a[r] / b[r] }' "$OUT/results.tsv" | sort -n | cut -f2 >"$OUT/.ratios"
  if [ ! -s "$OUT/.ratios" ]; then echo "-"; rm -f "$OUT/.ratios"; return; fi
  printf '%s (median %s)' "$(paste -sd, "$OUT/.ratios" | sed 's/,/, /g')" "$(median <"$OUT/.ratios")"
  rm -f "$OUT/.ratios"
}

# per_broker_table GROUP COLUMN KIND...: the medians of one column for GROUP-1p and GROUP-8p, one column per broker kind
per_broker_table() {
  local group="$1" column="$2"; shift 2
  echo "| test |$(printf ' %s |' "$@")"
  echo "|---|$(printf -- '---:|%.0s' "$@")"
  local p k row
  for p in 1 8; do
    row="| $group-${p}p |"
    for k in "$@"; do row+=" $(med "$k" "$group-${p}p" "$column") |"; done
    echo "$row"
  done
}

summarize() {
  local s="$OUT/summary.md"
  local kinds=(kafka tributary)
  [ "$DO_NOSYNC" = 1 ] && kinds+=(tributary-nosync)
  {
    echo "Rounds: $ROUNDS; records per test: $RECORDS x $RECORD_SIZE B; producer: ${PRODUCER_PROPS[*]}"
    echo
    echo "kafka = Apache Kafka 4.3.1 (default flush policy, no fsync per write); tributary = journal fsync on (default);"
    echo "tributary-nosync = --no-journal-sync. Ratios are Tributary median / Kafka median."
    echo
    for group in produce consume; do
      echo "### ${group^} throughput (medians; MB/s = MiB/s)"
      echo
      if [ "$group" = produce ]; then echo "Kafka's ProducerPerformance, acks=all."; else echo "assign()-based consumer from the start of each partition (bench/kafka-tools), the same program on both brokers."; fi
      echo
      local header="| test | kafka MB/s | kafka rec/s |" sep="|---|---:|---:|"
      for k in "${kinds[@]:1}"; do header+=" $k MB/s | $k rec/s | $k / kafka |"; sep+="---:|---:|---:|"; done
      echo "$header"; echo "$sep"
      for p in 1 8; do
        local t="$group-${p}p" km kr
        km=$(med kafka "$t" 5); kr=$(med kafka "$t" 6)
        local row="| $t | $km | $kr |"
        for k in "${kinds[@]:1}"; do
          local m r; m=$(med "$k" "$t" 5); r=$(med "$k" "$t" 6)
          row+=" $m | $r | $(ratio "$m" "$km") |"
        done
        echo "$row"
      done
      echo
      if [ "$group" = produce ] && [ "$(med kafka produce-1p 14)" != "-" ]; then
        echo "The Kafka producer's average produce request latency (ms, medians of its request-latency-avg). It keeps at most"
        echo "5 requests in flight, and on 1 partition a request carries one batch, so it cannot go faster than"
        echo "5 x batch.size / this latency:"
        echo
        per_broker_table produce 14 "${kinds[@]}"
        echo
      fi
      if [ "$group" = consume ] && [ "$(med kafka consume-1p 13)" != "-" ]; then
        echo "The consumer's average fetch latency (ms, medians; each fetch returns up to 1 MiB per partition):"
        echo
        per_broker_table consume 13 "${kinds[@]}"
        echo
      fi
    done
    if [ "$DO_PULSAR" = 1 ]; then
      echo "### Cost of the Kafka layer on the same Tributary broker (medians)"
      echo
      echo "CPU seconds per run of $RECORDS records, broker / client process (the client's includes its JVM start)."
      echo
      echo "| broker | test | Kafka client MB/s | Pulsar client MB/s | Kafka / Pulsar | Kafka client: CPU s broker / client | Pulsar client: CPU s broker / client |"
      echo "|---|---|---:|---:|---:|---:|---:|"
      for k in "${kinds[@]:1}"; do
        for p in 1 8; do
          local a b; a=$(med "$k" "produce-${p}p" 5); b=$(med "$k" "pulsar-produce-${p}p" 5)
          echo "| $k | ${p} partition(s) | $a | $b | $(ratio "$a" "$b") |" \
            "$(med "$k" "produce-${p}p" 10) / $(med "$k" "produce-${p}p" 12) |" \
            "$(med "$k" "pulsar-produce-${p}p" 10) / $(med "$k" "pulsar-produce-${p}p" 12) |"
        done
        local w; w=$(med "$k" pulsar-produce-1p-kafka-window 5)
        if [ "$w" != - ]; then
          a=$(med "$k" produce-1p 5)
          echo "| $k | 1 partition, Pulsar client limited to the Kafka producer's window | $a | $w | $(ratio "$a" "$w") |" \
            "$(med "$k" produce-1p 10) / $(med "$k" produce-1p 12) |" \
            "$(med "$k" pulsar-produce-1p-kafka-window 10) / $(med "$k" pulsar-produce-1p-kafka-window 12) |"
        fi
      done
      echo
      echo "The Pulsar client keeps up to 32768 messages pending; limited to the Kafka producer's window (5 requests of"
      echo "one full batch, $KAFKA_WINDOW_MESSAGES messages), it shows what the Kafka layer costs apart from the clients' windows."
      echo
      echo "The same Kafka client on Apache Kafka itself, against the Pulsar client on Tributary (fsync on), shows how"
      echo "near this machine lets the Kafka client come to the Pulsar client on any broker:"
      echo
      echo "| test | Kafka client on Kafka MB/s | Pulsar client on tributary MB/s | Kafka on Kafka / Pulsar on tributary |"
      echo "|---|---:|---:|---:|"
      for p in 1 8; do
        local a b; a=$(med kafka "produce-${p}p" 5); b=$(med tributary "pulsar-produce-${p}p" 5)
        echo "| ${p} partition(s) | $a | $b | $(ratio "$a" "$b") |"
      done
      echo
    fi
    echo "### Ratios within each round (sessions run back to back, so they share the machine's load at the time)"
    echo
    echo "| ratio | per round | "
    echo "|---|---|"
    for k in "${kinds[@]:1}"; do
      for t in produce-1p produce-8p consume-1p consume-8p; do
        echo "| $k / kafka, $t | $(round_ratios "$k" "$t" kafka "$t") |"
      done
    done
    if [ "$DO_PULSAR" = 1 ]; then
      for k in "${kinds[@]:1}"; do
        for p in 1 8; do
          echo "| $k: Kafka client / Pulsar client, ${p}p | $(round_ratios "$k" "produce-${p}p" "$k" "pulsar-produce-${p}p") |"
        done
        local rw; rw=$(round_ratios "$k" produce-1p "$k" pulsar-produce-1p-kafka-window)
        [ "$rw" != - ] && echo "| $k: Kafka client / Pulsar client with the Kafka producer's window, 1p | $rw |"
      done
      echo "| Kafka client on kafka / Pulsar client on tributary, 1p | $(round_ratios kafka produce-1p tributary pulsar-produce-1p) |"
    fi
    echo
    if [ "$DO_LATENCY" = 1 ]; then
      echo "### Fixed-rate latency: ProducerPerformance --throughput $LATENCY_RATE, $LATENCY_RECORDS records, 8 partitions (medians)"
      echo
      echo "| broker | achieved rec/s | p50 ms | p99 ms | p99.9 ms |"
      echo "|---|---:|---:|---:|---:|"
      for k in "${kinds[@]}"; do
        echo "| $k | $(med "$k" latency-8p 6) | $(med "$k" latency-8p 7) | $(med "$k" latency-8p 8) | $(med "$k" latency-8p 9) |"
      done
      echo
    fi
    echo "### Consumer group (Kafka's ConsumerPerformance, 8 partitions, fetch.MB.sec)"
    echo
    echo "| broker | runs MB/s | median MB/s |"
    echo "|---|---|---:|"
    for k in "${kinds[@]}"; do
      local r; r=$(runs "$k" group-consume-8p 5)
      [ -n "$r" ] && echo "| $k | $r | $(med "$k" group-consume-8p 5) |"
    done
    echo
    echo "### Every run (MB/s, in round order)"
    echo
    echo "| test | $(printf '%s | ' "${kinds[@]}")"
    echo "|---|$(printf -- '---|%.0s' "${kinds[@]}")"
    for t in produce-1p produce-8p pulsar-produce-1p pulsar-produce-1p-kafka-window pulsar-produce-8p consume-1p consume-8p \
        group-consume-8p latency-8p; do
      local row="| $t |" any=0
      for k in "${kinds[@]}"; do
        local r; r=$(runs "$k" "$t" 5); [ -n "$r" ] && any=1
        row+=" ${r:--} |"
      done
      [ "$any" = 1 ] && echo "$row"
    done
    echo
    echo "### Broker CPU seconds per test (medians; the client runs on the same 2 cores)"
    echo
    echo "| test | $(printf '%s | ' "${kinds[@]}")"
    echo "|---|$(printf -- '---:|%.0s' "${kinds[@]}")"
    for t in produce-1p produce-8p pulsar-produce-1p pulsar-produce-1p-kafka-window pulsar-produce-8p consume-1p consume-8p \
        latency-8p; do
      local row="| $t |" any=0
      for k in "${kinds[@]}"; do
        local c; c=$(med "$k" "$t" 10); [ "$c" != - ] && any=1
        row+=" $c |"
      done
      [ "$any" = 1 ] && echo "$row"
    done
  } >"$s"
  cat "$s"
}

# ---------------------------------------------------------------- profile mode
asprof() { # async-profiler action string, e.g. start,event=cpu
  # quoted, or jcmd's argument parser would split the string at its first '='
  "$JCMD" "$BROKER_PID" JVMTI.agent_load "$TARGET/async-profiler/linux-x64/libasyncProfiler.so" "\"$1\"" \
    >"$SESSION_DIR/asprof.last" 2>&1
  cat "$SESSION_DIR/asprof.last" >>"$SESSION_DIR/asprof.log"
  grep -q "return code: 0" "$SESSION_DIR/asprof.last"
}

# Summary of a collapsed-stack file (async-profiler "collapsed" output with the "threads" option). JIT compiler
# threads are reported, then left out of every other percentage: they are warm-up, not the request path.
profile_report() { # file.collapsed title
  local f="$1" tmp="$SESSION_DIR/report.tmp"
  awk '
    function tgroup(t,    unused) {
      gsub(/^\[|\]$/, "", t); sub(/ tid=[0-9]+$/, "", t)
      gsub(/[-_ #]?[0-9]+([-_][0-9]+)*$/, "", t); return t
    }
    function component(f,    parts, k) {
      if (f ~ /_\[k\]$/) return "kernel"
      if (f ~ /^[a-z][a-z0-9_]*\/[A-Za-z0-9_$\/]+\./) {
        k = split(f, parts, "/")
        return parts[1] "/" parts[2] (k > 3 ? "/" parts[3] : "")
      }
      return "JVM/native (copy stubs, GC, crc32c, libc)"
    }
    {
      n = $NF; line = $0; sub(/ [0-9]+$/, "", line)
      cnt = split(line, fr, ";")
      all += n
      g = tgroup(fr[1])
      if (g ~ /^C[12] CompilerThre/) { jit += n; next }
      total += n
      thr[g] += n
      self[fr[cnt]] += n
      comp[component(fr[cnt])] += n
      java = ""
      for (i = cnt; i >= 2; i--) if (fr[i] ~ /^[a-z][a-z0-9_]*\/[A-Za-z0-9_$\/]+\./) { java = fr[i]; break }
      if (java != "") nearest[java] += n
      split("", seen)
      for (i = 2; i <= cnt; i++) {
        f = fr[i]
        if (f ~ /io\/tributary/ && f !~ /Lambda|lambda\$/ && !(f in seen)) { seen[f] = 1; incl[f] += n }
      }
    }
    END {
      printf "T\t%d\t%d\t%.1f\n", all, total, 100 * jit / all
      for (t in thr) printf "A\t%.1f\t%s\n", 100 * thr[t] / total, t
      for (t in comp) printf "D\t%.1f\t%s\n", 100 * comp[t] / total, t
      for (t in self) printf "B\t%.1f\t%s\n", 100 * self[t] / total, t
      for (t in nearest) printf "E\t%.1f\t%s\n", 100 * nearest[t] / total, t
      for (t in incl) printf "C\t%.1f\t%s\n", 100 * incl[t] / total, t
    }' "$f" >"$tmp"
  local totals
  totals=$(awk -F'\t' '$1 == "T" {printf "%s samples, %s%% of them in the JIT compiler threads; the percentages below are of the other %s", $2, $4, $3}' "$tmp")
  printf '#### %s\n\n%s.\n\n' "$2" "$totals"
  section() { # letter title limit
    printf '%s\n\n| %s | %% |\n|---|---:|\n' "$2" "$4"
    awk -F'\t' -v l="$1" '$1 == l' "$tmp" | sort -t$'\t' -k2,2gr | awk -F'\t' -v n="$3" 'NR <= n {printf "| `%s` | %s |\n", $3, $2}'
    printf '\n'
  }
  section A "Threads (numbers stripped from the names):" 12 thread
  section D "Self time by component of the leaf frame:" 12 component
  section E "Self time charged to the nearest Java frame (native and kernel leaves included):" 25 frame
  section B "Self time of leaf frames:" 15 frame
  section C "Inclusive time of io.tributary frames (lambdas left out):" 25 frame
  rm -f "$tmp"
}

run_profile() {
  local round=p kind=tributary
  SESSION_DIR="$OUT/profile"
  mkdir -p "$SESSION_DIR"
  log "profile: Tributary (journal fsync on), async-profiler $ASYNC_PROFILER_VERSION, event=$PROFILE_EVENT"
  start_tributary "$SESSION_DIR" 0 || die "Tributary did not start"
  run_client create-topics 180 "$JAVA" "${TOOL_JVM[@]}" -cp "$KAFKA_CP" io.tributary.bench.KafkaBench create-topics \
    "$BOOTSTRAP" bench-warm:8 bench-p1:1 bench-p8:8 || die "creating topics failed"
  # a long warm-up (as many records as the profiled runs) so that the JIT has settled
  local warm=$((WARMUP_RECORDS > RECORDS ? WARMUP_RECORDS : RECORDS))
  kafka_produce_cmd bench-warm "$warm" -1
  run_client warmup-produce 600 "${CMD[@]}" || true
  kafka_consume_cmd bench-warm "$warm"
  run_client warmup-consume 300 "${CMD[@]}" || true
  : >"$OUT/results.tsv"
  local path
  for path in produce consume; do
    asprof "start,event=$PROFILE_EVENT,interval=1ms,threads" || die "async-profiler did not start (see $SESSION_DIR/asprof.log)"
    if [ "$path" = produce ]; then measure p tributary produce-8p t_produce 8; else measure p tributary consume-8p t_consume 8; fi
    asprof "stop,file=$SESSION_DIR/$path.collapsed,collapsed" || die "async-profiler did not stop (see $SESSION_DIR/asprof.log)"
    asprof "dump,file=$SESSION_DIR/$path.html,flamegraph" || log "no flame graph for $path (see $SESSION_DIR/asprof.log)"
    if [ "$path" = produce ]; then
      profile_report "$SESSION_DIR/$path.collapsed" "Produce path: ProducerPerformance, 8 partitions, $RECORDS records" >>"$OUT/profile.md"
    else
      profile_report "$SESSION_DIR/$path.collapsed" "Fetch path: assign() consumer, 8 partitions, $RECORDS records" >>"$OUT/profile.md"
    fi
  done
  stop_broker
  rm -rf "$SESSION_DIR/data"
  cat "$OUT/profile.md"
  log "flame graphs: $SESSION_DIR/produce.html $SESSION_DIR/consume.html"
}

# ---------------------------------------------------------------- client cost
# cost_run NAME CMD...: runs a client in the background; sets COST_LINE to
# "MB/s client-cores broker-cores" over the window from 2.5 s to 5.5 s into the run
cost_run() {
  local name="$1"; shift
  timeout --kill-after=10 600 "$@" >"$SESSION_DIR/$name.out" 2>"$SESSION_DIR/$name.err" &
  CLIENT_PID=$!
  sleep 2.5
  local java_pid c0 b0 n0 c1 b1 n1 alive=1
  java_pid=$(pgrep -P "$CLIENT_PID" | head -1 || true)
  c0=$(cpu_ticks "${java_pid:-0}"); b0=$(cpu_ticks "$BROKER_PID"); n0=$(date +%s%N)
  sleep 3
  c1=$(cpu_ticks "${java_pid:-0}"); b1=$(cpu_ticks "$BROKER_PID"); n1=$(date +%s%N)
  kill -0 "${java_pid:-0}" 2>/dev/null || alive=0
  local rc=0
  wait "$CLIENT_PID" || rc=$?
  CLIENT_PID=""
  [ "$rc" = 0 ] || die "$name failed (see $SESSION_DIR/$name.err)"
  [ "$alive" = 1 ] || die "$name ended within 5.5 s, too short to measure; raise --records"
  local mbps
  mbps=$(grep -Eo '\(([0-9.]+) MB/sec\)|mbps=[0-9.]+' "$SESSION_DIR/$name.out" | tail -1 | tr -d '()a-zA-Z/= ' || true)
  [ -n "$mbps" ] || die "no throughput in $SESSION_DIR/$name.out"
  COST_LINE=$(awk -v m="$mbps" -v c="$((c1 - c0))" -v b="$((b1 - b0))" -v ns="$((n1 - n0))" -v hz="$CLK_TCK" \
    'BEGIN { s = ns / 1e9; printf "%.1f %.2f %.2f", m, c / hz / s, b / hz / s }')
}

run_client_cost() {
  SESSION_DIR="$OUT/client-cost"
  mkdir -p "$SESSION_DIR"
  local records=$((RECORDS > 800000 ? RECORDS : 800000))
  log "client cost: Tributary (journal fsync on), 1 partition, Kafka client $records records, Pulsar client $((records * 3 / 2)) per run"
  start_tributary "$SESSION_DIR" 0 || die "Tributary did not start"
  run_client create-topics 180 "$JAVA" "${TOOL_JVM[@]}" -cp "$KAFKA_CP" io.tributary.bench.KafkaBench create-topics \
    "$BOOTSTRAP" bench-cost-k:1 bench-cost-p:1 || die "creating topics failed"
  local tsv="$OUT/client-cost.tsv" pair client
  printf 'pair\tclient\tmbps\tclient_cores\tbroker_cores\n' >"$tsv"
  for pair in 1 2 3 4 5; do
    for client in kafka pulsar; do
      if [ "$client" = kafka ]; then
        kafka_produce_cmd bench-cost-k "$records" -1
      else
        pulsar_produce_cmd bench-cost-p 1 "$((records * 3 / 2))"
      fi
      cost_run "$client-$pair" "${CMD[@]}"
      printf '%s\t%s\t%s\n' "$pair" "$client" "${COST_LINE// /$'\t'}" >>"$tsv"
      printf '  pair %s %-7s %s MB/s, client %s cores, broker %s cores%s\n' "$pair" "$client" $COST_LINE \
        "$([ "$pair" -le 2 ] && echo ' (warm-up)')" | tee -a "$OUT/run.log" >&2
    done
  done
  stop_broker
  rm -rf "$SESSION_DIR/data"
  {
    echo "### Cores per 100 MB/s, pairs 3-5 (medians), Tributary with journal fsync on, 1 partition"
    echo
    echo "| client | MB/s | client cores per 100 MB/s | broker cores per 100 MB/s |"
    echo "|---|---:|---:|---:|"
    local kafka_cost=- pulsar_cost=-
    for client in kafka pulsar; do
      local m c b
      m=$(awk -F'\t' -v k="$client" 'NR > 1 && $1 > 2 && $2 == k {print $3}' "$tsv" | median)
      c=$(awk -F'\t' -v k="$client" 'NR > 1 && $1 > 2 && $2 == k && $3 > 0 {printf "%.2f\n", 100 * $4 / $3}' "$tsv" | median)
      b=$(awk -F'\t' -v k="$client" 'NR > 1 && $1 > 2 && $2 == k && $3 > 0 {printf "%.2f\n", 100 * $5 / $3}' "$tsv" | median)
      echo "| $client | $m | $c | $b |"
      if [ "$client" = kafka ]; then kafka_cost=$(awk -v c="$c" -v b="$b" 'BEGIN{print c + b}'); else pulsar_cost=$(awk -v c="$c" -v b="$b" 'BEGIN{print c + b}'); fi
    done
    echo
    echo "With client and broker on the same cores, the Kafka client can reach about"
    echo "(Pulsar client + broker cores per MB) / (Kafka client + broker cores per MB) = $pulsar_cost / $kafka_cost ="
    echo "$(ratio "$pulsar_cost" "$kafka_cost") of the Pulsar client's throughput."
  } | tee "$OUT/client-cost.md"
}

# ---------------------------------------------------------------- window mode
WINDOW_DEPTHS=(1 2 3 5)

window_session() { # round kind(kafka|tributary|tributary-nosync)
  local round="$1" kind="$2" depth warm
  SESSION_DIR="$OUT/window/r$round-$kind"
  mkdir -p "$SESSION_DIR"
  log "window, round $round: $kind"
  case "$kind" in
    kafka) start_kafka "$SESSION_DIR" || die "Kafka did not start" ;;
    tributary) start_tributary "$SESSION_DIR" 0 || die "Tributary did not start" ;;
    tributary-nosync) start_tributary "$SESSION_DIR" 1 || die "Tributary did not start" ;;
  esac
  run_client create-topics 180 "$JAVA" "${TOOL_JVM[@]}" -cp "$KAFKA_CP" io.tributary.bench.KafkaBench create-topics \
    "$BOOTSTRAP" bench-window-k:1 bench-window-p:1 || die "creating topics failed"
  warm=$((WARMUP_RECORDS < 1000000 ? WARMUP_RECORDS : 1000000))
  kafka_produce_cmd bench-window-k "$warm" -1
  run_client warmup-kafka-client 600 "${CMD[@]}" || true
  if [ "$kind" = tributary ]; then
    pulsar_produce_cmd bench-window-p 1 "$warm"
    run_client warmup-pulsar-client 600 "${CMD[@]}" || true
  fi
  for depth in "${WINDOW_DEPTHS[@]}"; do
    kafka_produce_cmd bench-window-k "$RECORDS" -1 "max.in.flight.requests.per.connection=$depth"
    window_run "$round" "$kind" kafka-client "$depth" "${CMD[@]}" --print-metrics
    if [ "$kind" = tributary ]; then
      pulsar_produce_cmd bench-window-p 1 "$RECORDS" $((depth * BATCH_SIZE / RECORD_SIZE))
      window_run "$round" "$kind" pulsar-client "$depth" "${CMD[@]}"
    fi
  done
  stop_broker
  rm -rf "$SESSION_DIR/data"
}

window_run() { # round broker client depth cmd...
  local round="$1" broker="$2" client="$3" depth="$4"; shift 4
  local name="$client-$depth" mbps request_ms=-
  run_client "$name" 900 "$@" || die "$name on $broker failed (see $SESSION_DIR/$name.err)"
  if [ "$client" = kafka-client ]; then
    parse_producer_perf "$SESSION_DIR/$name.out" || die "no throughput in $SESSION_DIR/$name.out"
    mbps=$R_MBPS request_ms=$R_REQUEST_MS
  else
    mbps=$(parse_result "$SESSION_DIR/$name.out" mbps)
  fi
  [ -n "$mbps" ] || die "no throughput in $SESSION_DIR/$name.out"
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$broker" "$client" "$depth" "$mbps" "${request_ms:--}" >>"$OUT/window.tsv"
  printf '  %-16s %-13s %s in flight  %8s MB/s  request %s ms\n' "$broker" "$client" "$depth" "$mbps" "${request_ms:--}" \
    | tee -a "$OUT/run.log" >&2
}

run_window() {
  printf 'round\tbroker\tclient\tdepth\tmbps\trequest_ms\n' >"$OUT/window.tsv"
  local round kinds=(kafka tributary tributary-nosync) i
  for round in $(seq 1 "$ROUNDS"); do
    if [ $((round % 2)) = 1 ]; then for i in 0 1 2; do window_session "$round" "${kinds[$i]}"; done
    else for i in 2 1 0; do window_session "$round" "${kinds[$i]}"; done; fi
  done
  window_summary
}

window_summary() {
  local tsv="$OUT/window.tsv" depth
  wmed() { awk -F'\t' -v b="$1" -v c="$2" -v d="$3" -v col="$4" 'NR > 1 && $2 == b && $3 == c && $4 == d && $col != "-" {print $col}' "$tsv" | median; }
  {
    echo "### Produce on 1 partition by requests in flight ($ROUNDS rounds of $RECORDS records, medians, MB/s = MiB/s)"
    echo
    echo "Kafka client: ProducerPerformance with max.in.flight.requests.per.connection = N (its request latency in"
    echo "brackets). Pulsar client: bench/pulsar-producer with N x $((BATCH_SIZE / RECORD_SIZE)) pending messages, N full batches."
    echo "Tributary with journal fsync on (the Pulsar client runs there) and off (nosync)."
    echo
    echo "| in flight | Kafka, Kafka client | Tributary, Kafka client | Tributary, Pulsar client | nosync, Kafka client | Tributary / Kafka | nosync / Kafka | Kafka client / Pulsar client |"
    echo "|---:|---:|---:|---:|---:|---:|---:|---:|"
    for depth in "${WINDOW_DEPTHS[@]}"; do
      local k t p n
      k=$(wmed kafka kafka-client "$depth" 5); t=$(wmed tributary kafka-client "$depth" 5)
      p=$(wmed tributary pulsar-client "$depth" 5); n=$(wmed tributary-nosync kafka-client "$depth" 5)
      echo "| $depth | $k ($(wmed kafka kafka-client "$depth" 6) ms) | $t ($(wmed tributary kafka-client "$depth" 6) ms) | $p" \
        "| $n ($(wmed tributary-nosync kafka-client "$depth" 6) ms) | $(ratio "$t" "$k") | $(ratio "$n" "$k") | $(ratio "$t" "$p") |"
    done
  } | tee "$OUT/window.md"
}

# ---------------------------------------------------------------- main
if [ -n "$SUMMARIZE_ONLY" ]; then
  OUT="$(cd "$SUMMARIZE_ONLY" && pwd)"
  [ -f "$OUT/results.tsv" ] || die "no results.tsv in $OUT"
  ROUNDS=$(cut -f1 "$OUT/results.tsv" | sort -n | tail -1)
  RECORDS=$(awk -F'\t' '$3 == "produce-1p" {print $4; exit}' "$OUT/results.tsv")
  LATENCY_RECORDS=$(awk -F'\t' '$3 == "latency-8p" {print $4; exit}' "$OUT/results.tsv")
  LATENCY_RATE=$(sed -n 's/.*latency=\([0-9]*\)\/s.*/\1/p' "$OUT/machine.txt" 2>/dev/null | head -1)
  grep -q 'tributary-nosync' "$OUT/results.tsv" || DO_NOSYNC=0
  grep -q 'pulsar-produce' "$OUT/results.tsv" || DO_PULSAR=0
  grep -q 'latency-8p' "$OUT/results.tsv" || DO_LATENCY=0
  trap - EXIT
  summarize
  exit 0
fi
prepare
{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "host: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
  echo "java: $("$JAVA" -version 2>&1 | awk 'NR<=2' | tr '\n' ' ')"
  echo "tributary: $TRIB_HOME"
  echo "load before: $(uptime)"
  echo "options: rounds=$ROUNDS records=$RECORDS warmup=$WARMUP_RECORDS jit_passes=$JIT_PASSES latency=${LATENCY_RATE}/s x ${LATENCY_SECONDS}s nosync=$DO_NOSYNC pulsar=$DO_PULSAR"
} | tee "$OUT/machine.txt" >&2

if [ "$PROFILE" = 1 ]; then
  run_profile
elif [ "$CLIENT_COST" = 1 ]; then
  run_client_cost
elif [ "$WINDOW" = 1 ]; then
  run_window
else
  : >"$OUT/results.tsv"
  order=(kafka tributary)
  [ "$DO_NOSYNC" = 1 ] && order+=(tributary-nosync)
  for round in $(seq 1 "$ROUNDS"); do
    if [ $((round % 2)) = 1 ]; then
      for k in "${order[@]}"; do run_session "$round" "$k"; done
    else
      for ((i = ${#order[@]} - 1; i >= 0; i--)); do run_session "$round" "${order[$i]}"; done
    fi
  done
  echo >&2
  summarize
fi
echo "load after: $(uptime)" | tee -a "$OUT/machine.txt" >&2
log "results in $OUT"
