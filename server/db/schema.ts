/**
 * The service's tables, one definition for PGlite and PostgreSQL (drizzle pg-core). Migrations in
 * ./migrations are generated from this file with `npx drizzle-kit generate --config server/db/drizzle.config.ts`.
 *
 * Only association-level figures are stored: the normalised rows of the core (never unknown columns,
 * never a cell that was flagged as personal data, since such a sheet is refused before storing).
 */
import {
  bigint,
  boolean,
  doublePrecision,
  index,
  integer,
  json,
  jsonb,
  pgTable,
  pgView,
  text,
  timestamp,
  unique,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

export const tokens = pgTable(
  'tokens',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    role: text('role', { enum: ['reader', 'editor', 'admin'] }).notNull(),
    /** sha256 of the token; the token itself is shown once and never stored. */
    hash: text('hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [uniqueIndex('tokens_hash_key').on(t.hash)],
);

export const snapshots = pgTable(
  'snapshots',
  {
    id: text('id').primaryKey(),
    /** Insertion order: the clock is injected and may repeat, so "latest" is decided by this, not by time. */
    seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity().notNull(),
    year: integer('year').notNull(),
    model: text('model').notNull(),
    /**
     * sha256 of shared/snapshot.ts canonicalSnapshot. Not unique: going back to earlier figures stores them
     * again as the year's latest; only content equal to the year's latest is not stored twice.
     */
    hash: text('hash').notNull(),
    sourceWorkbook: text('source_workbook'),
    sourceSheets: jsonb('source_sheets').$type<string[]>().notNull(),
    basedOn: text('based_on'),
    /**
     * The year's latest snapshot when this one was stored (null for a year's first). Unique per year: two
     * saves, from any number of service instances, cannot both follow the same snapshot, so a year's
     * snapshots form one line and the database itself refuses the second of two racing saves.
     */
    parentId: text('parent_id'),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    budgetRows: integer('budget_rows').notNull(),
    membershipRows: integer('membership_rows').notNull(),
    /**
     * The validation report without its `data`. json, not jsonb, here and below: these are only ever read
     * back whole or unpacked by the views, and converting text to jsonb cost a fifth of a save.
     */
    report: json('report').notNull(),
    /**
     * The normalised rows, in sheet order: a snapshot is written once and read whole, so its rows live in
     * it rather than as one indexed table row each (which made a save cost ~3 ms of database time instead
     * of ~0.6 ms on PGlite). The views below unpack them.
     */
    budget: json('budget').$type<StoredBudgetRow[]>().notNull(),
    membership: json('membership').$type<StoredMembershipRow[]>().notNull(),
  },
  (t) => [
    uniqueIndex('snapshots_seq_key').on(t.seq),
    index('snapshots_year_hash_idx').on(t.year, t.hash),
    index('snapshots_year_seq_idx').on(t.year, t.seq.desc()),
    unique('snapshots_year_parent_key').on(t.year, t.parentId).nullsNotDistinct(),
  ],
);

/**
 * A snapshot's rows, one per budget or membership row, as views over the snapshot's `budget` and
 * `membership` columns: the relational face for the totals, the export and anyone querying with SQL.
 * Created by hand in migration 0002 (drizzle-kit leaves `.existing()` views alone).
 */
export const budgetRows = pgView('budget_rows', {
  snapshotId: text('snapshot_id').notNull(),
  /** Row number in the sheet it came from (not part of the content hash). */
  row: integer('row').notNull(),
  /** shared/snapshot.ts snapshotAssociationKey(association): the key budget and membership rows are joined on. */
  associationKey: text('association_key').notNull(),
  association: text('association').notNull(),
  district: text('district'),
  localArea: text('local_area'),
  tier: text('tier'),
  grant: doublePrecision('grant'),
  cofinancing: doublePrecision('cofinancing'),
  hours: doublePrecision('hours'),
  salary: doublePrecision('salary'),
  agreementTerms: boolean('agreement_terms'),
  fundingSource: text('funding_source').notNull(),
  consultant: text('consultant'),
  since: integer('since'),
  year: integer('year'),
}).existing();

export const membershipRows = pgView('membership_rows', {
  snapshotId: text('snapshot_id').notNull(),
  row: integer('row').notNull(),
  associationKey: text('association_key').notNull(),
  association: text('association').notNull(),
  year: integer('year'),
  age0to12: doublePrecision('age_0_to_12'),
  age13to18: doublePrecision('age_13_to_18'),
  age19to24: doublePrecision('age_19_to_24'),
  under25: doublePrecision('under_25'),
  girls: doublePrecision('girls'),
  boys: doublePrecision('boys'),
  totalMembers: doublePrecision('total_members'),
}).existing();

/** A budget row as stored in snapshots.budget: the view's columns but the snapshot id. */
export interface StoredBudgetRow {
  row: number;
  association_key: string;
  association: string;
  district: string | null;
  local_area: string | null;
  tier: string | null;
  grant: number | null;
  cofinancing: number | null;
  hours: number | null;
  salary: number | null;
  agreement_terms: boolean | null;
  funding_source: string;
  consultant: string | null;
  since: number | null;
  year: number | null;
  /** A part-year partnership's months (absent = the whole year). */
  months?: number;
}

/** A membership row as stored in snapshots.membership. */
export interface StoredMembershipRow {
  row: number;
  association_key: string;
  association: string;
  year: number | null;
  age_0_to_12: number | null;
  age_13_to_18: number | null;
  age_19_to_24: number | null;
  under_25: number | null;
  girls: number | null;
  boys: number | null;
  total_members: number | null;
}

export type TokenRecord = typeof tokens.$inferSelect;
export type SnapshotRecord = typeof snapshots.$inferSelect;

