/**
 * A snapshot's rows as the database stores them (snake_case, the columns of the budget_rows and
 * membership_rows views, with the association's match key) and back to the core's row shape. Pure: a save's
 * checks (server/save-check.ts) make the stored text with it, apart from the database code.
 */
import type { BudgetRow, MembershipRow } from '../../shared/index';
import { snapshotAssociationKey } from '../../shared/snapshot';
import type { StoredBudgetRow, StoredMembershipRow } from './schema';

export function storedBudgetRow(r: BudgetRow): StoredBudgetRow {
  return {
    row: r.row, association_key: snapshotAssociationKey(r.association), association: r.association,
    district: r.district, local_area: r.localArea, tier: r.tier, grant: r.grant, cofinancing: r.cofinancing,
    hours: r.hours, salary: r.salary, agreement_terms: r.agreementTerms, funding_source: r.fundingSource,
    consultant: r.consultant, since: r.since, year: r.year,
    ...(r.months !== undefined ? { months: r.months } : {}),
  };
}

export function storedMembershipRow(r: MembershipRow): StoredMembershipRow {
  return {
    row: r.row, association_key: snapshotAssociationKey(r.association), association: r.association,
    year: r.year, age_0_to_12: r.age0to12, age_13_to_18: r.age13to18, age_19_to_24: r.age19to24,
    under_25: r.under25, girls: r.girls, boys: r.boys, total_members: r.totalMembers,
  };
}

export function budgetFromStored(r: StoredBudgetRow): BudgetRow {
  return {
    row: r.row, association: r.association, district: r.district, localArea: r.local_area,
    tier: r.tier as BudgetRow['tier'], grant: r.grant, cofinancing: r.cofinancing, hours: r.hours, salary: r.salary,
    agreementTerms: r.agreement_terms, fundingSource: r.funding_source as BudgetRow['fundingSource'],
    consultant: r.consultant, since: r.since, year: r.year,
    ...(typeof r.months === 'number' ? { months: r.months } : {}),
  };
}

export function membershipFromStored(r: StoredMembershipRow): MembershipRow {
  return {
    row: r.row, association: r.association, year: r.year, age0to12: r.age_0_to_12, age13to18: r.age_13_to_18,
    age19to24: r.age_19_to_24, under25: r.under_25, girls: r.girls, boys: r.boys, totalMembers: r.total_members,
  };
}
