#!/usr/bin/env bash
# One service on a fresh database, warmed up, then the phases asked for, each printing one line of the figures run.sh
# measures: to compare two jars or two settings, alternated A B A B, since this machine drifts by a third within
# minutes (bench/README.md). run.sh measures the targets; a probe measures one change.
#   ./bench/probe.sh [JAR]                                        # the standalone jar built last by default
#   PROBE_JVM="-XX:+UseParallelGC" ./bench/probe.sh /tmp/other.jar
#   ./bench/probe.sh bench/crud/target/bench-crud-*-exec.jar     # the CRUD baseline alone (no projections)
# Settings (environment):
#   PROBE_PHASES   phases in order (default "level lag"):
#                    level       PROBE_CLIENTS flat out, then the catch-up of every processor; commands/s, p99,
#                                statements and CPU per command (JVM: request threads, processors, JIT; PostgreSQL),
#                                GC pauses, the load generator's CPU, and the command gate's gauges averaged over
#                                one-second samples (limit, commands in flight, commands waiting)
#                    lag         PROBE_CLIENTS flat out with the lag probe (acknowledged -> visible in order_view)
#                    half        the same paced at PROBE_RATE orders/s per client
#                    statements  PROBE_CLIENTS flat out; the 30 statements that took PostgreSQL longest, to
#                                target/bench/probe-statements.txt, and the statement time's (wall time's) and
#                                buffers' shares by what they serve (a read model, the append, the reads) (needs
#                                pg_stat_statements preloaded)
#                    pages       a checkpoint, then PROBE_CLIENTS flat out: full-page images (pages first written
#                                since the checkpoint), WAL records and KB a command, by what they serve; the
#                                indexes' MB a thousand orders
#                    profile     PROBE_CLIENTS flat out with async-profiler attached (its agent from Maven Central,
#                                async_profiler_lib below): the CPU a command by thread group and by the innermost
#                                code outside the JDK, sampled every PROBE_PROFILE_INTERVAL ms (5)
#                                (PROBE_PROFILE_EVENT: cpu or itimer; wall, alloc or lock give the files alone);
#                                collapsed stacks and a flame graph to target/bench/probe-profile-<jar>.{collapsed,html}
#   PROBE_CLIENTS  32    PROBE_SECONDS  20
#   BENCH_WARMUP / BENCH_WARMUP_MAX  the warm-up's bounds, as for run.sh (warm_up, bench/lib.sh: 32 clients until
#                  the JIT uses under BENCH_WARMUP_JIT % of a core, 5; a fixed 90 s left the first level 20-35 %
#                  slow, session 43)
#   PROBE_RATE     3     PROBE_JVM      JVM options added to run.sh's    PROBE_ARGS  service arguments added
#   PROBE_SQL      SQL run on the probe's database after the warm-up (an ANALYZE, an index dropped or changed)
#   BENCH_AUTOVACUUM  on|off: PostgreSQL's autovacuum for the probe, put back at its end (bench/lib.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
jar=${1:-$(ls standalone/target/standalone-*-SNAPSHOT.jar | head -n 1)}
DB=orders_probe
PORT=28080
MPORT=29080
source bench/lib.sh
read -r -a extra_jvm <<<"${PROBE_JVM:-}"
read -r -a extra_args <<<"${PROBE_ARGS:-}"
clients=${PROBE_CLIENTS:-32}
seconds=${PROBE_SECONDS:-20}
name=$(basename "$jar")

autovacuum_for_run
trap 'autovacuum_restore' EXIT
fresh_database
java "${JAVA_ARGS[@]}" "${extra_jvm[@]}" -jar "$jar" --spring.profiles.active=postgres --ORDERS_DB_HOST=127.0.0.1 \
  --ORDERS_DB_USER=postgres --ORDERS_DB_NAME=$DB --server.port=$PORT --management.server.port=$MPORT \
  --ORDERS_PAYMENT_WINDOW=30s --logging.level.root=WARN "${extra_args[@]}" > target/bench/probe.log 2>&1 &
