/**
 * Column labels shared by the .xlsx and .csv exports, so both files read the same way and
 * match the headers of the membership sheet staff already keep (DOMAIN.md, column dictionary).
 */
import type { MembershipExportDistrict } from './types';

export type CountField = 'age0to12' | 'age13to18' | 'age19to24' | 'under25' | 'totalMembers';

export const countColumns: ReadonlyArray<{ field: CountField; header: string }> = [
  { field: 'age0to12', header: '0-12 år' },
  { field: 'age13to18', header: '13-18 år' },
  { field: 'age19to24', header: '19-24 år' },
  { field: 'under25', header: 'Medlemmer under 25' },
  { field: 'totalMembers', header: 'Medlemmer i alt' },
];

export const TOTAL_LABEL = 'I alt';

export const sheetNames = (year: number) => ({
  associations: `Medlemstal ${year}`,
  districts: `Bydele ${year}`,
  about: 'Om udtrækket',
});

export type Counts = Pick<MembershipExportDistrict, CountField>;
