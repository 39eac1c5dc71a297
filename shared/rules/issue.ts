import { cellAddress } from '../read/a1';
import type { CellValue, Issue, Lang } from '../schemas';
import { ruleByCode, type MessageParams } from './catalogue';

/** Where an issue points: a sheet, and a 0-based row and column where there is one. */
export interface Location {
  sheet: string | null;
  row?: number | null;
  col?: number | null;
  field?: string | null;
  value?: CellValue;
  association?: string | null;
}

/** Collects issues in the report's language; the single place an Issue object is made. */
export interface IssueSink {
  lang: Lang;
  issues: Issue[];
}

export function addIssue(sink: IssueSink, code: string, at: Location, params: MessageParams = {}): void {
  const rule = ruleByCode(code);
  const row = at.row ?? null;
  const cell = row !== null ? cellAddress(row, at.col ?? 0) : null;
  const value = at.value === undefined ? null : at.value;
  sink.issues.push({
    code,
    severity: rule.severity,
    sheet: at.sheet,
    cell,
    row: row === null ? null : row + 1,
    field: at.field ?? null,
    value,
    message: rule.message[sink.lang]({ cell, row: row === null ? null : row + 1, value: value as MessageParams[string], association: at.association ?? null, ...params }),
    association: at.association ?? null,
  });
}