svc=$!
trap 'stop $svc; kill ${scraper:-} 2>/dev/null || true; autovacuum_restore' EXIT
wait_http "http://127.0.0.1:$MPORT/actuator/health" 180
# scrape: the service's metrics, as Prometheus reads them (nothing where it has none).
scrape() { curl -fs "http://127.0.0.1:$MPORT/actuator/prometheus" || true; }
# The level phase reads the gate's gauges every second (gate_gauges). Its first scrapes under load made the JIT
# recompile much of the request path: the first level after an unscraped warm-up ran at 283-316 commands/s with the
# JIT at 1.03-1.10 ms a command, a second level at 438 with 0.25 (bench/README.md, session 58). The warm-up is
# scraped as the levels are.
( while :; do scrape > /dev/null; sleep 1; done ) &
scraper=$!
read -r warmed jit <<<"$(warm_up $PORT $svc)"
kill $scraper
echo "warm-up $name: ${warmed} s, the JIT at ${jit} % of a core at its end"
# caught_up: the projections have passed the last event (nothing to wait for in the CRUD baseline, which has none).
caught_up() {
  if [ "$(sql "$BENCH_SQL SELECT to_regclass('token_entry') IS NOT NULL")" = t ]; then
    wait_caught_up > /dev/null
  fi
}
caught_up
if [ -n "${PROBE_SQL:-}" ]; then
  sql "$BENCH_SQL $PROBE_SQL" > /dev/null
fi

# statement_shares: PostgreSQL's statement time since the reset, by what the statements serve, in %, and in
# brackets their share of the buffers touched ("order read model 57.2 (31.0), events appended 15.5 (9.8), ..."):
# which read model or step to cut next (bench/README.md, session 50). The time is wall time: on a saturated machine
# a processor's batch, one pipeline of statements run back to back, is preempted within it and its statements count
# the waits for a core; the buffers are the same work whatever the load (session 54).
PURPOSE="CASE
           WHEN query ~ 'order_view|order_line_view|order_log_entry|order_search|order_shipment_view'
                        '|order_receiver_token|order_count' THEN 'order read model'
           WHEN query ~ '^INSERT INTO domain_event_entry' THEN 'events appended'
           WHEN query ~ '^SELECT global_index|min\(global_index\)|pg_notify' THEN 'events read'
           WHEN query ~ 'token_entry|set_config' THEN 'tokens and settings'
           WHEN query ~ 'analytics_' THEN 'analytics'
           WHEN query ~ 'wallet_view|member_view|points_ledger' THEN 'wallet/member/points'
           WHEN query ~ 'order_timer' THEN 'timers'
           WHEN query ~ 'product_sku_view|product_view' THEN 'products'
           ELSE 'command side (other)' END"
# The statements of this database since the reset, with what each serves ($PURPOSE), bench's own left out.
OWN_STATEMENTS="FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
         WHERE d.datname = current_database() AND query !~ '^/\* bench \*/|^DO '"
statement_shares() {
  sql "$BENCH_SQL WITH s AS (
         SELECT s.total_exec_time AS t, s.shared_blks_hit + s.shared_blks_read AS b, $PURPOSE AS what
         $OWN_STATEMENTS)
       SELECT string_agg(what || ' ' || share || ' (' || buffers || ')', ', ' ORDER BY share DESC)
       FROM (SELECT what, round(100 * sum(t)::numeric / (SELECT sum(t) FROM s)::numeric, 1) AS share,
               round(100 * sum(b)::numeric / greatest((SELECT sum(b) FROM s), 1)::numeric, 1) AS buffers
             FROM s GROUP BY what) g"
}

# gate_gauges SECONDS: the gate's gauges every second, averaged ("limit=8.0 in_flight=3.1 waiting=23.9").
gate_gauges() {
  for _ in $(seq 1 "$1"); do
    scrape | grep -E '^orders_commands_(limit|in_flight|waiting) ' || true
    sleep 1
  done | awk '{ sub(/^orders_commands_/, "", $1); s[$1] += $2; n[$1]++ }
    END { for (k in s) printf "%s=%.1f ", k, s[k] / n[k]; print "" }'
}

