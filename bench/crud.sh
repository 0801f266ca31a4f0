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
source bench/lib.sh

trap 'kill ${crud:-} 2>/dev/null || true' EXIT
crud_start
for c in $LEVELS; do
  crud_level "$c" "$SECS" "$UNPAID"
done
stop $crud
