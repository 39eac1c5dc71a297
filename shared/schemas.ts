import { z } from 'zod';
import { issueCodes, type Surface } from './rules/catalogue';

/** A cell as Office.js `Range.values` hands it over: empty cells are "", errors are their text ("#REF!"). */
export const cellValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export type CellValue = z.infer<typeof cellValueSchema>;

const MAX_GRID_ISSUES = 20;
const typeName = (v: unknown) => (v === undefined ? 'nothing' : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'an object' : typeof v);

/**
 * Rows of cells, each as cellValueSchema says. Checked in one loop: z.array(z.array(cellValueSchema)) took
 * ~100 ns per cell (60 µs of a 21-association save, about 5 % of the service's time per save). The
 * findings are zod issues with the cell's path, as before; `params.grid` says which (the API words them in
 * the caller's language).
 */
export const cellGridSchema = z.custom<CellValue[][]>().superRefine((grid, ctx) => {
  if (!Array.isArray(grid)) {
    ctx.addIssue({ code: 'custom', message: `expected a list of rows, got ${typeName(grid)}`, params: { grid: 'rows', got: typeName(grid) } });
    return;
  }
  let found = 0;
  for (let r = 0; r < grid.length && found < MAX_GRID_ISSUES; r++) {
    const row: unknown = grid[r];
    if (!Array.isArray(row)) {
      ctx.addIssue({ code: 'custom', path: [r], message: `expected a row (a list of cells), got ${typeName(row)}`, params: { grid: 'row', got: typeName(row) } });
      found++;
      continue;
    }
    for (let c = 0; c < row.length && found < MAX_GRID_ISSUES; c++) {
      const v: unknown = row[c];
      if (v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))) continue;
      ctx.addIssue({ code: 'custom', path: [r, c], message: `a cell is text, a number, true/false or null (empty), not ${typeName(v)}`, params: { grid: 'cell', got: typeName(v) } });
      found++;
    }
  }
});

export const sheetGridSchema = z.object({
  name: z.string().min(1).max(31),
  values: cellGridSchema,
  /**
   * Office.js `Range.valueTypes` ("Error", "Double", "String", "Boolean", "Empty", "Integer"), where known.
   * The file reader adds "Uncalculated": a formula saved without a cached result (files written by scripts
   * that never ran Excel); its value is "".
   */
  valueTypes: z.array(z.array(z.string())).optional(),
  /** Office.js `Range.numberFormat`, where known. */
  numberFormat: z.array(z.array(z.string())).optional(),
  /**
   * Office.js `Range.formulas`, where known: a cell with a formula holds its text ("=SUM(D5:D25)"); every
   * other entry (a value, "") is ignored. Used to explain a total row's figure.
   */
  formulas: z.array(z.array(cellValueSchema)).optional(),
  /** 0-based indices of the rows hidden in the sheet, where known (a hidden row still counts in a SUM). */
  hiddenRows: z.array(z.number().int().nonnegative()).optional(),
});
export type SheetGrid = z.infer<typeof sheetGridSchema>;

export const workbookSchema = z.object({
  sheets: z.array(sheetGridSchema),
  /**
   * The workbook counts dates from 1904 (Excel for Mac's old default, some exports): a serial's date is 1,462
   * days later than in the 1900 system. Where unknown, the 1900 system.
   */
  date1904: z.boolean().optional(),
});
export type WorkbookInput = z.infer<typeof workbookSchema>;

export const langSchema = z.enum(['da', 'en']);
export type Lang = z.infer<typeof langSchema>;

export const severitySchema = z.enum(['error', 'warning', 'info']);
export type Severity = z.infer<typeof severitySchema>;

export const modelIdSchema = z.enum(['model-2012', 'model-2025']);
export type ModelId = z.infer<typeof modelIdSchema>;

export const tierSchema = z.enum(['standard', 'udvidet']);
export type Tier = z.infer<typeof tierSchema>;

export const fundingSourceSchema = z.enum(['varige-midler', 'kulturpulje']);
export type FundingSource = z.infer<typeof fundingSourceSchema>;

export const sheetKindSchema = z.enum(['budget', 'membership']);
export type SheetKind = z.infer<typeof sheetKindSchema>;

// ---------------------------------------------------------------- programme configuration

