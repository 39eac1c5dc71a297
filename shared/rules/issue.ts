import { cellAddress } from '../read/a1';
import type { CellValue, Fix, Issue, Lang } from '../schemas';
import { ruleOf, type IssueCode, type MessageContext, type RuleParams, type Surface } from './catalogue';

/** Where an issue points: a sheet, and a 0-based row and column where there is one. */
export interface Location {
  sheet: string | null;
  row?: number | null;
  col?: number | null;
  /** The A1 address of row and col where the caller has made it already (for its fix): one string, not two. */
  cell?: string;
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
  const cell = row0 === null ? null : (at.cell ?? cellAddress(row0, at.col ?? 0));
  const row = row0 === null ? null : row0 + 1;
  const value = at.value === undefined ? null : at.value;
  const association = at.association ?? null;
  // One object for the message: the context, then the rule's own parameters (which win on a clash). A sheet
  // can give tens of thousands of findings (a text amount in every row); this object is dropped at once.
  const context = { cell, row, value, association, surface: sink.surface, ...args[0] } as MessageContext & RuleParams[C];
  const message = flat(rule.message[sink.lang](context));
  const severity = rule.severity;
  const sheet = at.sheet;
  const field = at.field ?? null;
  // Each finding is made in its final shape: a fix added afterwards gave every such finding a second
  // object for its extra property, kept in the report (and copied by each garbage collection) with it.
  const fix = at.fix;
  sink.issues.push(fix
    ? { code, severity, sheet, cell, row, field, value, message, association, fix }
    : { code, severity, sheet, cell, row, field, value, message, association });
}

/**
 * The message as one piece of text. A message is written as a template of a dozen parts, which the engine keeps
 * as a chain of joined pieces until the text is read; kept in a report of thousands of findings, every piece
 * was copied by each garbage collection until the report died. Reading one character joins them once, here.
 */
function flat(message: string): string {
  message.charCodeAt(0);
  return message;
}
