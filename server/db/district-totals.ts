/**
 * Totals per district (bydel), per local area and for the programme, computed in SQL from a snapshot's
 * stored rows. They state the same rule as the core's `summarise` (shared/summary.ts), which a test holds
 * them to: members are joined to budget rows by association key; a district or area is listed when it has
 * an association; the programme's members count every membership row, matched or not.
 */
import { sql } from 'drizzle-orm';
import { districtOrder, type ProgrammeConfig, type Totals } from '../../shared/index';
import { rowsOf, type Db } from './connect';

export type TotalsRow = Totals;
export interface DistrictTotalsResult {
  districts: Array<{ district: string } & Totals>;
  localAreas: Array<{ localArea: string; districts: string[] } & Totals>;
  total: Totals;
}

interface RawRow {
  scope: 'district' | 'localArea' | 'total';
  name: string | null;
  associations: number;
  extended: number;
  grant: number;
  cofinancing: number;
  hours: number;
  members_under25: number;
  age0to12: number | null;
  age13to18: number | null;
  age19to24: number | null;
  grant_per_member: number | null;
}

// Amounts are rounded to øre as the core rounds them; member counts are whole numbers and left as summed.
const joinedAggregates = sql.raw(`
  count(*)::int as associations,
  (count(*) filter (where b.tier = 'udvidet'))::int as extended,
  round(coalesce(sum(b."grant"), 0)::numeric, 2)::float8 as "grant",
  round(coalesce(sum(b.cofinancing), 0)::numeric, 2)::float8 as cofinancing,
  round(coalesce(sum(b.hours), 0)::numeric, 2)::float8 as hours,
  coalesce(sum(m.under_25), 0)::float8 as members_under25,
  sum(m.age_0_to_12)::float8 as age0to12,
  sum(m.age_13_to_18)::float8 as age13to18,
  sum(m.age_19_to_24)::float8 as age19to24,
  case when coalesce(sum(m.under_25), 0) > 0
    then round((coalesce(sum(b."grant"), 0) / sum(m.under_25))::numeric, 2)::float8 end as grant_per_member`);

export async function districtTotals(db: Db, snapshotId: string, config: ProgrammeConfig): Promise<DistrictTotalsResult> {
  const result = await db.execute(sql`
    select 'district' as scope, b.district as name, ${joinedAggregates}
      from budget_rows b
      left join membership_rows m on m.snapshot_id = b.snapshot_id and m.association_key = b.association_key
     where b.snapshot_id = ${snapshotId} and b.district is not null
     group by b.district
    union all
    select 'localArea' as scope, b.local_area as name, ${joinedAggregates}
      from budget_rows b
      left join membership_rows m on m.snapshot_id = b.snapshot_id and m.association_key = b.association_key
     where b.snapshot_id = ${snapshotId} and b.local_area is not null
     group by b.local_area
    union all
    select 'total' as scope, null as name,
           bt.associations, bt.extended, bt."grant", bt.cofinancing, bt.hours,
           mt.members_under25, mt.age0to12, mt.age13to18, mt.age19to24,
           case when mt.members_under25 > 0 then round((bt.grant_raw / mt.members_under25)::numeric, 2)::float8 end
      from (select count(*)::int as associations,
                   (count(*) filter (where tier = 'udvidet'))::int as extended,
                   round(coalesce(sum("grant"), 0)::numeric, 2)::float8 as "grant",
                   coalesce(sum("grant"), 0)::float8 as grant_raw,
                   round(coalesce(sum(cofinancing), 0)::numeric, 2)::float8 as cofinancing,
                   round(coalesce(sum(hours), 0)::numeric, 2)::float8 as hours
              from budget_rows where snapshot_id = ${snapshotId}) bt,
           (select coalesce(sum(under_25), 0)::float8 as members_under25,
                   sum(age_0_to_12)::float8 as age0to12,
                   sum(age_13_to_18)::float8 as age13to18,
                   sum(age_19_to_24)::float8 as age19to24
              from membership_rows where snapshot_id = ${snapshotId}) mt
  `);
  const rows = rowsOf<RawRow>(result);
  const totals = (r: RawRow): Totals => ({
    associations: r.associations,
    extended: r.extended,
    grant: r.grant,
    cofinancing: r.cofinancing,
    hours: r.hours,
    membersUnder25: r.members_under25,
    age0to12: r.age0to12,
    age13to18: r.age13to18,
    age19to24: r.age19to24,
    grantPerMemberUnder25: r.grant_per_member,
  });
  const byName = (scope: RawRow['scope']) => new Map(rows.filter((r) => r.scope === scope).map((r) => [r.name!, r]));
  const districts = byName('district');
  const areas = byName('localArea');
  // Listed in the configuration's order (city-wide last), as the core lists them.
  const order = districtOrder(config);
  const unknown = [...districts.keys()].filter((d) => !order.includes(d)).sort();
  return {
    districts: [...order, ...unknown].filter((d) => districts.has(d)).map((district) => ({ district, ...totals(districts.get(district)!) })),
    localAreas: config.localAreas
      .filter((a) => areas.has(a.name))
      .map((a) => ({ localArea: a.name, districts: a.districts, ...totals(areas.get(a.name)!) })),
    total: totals(rows.find((r) => r.scope === 'total')!),
  };
}
