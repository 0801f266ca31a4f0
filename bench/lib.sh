# Shared by the bench scripts: the local PostgreSQL, the JWT secret the services and tokens share, the rebuild
# procedure on the bench database, waiting for the projections, checksums of the read models. Set DB (the database
# name) before sourcing.
PG=(-h 127.0.0.1 -p 5432 -U postgres)
export ORDERS_JWT_SECRET=${ORDERS_JWT_SECRET:-bench-secret-0123456789abcdef0123456789}
export ORDERS_PERSONAL_DATA_KEY=${ORDERS_PERSONAL_DATA_KEY:-62656e63682d706572736f6e616c2d646174612d6b65792d3031323334353637}
mkdir -p target/bench
# Both services' heap: at most 1 GiB, its size left to the JVM. Fixed at 1 GiB from the start (BENCH_HEAP="-Xms1g
# -Xmx1g"), it showed no gain that outlasted this machine's drift, twice (bench/README.md, sessions 26 and 33).
read -r -a JAVA_HEAP <<<"${BENCH_HEAP:--Xmx1g}"
# The services' JVM options as deployed (deploy/jvm.options: request threads below the event processors), for both
# services alike; BENCH_JVM_OPTIONS="" starts them without (every thread at one priority).
read -r -a JVM_OPTIONS <<<"${BENCH_JVM_OPTIONS-@deploy/jvm.options}"
JAVA_ARGS=("${JAVA_HEAP[@]}" "${JVM_OPTIONS[@]}")

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

# BENCH_AUTOVACUUM=on|off: PostgreSQL's autovacuum for the script's run (ALTER SYSTEM and a reload; the setting
# this file had is put back when the script ends). Unset: the server's own, which is "off" on this machine
# (conf.d/90-ci.conf), where PostgreSQL's default, and so most production databases, have it on.
autovacuum_for_run() {
  case "${BENCH_AUTOVACUUM:-}" in
    "") return 0;;
    on|off) ;;
    *) echo "BENCH_AUTOVACUUM must be on or off, not '$BENCH_AUTOVACUUM'" >&2; exit 2;;
  esac
  AUTOVACUUM_BEFORE=$(psql "${PG[@]}" -Atc "SELECT coalesce((SELECT setting FROM pg_file_settings
      WHERE name = 'autovacuum' AND sourcefile LIKE '%postgresql.auto.conf' AND applied), '')")
  autovacuum_system "SET autovacuum = $BENCH_AUTOVACUUM"
}
autovacuum_restore() {
  [ -n "${BENCH_AUTOVACUUM:-}" ] || return 0
  if [ -n "${AUTOVACUUM_BEFORE:-}" ]; then autovacuum_system "SET autovacuum = $AUTOVACUUM_BEFORE"
  else autovacuum_system "RESET autovacuum"; fi
}
# autovacuum_system "SET ..."|"RESET ...": ALTER SYSTEM, then the server reloads its configuration.
autovacuum_system() { psql "${PG[@]}" -qc "ALTER SYSTEM $1" -c "SELECT pg_reload_conf()" >/dev/null; }
# What a run's header says of it: "autovacuum on" or "autovacuum off".
autovacuum_now() { echo "autovacuum $(psql "${PG[@]}" -Atc "SHOW autovacuum")"; }

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

# ---- keeping up (issue 21): what a load costs and how long the processors need after it

# The bench's own queries carry this comment, so the statement counts leave them out.
BENCH_SQL="/* bench */"

# statements_reset / statements: statements PostgreSQL ran for the bench database since the reset (BEGIN and SET
# included), or "n/a" when pg_stat_statements is not loaded (shared_preload_libraries). COMMIT is left out for both
# services: the driver's own commits never appear in pg_stat_statements, only the one the projections send with their
# SET LOCAL (session 24), and counting those alone would compare different things.
statements_reset() {
  psql "${PG[@]}" -d "$DB" -Atqc "$BENCH_SQL CREATE EXTENSION IF NOT EXISTS pg_stat_statements" >/dev/null 2>&1 \
    && sql "$BENCH_SQL SELECT pg_stat_statements_reset()" >/dev/null 2>&1 || true
}
statements() {
  sql "$BENCH_SQL SELECT sum(calls) FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
       WHERE d.datname = current_database() AND s.query NOT LIKE '/* bench */%' AND s.query <> 'COMMIT'" 2>/dev/null \
    || echo n/a
}

