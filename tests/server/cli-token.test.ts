/** `npm run cli -- token …` against a real embedded database in a temporary DATA_DIR. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runTokenCommand } from '../../server/cli/token';
import { openDatabase } from '../../server/db/connect';
import { findActiveToken } from '../../server/db/tokens';

const dir = mkdtempSync(join(tmpdir(), 'partnerskab-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runTokenCommand(args, { out: (t) => out.push(t), err: (t) => err.push(t) }, { DATA_DIR: dir });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('token command', () => {
  let silentToken = '';

  it('creates a token; --silent prints the token alone', async () => {
    const silent = await run(['create', '--name', 'Økonomi', '--role', 'editor', '--silent']);
    expect(silent).toMatchObject({ code: 0, err: '' });
    expect(silent.out).toMatch(/^pks_[A-Za-z0-9_-]{43}$/);
    silentToken = silent.out;

    const loud = await run(['create', '--name', 'Rapport', '--role', 'reader']);
    expect(loud.code).toBe(0);
    expect(loud.out).toMatch(/reader token "Rapport".*shown only this once/s);
  });

  it('lists tokens without their secrets, and refuses a second active token of one name', async () => {
    const list = await run(['list']);
    expect(list.code).toBe(0);
    expect(list.out).toMatch(/Økonomi\teditor\tactive/);
    expect(list.out).toMatch(/Rapport\treader\tactive/);
    expect(list.out).not.toContain(silentToken);
    const dup = await run(['create', '--name', 'Økonomi', '--role', 'admin']);
    expect(dup.code).toBe(1);
    expect(dup.err).toContain('already named "Økonomi"');
  });

  it('revokes by name, after which the token is no longer accepted', async () => {
    expect((await run(['revoke', 'Økonomi'])).code).toBe(0);
    expect((await run(['revoke', 'Økonomi'])).code).toBe(1);
    const database = await openDatabase({ kind: 'pglite', dataDir: dir });
    try {
      expect(await findActiveToken(database.db, silentToken)).toBeNull();
    } finally {
      await database.close();
    }
    expect((await run(['list'])).out).toMatch(/Økonomi\teditor\trevoked/);
  });

  it('explains usage mistakes with exit code 2', async () => {
    expect(await run(['create', '--role', 'editor'])).toMatchObject({ code: 2, err: expect.stringContaining('--name') });
    expect(await run(['create', '--name', 'x', '--role', 'boss'])).toMatchObject({ code: 2, err: expect.stringContaining('reader, editor, admin') });
    expect(await run(['rotate'])).toMatchObject({ code: 2, err: expect.stringContaining('unknown subcommand') });
  });
});
