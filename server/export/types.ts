/**
 * Contract between the export writers (server/export/*) and the service that feeds them.
 * The service streams one MembershipExportAssociation per association-year (ordered as it
 * likes, e.g. by district then name) and passes the per-district totals, the previous year's figures and the
 * programme's figures per stored year, all from the core's one rule (server/db/membership-export.ts);
 * the writers never query or total anything themselves.
 *
 * writeMembershipXlsx / writeMembershipCsv / writeDistrictsCsv / writeSeriesCsv(out, input) write to `out`,
 * END it, and resolve once it has flushed ('finish'), so read `out` concurrently (e.g. a PassThrough handed to
 * the response). They reject with a MembershipExportError (server/export/totals.ts), and destroy `out` so the
 * download is visibly broken rather than silently short, when the views disagree: the districts' rows must
 * sum to `total` (this year's figures and the previous year's), and the streamed associations must sum to
 * `total` too (count of rows = total.associations; per count column, SQL-SUM semantics where a null and a 0
 * compare equal). They also reject if `out` closes early (client went away) or the association source throws.
 */
import type { Lang } from '../../shared/schemas';

/** One association's membership figures for the year; null where the sheet did not give the figure. */
export interface MembershipExportAssociation {
  association: string;
  district: string | null;
  age0to12: number | null;
  age13to18: number | null;
  age19to24: number | null;
  under25: number | null;
  totalMembers: number | null;
  /**
   * Members under 25 in the previous year's latest version: null when that year has no version with
   * membership figures, the association was not in it, or it gave no figure.
   */
  previousUnder25: number | null;
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
  /**
   * Members under 25 here in the previous year's latest version (0 when the bydel had no association that
   * year); null only when the previous year has no version with membership figures.
   */
  previousUnder25: number | null;
}

/** The programme's figures of one stored year, from the version its own export uses. */
export interface MembershipExportYear {
  year: number;
  /** The model id as stored ('model-2012', 'model-2025'). */
  model: string;
  snapshot: SnapshotRef;
  associations: number;
  extended: number;
  under25: number;
  age0to12: number | null;
  age13to18: number | null;
  age19to24: number | null;
  totalMembers: number | null;
  grant: number;
  cofinancing: number;
  hours: number;
  grantPerMemberUnder25: number | null;
}

export interface SnapshotRef {
  id: string;
  hash: string;
  createdAt: string;
}

export interface MembershipExportInput {
  year: number;
  /** The language of the headers, sheet names and notes; figures and names are the same in both. */
  lang: Lang;
  snapshot: SnapshotRef;
  associations: AsyncIterable<MembershipExportAssociation>;
  /**
   * Every bydel with an association this year or the previous year: a bydel only in the previous year has
   * 0 associations and 0 members now.
   */
  districts: MembershipExportDistrict[];
  /** The programme total; its `district` is 'I alt'. */
  total: MembershipExportDistrict;
  /** The previous year's version the previous-year figures come from; null when it has none. */
  previous: { year: number; snapshot: SnapshotRef } | null;
  /** The programme's figures for every stored year up to and including `year`, oldest first. */
  series: MembershipExportYear[];
}
