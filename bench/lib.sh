# Shared by the bench scripts: the local PostgreSQL, the JWT secret the services and tokens share, waiting for the
# projections, checksums and wiping of the read models. Set DB (the database name) before sourcing.
PG=(-h 127.0.0.1 -p 5432 -U postgres)
export ORDERS_JWT_SECRET=${ORDERS_JWT_SECRET:-bench-secret-0123456789abcdef0123456789}
mkdir -p target/bench

READ_MODELS="product_view product_sku_view order_view order_line_view order_shipment_view order_log_entry
  refund_view refund_log_entry order_count"
PROJECTIONS="'orders','products'"

sql() { psql "${PG[@]}" -d "$DB" -Atqc "$1"; }

fresh_database() {
  psql "${PG[@]}" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null
  createdb "${PG[@]}" "$DB"
}

# wait_http URL [seconds]: until the URL answers 2xx.
wait_http() {
  for _ in $(seq 1 "${2:-120}"); do
    curl -fs "$1" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  echo "no answer from $1" >&2
  return 1
}

# How many projection segments are behind the last stored event (the rebuild procedure's own check).
behind() {
  ORDERS_DB_HOST=127.0.0.1 ORDERS_DB_PORT=5432 ORDERS_DB_USER=postgres ORDERS_DB_NAME=$DB bin/rebuild-read-models behind
}

# wait_caught_up [seconds]: every projection segment exists and has passed the last event; prints milliseconds.
wait_caught_up() {
  local start=$(date +%s%N) limit=$(( ${1:-600} * 20 ))
  for _ in $(seq 1 $limit); do
    if [ "$(sql "SELECT count(*) FROM token_entry WHERE processor_name IN ($PROJECTIONS)")" != "0" ] \
        && [ "$(behind)" = "0" ]; then
      echo $(( ($(date +%s%N) - start) / 1000000 ))
      return 0
    fi
    sleep 0.05
  done
  echo "projections still behind after ${1:-600} s" >&2
  return 1
}

# One line per read model: table, rows, an order-independent checksum of every column.
checksums() {
  for t in $READ_MODELS; do
    sql "SELECT '$t', count(*), coalesce(sum(('x' || substr(md5(r::text), 1, 15))::bit(60)::bigint), 0) FROM $t r"
  done
}

# The service must be stopped: read models emptied and the projections' tokens and dead letters dropped, so the
# next start rebuilds everything from the first event.
wipe_read_models() {
  sql "TRUNCATE $(echo $READ_MODELS | tr ' ' ','); DELETE FROM token_entry WHERE processor_name IN ($PROJECTIONS);
    DELETE FROM dead_letter_entry WHERE processing_group IN ($PROJECTIONS)"
}

# stop PID: SIGTERM and wait for the process to end.
stop() {
  kill "$1" 2>/dev/null || true
  while kill -0 "$1" 2>/dev/null; do sleep 0.2; done
}
