/** `npm run cli -- token …` against a real embedded database in a temporary DATA_DIR. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runTokenCommand } from '../../server/cli/token';
import { wordsFor } from '../../server/cli/words';
import { openDatabase } from '../../server/db/connect';
import { findActiveToken } from '../../server/db/tokens';

const dir = mkdtempSync(join(tmpdir(), 'partnerskab-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io = { out: (t: string) => out.push(t), err: (t: string) => err.push(t) };
  const code = await runTokenCommand(args, { io, lang: 'en', w: wordsFor('en'), env: { DATA_DIR: dir } });
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
    expect(list.out.split('\n')[0]).toMatch(/^Name +Role +Status +Created \(UTC\) +Id$/);
    expect(list.out).toMatch(/^Økonomi +editor +active +\d{4}-\d\d-\d\d \d\d:\d\d +[0-9a-f-]{36}$/m);
    expect(list.out).toMatch(/^Rapport +reader +active /m);
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
    expect((await run(['list'])).out).toMatch(/^Økonomi +editor +revoked \d{4}-/m);
  });

  it('explains usage mistakes with one line and exit code 2', async () => {
    const mistakes: Array<[string[], string]> = [
      [['create', '--role', 'editor'], 'token create: name the token with --name'],
      [['create', '--name', 'x', '--role', 'boss'], 'reader, editor or admin, not "boss"'],
      [['rotate'], 'there is no "rotate"'],
      [['list', '--bogus'], 'token list: there is no option --bogus'],
      [['create', '--name'], 'token create: --name must be followed by a name'],
      [['revoke'], 'token revoke: name the token'],
      [['create', '--name', 'a\uFFFEb'], 'U+FFFE'],
      [['create', '--name', 'x'.repeat(101)], 'at most 100'],
    ];
    for (const [args, text] of mistakes) {
      const r = await run(args).catch((e: Error) => ({ code: 2, out: '', err: e.message }));
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err, args.join(' ')).toContain(text);
      expect(r.err.split('\n'), args.join(' ')).toHaveLength(1);
    }
  });
});