# cpu_ms PID...: user + system CPU the processes (every thread) have used, in milliseconds (/proc/PID/stat).
cpu_ms() {
  local hz=$(getconf CLK_TCK) total=0 p
  for p in "$@"; do
    [ -r "/proc/$p/stat" ] || continue
    total=$(( total + $(awk '{ print $14 + $15 }' "/proc/$p/stat") ))
  done
  echo $(( total * 1000 / hz ))
}
postgres_pids() { pgrep -x postgres | tr '\n' ' '; }
# gc_pauses PID: "COUNT MS" from jstat, the JVM's collections so far (young, full and concurrent cycles) and the time
# they stopped the application (a concurrent cycle's remark and cleanup pauses included); "0 0" when jstat cannot
# attach.
gc_pauses() {
  jstat -gc "$1" 2>/dev/null | awk 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i }
    NR == 2 { n = $col["YGC"] + $col["FGC"] + ("CGC" in col ? $col["CGC"] : 0); printf "%d %d\n", n, $col["GCT"] * 1000; ok = 1 }
    END { if (!ok) print "0 0" }'
}
# thread_groups_cpu_ms PID: "JIT REQUESTS PROCESSORS REQUESTS_KERNEL", the CPU in milliseconds the JVM's JIT compiler
# threads, Tomcat's threads (the request workers, its poller and acceptor) and the event processors' threads (none in
# the CRUD baseline) have used, and of the request threads' the part spent in the kernel (system calls, futexes): one
# read of every thread's stat, the name as the kernel keeps it (its first 15 characters) between the parentheses, user
# and system time the 12th and 13th fields after them.
thread_groups_cpu_ms() {
  # cat reads on past a thread that ended after the glob named it (the JIT's threads come and go).
  { cat /proc/"$1"/task/*/stat 2>/dev/null || true; } | awk -v hz="$(getconf CLK_TCK)" '{
      close_at = length($0); while (close_at > 0 && substr($0, close_at, 1) != ")") close_at--
      name = substr($0, index($0, "(") + 1, close_at - index($0, "(") - 1)
      split(substr($0, close_at + 2), f, " "); t = f[12] + f[13]
      if (name ~ /CompilerThre/) jit += t
      else if (name ~ /^http-nio-/) { req += t; reqsys += f[13] }
      else if (name ~ /^EventProcessor/) proc += t
    } END { printf "%d %d %d %d\n", jit * 1000 / hz, req * 1000 / hz, proc * 1000 / hz, reqsys * 1000 / hz }'
}

# processor_cpu_ms PID: "NAME=MS ..." the CPU each event processor's threads (every segment, by the processor's name)
# have used so far, from jstack's per-thread cpu= (the kernel keeps only a thread name's first 15 characters, the
# same for every processor); empty when jstack cannot attach (the CRUD baseline has no processors anyway).
processor_cpu_ms() {
  { jstack "$1" 2>/dev/null || true; } | sed -n 's/^"EventProcessor\[\([^]]*\)\].* cpu=\([0-9.]*\)ms.*/\1 \2/p' \
    | awk '{ t[$1] += $2 } END { for (n in t) printf "%s=%d\n", n, t[n] }' | sort | paste -sd' '
}
# processor_cpu_delta BEFORE AFTER: "NAME=MS ..." what each processor used between two processor_cpu_ms readings.
processor_cpu_delta() {
  awk -v a="$1" -v b="$2" 'BEGIN { n = split(a, x, " "); for (i = 1; i <= n; i++) { split(x[i], kv, "="); was[kv[1]] = kv[2] }
    n = split(b, y, " "); for (i = 1; i <= n; i++) { split(y[i], kv, "="); printf "%s%s=%d", (i > 1 ? "," : ""), kv[1], kv[2] - was[kv[1]] } }'
}

# The event index a stored token (column token) has reached, as bin/rebuild-read-models reads it.
TOKEN_POSITION=$(bin/rebuild-read-models token-position token)

