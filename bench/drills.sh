#!/usr/bin/env bash
# Fault drills (issue 5, point 6), bounded (about 3 minutes), printing PASS/FAIL with counts:
#   1. kill -9 the service under load, start it again;
#   2. restart PostgreSQL under load, the service keeps running;
#   3. payment notifications arrive while PostgreSQL restarts: each is answered "success" or something else (so
#      the channel sends it again, as Alipay and WeChat Pay do), and every order ends paid exactly once.
# After each: every command the client saw acknowledged (order id + version) has its event in the store, and once
# the projections caught up the read models equal a fresh rebuild (checksums of every read-model table). The
# service's RSS is sampled every second throughout and must stay under DRILL_RSS_BOUND_MB.
#   ./bench/drills.sh                       # also run by ./bench/run.sh
#   DRILL_SECONDS=30 ./bench/drills.sh
set -euo pipefail
cd "$(dirname "$0")/.."

SECS=${DRILL_SECONDS:-40}
CLIENTS=${DRILL_CLIENTS:-16}
HEAP=${DRILL_HEAP:-512m}
RSS_BOUND_MB=${DRILL_RSS_BOUND_MB:-1024}
DB=orders_drill
PORT=18090
MPORT=19090  # health and metrics: the postgres profile serves them on a port of their own
source bench/lib.sh
out=target/bench/drills.md
fresh_database
jar=$(ls standalone/target/standalone-*-SNAPSHOT.jar | head -n 1)
cluster() { pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main "$1"; }


svc=
start_service() {
  java -Xmx$HEAP "${JVM_OPTIONS[@]}" -jar "$jar" --spring.profiles.active=postgres --ORDERS_DB_NAME=$DB --server.port=$PORT \
    --management.server.port=$MPORT --ORDERS_PAYMENT_SIMULATOR_SECRET=simulator-dev-secret \
    --logging.level.root=WARN >> target/bench/drill-service.log 2>&1 &
  svc=$!
  wait_http "http://127.0.0.1:$MPORT/actuator/health" 120
}
watch_rss() { # background: the highest RSS of whichever service process is running, in MB, into a file
  while true; do
    local p r
    p=$(pgrep -f "standalone-.*--server.port=$PORT" | head -n 1 || true)
    if [ -n "$p" ]; then
      r=$(( $(ps -o rss= -p "$p" 2>/dev/null | tr -d ' ' || echo 0) / 1024 ))
      [ "$r" -gt "$(cat target/bench/rss-max 2>/dev/null || echo 0)" ] && echo "$r" > target/bench/rss-max
    fi
    sleep 1
  done
}
echo 0 > target/bench/rss-max
watch_rss & watcher=$!
trap 'kill $watcher 2>/dev/null || true; [ -n "$svc" ] && kill $svc 2>/dev/null || true' EXIT

load() { load_at $PORT clients=$CLIENTS seconds=$SECS "$@"; } # tokens and field(): bench/lib.sh

# Acknowledged commands whose event is not in the store (order id, sequence number = acknowledged version).
missing_acks() {
  psql "${PG[@]}" -d "$DB" -Atq <<SQL
CREATE TEMP TABLE acked (order_id text, version bigint);
\copy acked FROM '$1' WITH (DELIMITER ' ')
SELECT count(*) FROM acked a WHERE NOT EXISTS (SELECT 1 FROM domain_event_entry e
  WHERE e.aggregate_identifier = a.order_id AND e.sequence_number = a.version);
SQL
}

# After a drill: caught up, checksums, then a rebuild from scratch, checksums again, compared.
verify() {
  local name=$1 acks=$2 loadout=$3 acked missing equal
  wait_caught_up 300 >/dev/null
  checksums > target/bench/$name-live.txt
  stop $svc; svc=
  rebuild_read_models prepare >/dev/null
  start_service
  wait_caught_up 300 >/dev/null
  rebuild_read_models finish >/dev/null
  checksums > target/bench/$name-rebuilt.txt
  acked=$(wc -l < "$acks")
  missing=$(missing_acks "$acks")
  equal=$(cmp -s target/bench/$name-live.txt target/bench/$name-rebuilt.txt && echo yes || echo no)
  local verdict=PASS
  { [ "$missing" = "0" ] && [ "$equal" = "yes" ] && [ "$acked" -gt 0 ]; } || verdict=FAIL
  echo "| $name | $verdict | $acked | $missing | $(field errors "$loadout") | $equal | $4 |" >> $out.rows
  echo "drill=$name verdict=$verdict acked=$acked missing=$missing client_errors=$(field errors "$loadout") read_models_equal_rebuild=$equal $4"
}

rm -f $out.rows
start_service

# Drill 1: kill -9 under load, then start again while the clients keep going.
load acks=target/bench/acks-kill.txt > target/bench/load-kill.txt &
loader=$!
sleep $((SECS / 3))
kill -9 $svc
killed_at=$(date +%s%N)
wait $svc 2>/dev/null || true
start_service
back_ms=$(( ($(date +%s%N) - killed_at) / 1000000 ))
wait $loader
verify kill-9 target/bench/acks-kill.txt "$(cat target/bench/load-kill.txt)" "service back after ${back_ms} ms"

