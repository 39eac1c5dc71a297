import { describe, expect, it } from 'vitest';
import { budgetFromStored, membershipFromStored, storedBudgetRow, storedMembershipRow } from '../../../server/db/stored-rows';
import { copenhagen, validateWorkbook } from '../../../shared/index';
import { workbook } from '../fixtures';

describe('rows as a snapshot stores them', () => {
  const { data } = validateWorkbook(workbook(), { config: copenhagen });

  it('come back through JSON as the rows the core read', () => {
    // The conflict answer diffs a save's rows made back from the stored JSON text, so nothing may be lost on the way.
    const budget = JSON.parse(JSON.stringify(data.budget.map(storedBudgetRow))).map(budgetFromStored);
    const membership = JSON.parse(JSON.stringify(data.membership.map(storedMembershipRow))).map(membershipFromStored);
    expect(budget).toEqual(data.budget);
    expect(membership).toEqual(data.membership);
  });

  it('carry the key the district totals and the rules match associations on', () => {
    const stored = storedBudgetRow({ ...data.budget[0], association: '  Brønshøj  Boldklub ' });
    expect(stored.association_key).toBe('brønshøjboldklub');
    expect(stored.association).toBe('  Brønshøj  Boldklub ');
  });
});