# catch_up [seconds]: from now until every event processor (each of its segments) has passed the event that was
# the last when called. Prints "all_ms=N caught_<processor>=N ..." in milliseconds (-1: not within the bound).
catch_up() {
  local head start bound=$(( ${1:-120} * 1000 )) elapsed behind name out="" all=0
  if [ "$(sql "$BENCH_SQL SELECT to_regclass('token_entry') IS NOT NULL")" != t ]; then
    echo "all_ms=0"; return 0 # no event processors (the CRUD baseline)
  fi
  head=$(sql "$BENCH_SQL SELECT coalesce(max(global_index), 0) FROM domain_event_entry")
  start=$(date +%s%N)
  local -A at=()
  local names
  names=$(sql "$BENCH_SQL SELECT DISTINCT processor_name FROM token_entry ORDER BY 1")
  while :; do
    elapsed=$(( ($(date +%s%N) - start) / 1000000 ))
    behind=$(sql "$BENCH_SQL SELECT processor_name FROM token_entry GROUP BY processor_name
      HAVING min($TOKEN_POSITION) < $head")
    for name in $names; do
      if [ -z "${at[$name]:-}" ] && ! grep -qx "$name" <<<"$behind"; then at[$name]=$elapsed; fi
    done
    [ -z "$behind" ] && break
    if [ "$elapsed" -gt "$bound" ]; then all=-1; break; fi
    sleep 0.05
  done
  for name in $names; do
    out+=" caught_${name}=${at[$name]:--1}"
    [ "$all" -ge 0 ] && [ "${at[$name]:-0}" -gt "$all" ] && all=${at[$name]}
  done
  echo "all_ms=$all$out"
}

# timer_backlog: due order timers not fired yet (the sweep's backlog).
timer_backlog() {
  sql "$BENCH_SQL SELECT CASE WHEN to_regclass('order_timer') IS NULL THEN 0 ELSE
       (SELECT count(*) FROM order_timer WHERE holds = 0 AND due_at <= now()) END" 2>/dev/null || echo 0
}

# timer_lateness: for every order the payment timer cancelled, its cancellation time minus its payable_until;
# prints "expired=N p50_ms=N p99_ms=N max_ms=N".
timer_lateness() {
  sql "$BENCH_SQL SELECT 'expired=' || count(*) || ' p50_ms=' || coalesce(round(percentile_cont(0.5) WITHIN GROUP
         (ORDER BY late)), -1) || ' p99_ms=' || coalesce(round(percentile_cont(0.99) WITHIN GROUP (ORDER BY late)), -1)
         || ' max_ms=' || coalesce(round(max(late)), -1)
       FROM (SELECT extract(epoch FROM (c.time_stamp::timestamptz
               - (convert_from(p.payload, 'UTF8')::json->>'payableUntil')::timestamptz)) * 1000 AS late
             FROM domain_event_entry c
             JOIN domain_event_entry p ON p.aggregate_identifier = c.aggregate_identifier AND p.sequence_number = 0
             WHERE c.payload_type LIKE '%\$OrderCancelled'
               AND convert_from(c.payload, 'UTF8')::json->>'reason' = 'payment_timeout') x"
}

# ---- driving a service: tokens, the load generator, its figures

PGJAR=$(find ~/.m2/repository/org/postgresql/postgresql -name 'postgresql-*.jar' | sort | tail -n 1)
export BUYER_TOKEN=$(bin/mint-token bench-buyer buyer "" 86400)
export SELLER_TOKEN=$(bin/mint-token bench-seller seller bench-shop 86400)
export SELLER2_TOKEN=$(bin/mint-token bench-seller-2 seller bench-shop-2 86400)
export GATEWAY_TOKEN=$(bin/mint-token bench-gateway system "" 86400)

# The load generator, compiled once (javac) rather than launched from its source: the source launcher runs javac
# inside each level's JVM, and its JIT then compiled javac's hot methods while the level ran, a third of a core
# that the services under test did not get (bench/README.md, session 57).
LOADGEN=target/bench/loadgen
if [ ! -f $LOADGEN/CommandLoad.class ] || [ bench/CommandLoad.java -nt $LOADGEN/CommandLoad.class ]; then
  mkdir -p $LOADGEN
  javac -nowarn -d $LOADGEN -cp "$PGJAR" bench/CommandLoad.java
