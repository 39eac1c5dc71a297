/**
 * Builds the service into dist/server/: main.mjs (server/main.ts bundled, packages left to node_modules),
 * parse-worker.mjs (the .xlsx reading worker, started by main.mjs from beside it) and migrations/.
 * `npm start` runs main.mjs with plain Node: under tsx the service sat at ~180 MB RSS before its first
 * request, built ~90 MB (tsx's loader thread and its transpiled copies of every module are gone).
 */
import { cpSync, mkdirSync, renameSync, rmSync } from 'node:fs';
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

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const out = await buildServer();
  console.log(`service built into ${out}`);
}
