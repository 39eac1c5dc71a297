import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateWorkbook } from '../../../shared/index';
import { readWorkbookFile } from '../../../server/xlsx/read-workbook';
import { buildIllustrativeWorkbook, buildStaffStyleWorkbook } from '../../../samples/build-samples';
import { repoRoot, scratchDir } from './run-cli';

const dir = scratchDir();
const samples = [
  { file: 'samples/partnerskab-2025.xlsx', build: buildIllustrativeWorkbook },
  { file: 'samples/budget-staff-style.xlsx', build: buildStaffStyleWorkbook },
];

describe('the committed sample workbooks', () => {
  it.each(samples)('$file: no warnings; the only errors are the staff-style I alt row that Excel\'s SUM gets wrong', async ({ file }) => {
    const report = validateWorkbook(await readWorkbookFile(join(repoRoot, file)));
    const staff = file.includes('staff-style');
    expect(report.issues.filter((i) => i.severity !== 'info').map((i) => `${i.code}@${i.cell}`)).toEqual(staff ? ['total-mismatch@D28', 'total-mismatch@E28'] : []);
    expect(report).toMatchObject({ year: 2025, model: 'model-2025', ok: !staff });
    expect(report.summary.total).toMatchObject({ associations: 21, extended: 4, grant: 5_850_000 });
    expect(report.summary.localAreas.map((a) => a.extended)).toEqual([1, 1, 1, 1]);
    expect(report.summary.funding.find((f) => f.source === 'kulturpulje')).toMatchObject({ associations: 3, grant: 750_000 });
  });

  it.each(samples)('$file is what samples/write-samples.ts writes today', async ({ file, build }) => {
    const fresh = join(dir, file.replace('samples/', ''));
    await build().xlsx.writeFile(fresh);
    const [committed, rebuilt] = await Promise.all([readWorkbookFile(join(repoRoot, file)), readWorkbookFile(fresh)]);
    expect(committed).toEqual(rebuilt);
  });

  it('the illustrative sample says in the workbook that its figures are invented', async () => {
    const input = await readWorkbookFile(join(repoRoot, 'samples/partnerskab-2025.xlsx'));
    for (const sheet of input.sheets) expect(String(sheet.values[0][0])).toMatch(/Illustrativt eksempel.*opdigtede/);
  });

  it('the staff-style sample has what staff sheets have: title rows, Danish amount text, aliases, a blank row and an I alt row', async () => {
    const input = await readWorkbookFile(join(repoRoot, 'samples/budget-staff-style.xlsx'));
    const cells = input.sheets[0].values.flat();
    expect(cells).toContain('250.000 kr.');
    expect(cells).toEqual(expect.arrayContaining(['Nordvest', 'Sydhavnen', 'Hele byen', 'I alt', 'Foreningsnavn', 'Bevilling (kr.)']));
    expect(input.sheets[0].values.some((row, r) => r > 4 && row.every((v) => v === ''))).toBe(true);
    const report = validateWorkbook(input);
    expect(report.sheets.budget?.headerRow).toBe(4);
  });
});