fi
# Its JVM options: BENCH_LOAD_JVM (default: C1 only, "-XX:TieredStopAtLevel=1").
read -r -a LOAD_JVM <<<"${BENCH_LOAD_JVM--XX:TieredStopAtLevel=1}"
# load_at PORT key=value...: bench/CommandLoad.java against the service on PORT (database $DB for the lag probe).
load_at() {
  local port=$1
  shift
  java "${LOAD_JVM[@]}" -cp "$LOADGEN:$PGJAR" CommandLoad base=http://127.0.0.1:$port \
    jdbc=jdbc:postgresql://127.0.0.1:5432/$DB "$@"
}
# field NAME LINE: the value of NAME=value in a line of figures.
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<" $2"; }

# measure_level PORT PID CLIENTS SECONDS UNPAID: one level of load, then the catch-up of every processor; prints the
# load's figures with the catch-up, the timer backlog, the statements and the CPU of the service and of PostgreSQL.
measure_level() {
  local port=$1 pid=$2 clients=$3 seconds=$4 unpaid=$5 out caught backlog jvm0 jvm1 pg0 pg1 stmts gc0 gc1
  local t0 t1
  statements_reset
  local p0 p1
  p0=$(processor_cpu_ms "$pid")
  jvm0=$(cpu_ms "$pid"); t0=($(thread_groups_cpu_ms "$pid")); pg0=$(cpu_ms $(postgres_pids)); gc0=($(gc_pauses "$pid"))
  out=$(load_at "$port" clients="$clients" seconds="$seconds" unpaid="$unpaid")
  caught=$(catch_up 120)
  backlog=$(timer_backlog)
  jvm1=$(cpu_ms "$pid"); t1=($(thread_groups_cpu_ms "$pid")); pg1=$(cpu_ms $(postgres_pids)); gc1=($(gc_pauses "$pid"))
  p1=$(processor_cpu_ms "$pid")
  stmts=$(statements)
  echo "clients=$clients $out $caught timer_backlog=$backlog statements=$stmts jvm_cpu_ms=$((jvm1 - jvm0))" \
    "jit_cpu_ms=$((t1[0] - t0[0])) requests_cpu_ms=$((t1[1] - t0[1])) processors_cpu_ms=$((t1[2] - t0[2]))" \
    "requests_kernel_cpu_ms=$((t1[3] - t0[3]))" \
    "pg_cpu_ms=$((pg1 - pg0)) gc_pauses=$((gc1[0] - gc0[0])) gc_pause_ms=$((gc1[1] - gc0[1]))" \
    "processor_cpu_ms=$(processor_cpu_delta "$p0" "$p1")"
}

# keep_row LINE: a row of the keeping-up table from measure_level's line.
keep_row() {
  local n all sustained slowest
  n=$(field commands "$1")
  all=$(field all_ms "$1")
  sustained=$(sustained "$1")
  slowest=$(tr ' ' '\n' <<<"$1" | grep '^caught_' | sed 's/^caught_//' | sort -t= -k2 -n | tail -n 1)
  echo "| $(field clients "$1") | $(field cps "$1") | $sustained | $all ms (${slowest:-none}) | $(field timer_backlog "$1")" \
    "| $(per_command "$(field statements "$1")" "$n") | $(per_command "$(field jvm_cpu_ms "$1")" "$n") ms" \
    "($(per_command "$(field requests_cpu_ms "$1")" "$n") requests, of it" \
    "$(per_command "$(field requests_kernel_cpu_ms "$1")" "$n") in the kernel;" \
    "$(per_command "$(field processors_cpu_ms "$1")" "$n")" \
    "processors, $(per_command "$(field jit_cpu_ms "$1")" "$n") JIT)" \
    "| $(per_command "$(field pg_cpu_ms "$1")" "$n") ms | $(gc_of "$1") |"
}
# processor_row LINE NAMES: a row of the per-processor table, each processor's CPU per command (NAMES in order).
processor_row() {
  local n row name ms
  n=$(field commands "$1")
  row="| $(field clients "$1") |"
  for name in $2; do
    ms=$(tr ',' '\n' <<<"$(field processor_cpu_ms "$1")" | sed -n "s/^$name=//p")
    row+=" $(per_command "${ms:-n/a}" "$n") |"
  done
  echo "$row"
}
# sustained LINE: commands/s including catch-up, the commands over the load's seconds and the catch-up's (of every
# round, for a pooled line: pool).
sustained() {
  local c
  c=$(field catch_up_total_ms "$1")
  awk -v n="$(field commands "$1")" -v s="$(field seconds "$1")" -v c="${c:-$(field all_ms "$1")}" \
    'BEGIN { printf "%.1f", (c < 0 ? 0 : n / (s + c / 1000)) }'
}

