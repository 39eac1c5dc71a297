/**
 * Builds the task pane into dist/addin/: taskpane.js (one minified bundle of addin/main.ts with the shared
 * core), taskpane.css (minified), taskpane.html and assets/*.png copied. The service serves this folder at
 * /addin/. Also importable: bench/addin.bench.ts and the browser test call buildAddin().
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const addinDist = join(root, 'dist', 'addin');

/** Office's current hosts run the pane in WebView2 (Edge) or Safari's WebKit; Office 2016's IE is not supported. */
const browsers = ['chrome100', 'edge100', 'safari15', 'firefox100'];

/**
 * Builds into a fresh folder beside `outDir`, then swaps it in, so a service serving `outDir` meanwhile
 * (other tests run in parallel) never sees a half-written pane.
 */
export async function buildAddin(target = addinDist): Promise<{ outDir: string; files: string[] }> {
  const outDir = `${target}.build-${process.pid}`;
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(join(outDir, 'assets'), { recursive: true });
  await build({
    entryPoints: [join(root, 'addin', 'main.ts')],
    outfile: join(outDir, 'taskpane.js'),
    bundle: true,
    minify: true,
    format: 'iife',
    target: browsers,
    platform: 'browser',
    legalComments: 'none',
    logLevel: 'warning',
  });
  await build({
    entryPoints: [join(root, 'addin', 'taskpane.css')],
    outfile: join(outDir, 'taskpane.css'),
    bundle: true,
    minify: true,
    target: browsers,
    logLevel: 'warning',
  });
  copyFileSync(join(root, 'addin', 'taskpane.html'), join(outDir, 'taskpane.html'));
  for (const icon of readdirSync(join(root, 'addin', 'assets'))) copyFileSync(join(root, 'addin', 'assets', icon), join(outDir, 'assets', icon));
  const files = [...readdirSync(outDir), ...readdirSync(join(outDir, 'assets')).map((f) => `assets/${f}`)];
  rmSync(target, { recursive: true, force: true });
  renameSync(outDir, target);
  return { outDir: target, files };
}

function newestChange(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestChange(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds only when dist/addin is missing or older than the pane's or the core's sources. */
export async function ensureAddinBuilt(): Promise<void> {
  const built = join(addinDist, 'taskpane.js');
  const sources = Math.max(newestChange(join(root, 'addin')), newestChange(join(root, 'shared')), statSync(fileURLToPath(import.meta.url)).mtimeMs);
  if (existsSync(built) && statSync(built).mtimeMs >= sources) return;
  await buildAddin();
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const { outDir, files } = await buildAddin();
  console.log(`build-addin: ${files.length} files in ${outDir}`);
}
