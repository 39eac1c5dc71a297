/**
 * `validate FILE --fix NEW.xlsx` as a person runs it: the staff-style sample's 64 safe fixes written into a
 * copy, the copy read back by our reader, by openpyxl and by LibreOffice (which recalculates the =SUM total),
 * the file itself unchanged, and the refusals that keep it so.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, linkSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readWorkbookFile } from '../../../server/xlsx/read-workbook';
import { openZip, readEntry, storedBytes } from '../../../server/xlsx/zip';
import { repoRoot, scratchDir, spawnCli } from './run-cli';

const dir = scratchDir();
const sample = join(repoRoot, 'samples/budget-staff-style.xlsx');
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

interface FixJson {
  ok: boolean;
  counts: { error: number; warning: number; info: number };
  issues: Array<{ code: string; cell: string | null; fix?: { cell: string } }>;
  summary: { total: { grant: number; associations: number } };
  fixed: {
    file: string;
    cells: Array<{ sheet: string; cell: string; code: string; before: unknown; after: unknown; numberFormat?: string }>;
    skipped: unknown[];
    recalculated: string[];
    copy: { error: number; warning: number; info: number };
  } | null;
}

function hasCommand(cmd: string, args: string[]): boolean {
  return spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;
}

describe('validate --fix on the staff-style sample', () => {
  const input = join(dir, 'budget.xlsx');
  const out = join(dir, 'budget-rettet.xlsx');
  copyFileSync(sample, input);
  const before = sha(input);
  let run: Promise<{ code: number; stdout: string; stderr: string }> | null = null;
  const fixOnce = () => (run ??= spawnCli(['validate', input, '--fix', out, '--format', 'json']));

  it('writes the 64 fixes into the copy and says each: cell, before → after; the file itself is unchanged', async () => {
    const { code, stdout, stderr } = await fixOnce();
    expect(stderr).toBe('');
    // The exit code is the file's: its =SUM total is short.
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as FixJson;
    expect(report.fixed).not.toBeNull();
    const fixed = report.fixed!;
    expect(fixed.file).toBe(out);
    expect(fixed.cells).toHaveLength(64);
    expect(fixed.cells.map((c) => c.cell).sort()).toEqual(report.issues.filter((i) => i.fix).map((i) => i.fix!.cell).sort());
    expect(fixed.cells).toContainEqual({ sheet: 'Økonomi', cell: 'D7', code: 'text-amount', before: '250.000 kr.', after: 250_000, numberFormat: '#,##0 "kr."' });
    expect(fixed.cells).toContainEqual({ sheet: 'Økonomi', cell: 'C22', code: 'spelling-variant', before: 'Sydhavnen', after: 'Vesterbro/Kongens Enghave' });
    expect(fixed.skipped).toEqual([]);
    // The I alt row's two SUMs read fixed amounts; the hours and salary SUMs do not.
    expect(fixed.recalculated).toEqual(['Økonomi!D28', 'Økonomi!E28']);
    expect(fixed.copy).toEqual({ error: 0, warning: 0, info: 3 });
    expect(sha(input)).toBe(before);
  });

  it('the copy, validated: no fixable finding left, no total-mismatch, the same totals', async () => {
    await fixOnce();
    const { code, stdout } = await spawnCli(['validate', out, '--format', 'json']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as FixJson;
    expect(report.issues.filter((i) => i.fix)).toEqual([]);
    expect(report.issues.map((i) => i.code).sort()).toEqual(['total-row', 'total-row', 'unknown-column']);
    expect(report.summary.total).toMatchObject({ associations: 21, grant: 5_850_000 });
  });

  it('changes only the fixed cells and the two cached totals; every other part is byte for byte the original', async () => {
    await fixOnce();
    const [a, b] = [openZip(readFileSync(sample)), openZip(readFileSync(out))];
    expect(b.entries.map((e) => e.name)).toEqual(a.entries.map((e) => e.name));
    const budget = { left: 1e9, limit: 1e9 };
    const changedParts = a.entries.filter((e, i) => !readEntry(a, e, budget).equals(readEntry(b, b.entries[i], budget))).map((e) => e.name);
    expect([...changedParts].sort()).toEqual(['xl/styles.xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml']);
    for (const [i, e] of a.entries.entries()) {
      if (!changedParts.includes(e.name)) expect(storedBytes(b, b.entries[i]).equals(storedBytes(a, e)), e.name).toBe(true);
    }
    expect(readEntry(b, b.byName.get('xl/workbook.xml')!, budget).toString()).toContain('fullCalcOnLoad="1"');

    const [original, copy] = [await readWorkbookFile(sample), await readWorkbookFile(out)];
    const fixedCells = new Set((JSON.parse((await fixOnce()).stdout) as FixJson).fixed!.cells.map((c) => c.cell));
    const differing: string[] = [];
    original.sheets.forEach((s, k) => {
      s.values.forEach((row, r) => row.forEach((v, c) => {
        const address = `${String.fromCharCode(65 + c)}${r + 1}`;
        if (copy.sheets[k].values[r][c] !== v || copy.sheets[k].numberFormat![r][c] !== s.numberFormat![r][c]) differing.push(`${s.name}!${address}`);
      }));
      expect(copy.sheets[k].formulas).toEqual(s.formulas);
    });
    expect(differing.filter((d) => !(d.startsWith('Økonomi!') && fixedCells.has(d.slice('Økonomi!'.length))))).toEqual(['Økonomi!D28', 'Økonomi!E28']);
    expect(copy.sheets[0].valueTypes![27][3]).toBe('Uncalculated');
  });

  it('openpyxl opens the copy: numbers with the DKK format, canonical spellings, the formulas kept', async (ctx) => {
    if (!hasCommand('python3', ['-c', 'import openpyxl'])) ctx.skip('python3 with openpyxl is not installed (apt-get install python3-openpyxl)');
    await fixOnce();
    const script = `
import json, sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])['Økonomi']
print(json.dumps([ws['D7'].value, ws['D7'].number_format, ws['C22'].value, ws['H5'].value, ws['D28'].value]))`;
    const cells = JSON.parse(execFileSync('python3', ['-c', script, out], { encoding: 'utf8' })) as unknown[];
    expect(cells).toEqual([250_000, '#,##0 "kr."', 'Vesterbro/Kongens Enghave', 'Ja', '=SUM(D5:D26)']);
  });

  it('LibreOffice opens the copy and its =SUM totals add up the fixed amounts (5.850.000, 1.530.000)', async (ctx) => {
    if (!hasCommand('soffice', ['--version'])) ctx.skip('LibreOffice is not installed (apt-get install -y libreoffice-calc-nogui)');
    await fixOnce();
    const csvDir = scratchDir();
    // Comma-separated, double quotes, UTF-8, values as stored (not as shown). A profile of its own, so a running LibreOffice does not interfere.
    execFileSync('soffice', [`-env:UserInstallation=file://${csvDir}/profile`, '--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false', '--outdir', csvDir, out], { stdio: 'ignore' });
    const rows = readFileSync(join(csvDir, 'budget-rettet.csv'), 'utf8').split('\n').map((l) => l.split(','));
    const total = rows.find((r) => r[0] === 'I alt')!;
    expect(total.slice(3, 7)).toEqual(['5850000', '1530000', '598', '7632000']);
    expect(rows.find((r) => r[0] === 'Krumspring')!.slice(1, 4)).toEqual(['standard', 'Brønshøj-Husum', '250000']);
  });

  it('text output: what changed, in Danish and in English', async () => {
    const da = await spawnCli(['validate', input, '--fix', join(dir, 'da.xlsx')]);
    expect(da.code).toBe(1);
    expect(da.stdout).toContain('Rettet i kopien ' + join(dir, 'da.xlsx') + ' (64 celler):');
    expect(da.stdout).toMatch(/^ {2}Økonomi!D7 +"250\.000 kr\." → 250000 \(tal, formatet #,##0 "kr\."\)$/m);
    expect(da.stdout).toMatch(/^ {2}Økonomi!H5 +"x" → "Ja"$/m);
    expect(da.stdout).toContain('Formlerne i Økonomi!D28 og Økonomi!E28 bygger på rettede celler');
    expect(da.stdout).toContain('Kopien giver 0 fejl, 0 advarsler, 3 oplysninger.');
    expect(da.stdout).toContain('budget.xlsx er uændret.');
    const en = await spawnCli(['validate', input, '--fix', join(dir, 'en.xlsx'), '--lang', 'en']);
    expect(en.stdout).toContain('Changed in the copy ' + join(dir, 'en.xlsx') + ' (64 cells):');
    expect(en.stdout).toMatch(/^ {2}Økonomi!D7 +"250\.000 kr\." → 250000 \(number, format #,##0 "kr\."\)$/m);
    expect(en.stdout).toContain('The copy gives 0 errors, 0 warnings, 3 info.');
    expect(sha(input)).toBe(before);
  });
});

describe('validate --fix refuses what would change the file or another file', () => {
  const input = join(dir, 'egen.xlsx');
  copyFileSync(sample, input);
  const before = sha(input);
  const oneLine = (r: { code: number; stdout: string; stderr: string }) => {
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    return lines[0];
  };

  it.each([
    ['the file itself', () => input],
    ['the file by another path', () => relative(repoRoot, input)],
    ['a hard link to the file', () => {
      const link = join(dir, 'link.xlsx');
      if (!existsSync(link)) linkSync(input, link);
      return link;
    }],
  ])('--fix naming %s: exit 2, one line, the file unchanged (also with --force)', async (_what, target) => {
    const t = target();
    expect(oneLine(await spawnCli(['validate', input, '--fix', t]))).toMatch(/^--fix .*er selve filen, der tjekkes: giv den rettede kopi et andet navn/);
    expect(oneLine(await spawnCli(['validate', input, '--fix', t, '--force', '--lang', 'en']))).toMatch(/^--fix .*is the file being checked/);
    expect(sha(input)).toBe(before);
  });

  it('an existing copy is not overwritten without --force; with --force it is', async () => {
    const taken = join(dir, 'findes.xlsx');
    writeFileSync(taken, 'mine');
    expect(oneLine(await spawnCli(['validate', input, '--fix', taken]))).toBe(`${taken} findes allerede. Vælg et andet navn med --fix, eller tilføj --force for at overskrive den.`);
    expect(readFileSync(taken, 'utf8')).toBe('mine');
    const forced = await spawnCli(['validate', input, '--fix', taken, '--force']);
    expect(forced.code).toBe(1);
    expect((await readWorkbookFile(taken)).sheets[0].values[6][3]).toBe(250_000);
  });

  it('--force without --fix, and --fix to a .csv: exit 2 with one line', async () => {
    expect(oneLine(await spawnCli(['validate', input, '--force']))).toBe('--force bruges kun sammen med --fix NY.xlsx (validate ændrer aldrig selve filen).');
    expect(oneLine(await spawnCli(['validate', input, '--fix', join(dir, 'x.csv'), '--lang', 'en']))).toMatch(/^--fix .*x\.csv: the file is an Excel workbook and must be named \.xlsx, not \.csv/);
    expect(existsSync(join(dir, 'x.csv'))).toBe(false);
  });

  it('a workbook without safe fixes: says so and writes no copy', async () => {
    const target = join(dir, 'ingen.xlsx');
    const r = await spawnCli(['validate', join(repoRoot, 'samples/partnerskab-2025.xlsx'), '--fix', target]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('partnerskab-2025.xlsx har ingen sikre rettelser, så der er ikke skrevet nogen kopi.');
    expect(existsSync(target)).toBe(false);
    const json = await spawnCli(['validate', join(repoRoot, 'samples/partnerskab-2025.xlsx'), '--fix', target, '--format', 'json']);
    expect((JSON.parse(json.stdout) as FixJson).fixed).toBeNull();
  });
});
