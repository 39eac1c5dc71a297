import { describe, expect, it } from 'vitest';
import { validateWorkbook } from '../../shared/index';
import { canonicalSnapshot, diffSnapshots, type SnapshotContent } from '../../shared/snapshot';
import { associations2025, workbook } from '../server/fixtures';

function content(rows = associations2025(), year = 2025): SnapshotContent {
  const report = validateWorkbook(workbook(year, rows));
  expect(report.ok).toBe(true);
  return { year, model: report.model, budget: report.data.budget, membership: report.data.membership };
}

describe('canonicalSnapshot', () => {
  it('does not change when rows move or row numbers change', () => {
    const a = content();
    const b = content(associations2025().reverse());
    expect(b.budget[0].row).toBe(a.budget[20].row - 20);
    expect(canonicalSnapshot(b)).toBe(canonicalSnapshot(a));
    const shifted = { ...a, budget: a.budget.map((r) => ({ ...r, row: r.row + 5 })) };
    expect(canonicalSnapshot(shifted)).toBe(canonicalSnapshot(a));
  });

  it('changes with any figure, name or year', () => {
    const base = canonicalSnapshot(content());
    const rows = associations2025();
    rows[4].age13to18 += 1;
    expect(canonicalSnapshot(content(rows))).not.toBe(base);
    const renamed = associations2025();
    renamed[0].association = 'Brønshøj BK';
    expect(canonicalSnapshot(content(renamed))).not.toBe(base);
    expect(canonicalSnapshot({ ...content(), year: 2026 })).not.toBe(base);
  });
});

describe('diffSnapshots', () => {
  it('finds nothing between equal contents', () => {
    expect(diffSnapshots(content(), content(associations2025().reverse()))).toEqual({
      associations: { added: [], removed: [] }, fields: [], totals: [], same: true,
    });
  });

  it('names added and removed associations, changed fields old → new, and changed totals', () => {
    const older = associations2025();
    const newer = associations2025();
    newer[7].cofinancing += 10_000; // SheZone, Nørrebro
    newer.splice(20, 1); // Global Kidz, Bydækkende
    newer.push({ ...older[3], association: 'Ny Kulturforening', district: 'Valby', fundingSource: 'Varige midler' });
    const diff = diffSnapshots(content(older), content(newer));
    expect(diff.same).toBe(false);
    expect(diff.associations).toEqual({ added: ['Ny Kulturforening'], removed: ['Global Kidz'] });
    expect(diff.fields).toEqual([
      { association: 'SheZone', sheet: 'budget', field: 'cofinancing', old: older[7].cofinancing, new: older[7].cofinancing + 10_000 },
    ]);
    const total = (scope: string, name: string, field: string) => diff.totals.find((t) => t.scope === scope && t.name === name && t.field === field);
    expect(total('district', 'Nørrebro', 'cofinancing')).toMatchObject({ old: expect.any(Number), new: expect.any(Number) });
    expect(total('district', 'Nørrebro', 'cofinancing')!.new! - total('district', 'Nørrebro', 'cofinancing')!.old!).toBe(10_000);
    expect(total('district', 'Valby', 'associations')).toMatchObject({ old: 2, new: 3 });
    expect(total('district', 'Bydækkende', 'associations')).toMatchObject({ old: 4, new: 3 });
    expect(total('total', 'total', 'associations')).toBeUndefined();
    expect(total('district', 'Amager Øst', 'grant')).toBeUndefined();
  });

  it('reports a district that disappears with null totals on the new side', () => {
    const older = associations2025();
    const newer = older.filter((r) => r.district !== 'Amager Vest');
    const diff = diffSnapshots(content(older), content(newer));
    expect(diff.totals).toContainEqual({ scope: 'district', name: 'Amager Vest', field: 'associations', old: 1, new: null });
    expect(diff.associations.removed).toEqual(['Amager SK']);
  });
});
