/**
 * Oversigt's change against the year before: each bydel's members under 25 in the open workbook beside the
 * previous year's latest saved version (GET /api/years/:year/districts). Only the service has earlier years;
 * without them the pane says why there is no change to show, and never shows 0 or a blank as a change.
 */
import type { Summary } from '../shared/schemas';
import * as api from './api';
import type { MessageKey } from './i18n';
import type { ServiceSettings } from './settings';

export interface DistrictChange {
  district: string;
  /** Null: the bydel had no partnership in that year (not zero members). */
  before: number | null;
  now: number | null;
  /** now − before, or null when the bydel is in one year only. */
  change: number | null;
}

export type YearChange =
  | { kind: 'change'; year: number; previousYear: number; savedAt: string; rows: DistrictChange[]; total: DistrictChange }
  /** No change to show: why, in the pane's words (`failure` when the service could not be used). */
  | { kind: 'none'; year: number; previousYear: number; why: MessageKey; failure: api.ServiceFailure | null };

const hasMembers = (s: Pick<Summary, 'total'>) => s.total.membersUnder25 > 0 || (s.total.totalMembers ?? 0) > 0;

/** Pure: the change per bydel, this year's order first, then bydele only the previous year had. */
export function districtChanges(now: Summary, before: Summary): { rows: DistrictChange[]; total: DistrictChange } {
  const names = [...now.districts.map((d) => d.district), ...before.districts.map((d) => d.district).filter((n) => !now.districts.some((d) => d.district === n))];
  const rows = names.map((district) => {
    const a = before.districts.find((d) => d.district === district)?.membersUnder25 ?? null;
    const b = now.districts.find((d) => d.district === district)?.membersUnder25 ?? null;
    return { district, before: a, now: b, change: a !== null && b !== null ? b - a : null };
  });
  const total = { district: '', before: before.total.membersUnder25, now: now.total.membersUnder25, change: now.total.membersUnder25 - before.total.membersUnder25 };
  return { rows, total };
}

/**
 * `summary` is the open workbook's (the core's summarise); `membershipChosen` whether a membership sheet is
 * among the chosen sheets: without one this year's members are unknown, and the service is not asked.
 */
export async function yearChange(settings: ServiceSettings, year: number, summary: Summary, membershipChosen: boolean): Promise<YearChange> {
  const previousYear = year - 1;
  const none = (why: MessageKey, failure: api.ServiceFailure | null = null): YearChange => ({ kind: 'none', year, previousYear, why, failure });
  if (!membershipChosen || !hasMembers(summary)) return none('changeNoMembershipNow');
  const answer = await api.districtTotals(settings, previousYear);
  if (answer.kind === 'no-snapshot') return none('changeNoPreviousVersion');
  if (answer.kind !== 'ok') return none('changeNeedsService', answer);
  if (!hasMembers(answer.answer)) return none('changeNoPreviousMembers');
  return { kind: 'change', year, previousYear, savedAt: answer.answer.snapshot.createdAt, ...districtChanges(summary, answer.answer) };
}
