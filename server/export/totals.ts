/**
 * Running sums over the streamed association rows, and the consistency checks that keep the
 * export from contradicting itself: the per-association rows, the per-district rows and the
 * programme total are three views of one snapshot and must agree before anyone reports on them.
 */
import { countColumns, type CountField, TOTAL_LABEL } from './columns';
import type { MembershipExportAssociation, MembershipExportDistrict, MembershipExportInput } from './types';

const COUNTS = countColumns();

export class MembershipExportError extends Error {
  override name = 'MembershipExportError';
}

/** Sums like SQL SUM: null while no row has given the figure, else the sum of the given figures. */
export class CountSums {
  rows = 0;
  readonly sums: Record<CountField, number | null> = {
    age0to12: null,
    age13to18: null,
    age19to24: null,
    under25: null,
    totalMembers: null,
  };

  add(row: Pick<MembershipExportAssociation, CountField>): void {
    this.rows += 1;
    for (const { field } of COUNTS) {
      const value = row[field];
      if (value === null || value === undefined) continue;
      this.sums[field] = (this.sums[field] ?? 0) + value;
    }
  }
}

// A missing figure and a zero say the same about a total ("nothing counted"), so they compare equal.
const same = (a: number | null, b: number | null) => (a ?? 0) === (b ?? 0);

function differences(label: string, rows: number, sums: CountSums['sums'], total: MembershipExportDistrict): string[] {
  const out: string[] = [];
  if (rows !== total.associations) out.push(`${label} count ${rows} associations, the total says ${total.associations}`);
  for (const { field, header } of COUNTS) {
    if (!same(sums[field], total[field])) {
      out.push(`${label} sum "${header}" to ${sums[field] ?? 'nothing'}, the total says ${total[field] ?? 'nothing'}`);
    }
  }
  return out;
}

/** Checks before anything is written: the district rows must add up to the programme total. */
export function checkDistrictsAgainstTotal(input: Pick<MembershipExportInput, 'year' | 'districts' | 'total'>): void {
  const sums = new CountSums();
  let associations = 0;
  for (const d of input.districts) {
    sums.add(d);
    associations += d.associations;
  }
  const problems = differences('the district rows', associations, sums.sums, input.total);
  const previous = input.districts.reduce<number | null>((n, d) => (d.previousUnder25 === null ? n : (n ?? 0) + d.previousUnder25), null);
  if (!same(previous, input.total.previousUnder25)) {
    problems.push(`the district rows sum the previous year's members under 25 to ${previous ?? 'nothing'}, the total says ${input.total.previousUnder25 ?? 'nothing'}`);
  }
  if (input.total.district !== TOTAL_LABEL) {
    problems.push(`the total row is labelled "${input.total.district}", expected "${TOTAL_LABEL}"`);
  }
  if (problems.length > 0) {
    throw new MembershipExportError(
      `Membership export ${input.year}: ${problems.join('; ')}. ` +
        'Compute the district rows and the total from the same snapshot (see server/export/types.ts).',
    );
  }
}

/** Checks after the last association row: the streamed rows must add up to the programme total. */
export function checkAssociationsAgainstTotal(year: number, sums: CountSums, total: MembershipExportDistrict): void {
  const problems = differences('the association rows', sums.rows, sums.sums, total);
  if (problems.length > 0) {
    throw new MembershipExportError(
      `Membership export ${year}: ${problems.join('; ')}. ` +
        'Stream exactly the associations of the snapshot the totals were computed from.',
    );
  }
}

/** Counts must be finite numbers; anything else would print as NaN or Infinity in a report. */
export function checkCount(value: number | null, field: CountField | 'previousUnder25', association: string): void {
  if (value !== null && !Number.isFinite(value)) {
    throw new MembershipExportError(
      `Membership export: "${association}" has ${String(value)} in "${field}"; counts must be finite numbers or null.`,
    );
  }
}
