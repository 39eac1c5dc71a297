/**
 * Builds the task pane into dist/addin/: taskpane.js (one minified bundle of addin/main.ts with the shared
 * core), taskpane.css (minified), taskpane.html and assets/*.png copied. The service serves this folder at
 * /addin/. Also importable: bench/addin.bench.ts and the browser test call buildAddin().
 */
import { copyFileSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as esbuild } from 'esbuild';
import { ensureTarget, stampPath } from './build-stamp.mjs';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const addinDist = join(root, 'dist', 'addin');

/** Office's current hosts run the pane in WebView2 (Edge) or Safari's WebKit; Office 2016's IE is not supported. */
const browsers = ['chrome100', 'edge100', 'safari15', 'firefox100'];

/**
 * Builds into a fresh folder beside `outDir`, then swaps it in, so a service serving `outDir` meanwhile
 * (other tests run in parallel) never sees a half-written pane.
 */
export async function buildAddin(target = addinDist): Promise<{ outDir: string; files: string[]; inputs: string[] }> {
  const outDir = `${target}.build-${process.pid}`;
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(join(outDir, 'assets'), { recursive: true });
  const js = await esbuild({
    absWorkingDir: root,
    metafile: true,
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
  const css = await esbuild({
    absWorkingDir: root,
    metafile: true,
    entryPoints: [join(root, 'addin', 'taskpane.css')],
    outfile: join(outDir, 'taskpane.css'),
    bundle: true,
    minify: true,
    target: browsers,
    logLevel: 'warning',
  });
  const copied = [join(root, 'addin', 'taskpane.html'), ...readdirSync(join(root, 'addin', 'assets')).map((icon) => join(root, 'addin', 'assets', icon))];
  copyFileSync(copied[0], join(outDir, 'taskpane.html'));
  for (const icon of copied.slice(1)) copyFileSync(icon, join(outDir, 'assets', relative(join(root, 'addin', 'assets'), icon)));
  const files = [...readdirSync(outDir), ...readdirSync(join(outDir, 'assets')).map((f) => `assets/${f}`)];
  rmSync(stampPath(target), { force: true });
  rmSync(target, { recursive: true, force: true });
  renameSync(outDir, target);
  const inputs = [...Object.keys(js.metafile.inputs), ...Object.keys(css.metafile.inputs), ...copied.map((f) => relative(root, f))];
  return { outDir: target, files, inputs };
}

/** dist/addin, with the files it was built from (for scripts/build-stamp.mjs). */
export function build(): Promise<{ outDir: string; inputs: string[] }> {
  return buildAddin();
}

/** Builds dist/addin unless it was built from the sources as they are now (scripts/build-stamp.mjs). */
export async function ensureAddinBuilt(): Promise<void> {
  await ensureTarget('addin', build);
}

// `npm run build:addin`: builds now whatever the stamp says, and stamps the result.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  rmSync(stampPath(addinDist), { force: true });
  await ensureTarget('addin', build);
  console.log(`task pane built into ${addinDist}`);
}
