/**
 * What the yearly membership export is made of, read from a snapshot: the snapshot's stored membership
 * rows as the json texts they are kept in, each budget row's association key and district, and the totals
 * per district and for the programme, summed here from those same rows.
 *
 * Why the rows come as text and are joined here (10,000 associations, PGlite, warm, bench/export-read-probe.ts):
 * a snapshot's rows live in the snapshot itself (snapshots.budget / .membership, json), and budget_rows /
 * membership_rows are views that take them apart with json_to_recordset. Streaming the rows through the
 * views cost ~200 ms: every field of both arrays taken apart in PostgreSQL, then every field of every row
 * decoded again in JavaScript by PGlite. The texts as they are stored cost ~40 ms to read and ~25 ms to
 * JSON.parse, and the join (a Map from association key to district) is a few ms.
 *
 * Why in pieces: memory. The server's memory for a statement is its peak, and PGlite's WebAssembly heap
 * keeps its peak for good, so the budget pairs and the members are read in statements of their own. And
 * each text comes in messages of ~100 KB: a whole column (2-3 MB) was read by the client into a buffer
 * doubled until it fit, and buffers that size stay in the C heap of the process once freed (glibc's
 * threshold for giving memory back rises with them): ~27 MB more resident after an export, on either
 * database, for ~30 ms less.
 *
 * Why the totals are summed here and not in SQL (they were, with GROUP BY GROUPING SETS over both columns
 * taken apart by json_to_recordset): that statement was the export's largest by far inside PostgreSQL. On
 * PGlite it grew the WebAssembly heap by ~13 MB, for good (35 -> 48 MB after the bench's load), and took
 * ~150-200 ms of the export (later .xlsx exports 430-650 -> 240-280 ms, .csv 320-380 -> 180-220 ms, the same
 * probe). The rows are already here, parsed, for the listing; summing 10,000 of them is well under a
 * millisecond, and the three views of the export then agree by construction. The districts answer
 * (district-totals.ts) still totals in SQL, and the export tests hold the export's figures to it.
 *
 * The cost: the members are held, parsed, while the export runs, and the budget side as a map from
 * association key to district. The writers still stream their output.
 */
import { sql } from 'drizzle-orm';
import { districtOrder, type ProgrammeConfig } from '../../shared/index';
import { CountSums } from '../export/totals';
import type { MembershipExportAssociation, MembershipExportDistrict } from '../export/types';
import { rowsOf, type Db } from './connect';
import type { StoredMembershipRow } from './schema';

/** The district label for members whose association has no budget row in the snapshot. */
export const NO_DISTRICT = 'Uden bydel';
export const TOTAL_LABEL = 'I alt';

export interface MembershipExportData {
  associations: AsyncIterable<MembershipExportAssociation>;
  districts: MembershipExportDistrict[];
  total: MembershipExportDistrict;
}

/** Members per message: ~100 KB of JSON (see above). */
const MEMBERS_PER_MESSAGE = 500;

/** District by association key; a list, so a repeated key would join as SQL joins it (see joinRows). */
function districtsByKey(budget: Array<[key: string, district: string | null]>): Map<string, Array<string | null>> {
  const districts = new Map<string, Array<string | null>>();
  for (const [key, district] of budget) {
    const known = districts.get(key);
    if (known) known.push(district);
    else districts.set(key, [district]);
  }
  return districts;
}

/**
 * The members in sheet order, each with the district of its budget row, joined as budget_rows and
 * membership_rows join in SQL (a left join on the association key). Keys are unique within a snapshot (a
 * repeated association is a validation error, so it is never stored); were one repeated, the member would
 * be listed once per budget row, as SQL joins it.
 */
function* joined(membership: StoredMembershipRow[], districts: Map<string, Array<string | null>>): Generator<MembershipExportAssociation> {
  for (const m of membership) {
    // A field the writer left out is a missing figure: null, as json_to_recordset reads it.
    const figures = {
      age0to12: m.age_0_to_12 ?? null,
      age13to18: m.age_13_to_18 ?? null,
      age19to24: m.age_19_to_24 ?? null,
      under25: m.under_25 ?? null,
      totalMembers: m.total_members ?? null,
    };
    for (const district of districts.get(m.association_key) ?? [null]) yield { association: m.association, district, ...figures };
  }
}

async function* joinRows(membership: StoredMembershipRow[], districts: Map<string, Array<string | null>>): AsyncGenerator<MembershipExportAssociation> {
  yield* joined(membership, districts);
}

type Figures = Omit<MembershipExportDistrict, 'district'>;

/**
 * The totals per district (null: members without a budget row) and for the programme, summed from the joined
 * rows the export lists, so the three views agree by construction. Sums as SQL's SUM: null where no row gave
 * the figure, but under 25 counts 0 (the districts answer's membersUnder25 does the same).
 */
function totalsOf(rows: Iterable<MembershipExportAssociation>): { groups: Array<{ district: string | null } & Figures>; total: Figures } {
  const byDistrict = new Map<string | null, CountSums>();
  const all = new CountSums();
  for (const row of rows) {
    let sums = byDistrict.get(row.district);
    if (!sums) byDistrict.set(row.district, (sums = new CountSums()));
    sums.add(row);
    all.add(row);
  }
  const figures = (s: CountSums): Figures => ({ associations: s.rows, ...s.sums, under25: s.sums.under25 ?? 0 });
  return { groups: [...byDistrict].map(([district, sums]) => ({ district, ...figures(sums) })), total: figures(all) };
}

export async function readMembershipExport(db: Db, snapshotId: string, config: ProgrammeConfig): Promise<MembershipExportData> {
  // One statement after the other (see above); a snapshot never changes once stored, so they read the same rows.
  // The budget side is reduced to the map at once, so only the members are held while the writer runs.
  const [budget] = rowsOf<{ pairs: string | null }>(
    await db.execute(sql`
      select (select json_agg(json_build_array(b.association_key, b.district) order by b.n)::text
                from rows from (json_to_recordset(s.budget) as (association_key text, district text)) with ordinality as b(association_key, district, n)) as pairs
        from snapshots s
       where s.id = ${snapshotId}`),
  );
  const districts = districtsByKey(budget?.pairs ? (JSON.parse(budget.pairs) as Array<[string, string | null]>) : []);
  const pieces = rowsOf<{ members: string }>(
    await db.execute(sql`
      select string_agg(m.e::text, ',' order by m.n) as members
        from snapshots s, json_array_elements(s.membership) with ordinality as m(e, n)
       where s.id = ${snapshotId}
       group by (m.n - 1) / ${sql.raw(String(MEMBERS_PER_MESSAGE))}
       order by (m.n - 1) / ${sql.raw(String(MEMBERS_PER_MESSAGE))}`),
  );
  const membership: StoredMembershipRow[] = [];
  for (const piece of pieces) for (const m of JSON.parse(`[${piece.members}]`) as StoredMembershipRow[]) membership.push(m);
  if (membership.some((m, i) => i > 0 && membership[i - 1].row > m.row)) membership.sort((a, b) => a.row - b.row);
  const { groups, total } = totalsOf(joined(membership, districts));
  const order = districtOrder(config);
  const rank = (d: string | null) => (d === null ? Infinity : order.indexOf(d) === -1 ? order.length : order.indexOf(d));
  groups.sort((a, b) => rank(a.district) - rank(b.district) || String(a.district).localeCompare(String(b.district), 'da'));
  return {
    associations: joinRows(membership, districts),
    districts: groups.map((g) => ({ ...g, district: g.district ?? NO_DISTRICT })),
    total: { district: TOTAL_LABEL, ...total },
  };
}
