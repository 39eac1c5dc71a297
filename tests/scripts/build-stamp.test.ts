/**
 * scripts/build-stamp.mjs: `npm start` and `npm run cli` build only when a source changed. A real esbuild
 * build of a small project in a temporary folder; whether it rebuilt is read from the build's own count and
 * output, never from a clock.
 */
import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureBuilt, stampPath } from '../../scripts/build-stamp.mjs';

let root: string;
let builds: number;
const output = () => join(root, 'dist', 'app');

async function buildApp(): Promise<string[]> {
  builds++;
  const result = await build({ absWorkingDir: root, entryPoints: [join(root, 'src', 'main.ts')], outfile: join(output(), 'main.mjs'), bundle: true, platform: 'node', format: 'esm', metafile: true, logLevel: 'silent' });
  return Object.keys(result.metafile.inputs);
}

const ensure = () => ensureBuilt({ root, output: output(), build: buildApp, extra: ['build.config'] });
const built = () => readFileSync(join(output(), 'main.mjs'), 'utf8');

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'partnerskab-stamp-'));
  builds = 0;
  mkdirSync(join(root, 'src'));
  writeFileSync(join(root, 'src', 'main.ts'), "import { word } from './word';\nconsole.log(word);\n");
  writeFileSync(join(root, 'src', 'word.ts'), "export const word: string = 'foerste';\n");
  writeFileSync(join(root, 'src', 'unused.ts'), "export const never = 'not imported';\n");
  writeFileSync(join(root, 'package-lock.json'), '{"lockfileVersion":3}\n');
  writeFileSync(join(root, 'build.config'), 'v1\n');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('build only when sources changed', () => {
  it('builds on the first call (a fresh clone has no dist) and stamps what it read', async () => {
    expect(await ensure()).toBe(true);
    expect(builds).toBe(1);
    expect(built()).toContain('foerste');
    const stamp = JSON.parse(readFileSync(stampPath(output()), 'utf8')) as { files: string[]; fingerprint: string };
    expect(stamp.files).toEqual(['build.config', 'package-lock.json', 'src/main.ts', 'src/word.ts']);
    expect(stamp.fingerprint).toMatch(/^[0-9a-f]{64}$/);
  });

  it('does not build again when nothing changed, nor when a file is rewritten with the same bytes and a new time', async () => {
    await ensure();
    expect(await ensure()).toBe(false);
    writeFileSync(join(root, 'src', 'word.ts'), readFileSync(join(root, 'src', 'word.ts')));
    const later = new Date(Date.now() + 3_600_000);
    utimesSync(join(root, 'src', 'main.ts'), later, later);
    expect(await ensure()).toBe(false);
    expect(builds).toBe(1);
  });

  it('does not build for a change to a file the build never read', async () => {
    await ensure();
    writeFileSync(join(root, 'src', 'unused.ts'), "export const never = 'changed';\n");
    expect(await ensure()).toBe(false);
  });

  it('builds again when an imported source changes, even with its old modification time', async () => {
    await ensure();
    const file = join(root, 'src', 'word.ts');
    const old = new Date(Date.now() - 3_600_000);
    utimesSync(file, old, old);
    writeFileSync(file, "export const word: string = 'anden';\n");
    utimesSync(file, old, old);
    expect(await ensure()).toBe(true);
    expect(built()).toContain('anden');
    expect(await ensure()).toBe(false);
    expect(builds).toBe(2);
  });

  it('builds again when the lockfile, an extra file or the output changes or is gone', async () => {
    await ensure();
    writeFileSync(join(root, 'package-lock.json'), '{"lockfileVersion":3,"packages":{}}\n');
    expect(await ensure()).toBe(true);
    writeFileSync(join(root, 'build.config'), 'v2\n');
    expect(await ensure()).toBe(true);
    rmSync(output(), { recursive: true });
    expect(await ensure()).toBe(true);
    rmSync(join(root, 'src', 'word.ts'));
    writeFileSync(join(root, 'src', 'main.ts'), "console.log('alene');\n");
    expect(await ensure()).toBe(true);
    expect(built()).toContain('alene');
    expect(builds).toBe(5);
  });

  it('builds when the stamp is missing or unreadable', async () => {
    await ensure();
    writeFileSync(stampPath(output()), '{ half');
    expect(await ensure()).toBe(true);
    rmSync(stampPath(output()));
    expect(await ensure()).toBe(true);
    expect(builds).toBe(3);
  });
});
