/**
 * vitest's globalSetup: builds the task pane, the service and the CLI into dist/ with the command `npm start`
 * and `npm run cli` build with (scripts/when-changed.mjs: only what changed since the last build), once per
 * `vitest run`, before any test file starts. The tests then run what users run: plain Node on
 * dist/cli/cli.mjs and dist/server/main.mjs, not tsx compiling server/*.ts at every spawn (~1 s a CLI call).
 *
 * Here and not in scripts/test.sh: `npx vitest run <one file>` from a fresh clone gets the build too, and it
 * runs once in vitest's own process, so two test files never build the same folder at once.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export default function setup(): void {
  const built = spawnSync(process.execPath, [join(root, 'scripts', 'when-changed.mjs'), 'addin', 'server', 'cli'], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) throw new Error(`scripts/when-changed.mjs addin server cli: ${built.error?.message ?? `exit ${built.status ?? built.signal}`} (see above)`);
}
