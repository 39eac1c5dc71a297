import { associationKey } from '../read/text';

/**
 * Which rows name the same association (case- and space-insensitively), built once per sheet and shared by the
 * duplicate check, the budget/membership cross-check and the summary's join.
 *
 * Rows are identified by a 31-bit hash of the name as associationKey would write it, so that no key string is
 * made per row and the map holds small integers: on a sheet of 10,000 rows this is most of the cost of
 * matching. Every hash hit is confirmed by comparing the names; should two different names share a hash, or
 * a name hold letters the hash does not fold, the index is built again on the key strings themselves.
 */
export interface AssociationIndex {
  names: readonly string[];
  /** Row i's id (a hash, or the key string); -1 or '' for a row without a name. */
  ids: Array<number | string>;
  first: Map<number | string, number>;
  /** Whether some association stands in more than one row (else every named row is its own first). */
  hasDuplicates: boolean;
  mode: 'hash' | 'key';
}

const UNNAMED = -1;
const UNHASHABLE = -2;

/** FNV-1a over the name with white space left out and A–Z, À–Þ lower-cased, as toLowerCase does them. */
export function hashName(name: string): number {
  let h = 0x811c9dc5 | 0;
  let named = false;
  for (let i = 0; i < name.length; i++) {
    let c = name.charCodeAt(i);
    if (c <= 32 || c === 0xa0 || c === 0x85 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff) continue;
    if (c >= 65 && c <= 90) c += 32;
    else if (c >= 0xc0 && c <= 0xde && c !== 0xd7) c += 32;
    // Beyond Latin-1, lower-casing can depend on context (Σ) or change length (İ): leave it to toLowerCase.
    else if (c > 0xff) return UNHASHABLE;
    h = Math.imul(h ^ c, 0x01000193);
    named = true;
  }
  return named ? h >>> 1 : UNNAMED;
}

function sameName(a: string, b: string): boolean {
  return a === b || associationKey(a) === associationKey(b);
}

function build(names: readonly string[], mode: 'hash' | 'key'): AssociationIndex | null {
  const ids = new Array<number | string>(names.length);
  const first = new Map<number | string, number>();
  let hasDuplicates = false;
  // Backwards, so that the first row of a name is the one the map keeps.
  for (let i = names.length - 1; i >= 0; i--) {
    const id = mode === 'hash' ? hashName(names[i]) : associationKey(names[i]);
    if (id === UNHASHABLE) return null;
    ids[i] = id;
    if (id === UNNAMED || id === '') continue;
    const later = first.get(id);
    if (later !== undefined) {
      if (mode === 'hash' && !sameName(names[later], names[i])) return null;
      hasDuplicates = true;
    }
    first.set(id, i);
  }
  return { names, ids, first, hasDuplicates, mode };
}

export function indexAssociations(rows: ReadonlyArray<{ association: string }>): AssociationIndex {
  const names = rows.map((r) => r.association);
  return build(names, 'hash') ?? build(names, 'key')!;
}

function isNamed(id: number | string): boolean {
  return id !== UNNAMED && id !== '';
}

/** The first row with the same association, where row i repeats one; else null. */
export function duplicateOf(index: AssociationIndex, i: number): number | null {
  if (!index.hasDuplicates || !isNamed(index.ids[i])) return null;
  const first = index.first.get(index.ids[i])!;
  return first === i ? null : first;
}

/** Which membership row each budget row has (-1: none), and which membership rows have a budget row. */
export interface AssociationJoin {
  membershipOf: Int32Array;
  hasBudget: Uint8Array;
}

export function joinAssociations(budgetIndex: AssociationIndex, membershipIndex: AssociationIndex): AssociationJoin {
  let budget = budgetIndex;
  let membership = membershipIndex;
  if (budget.mode !== membership.mode) {
    // Ids compare only within one mode: fall back to key strings on both sides.
    if (budget.mode === 'hash') budget = build(budget.names, 'key')!;
    else membership = build(membership.names, 'key')!;
  }
  const membershipOf = new Int32Array(budget.ids.length).fill(-1);
  const hasBudget = new Uint8Array(membership.ids.length);
  for (let i = 0; i < budget.ids.length; i++) {
    const id = budget.ids[i];
    const j = isNamed(id) ? membership.first.get(id) : undefined;
    // A shared hash between two different names means no match: a row with this name would have
    // collided inside the membership index and made it fall back to key strings.
    if (j !== undefined && (budget.mode === 'key' || sameName(budget.names[i], membership.names[j]))) {
      membershipOf[i] = j;
      hasBudget[j] = 1;
    }
  }
  // A repeated membership row (already a duplicate-association error) has a budget row if its first one has.
  for (let j = 0; membership.hasDuplicates && j < membership.ids.length; j++) {
    if (hasBudget[j] || !isNamed(membership.ids[j])) continue;
    if (hasBudget[membership.first.get(membership.ids[j])!]) hasBudget[j] = 1;
  }
  return { membershipOf, hasBudget };
}
