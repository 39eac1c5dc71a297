/**
 * Every total the product shows, stated once: the report's summary (pane, CLI), the service's districts answer
 * and trend, the conflict diff and the yearly membership export all come from `summarise`.
 *
 * The rule. An *association* of a sheet pair is a budget row together with the membership row of the same
 * association (names matched as the rules match them), or a membership row that has no budget row. Each is
 * counted once in each of:
 *  - the bydel of its budget row. One without a budget row (or whose budget row names no bydel) is counted
 *    under "Uden bydel", listed last, so that the bydele add up to the programme total in every column;
 *  - the lokalområde of its budget row (the four areas cover only some bydele: they need not add up);
 *  - the programme total.
 * Grants, co-financing, hours and "udvidet" come from the budget row, members from the membership row. A
 * figure no row gives sums to null (age bands, members in all), except members under 25, which sums to 0.
 * Per funding source: the budget rows of that source and their grants, against the model's frame.
 */
import { copenhagen } from './config';
import { districtOrder } from './districts';
import { indexAssociations, joinAssociations } from './rules/associations';
import type { BudgetRow, FundingSource, MembershipRow, ProgrammeConfig, ProgrammeModel, Summary, Totals } from './schemas';

/** The bydel an association is counted in when its bydel is not known: it has no budget row, or no bydel in it. */
export const NO_DISTRICT = 'Uden bydel';

/** One association as the totals count it (see the rule above). */
export interface ProgrammeAssociation {
  association: string;
  /** The bydel it is counted in: its budget row's, else NO_DISTRICT. */
  district: string;
  budget: BudgetRow | null;
  membership: MembershipRow | null;
}

/** Which membership row each budget row has (-1: none), as validateWorkbook's join gives it. */
export interface BudgetMembershipJoin {
  membershipOf: ArrayLike<number>;
}

/** The associations of a sheet pair: the budget rows in order with their members, then members without a budget row. */
export function programmeAssociations(
  budget: BudgetRow[], membership: MembershipRow[], join: BudgetMembershipJoin = joinRows(budget, membership),
): ProgrammeAssociation[] {
  const joined = new Uint8Array(membership.length);
  const out: ProgrammeAssociation[] = [];
  for (let i = 0; i < budget.length; i++) {
    const b = budget[i];
    const j = join.membershipOf[i];
    if (j >= 0) joined[j] = 1;
    out.push({ association: b.association, district: b.district ?? NO_DISTRICT, budget: b, membership: j >= 0 ? membership[j] : null });
  }
  for (let j = 0; j < membership.length; j++) {
    if (!joined[j]) out.push({ association: membership[j].association, district: NO_DISTRICT, budget: null, membership: membership[j] });
  }
  return out;
}

function joinRows(budget: BudgetRow[], membership: MembershipRow[]): BudgetMembershipJoin {
  return joinAssociations(indexAssociations(budget), indexAssociations(membership));
}

interface Accumulator {
  associations: number;
  extended: number;
  grant: number;
  cofinancing: number;
  hours: number;
  membersUnder25: number;
  /** 0-12, 13-18, 19-24, members in all: null until a row gives the figure. */
  counts: [number | null, number | null, number | null, number | null];
}

const fresh = (): Accumulator => ({
  associations: 0, extended: 0, grant: 0, cofinancing: 0, hours: 0, membersUnder25: 0, counts: [null, null, null, null],
});

function add(acc: Accumulator, a: ProgrammeAssociation): void {
  acc.associations++;
  const b = a.budget;
  if (b) {
    if (b.tier === 'udvidet') acc.extended++;
    acc.grant += b.grant ?? 0;
    acc.cofinancing += b.cofinancing ?? 0;
    acc.hours += b.hours ?? 0;
  }
  const m = a.membership;
  if (m) {
    acc.membersUnder25 += m.under25 ?? 0;
    // Each association is added to three accumulators: no array per call.
    addCount(acc, 0, m.age0to12);
    addCount(acc, 1, m.age13to18);
    addCount(acc, 2, m.age19to24);
    addCount(acc, 3, m.totalMembers);
  }
}

function addCount(acc: Accumulator, i: number, n: number | null): void {
  if (n !== null) acc.counts[i] = (acc.counts[i] ?? 0) + n;
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
    age0to12: acc.counts[0],
    age13to18: acc.counts[1],
    age19to24: acc.counts[2],
    totalMembers: acc.counts[3],
    grantPerMemberUnder25: acc.membersUnder25 > 0 ? round2(acc.grant / acc.membersUnder25) : null,
  };
}

export function emptySummary(): Summary {
  return { districts: [], localAreas: [], funding: [], total: finish(fresh()) };
}

/** The totals of the rows (see the rule at the top of this file). */
export function summarise(
  budget: BudgetRow[], membership: MembershipRow[], model: ProgrammeModel | null, config: ProgrammeConfig = copenhagen,
): Summary {
  return summariseJoined(budget, membership, joinRows(budget, membership), model, config);
}

/** summarise, with the join of budget and membership rows validateWorkbook already made. */
export function summariseJoined(
  budget: BudgetRow[], membership: MembershipRow[], join: BudgetMembershipJoin, model: ProgrammeModel | null, config: ProgrammeConfig,
): Summary {
  const byDistrict = new Map<string, Accumulator>();
  const byArea = new Map<string, Accumulator>();
  const total = fresh();
  for (const a of programmeAssociations(budget, membership, join)) {
    add(total, a);
    let d = byDistrict.get(a.district);
    if (!d) byDistrict.set(a.district, (d = fresh()));
    add(d, a);
    const area = a.budget?.localArea;
    if (area) {
      let acc = byArea.get(area);
      if (!acc) byArea.set(area, (acc = fresh()));
      add(acc, a);
    }
  }
  const funding = new Map<FundingSource, { associations: number; grant: number }>([
    ['varige-midler', { associations: 0, grant: 0 }],
    ['kulturpulje', { associations: 0, grant: 0 }],
  ]);
  for (const b of budget) {
    const f = funding.get(b.fundingSource)!;
    f.associations++;
    f.grant += b.grant ?? 0;
  }
  // The configuration's bydele in order (city-wide last), then any a changed configuration no longer names
  // (rows stored before it changed), then "Uden bydel": none is left out, so the bydele add up to the total.
  const order = districtOrder(config);
  const others = [...byDistrict.keys()].filter((d) => d !== NO_DISTRICT && !order.includes(d)).sort((a, b) => a.localeCompare(b, 'da'));
  return {
    districts: [...order, ...others, NO_DISTRICT].filter((d) => byDistrict.has(d)).map((district) => ({ district, ...finish(byDistrict.get(district)!) })),
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
