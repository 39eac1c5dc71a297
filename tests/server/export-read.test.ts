/**
 * readMembershipExport on both databases: the associations in sheet order with their budget row's district
 * (or "Uden bydel"), and the totals per district and for the programme, read from a snapshot saved through
 * the API, held to the relational reading of the snapshot that the views give anyone querying with SQL.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../server/db/connect';
import { readMembershipExport } from '../../server/db/membership-export';
import type { MembershipExportAssociation } from '../../server/export/types';
import { copenhagen } from '../../shared/index';
import { associations2025, budgetGrid, membershipGrid, snapshotBody } from './fixtures';
import { testDatabases } from './databases';
import { startService, type TestService } from './service';

async function collect(source: AsyncIterable<MembershipExportAssociation>): Promise<MembershipExportAssociation[]> {
  const out: MembershipExportAssociation[] = [];
  for await (const a of source) out.push(a);
  return out;
}

/**
 * The export's list as SQL over the views states it: every association of either sheet, members first in
 * their sheet's order, the bydel of the budget row or "Uden bydel".
 */
const viewsJoin = (id: string) => sql`
  select coalesce(m.association, b.association) as association, coalesce(b.district, 'Uden bydel') as district,
         m.age_0_to_12 as "age0to12", m.age_13_to_18 as "age13to18", m.age_19_to_24 as "age19to24",
         m.under_25 as "under25", m.total_members as "totalMembers", null::int as "previousUnder25"
    from (select * from membership_rows where snapshot_id = ${id}) m
    full join (select * from budget_rows where snapshot_id = ${id}) b on b.association_key = m.association_key
   order by m.row nulls last, b.row`;

// Names that would break a naive line or field format: the answer is one JSON array per line.
const awkward = ['Forening "Citat" \\ backslash', 'Linje 1\nLinje 2', 'Semi;kolon, komma – Æblegården'];

