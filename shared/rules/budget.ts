import { isProRata, proRata } from '../config';
import { localAreaOf } from '../districts';
import { budgetIndex as F } from '../read/columns';
import type { HeaderMatch } from '../read/find-sheets';
import type { BudgetRow, FundingSource, ProgrammeConfig, ProgrammeModel, SheetGrid, Tier } from '../schemas';
import { duplicateOf, type AssociationIndex } from './associations';
import { addIssue, type IssueSink } from './issue';

const num = (v: unknown) => (typeof v === 'number' ? v : null);

/** Normalises a parsed budget row. model-2012 has one tier, read as standard. */
export function toBudgetRow(v: readonly unknown[], row0: number, model: ProgrammeModel | null, config: ProgrammeConfig): BudgetRow {
  const district = typeof v[F.district] === 'string' ? (v[F.district] as string) : null;
  const tier = (v[F.tier] as Tier | null | undefined) ?? null;
  const months = num(v[F.months]);
  const row: BudgetRow = {
    row: row0 + 1,
    association: typeof v[F.association] === 'string' ? (v[F.association] as string) : '',
    district,
    localArea: district ? localAreaOf(district, config) : null,
    tier: model && !model.tiers.udvidet ? 'standard' : tier,
    grant: num(v[F.grant]),
    cofinancing: num(v[F.cofinancing]),
    hours: num(v[F.hours]),
    salary: num(v[F.salary]),
    agreementTerms: typeof v[F.agreementTerms] === 'boolean' ? (v[F.agreementTerms] as boolean) : null,
    fundingSource: (v[F.fundingSource] as FundingSource | null | undefined) ?? 'varige-midler',
    consultant: typeof v[F.consultant] === 'string' ? (v[F.consultant] as string) : null,
    since: num(v[F.since]),
    year: num(v[F.year]),
  };
  // Only a part year is kept: a row without months, or with the whole year's, is a full-year partnership.
  if (months !== null && months < config.partYear.monthsPerYear) row.months = months;
  return row;
}

interface BudgetContext {
  sink: IssueSink;
  associations: AssociationIndex;
  sheet: SheetGrid;
  header: HeaderMatch;
  model: ProgrammeModel | null;
  config: ProgrammeConfig;
}

/** The programme rules on each budget row, and on the sheet as a whole. */
export function checkBudget(rows: BudgetRow[], ctx: BudgetContext): void {
  const { sink, sheet, header, model, associations } = ctx;
  const at = (r: BudgetRow, field: string, value: unknown = null) => ({
    sheet: sheet.name, row: r.row - 1, col: header.columns.get(field) ?? header.columns.get('association') ?? 0,
    field, value: value as never, association: r.association,
  });
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    if (r.association) {
      const first = duplicateOf(associations, i);
      if (first !== null) addIssue(sink, 'duplicate-association', at(r, 'association', r.association), { first: rows[first].row });
    }
    if (!model) continue;
    // A tier cell with text that is neither standard nor udvidet (an empty one is missing-value).
    if (model.tiers.udvidet && r.tier === null && header.columns.has('tier') && cellHasText(sheet, r.row - 1, header.columns.get('tier')!)) {
      addIssue(sink, 'unknown-tier', at(r, 'tier', sheet.values[r.row - 1][header.columns.get('tier')!]));
    }
    const tier = r.tier ? model.tiers[r.tier] : undefined;
    const tierName = r.tier ?? 'standard';
    // A negative figure already has its negative-value error; the programme rules judge real figures only.
    // A part-year partnership (months) is due the yearly amounts pro rata.
    const part = r.months === undefined ? {} : { months: r.months, monthsPerYear: ctx.config.partYear.monthsPerYear };
    if (tier && r.grant !== null && r.grant >= 0 && !isProRata(r.grant, tier.grant, r.months, ctx.config)) {
      addIssue(sink, 'grant-mismatch', at(r, 'grant', r.grant), { expected: proRata(tier.grant, r.months, ctx.config), tier: tierName, model: model.id, ...part, yearly: tier.grant });
    }
    const cofinancingMin = tier ? proRata(tier.cofinancingMin, r.months, ctx.config) : 0;
    if (tier && model.requiresCofinancing && r.cofinancing !== null && r.cofinancing >= 0 && r.cofinancing < cofinancingMin - 0.005 && !isProRata(r.cofinancing, tier.cofinancingMin, r.months, ctx.config)) {
      addIssue(sink, 'cofinancing-below-minimum', at(r, 'cofinancing', r.cofinancing), { expected: cofinancingMin, tier: tierName, ...part, yearly: tier.cofinancingMin });
    }
    if (r.hours !== null && r.hours >= 0) {
      // With the tier unknown, the lowest minimum of the model still applies.
      const min = tier ? tier.hoursMin : Math.min(...Object.values(model.tiers).map((t) => t!.hoursMin));
      if (r.hours < min) addIssue(sink, 'hours-below-minimum', at(r, 'hours', r.hours), { expected: min, model: model.id, tier: model.tiers.udvidet && tier ? tierName : null });
    }
    if (model.requiresAgreementTerms && header.columns.has('agreementTerms') && r.agreementTerms !== true) {
      const col = header.columns.get('agreementTerms')!;
      // A cell that could not be read as yes/no already has its type-error.
      if (r.agreementTerms === false || !cellHasText(sheet, r.row - 1, col)) {
        addIssue(sink, 'agreement-terms-missing', at(r, 'agreementTerms', sheet.values[r.row - 1][col] ?? ''));
      }
    }
    if (r.salary !== null && r.salary >= 0 && r.grant !== null) {
      const funding = r.grant + (r.cofinancing ?? 0);
      if (r.salary < funding) addIssue(sink, 'salary-below-funding', at(r, 'salary', r.salary), { expected: funding });
    }
  }
  if (model?.tiers.udvidet) checkExtended(rows, ctx, at);
  if (model) checkFrames(rows, ctx);
}

