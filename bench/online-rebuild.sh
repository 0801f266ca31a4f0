#!/usr/bin/env bash
# An online rebuild under the half-load command mix (issue 20, point 7). Run by ./bench/run.sh, or alone:
#   ./bench/online-rebuild.sh                          # 20,000-order history, then 60 s of half load twice
#   BENCH_ONLINE_ORDERS=5000 BENCH_ONLINE_SECONDS=30 ./bench/online-rebuild.sh   # a quick look
# 1. The standalone service on a fresh database (no archiving: the comparison is of the whole history); the
#    generator appends a shop history while it follows live.
# 2. Half load (32 clients paced to half the rate measured flat out, as in run.sh) for BENCH_ONLINE_SECONDS: the
#    baseline. Then the same load again, and 5 s into it POST /admin/processors/orders/rebuild, followed to its end
#    (GET /admin/rebuilds/{id}). The rebuild's events/s, its length, and what it did to the commands (rate, p99) and
#    to the projection lag (placement acknowledged → visible in order_view), against the baseline.
# 3. The rebuilt order rows against the live ones from before the rebuild, row by row where the order has not
#    moved on since.
set -euo pipefail
cd "$(dirname "$0")/.."

ORDERS=${BENCH_ONLINE_ORDERS:-20000}
SECS=${BENCH_ONLINE_SECONDS:-60}
DB=orders_online
PORT=18084
MPORT=19084
source bench/lib.sh
out=target/bench/online-rebuild.md
jar=$(ls standalone/target/standalone-*-SNAPSHOT.jar | head -n 1)
gjar=$(ls bench/target/bench-*-exec.jar | head -n 1)
fresh_database

java -Xmx1g "${JVM_OPTIONS[@]}" -jar "$jar" --spring.profiles.active=postgres --ORDERS_DB_NAME=$DB --server.port=$PORT \
  --management.server.port=$MPORT --logging.level.root=WARN --orders.archive.after=3650d \
  --logging.level.io.ordersvc.query.rebuild=INFO > target/bench/online-service.log 2>&1 &
svc=$!
trap 'kill $svc 2>/dev/null || true' EXIT
wait_http "http://127.0.0.1:$MPORT/actuator/health" 120
load() { load_at $PORT "$@"; }

gen=$(java -Xmx1g -jar "$gjar" --spring.profiles.active=postgres --ORDERS_DB_NAME=$DB --orders=$ORDERS \
  | grep '^generated')
echo "$gen"
wait_caught_up 3600 >/dev/null
# The history's orders as the live projection built them, kept aside: timers still fire on some of them during the
# run (their due dates passed while the generator wrote them), so the comparison afterwards is row by row, of the
# rows at the same version.
sql "DROP TABLE IF EXISTS bench_before_orders; DROP TABLE IF EXISTS bench_before_log;
  CREATE TABLE bench_before_orders AS SELECT * FROM order_view;
  CREATE TABLE bench_before_log AS SELECT * FROM order_log_entry" >/dev/null

load clients=32 seconds=${BENCH_WARMUP:-30} > /dev/null
full=$(load clients=32 seconds=20)
rate=$(awk -v c="$(field cps "$full")" 'BEGIN { printf "%.2f", c / 4 / 32 / 2 }')
base=$(load clients=32 seconds=$SECS lag=true rate=$rate)
echo "baseline $base"

admin=$(bin/mint-token bench-admin admin "" 86400)
api=http://127.0.0.1:$PORT/api/v1/admin
load clients=32 seconds=$SECS lag=true rate=$rate > target/bench/online-load.txt &
lp=$!
sleep 5
events=$(sql "SELECT max(global_index) FROM domain_event_entry")
t0=$(date +%s%N)
id=$(curl -sS -XPOST -H "Authorization: Bearer $admin" "$api/processors/orders/rebuild" \
  | sed -n 's/.*"rebuild_id":"\([^"]*\)".*/\1/p')