# pool: measure_level's lines of one level in several rounds (stdin) as one line of the same fields: the commands,
# errors, seconds, statements, CPU, GC pauses and each processor's CPU summed (so that every figure a command or a
# second is the rounds' together), cps recomputed from them, the error statuses of every round; the latencies, the
# load generator's CPU and the share of time a task waited for a core the rounds' mean (a figure a round could not
# give, "n/a" or "-", stays so); the catch-up (all_ms and each processor's), the timer backlog and the
# RSS the worst round's, with the catch-ups' sum as catch_up_total_ms (sustained). A catch-up that timed out (-1) in
# any round is -1.
pool() {
  awk '
    { for (i = 1; i <= NF; i++) {
        k = $i; sub(/=.*/, "", k); v = substr($i, length(k) + 2)
        if (!(k in seen)) { seen[k] = 1; keys[++n] = k; val[k] = v; sum[k] = 0; most[k] = v }
        cnt[k]++
        if (k == "all_ms" && v + 0 < 0) failed = 1
        if (k == "error_statuses" && v != "-") statuses = statuses (statuses == "" ? "" : ",") v
        if (k == "processor_cpu_ms") {
          m = split(v, parts, ",")
          for (j = 1; j <= m; j++) {
            split(parts[j], pv, "=")
            if (!(pv[1] in proc)) porder[++np] = pv[1]
            proc[pv[1]] += pv[2]
          }
        } else if (v == "n/a" || v == "-") { na[k] = v } else { sum[k] += v; if (v + 0 > most[k] + 0) most[k] = v }
      } }
    function mean(k) { return sprintf("%.1f", sum[k] / cnt[k]) }
    END {
      out = ""
      for (i = 1; i <= n; i++) {
        k = keys[i]
        if (k == "clients") v = val[k]
        else if (k == "error_statuses") v = (statuses == "" ? "-" : statuses)
        else if (k == "round") v = "pooled"
        else if (k in na) v = na[k]
        else if (k == "cps") v = sprintf("%.1f", sum["seconds"] > 0 ? sum["commands"] / sum["seconds"] : 0)
        else if (k == "seconds") v = sprintf("%.1f", sum[k])
        else if (k ~ /^(client_cpu_pct|core_wait_pct)$/) v = sprintf("%.0f", sum[k] / cnt[k])
        else if (k ~ /^(p50_ms|p95_ms|p99_ms|lag_p50_ms|lag_p99_ms|lag_max_ms)$/) v = mean(k)
        else if (k == "all_ms") { v = failed ? -1 : most[k]; total = failed ? -1 : sum[k] }
        else if (k ~ /^caught_/ || k ~ /^(timer_backlog|rss_kb|catchup_ms)$/) v = most[k]
        else if (k == "processor_cpu_ms") {
          v = ""
          for (j = 1; j <= np; j++) v = v (j > 1 ? "," : "") porder[j] "=" proc[porder[j]]
        }
        else v = sum[k]
        out = out (i > 1 ? " " : "") k "=" v
      }
      if ("all_ms" in seen) out = out " catch_up_total_ms=" total
      print out
    }'
}

# gc_of LINE: the GC pauses of measure_level's line, "COUNT, MS ms".
gc_of() { echo "$(field gc_pauses "$1"), $(field gc_pause_ms "$1") ms"; }
per_command() { awk -v a="$1" -v n="$2" 'BEGIN { if (a == "n/a" || n <= 0) print "n/a"; else printf "%.2f", a / n }'; }

