/**
 * What the yearly membership export is made of, read from stored versions: a version's associations and the
 * totals per bydel and for the programme, the previous year's figures beside them, and the programme's
 * figures for every stored year, all by the core's one rule (shared/summary.ts), so the export says what the
 * districts answer and the trend say. Every association is listed: those with membership figures in the
 * membership sheet's order, then those with a budget row but no figures (blank counts: not reported).
 *
 * A year's figures come from the version that year's own export uses: its latest version with membership
 * figures. So the 2025 export's 2024 column is what the 2024 export says.
 */
import { associationKey } from '../../shared/read/text';
import { districtOrder } from '../../shared/districts';
import { emptySummary, NO_DISTRICT, programmeAssociations, summarise } from '../../shared/summary';
import type { BudgetRow, MembershipRow, ProgrammeConfig, Summary, Totals } from '../../shared/index';
import { TOTAL_LABEL } from '../export/columns';
import type { MembershipExportAssociation, MembershipExportDistrict, MembershipExportInput, MembershipExportYear } from '../export/types';
import type { Db } from './connect';
import { getSnapshot, latestPerYear, snapshotRef, snapshotRows, type StoredSnapshot } from './snapshots';

export { NO_DISTRICT, TOTAL_LABEL };

export type MembershipExportData = Pick<MembershipExportInput, 'associations' | 'districts' | 'total' | 'previous' | 'series'>;

/** The earliest year a programme year can be (the API's own bound): the series starts at the first stored year. */
const FIRST_YEAR = 1900;

interface Year {
  snapshot: StoredSnapshot;
  budget: BudgetRow[];
  membership: MembershipRow[];
  summary: Summary;
}

const figures = (district: string, t: Totals, previousUnder25: number | null): MembershipExportDistrict => ({
  district,
  associations: t.associations,
  age0to12: t.age0to12,
  age13to18: t.age13to18,
  age19to24: t.age19to24,
  under25: t.membersUnder25,
  totalMembers: t.totalMembers,
  previousUnder25,
});

const yearFigures = ({ snapshot, summary: { total: t } }: Year): MembershipExportYear => ({
  year: snapshot.year,
  model: snapshot.model,
  snapshot: snapshotRef(snapshot),
  associations: t.associations,
  extended: t.extended,
  under25: t.membersUnder25,
  age0to12: t.age0to12,
  age13to18: t.age13to18,
  age19to24: t.age19to24,
  totalMembers: t.totalMembers,
  grant: t.grant,
  cofinancing: t.cofinancing,
  hours: t.hours,
  grantPerMemberUnder25: t.grantPerMemberUnder25,
});

async function* each<T>(items: T[]): AsyncGenerator<T> {
  yield* items;
}

async function loadYear(db: Db, snapshot: StoredSnapshot, config: ProgrammeConfig): Promise<Year> {
  const { budget, membership } = await snapshotRows(db, snapshot.id);
  return { snapshot, budget, membership, summary: summarise(budget, membership, null, config) };
}

/** The bydele of both years in the totals' order (the configuration's, then others, then "Uden bydel"). */
function bydeleOfBoth(now: Summary, before: Summary | null, config: ProgrammeConfig): string[] {
  const names = new Set([...now.districts.map((d) => d.district), ...(before?.districts.map((d) => d.district) ?? [])]);
  const order = districtOrder(config);
  const rank = (d: string) => (d === NO_DISTRICT ? Infinity : order.includes(d) ? order.indexOf(d) : order.length);
  return [...names].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b, 'da'));
}

/** Members under 25 of each association of the previous year, by name as the rules match names; null: no figure. */
function previousByAssociation(before: Year): Map<string, number | null> {
  const out = new Map<string, number | null>();
  for (const a of programmeAssociations(before.budget, before.membership)) out.set(associationKey(a.association), a.membership?.under25 ?? null);
  return out;
}

export async function readMembershipExport(db: Db, snapshotId: string, config: ProgrammeConfig): Promise<MembershipExportData> {
  const stored = await getSnapshot(db, snapshotId);
  const { budget, membership } = await snapshotRows(db, snapshotId);
  const summary = summarise(budget, membership, null, config);
  const now: Year | null = stored ? { snapshot: stored, budget, membership, summary } : null;

  // Every earlier year from the version its own export uses; this year from the version asked for.
  const series: Year[] = [];
  if (now) {
    for (const s of await latestPerYear(db, FIRST_YEAR, now.snapshot.year - 1, { withMembership: true })) series.push(await loadYear(db, s, config));
    series.push(now);
  }
  const before = now ? (series.find((y) => y.snapshot.year === now.snapshot.year - 1) ?? null) : null;
  const previousOf = before ? previousByAssociation(before) : null;

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
      previousUnder25: previousOf?.get(associationKey(a.association)) ?? null,
    };
  });

  const nowByDistrict = new Map(summary.districts.map((d) => [d.district, d]));
  const beforeByDistrict = new Map(before?.summary.districts.map((d) => [d.district, d]) ?? []);
  const none = emptySummary().total;
  const districts = bydeleOfBoth(summary, before?.summary ?? null, config).map((district) =>
    // A bydel with no association one of the years counts 0 members under 25 that year, as the totals do.
    figures(district, nowByDistrict.get(district) ?? none, before ? (beforeByDistrict.get(district)?.membersUnder25 ?? 0) : null),
  );
  return {
    associations: each(associations),
    districts,
    total: figures(TOTAL_LABEL, summary.total, before?.summary.total.membersUnder25 ?? null),
    previous: before ? { year: before.snapshot.year, snapshot: snapshotRef(before.snapshot) } : null,
    series: series.map(yearFigures),
  };
}
