/**
 * Builds the task pane into dist/addin/: taskpane.js (one minified bundle of addin/main.ts with the shared
 * core), taskpane.css (minified), taskpane.html and assets/*.png copied. The service serves this folder at
 * /addin/. Also importable: bench/addin.bench.ts and the browser test call buildAddin().
 */
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const addinDist = join(root, 'dist', 'addin');

/** Office's current hosts run the pane in WebView2 (Edge) or Safari's WebKit; Office 2016's IE is not supported. */
const browsers = ['chrome100', 'edge100', 'safari15', 'firefox100'];

export async function buildAddin(outDir = addinDist): Promise<{ outDir: string; files: string[] }> {
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
  return { outDir, files: [...readdirSync(outDir), ...readdirSync(join(outDir, 'assets')).map((f) => `assets/${f}`)] };
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const { outDir, files } = await buildAddin();
  console.log(`build-addin: ${files.length} files in ${outDir}`);
}
