# Shared by the bench scripts: the local PostgreSQL, the JWT secret the services and tokens share, the rebuild
# procedure on the bench database, waiting for the projections, checksums of the read models. Set DB (the database
# name) before sourcing.
PG=(-h 127.0.0.1 -p 5432 -U postgres)
export ORDERS_JWT_SECRET=${ORDERS_JWT_SECRET:-bench-secret-0123456789abcdef0123456789}
mkdir -p target/bench

# bin/rebuild-read-models on the bench database.
rebuild_read_models() {
  ORDERS_DB_HOST=127.0.0.1 ORDERS_DB_PORT=5432 ORDERS_DB_USER=postgres ORDERS_DB_NAME=$DB bin/rebuild-read-models "$@"
}
READ_MODELS=$(bin/rebuild-read-models tables)

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

# wait_caught_up [seconds]: every projection segment exists and has passed the last event; prints milliseconds.
wait_caught_up() {
  local start=$(date +%s%N)
  if rebuild_read_models caught-up "${1:-600}"; then
    echo $(( ($(date +%s%N) - start) / 1000000 ))
    return 0
  fi
  echo "projections still behind after ${1:-600} s" >&2
  return 1
}

# One line per read model: table, rows, an order-independent checksum of every column.
checksums() {
  for t in $READ_MODELS; do
    sql "SELECT '$t', count(*), coalesce(sum(('x' || substr(md5(r::text), 1, 15))::bit(60)::bigint), 0) FROM $t r"
  done
}

# stop PID: SIGTERM and wait for the process to end.
stop() {
  kill "$1" 2>/dev/null || true
  while kill -0 "$1" 2>/dev/null; do sleep 0.2; done
}
