#!/usr/bin/env bash
# The README's test command. Brings up what the tests need outside package.json (PostgreSQL, Chromium),
# idempotently, then runs the whole suite (vitest.config.ts's globalSetup builds the pane, the service and the
# CLI first, where their sources changed).
set -euo pipefail
cd "$(dirname "$0")/.."
for prep in scripts/ensure-postgres.sh scripts/ensure-chromium.sh; do
  if [ -f "$prep" ]; then bash "$prep"; fi
done
exec npx vitest run "$@"
