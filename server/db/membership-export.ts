/**
 * What the yearly membership export is made of, read from a snapshot's stored rows: its associations and the
 * totals per bydel and for the programme, both by the core's one rule (shared/summary.ts), so the export
 * says what the districts answer says. Every association is listed: those with membership figures in the
 * membership sheet's order, then those with a budget row but no figures (blank counts: not reported).
 */
import { NO_DISTRICT, programmeAssociations, summarise } from '../../shared/summary';
import type { ProgrammeConfig, Totals } from '../../shared/index';
import { TOTAL_LABEL } from '../export/columns';
import type { MembershipExportAssociation, MembershipExportDistrict } from '../export/types';
import type { Db } from './connect';
import { snapshotRows } from './snapshots';

export { NO_DISTRICT, TOTAL_LABEL };

export interface MembershipExportData {
  associations: AsyncIterable<MembershipExportAssociation>;
  districts: MembershipExportDistrict[];
  total: MembershipExportDistrict;
}

const figures = (district: string, t: Totals): MembershipExportDistrict => ({
  district,
  associations: t.associations,
  age0to12: t.age0to12,
  age13to18: t.age13to18,
  age19to24: t.age19to24,
  under25: t.membersUnder25,
  totalMembers: t.totalMembers,
});

async function* each<T>(items: T[]): AsyncGenerator<T> {
  yield* items;
}

export async function readMembershipExport(db: Db, snapshotId: string, config: ProgrammeConfig): Promise<MembershipExportData> {
  const { budget, membership } = await snapshotRows(db, snapshotId);
  const summary = summarise(budget, membership, null, config);
  const listed = programmeAssociations(budget, membership);
  const withFigures = listed.filter((a) => a.membership).sort((a, b) => a.membership!.row - b.membership!.row);
  const associations = [...withFigures, ...listed.filter((a) => !a.membership)].map((a): MembershipExportAssociation => {
    const m = a.membership;
    return {
      association: a.association,
      district: a.district,
      age0to12: m?.age0to12 ?? null,
      age13to18: m?.age13to18 ?? null,
      age19to24: m?.age19to24 ?? null,
      under25: m?.under25 ?? null,
      totalMembers: m?.totalMembers ?? null,
    };
  });
  return {
    associations: each(associations),
    districts: summary.districts.map((d) => figures(d.district, d)),
    total: figures(TOTAL_LABEL, summary.total),
  };
}
