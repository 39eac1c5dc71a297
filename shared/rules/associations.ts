import { associationKey } from '../read/text';

/**
 * Which rows name the same association (case- and space-insensitively, by associationKey), built once per sheet
 * and shared by the duplicate check, the budget/membership cross-check and the summary's join. Made per call,
 * on the key strings themselves: the earlier hash-mode index (31-bit hashes confirmed by comparing names) saved
 * no measurable time in a whole validation and needed a fallback for collisions and non-Latin-1 names.
 */
export interface AssociationIndex {
  /** Row i's key; '' for a row without a name. */
  keys: readonly string[];
  /** Each key's first row. */
  first: Map<string, number>;
  /** Whether some association stands in more than one row (else every named row is its own first). */
  hasDuplicates: boolean;
}

export function indexAssociations(rows: ReadonlyArray<{ association: string }>): AssociationIndex {
  const keys = new Array<string>(rows.length);
  const first = new Map<string, number>();
  let hasDuplicates = false;
  // Backwards, so that the first row of a name is the one the map keeps. One map operation per row (a set
  // that leaves the size as it was replaced a later row of the same name): with ten thousand names, each
  // look-up in the map is one of the dearest steps of a validation.
  for (let i = rows.length - 1; i >= 0; i--) {
    const key = associationKey(rows[i].association);
    keys[i] = key;
    if (key === '') continue;
    const size = first.size;
    if (first.set(key, i).size === size) hasDuplicates = true;
  }
  return { keys, first, hasDuplicates };
}

/** The first row with the same association, where row i repeats one; else null. */
export function duplicateOf(index: AssociationIndex, i: number): number | null {
  if (!index.hasDuplicates || index.keys[i] === '') return null;
  const first = index.first.get(index.keys[i])!;
  return first === i ? null : first;
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
  for (let j = 0; membership.hasDuplicates && j < membership.keys.length; j++) {
    if (hasBudget[j] || membership.keys[j] === '') continue;
    if (hasBudget[membership.first.get(membership.keys[j])!]) hasBudget[j] = 1;
  }
  return { membershipOf, hasBudget };
}
