import { associationKey } from '../read/text';

/**
 * Which rows name the same association (case- and space-insensitively, by associationKey), built once per sheet
 * and shared by the duplicate check, the budget/membership cross-check and the summary's join. Made per call.
 *
 * The names go in a table of row numbers (open addressing: a name's first row sits at its hash's slot or the
 * next free one), each hit confirmed by comparing the names themselves, so it is exact for any name. Not a Map:
 * filling a Map with 10,000 names measured 4.6 ms against 1.0 ms for this table (V8 grows a Map that large
 * in steps, in its large-object space), the dearest step of a 10k-row validation after the findings.
 */
export interface AssociationIndex {
  /** Row i's key; '' for a row without a name. */
  keys: readonly string[];
  /** Row i's first row with the same key (i itself for the first); -1 for a row without a name. */
  firstRow: Int32Array;
  /** Whether some association stands in more than one row (else every named row is its own first). */
  hasDuplicates: boolean;
  /** The first row with this key; -1 where no row has it. */
  firstRowOf(key: string): number;
}

/** FNV-1a over the key's UTF-16 code units: cheap, and spreads names that differ in one digit. */
function hashOf(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h;
}

/**
 * Steps a look-up may take before the table gives up. At most half full, a look-up takes one or two; names
 * made to share slots (a hostile upload) would make every look-up walk them all, so past this the index is
 * made again with a Map, whose hash V8 seeds afresh in each process.
 */
const MAX_STEPS = 64;

export function indexAssociations(rows: ReadonlyArray<{ association: string }>): AssociationIndex {
  const keys = rows.map((r) => associationKey(r.association));
  return tableIndex(keys) ?? mapIndex(keys);
}

/**
 * Each row's first row of its key, through `enter`: it gives the key's first row, recording row i as the
 * first where the key is new; -2 where it gives up (the table past MAX_STEPS), and then this gives null.
 */
function firstRows(keys: readonly string[], enter: (key: string, i: number) => number): Pick<AssociationIndex, 'firstRow' | 'hasDuplicates'> | null {
  const firstRow = new Int32Array(keys.length);
  let hasDuplicates = false;
  for (let i = 0; i < keys.length; i++) {
    const first = keys[i] === '' ? -1 : enter(keys[i], i);
    if (first === -2) return null;
    if (first !== -1 && first !== i) hasDuplicates = true;
    firstRow[i] = first;
  }
  return { firstRow, hasDuplicates };
}

/** The table of row numbers; null where a look-up took more than MAX_STEPS. */
function tableIndex(keys: readonly string[]): AssociationIndex | null {
  let size = 8;
  while (size < keys.length * 2) size *= 2;
  const mask = size - 1;
  const slots = new Int32Array(size).fill(-1);
  // The slot that holds the key's first row, or the free slot where it would go; -1 past MAX_STEPS.
  const slotOf = (key: string): number => {
    let s = hashOf(key) & mask;
    for (let steps = 0; slots[s] !== -1 && keys[slots[s]] !== key; steps++) {
      if (steps === MAX_STEPS) return -1;
      s = (s + 1) & mask;
    }
    return s;
  };
  const rows = firstRows(keys, (key, i) => {
    const s = slotOf(key);
    if (s === -1) return -2;
    if (slots[s] === -1) slots[s] = i;
    return slots[s];
  });
  return rows && {
    keys, ...rows,
    firstRowOf: (key) => {
      const s = slotOf(key);
      return s === -1 ? -1 : slots[s];
    },
  };
}

function mapIndex(keys: readonly string[]): AssociationIndex {
  const first = new Map<string, number>();
  const rows = firstRows(keys, (key, i) => {
    const f = first.get(key);
    if (f === undefined) first.set(key, i);
    return f ?? i;
  })!;
  return { keys, ...rows, firstRowOf: (key) => first.get(key) ?? -1 };
}

/** The first row with the same association, where row i repeats one; else null. */
export function duplicateOf(index: AssociationIndex, i: number): number | null {
  if (!index.hasDuplicates || index.firstRow[i] === -1) return null;
  const first = index.firstRow[i];
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
    const j = key === '' ? -1 : membership.firstRowOf(key);
    if (j !== -1) {
      membershipOf[i] = j;
      hasBudget[j] = 1;
    }
  }
  // A repeated membership row (already a duplicate-association error) has a budget row if its first one has.
  for (let j = 0; membership.hasDuplicates && j < membership.keys.length; j++) {
    if (hasBudget[j] || membership.firstRow[j] === -1) continue;
    if (hasBudget[membership.firstRow[j]]) hasBudget[j] = 1;
  }
  return { membershipOf, hasBudget };
}
