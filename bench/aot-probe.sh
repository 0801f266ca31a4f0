#!/usr/bin/env bash
# What an AOT cache (JDK 25: JEP 483 classes loaded and linked ahead of time, JEP 515 method profiles) does to the
# first minutes under load (bench/README.md, session 27):
#   PATH=/path/to/jdk-25/bin:$PATH ./bench/aot-probe.sh service   # or crud
# 1. training: the jar on a fresh database with -XX:AOTCacheOutput, 60 s at 32 clients, stopped (the JVM writes the
#    cache as it exits);
# 2. the jar again on a fresh database with -XX:AOTCache, then four 20 s levels at 32 clients from a cold start;
# 3. the same four levels without the cache.
# Each level prints its commands/s, p99, and the JVM's CPU (of which the JIT) and PostgreSQL's, as run.sh measures.
set -euo pipefail
cd "$(dirname "$0")/.."
which=${1:-service}
# Read whole, not piped into grep -q: under pipefail a java cut off by grep's early exit would read as "no cache".
flags=$(java -XX:+PrintFlagsFinal -version 2>/dev/null || true)
[[ $flags == *AOTCacheOutput* ]] \
  || { echo "this java has no AOT cache (JDK 25 or later): $(java -version 2>&1 | head -n 1)" >&2; exit 2; }
case $which in
  service)
    DB=orders_probe
    jar=$(ls standalone/target/standalone-*-SNAPSHOT.jar | head -n 1)
    args=(--spring.profiles.active=postgres --ORDERS_PAYMENT_WINDOW=30s --logging.level.root=WARN);;
  crud)
    DB=orders_crud
    jar=$(ls bench/crud/target/bench-crud-*-exec.jar | head -n 1)
    args=();;
  *) echo "usage: $0 service|crud" >&2; exit 2;;
esac
source bench/lib.sh
cache=target/bench/$which.aot
rm -f "$cache"
for mode in train cache plain; do
  case $mode in
    train) opt=(-XX:AOTCacheOutput="$cache");;
    cache) opt=(-XX:AOTCache="$cache");;
    plain) opt=();;
  esac
  fresh_database
  started=$(date +%s%N)
  java -Xmx1g "${opt[@]}" -jar "$jar" "${args[@]}" --ORDERS_DB_NAME=$DB --server.port=18080 \
    --management.server.port=19080 > "target/bench/aot-$which-$mode.log" 2>&1 &
  pid=$!
  wait_http http://127.0.0.1:19080/actuator/health 240
  echo "$which $mode: up after $(( ($(date +%s%N) - started) / 1000000 )) ms"
  if [ $mode = train ]; then
    load_at 18080 clients=32 seconds=60 > /dev/null
    stop $pid
    echo "$which: cache of $(( $(stat -c %s "$cache") / 1048576 )) MB"
    continue
  fi
  for level in 1 2 3 4; do
    line=$(measure_level 18080 $pid 32 20 50)
    n=$(field commands "$line")
    echo "$which $mode level $level: $(field cps "$line") cmd/s, p99 $(field p99_ms "$line") ms," \
      "JVM $(per_command "$(field jvm_cpu_ms "$line")" "$n") ms/cmd (JIT $(per_command "$(field jit_cpu_ms "$line")" "$n"))," \
      "PostgreSQL $(per_command "$(field pg_cpu_ms "$line")" "$n") ms/cmd"
  done
  stop $pid
done
