/**
 * What the pane checks in a save's request before it sends it: the same strings the service checks
 * (server/save-check.ts: the workbook's file name, the source's sheet names, the chosen sheets' names, every
 * sheet's name), by the same rule (shared/rules/personal-data.ts), so a CPR number in a sheet name never
 * leaves the workbook. The cells are the core's to report, with their address (the rulebook's personal-data).
 * The strings themselves are never repeated; the answer names where they are.
 */
import { personalDataIn } from '../shared/rules/personal-data';
import type { SnapshotRequest } from '../shared/wire';
import type { MessageKey, Translate } from './i18n';

/** Where a string that looks like a CPR number sits, in words the person can act on. */
export type PersonalDataPlace = 'workbook-name' | 'budget-sheet-name' | 'membership-sheet-name' | 'sheet-name' | 'other';

/** The places (each once, in this order) of the request's strings that look like a CPR number. */
export function personalDataPlaces(request: SnapshotRequest): PersonalDataPlace[] {
  // Everything the request carries but the cells: a field added to the request later is checked too.
  // basedOn is not text anyone wrote but the id the service gave a version (a random UUID, which the service
  // checks as one): about 1 in 500 such ids holds nine or ten digits that read as a CPR number, and the pane
  // would then refuse every later save of that year.
  const { sheets, basedOn: _serviceId, ...rest } = request;
  const strings = { ...rest, sheets: sheets.map((s) => ({ name: s.name })) };
  const places = new Set<PersonalDataPlace>();
  const sheetPlace = (name: string | undefined): PersonalDataPlace =>
    name !== undefined && name === request.budgetSheet ? 'budget-sheet-name' : name !== undefined && name === request.membershipSheet ? 'membership-sheet-name' : 'sheet-name';
  for (const path of personalDataIn(strings)) {
    const [head, index, field] = path.split('.');
    if (path === 'source.workbook') places.add('workbook-name');
    else if (path === 'budgetSheet') places.add('budget-sheet-name');
    else if (path === 'membershipSheet') places.add('membership-sheet-name');
    else if (head === 'source' && index === 'sheets' && field !== undefined) places.add(sheetPlace(request.source?.sheets?.[Number(field)]));
    else if (head === 'sheets' && field === 'name') places.add(sheetPlace(sheets[Number(index)]?.name));
    else places.add('other');
  }
  const order: PersonalDataPlace[] = ['workbook-name', 'budget-sheet-name', 'membership-sheet-name', 'sheet-name', 'other'];
  return order.filter((p) => places.has(p));
}

const placeWords: Record<PersonalDataPlace, MessageKey> = {
  'workbook-name': 'personalDataPlaceWorkbook',
  'budget-sheet-name': 'personalDataPlaceBudgetSheet',
  'membership-sheet-name': 'personalDataPlaceMembershipSheet',
  'sheet-name': 'personalDataPlaceSheet',
  other: 'personalDataPlaceOther',
};

/** The pane's refusal: nothing sent, where the CPR-like text is, and what to do about each place. */
export function personalDataRefusal(places: PersonalDataPlace[], t: Translate): string {
  const where = places.map((p) => t(placeWords[p]));
  const list = where.length === 1 ? where[0] : `${where.slice(0, -1).join(', ')} ${t('and')} ${where[where.length - 1]}`;
  const fixes = [...new Set(places.map((p) => t(p === 'workbook-name' ? 'personalDataFixWorkbook' : p === 'other' ? 'personalDataFixOther' : 'personalDataFixSheet')))];
  return `${t('personalDataStopped', { where: list })} ${fixes.join(' ')}`;
}