for (const db of testDatabases) {
  describe.skipIf(db.skip !== null)(`readMembershipExport on ${db.kind}`, () => {
    let s: TestService;
    let snapshotId: string;
    const rows = associations2025(3).map((r, i) => (i < awkward.length ? { ...r, association: awkward[i] } : r));
    // The last association has a membership row but no budget row (a warning, so it is stored).
    const budgetRows = rows.slice(0, -1);
    const membership = membershipGrid(2025, rows);
    // Row 2 (the second association) reports no age bands: blank cells, null in the export.
    membership[2][2] = membership[2][3] = membership[2][4] = '';

    beforeAll(async () => {
      s = await startService(db);
      const sheets = [
        { name: 'Budget', values: budgetGrid(2025, budgetRows) },
        { name: 'Medlemstal', values: membership },
      ];
      const saved = await s.request('/api/snapshots', { method: 'POST', json: snapshotBody({ sheets }) });
      expect(saved.status, await saved.clone().text()).toBe(201);
      snapshotId = (await saved.json()).snapshot.id;
    });
    afterAll(async () => {
      await s?.drop();
    });

    it('streams the associations in sheet order, with the district of their budget row or "Uden bydel"', async () => {
      const data = await readMembershipExport(s.database.db, snapshotId, copenhagen);
      const got = await collect(data.associations);
      expect(got.map((a) => a.association)).toEqual(rows.map((r) => r.association));
      // The stored district, as the core normalised it (aliases such as Nordvest → Bispebjerg).
      const stored = await (await s.request(`/api/snapshots/${snapshotId}`, { token: 'reader' })).json();
      const districtOf = new Map((stored.budget as Array<{ association: string; district: string }>).map((b) => [b.association, b.district]));
      expect(districtOf.size).toBe(budgetRows.length);
      expect(got.map((a) => a.district)).toEqual([...budgetRows.map((r) => districtOf.get(r.association)), 'Uden bydel']);
      const first = rows[0];
      expect(got[0]).toEqual({
        association: first.association,
        district: districtOf.get(first.association),
        age0to12: first.age0to12,
        age13to18: first.age13to18,
        age19to24: first.age19to24,
        under25: first.age0to12 + first.age13to18 + first.age19to24,
        totalMembers: first.totalMembers,
        // No version of 2024 is stored here.
        previousUnder25: null,
      });
      expect(got[1]).toMatchObject({ age0to12: null, age13to18: null, age19to24: null });
    });

    it('totals per district (config order, members without a budget row last) and for the programme', async () => {
      const data = await readMembershipExport(s.database.db, snapshotId, copenhagen);
      const associations = await collect(data.associations);
      const expected = new Map<string, { associations: number; under25: number; totalMembers: number }>();
      for (const a of associations) {
        const key = a.district!;
        const t = expected.get(key) ?? { associations: 0, under25: 0, totalMembers: 0 };
        t.associations += 1;
        t.under25 += a.under25 ?? 0;
        t.totalMembers += a.totalMembers ?? 0;
        expected.set(key, t);
      }
      expect(new Map(data.districts.map((d) => [d.district, { associations: d.associations, under25: d.under25, totalMembers: d.totalMembers }])))
        .toEqual(expected);
      const order = [...copenhagen.districts.map((d) => d.name), copenhagen.cityWide.name];
      const ranks = data.districts.map((d) => (d.district === 'Uden bydel' ? Infinity : order.indexOf(d.district)));
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
      expect(data.districts.at(-1)!.district).toBe('Uden bydel');

      expect(data.total).toEqual({
        district: 'I alt',
        associations: rows.length,
        age0to12: associations.reduce((n, a) => n + (a.age0to12 ?? 0), 0),
        age13to18: associations.reduce((n, a) => n + (a.age13to18 ?? 0), 0),
        age19to24: associations.reduce((n, a) => n + (a.age19to24 ?? 0), 0),
        under25: associations.reduce((n, a) => n + (a.under25 ?? 0), 0),
        totalMembers: associations.reduce((n, a) => n + (a.totalMembers ?? 0), 0),
        previousUnder25: null,
      });
    });

    it('joins the stored rows in JavaScript exactly as budget_rows / membership_rows join in SQL', async () => {
      const result = await s.database.db.execute(viewsJoin(snapshotId));
      const viaViews = rowsOf<MembershipExportAssociation>(result);
      const data = await readMembershipExport(s.database.db, snapshotId, copenhagen);
      expect(await collect(data.associations)).toEqual(viaViews);
      expect(viaViews.length).toBe(rows.length);
    });

    it('reads a snapshot of 1,234 associations in sheet order, as the views join them', async () => {
      // Every tenth has no budget row; written as a bulk load would write them.
      const id = '00000000-0000-4000-8000-000000001234';
      await s.database.db.execute(sql`
        insert into snapshots (id, year, model, hash, source_workbook, source_sheets, based_on, created_by, created_at,
                               budget_rows, membership_rows, report, budget, membership)
        values (${id}, 2031, 'model-2025', 'pieces', 'pieces.xlsx', '[]'::jsonb, null, 'test', now(), 1110, 1234, '{}',
          (select json_agg(json_build_object('row', g + 1, 'association_key', 'forening' || g, 'association', 'Forening ' || g,
             'district', (array['Nørrebro', 'Valby', 'Amager Øst'])[1 + g % 3], 'tier', 'standard', 'grant', 250000,
             'cofinancing', 50000, 'hours', 25, 'funding_source', 'varige-midler', 'year', 2031) order by g)
             from generate_series(1, 1234) g where g % 10 <> 0),
          (select json_agg(json_build_object('row', g + 1, 'association_key', 'forening' || g, 'association', 'Forening ' || g,
             'year', 2031, 'age_0_to_12', g % 100, 'age_13_to_18', g % 50, 'age_19_to_24', g % 20,
             'under_25', g % 100 + g % 50 + g % 20, 'total_members', 400 + g % 300) order by g)
             from generate_series(1, 1234) g))`);
      const viaViews = rowsOf<MembershipExportAssociation>(await s.database.db.execute(viewsJoin(id)));
      const data = await readMembershipExport(s.database.db, id, copenhagen);
      const got = await collect(data.associations);
      expect(got).toEqual(viaViews);
      expect(got).toHaveLength(1234);
      expect(got.at(-1)).toMatchObject({ association: 'Forening 1234', district: 'Valby' });
      expect(got.filter((a) => a.district === 'Uden bydel')).toHaveLength(123);
      expect(data.total).toMatchObject({ associations: 1234, totalMembers: got.reduce((n, a) => n + (a.totalMembers ?? 0), 0) });
    });

    it('answers an empty export for a snapshot without membership rows', async () => {
      const data = await readMembershipExport(s.database.db, '00000000-0000-4000-8000-000000000000', copenhagen);
      expect(await collect(data.associations)).toEqual([]);
      expect(data.districts).toEqual([]);
      expect(data.total).toMatchObject({ district: 'I alt', associations: 0, under25: 0, totalMembers: null });
    });
  });
}
