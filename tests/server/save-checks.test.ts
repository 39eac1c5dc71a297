import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { copenhagen, type PreviousMembership } from '../../shared/index';
import type { CheckedBody } from '../../server/save-check';
import { checkInProcess, checkInWorkers } from '../../server/save-checks';
import { associations2025, snapshotBody, workbook, type FixtureAssociation } from './fixtures';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const under25 = (a: FixtureAssociation) => a.age0to12 + a.age13to18 + a.age19to24;
const previousYear = (year: number, factor: number): PreviousMembership => ({
  year,
  snapshotId: `previous-${year}-${factor}`,
  rows: associations2025().map((a) => ({ association: a.association, under25: Math.round(under25(a) * factor) })),
});

// The report crosses the thread as JSON text in a valid save; an invalid one crosses as an object.
function reportOf(r: CheckedBody): { year: number | null; issues: Array<{ code: string }> } {
  if (r.kind !== 'checked') throw new Error(`expected a checked body, got ${r.kind}`);
  return r.workbook.kind === 'valid' ? JSON.parse(r.workbook.save.reportJson) : r.workbook.report;
}
const changeWarnings = (r: CheckedBody) => reportOf(r).issues.filter((i) => i.code === 'change-vs-previous').length;

/** The fixture workbook with a consultant column, which names staff and so is never stored. */
function withConsultant() {
  const wb = workbook();
  const budget = wb.sheets[0].values;
  budget.forEach((row, r) => row.push(r === 0 ? '' : r === 1 ? 'Konsulent' : 'Mette Hansen'));
  return wb;
}

describe('save checks in a worker thread', () => {
  const inWorkers = checkInWorkers(copenhagen, 1);
  const inProcess = checkInProcess(copenhagen);
  afterAll(() => inWorkers.close());

  const broken = associations2025();
  broken[2].grant = -5;
  const bodies: Record<string, string> = {
    valid: JSON.stringify(snapshotBody(workbook())),
    'valid, another year': JSON.stringify(snapshotBody(workbook(2026))),
    'errors in the workbook': JSON.stringify(snapshotBody(workbook(2025, broken))),
    'malformed JSON': '{"sheets": [',
    'wrong-typed body': JSON.stringify({ sheets: 'Budget' }),
    'no sheets': JSON.stringify({ sheets: [] }),
    'consultant named': JSON.stringify(snapshotBody(withConsultant())),
  };

  for (const [name, text] of Object.entries(bodies)) {
    it(`answers as the same checks in this process do: ${name}`, async () => {
      const previousOf = async (year: number) => previousYear(year, 1);
      const [there, here] = await Promise.all([inWorkers(text, previousOf), inProcess(text, previousOf)]);
      expect(there).toEqual(here);
      if (name === 'consultant named') {
        expect(there).toMatchObject({ kind: 'checked', workbook: { kind: 'valid' } });
        const save = there.kind === 'checked' && there.workbook.kind === 'valid' ? there.workbook.save : null;
        expect(save!.budgetJson).not.toContain('Mette Hansen');
      }
    });
  }

  it('compares with the previous year the service holds at each save, not one it sent before', async () => {
    const text = bodies.valid;
    const halved = previousYear(2024, 0.5);
    const same = previousYear(2024, 1);
    // First an object that makes every association grow by 100 %, then one without a change, then the first again.
    expect(changeWarnings(await inWorkers(text, async () => halved))).toBeGreaterThan(0);
    expect(changeWarnings(await inWorkers(text, async () => same))).toBe(0);
    expect(changeWarnings(await inWorkers(text, async () => same))).toBe(0);
    expect(changeWarnings(await inWorkers(text, async () => halved))).toBeGreaterThan(0);
    expect(changeWarnings(await inWorkers(text, async () => null))).toBe(0);
  });

  it('asks for the year before the one each save is for, when saves change year', async () => {
    const asked: number[] = [];
    const previousOf = async (year: number) => (asked.push(year), previousYear(year, 1));
    for (const text of [bodies.valid, bodies['valid, another year'], bodies.valid]) {
      asked.length = 0;
      const result = await inWorkers(text, previousOf);
      const year = reportOf(result).year!;
      expect(asked).toContain(year - 1);
    }
  });

  it('fails a save, with the reason, when the previous year cannot be read', async () => {
    // A year the worker has no hint for, so that it has to ask.
    const text = JSON.stringify(snapshotBody(workbook(2027)));
    await expect(inWorkers(text, async () => Promise.reject(new Error('the database is gone')))).rejects.toThrow('the database is gone');
  });

  it('fails the saves in flight when its worker stops, and starts a new one for the next', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    // The worker waits for this answer, so the job is in flight when the worker is stopped.
    const inFlight = inWorkers(JSON.stringify(snapshotBody(workbook(2028))), async (year) => (await held, previousYear(year, 1)));
    await new Promise((r) => setTimeout(r, 200));
    await inWorkers.close();
    release();
    await expect(inFlight).rejects.toThrow('The save checks stopped');
    const again = await inWorkers(bodies.valid, async (year) => previousYear(year, 1));
    expect(again).toMatchObject({ kind: 'checked', workbook: { kind: 'valid' } });
  });

  it('does not keep a process alive once its saves are checked', () => {
    // A script that checks one save and then has nothing left to do must end by itself.
    const dir = mkdtempSync(join(tmpdir(), 'partnerskab-save-checks-'));
    const script = join(dir, 'one-save.mts');
    const from = (path: string) => JSON.stringify(pathToFileURL(join(root, path)).href);
    writeFileSync(script, `
      import { copenhagen } from ${from('shared/index.ts')};
      import { checkInWorkers } from ${from('server/save-checks.ts')};
      import { snapshotBody, workbook } from ${from('tests/server/fixtures.ts')};
      const result = await checkInWorkers(copenhagen)(JSON.stringify(snapshotBody(workbook())), async () => null);
      console.log(result.kind, result.workbook.kind);
    `);
    const run = spawnSync(process.execPath, ['--import', 'tsx', script], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    rmSync(dir, { recursive: true, force: true });
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe('checked valid');
    expect(run.status).toBe(0);
  });
});
