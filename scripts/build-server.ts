/**
 * Builds the service into dist/server/: main.mjs (server/main.ts bundled, packages left to node_modules),
 * check-worker.mjs (the worker that reads an upload and checks saves and uploads, started by main.mjs from
 * beside it) and migrations/.
 * `npm start` runs main.mjs with plain Node: under tsx the service sat at ~180 MB RSS before its first
 * request, built ~90 MB (tsx's loader thread and its transpiled copies of every module are gone).
 * `npm start` builds through scripts/when-changed.mjs, only when a source changed.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildNode, root, type NodeBuild } from './build-node';
import { ensureTarget, stampPath } from './build-stamp.mjs';

export { root };
export const serverDist = join(root, 'dist', 'server');

const entryPoints = { main: 'server/main.ts', 'check-worker': 'server/check-worker.ts' };

/** Builds beside `target` and swaps it in, so a service started from `target` never sees half a build. */
export async function buildServer(target = serverDist): Promise<string> {
  return (await buildNode(target, entryPoints, false)).outDir;
}

/** dist/server, with the files it was built from (for scripts/build-stamp.mjs). */
export function build(): Promise<NodeBuild> {
  return buildNode(serverDist, entryPoints, false);
}

// `npm run build:server`: builds now whatever the stamp says, and stamps the result.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  rmSync(stampPath(serverDist), { force: true });
  await ensureTarget('server', build);
  console.log(`service built into ${serverDist}`);
}
