#!/usr/bin/env bash
# Installs and runs the real services the tests and the demo need, on loopback with throwaway data.
# Used by developers, by the vitest global setup and by .ci/run alike. Idempotent.
#   bash .ci/services.sh install   apt packages that are missing (PostgreSQL, Redis, Chromium, poppler-utils)
#   bash .ci/services.sh start     start PostgreSQL and Redis unless already up; prints DATABASE_URL= and REDIS_URL=
#   bash .ci/services.sh stop      stop them and delete their data
set -euo pipefail
RUN_DIR=${SERVICES_DIR:-/tmp/ftp-assistant-services}
PG_PORT=${PG_PORT:-54329}
REDIS_PORT=${REDIS_PORT:-63799}

pgbin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

install() {
  local need=()
  [ -n "$(pgbin)" ] || need+=(postgresql postgresql-contrib)
  command -v redis-server >/dev/null || need+=(redis-server)
  [ -x /usr/bin/chromium ] || need+=(chromium)
  command -v pdftotext >/dev/null || need+=(poppler-utils)
  if [ ${#need[@]} -gt 0 ]; then
    echo "installing: ${need[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  fi
}

start() {
  local PGBIN; PGBIN=$(pgbin)
  mkdir -p "$RUN_DIR" && chmod 755 "$RUN_DIR"
  if ! pg_isready -q -h 127.0.0.1 -p "$PG_PORT"; then
    rm -rf "$RUN_DIR/pg" "$RUN_DIR/pgsock"
    mkdir -p "$RUN_DIR/pg" "$RUN_DIR/pgsock"
    chown postgres:postgres "$RUN_DIR/pg" "$RUN_DIR/pgsock"
    # initdb refuses root; fsync and friends are off because the data is thrown away.
    runuser -u postgres -- "$PGBIN/initdb" -D "$RUN_DIR/pg" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$RUN_DIR/pg" -l "$RUN_DIR/pgsock/postgres.log" -w -t 30 \
      -o "-p $PG_PORT -k $RUN_DIR/pgsock -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      start >/dev/null
  fi
  if ! redis-cli -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG; then
    redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --dir "$RUN_DIR" \
      --daemonize yes --pidfile "$RUN_DIR/redis.pid" --logfile "$RUN_DIR/redis.log"
    for _ in $(seq 100); do redis-cli -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG && break; sleep 0.1; done
  fi
  pg_isready -q -h 127.0.0.1 -p "$PG_PORT"
  echo "DATABASE_URL=postgres://postgres@127.0.0.1:$PG_PORT/postgres"
  echo "REDIS_URL=redis://127.0.0.1:$REDIS_PORT"
}

stop() {
  local PGBIN; PGBIN=$(pgbin)
  [ -f "$RUN_DIR/pg/postmaster.pid" ] && runuser -u postgres -- "$PGBIN/pg_ctl" -D "$RUN_DIR/pg" -m immediate stop >/dev/null 2>&1 || true
  [ -f "$RUN_DIR/redis.pid" ] && kill "$(cat "$RUN_DIR/redis.pid")" 2>/dev/null || true
  rm -rf "$RUN_DIR"
}

case "${1:-}" in
  install) install ;;
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 install|start|stop" >&2; exit 2 ;;
esac