function cellHasText(sheet: SheetGrid, r: number, c: number): boolean {
  const v = sheet.values[r]?.[c];
  return v !== undefined && v !== null && String(v).trim() !== '';
}

function checkExtended(rows: BudgetRow[], ctx: BudgetContext, at: (r: BudgetRow, f: string, v?: unknown) => Parameters<typeof addIssue>[2]): void {
  const { sink, config, model, sheet, header } = ctx;
  const byArea = new Map<string, BudgetRow>();
  let extended = 0;
  for (const r of rows) {
    if (r.tier !== 'udvidet') continue;
    extended++;
    if (!r.district || r.district === config.cityWide.name) continue;
    if (!r.localArea) {
      addIssue(sink, 'extended-area-conflict', at(r, 'district', r.district), { district: r.district, areas: config.localAreas.map((a) => a.name).join(', ') });
      continue;
    }
    const first = byArea.get(r.localArea);
    if (first) addIssue(sink, 'extended-area-conflict', at(r, 'tier', 'udvidet'), { other: first.association, otherRow: first.row, localArea: r.localArea });
    else byArea.set(r.localArea, r);
  }
  if (model?.extendedCount != null && extended !== model.extendedCount && rows.length > 0) {
    const col = header.columns.get('tier');
    addIssue(sink, 'extended-count', { sheet: sheet.name, row: col === undefined ? null : header.headerRow, col, field: 'tier', value: extended }, { expected: model.extendedCount });
  }
}

function checkFrames(rows: BudgetRow[], ctx: BudgetContext): void {
  const { sink, model, sheet, header } = ctx;
  if (!model) return;
  const totals: Record<FundingSource, number> = { 'varige-midler': 0, kulturpulje: 0 };
  for (const r of rows) totals[r.fundingSource] += r.grant ?? 0;
  const loc = { sheet: sheet.name, row: header.headerRow, col: header.columns.get('grant') ?? 0, field: 'grant' };
  const perm = model.frames['varige-midler'];
  if (perm !== undefined && totals['varige-midler'] > perm) addIssue(sink, 'budget-frame-exceeded', { ...loc, value: totals['varige-midler'] }, { expected: perm });
  const culture = model.frames.kulturpulje;
  if (culture !== undefined && totals.kulturpulje > culture) addIssue(sink, 'culture-pool-exceeded', { ...loc, value: totals.kulturpulje }, { expected: culture });
}
