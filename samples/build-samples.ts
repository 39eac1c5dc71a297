import ExcelJS from 'exceljs';
import { copenhagen } from '../shared/config';
import { dkkFormat, countFormat } from '../server/xlsx/write-template';
import { associations2025, sampleFigures, type SampleAssociation } from './associations-2025';

const illustrativeDa = 'Illustrativt eksempel: foreningerne er de 21 partnerskaber fra 1. januar 2025, men bydele, partnerskabstyper og alle tal er opdigtede.';
const illustrativeEn = 'Illustrative example: the 21 partner associations of 1 January 2025; districts, tiers and all figures are invented.';

const fundingLabel = { 'varige-midler': 'Varige midler', kulturpulje: 'Kulturpulje' } as const;

function styleHeader(row: ExcelJS.Row): void {
  row.font = { bold: true };
  row.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F1' } };
}

function formatColumns(ws: ExcelJS.Worksheet, formats: Record<number, string>): void {
  for (const [col, fmt] of Object.entries(formats)) ws.getColumn(Number(col)).numFmt = fmt;
}

/**
 * samples/partnerskab-2025.xlsx: the canonical layout (the template's headers), with the invented figures,
 * and a visible note above each header that the figures are illustrative.
 */
export function buildIllustrativeWorkbook(list: SampleAssociation[] = associations2025): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Partnerskab (samples/write-samples.ts)';
  wb.description = illustrativeEn;

  const budget = wb.addWorksheet('Budget 2025', { views: [{ state: 'frozen', ySplit: 3 }] });
  budget.addRow([`Sociale partnerskaber 2025 — ${illustrativeDa}`]).font = { italic: true, color: { argb: 'FFC00000' } };
  budget.addRow([]);
  styleHeader(budget.addRow(['Forening', 'Bydel', 'Partnerskab', 'Tilskud', 'Medfinansiering', 'Timer pr. uge', 'Lønudgift', 'Overenskomst', 'Finansiering', 'Konsulent', 'Partner siden']));
  for (const a of list) {
    const f = sampleFigures(a);
    budget.addRow([a.association, a.district, a.tier, f.grant, f.cofinancing, f.hours, f.salary, 'Ja', fundingLabel[a.fundingSource], a.consultant, a.since]);
  }
  formatColumns(budget, { 4: dkkFormat, 5: dkkFormat, 7: dkkFormat });
  budget.columns.forEach((c, i) => (c.width = [28, 26, 13, 14, 17, 14, 14, 14, 15, 14, 14][i]));

  const members = wb.addWorksheet('Medlemstal 2025', { views: [{ state: 'frozen', ySplit: 3 }] });
  members.addRow([`Medlemstal pr. 31. december 2025 — ${illustrativeDa}`]).font = { italic: true, color: { argb: 'FFC00000' } };
  members.addRow([]);
  styleHeader(members.addRow(['Forening', '0-12 år', '13-18 år', '19-24 år', 'Medlemmer under 25', 'Piger', 'Drenge', 'Medlemmer i alt']));
  for (const a of list) {
    const f = sampleFigures(a);
    members.addRow([a.association, f.age0to12, f.age13to18, f.age19to24, a.under25, f.girls, f.boys, f.totalMembers]);
  }
  formatColumns(members, { 2: countFormat, 3: countFormat, 4: countFormat, 5: countFormat, 6: countFormat, 7: countFormat, 8: countFormat });
  members.columns.forEach((c, i) => (c.width = i === 0 ? 28 : 14));
  return wb;
}

