#!/usr/bin/env bash
# One command for the launch budgets (docs/benchmarks.md): builds Tandem, starts it on its own port with a fresh
# data directory, measures start time, drives complete LTI launches (app.tandem.bench.LaunchLoad: open loop at a
# fixed rate, then closed loop), measures idle RSS, and stops the server. Everything it writes goes to
# target/bench/launch-<db>-<time>/.
#
#   src/bench/run-launch-bench.sh                      # H2 (the embedded default)
#   BENCH_DB=postgres src/bench/run-launch-bench.sh    # PostgreSQL (zonky embedded binaries, separate process)
#
# Environment: BENCH_HTTP_PORT (9380), BENCH_HTTPS_PORT (9743), BENCH_PG_PORT (55439), BENCH_SKIP_BUILD=1,
# BENCH_JFR=1 (records target/bench/.../server.jfr over the whole drive), BENCH_NMT=1 with
# JVM_ARGS=-XX:NativeMemoryTracking=summary (native memory summary of the idle server after the load), BENCH_ARGS (more LaunchLoad options,
# e.g. "--rate 100 --duration 60 --concurrency 4"; see: mvn -q -Pbench exec:exec@load).
set -euo pipefail
cd "$(dirname "$0")/../.."

DB=${BENCH_DB:-h2}
PORT=${BENCH_HTTP_PORT:-9380}
HTTPS=${BENCH_HTTPS_PORT:-9743}
PG_PORT=${BENCH_PG_PORT:-55439}
TOKEN=${BENCH_ADMIN_TOKEN:-bench-admin-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')}
DATA=${BENCH_DATA_DIR:-/tmp/tandem-bench-data}
OUT=target/bench/launch-$DB-$(date +%Y%m%d-%H%M%S)
WLP=target/liberty/wlp
SERVER_DIR=$WLP/usr/servers/tandem
PID_FILE=$WLP/usr/servers/.pid/tandem.pid
mkdir -p "$OUT"
log() { echo "[bench] $*" | tee -a "$OUT/summary.txt"; }

log "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GiB"
log "java: $(java -version 2>&1 | head -1)"
log "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

if [ "${BENCH_SKIP_BUILD:-}" != 1 ]; then
  log "building (package liberty:create liberty:install-feature liberty:deploy; -Pbench test-compile)"
  mvn -B -q -DskipTests package liberty:create liberty:install-feature liberty:deploy > "$OUT/build.log" 2>&1
  mvn -B -q -Pbench -DskipTests test-compile >> "$OUT/build.log" 2>&1
fi

if $WLP/bin/server status tandem > /dev/null 2>&1; then
  log "stopping the tandem server that was running"
  $WLP/bin/server stop tandem > /dev/null
fi

PG_JVM=""
cleanup() {
  $WLP/bin/server stop tandem > /dev/null 2>&1 || true
  if [ -n "$PG_JVM" ]; then kill "$PG_JVM" 2>/dev/null || true; fi
}
trap cleanup EXIT

DB_ARGS=""
if [ "$DB" = postgres ]; then
  rm -f /tmp/tandem-bench-pg.pid /tmp/tandem-bench-pg.dir
  mvn -B -q -Pbench exec:exec@pg -Dpg.port="$PG_PORT" > "$OUT/postgres.log" 2>&1 &
  for _ in $(seq 1 120); do grep -q "postgres ready" "$OUT/postgres.log" && break; sleep 0.5; done
  grep -q "postgres ready" "$OUT/postgres.log" || { log "PostgreSQL did not start: $OUT/postgres.log"; exit 1; }
  PG_JVM=$(cat /tmp/tandem-bench-pg.pid)
  export DB_URL="jdbc:postgresql://localhost:$PG_PORT/postgres" DB_USER=postgres DB_PASSWORD=x DB_DS_CLASS=org.postgresql.ds.PGSimpleDataSource
  DB_ARGS="--db-pid-file $(cat /tmp/tandem-bench-pg.dir)/postmaster.pid"
  log "PostgreSQL on port $PG_PORT (pid file $(cat /tmp/tandem-bench-pg.dir)/postmaster.pid)"
fi

rm -rf "$DATA" && mkdir -p "$DATA"
rm -f "$SERVER_DIR/logs/messages.log"
export HTTP_PORT=$PORT HTTPS_PORT=$HTTPS TANDEM_BASE_URL=http://localhost:$PORT TANDEM_DEMO_BASE_URL=http://127.0.0.1:$PORT \
  TANDEM_ADMIN_TOKEN=$TOKEN TANDEM_DATA_DIR=$DATA
T0=$(date +%s%N)
$WLP/bin/server start tandem > "$OUT/server-start.log"
for _ in $(seq 1 600); do grep -q CWWKF0011I "$SERVER_DIR/logs/messages.log" 2>/dev/null && break; sleep 0.1; done
T1=$(date +%s%N)
READY=$(grep -o "CWWKF0011I[^\"]*" "$SERVER_DIR/logs/messages.log" | head -1 || echo "not ready")
SERVER_PID=$(cat "$PID_FILE")
log "server start: $(( (T1 - T0) / 1000000 )) ms from 'server start' to CWWKF0011I in messages.log; Liberty: ${READY##*started in }"
log "server pid $SERVER_PID; load average at ready: $(cut -d' ' -f1-3 /proc/loadavg)"

sleep 15
log "RSS 15 s after start (idle, no request yet): $(( $(ps -o rss= -p "$SERVER_PID") / 1024 )) MB"

if [ "${BENCH_JFR:-}" = 1 ]; then
  jcmd "$SERVER_PID" JFR.start name=bench settings=profile filename="$PWD/$OUT/server.jfr" > /dev/null
fi

mvn -B -q -Pbench exec:exec@load -Dload.args="--tandem http://localhost:$PORT --admin-token $TOKEN --server-pid $SERVER_PID $DB_ARGS --report $PWD/$OUT/report.txt ${BENCH_ARGS:-}" 2>&1 | tee "$OUT/driver.log"

if [ "${BENCH_JFR:-}" = 1 ]; then
  jcmd "$SERVER_PID" JFR.stop name=bench > /dev/null
  log "JFR recording: $OUT/server.jfr"
fi

sleep 20
log "RSS 20 s after the load (idle): $(( $(ps -o rss= -p "$SERVER_PID") / 1024 )) MB (heap setting: $(grep -h Xmx $SERVER_DIR/jvm.options || echo default))"
if [ "${BENCH_NMT:-}" = 1 ]; then
  # needs the server started with JVM_ARGS=-XX:NativeMemoryTracking=summary
  jcmd "$SERVER_PID" VM.native_memory summary > "$OUT/nmt.txt" 2>&1 || true
  jcmd "$SERVER_PID" GC.heap_info >> "$OUT/nmt.txt" 2>&1 || true
  log "native memory summary: $OUT/nmt.txt"
fi
log "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
cat "$OUT/report.txt" >> "$OUT/summary.txt"
log "all output in $OUT"
