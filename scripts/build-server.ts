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
 * the bench and the tests that start the built service run it exactly as npm start does. Why each:
 *   (no --max-semi-space-size) a young generation of 32 MB was worth +10–30 % saves/s while a save's checks ran
 *                             on the event loop. Since they run in a worker on PostgreSQL (server/save-checks.ts),
 *                             it measured 1,051–1,062 against 1,008–1,272 saves/s without it, and cost 80 MB
 *                             resident on PostgreSQL (255 vs 177 MB after saves) and 35–45 MB on PGlite.
 *   --heap-growing-percent=50 after a full GC the old generation grows to 1.5 × what survived before the next
 *                             one, rather than up to 4 ×, V8's choice for a process that allocates fast: after
 *                             the bench's save load the old space held 34–45 MB, not 48–95, of which ~25 live.
 *                             CPU per save the same within noise.
 *   --v8-pool-size=1          one V8 worker thread rather than one per core: each thread that compiles (PGlite's
 *                             WebAssembly tiers up in the background) or helps the GC keeps its own malloc arena,
 *                             18–26 MB all told on PGlite rather than 36–72. CPU per save and per districts
 *                             request the same within noise; PGlite opens ~0.3 s slower.
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
