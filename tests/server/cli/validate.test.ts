import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { catalogue } from '../../../shared/index';
import { brokenWorkbooks, notFromAFile, type BrokenWorkbook } from './broken-workbooks';
import { repoRoot, runCli, scratchDir, spawnCli } from './run-cli';

interface JsonIssue { code: string; severity: string; sheet: string | null; cell: string | null; row: number | null; field: string | null; value: unknown; message: string }
interface JsonReport {
  year: number | null; model: string | null; ok: boolean;
  counts: { error: number; warning: number; info: number };
  issues: JsonIssue[];
  summary: { districts: Array<Record<string, unknown>>; localAreas: unknown[]; funding: unknown[]; total: Record<string, number> };
}

const dir = scratchDir();
const cases = brokenWorkbooks();
const files = new Map<string, string>();

beforeAll(async () => {
  for (const b of cases) {
    const file = join(dir, `${b.name}.xlsx`);
    await b.workbook.xlsx.writeFile(file);
    files.set(b.name, file);
  }
});

function expectFindings(report: JsonReport, b: BrokenWorkbook): void {
  for (const want of b.expected) {
    const at = report.issues.filter((i) => i.code === want.code && i.sheet === want.sheet && i.cell === want.cell);
    expect(at, `${b.name}: ${want.code} at ${want.sheet}!${want.cell}; got ${JSON.stringify(report.issues.filter((i) => i.code === want.code).map((i) => `${i.sheet}!${i.cell}`))}`).toHaveLength(want.count ?? 1);
  }
}