# per FIELD: FIELD of the level's line per acknowledged command.
per() { per_command "$(field "$1" "$line")" "$n"; }

# async_profiler_lib: the path of async-profiler's agent for this machine, taken from its Maven Central artifact
# (tools.profiler:async-profiler, BENCH_ASYNC_PROFILER, 4.1), fetched once into ~/.m2 and unpacked into
# target/bench/async-profiler. It samples the JVM's threads, Java and native frames alike; earlier sessions attached
# it by hand (bench/README.md, sessions 18 and 49), and a JFR recording with the "profile" settings cut a 32-client
# level to a third of its rate on this machine (session 57).
async_profiler_lib() {
  local version=${BENCH_ASYNC_PROFILER:-4.1} arch dir artifact
  case "$(uname -m)" in
    x86_64) arch=linux-x64;; aarch64) arch=linux-arm64;;
    *) echo "async-profiler has no agent for $(uname -m)" >&2; return 1;;
  esac
  dir=target/bench/async-profiler/$version
  if [ ! -f "$dir/$arch/libasyncProfiler.so" ]; then
    artifact=~/.m2/repository/tools/profiler/async-profiler/$version/async-profiler-$version.jar
    [ -f "$artifact" ] || ./mvnw -q -B dependency:get -Dartifact=tools.profiler:async-profiler:"$version" >&2
    mkdir -p "$dir"
    (cd "$dir" && jar xf "$artifact" "$arch/libasyncProfiler.so")
  fi
  echo "$PWD/$dir/$arch/libasyncProfiler.so"
}
# profiler PID LIB ACTION: async-profiler's ACTION ("start,event=cpu", "stop,file=...") in the running JVM PID,
# loaded through the attach API; quoted for jcmd, which would otherwise split it at its "=" into options of its own
# (the agent then answers "event must not be empty").
profiler() {
  jcmd "$1" JVMTI.agent_load "$2" "\"$3\"" > /dev/null
}
# profile_shares COLLAPSED COMMANDS INTERVAL_MS: where the samples of a profile taken with "threads" went, in
# milliseconds a command: by thread group (the thread's name with its numbers left out), and by the innermost frame
# of code outside the JDK (its first three package levels; the JDK's own code, a system call, counts for the code
# that called it; a sample with no such frame counts as the JVM's own: the JIT compiler, the collector).
profile_shares() {
  awk -v n="$2" -v ms="$3" '{
      count = $NF; sub(/ [0-9]+$/, ""); k = split($0, f, ";")
      thread = f[1]; gsub(/[0-9]+/, "N", thread); sub(/^\[/, "", thread); sub(/ tid=N\]$/, "", thread)
      code = "the JVM itself"
      for (i = k; i > 1; i--) {
        if (f[i] ~ /\// && f[i] !~ /^(java|jdk|sun|javax)\// && f[i] !~ /_\[k\]$/) {
          split(f[i], pk, "/"); code = pk[1] "/" pk[2] "/" pk[3]; break
        }
      }
      by_thread[thread] += count; by_code[code] += count; all += count
    } END {
      printf "samples=%d ms_per_command=%.2f by thread:", all, all * ms / n
      top(by_thread, 8); printf "; by code:"; top(by_code, 14); print ""
    }
    function top(a, most,   key, best, i) {
      for (i = 0; i < most; i++) {
        best = ""; for (key in a) if (best == "" || a[key] > a[best]) best = key
        if (best == "") return
        printf "%s %s %.3f", (i ? "," : ""), best, a[best] * ms / n; delete a[best]
      }
    }' "$1"
}