# Drill 2: restart PostgreSQL under load; the service is not restarted.
load acks=target/bench/acks-pg.txt > target/bench/load-pg.txt &
loader=$!
sleep $((SECS / 3))
pg_at=$(date +%s%N)
cluster restart
pg_ms=$(( ($(date +%s%N) - pg_at) / 1000000 ))
healthy_ms=$( start=$(date +%s%N); wait_http "http://127.0.0.1:$MPORT/actuator/health" 60 \
  && echo $(( ($(date +%s%N) - start) / 1000000 )) )
wait $loader
same_pid=$(kill -0 $svc 2>/dev/null && echo yes || echo no)
verify pg-restart target/bench/acks-pg.txt "$(cat target/bench/load-pg.txt)" \
  "PostgreSQL restart took ${pg_ms} ms, service healthy ${healthy_ms} ms later, same process: $same_pid"

# Drill 3: the channel's notifications arrive while PostgreSQL restarts. Like a channel, the drill sends each again
# until it is answered "success" (at most for 60 s); then every order must be paid exactly once.
api=http://127.0.0.1:$PORT/api/v1
NOTICES=${DRILL_NOTICES:-40}
sku=$(curl -s -XPOST $api/products -H 'Content-Type: application/json' -H "Authorization: Bearer $SELLER_TOKEN" \
  -d '{"name":"Drill","skus":[{"sku_code":"D","price":"1.00","stock":100000}]}' | sed 's/.*"sku_id":"\([^"]*\)".*/\1/')
pays=target/bench/drill-pays.txt; : > $pays
for _ in $(seq 1 "$NOTICES"); do
  { curl -s -XPOST $api/orders -H 'Content-Type: application/json' -H "Authorization: Bearer $BUYER_TOKEN" \
    -d '{"items":[{"sku_id":"'"$sku"'","quantity":1}],"receiver":{"name":"演练","phone":"13800138000","province":"上海市","city":"上海市","district":"徐汇区","address":"漕溪北路1号"}}' \
    | sed 's/.*"order_id":"\([^"]*\)".*"pay_no":"\([^"]*\)".*/\2 \1/'; echo; } >> $pays
done
notify_until_taken() { # $1 pay number: "1 <tries>" once answered success, "0 <tries>" after 60 s
  local deadline=$(( $(date +%s) + 60 )) tries=0 answer
  while [ "$(date +%s)" -lt $deadline ]; do
    tries=$((tries + 1))
    answer=$(ORDERS_API=$api bin/pay-simulator "$1" 1.00 "drill-$1" 2>/dev/null || true)
    if [ "$answer" = success ]; then echo "1 $tries"; return; fi
    sleep 0.2
  done
  echo "0 $tries"
}
( while read -r pay _; do notify_until_taken "$pay"; sleep 0.05; done < $pays ) > target/bench/drill-notified.txt &
notifier=$!
sleep 0.5
cluster restart
wait $notifier
wait_http "http://127.0.0.1:$MPORT/actuator/health" 60
taken=$(awk '$1 == 1' target/bench/drill-notified.txt | wc -l)
retried=$(awk '$2 > 1' target/bench/drill-notified.txt | wc -l)
orders=$(cut -d' ' -f2 $pays | sed "s/.*/'&'/" | paste -sd, -)
paid=$(sql "SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%OrderPaid' AND aggregate_identifier IN ($orders)")
twice=$(sql "SELECT count(*) FROM (SELECT aggregate_identifier FROM domain_event_entry WHERE payload_type LIKE '%OrderPaid'
  AND aggregate_identifier IN ($orders) GROUP BY aggregate_identifier HAVING count(*) > 1) t")
verdict=$([ "$taken" = "$NOTICES" ] && [ "$paid" = "$NOTICES" ] && [ "$twice" = 0 ] && echo PASS || echo FAIL)
echo "drill=notifications-pg-restart verdict=$verdict notices=$NOTICES answered_success=$taken sent_again=$retried orders_paid=$paid paid_twice=$twice"
echo "| notifications during a PostgreSQL restart | $verdict | $taken of $NOTICES answered success | $((NOTICES - paid)) orders not paid | $retried sent again | | every order paid once ($twice twice) |" >> $out.rows

kill $watcher 2>/dev/null || true
rss=$(cat target/bench/rss-max)
rss_verdict=$([ "$rss" -le "$RSS_BOUND_MB" ] && echo PASS || echo FAIL)
echo "drill=memory verdict=$rss_verdict max_rss_mb=$rss bound_mb=$RSS_BOUND_MB heap=$HEAP"
{
  echo "## Fault drills (\`bench/drills.sh\`: $CLIENTS clients, ${SECS} s of load per drill)"
  echo
  echo "| drill | verdict | commands acknowledged | acknowledged but not stored | client errors | read models = fresh rebuild | notes |"
  echo "|---|---|---|---|---|---|---|"
  cat $out.rows
  echo "| memory | $rss_verdict | | | | | service RSS peak $rss MB under load (bound $RSS_BOUND_MB MB, heap -Xmx$HEAP) |"
  echo
  echo "Client errors are requests refused or unanswered while the service or the database was down; none of them"
  echo "was acknowledged, so none may be counted as lost."
} > $out
rm -f $out.rows
grep -q FAIL $out && exit 1 || exit 0
