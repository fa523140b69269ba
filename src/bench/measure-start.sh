#!/usr/bin/env bash
# Server start time and idle RSS (docs/benchmarks.md): starts Tandem N times (default 3) on its own port, the first
# time with an empty data directory (Flyway migration, tool keys created), then on the same data; each time the
# wall time from 'server start' to CWWKF0011I in messages.log, Liberty's own "started in" figure, and the RSS
# after BENCH_IDLE_WAIT seconds (default 30) with no request. Assumes the server was built
# (mvn -B -DskipTests package liberty:create liberty:install-feature liberty:deploy).
#   src/bench/measure-start.sh [N]      (BENCH_DB=postgres is not supported here: H2 only)
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-3}
PORT=${BENCH_HTTP_PORT:-9380}
HTTPS=${BENCH_HTTPS_PORT:-9743}
DATA=${BENCH_DATA_DIR:-/tmp/tandem-bench-data}
WAIT=${BENCH_IDLE_WAIT:-30}
WLP=target/liberty/wlp
SERVER_DIR=$WLP/usr/servers/tandem
export HTTP_PORT=$PORT HTTPS_PORT=$HTTPS TANDEM_BASE_URL=http://localhost:$PORT TANDEM_DEMO_BASE_URL=http://127.0.0.1:$PORT \
  TANDEM_ADMIN_TOKEN=bench-start-token TANDEM_DATA_DIR=$DATA
$WLP/bin/server stop tandem > /dev/null 2>&1 || true
trap '$WLP/bin/server stop tandem > /dev/null 2>&1 || true' EXIT
rm -rf "$DATA" && mkdir -p "$DATA"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $(java -version 2>&1 | head -1); jvm.options: $(tr '\n' ' ' < $SERVER_DIR/jvm.options)"
for i in $(seq 1 "$N"); do
  rm -f "$SERVER_DIR/logs/messages.log"
  LOAD=$(cut -d' ' -f1-3 /proc/loadavg)
  T0=$(date +%s%N)
  $WLP/bin/server start tandem > /dev/null
  for _ in $(seq 1 900); do grep -q CWWKF0011I "$SERVER_DIR/logs/messages.log" 2>/dev/null && break; sleep 0.1; done
  T1=$(date +%s%N)
  LIB=$(grep -o "started in [0-9.]* seconds" "$SERVER_DIR/logs/messages.log" | head -1)
  PID=$(cat $WLP/usr/servers/.pid/tandem.pid)
  HEALTH=$(curl -s -o /dev/null -w '%{http_code}' "http://localhost:$PORT/health/ready" || true)
  sleep "$WAIT"
  RSS=$(( $(ps -o rss= -p "$PID") / 1024 ))
  echo "start $i ($([ "$i" = 1 ] && echo 'empty data dir' || echo 'existing data')): $(( (T1 - T0) / 1000000 )) ms to CWWKF0011I (Liberty: $LIB); /health/ready $HEALTH; RSS after ${WAIT}s idle: $RSS MB; load average before: $LOAD"
  $WLP/bin/server stop tandem > /dev/null
done
