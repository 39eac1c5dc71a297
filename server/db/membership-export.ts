/**
 * The rows of the yearly membership export, read from a snapshot: the associations as a stream (keyset
 * pages, so memory stays flat however many rows a snapshot holds, on either driver) and the district
 * totals computed in SQL. An association's district is the one its budget row gives in the same snapshot.
 */
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { ProgrammeConfig } from '../../shared/index';
import type { MembershipExportAssociation, MembershipExportDistrict } from '../export/types';
import type { Db } from './connect';
import { budgetRows, membershipRows } from './schema';

/** The district label for members whose association has no budget row in the snapshot. */
export const NO_DISTRICT = 'Uden bydel';
export const TOTAL_LABEL = 'I alt';

const joinBudget = and(
  eq(budgetRows.snapshotId, membershipRows.snapshotId),
  eq(budgetRows.associationKey, membershipRows.associationKey),
);

export async function* exportAssociations(db: Db, snapshotId: string, pageSize = 1000): AsyncGenerator<MembershipExportAssociation> {
  let after = 0;
  for (;;) {
    const page = await db
      .select({
        row: membershipRows.row,
        association: membershipRows.association,
        district: budgetRows.district,
        age0to12: membershipRows.age0to12,
        age13to18: membershipRows.age13to18,
        age19to24: membershipRows.age19to24,
        under25: membershipRows.under25,
        totalMembers: membershipRows.totalMembers,
      })
      .from(membershipRows)
      .leftJoin(budgetRows, joinBudget)
      .where(and(eq(membershipRows.snapshotId, snapshotId), gt(membershipRows.row, after)))
      .orderBy(asc(membershipRows.row))
      .limit(pageSize);
    for (const { row: _row, ...r } of page) yield r;
    if (page.length < pageSize) return;
    after = page[page.length - 1].row;
  }
}

const sums = {
  associations: sql<number>`count(*)::int`,
  age0to12: sql<number | null>`sum(${membershipRows.age0to12})::float8`,
  age13to18: sql<number | null>`sum(${membershipRows.age13to18})::float8`,
  age19to24: sql<number | null>`sum(${membershipRows.age19to24})::float8`,
  under25: sql<number>`coalesce(sum(${membershipRows.under25}), 0)::float8`,
  totalMembers: sql<number | null>`sum(${membershipRows.totalMembers})::float8`,
};

export async function exportTotals(
  db: Db, snapshotId: string, config: ProgrammeConfig,
): Promise<{ districts: MembershipExportDistrict[]; total: MembershipExportDistrict }> {
  const [groups, [total]] = await Promise.all([
    db
      .select({ district: budgetRows.district, ...sums })
      .from(membershipRows)
      .leftJoin(budgetRows, joinBudget)
      .where(eq(membershipRows.snapshotId, snapshotId))
      .groupBy(budgetRows.district),
    db.select(sums).from(membershipRows).where(eq(membershipRows.snapshotId, snapshotId)),
  ]);
  const order = [...config.districts.map((d) => d.name), config.cityWide.name];
  const rank = (d: string | null) => (d === null ? Infinity : order.indexOf(d) === -1 ? order.length : order.indexOf(d));
  groups.sort((a, b) => rank(a.district) - rank(b.district) || String(a.district).localeCompare(String(b.district), 'da'));
  return {
    districts: groups.map((g) => ({ ...g, district: g.district ?? NO_DISTRICT })),
    total: { district: TOTAL_LABEL, ...total },
  };
}
