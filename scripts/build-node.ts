/**
 * The one way the service and the CLI are built for plain Node: TypeScript bundled by esbuild into ESM .mjs
 * files (packages stay in node_modules), the .xlsx parse worker beside the module that starts it, and the
 * database migrations beside the module that runs them. Built into a fresh folder beside the target and
 * swapped in, so a process started from the target meanwhile (other tests, a running service) never sees
 * half a build.
 */
import { cpSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { stampPath } from './build-stamp.mjs';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const migrations = join(root, 'server', 'db', 'migrations');

export interface NodeBuild {
  outDir: string;
  /** Every file the build read, root-relative (packages included; scripts/build-stamp.mjs leaves those to the lockfile). */
  inputs: string[];
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true }).filter((e) => e.isFile()).map((e) => relative(root, join(e.parentPath, e.name)));
}

/**
 * @param entryPoints output name → source file, root-relative
 * @param splitting one file per entry and per module the entries load on demand (`await import(…)`), so a
 *   command loads only what it runs: `--help` neither exceljs nor the database code
 */
export async function buildNode(target: string, entryPoints: Record<string, string>, splitting: boolean): Promise<NodeBuild> {
  const outDir = `${target}.build-${process.pid}`;
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: Object.fromEntries(Object.entries(entryPoints).map(([name, file]) => [name, join(root, file)])),
    outdir: outDir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    metafile: true,
    logLevel: 'warning',
  });
  // connect.ts finds its migrations beside the module that holds it.
  cpSync(migrations, join(outDir, 'migrations'), { recursive: true });
  rmSync(stampPath(target), { force: true });
  rmSync(target, { recursive: true, force: true });
  renameSync(outDir, target);
  return { outDir: target, inputs: [...Object.keys(result.metafile.inputs), ...filesUnder(migrations)] };
}
