/**
 * Contract between the export writers (server/export/*) and the service that feeds them.
 * The service streams one MembershipExportAssociation per association-year (ordered as it
 * likes, e.g. by district then name) and passes the per-district totals it computed (server/db/membership-export.ts);
 * the writers never query anything themselves.
 *
 * writeMembershipXlsx / writeMembershipCsv(out, input) write to `out`, END it, and resolve once
 * it has flushed ('finish'), so read `out` concurrently (e.g. a PassThrough handed to the
 * response). They reject with a MembershipExportError (server/export/totals.ts), and destroy
 * `out` so the download is visibly broken rather than silently short, when the three views
 * disagree: the districts' rows must sum to `total`, and the streamed associations must sum to
 * `total` too (count of rows = total.associations; per count column, SQL-SUM semantics where a
 * null and a 0 compare equal). They also reject if `out` closes early (client went away) or the
 * association source throws.
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
