/**
 * Contract between the export writers (server/export/*) and the service that feeds them.
 * The service streams one MembershipExportAssociation per association-year (ordered as it
 * likes, e.g. by district then name) and passes the per-district totals it computed in SQL;
 * the writers never query anything themselves.
 */

/** One association's membership figures for the year; null where the sheet did not give the figure. */
export interface MembershipExportAssociation {
  association: string;
  district: string | null;
  age0to12: number | null;
  age13to18: number | null;
  age19to24: number | null;
  under25: number | null;
  totalMembers: number | null;
}

/** Totals for one bydel (or Bydækkende); `associations` is the number of associations counted. */
export interface MembershipExportDistrict {
  district: string;
  associations: number;
  age0to12: number | null;
  age13to18: number | null;
  age19to24: number | null;
  under25: number;
  totalMembers: number | null;
}

export interface MembershipExportInput {
  year: number;
  snapshot: { id: string; hash: string; createdAt: string };
  associations: AsyncIterable<MembershipExportAssociation>;
  districts: MembershipExportDistrict[];
  /** The programme total; its `district` is 'I alt'. */
  total: MembershipExportDistrict;
}
