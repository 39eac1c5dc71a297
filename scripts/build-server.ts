/**
 * Builds the service into dist/server/: main.mjs (server/main.ts bundled, packages left to node_modules),
 * parse-worker.mjs (the .xlsx reading worker, started by main.mjs from beside it) and migrations/.
 * `npm start` runs main.mjs with plain Node: under tsx the service sat at ~180 MB RSS before its first
 * request, built ~90 MB (tsx's loader thread and its transpiled copies of every module are gone).
 */
import { cpSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const serverDist = join(root, 'dist', 'server');

/** Builds beside `target` and swaps it in, so a service started from `target` never sees half a build. */
export async function buildServer(target = serverDist): Promise<string> {
  const outDir = `${target}.build-${process.pid}`;
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  await build({
    entryPoints: {
      main: join(root, 'server', 'main.ts'),
      'parse-worker': join(root, 'server', 'xlsx', 'parse-worker.ts'),
      'save-worker': join(root, 'server', 'save-worker.ts'),
    },
    outdir: outDir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
  // connect.ts finds its migrations beside the module that holds it.
  cpSync(join(root, 'server', 'db', 'migrations'), join(outDir, 'migrations'), { recursive: true });
  rmSync(target, { recursive: true, force: true });
  renameSync(outDir, target);
  return target;
}

/**
 * The Node flags `npm start` runs dist/server/main.mjs with, read from package.json's "start" script, so that
 * the bench and the tests that start the built service run it exactly as npm start does. Why each (built
 * service, the bench's sequence: 10,000 snapshots, districts and save load, then the exports):
 *   --max-semi-space-size=8   a young generation of 16 MB rather than V8's 32. Once a save burst has grown it,
 *                             it stays committed. PGlite: RSS after the save load 196-199 -> 170-171 MB,
 *                             export peak 215-225 -> 189-192 MB (with the next flag); saves 545-571/s against
 *                             566-615. PostgreSQL, where the checks run in workers (server/save-checks.ts):
 *                             1,120-1,362 against 1,048-1,267 saves/s interleaved, RSS 175-178 -> 151-154 MB.
 *                             The exports run slower for it, .xlsx ~300 against ~230 ms, still far inside 1 s.
 *                             (At 4 MB PGlite's saves fell to 261-304/s.)
 *   --heap-growing-percent=25 after a full GC the old generation grows to 1.25 × what survived before the next
 *                             one, rather than up to 4 ×, V8's choice for a process that allocates fast: ~25 MB
 *                             live, so old space 35-39 MB after the load rather than 43-50 (and 48-95 without
 *                             the flag). CPU per save the same within noise on both databases.
 *   --v8-pool-size=1          one V8 worker thread rather than one per core: each thread that compiles or helps
 *                             the GC keeps its own malloc arena, 18-26 MB all told on PGlite rather than 36-72
 *                             (measured while PGlite's WebAssembly still tiered up on those threads; it runs
 *                             Liftoff only now, server/db/connect.ts). CPU per save and per districts request
 *                             the same within noise.
 */
export function startFlags(): string[] {
  const start = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;
  const match = /\bnode((?:\s+--\S+)*)\s+dist\/server\/main\.mjs\b/.exec(start);
  if (!match) throw new Error(`package.json "start" does not run "node [flags] dist/server/main.mjs": ${start}`);
  return match[1].trim().split(/\s+/).filter(Boolean);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const out = await buildServer();
  console.log(`service built into ${out}`);
}
