#!/usr/bin/env bash
# The README's test command. Brings up what the tests need outside package.json (PostgreSQL, Chromium),
# idempotently, builds the task pane, then runs the whole suite.
set -euo pipefail
cd "$(dirname "$0")/.."
for prep in scripts/ensure-postgres.sh scripts/ensure-chromium.sh; do
  if [ -f "$prep" ]; then bash "$prep"; fi
done
if [ -f scripts/build-addin.ts ]; then npx tsx scripts/build-addin.ts; fi
exec npx vitest run "$@"
