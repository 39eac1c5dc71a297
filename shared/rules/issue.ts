import { cellAddress } from '../read/a1';
import type { CellValue, Fix, Issue, Lang } from '../schemas';
import { ruleByCode, type IssueCode, type MessageContext, type RuleParams, type Surface } from './catalogue';

/** Where an issue points: a sheet, and a 0-based row and column where there is one. */
export interface Location {
  sheet: string | null;
  row?: number | null;
  col?: number | null;
  field?: string | null;
  value?: CellValue;
  association?: string | null;
  /** The finding's one safe correction, where it has one (DOMAIN.md: a fix the pane can apply and undo). */
  fix?: Fix;
}

/** Collects issues in the report's language; the single place an Issue object is made. */
export interface IssueSink {
  lang: Lang;
  /** Where the report is read, for fix texts that name the control the person has. */
  surface?: Surface;
  issues: Issue[];
}

/** A rule's parameters: optional where the rule has none that are required. */
export type ParamArgs<C extends IssueCode> = Record<string, never> extends RuleParams[C] ? [params?: RuleParams[C]] : [params: RuleParams[C]];

export function addIssue<C extends IssueCode>(sink: IssueSink, code: C, at: Location, ...args: ParamArgs<C>): void {
  const rule = ruleByCode(code);
  const row = at.row ?? null;
  const cell = row !== null ? cellAddress(row, at.col ?? 0) : null;
  const value = at.value === undefined ? null : at.value;
  const association = at.association ?? null;
  const context: MessageContext = { cell, row: row === null ? null : row + 1, value, association, surface: sink.surface };
  const params = (args[0] ?? {}) as RuleParams[C];
  sink.issues.push({
    code,
    severity: rule.severity,
    sheet: at.sheet,
    cell,
    row: row === null ? null : row + 1,
    field: at.field ?? null,
    value,
    message: rule.message[sink.lang]({ ...context, ...params }),
    association,
    ...(at.fix ? { fix: at.fix } : {}),
  });
}