for phase in ${PROBE_PHASES:-level lag}; do
  case $phase in
    level)
      gate_gauges "$seconds" > target/bench/probe-gauges.txt &
      gauges=$!
      line=$(measure_level $PORT $svc "$clients" "$seconds" 0)
      wait $gauges
      n=$(field commands "$line")
      echo "level $name: clients=$clients cps=$(field cps "$line") p99_ms=$(field p99_ms "$line")" \
        "errors=$(field errors "$line") catch_up_ms=$(field all_ms "$line") statements=$(per statements)" \
        "jvm_ms=$(per jvm_cpu_ms) requests_ms=$(per requests_cpu_ms) processors_ms=$(per processors_cpu_ms)" \
        "jit_ms=$(per jit_cpu_ms) pg_ms=$(per pg_cpu_ms) gc=\"$(gc_of "$line")\"" \
        "client_cpu_pct=$(field client_cpu_pct "$line") gate: $(cat target/bench/probe-gauges.txt)";;
    lag)
      echo "lag $name: $(load_at $PORT clients="$clients" seconds="$seconds" lag=true)";;
    half)
      echo "half $name: $(load_at $PORT clients="$clients" seconds="$seconds" lag=true rate="${PROBE_RATE:-3}")";;
    statements)
      statements_reset
      load_at $PORT clients="$clients" seconds="$seconds" > /dev/null
      sql "$BENCH_SQL SELECT round(total_exec_time::numeric), calls, rows, shared_blks_hit + shared_blks_read,
             wal_bytes, left(regexp_replace(query, '\s+', ' ', 'g'), 160)
           FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = current_database()
           ORDER BY total_exec_time DESC LIMIT 30" > target/bench/probe-statements.txt
      echo "statements $name: target/bench/probe-statements.txt (ms, calls, rows, buffers, WAL bytes," \
        "statement); wall time (buffers) by what it serves:" \
        "$(statement_shares)";;
    pages)
      # After a checkpoint the first change of each page copies the whole page into the WAL (full_page_writes):
      # the full-page images a command causes count the distinct pages its writes and its processors' touch.
      sql "$BENCH_SQL CHECKPOINT" > /dev/null
      statements_reset
      line=$(load_at $PORT clients="$clients" seconds="$seconds")
      caught_up
      n=$(field commands "$line")
      read -r fpi records bytes <<<"$(sql "$BENCH_SQL SELECT sum(wal_fpi), sum(wal_records), sum(wal_bytes)
        $OWN_STATEMENTS" | tr '|' ' ')"
      echo "pages $name: cps=$(field cps "$line") wal_fpi=$(per_command "$fpi" "$n")" \
        "wal_records=$(per_command "$records" "$n") wal_kb=$(per_command "$((bytes / 1024))" "$n")" \
        "index_mb_per_1k_orders=$(sql "$BENCH_SQL SELECT round(sum(pg_indexes_size(relid)) / 1048576.0
          / greatest((SELECT count(*) FROM order_view), 1) * 1000, 2) FROM pg_stat_user_tables")" \
        "full-page images by what they serve: $(sql "$BENCH_SQL SELECT string_agg(what || ' ' || f, ', '
          ORDER BY f DESC) FROM (SELECT $PURPOSE AS what, sum(wal_fpi) AS f $OWN_STATEMENTS GROUP BY 1) g")";;
    profile)
      # async-profiler attached for one level (async_profiler_lib, profiler): the samples' shares, a collapsed-stack
      # file and a flame graph. Every sample costs the JVM a signal and a stack walk: compare its rate with a level's.
      lib=$(async_profiler_lib)
      event=${PROBE_PROFILE_EVENT:-cpu}
      interval=${PROBE_PROFILE_INTERVAL:-5}
      sampling="event=$event"
      case $event in cpu|itimer|wall) sampling+=",interval=${interval}ms";; esac # alloc and lock: its defaults
      out=target/bench/probe-profile-${name%.jar}
      profiler $svc "$lib" "start,threads,$sampling"
      line=$(load_at $PORT clients="$clients" seconds="$seconds")
      profiler $svc "$lib" "dump,collapsed,file=$PWD/$out.collapsed"
      profiler $svc "$lib" "stop,flamegraph,file=$PWD/$out.html"
      shares=$sampling
      case $event in # CPU time a command where a sample is CPU time
        cpu|itimer) shares=$(profile_shares "$out.collapsed" "$(field commands "$line")" "$interval");;
      esac
      echo "profile $name: cps=$(field cps "$line") $shares files: $out.collapsed, $out.html";;
    *) echo "unknown phase $phase (level, lag, half, statements, pages, profile)" >&2; exit 2;;
  esac
  caught_up
done
