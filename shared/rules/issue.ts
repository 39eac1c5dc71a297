import { cellAddress } from '../read/a1';
import type { CellValue, Fix, Issue, Lang } from '../schemas';
import { ruleOf, type IssueCode, type MessageContext, type RuleParams, type Surface } from './catalogue';

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
  const rule = ruleOf(code);
  const row0 = at.row ?? null;
  const cell = row0 !== null ? cellAddress(row0, at.col ?? 0) : null;
  const row = row0 === null ? null : row0 + 1;
  const value = at.value === undefined ? null : at.value;
  const association = at.association ?? null;
  // One object for the message, the context and then the rule's own parameters: a sheet can give tens of
  // thousands of findings (a text amount in every row), and copying spreads was a good part of their cost.
  const context: MessageContext = { cell, row, value, association, surface: sink.surface };
  const message = rule.message[sink.lang](Object.assign(context, args[0]) as MessageContext & RuleParams[C]);
  const issue: Issue = { code, severity: rule.severity, sheet: at.sheet, cell, row, field: at.field ?? null, value, message, association };
  if (at.fix) issue.fix = at.fix;
  sink.issues.push(issue);
}
