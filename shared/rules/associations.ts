import { associationKey } from '../read/text';

/**
 * Each row's association key, and the first row of each key. Built once per sheet and shared by the
 * duplicate check, the budget/membership cross-check and the summary's join.
 */
export interface AssociationIndex {
  keys: string[];
  first: Map<string, number>;
}

export function indexAssociations(rows: ReadonlyArray<{ association: string }>): AssociationIndex {
  const keys = new Array<string>(rows.length);
  const first = new Map<string, number>();
  for (let i = 0; i < rows.length; i++) {
    const key = associationKey(rows[i].association);
    keys[i] = key;
    if (key !== '' && first.get(key) === undefined) first.set(key, i);
  }
  return { keys, first };
}

/** Which membership row each budget row has (-1: none), and which membership rows have a budget row. */
export interface AssociationJoin {
  membershipOf: Int32Array;
  hasBudget: Uint8Array;
}

export function joinAssociations(budget: AssociationIndex, membership: AssociationIndex): AssociationJoin {
  const membershipOf = new Int32Array(budget.keys.length).fill(-1);
  const hasBudget = new Uint8Array(membership.keys.length);
  for (let i = 0; i < budget.keys.length; i++) {
    const key = budget.keys[i];
    const j = key === '' ? undefined : membership.first.get(key);
    if (j !== undefined) {
      membershipOf[i] = j;
      hasBudget[j] = 1;
    }
  }
  // A repeated membership row (already a duplicate-association error) has a budget row if its first one has.
  for (let j = 0; j < membership.keys.length; j++) {
    if (hasBudget[j]) continue;
    const first = membership.first.get(membership.keys[j]);
    if (first !== undefined && first !== j && hasBudget[first]) hasBudget[j] = 1;
  }
  return { membershipOf, hasBudget };
}
