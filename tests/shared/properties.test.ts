import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { catalogue, parseA1, validateWorkbook, type CellValue, type WorkbookInput } from '../../shared';
import { parseNumber } from '../../shared/read/cells';
import { budgetHeader, membershipHeader, workbook2025 } from './fixtures';

const words = ['Forening', 'Bydel', 'Tilskud', 'Timer pr. uge', 'Partnerskab', 'Medfinansiering', 'Overenskomst', 'I alt', 'Total',
  'Medlemmer under 25', '0-12 år', '13-18 år', '19-24 år', 'Piger', 'Drenge', 'Medlemmer i alt', 'År', 'CPR', 'Nørrebro', 'Nordvest',
  'udvidet', 'standard', 'Ja', 'Nej', 'x', '250.000 kr.', '250,000', '#REF!', '#N/A', '010203-1234', 'Kulturpulje', '2025', 'Budget 2025'];

const cell: fc.Arbitrary<CellValue> = fc.oneof(
  fc.constantFrom(...words),
  fc.string({ maxLength: 12 }),
  fc.integer({ min: -1_000_000, max: 10_000_000_000 }),
  fc.double({ noNaN: false }),
  fc.boolean(),
  fc.constant(''),
  fc.constant(null),
);
const grid = fc.array(fc.array(cell, { maxLength: 12 }), { maxLength: 30 });
const workbook: fc.Arbitrary<WorkbookInput> = fc.array(
  fc.record({ name: fc.oneof(fc.constantFrom('Budget 2025', 'Medlemstal', 'Ark1', 'Økonomi 2019', 'Medlemmer 2030'), fc.string({ minLength: 1, maxLength: 31 })), values: grid }),
  { maxLength: 4 },
).map((sheets) => ({ sheets }));

const codes = new Map(catalogue.map((r) => [r.code, r.severity]));

function checkReport(wb: WorkbookInput, r: ReturnType<typeof validateWorkbook>): void {
  const names = new Set(wb.sheets.map((s) => s.name));
  for (const i of r.issues) {
    expect(codes.get(i.code)).toBe(i.severity);
    expect(typeof i.message === 'string' && i.message.length > 0).toBe(true);
    if (i.cell !== null) {
      const a = parseA1(i.cell);
      expect(a, i.cell).not.toBeNull();
      expect(i.row).toBe(a!.row + 1);
      expect(i.sheet !== null && names.has(i.sheet)).toBe(true);
    }
  }
  expect(r.ok).toBe(r.counts.error === 0);
  expect(r.counts.error + r.counts.warning + r.counts.info).toBe(r.issues.length);
}

// Fixed seeds: every CI run tries the same 5,200 cases here (with the reader's 6,000 in tests/server/xlsx/fuzz.test.ts,
// over 10,000 per run), so a red run is a real defect that reproduces, not a new random draw.
describe('properties', () => {
  it('random workbooks never make the core throw, and every issue has a valid address', () => {
    fc.assert(
      fc.property(workbook, fc.option(fc.integer({ min: 1990, max: 2040 }), { nil: undefined }), fc.constantFrom('da', 'en' as const), (wb, year, lang) => {
        checkReport(wb, validateWorkbook(wb, { year, lang: lang as 'da' | 'en' }));
      }),
      { seed: 2025, numRuns: 2500 },
    );
  });

  it('random cell values in a real budget and membership sheet never make the core throw', () => {
    const row = (n: number) => fc.array(cell, { minLength: n, maxLength: n + 2 });
    fc.assert(
      fc.property(fc.array(row(budgetHeader.length), { maxLength: 25 }), fc.array(row(membershipHeader.length), { maxLength: 25 }), (b, m) => {
        const wb = { sheets: [{ name: 'Budget 2025', values: [[...budgetHeader], ...b] }, { name: 'Medlemstal 2025', values: [[...membershipHeader], ...m] }] };
        checkReport(wb, validateWorkbook(wb));
      }),
      { seed: 2012, numRuns: 1500 },
    );
  });

  it('the order of rows does not change the summary', () => {
    const base = workbook2025();
    const summary = validateWorkbook(base).summary;
    fc.assert(
      fc.property(fc.shuffledSubarray(base.sheets[0].values.slice(1), { minLength: 21, maxLength: 21 }), (rows) => {
        const wb = { sheets: [{ ...base.sheets[0], values: [base.sheets[0].values[0], ...rows] }, base.sheets[1]] };
        expect(validateWorkbook(wb).summary).toEqual(summary);
      }),
      { seed: 21, numRuns: 200 },
    );
  });

  it('any amount written the Danish way reads back as itself', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999 }), fc.constantFrom('', ' kr.', ' kr', ',00', ',-'), (n, suffix) => {
        const text = n.toLocaleString('da-DK') + suffix;
        // "1,000" style can only arise from en-GB; da-DK always writes 1.000.
        expect(parseNumber(text)).toBe(n);
      }),
      { seed: 250_000, numRuns: 1000 },
    );
  });
});
