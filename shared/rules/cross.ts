import { associationKey } from '../read/text';
import type { BudgetRow, MembershipRow, PreviousMembership, ProgrammeConfig } from '../schemas';
import type { AssociationJoin } from './associations';
import { addIssue, type IssueSink } from './issue';

interface Placed {
  sheet: string;
  associationCol: number;
}

/** Budget and membership sheets name the same associations. */
export function checkBudgetAgainstMembership(
  budget: BudgetRow[], membership: MembershipRow[], join: AssociationJoin, budgetSheet: Placed, membershipSheet: Placed, sink: IssueSink,
): void {
  for (let i = 0; i < budget.length; i++) {
    const b = budget[i];
    if (b.association && join.membershipOf[i] < 0) {
      addIssue(sink, 'membership-missing', { sheet: budgetSheet.sheet, row: b.row - 1, col: budgetSheet.associationCol, field: 'association', value: b.association, association: b.association }, { other: membershipSheet.sheet });
    }
  }
  for (let i = 0; i < membership.length; i++) {
    const m = membership[i];
    if (m.association && !join.hasBudget[i]) {
      addIssue(sink, 'budget-missing', { sheet: membershipSheet.sheet, row: m.row - 1, col: membershipSheet.associationCol, field: 'association', value: m.association, association: m.association }, { other: budgetSheet.sheet });
    }
  }
}

/** The previous year's members under 25 by association key, made for this call (nothing kept between calls). */
function under25Before(previous: PreviousMembership): Map<string, number> {
  const before = new Map<string, number>();
  for (const p of previous.rows) if (p.under25 !== null) before.set(associationKey(p.association), p.under25);
  return before;
}

/** Members under 25 against the previous year's snapshot (the service supplies it). */
export function checkChangeVsPrevious(
  membership: MembershipRow[], previous: PreviousMembership, sheet: string, under25Col: number, config: ProgrammeConfig, sink: IssueSink,
): void {
  const before = under25Before(previous);
  for (const m of membership) {
    const old = before.get(associationKey(m.association));
    if (old === undefined || old <= 0 || m.under25 === null) continue;
    const change = (m.under25 - old) / old;
    if (Math.abs(change) > config.membershipChangeMax) {
      addIssue(sink, 'change-vs-previous', { sheet, row: m.row - 1, col: under25Col, field: 'under25', value: m.under25, association: m.association }, {
        expected: old, previousYear: previous.year, change: `${change > 0 ? '+' : ''}${Math.round(change * 100)} %`,
      });
    }
  }
}
