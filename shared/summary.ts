import { copenhagen } from './config';
import { districtOrder } from './districts';
import { indexAssociations, joinAssociations, type AssociationJoin } from './rules/associations';
import type { BudgetRow, FundingSource, MembershipRow, ProgrammeConfig, ProgrammeModel, Summary, Totals } from './schemas';

interface Accumulator {
  associations: number;
  extended: number;
  grant: number;
  cofinancing: number;
  hours: number;
  membersUnder25: number;
  bands: [number | null, number | null, number | null];
}

const fresh = (): Accumulator => ({ associations: 0, extended: 0, grant: 0, cofinancing: 0, hours: 0, membersUnder25: 0, bands: [null, null, null] });

function addBudget(acc: Accumulator, b: BudgetRow, m: MembershipRow | undefined): void {
  acc.associations++;
  if (b.tier === 'udvidet') acc.extended++;
  acc.grant += b.grant ?? 0;
  acc.cofinancing += b.cofinancing ?? 0;
  acc.hours += b.hours ?? 0;
  if (m) addMembers(acc, m);
}

function addMembers(acc: Accumulator, m: MembershipRow): void {
  acc.membersUnder25 += m.under25 ?? 0;
  const bands = [m.age0to12, m.age13to18, m.age19to24];
  for (let i = 0; i < 3; i++) if (bands[i] !== null) acc.bands[i] = (acc.bands[i] ?? 0) + bands[i]!;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

function finish(acc: Accumulator): Totals {
  return {
    associations: acc.associations,
    extended: acc.extended,
    grant: round2(acc.grant),
    cofinancing: round2(acc.cofinancing),
    hours: round2(acc.hours),
    membersUnder25: acc.membersUnder25,
    age0to12: acc.bands[0],
    age13to18: acc.bands[1],
    age19to24: acc.bands[2],
    grantPerMemberUnder25: acc.membersUnder25 > 0 ? round2(acc.grant / acc.membersUnder25) : null,
  };
}

export function emptySummary(): Summary {
  return { districts: [], localAreas: [], funding: [], total: finish(fresh()) };
}

/**
 * Totals per district (in the config's order, city-wide last), per local area, per funding source and for the
 * programme. Members are joined to budget rows by association name; a district or local area is listed when it
 * has at least one association. The programme total counts every membership row, matched or not, so that a
 * membership-only snapshot still has its figure.
 */
export function summarise(
  budget: BudgetRow[], membership: MembershipRow[], model: ProgrammeModel | null, config: ProgrammeConfig = copenhagen,
): Summary {
  return summariseJoined(budget, membership, joinAssociations(indexAssociations(budget), indexAssociations(membership)), model, config);
}

/** summarise, with the join of budget and membership rows validateWorkbook already made. */
export function summariseJoined(
  budget: BudgetRow[], membership: MembershipRow[], join: AssociationJoin, model: ProgrammeModel | null, config: ProgrammeConfig,
): Summary {
  const byDistrict = new Map<string, Accumulator>();
  const byArea = new Map<string, Accumulator>();
  const total = fresh();
  const funding = new Map<FundingSource, { associations: number; grant: number }>([
    ['varige-midler', { associations: 0, grant: 0 }],
    ['kulturpulje', { associations: 0, grant: 0 }],
  ]);
  for (let i = 0; i < budget.length; i++) {
    const b = budget[i];
    const mi = join.membershipOf[i];
    const m = mi < 0 ? undefined : membership[mi];
    addBudget(total, b, undefined);
    const f = funding.get(b.fundingSource)!;
    f.associations++;
    f.grant += b.grant ?? 0;
    if (b.district) {
      let d = byDistrict.get(b.district);
      if (!d) byDistrict.set(b.district, (d = fresh()));
      addBudget(d, b, m);
    }
    if (b.localArea) {
      let a = byArea.get(b.localArea);
      if (!a) byArea.set(b.localArea, (a = fresh()));
      addBudget(a, b, m);
    }
  }
  for (const m of membership) addMembers(total, m);
  const order = districtOrder(config);
  return {
    districts: order.filter((d) => byDistrict.has(d)).map((district) => ({ district, ...finish(byDistrict.get(district)!) })),
    localAreas: config.localAreas
      .filter((a) => byArea.has(a.name))
      .map((a) => ({ localArea: a.name, districts: a.districts, ...finish(byArea.get(a.name)!) })),
    funding: [...funding].map(([source, f]) => {
      const frame = model?.frames[source] ?? null;
      return { source, associations: f.associations, grant: round2(f.grant), frame, remaining: frame === null ? null : round2(frame - f.grant) };
    }),
    total: finish(total),
  };
}