export const tierParametersSchema = z.object({
  grant: z.number().nonnegative(),
  cofinancingMin: z.number().nonnegative(),
  hoursMin: z.number().nonnegative(),
});
export type TierParameters = z.infer<typeof tierParametersSchema>;

export const programmeModelSchema = z.object({
  id: modelIdSchema,
  fromYear: z.number().int(),
  /** Inclusive; null = still in force. */
  toYear: z.number().int().nullable(),
  /** model-2012 has one tier, read as `standard`; model-2025 has `standard` and `udvidet`. */
  tiers: z.object({ standard: tierParametersSchema, udvidet: tierParametersSchema.optional() }),
  requiresTier: z.boolean(),
  requiresCofinancing: z.boolean(),
  requiresAgreementTerms: z.boolean(),
  /** The number of udvidet partnerships expected (one per local area); null = no extended tier. */
  extendedCount: z.number().int().nullable(),
  /** Yearly frames per funding source in DKK; a source without a frame is not checked. */
  frames: z.partialRecord(fundingSourceSchema, z.number().nonnegative()),
});
export type ProgrammeModel = z.infer<typeof programmeModelSchema>;

export const districtSchema = z.object({ name: z.string(), aliases: z.array(z.string()) });
export const localAreaSchema = z.object({ name: z.string(), districts: z.array(z.string()) });

export const programmeConfigSchema = z.object({
  municipality: z.string(),
  models: z.array(programmeModelSchema).min(1),
  /** Administrative districts (bydele). */
  districts: z.array(districtSchema).min(1),
  /** The pseudo-district for city-wide associations. */
  cityWide: districtSchema,
  localAreas: z.array(localAreaSchema),
  membersUnder25Min: z.number().int().nonnegative(),
  /** Relative change in members under 25 against the previous year that earns a warning (0.3 = 30 %). */
  membershipChangeMax: z.number().positive(),
  /**
   * Part-year partnerships (a budget row's `months`): a yearly amount is due pro rata, amount × months /
   * monthsPerYear, rounded to `roundTo` kroner; a grant within `roundTo` of the exact figure passes (so 7 months
   * of 200.000 kr. may be written 116.666 or 116.667).
   */
  partYear: z.object({ monthsPerYear: z.number().int().positive(), roundTo: z.number().positive() }),
});
export type ProgrammeConfig = z.infer<typeof programmeConfigSchema>;

// ---------------------------------------------------------------- normalised rows

export const budgetRowSchema = z.object({
  /** 1-based row number in the sheet. */
  row: z.number().int().positive(),
  association: z.string(),
  /** Canonical district name (a bydel or the city-wide pseudo-district); null where it could not be read. */
  district: z.string().nullable(),
  /** The local area the district belongs to, if any. */
  localArea: z.string().nullable(),
  tier: tierSchema.nullable(),
  grant: z.number().nullable(),
  cofinancing: z.number().nullable(),
  hours: z.number().nullable(),
  salary: z.number().nullable(),
  agreementTerms: z.boolean().nullable(),
  fundingSource: fundingSourceSchema,
  consultant: z.string().nullable(),
  since: z.number().int().nullable(),
  year: z.number().int().nullable(),
  /** The months the agreement ran that year (1–11), where the sheet says fewer than a full year; absent = full year. */
  months: z.number().int().min(1).optional(),
});
export type BudgetRow = z.infer<typeof budgetRowSchema>;

export const membershipRowSchema = z.object({
  row: z.number().int().positive(),
  association: z.string(),
  year: z.number().int().nullable(),
  age0to12: z.number().nullable(),
  age13to18: z.number().nullable(),
  age19to24: z.number().nullable(),
  /** As given, or the sum of the three age bands when only they are given. */
  under25: z.number().nullable(),
  girls: z.number().nullable(),
  boys: z.number().nullable(),
  totalMembers: z.number().nullable(),
});
export type MembershipRow = z.infer<typeof membershipRowSchema>;

// ---------------------------------------------------------------- issues and reports

/**
 * One safe, unambiguous correction of a finding: the cell (A1, on the issue's sheet) and the value to write,
 * and for amounts the number format to give it. The pane applies and undoes it; `validate --fix` writes it.
 */
export const fixSchema = z.object({
  cell: z.string(),
  value: cellValueSchema,
  numberFormat: z.string().optional(),
});
export type Fix = z.infer<typeof fixSchema>;

