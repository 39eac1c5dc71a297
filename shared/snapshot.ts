/**
 * What a snapshot *is*, independent of where it is stored: its canonical content (hashed by the service,
 * so the same rows sent twice are the same snapshot) and the difference between two snapshots (shown by
 * the service on a conflict and by the task pane before a save). Pure.
 */
import { copenhagen, modelForYear } from './config';
import { associationKey } from './read/text';
import type { BudgetRow, MembershipRow, ModelId, ProgrammeConfig, Summary, Totals } from './schemas';
import { summarise } from './summary';

export interface SnapshotContent {
  year: number;
  model: ModelId | null;
  budget: BudgetRow[];
  membership: MembershipRow[];
}

/** Row numbers say where a row stood in the sheet, not what it says: they are left out of the content. */
const budgetFields = [
  'association', 'district', 'localArea', 'tier', 'grant', 'cofinancing', 'hours', 'salary',
  'agreementTerms', 'fundingSource', 'consultant', 'since', 'year',
] as const satisfies ReadonlyArray<keyof BudgetRow>;
const membershipFields = [
  'association', 'year', 'age0to12', 'age13to18', 'age19to24', 'under25', 'girls', 'boys', 'totalMembers',
] as const satisfies ReadonlyArray<keyof MembershipRow>;

/** The key budget and membership rows are matched on, as the rules and the summary match them. */
export function snapshotAssociationKey(association: string): string {
  return associationKey(association);
}

function canonicalRows<R extends { association: string }>(rows: R[], fields: ReadonlyArray<keyof R>): unknown[][] {
  // Sorted by association (then by the whole row, for ties) so that moving rows does not change the hash.
  // The row's text is only needed for a tie, which the duplicate-association rule makes rare.
  const keyed = rows.map((r) => ({ key: snapshotAssociationKey(r.association), text: '', values: fields.map((f) => r[f] ?? null) }));
  const text = (k: (typeof keyed)[number]) => (k.text ||= JSON.stringify(k.values));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : text(a) < text(b) ? -1 : text(a) > text(b) ? 1 : 0));
  return keyed.map((k) => k.values);
}

/**
 * A deterministic text of the content: fixed field order, rows in association order, no row numbers.
 * The service hashes it (sha256) for the snapshot's content hash.
 */
export function canonicalSnapshot(content: SnapshotContent): string {
  // A part year (months) is content; it is a field only where a row has it, so full-year rows hash as before.
  const fields = content.budget.some((b) => b.months !== undefined) ? [...budgetFields, 'months' as const] : budgetFields;
  return JSON.stringify({
    v: 1,
    year: content.year,
    model: content.model,
    budget: { fields, rows: canonicalRows(content.budget, fields) },
    membership: { fields: membershipFields, rows: canonicalRows(content.membership, membershipFields) },
  });
}

/** A snapshot as the API shows it (GET /api/snapshots, the save answers): who, when, from where, how many rows. */
export interface SnapshotMeta {
  id: string;
  year: number;
  model: string;
  hash: string;
  source: { workbook: string | null; sheets: string[] };
  basedOn: string | null;
  createdBy: string;
  createdAt: string;
  rows: { budget: number; membership: number };
}

export type SnapshotValue = string | number | boolean | null;

export interface FieldChange {
  association: string;
  sheet: 'budget' | 'membership';
  field: string;
  old: SnapshotValue;
  new: SnapshotValue;
}

export interface TotalChange {
  scope: 'district' | 'localArea' | 'total';
  /** The district or local area; "total" for the programme. */
  name: string;
  field: keyof Totals;
  old: number | null;
  new: number | null;
}

export interface SnapshotDiff {
  /** Associations (in either sheet) present only in the newer / only in the older snapshot. */
  associations: { added: string[]; removed: string[] };
  fields: FieldChange[];
  totals: TotalChange[];
  /** True when nothing differs. */
  same: boolean;
}

const totalFields: Array<keyof Totals> = [
  'associations', 'extended', 'grant', 'cofinancing', 'hours', 'membersUnder25',
  'age0to12', 'age13to18', 'age19to24', 'totalMembers', 'grantPerMemberUnder25',
];

function byKey<R extends { association: string }>(rows: R[]): Map<string, R> {
  return new Map(rows.map((r) => [associationKey(r.association), r]));
}

function fieldChanges<R extends { association: string }>(
  sheet: FieldChange['sheet'], fields: ReadonlyArray<keyof R>, older: R[], newer: R[], common: Set<string>,
): FieldChange[] {
  const a = byKey(older);
  const b = byKey(newer);
  const out: FieldChange[] = [];
  for (const key of common) {
    const before = a.get(key);
    const after = b.get(key);
    if (!before && !after) continue;
    const association = (after ?? before)!.association;
    for (const field of fields) {
      const old = (before?.[field] ?? null) as SnapshotValue;
      const now = (after?.[field] ?? null) as SnapshotValue;
      if (old !== now) out.push({ association, sheet, field: String(field), old, new: now });
    }
  }
  return out;
}

function totalChanges(older: Summary, newer: Summary): TotalChange[] {
  const out: TotalChange[] = [];
  const compare = (scope: TotalChange['scope'], name: string, a: Totals | undefined, b: Totals | undefined) => {
    for (const field of totalFields) {
      const old = a ? a[field] : null;
      const now = b ? b[field] : null;
      if (old !== now) out.push({ scope, name, field, old, new: now });
    }
  };
  const districts = unionInOrder(older.districts.map((d) => d.district), newer.districts.map((d) => d.district));
  for (const d of districts) {
    compare('district', d, older.districts.find((x) => x.district === d), newer.districts.find((x) => x.district === d));
  }
  const areas = unionInOrder(older.localAreas.map((a) => a.localArea), newer.localAreas.map((a) => a.localArea));
  for (const a of areas) {
    compare('localArea', a, older.localAreas.find((x) => x.localArea === a), newer.localAreas.find((x) => x.localArea === a));
  }
  compare('total', 'total', older.total, newer.total);
  return out;
}

function unionInOrder(a: string[], b: string[]): string[] {
  return [...a, ...b.filter((x) => !a.includes(x))];
}

/** What changed from `older` to `newer`: associations, fields (old → new), and the district totals. */
export function diffSnapshots(older: SnapshotContent, newer: SnapshotContent, config: ProgrammeConfig = copenhagen): SnapshotDiff {
  const names = (c: SnapshotContent) => {
    const m = new Map<string, string>();
    for (const r of [...c.budget, ...c.membership]) if (!m.has(associationKey(r.association))) m.set(associationKey(r.association), r.association);
    return m;
  };
  const a = names(older);
  const b = names(newer);
  const added = [...b].filter(([k]) => !a.has(k)).map(([, n]) => n);
  const removed = [...a].filter(([k]) => !b.has(k)).map(([, n]) => n);
  const common = new Set([...a.keys()].filter((k) => b.has(k)));
  const fields = [
    ...fieldChanges('budget', budgetFields, older.budget, newer.budget, common),
    ...fieldChanges('membership', membershipFields, older.membership, newer.membership, common),
  ];
  const summaryOf = (c: SnapshotContent) => summarise(c.budget, c.membership, modelForYear(c.year, config), config);
  const totals = totalChanges(summaryOf(older), summaryOf(newer));
  return {
    associations: { added, removed },
    fields,
    totals,
    same: added.length === 0 && removed.length === 0 && fields.length === 0 && totals.length === 0,
  };
}