/** Danish amount text as staff type it: "250.000 kr.", "50.000,00". */
export function danishKr(n: number): string {
  return `${n.toLocaleString('da-DK')} kr.`;
}
function danishDecimal(n: number): string {
  return n.toLocaleString('da-DK', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

// The names staff write for districts; each must resolve through the configured aliases.
const staffDistrictNames: Record<string, string> = {
  Bispebjerg: 'Nordvest',
  'Vesterbro/Kongens Enghave': 'Sydhavnen',
  'Brønshøj-Husum': 'Tingbjerg',
  'Amager Øst': 'Amagerbro',
  Nørrebro: 'nørrebro ',
  [copenhagen.cityWide.name]: 'Hele byen',
};

/**
 * samples/budget-staff-style.xlsx: the sheet as finance staff keep it — title rows, synonyms as headers in
 * another order, amounts partly as numbers and partly as Danish text, district aliases, yes/no as "x", tiers
 * capitalised, a blank row, an extra column and an "I alt" row of =SUM formulas. Their results are what Excel
 * shows: SUM skips the amounts written as text, so the staff's own total is short of the rows above it — the
 * error the report explains, and the fixes (the numbers) put right.
 */
export function buildStaffStyleWorkbook(list: SampleAssociation[] = associations2025): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Partnerskab (samples/write-samples.ts)';
  wb.description = illustrativeEn;

  const ws = wb.addWorksheet('Økonomi');
  ws.addRow(['Sociale partnerskaber — budget 2025 (udkast til udvalget)']).font = { bold: true, size: 14 };
  ws.addRow([illustrativeDa]).font = { italic: true, color: { argb: 'FFC00000' } };
  ws.addRow([]);
  styleHeader(ws.addRow(['Foreningsnavn', 'Type', 'Område', 'Bevilling (kr.)', 'Egenfinansiering', 'Ugentlige timer', 'Løn', 'Overenskomstlignende vilkår', 'Pulje', 'Kontaktperson', 'Bemærkninger']));
  // What Excel's SUM gives for each figure column: the cells that hold numbers, not the text ones.
  const excelSums = { grant: 0, cofinancing: 0, hours: 0, salary: 0 };
  const firstRow = ws.rowCount + 1;
  list.forEach((a, i) => {
    const f = sampleFigures(a);
    const grant = i % 2 === 0 ? danishKr(f.grant) : f.grant;
    const cofinancing = i % 3 === 0 ? danishDecimal(f.cofinancing) : f.cofinancing;
    if (typeof grant === 'number') excelSums.grant += grant;
    if (typeof cofinancing === 'number') excelSums.cofinancing += cofinancing;
    excelSums.hours += f.hours;
    excelSums.salary += f.salary;
    const tier = a.tier === 'udvidet' ? 'Udvidet' : 'Standard';
    const note = a.fundingSource === 'kulturpulje' ? 'Ny kulturforening 2025' : '';
    const row = ws.addRow([
      a.association, tier, staffDistrictNames[a.district] ?? a.district, grant, cofinancing,
      f.hours, f.salary, i % 3 === 0 ? 'x' : 'Ja', fundingLabel[a.fundingSource], a.consultant, note,
    ]);
    for (const c of [4, 5]) if (typeof row.getCell(c).value === 'number') row.getCell(c).numFmt = dkkFormat;
    // Staff leave a gap between the local-area groups.
    if (i === 7) ws.addRow([]);
  });
  const lastRow = ws.rowCount;
  ws.addRow([]);
  const sum = (col: string, result: number) => ({ formula: `SUM(${col}${firstRow}:${col}${lastRow})`, result });
  const total = ws.addRow(['I alt', '', '', sum('D', excelSums.grant), sum('E', excelSums.cofinancing), sum('F', excelSums.hours), sum('G', excelSums.salary)]);
  total.font = { bold: true };
  for (const c of [4, 5, 7]) total.getCell(c).numFmt = dkkFormat;
  ws.getColumn(7).numFmt = dkkFormat;
  ws.columns.forEach((c, i) => (c.width = [28, 10, 14, 16, 16, 14, 14, 16, 14, 14, 24][i]));

  const members = wb.addWorksheet('Medlemmer');
  members.addRow(['Medlemstal pr. 31.12.2025']).font = { bold: true, size: 14 };
  members.addRow([]);
  styleHeader(members.addRow(['Forening', 'Under 25 år', 'Drenge', 'Piger', 'Medlemmer i alt']));
  let under25 = 0;
  for (const a of list) {
    const f = sampleFigures(a);
    under25 += a.under25;
    members.addRow([a.association, a.under25, f.boys, f.girls, f.totalMembers]);
  }
  members.addRow(['Total', under25]).font = { bold: true };
  members.columns.forEach((c, i) => (c.width = i === 0 ? 28 : 14));
  return wb;
}
