/**
 * Builds the CLI into dist/cli/: cli.mjs (server/cli.ts bundled, packages left to node_modules), one chunk per
 * command it loads on demand (validate, template, token: `--help` loads neither exceljs nor the database
 * code), parse-worker.mjs beside the reader that starts it, and migrations/ for `token`.
 * `npm run cli` runs cli.mjs with plain Node, built through scripts/when-changed.mjs only when a source
 * changed: through tsx every call compiled the CLI first (validate took 3.6× a bare read of the same file).
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildNode, root, type NodeBuild } from './build-node';
import { ensureTarget, stampPath } from './build-stamp.mjs';

export const cliDist = join(root, 'dist', 'cli');

const entryPoints = { cli: 'server/cli.ts', 'parse-worker': 'server/xlsx/parse-worker.ts' };

/** Builds beside `target` and swaps it in; returns the files it was built from. */
export function buildCli(target = cliDist): Promise<NodeBuild> {
  return buildNode(target, entryPoints, true);
}

/** dist/cli, for scripts/when-changed.mjs. */
export function build(): Promise<NodeBuild> {
  return buildCli();
}

// `npm run build:cli`: builds now whatever the stamp says, and stamps the result.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  rmSync(stampPath(cliDist), { force: true });
  await ensureTarget('cli', build);
  console.log(`CLI built into ${cliDist}`);
}