[ -n "$id" ] || { echo "the rebuild did not start" >&2; exit 1; }
status=replaying
while [ "$status" = replaying ]; do
  sleep 0.5
  rebuild=$(curl -sS -H "Authorization: Bearer $admin" "$api/rebuilds/$id")
  status=$(sed -n 's/.*"status":"\([a-z]*\)".*/\1/p' <<<"$rebuild")
done
rebuild_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
wait $lp
with=$(cat target/bench/online-load.txt)
echo "with rebuild $with"
echo "rebuild $rebuild"
# The swap hands the segments back after a few seconds: wait for the projections before comparing.
wait_caught_up 120 >/dev/null || true
same_version=$(sql "SELECT count(*) FROM bench_before_orders b JOIN order_view v USING (order_id)
  WHERE b.version = v.version")
differ=$(sql "SELECT count(*) FROM bench_before_orders b JOIN order_view v USING (order_id)
  WHERE b.version = v.version AND row_to_json(b)::text <> row_to_json(v)::text")
moved=$(sql "SELECT count(*) FROM bench_before_orders b JOIN order_view v USING (order_id) WHERE b.version <> v.version")
missing=$(sql "SELECT count(*) FROM bench_before_orders b WHERE NOT EXISTS
  (SELECT 1 FROM order_view v WHERE v.order_id = b.order_id)")
log_differ=$(sql "SELECT count(*) FROM bench_before_log b LEFT JOIN order_log_entry a USING (order_id, sequence)
  WHERE a.order_id IS NULL OR row_to_json(b)::text <> row_to_json(a)::text")
equal=$([ "$differ$missing$log_differ" = "000" ] && echo yes || echo no)
echo "compare same_version=$same_version differ=$differ moved_on=$moved missing=$missing log_differ=$log_differ"
done_events=$(sed -n 's/.*"events_done":\([0-9]*\).*/\1/p' <<<"$rebuild")
eps=$(awk -v e="$done_events" -v ms="$rebuild_ms" 'BEGIN { printf "%.0f", e * 1000 / ms }')
echo "online_rebuild status=$status events=$done_events ms=$rebuild_ms events_per_s=$eps equal=$equal"

{
  echo "## Online rebuild under half load (\`bench/online-rebuild.sh\`)"
  echo
  echo "The standalone service on PostgreSQL with a generated history ($gen; $events events when the rebuild"
  echo "began). 32 clients paced to half the rate they reach flat out ($rate orders/s each), for $SECS s without and"
  echo "then with \`POST /admin/processors/orders/rebuild\` started 5 s in."
  echo
  echo "| | commands/s | p99 ms | errors | lag p50 ms | lag p99 ms | lag max ms |"
  echo "|---|---|---|---|---|---|---|"
  echo "| half load | $(field cps "$base") | $(field p99_ms "$base") | $(field errors "$base") | $(field lag_p50_ms "$base") | $(field lag_p99_ms "$base") | $(field lag_max_ms "$base") |"
  echo "| half load + rebuild | $(field cps "$with") | $(field p99_ms "$with") | $(field errors "$with") | $(field lag_p50_ms "$with") | $(field lag_p99_ms "$with") | $(field lag_max_ms "$with") |"
  echo
  echo "| rebuild | events | wall time (start to swapped) | events/s | rebuilt = live |"
  echo "|---|---|---|---|---|"
  echo "| orders | $done_events | $((rebuild_ms / 1000)) s | $eps | $equal |"
  echo
  echo "Rebuilt = live: every order_view row as it was before the rebuild, compared with the rebuilt one where the"
  echo "order is at the same version ($same_version rows, $differ differ; $moved orders moved on during the run, $missing"
  echo "missing), and every order log entry from before ($log_differ differ or missing)."
} > $out
cat $out
[ "$status" = done ] && [ "$equal" = yes ]
