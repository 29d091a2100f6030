#!/usr/bin/env bash
# A PostgreSQL server that lives for one test run, in /tmp, on a loopback port.
#   eval "$(scripts/throwaway-postgres.sh start)"   # exports DATABASE_URL
#   scripts/throwaway-postgres.sh stop
set -euo pipefail
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
PGDATA=${PGDATA:-/tmp/tend-pgdata}
PGPORT=${PGPORT:-54329}
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "${1:-}" in
  start)
    as_postgres "$PGBIN/pg_ctl" -D "$PGDATA" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$PGDATA"; mkdir -p "$PGDATA"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$PGDATA"
    as_postgres "$PGBIN/initdb" -D "$PGDATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    as_postgres "$PGBIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -w \
      -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $PGDATA -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
    as_postgres "$PGBIN/psql" -q -h 127.0.0.1 -p "$PGPORT" -U postgres \
      -c "CREATE ROLE tend LOGIN PASSWORD 'tend' CREATEDB" -c "CREATE DATABASE tend OWNER tend" >/dev/null
    echo "export DATABASE_URL=postgres://tend:tend@127.0.0.1:$PGPORT/tend"
    ;;
  stop)
    as_postgres "$PGBIN/pg_ctl" -D "$PGDATA" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$PGDATA"
    ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
