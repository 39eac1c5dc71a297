import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { copenhagen, validateWorkbook } from '../../../shared/index';
import { readWorkbookFile } from '../../../server/xlsx/read-workbook';
import { buildTemplateWorkbook, dkkFormat } from '../../../server/xlsx/write-template';
import { associations2025, sampleFigures } from '../../../samples/associations-2025';
import { runCli, scratchDir, spawnCli } from './run-cli';

const dir = scratchDir();

function listChoices(cell: ExcelJS.Cell): string[] {
  const dv = cell.dataValidation;
  expect(dv?.type, `drop-down on ${cell.address}`).toBe('list');
  return String(dv.formulae?.[0]).replace(/^"|"$/g, '').split(',');
}

function columnOf(ws: ExcelJS.Worksheet, header: string): number {
  const row = ws.getRow(1).values as unknown[];
  const col = row.indexOf(header);
  expect(col, `header "${header}" in ${ws.name}`).toBeGreaterThan(0);
  return col;
}

describe('template', () => {
  it('writes both sheets with the canonical headers, drop-downs, DKK formats and a frozen header (end to end)', async () => {
    const file = join(dir, 'skabelon-2025.xlsx');
    const { code, stdout, stderr } = await spawnCli(['template', '--year', '2025', '--out', file]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('Budget 2025');

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const budget = wb.getWorksheet('Budget 2025')!;
    const members = wb.getWorksheet('Medlemstal 2025')!;
    expect(budget.getRow(1).values).toEqual([undefined, 'Forening', 'Bydel', 'Partnerskab', 'Tilskud', 'Medfinansiering', 'Timer pr. uge', 'Lønudgift', 'Overenskomst', 'Finansiering', 'Konsulent', 'Partner siden']);
    expect(members.getRow(1).values).toEqual([undefined, 'Forening', '0-12 år', '13-18 år', '19-24 år', 'Medlemmer under 25', 'Piger', 'Drenge', 'Medlemmer i alt']);

    const expectedDistricts = [...copenhagen.districts.map((d) => d.name), copenhagen.cityWide.name];
    expect(listChoices(budget.getCell(2, columnOf(budget, 'Bydel')))).toEqual(expectedDistricts);
    expect(listChoices(budget.getCell(200, columnOf(budget, 'Bydel')))).toEqual(expectedDistricts);
    expect(listChoices(budget.getCell(2, columnOf(budget, 'Partnerskab')))).toEqual(['standard', 'udvidet']);
    expect(listChoices(budget.getCell(2, columnOf(budget, 'Overenskomst')))).toEqual(['Ja', 'Nej']);
    expect(listChoices(budget.getCell(2, columnOf(budget, 'Finansiering')))).toEqual(['Varige midler', 'Kulturpulje']);
    expect(budget.getCell(2, columnOf(budget, 'Tilskud')).numFmt).toBe(dkkFormat);
    expect(budget.getCell(2, columnOf(budget, 'Medfinansiering')).numFmt).toBe(dkkFormat);
    // The figures the model asks for come from the configuration, not from literals in the template code.
    const model = copenhagen.models.find((m) => m.id === 'model-2025')!;
    const grantPrompt = budget.getCell(2, columnOf(budget, 'Tilskud')).dataValidation.prompt;
    expect(grantPrompt).toContain(`${model.tiers.udvidet!.grant.toLocaleString('da-DK')} kr.`);
    expect(budget.getCell(2, columnOf(budget, 'Timer pr. uge')).dataValidation.prompt).toContain(String(model.tiers.udvidet!.hoursMin));
    expect(budget.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(members.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(budget.getColumn(1).width).toBeGreaterThan(20);

    // Read back through the same reader and core as any workbook: every column found, nothing wrong.
    const report = validateWorkbook(await readWorkbookFile(file));
    expect(report.counts.error).toBe(0);
    expect(report.sheets.budget).toMatchObject({ name: 'Budget 2025', headerRow: 1, dataRows: 0 });
    expect(Object.keys(report.sheets.budget!.columns).sort()).toEqual(
      ['agreementTerms', 'association', 'cofinancing', 'consultant', 'district', 'fundingSource', 'grant', 'hours', 'salary', 'since', 'tier'],
    );
    expect(report.sheets.membership).toMatchObject({ name: 'Medlemstal 2025', headerRow: 1 });
    expect(report.issues.filter((i) => i.code === 'unknown-column')).toEqual([]);
  });

  it('a template filled in with the drop-down values validates without findings', async () => {
    const wb = buildTemplateWorkbook(2025);
    const budget = wb.getWorksheet('Budget 2025')!;
    const members = wb.getWorksheet('Medlemstal 2025')!;
    associations2025.forEach((a, i) => {
      const f = sampleFigures(a);
      const funding = a.fundingSource === 'kulturpulje' ? 'Kulturpulje' : 'Varige midler';
      budget.getRow(i + 2).values = [a.association, a.district, a.tier, f.grant, f.cofinancing, f.hours, f.salary, 'Ja', funding, a.consultant, a.since];
      members.getRow(i + 2).values = [a.association, f.age0to12, f.age13to18, f.age19to24, a.under25, f.girls, f.boys, f.totalMembers];
    });
    const file = join(dir, 'udfyldt.xlsx');
    await wb.xlsx.writeFile(file);
    const report = validateWorkbook(await readWorkbookFile(file));
    expect(report.issues).toEqual([]);
    expect(report.summary.total).toMatchObject({ associations: 21, extended: 4, grant: 5_850_000 });
  });

  it('a model-2012 year leaves out the columns only model-2025 asks for', async () => {
    const file = join(dir, 'skabelon-2020.xlsx');
    expect((await runCli(['template', '--year', '2020', '--out', file])).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const headers = (wb.getWorksheet('Budget 2020')!.getRow(1).values as unknown[]).slice(1);
    expect(headers).toEqual(['Forening', 'Bydel', 'Tilskud', 'Timer pr. uge', 'Lønudgift', 'Konsulent', 'Partner siden']);
    const report = validateWorkbook(await readWorkbookFile(file));
    expect(report).toMatchObject({ year: 2020, model: 'model-2012' });
    expect(report.counts.error).toBe(0);
  });

  it("puts a district list too long for Excel's 255-character inline limit on a hidden list sheet", async () => {
    const districts = Array.from({ length: 30 }, (_, i) => ({ name: `Bydel nummer ${i + 1} i en større kommune`, aliases: [] }));
    const config = { ...copenhagen, municipality: 'En større kommune', districts, localAreas: [] };
    const file = join(dir, 'lang-liste.xlsx');
    await buildTemplateWorkbook(2025, config).xlsx.writeFile(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const lists = wb.getWorksheet('Lister')!;
    expect(lists.state).toBe('veryHidden');
    const budget = wb.getWorksheet('Budget 2025')!;
    const dv = budget.getCell(2, columnOf(budget, 'Bydel')).dataValidation;
    expect(dv.type).toBe('list');
    const ref = /^'Lister'!\$([A-Z]+)\$2:\$\1\$(\d+)$/.exec(String(dv.formulae[0]));
    expect(ref, String(dv.formulae[0])).not.toBeNull();
    const listed = Array.from({ length: Number(ref![2]) - 1 }, (_, i) => lists.getCell(`${ref![1]}${i + 2}`).value);
    expect(listed).toEqual([...districts.map((d) => d.name), copenhagen.cityWide.name]);
    // The short lists stay inline, and the list sheet is never taken for a budget or membership sheet.
    expect(listChoices(budget.getCell(2, columnOf(budget, 'Overenskomst')))).toEqual(['Ja', 'Nej']);
    const report = validateWorkbook(await readWorkbookFile(file), { config });
    expect(report.sheets.budget?.name).toBe('Budget 2025');
    expect(report.sheets.membership?.name).toBe('Medlemstal 2025');
    expect(report.counts.error).toBe(0);
  });

  it('refuses a year before the programme and a missing --out with one line', async () => {
    const before = await runCli(['template', '--year', '2005', '--out', join(dir, 'x.xlsx')]);
    expect(before.code).toBe(2);
    expect(before.stderr).toBe('--year 2005: programmet begyndte i 2012, så der er ingen model for 2005.\n');
    const noOut = await runCli(['template', '--year', '2025']);
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toMatch(/^template: angiv filen med --out/);
    const badDir = await runCli(['template', '--year', '2025', '--out', join(dir, 'findes/ikke/x.xlsx')]);
    expect(badDir.code).toBe(2);
    expect(badDir.stderr).toMatch(/^Kunne ikke skrive .*x\.xlsx: mappen findes ikke\./);
  });
});
