/**
 * The CLI as `npm run cli` runs it: built by scripts/build-cli.ts (one chunk per command, the parse worker and
 * the migrations beside them) and started through scripts/when-changed.mjs with plain Node. Its answers
 * must be the ones server/cli.ts gives in this process.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli } from '../../scripts/build-cli';
import { root } from '../../scripts/build-node';
import { runCli, spawnNode, type CliResult } from '../server/cli/run-cli';

// Inside the checkout (dist/), so the bundle finds its packages in node_modules as dist/cli does.
const target = join(root, 'dist', `cli-test-${process.pid}`);
const scratch = mkdtempSync(join(tmpdir(), 'partnerskab-built-cli-'));

function built(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return spawnNode([join(root, 'scripts', 'when-changed.mjs'), '--run', join(target, 'cli.mjs'), ...args], { ...process.env, ...env });
}

beforeAll(async () => {
  const { inputs } = await buildCli(target);
  expect(inputs).toContain('server/cli.ts');
});
afterAll(() => {
  rmSync(target, { recursive: true, force: true });
  rmSync(scratch, { recursive: true, force: true });
});

describe('the built CLI', () => {
  it('keeps each command in a chunk of its own beside the parse worker and the migrations', () => {
    const files = readdirSync(target);
    expect(files).toEqual(expect.arrayContaining(['cli.mjs', 'parse-worker.mjs', 'migrations']));
    expect(files.some((f) => /^validate-.*\.mjs$/.test(f))).toBe(true);
    expect(files.some((f) => /^template-.*\.mjs$/.test(f))).toBe(true);
  });

  it('answers --help, validate and an unknown command as server/cli.ts does', async () => {
    for (const args of [['--help'], ['validate', 'samples/partnerskab-2025.xlsx'], ['validate', 'samples/partnerskab-2025.xlsx', '--lang', 'en'], ['frobnicate'], ['validate', 'samples/absent.xlsx']]) {
      const [ours, inProcess] = await Promise.all([built(args), runCli(args)]);
      expect({ args, ...ours }).toEqual({ args, ...inProcess });
    }
  });

  it('writes the template and reads it back in its worker', async () => {
    const file = join(scratch, 'skabelon.xlsx');
    const wrote = await built(['template', '--year', '2025', '--out', file]);
    expect(wrote.stderr).toBe('');
    expect(wrote.code).toBe(0);
    expect(existsSync(file)).toBe(true);
    const read = await built(['validate', file]);
    expect(read.code).not.toBe(2);
  });

  it('runs token commands on a data dir, with the migrations it carries', async () => {
    const dataDir = join(scratch, 'data');
    const made = await built(['token', 'create', '--name', 'Økonomi', '--role', 'editor'], { DATA_DIR: dataDir, DATABASE_URL: '' });
    expect(made.stderr).toBe('');
    expect(made.code).toBe(0);
    const listed = await built(['token', 'list'], { DATA_DIR: dataDir, DATABASE_URL: '' });
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain('Økonomi');
  });
});
