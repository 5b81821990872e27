# Shared by the benchmarks: build, start a studio on its own database, sign up, clean up.
ROOT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$ROOT_DIR/scripts/lib/services.sh"
BENCH_DIR="$ROOT_DIR/.data/bench"
mkdir -p "$BENCH_DIR"

bench_prepare_node() {
  if [ ! -d "$ROOT_DIR/scripts/bench/node_modules/hyparquet" ]; then
    log "installing benchmark data packages (npm ci)"
    (cd "$ROOT_DIR/scripts/bench" && npm ci --no-audit --no-fund >/dev/null)
  fi
}

bench_build() {
  if [ ! -f "$ROOT_DIR/target/analytics-studio.jar" ]; then
    (cd "$ROOT_DIR" && "$ROOT_DIR/mvnw" -q -B -DskipTests package)
  fi
}

# bench_start_server PORT DBNAME [extra env...]: starts the jar; sets SERVER_PID. The JVM gets the
# memory ergonomics of the 1 GB container it ships in (-XX:MaxRAM=1g: its default heap there, 256 MB,
# and the collector it picks); BENCH_JAVA_OPTS overrides (BENCH_JAVA_OPTS= for this machine's defaults).
# A benchmark is one project and one user, so the per-tenant fair share is lifted (as a single-tenant
# deployment would set it; FairShareIT tests the share); extra env, or the caller's, overrides.
bench_start_server() {
  local port=$1 db=$2; shift 2
  drop_app_database "$db"
  env PORT="$port" DATABASE_URL="${ADMIN_DATABASE_URL%/*}/$db" LOG_FORMAT=text LOG_LEVEL=INFO \
    UPLOAD_DIR="$BENCH_DIR/uploads" PROJECT_MAX_CONCURRENT="${PROJECT_MAX_CONCURRENT:-1000}" \
    USER_MAX_CONCURRENT="${USER_MAX_CONCURRENT:-1000}" EXPORT_MAX_PER_PROJECT="${EXPORT_MAX_PER_PROJECT:-1000}" "$@" \
    java ${BENCH_JAVA_OPTS--XX:MaxRAM=1g} -jar "$ROOT_DIR/target/analytics-studio.jar" > "$BENCH_DIR/server-$port.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  log "server did not start; see $BENCH_DIR/server-$port.log"; return 1
}

bench_stop_server() {
  local db=$1
  [ -n "${SERVER_PID:-}" ] && kill -TERM "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
  drop_app_database "$db"
}

# Max heap of the running server in MB, from its own metrics.
max_heap_mb() {
  curl -fs "http://127.0.0.1:$1/metrics" | awk '/^jvm_memory_max_bytes[{]area="heap"/ { v = $NF + 0; if (v > 0) sum += v } END { printf "%d", sum/1048576 }'
}

# Peak resident set size of a process in MB (VmHWM).
peak_rss_mb() {
  awk '/VmHWM/ {printf "%d", $2/1024}' "/proc/$1/status"
}

# bench_signup PORT: prints "TOKEN PROJECT_ID".
bench_signup() {
  local port=$1 email="bench-$RANDOM$RANDOM@example.com" token project
  token=$(curl -fs "http://127.0.0.1:$port/api/v1/auth/signup" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$email\",\"password\":\"bench-pass-2024\",\"name\":\"Bench\"}" | sed -E 's/.*"accessToken":"([^"]+)".*/\1/')
  project=$(curl -fs "http://127.0.0.1:$port/api/v1/projects" -H "Authorization: Bearer $token" \
    -H 'Content-Type: application/json' -d '{"name":"bench"}' | sed -E 's/.*"id":"([^"]+)".*/\1/')
  echo "$token $project"
}

now() { date +%s.%N; }
elapsed() { echo "$2 - $1" | bc; }
