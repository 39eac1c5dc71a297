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
    if (rows[i].association && !first.has(key)) first.set(key, i);
  }
  return { keys, first };
}
