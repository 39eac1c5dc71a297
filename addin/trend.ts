/**
 * The years in Indsæt bydelsoversigt: members under 25 and grant per bydel for every stored year up to the
 * overview's year (each year's latest version, from GET /api/districts/trend), as an Excel table and the data
 * of two line charts. Plain data, as overview.ts; addin/excel.ts writes it. Without the service the section
 * says that the years need it, rather than showing one year as if it were the development.
 */
import type { DistrictTotalsAnswer } from '../shared/wire';
import * as api from './api';
import type { Translate } from './i18n';
import type { ChartData, OverviewTable } from './overview';
import type { ServiceSettings } from './settings';

export type TrendSection =
  | { kind: 'years'; years: number[]; heading: string; source: string; tableName: string; table: OverviewTable; charts: ChartData[] }
  /**
   * No years to show: `note` says why in the sheet (the service cannot be used, or has no stored year yet),
   * `paneNote` in the pane's status line; `offline` when the service could not be used at all.
   */
  | { kind: 'unavailable'; heading: string; note: string; paneNote: string; offline: boolean };

const dkk = '#,##0 "kr."';
const count = '#,##0';

/** Every stored year up to `year`: the service answers at most 100 years at a time, and none before 1900. */
export function trendSpan(year: number): { from: number; to: number } {
  return { from: Math.max(1900, year - 99), to: year };
}

/**
 * The section for the overview of `year`. `districts` is how the same service answered the year's district
 * totals a moment ago: when that failed for want of the service, the years are not asked for again.
 */
export async function overviewTrend(
  settings: ServiceSettings, year: number, districts: api.DistrictsResult, t: Translate, failureText: (failure: api.ServiceFailure) => string,
): Promise<TrendSection> {
  const unavailable = (failure: api.ServiceFailure): TrendSection => ({
    kind: 'unavailable', heading: t('trendHeading', { year }), note: t('trendNeedsService', { reason: failureText(failure) }), paneNote: t('trendNeedsServicePane'), offline: true,
  });
  if (districts.kind !== 'ok' && districts.kind !== 'no-snapshot') return unavailable(districts);
  const { from, to } = trendSpan(year);
  const trend = await api.districtTrend(settings, from, to);
  return trend.kind === 'ok' ? buildTrendSection(trend.answer.years, year, t) : unavailable(trend);
}

/**
 * A year whose version has no membership sheet counts 0 members; shown as 0 it would read as a collapse, so
 * its members are left empty (and said under the heading).
 */
const hasMembership = (y: DistrictTotalsAnswer) => y.total.membersUnder25 > 0 || (y.total.totalMembers ?? 0) > 0;

/** The bydele of all the years, the latest year's order first, then any that only earlier years have. */
function districtsOf(years: DistrictTotalsAnswer[]): string[] {
  const names: string[] = [];
  for (const y of [...years].reverse()) for (const d of y.districts) if (!names.includes(d.district)) names.push(d.district);
  return names;
}

export function buildTrendSection(years: DistrictTotalsAnswer[], year: number, t: Translate): TrendSection {
  const heading = t('trendHeading', { year });
  if (years.length === 0) return { kind: 'unavailable', heading, note: t('trendNoYears', { year }), paneNote: t('trendNoYears', { year }), offline: false };
  const sorted = [...years].sort((a, b) => a.year - b.year);
  const districts = districtsOf(sorted);
  const figure = (y: DistrictTotalsAnswer, district: string, pick: 'membersUnder25' | 'grant'): number | '' => {
    if (pick === 'membersUnder25' && !hasMembership(y)) return '';
    const d = y.districts.find((x) => x.district === district);
    // A bydel without partnerships that year is empty, not 0: it had no figures, not zero members.
    return d ? d[pick] : '';
  };
  const labels = sorted.map((y) => String(y.year));
  const withoutMembers = sorted.filter((y) => !hasMembership(y)).map((y) => y.year);
  const notStored = sorted.some((y) => y.year === year) ? '' : ` ${t('trendYearNotStored', { year })}`;
  const noMembers = withoutMembers.length > 0 ? ` ${t('trendNoMembers', { years: withoutMembers.join(', ') })}` : '';
  return {
    kind: 'years',
    years: sorted.map((y) => y.year),
    heading,
    source: `${t('trendSource', { years: labels.join(', ') })}${notStored}${noMembers}`,
    tableName: `Bydelsudvikling_${year}`,
    table: {
      headers: [t('district'), ...labels.map((y) => t('trendMembersYear', { year: y })), ...labels.map((y) => t('trendGrantYear', { year: y }))],
      rows: districts.map((d) => [d, ...sorted.map((y) => figure(y, d, 'membersUnder25')), ...sorted.map((y) => figure(y, d, 'grant'))]),
      totalRow: [t('total'), ...sorted.map((y) => (hasMembership(y) ? y.total.membersUnder25 : '')), ...sorted.map((y) => y.total.grant)],
      numberFormats: ['@', ...sorted.map(() => count), ...sorted.map(() => dkk)],
    },
    // One line per bydel, the years along the axis (written as text, so Excel takes them as categories, not as
    // a series of their own); grant in thousands, as in the bar chart.
    charts: [
      {
        caption: t('trendMembersCaption'),
        title: t('trendMembersTitle'),
        headers: [t('year'), ...districts],
        rows: sorted.map((y) => [String(y.year), ...districts.map((d) => figure(y, d, 'membersUnder25'))]),
        numberFormats: ['@', ...districts.map(() => count)],
      },
      {
        caption: t('trendGrantCaption'),
        title: t('trendGrantTitle'),
        headers: [t('year'), ...districts],
        rows: sorted.map((y) => [String(y.year), ...districts.map((d) => {
          const grant = figure(y, d, 'grant');
          return grant === '' ? '' : Math.round(grant / 100) / 10;
        })]),
        numberFormats: ['@', ...districts.map(() => '#,##0.0')],
      },
    ],
  };
}
