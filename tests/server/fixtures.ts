/**
 * Test workbooks built in code, in the shape the add-in sends (Office.js `Range.values`): a budget sheet and a
 * membership sheet of the 2025 model. Association names are the seed's; districts, tiers and figures are
 * illustrative, chosen to pass every rule unless a test changes them.
 */
import type { CellValue, WorkbookInput } from '../../shared/index';

export interface FixtureAssociation {
  association: string;
  district: string;
  tier: 'standard' | 'udvidet';
  grant: number;
  cofinancing: number;
  hours: number;
  fundingSource: 'Varige midler' | 'Kulturpulje';
  age0to12: number;
  age13to18: number;
  age19to24: number;
  totalMembers: number;
}

const seedAssociations: Array<[string, string, 'standard' | 'udvidet', 'Varige midler' | 'Kulturpulje']> = [
  ['Brønshøj Boldklub', 'Brønshøj-Husum', 'udvidet', 'Varige midler'],
  ['IF Stadion', 'Bispebjerg', 'standard', 'Varige midler'],
  ['Krumspring', 'Bispebjerg', 'standard', 'Kulturpulje'],
  ['Dans i Nordvest', 'Nordvest', 'standard', 'Kulturpulje'],
  ['B1908', 'Amager Øst', 'udvidet', 'Varige midler'],
  ['Amager SK', 'Amager Vest', 'standard', 'Varige midler'],
  ['Amager Judo Skole', 'Amager Øst', 'standard', 'Varige midler'],
  ['SheZone', 'Nørrebro', 'standard', 'Varige midler'],
  ['Nørrebro United', 'Nørrebro', 'udvidet', 'Varige midler'],
  ['BK Union', 'Nørrebro', 'standard', 'Varige midler'],
  ['Nørrebro Taekwondo', 'Nørrebro', 'standard', 'Varige midler'],
  ['Siam', 'Nørrebro', 'standard', 'Varige midler'],
  ['Stevnsgade Basketball', 'Nørrebro', 'standard', 'Varige midler'],
  ['Lundehus', 'Sydhavnen', 'standard', 'Varige midler'],
  ['Fremad Valby', 'Valby', 'udvidet', 'Varige midler'],
  ['Valby IF – Gymnastik', 'Valby', 'standard', 'Varige midler'],
  ['BK Hellas', 'Vesterbro', 'standard', 'Varige midler'],
  ['DUI-Leg og Virke', 'Bydækkende', 'standard', 'Varige midler'],
  ['Hovedstadens Svømmeklub', 'Hele byen', 'standard', 'Varige midler'],
  ['Rollespilsfabrikken', 'Bydækkende', 'standard', 'Kulturpulje'],
  ['Global Kidz', 'Bydækkende', 'standard', 'Varige midler'],
];

/** The 21 partnerships of 2025 with figures that pass every rule; `i` varies the member counts. */
export function associations2025(seed = 0): FixtureAssociation[] {
  return seedAssociations.map(([association, district, tier, fundingSource], i) => {
    const base = 60 + ((i * 37 + seed * 11) % 200);
    return {
      association,
      district,
      tier,
      grant: tier === 'udvidet' ? 400_000 : 250_000,
      cofinancing: tier === 'udvidet' ? 100_000 + i * 1_000 : 50_000 + i * 500,
      hours: tier === 'udvidet' ? 37 : 25 + (i % 5),
      fundingSource,
      age0to12: base,
      age13to18: 40 + ((i * 13 + seed) % 60),
      age19to24: 10 + (i % 15),
      totalMembers: base + 400 + i * 7,
    };
  });
}

export function budgetGrid(year: number, rows: FixtureAssociation[]): CellValue[][] {
  return [
    [`Sociale partnerskaber – budget ${year}`, '', '', '', '', '', '', '', ''],
    ['Forening', 'Bydel', 'Partnerskab', 'Tilskud', 'Medfinansiering', 'Timer pr. uge', 'Overenskomst', 'Finansiering', 'År'],
    ...rows.map((r) => [
      r.association, r.district, r.tier, r.grant, r.cofinancing, r.hours, 'Ja', r.fundingSource, year,
    ]),
  ];
}

export function membershipGrid(year: number, rows: FixtureAssociation[]): CellValue[][] {
  return [
    ['Forening', 'År', '0-12 år', '13-18 år', '19-24 år', 'Medlemmer under 25', 'Medlemmer i alt'],
    ...rows.map((r) => [
      r.association, year, r.age0to12, r.age13to18, r.age19to24, r.age0to12 + r.age13to18 + r.age19to24, r.totalMembers,
    ]),
  ];
}

/** A workbook with both sheets for `year` (2025 model by default). */
export function workbook(year = 2025, rows: FixtureAssociation[] = associations2025()): WorkbookInput {
  return {
    sheets: [
      { name: 'Budget', values: budgetGrid(year, rows) },
      { name: 'Medlemstal', values: membershipGrid(year, rows) },
    ],
  };
}

/** The body of POST /api/snapshots for a workbook. */
export function snapshotBody(wb: WorkbookInput, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { source: { workbook: 'Partnerskaber.xlsx', sheets: wb.sheets.map((s) => s.name) }, sheets: wb.sheets, ...extra };
}

/** The workbook as an .xlsx file, written with exceljs as Excel would save it. */
export async function xlsxBytes(wb: WorkbookInput): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  for (const sheet of wb.sheets) {
    const ws = book.addWorksheet(sheet.name);
    for (const row of sheet.values) ws.addRow(row.map((v) => (v === '' ? null : v)));
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
