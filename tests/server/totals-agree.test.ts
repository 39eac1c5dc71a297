/**
 * The districts answer, the trend and both export files give one set of totals (shared/summary.ts), on both
 * databases, and it is the one worked out here by hand: a membership row without a budget row counts in
 * "Uden bydel", a budget row without membership figures counts its grant and lists blank counts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DistrictTotalsAnswer, TrendAnswer } from '../../shared/wire';
import { fetchCsvExport, readCsvExport, readXlsxExport, type ExportFigures } from './export-files';
import { budgetGrid, membershipGrid, snapshotBody, type FixtureAssociation } from './fixtures';
import { testDatabases } from './databases';
import { startService, type TestService } from './service';

const row = (association: string, district: string, tier: 'standard' | 'udvidet', cofinancing: number, hours: number, bands: [number, number, number], totalMembers: number): FixtureAssociation => ({
  association, district, tier, grant: tier === 'udvidet' ? 400_000 : 250_000, cofinancing, hours, fundingSource: 'Varige midler',
  age0to12: bands[0], age13to18: bands[1], age19to24: bands[2], totalMembers,
});

const bkUnion = row('BK Union', 'Nørrebro', 'standard', 60_000, 25, [100, 50, 10], 400);
const sheZone = row('SheZone', 'Nørrebro', 'standard', 50_000, 30, [80, 40, 20], 300);
const fremad = row('Fremad Valby', 'Valby', 'udvidet', 100_000, 37, [0, 0, 0], 0);
const nyForening = row('Ny Forening', '', 'standard', 0, 0, [10, 20, 30], 100);

// Fremad Valby has no membership row, Ny Forening no budget row: two warnings, so the workbook is stored.
const workbook = {
  sheets: [
    { name: 'Budget', values: budgetGrid(2025, [bkUnion, sheZone, fremad]) },
    { name: 'Medlemstal', values: membershipGrid(2025, [bkUnion, sheZone, nyForening]) },
  ],
};

const none = { age0to12: null, age13to18: null, age19to24: null, totalMembers: null };
/** Worked out by hand from the rows above. */
const expected = {
  districts: [
    {
      district: 'Nørrebro', associations: 2, extended: 0, grant: 500_000, cofinancing: 110_000, hours: 55, membersUnder25: 300,
      age0to12: 180, age13to18: 90, age19to24: 30, totalMembers: 700, grantPerMemberUnder25: 1_666.67,
    },
    { district: 'Valby', associations: 1, extended: 1, grant: 400_000, cofinancing: 100_000, hours: 37, membersUnder25: 0, ...none, grantPerMemberUnder25: null },
    {
      district: 'Uden bydel', associations: 1, extended: 0, grant: 0, cofinancing: 0, hours: 0, membersUnder25: 60,
      age0to12: 10, age13to18: 20, age19to24: 30, totalMembers: 100, grantPerMemberUnder25: 0,
    },
  ],
  localAreas: [
    { localArea: 'Valby/Sydhavnen', districts: ['Valby', 'Vesterbro/Kongens Enghave'], associations: 1, extended: 1, grant: 400_000, cofinancing: 100_000, hours: 37, membersUnder25: 0, ...none, grantPerMemberUnder25: null },
    {
      localArea: 'Nørrebro/Bispebjerg', districts: ['Nørrebro', 'Bispebjerg'], associations: 2, extended: 0, grant: 500_000, cofinancing: 110_000,
      hours: 55, membersUnder25: 300, age0to12: 180, age13to18: 90, age19to24: 30, totalMembers: 700, grantPerMemberUnder25: 1_666.67,
    },
  ],
  funding: [
    { source: 'varige-midler', associations: 3, grant: 900_000, frame: 6_000_000, remaining: 5_100_000 },
    { source: 'kulturpulje', associations: 0, grant: 0, frame: 750_000, remaining: 750_000 },
  ],
  total: {
    associations: 4, extended: 1, grant: 900_000, cofinancing: 210_000, hours: 92, membersUnder25: 360,
    age0to12: 190, age13to18: 110, age19to24: 60, totalMembers: 800, grantPerMemberUnder25: 2_500,
  },
};

/** The export's view of the same figures: its rows by bydel, and every association, members first. */
const expectedExport: ExportFigures = {
  associations: [
    { association: 'BK Union', district: 'Nørrebro', age0to12: 100, age13to18: 50, age19to24: 10, under25: 160, totalMembers: 400 },
    { association: 'SheZone', district: 'Nørrebro', age0to12: 80, age13to18: 40, age19to24: 20, under25: 140, totalMembers: 300 },
    { association: 'Ny Forening', district: 'Uden bydel', age0to12: 10, age13to18: 20, age19to24: 30, under25: 60, totalMembers: 100 },
    { association: 'Fremad Valby', district: 'Valby', ...none, under25: null },
  ],
  districts: [
    { district: 'Nørrebro', associations: 2, age0to12: 180, age13to18: 90, age19to24: 30, under25: 300, totalMembers: 700 },
    { district: 'Valby', associations: 1, ...none, under25: 0 },
    { district: 'Uden bydel', associations: 1, age0to12: 10, age13to18: 20, age19to24: 30, under25: 60, totalMembers: 100 },
  ],
  total: { associations: 4, age0to12: 190, age13to18: 110, age19to24: 60, under25: 360, totalMembers: 800 },
};

for (const db of testDatabases) {
  describe.skipIf(db.skip !== null)(`one set of totals on ${db.kind}`, () => {
    let s: TestService;
    let districts: DistrictTotalsAnswer;
    beforeAll(async () => {
      s = await startService(db);
      const saved = await s.request('/api/snapshots', { method: 'POST', json: snapshotBody(workbook) });
      expect(saved.status, await saved.clone().text()).toBe(201);
      const codes = (await saved.json()).report.issues.map((i: { code: string }) => i.code);
      expect(codes).toEqual(expect.arrayContaining(['membership-missing', 'budget-missing']));
      districts = await (await s.request('/api/years/2025/districts', { token: 'reader' })).json();
    });
    afterAll(async () => {
      await s?.drop();
    });

    it('the districts answer gives the figures worked out by hand, the bydele adding up to the total', () => {
      const { year: _year, snapshot: _snapshot, ...totals } = districts;
      expect(totals).toEqual(expected);
    });

    it('the trend gives the same year the same figures', async () => {
      const trend: TrendAnswer = await (await s.request('/api/districts/trend?from=2025&to=2025', { token: 'reader' })).json();
      expect(trend.years).toEqual([districts]);
    });

    it('the .xlsx and the .csv give the same figures, per association, per bydel and in all', async () => {
      const xlsx = await readXlsxExport(Buffer.from(await (await s.request('/api/years/2025/membership.xlsx', { token: 'reader' })).arrayBuffer()), 2025);
      const get = async (path: string) => Buffer.from(await (await s.request(path, { token: 'reader' })).arrayBuffer());
      const csv = readCsvExport(await fetchCsvExport(get, 2025), 2025);
      for (const read of [xlsx, csv]) {
        expect({ associations: read.associations, districts: read.districts, total: read.total }).toEqual(expectedExport);
      }
    });
  });
}
