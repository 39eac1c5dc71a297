/**
 * `validate --previous LAST-YEAR.xlsx` as a real process: change-vs-previous fires in the CLI as it does in
 * the service, and every previous file that cannot be used gets one line in the user's language, exit 2.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { budgetHeader, membershipHeader, membershipRow, sheetWith, standardRow } from './broken-workbooks';
import { scratchDir, spawnCli, type CliResult } from './run-cli';

interface JsonIssue { code: string; severity: string; sheet: string | null; cell: string | null; value: unknown; message: string }

const dir = scratchDir();
const file = (name: string) => join(dir, name);
const names = ['BK Union', 'IF Stadion', 'Krumspring'];

async function write(name: string, build: (wb: ExcelJS.Workbook) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  await wb.xlsx.writeFile(file(name));
  return file(name);
}

function membershipYear(wb: ExcelJS.Workbook, year: number | null, under25: number[]): void {
  sheetWith(wb, year === null ? 'Medlemstal' : `Medlemstal ${year}`, [membershipHeader, ...names.map((n, i) => membershipRow(n, under25[i]))]);
}

function budgetYear(wb: ExcelJS.Workbook, year: number): void {
  sheetWith(wb, `Budget ${year}`, [budgetHeader, ...names.map((n) => standardRow(n))]);
}

let current: string;
beforeAll(async () => {
  // Krumspring goes from 200 to 300 members under 25 (+50 %, over the 30 % the programme allows without a look).
  current = await write('medlemstal-2025.xlsx', (wb) => {
    budgetYear(wb, 2025);
    membershipYear(wb, 2025, [200, 210, 300]);
  });
  await write('medlemstal-2024.xlsx', (wb) => membershipYear(wb, 2024, [200, 200, 200]));
  await write('uden-aar.xlsx', (wb) => membershipYear(wb, null, [200, 200, 200]));
  await write('medlemstal-2023.xlsx', (wb) => membershipYear(wb, 2023, [200, 200, 200]));
  await write('kun-budget-2024.xlsx', (wb) => budgetYear(wb, 2024));
  await write('cpr-2024.xlsx', (wb) => {
    membershipYear(wb, 2024, [200, 200, 200]);
    wb.getWorksheet('Medlemstal 2024')!.getCell('I2').value = '010190-1234';
  });
  writeFileSync(file('tekst.xlsx'), 'Forening;Medlemmer\r\nBK Union;200\r\n');
});

function issues(r: CliResult): JsonIssue[] {
  return (JSON.parse(r.stdout) as { issues: JsonIssue[] }).issues;
}

describe('validate --previous', () => {
  it('last year\'s workbook: change-vs-previous at the association\'s cell, in Danish and English; without it, none', async () => {
    const da = await spawnCli(['validate', current, '--previous', file('medlemstal-2024.xlsx'), '--format', 'json']);
    expect(da.stderr).toBe('');
    expect(da.code).toBe(0);
    const found = issues(da).filter((i) => i.code === 'change-vs-previous');
    expect(found).toEqual([expect.objectContaining({ severity: 'warning', sheet: 'Medlemstal 2025', cell: 'E4', value: 300 })]);
    expect(found[0].message).toBe('E4: Medlemmer under 25 hos "Krumspring" er 300 mod 200 i 2024 (+50 %). Tjek tallet.');
    const en = await spawnCli(['validate', current, '--previous', file('medlemstal-2024.xlsx'), '--lang', 'en']);
    expect(en.stdout).toMatch(/^ {2}Warning +Medlemstal 2025!E4 {2}\[change-vs-previous\] {2}Members under 25 at "Krumspring" come to 300 against 200 in 2024 \(\+50 %\)\. Check the figure\.$/m);
    const without = await spawnCli(['validate', current, '--format', 'json']);
    expect(issues(without).filter((i) => i.code === 'change-vs-previous')).toEqual([]);
  });

  it('a previous workbook that names no year is taken as the year before', async () => {
    const r = await spawnCli(['validate', current, '--previous', file('uden-aar.xlsx'), '--format', 'json']);
    expect(r.code).toBe(0);
    expect(issues(r).filter((i) => i.code === 'change-vs-previous').map((i) => i.cell)).toEqual(['E4']);
  });

  const refusals: Array<[string, () => string[], RegExp, RegExp]> = [
    ['a missing file', () => ['--previous', file('findes-ikke.xlsx')], /^--previous findes-ikke\.xlsx: .*findes ikke/, /^--previous findes-ikke\.xlsx: .*(not exist|not found|no such)/i],
    ['a text file named .xlsx', () => ['--previous', file('tekst.xlsx')], /^--previous tekst\.xlsx: tekst\.xlsx er ikke en Excel-projektmappe/, /^--previous tekst\.xlsx: tekst\.xlsx is not an xlsx workbook \(it looks like a CSV or text file\)/],
    ['the wrong year', () => ['--previous', file('medlemstal-2023.xlsx')], /^--previous medlemstal-2023\.xlsx: filen er fra 2023, men det tjekkede år er 2025: giv projektmappen fra 2024\.$/, /^--previous medlemstal-2023\.xlsx: the file is from 2023, but the year being checked is 2025: give the workbook of 2024\.$/],
    ['the same file', () => ['--previous', current], /^--previous skal være sidste års projektmappe, ikke den samme fil\.$/, /^--previous must be last year's workbook, not the same file\.$/],
    ['a workbook with only a budget sheet', () => ['--previous', file('kun-budget-2024.xlsx')], /der er intet medlemstalsark med foreninger at sammenligne med\.$/, /there is no membership sheet with associations to compare with\.$/],
    ['a workbook with a CPR number', () => ['--previous', file('cpr-2024.xlsx')], /personoplysninger \(et CPR-nummer\); tjek den først med validate\.$/, /personal data \(a CPR number\); check it with validate first\.$/],
    ['--previous without a file', () => ['--previous'], /^validate: --previous skal efterfølges af et filnavn\.$/, /^validate: --previous must be followed by a file name\.$/],
  ];
  it.each(refusals)('%s: exit 2, one line in Danish or English, no report', async (_what, args, da, en) => {
    for (const [lang, want] of [['da', da], ['en', en]] as const) {
      const r = await spawnCli(['validate', current, ...args(), '--lang', lang]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stdout).toBe('');
      const lines = r.stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(want);
      expect(lines[0]).not.toMatch(/Error:|TypeError|at .*\.ts:\d+|010190/);
    }
  });
});