describe('validate, end to end in a separate process', () => {
  it('the illustrative sample: exit 0, the JSON shape of issue 2, 21 associations and 5.850.000 kr.', async () => {
    const { code, stdout, stderr } = await spawnCli(['validate', join(repoRoot, 'samples/partnerskab-2025.xlsx'), '--format', 'json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as JsonReport;
    expect(report).toMatchObject({ year: 2025, model: 'model-2025', ok: true, counts: { error: 0 } });
    expect(report.summary.total).toMatchObject({ associations: 21, extended: 4, grant: 5_850_000 });
    expect(report.summary.districts.find((d) => d.district === 'Bydækkende')).toMatchObject({ associations: 4 });
    for (const d of report.summary.districts) {
      expect(Object.keys(d)).toEqual(expect.arrayContaining(['district', 'associations', 'extended', 'grant', 'cofinancing', 'hours', 'membersUnder25']));
    }
  });

  it('a workbook with every rule broken: exit 1 and each finding at its cell', async () => {
    const b = cases.find((c) => c.name === 'every-rule-broken')!;
    const { code, stdout, stderr } = await spawnCli(['validate', files.get(b.name)!, '--format', 'json', '--lang', 'en']);
    expect(stderr).toBe('');
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as JsonReport;
    expect(report.ok).toBe(false);
    expectFindings(report, b);
    for (const issue of report.issues) {
      expect(Object.keys(issue)).toEqual(expect.arrayContaining(['code', 'severity', 'sheet', 'cell', 'row', 'field', 'value', 'message']));
      if (issue.cell) expect(issue.cell).toMatch(/^[A-Z]{1,3}[1-9]\d*$/);
    }
    expect(report.counts.error).toBe(report.issues.filter((i) => i.severity === 'error').length);
  });

  it('a budget sheet alone: exit 0, and the warning says there is no membership sheet and what follows', async () => {
    const { code, stdout, stderr } = await spawnCli(['validate', files.get('sheet-absent')!]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/· 0 fejl, 2 advarsler, 0 oplysninger$/m);
    expect(stdout).toMatch(/^ {2}Advarsel {3}— {2}\[sheet-absent\] {2}Projektmappen har intet medlemsark; kun budgetarket "Budget 2025" er læst\. .*årets eksport af medlemstal/m);
    const en = await spawnCli(['validate', files.get('sheet-absent')!, '--lang', 'en']);
    expect(en.stdout).toMatch(/^ {2}Warning {4}— {2}\[sheet-absent\] {2}The workbook has no membership sheet/m);
  });

  it('a CSV named .xlsx: exit 2, one line on stderr, nothing on stdout', async () => {
    const file = join(dir, 'budget.xlsx');
    writeFileSync(file, 'Forening;Bydel;Tilskud\r\nBK Union;Nørrebro;250.000\r\n');
    const { code, stdout, stderr } = await spawnCli(['validate', file]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trimEnd().split('\n')).toEqual(['budget.xlsx er ikke en Excel-projektmappe (den ligner en CSV- eller tekstfil): Gem den fra Excel som "Excel-projektmappe (.xlsx)".']);
  });
});

describe('validate, in process', () => {
  it.each(cases.filter((c) => c.name !== 'every-rule-broken').map((c) => [c.name, c] as const))('%s', async (_name, b) => {
    const { code, stdout } = await runCli(['validate', files.get(b.name)!, '--format', 'json', ...(b.args ?? [])]);
    expect(code).toBe(b.exitCode ?? 1);
    expectFindings(JSON.parse(stdout) as JsonReport, b);
  });

  it('the broken workbooks cover every rule of the catalogue that a workbook alone can break', () => {
    const covered = new Set(cases.flatMap((c) => c.expected.map((e) => e.code)));
    const missing = catalogue.map((r) => r.code).filter((code) => !covered.has(code) && !notFromAFile.includes(code));
    expect(missing).toEqual([]);
  });

  it('never prints what looks like a CPR number', async () => {
    const { stdout: json } = await runCli(['validate', files.get('personal-data')!, '--format', 'json']);
    const { stdout: text } = await runCli(['validate', files.get('personal-data')!]);
    expect(json + text).not.toContain('010190');
  });

  it('the staff-style sample: the =SUM total short by the text amounts, explained; each text amount and variant spelling with its fix', async () => {
    const { code, stdout } = await runCli(['validate', join(repoRoot, 'samples/budget-staff-style.xlsx'), '--format', 'json']);
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as Omit<JsonReport, 'issues'> & { issues: Array<JsonReport['issues'][number] & { fix?: { cell: string } }> };
    expect(report.counts).toMatchObject({ error: 2, warning: 0 });
    const counts: Record<string, number> = {};
    for (const i of report.issues) counts[i.code] = (counts[i.code] ?? 0) + 1;
    expect(counts).toEqual({ 'total-mismatch': 2, 'text-amount': 18, 'spelling-variant': 46, 'total-row': 2, 'unknown-column': 1 });
    expect(report.issues.filter((i) => i.fix).map((i) => i.code).every((c) => c === 'text-amount' || c === 'spelling-variant')).toBe(true);
    expect(report.issues.filter((i) => i.fix)).toHaveLength(64);
    expect(report.year).toBe(2025);
    expect(report.summary.total).toMatchObject({ associations: 21, grant: 5_850_000 });
    expect(report.summary.districts.map((d) => d.district)).toEqual(expect.arrayContaining(['Bispebjerg', 'Vesterbro/Kongens Enghave', 'Bydækkende']));
  });

  it('text output: findings as sheet!cell [code] message, then the district table, in Danish or English', async () => {
    const file = files.get('every-rule-broken')!;
    const da = await runCli(['validate', file]);
    expect(da.code).toBe(1);
    expect(da.stdout).toMatch(/^ {2}Fejl {7}Budget 2025!D2 {2}\[grant-mismatch\] {2}Tilskuddet til "Grant Mismatch IF" er 200\.000 kr\./m);
    expect(da.stdout).toMatch(/^Pr\. bydel:$/m);
    expect(da.stdout).toMatch(/^I alt +\d+/m);
    const en = await runCli(['validate', file, '--lang', 'en']);
    expect(en.stdout).toMatch(/^ {2}Warning {4}Budget 2025!G6 {2}\[salary-below-funding\]/m);
    expect(en.stdout).toMatch(/^Per district \(bydel\):$/m);
    expect(en.stdout).toMatch(/The sheet has errors to fix/);
  });

  it('--year overrides the year the workbook states', async () => {
    const { stdout } = await runCli(['validate', join(repoRoot, 'samples/partnerskab-2025.xlsx'), '--format', 'json', '--year', '2020']);
    const report = JSON.parse(stdout) as JsonReport;
    expect(report).toMatchObject({ year: 2020, model: 'model-2012' });
    // model-2012 pays 200.000 kr. a year: every 2025 grant is off, and the first finding says why.
    expect(report.issues.filter((i) => i.code === 'grant-mismatch')).toHaveLength(21);
    expect(report.issues[0]).toMatchObject({ code: 'year-differs', severity: 'warning', sheet: null, value: 2025 });
    expect(report.issues[0].message).toBe('Arket "Budget 2025" siger 2025 i sit navn, men året er sat til 2020, så arkene tjekkes efter 2012-modellen. Er arkene fra 2025, så kør igen med --year 2025 (eller uden --year).');
  });

  it('usage mistakes: exit 2 with one line', async () => {
    for (const args of [['validate'], ['validate', 'x.xlsx', '--year', '25'], ['validate', 'x.xlsx', '--lang', 'de'], ['validate', 'x.xlsx', '--format', 'xml'], ['validate', 'x.xlsx', '--bogus'], ['frobnicate']]) {
      const { code, stdout, stderr } = await runCli(args);
      expect(code, args.join(' ')).toBe(2);
      expect(stdout).toBe('');
      expect(stderr.trimEnd().split('\n'), args.join(' ')).toHaveLength(1);
    }
  });

  it('a missing file: exit 2 naming the path', async () => {
    const { code, stderr } = await runCli(['validate', join(dir, 'findes-ikke.xlsx')]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/findes-ikke\.xlsx: Filen findes ikke/);
  });

  it('--help lists the three commands', async () => {
    const { code, stdout } = await runCli(['--help']);
    expect(code).toBe(0);
    for (const command of ['validate FIL.xlsx', 'template --out', 'token create'])  expect(stdout).toContain(command);
  });
});
