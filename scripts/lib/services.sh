# Shared by scripts/start and scripts/test: find or start PostgreSQL and Redis.
# Sourced, not executed. Exports DATABASE_URL (and ADMIN_DATABASE_URL for tests).

ROOT_DIR="${ROOT_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
DATA_DIR="$ROOT_DIR/.data"
PRIVATE_PG_PORT="${PRIVATE_PG_PORT:-54329}"

log() { printf '[%s] %s\n' "$(basename "$0")" "$*" >&2; }

pg_bin() {
  local found
  found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -n "$found" ]; then echo "$found"; else dirname "$(command -v initdb 2>/dev/null || echo /nonexistent/initdb)"; fi
}

# pg_answers HOST PORT: true when a server accepts connections there.
pg_answers() {
  if command -v pg_isready >/dev/null 2>&1; then
    pg_isready -q -h "$1" -p "$2" -t 2
  else
    (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null
  fi
}

# Runs a command as a non-root user when we are root (initdb and postgres refuse root).
as_pg_user() {
  if [ "$(id -u)" = "0" ]; then
    local user=postgres
    id "$user" >/dev/null 2>&1 || useradd --system --no-create-home "$user"
    chown -R "$user" "$DATA_DIR/pg" "$DATA_DIR/pg-run" 2>/dev/null || true
    runuser -u "$user" -- "$@"
  else
    "$@"
  fi
}

start_private_pg() {
  local bin; bin=$(pg_bin)
  if [ ! -x "$bin/initdb" ]; then
    log "no PostgreSQL answers on localhost:5432 and none is installed; install PostgreSQL 15+ or set DATABASE_URL"
    return 1
  fi
  mkdir -p "$DATA_DIR/pg" "$DATA_DIR/pg-run"
  if [ "$(id -u)" = "0" ]; then chmod 755 "$DATA_DIR"; fi
  if [ ! -f "$DATA_DIR/pg/PG_VERSION" ]; then
    log "initialising a private PostgreSQL under $DATA_DIR/pg"
    as_pg_user "$bin/initdb" -D "$DATA_DIR/pg" -U postgres -A trust -E UTF8 >/dev/null
  fi
  if ! pg_answers 127.0.0.1 "$PRIVATE_PG_PORT"; then
    log "starting the private PostgreSQL on port $PRIVATE_PG_PORT"
    as_pg_user "$bin/pg_ctl" -D "$DATA_DIR/pg" -l "$DATA_DIR/pg-run/postgres.log" -w \
      -o "-p $PRIVATE_PG_PORT -k $DATA_DIR/pg-run -c listen_addresses=127.0.0.1" start >/dev/null
  fi
}

# Sets DATABASE_URL: the one given, a server on localhost:5432, a system cluster we can start,
# or a private server under ./.data.
ensure_postgres() {
  if [ -n "${DATABASE_URL:-}" ]; then
    export ADMIN_DATABASE_URL="${ADMIN_DATABASE_URL:-$DATABASE_URL}"
    return 0
  fi
  if ! pg_answers 127.0.0.1 5432 && command -v pg_ctlcluster >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
    local ver; ver=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1)
    if [ -n "$ver" ]; then
      log "starting the system PostgreSQL cluster $ver/main"
      pg_ctlcluster --skip-systemctl-redirect "$ver" main start >/dev/null 2>&1 || true
      for _ in $(seq 1 20); do pg_answers 127.0.0.1 5432 && break; sleep 0.5; done
    fi
  fi
  if pg_answers 127.0.0.1 5432; then
    export DATABASE_URL="postgresql://postgres@localhost:5432/${DATABASE_NAME:-analytics_studio}"
    export ADMIN_DATABASE_URL="postgresql://postgres@localhost:5432/postgres"
  else
    start_private_pg || return 1
    export DATABASE_URL="postgresql://postgres@127.0.0.1:$PRIVATE_PG_PORT/${DATABASE_NAME:-analytics_studio}"
    export ADMIN_DATABASE_URL="postgresql://postgres@127.0.0.1:$PRIVATE_PG_PORT/postgres"
  fi
}

redis_answers() {
  if command -v redis-cli >/dev/null 2>&1; then
    [ "$(redis-cli -h 127.0.0.1 -p "$1" ping 2>/dev/null)" = "PONG" ]
  else
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
  fi
}

# Sets TEST_REDIS_URL to a Redis that answers, starting one when needed (tests only: the studio
# itself runs without Redis by default).
ensure_redis() {
  if [ -n "${TEST_REDIS_URL:-}" ]; then return 0; fi
  if ! redis_answers 6379; then
    if ! command -v redis-server >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
      log "installing redis-server"
      (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server) >/dev/null 2>&1 || true
    fi
    if command -v redis-server >/dev/null 2>&1; then
      log "starting Redis on port 6379"
      mkdir -p "$DATA_DIR/redis"
      redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no \
        --dir "$DATA_DIR/redis" --logfile "$DATA_DIR/redis/redis.log" >/dev/null
      for _ in $(seq 1 20); do redis_answers 6379 && break; sleep 0.25; done
    fi
  fi
  if redis_answers 6379; then
    export TEST_REDIS_URL="redis://127.0.0.1:6379/0"
  else
    log "Redis is not available: install redis-server or set TEST_REDIS_URL"
    return 1
  fi
}

# drop_app_database DBNAME: drops a studio database made for a test or benchmark run, and the
# project reader roles it created (roles are cluster-wide and outlive the database).
drop_app_database() {
  local db=$1 roles
  roles=$(psql "${ADMIN_DATABASE_URL%/*}/$db" -tAc \
    "SELECT 'as_r_' || replace(id::text, '-', '') FROM projects" 2>/dev/null || true)
  psql "$ADMIN_DATABASE_URL" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  for role in $roles; do
    psql "$ADMIN_DATABASE_URL" -qc "DROP ROLE IF EXISTS \"$role\"" >/dev/null 2>&1 || true
  done
}

# A TCP port nothing listens on now (for a server of a test run, so two runs on one machine never
# meet on a fixed port); $1 is the preferred one.
free_port() {
  local port=${1:-8097}
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  echo "$port"
}
