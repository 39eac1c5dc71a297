#!/usr/bin/env bash
# Brings up the local PostgreSQL 15 cluster the server tests and benchmarks run against, idempotently:
# starts it if it is down, and creates the login role the tests use if it is missing.
# Where PostgreSQL is not installed, it says so and exits 0 (the PostgreSQL half of the suite then skips
# with a printed reason) — except in CI (CI=true), where the PostgreSQL half must run, so that is a failure.
set -euo pipefail

ROLE="${PARTNERSKAB_PG_ROLE:-partnerskab}"
PASSWORD="${PARTNERSKAB_PG_PASSWORD:-partnerskab}"
VERSION=15
CLUSTER=main

fail_or_skip() {
  if [ "${CI:-}" = "true" ]; then
    echo "ensure-postgres: $1 — CI=true needs PostgreSQL for the server suite; install postgresql-$VERSION or fix the cluster." >&2
    exit 1
  fi
  echo "ensure-postgres: $1 — the PostgreSQL tests will skip (the PGlite tests still run)."
  exit 0
}

if ! command -v pg_ctlcluster >/dev/null 2>&1 || [ ! -d "/usr/lib/postgresql/$VERSION" ]; then
  fail_or_skip "PostgreSQL $VERSION is not installed (no pg_ctlcluster or /usr/lib/postgresql/$VERSION)"
fi
if [ "$(id -u)" != "0" ] && ! id postgres >/dev/null 2>&1; then
  fail_or_skip "no postgres system user to run the cluster as"
fi

as_postgres() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else sudo -n -u postgres -- "$@"; fi
}

port="$(pg_lsclusters --no-header 2>/dev/null | awk -v v="$VERSION" -v c="$CLUSTER" '$1==v && $2==c {print $3}')"
if [ -z "$port" ]; then
  fail_or_skip "no cluster $VERSION/$CLUSTER (create it with: pg_createcluster $VERSION $CLUSTER)"
fi

status="$(pg_lsclusters --no-header | awk -v v="$VERSION" -v c="$CLUSTER" '$1==v && $2==c {print $4}')"
if [ "$status" != "online" ]; then
  if ! pg_ctlcluster --skip-systemctl-redirect "$VERSION" "$CLUSTER" start; then
    fail_or_skip "the cluster $VERSION/$CLUSTER would not start (see /var/log/postgresql/postgresql-$VERSION-$CLUSTER.log)"
  fi
fi

# The server waits for connections a moment after pg_ctlcluster returns.
for _ in $(seq 1 30); do
  if as_postgres psql -p "$port" -Atqc 'select 1' >/dev/null 2>&1; then break; fi
  sleep 0.5
done

exists="$(as_postgres psql -p "$port" -Atqc "select 1 from pg_roles where rolname = '$ROLE'")"
if [ "$exists" != "1" ]; then
  as_postgres psql -p "$port" -q -c "CREATE ROLE \"$ROLE\" LOGIN CREATEDB PASSWORD '$PASSWORD'"
  echo "ensure-postgres: created role $ROLE"
fi
# DROP DATABASE … WITH (FORCE), as each suite drops its database, must end an autovacuum worker that is busy
# on it; without pg_signal_backend the drop fails ("must be a member of the role whose process is being
# terminated"), as seen after the bench's 5,000 saves. Granting again is harmless.
as_postgres psql -p "$port" -q -c "GRANT pg_signal_backend TO \"$ROLE\"" 2>&1 | grep -v 'is already a member' || true

echo "ensure-postgres: PostgreSQL $VERSION is up; tests use TEST_DATABASE_URL=postgres://$ROLE:$PASSWORD@127.0.0.1:$port/postgres"
