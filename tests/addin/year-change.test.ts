/** Oversigt's change against the year before: per bydel, from two real summaries (the core's summarise). */
import { describe, expect, it } from 'vitest';
import { districtChanges } from '../../addin/year-change';
import { validateWorkbook } from '../../shared/validate';
import { associations2025, workbook } from '../server/fixtures';

describe('districtChanges', () => {
  // 2024 without Brønshøj Boldklub (the only partnership in Brønshøj-Husum) and with other member counts.
  const before = validateWorkbook(workbook(2024, associations2025(3).slice(1).map((r) => ({ ...r, tier: 'standard' as const, grant: 200_000 })))).summary;
  const now = validateWorkbook(workbook(2025, associations2025().filter((r) => r.association !== 'Lundehus' && r.association !== 'BK Hellas'))).summary;

  it('gives each bydel both years and the difference, and the totals of both', () => {
    const { rows, total } = districtChanges(now, before);
    for (const row of rows.filter((r) => r.before !== null && r.now !== null)) {
      const a = before.districts.find((d) => d.district === row.district)!.membersUnder25;
      const b = now.districts.find((d) => d.district === row.district)!.membersUnder25;
      expect(row, row.district).toEqual({ district: row.district, before: a, now: b, change: b - a });
    }
    expect(total).toEqual({ district: '', before: before.total.membersUnder25, now: now.total.membersUnder25, change: now.total.membersUnder25 - before.total.membersUnder25 });
    expect(rows.map((r) => r.district).slice(0, now.districts.length)).toEqual(now.districts.map((d) => d.district));
  });

  it('a bydel in one year only has no change (not 0), and no figure for the other year', () => {
    const { rows } = districtChanges(now, before);
    expect(rows.find((r) => r.district === 'Brønshøj-Husum')).toMatchObject({ before: null, change: null });
    // Lundehus and BK Hellas were Vesterbro/Kongens Enghave's partnerships: gone in this year's sheets.
    expect(rows.find((r) => r.district === 'Vesterbro/Kongens Enghave')).toMatchObject({ now: null, change: null });
    expect(rows.find((r) => r.district === 'Vesterbro/Kongens Enghave')!.before).toBeGreaterThan(0);
  });
});