export const issueSchema = z.object({
  /** One of the rulebook's codes (shared/rules/catalogue.ts): public interface, never renamed. */
  code: z.enum(issueCodes),
  severity: severitySchema,
  /** Sheet name, or null for findings about the workbook as a whole. */
  sheet: z.string().nullable(),
  /** A1 address of the cell; a row's first cell for row findings; null for sheet findings. */
  cell: z.string().nullable(),
  row: z.number().int().nullable(),
  field: z.string().nullable(),
  /** The raw value where there is one; never a value that looks like personal data. */
  value: cellValueSchema,
  message: z.string(),
  association: z.string().nullable().optional(),
  fix: fixSchema.optional(),
});
export type Issue = z.infer<typeof issueSchema>;

export const totalsSchema = z.object({
  associations: z.number(),
  extended: z.number(),
  grant: z.number(),
  cofinancing: z.number(),
  hours: z.number(),
  membersUnder25: z.number(),
  age0to12: z.number().nullable(),
  age13to18: z.number().nullable(),
  age19to24: z.number().nullable(),
  /** Members of all ages ("Medlemmer i alt"), null where no row gives it: the membership export's column. */
  totalMembers: z.number().nullable(),
  /** grant / membersUnder25, null where there are no members. */
  grantPerMemberUnder25: z.number().nullable(),
});
export type Totals = z.infer<typeof totalsSchema>;

export const summarySchema = z.object({
  districts: z.array(totalsSchema.extend({ district: z.string() })),
  localAreas: z.array(totalsSchema.extend({ localArea: z.string(), districts: z.array(z.string()) })),
  funding: z.array(
    z.object({
      source: fundingSourceSchema,
      associations: z.number(),
      grant: z.number(),
      frame: z.number().nullable(),
      /** frame - grant; negative when exceeded. */
      remaining: z.number().nullable(),
    }),
  ),
  total: totalsSchema,
});
export type Summary = z.infer<typeof summarySchema>;
export type DistrictTotals = Summary['districts'][number];
export type LocalAreaTotals = Summary['localAreas'][number];

export const sheetInfoSchema = z.object({
  kind: sheetKindSchema,
  name: z.string(),
  /** 1-based header row. */
  headerRow: z.number().int(),
  /** field → A1 column letter of the column used for it. */
  columns: z.record(z.string(), z.string()),
  dataRows: z.number().int(),
  /** Rows left out because their year column names another programme year. */
  otherYearRows: z.number().int(),
});
export type SheetInfo = z.infer<typeof sheetInfoSchema>;

export const reportSchema = z.object({
  year: z.number().int().nullable(),
  model: modelIdSchema.nullable(),
  ok: z.boolean(),
  counts: z.object({ error: z.number(), warning: z.number(), info: z.number() }),
  issues: z.array(issueSchema),
  summary: summarySchema,
  sheets: z.object({ budget: sheetInfoSchema.nullable(), membership: sheetInfoSchema.nullable() }),
  data: z.object({ budget: z.array(budgetRowSchema), membership: z.array(membershipRowSchema) }),
});
export type Report = z.infer<typeof reportSchema>;

/** The previous year's figures, for `change-vs-previous` (the service supplies them). */
export const previousMembershipSchema = z.object({
  year: z.number().int(),
  snapshotId: z.string().optional(),
  rows: z.array(z.object({ association: z.string(), under25: z.number().nullable() })),
});
export type PreviousMembership = z.infer<typeof previousMembershipSchema>;

export const validateOptionsSchema = z.object({
  year: z.number().int().optional(),
  lang: langSchema.optional(),
  /** Force which sheet is which (the task pane's drop-downs); false = do not read that kind. */
  budgetSheet: z.union([z.string(), z.literal(false)]).optional(),
  membershipSheet: z.union([z.string(), z.literal(false)]).optional(),
  /** Which sheets must be present (`sheet-not-found` otherwise); default: at least one of the two. */
  require: z.array(sheetKindSchema).optional(),
  previousMembership: previousMembershipSchema.optional(),
});
/**
 * `surface`: where the report is read (the CLI, the pane, the API), so a fix text names the control the person
 * has there ("--year 2025", "vælg året under Programår"); set by the caller itself, never taken from a request.
 */
export type ValidateOptions = z.infer<typeof validateOptionsSchema> & { config?: ProgrammeConfig; surface?: Surface };
