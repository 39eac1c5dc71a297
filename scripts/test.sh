#!/usr/bin/env bash
# The README's test command. Brings up what the tests need outside package.json (PostgreSQL, Chromium),
# idempotently, builds the task pane if its sources changed, then runs the whole suite.
set -euo pipefail
cd "$(dirname "$0")/.."
for prep in scripts/ensure-postgres.sh scripts/ensure-chromium.sh; do
  if [ -f "$prep" ]; then bash "$prep"; fi
done
node scripts/when-changed.mjs addin
exec npx vitest run "$@"
