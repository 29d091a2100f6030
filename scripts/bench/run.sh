#!/usr/bin/env bash
# `make bench`: how fast are Today, the Timeline, Progress and logging a turn with a year of
# history, compared with a minimal Django view that makes one tiny query, on this machine?
#
# 1. a separate SQLite database (never the dev one) seeded with a year of care (seed.py);
# 2. collectstatic, then gunicorn with 2 workers and DEBUG off, as in production;
# 3. log in with curl (a real session cookie and CSRF token);
# 4. wrk at concurrency 4 against each page and the repositioning POST (bench.lua), in
#    interleaved rounds after a warm-up;
# 5. cpu.py prints each page's in-process CPU time (the app's own work, little affected by
#    the machine's load); report.py prints p50/p95 under load and each page's ratio to the
#    minimal view of the same round (median over the rounds), against the targets, and exits
#    non-zero if one is missed.
#
# Settings: BENCH_ROUNDS (5), BENCH_SECONDS (5) per page and round, BENCH_WARMUP (3),
# BENCH_PORT (8097).
set -euo pipefail
set -f  # no globbing: page addresses contain "?"

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
PY="$ROOT/.venv/bin/python"
WORK="${BENCH_WORK:-/tmp/tend-bench}"
DB="${BENCH_DB:-/tmp/tend-bench.sqlite3}"
PORT="${BENCH_PORT:-8097}"
SECONDS_PER_PAGE="${BENCH_SECONDS:-5}"
WARMUP_SECONDS="${BENCH_WARMUP:-3}"
ROUNDS="${BENCH_ROUNDS:-5}"
BASE="http://127.0.0.1:$PORT"
export BENCH_EMAIL="bench@bench.tend" BENCH_PASSWORD="bench-password-2026"

# Production-like settings, but plain http on the loopback. TEND_BENCH=1 is what adds the
# minimal view's URL (core/progress/urls.py); nothing else sets it.
export DEBUG=0 SECRET_KEY="bench-only-$(date +%s)-not-a-real-secret-key-0123456789abcdef" \
  ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=false SESSION_COOKIE_SECURE=false CSRF_COOKIE_SECURE=false \
  SECURE_HSTS_SECONDS=0 DATABASE_URL="sqlite:///$DB" STATIC_ROOT="$WORK/static" \
  PRIVATE_MEDIA_ROOT="$WORK/media" LOG_LEVEL=WARNING TEND_BENCH=1

rm -rf "$WORK" "$DB" "$DB-wal" "$DB-shm"
mkdir -p "$WORK"

echo "== Seeding a year of care into $DB"
"$PY" manage.py migrate -v0
PATIENT="$("$PY" scripts/bench/seed.py)"
"$PY" manage.py collectstatic --noinput -v0

echo "== Starting gunicorn (2 workers, DEBUG off) on $BASE"
"$ROOT/.venv/bin/gunicorn" caregiver.wsgi:application --workers 2 --bind "127.0.0.1:$PORT" \
  --error-logfile "$WORK/gunicorn.log" --log-level warning &
GUNICORN=$!
trap 'kill "$GUNICORN" 2>/dev/null || true; wait "$GUNICORN" 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do
  curl -fsS -o /dev/null "$BASE/bench/minimal/" 2>/dev/null && break
  sleep 0.2
done
curl -fsS -o /dev/null "$BASE/bench/minimal/" || { echo "gunicorn did not start"; cat "$WORK/gunicorn.log"; exit 1; }

echo "== Logging in as $BENCH_EMAIL"
JAR="$WORK/cookies.txt"
token_in() { sed -n 's/.*name="csrfmiddlewaretoken" value="\([^"]*\)".*/\1/p' | head -1; }
LOGIN_TOKEN="$(curl -fsS -c "$JAR" -b "$JAR" "$BASE/accounts/login/" | token_in)"
curl -fsS -o /dev/null -c "$JAR" -b "$JAR" --data-urlencode "csrfmiddlewaretoken=$LOGIN_TOKEN" \
  --data-urlencode "username=$BENCH_EMAIL" --data-urlencode "password=$BENCH_PASSWORD" "$BASE/accounts/login/"
grep -q sessionid "$JAR" || { echo "login failed"; exit 1; }
# Django rotates the CSRF secret at login: take the form's token (and the cookie) from after it.
FORM_TOKEN="$(curl -fsS -c "$JAR" -b "$JAR" "$BASE/p/$PATIENT/log/repositioning/new/" | token_in)"
cookie() { awk -v name="$1" '$6 == name { value = $7 } END { print value }' "$JAR"; }
export BENCH_COOKIE="sessionid=$(cookie sessionid); csrftoken=$(cookie csrftoken)"
export BENCH_CSRF="$FORM_TOKEN"
# "When" is the member's local time (Madrid), a minute ago: never in the future.
OCCURRED="$(TZ=Europe/Madrid date -d '-1 minute' +%Y-%m-%dT%H:%M)"
POST_BODY="occurred_at=${OCCURRED/:/%3A}&position=left_tilt_30&heels_floated=on&note="

RESULTS="$WORK/results.txt"
: > "$RESULTS"
TARGETS=(
  "minimal /bench/minimal/"
  "today /p/$PATIENT/today/"
  "timeline /p/$PATIENT/timeline/"
  "progress /p/$PATIENT/progress/"
  "progress_year /p/$PATIENT/progress/?range=365"
  "post_turn /p/$PATIENT/log/repositioning/new/"
)
run() {  # round name path seconds
  local round="$1" name="$2" path="$3" seconds="$4" method=GET expect=200
  if [ "$name" = post_turn ]; then method=POST expect=302; fi
  env BENCH_NAME="$name" BENCH_METHOD="$method" BENCH_EXPECT="$expect" BENCH_BODY="$POST_BODY" \
    wrk -t1 -c4 -d"${seconds}s" -s scripts/bench/bench.lua "$BASE$path" \
    | grep '^RESULT' | sed "s/^RESULT /RESULT $round /" >> "$RESULTS"
}

# The machine is shared (and its load drifts), so the pages are measured in interleaved
# rounds, each page right after the minimal view; the report takes each page's ratio to
# the minimal view of the same round, then the median over the rounds.
echo "== Load: wrk, 4 connections, $ROUNDS rounds of ${SECONDS_PER_PAGE}s per page (after a ${WARMUP_SECONDS}s warm-up)"
export BENCH_LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
for target in "${TARGETS[@]}"; do run warmup $target "$WARMUP_SECONDS"; done
for round in $(seq 1 "$ROUNDS"); do
  for target in "${TARGETS[@]}"; do run "$round" $target "$SECONDS_PER_PAGE"; done
  echo "   round $round of $ROUNDS done"
done

export BENCH_LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"
kill "$GUNICORN" 2>/dev/null || true

echo
echo "== The app's own work: CPU time per request, in-process (no HTTP, no queueing)"
"$PY" scripts/bench/cpu.py "$PATIENT"
echo
echo "== Under load (wrk, gunicorn)"
"$PY" scripts/bench/report.py "$RESULTS"
