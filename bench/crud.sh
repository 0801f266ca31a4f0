#!/usr/bin/env bash
# The CRUD baseline (bench/crud: Spring Boot + JPA, the same four calls, tokens, pool and heap) at the same levels
# with the same load generator, on a fresh database (orders_crud). Prints one line of figures per level, like the
# service's in run.sh. Run by bench/run.sh; runnable alone.
set -euo pipefail
cd "$(dirname "$0")/.."

SECS=${BENCH_SECONDS:-20}
LEVELS=${BENCH_CLIENTS:-"8 32 64"}
UNPAID=${BENCH_UNPAID:-50}
DB=orders_crud
PORT=18085
MPORT=19085
source bench/lib.sh

jar=$(ls bench/crud/target/bench-crud-*-exec.jar 2>/dev/null | head -n 1 || true)
if [ -z "$jar" ]; then
  ./mvnw -q -B -DskipTests -pl bench/crud -am package
  jar=$(ls bench/crud/target/bench-crud-*-exec.jar | head -n 1)
fi
fresh_database
java -Xmx1g -jar "$jar" --ORDERS_DB_NAME=$DB --server.port=$PORT --management.server.port=$MPORT \
  > target/bench/crud.log 2>&1 &
crud=$!
trap 'kill $crud 2>/dev/null || true' EXIT
wait_http "http://127.0.0.1:$MPORT/actuator/health" 120

load_at $PORT clients=32 seconds=${BENCH_WARMUP:-90} > /dev/null # warm-up, as for the service
for c in $LEVELS; do
  measure_level $PORT $crud "$c" "$SECS" "$UNPAID"
done
stop $crud