# warm_up PORT PID: load at 32 clients in periods of 15 s until the JIT compiler used less than BENCH_WARMUP_JIT % (5)
# of one core over a period: at least BENCH_WARMUP s (90), at most BENCH_WARMUP_MAX s (300). Prints "SECONDS
# JIT_PERCENT", the warm-up's length and the JIT's share of a core in its last period. A fixed 90 s was set on a fast
# machine (session 18); on a machine four times slower the JIT still took 1.0-1.4 ms of the service's 3.3-5.0 ms per
# command in the reported levels (bench/README.md, session 41). With at most 180 s, the CRUD baseline's warm-up ended at
# that bound in all six runs of sessions 49-53, its JIT still at 18-21 % of a core (the service's in three, at 11-15 %),
# and in session 53's run its CPU a command fell by two fifths from its first level to its last: the first levels
# compared a compiled service with a baseline still compiling (bench/README.md, session 53). Under 10 %, the service's
# warm-ups ended with its JIT at 8-9 % of a core and its first level still compiling; under 5 % both services' end at
# 2-4 % (bench/README.md, session 57).
warm_up() {
  local port=$1 pid=$2 least=${BENCH_WARMUP:-90} most=${BENCH_WARMUP_MAX:-300} period=15 spent=0 pct=100 t0 t1
  local quiet=${BENCH_WARMUP_JIT:-5}
  while (( spent < most )); do
    t0=($(thread_groups_cpu_ms "$pid"))
    load_at "$port" clients=32 seconds=$period > /dev/null
    t1=($(thread_groups_cpu_ms "$pid"))
    spent=$((spent + period))
    pct=$(( (t1[0] - t0[0]) / (period * 10) ))
    if (( spent >= least && pct < quiet )); then
      break
    fi
  done
  echo "$spent $pct"
}

# rows_per_order ORDERS_TABLE: the rows this database's tables took (inserted, updated or deleted, as
# pg_stat_user_tables counts them) per row of ORDERS_TABLE, and how many tables took any ("44.6 23"). What each
# service writes for an order: the service's events, read models, timers, analytics, points and indexes against the
# CRUD baseline's order, lines, stock and log (bench/README.md, session 52). pgbench's table and Flyway's are left
# out. The counts reach the view within a second or so of a transaction (an idle backend's within ten): read them
# after the load has stopped.
rows_per_order() {
  sql "$BENCH_SQL SELECT round(sum(n_tup_ins + n_tup_upd + n_tup_del)::numeric
         / greatest((SELECT count(*) FROM $1), 1), 1), count(*)
       FROM pg_stat_user_tables
       WHERE n_tup_ins + n_tup_upd + n_tup_del > 0 AND relname <> 'bench_event' AND relname !~ 'schema_history'" \
    | tr '|' ' '
}

# ---- the CRUD baseline (bench/crud), started beside the service so that their levels can alternate

CRUD_DB=orders_crud
CRUD_PORT=18085
CRUD_MPORT=19085
# crud_start: the CRUD baseline on a fresh orders_crud, warmed up (warm_up); sets $crud (PID) and $crud_warm.
crud_start() {
  local jar
  jar=$(ls bench/crud/target/bench-crud-*-exec.jar 2>/dev/null | head -n 1 || true)
  if [ -z "$jar" ]; then
    ./mvnw -q -B -DskipTests -pl bench/crud -am package
    jar=$(ls bench/crud/target/bench-crud-*-exec.jar | head -n 1)
  fi
  DB=$CRUD_DB fresh_database
  java "${JAVA_ARGS[@]}" -jar "$jar" --ORDERS_DB_NAME=$CRUD_DB --server.port=$CRUD_PORT --management.server.port=$CRUD_MPORT \
    > target/bench/crud.log 2>&1 &
  crud=$!
  wait_http "http://127.0.0.1:$CRUD_MPORT/actuator/health" 120
  crud_warm=$(DB=$CRUD_DB warm_up $CRUD_PORT "$crud") # as for the service
}
# crud_level CLIENTS SECONDS UNPAID: one level against the running CRUD baseline (measure_level's line).
crud_level() {
  DB=$CRUD_DB measure_level $CRUD_PORT "$crud" "$1" "$2" "$3"
}
