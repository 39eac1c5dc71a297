/**
 * What the yearly membership export is made of, read from a snapshot in ONE query: the associations (in
 * sheet order, each with the district its budget row gives in the same snapshot) and the totals per
 * district and for the programme, computed in SQL from the same joined rows.
 *
 * Why one query, and why its answer is text (measured on 10,000 associations among 10,000 snapshots,
 * bench/export-route-probe.ts): the export used to read keyset pages of 1,000 rows with the budget row
 * joined per row, plus a totals query joining again. The database side was most of the export's time:
 *  - the planner joins by an index probe per row (association keys repeat across snapshots, so it expects
 *    7 budget rows a key): ~10 µs a row in PGlite's WebAssembly, paid twice. Here the snapshot's budget
 *    rows are read once into a MATERIALIZED CTE, which can only be hash-joined;
 *  - PGlite decodes every field of every row in JavaScript (an ArrayBuffer copy and a TextDecoder call:
 *    80,000 a 10,000-row export). The rows come back as one text value instead, one JSON array per line,
 *    and each line is JSON.parse'd only when the writer asks for it. float8 goes to JSON in PostgreSQL's
 *    shortest exact form, so the numbers come back equal;
 *  - each page and the totals read the snapshot's rows again; where budget_rows / membership_rows are
 *    views over a snapshot's stored rows rather than tables, every read parses them all, so pages made it
 *    quadratic. One query reads them once.
 * The cost: the rows are held as that one string while the export runs, about 60 bytes an association
 * (0.6 MB for 10,000) instead of a page at a time. The writers still stream their output.
 */
import { sql } from 'drizzle-orm';
import type { ProgrammeConfig } from '../../shared/index';
import type { MembershipExportAssociation, MembershipExportDistrict } from '../export/types';
import type { Db } from './connect';

/** The district label for members whose association has no budget row in the snapshot. */
export const NO_DISTRICT = 'Uden bydel';
export const TOTAL_LABEL = 'I alt';

/** One association as a line of the answer carries it. */
type Line = [string, string | null, number | null, number | null, number | null, number | null, number | null];

interface TotalsRow {
  /** 1 on the programme's row: grouping() tells it from the group without a budget row, whose district is null too. */
  is_total: number;
  district: string | null;
  associations: number;
  age0to12: number | null;
  age13to18: number | null;
  age19to24: number | null;
  under25: number;
  totalMembers: number | null;
}

export interface MembershipExportData {
  associations: AsyncIterable<MembershipExportAssociation>;
  districts: MembershipExportDistrict[];
  total: MembershipExportDistrict;
}

function rowsOf<T>(result: unknown): T[] {
  // node-postgres and PGlite both answer execute() with an object holding `rows`.
  return (result as { rows: T[] }).rows;
}

async function* parseLines(text: string | null): AsyncGenerator<MembershipExportAssociation> {
  if (text === null) return;
  // json_build_array escapes a line break inside a name, so every \n ends an association.
  for (let start = 0; start < text.length; ) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const [association, district, age0to12, age13to18, age19to24, under25, totalMembers] = JSON.parse(text.slice(start, end)) as Line;
    yield { association, district, age0to12, age13to18, age19to24, under25, totalMembers };
    start = end + 1;
  }
}

export async function readMembershipExport(db: Db, snapshotId: string, config: ProgrammeConfig): Promise<MembershipExportData> {
  const [answer] = rowsOf<{ lines: string | null; totals: string }>(
    await db.execute(sql`
      with b as materialized (
        select association_key, district from budget_rows where snapshot_id = ${snapshotId}
      ), m as materialized (
        select m.row, m.association, b.district, m.age_0_to_12, m.age_13_to_18, m.age_19_to_24, m.under_25, m.total_members
          from membership_rows m left join b on b.association_key = m.association_key
         where m.snapshot_id = ${snapshotId}
      )
      select
        (select string_agg(json_build_array(association, district, age_0_to_12, age_13_to_18, age_19_to_24, under_25, total_members)::text, E'\n' order by row)
           from m) as lines,
        (select json_agg(t)::text from (
           select grouping(district) as is_total, district,
                  count(*)::int as associations,
                  sum(age_0_to_12)::float8 as "age0to12",
                  sum(age_13_to_18)::float8 as "age13to18",
                  sum(age_19_to_24)::float8 as "age19to24",
                  coalesce(sum(under_25), 0)::float8 as "under25",
                  sum(total_members)::float8 as "totalMembers"
             from m group by grouping sets ((district), ())) t) as totals`),
  );
  const rows = JSON.parse(answer.totals) as TotalsRow[];
  const figures = ({ is_total: _t, district: _d, ...r }: TotalsRow) => r;
  const groups = rows.filter((r) => r.is_total !== 1);
  const order = [...config.districts.map((d) => d.name), config.cityWide.name];
  const rank = (d: string | null) => (d === null ? Infinity : order.indexOf(d) === -1 ? order.length : order.indexOf(d));
  groups.sort((a, b) => rank(a.district) - rank(b.district) || String(a.district).localeCompare(String(b.district), 'da'));
  return {
    associations: parseLines(answer.lines),
    districts: groups.map((g) => ({ district: g.district ?? NO_DISTRICT, ...figures(g) })),
    total: { district: TOTAL_LABEL, ...figures(rows.find((r) => r.is_total === 1)!) },
  };
}
