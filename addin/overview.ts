/**
 * The "Bydelsoversigt ÅÅÅÅ" sheet as plain data, built from the service's district totals or, offline, from
 * the report's summary. addin/excel.ts writes it; nothing here touches Office.
 */
import type { Summary, Totals } from '../shared/schemas';
import type { Translate } from './i18n';
import type { TrendSection } from './trend';

/** The district figures both sources have (the service's GROUP BY answer and the core's summary). */
export type DistrictFigures = { district: string } & Pick<Totals, 'associations' | 'extended' | 'grant' | 'cofinancing' | 'hours' | 'membersUnder25'>;

export interface OverviewTable {
  headers: string[];
  rows: Array<Array<string | number>>;
  totalRow: Array<string | number>;
  /** One Excel number format per column (en-US codes; Excel shows them in the user's locale). */
  numberFormats: string[];
}

export interface OverviewSheet {
  sheetName: string;
  tableName: string;
  title: string;
  source: string;
  /** Lines under the source that the reader must see before the figures (errors in the sheets behind them). */
  notes: string[];
  table: OverviewTable;
  chartData: ChartData;
  /** Every stored year, below this year's figures (addin/trend.ts). */
  trend: TrendSection;
}

/** A chart's data block: a caption above it, the chart's title, a header row and one row per category. */
export interface ChartData {
  caption: string;
  title: string;
  headers: string[];
  rows: Array<Array<string | number>>;
  numberFormats: string[];
}

const dkk = '#,##0 "kr."';
const count = '#,##0';

/** The sheet's name is Danish in every language, so running it again finds and replaces the same sheet. */
export function overviewSheetName(year: number): string {
  return `Bydelsoversigt ${year}`;
}

export function buildOverviewSheet(year: number, districts: DistrictFigures[], source: string, notes: string[], trend: TrendSection, t: Translate): OverviewSheet {
  const sum = (pick: (d: DistrictFigures) => number) => districts.reduce((n, d) => n + pick(d), 0);
  const perMember = (grant: number, members: number): string | number => (members > 0 ? Math.round(grant / members) : '');
  const rows = districts.map((d) => [d.district, d.associations, d.extended, d.grant, d.cofinancing, d.hours, d.membersUnder25, perMember(d.grant, d.membersUnder25)]);
  const totalGrant = sum((d) => d.grant);
  const totalMembers = sum((d) => d.membersUnder25);
  return {
    sheetName: overviewSheetName(year),
    tableName: `Bydelsoversigt_${year}`,
    title: t('overviewSheetTitle', { year }),
    source,
    notes,
    trend,
    table: {
      headers: [t('district'), t('associations'), t('extended'), t('grant'), t('cofinancing'), t('hours'), t('membersUnder25'), t('grantPerMember')],
      rows,
      totalRow: [t('total'), sum((d) => d.associations), sum((d) => d.extended), totalGrant, sum((d) => d.cofinancing), sum((d) => d.hours), totalMembers, perMember(totalGrant, totalMembers)],
      numberFormats: ['@', count, count, dkk, dkk, count, count, dkk],
    },
    // Grant in thousands of kroner sits on the same scale as members under 25 (hundreds to a few thousand),
    // so both series are readable as bars on one axis.
    chartData: {
      caption: t('chartCaption'),
      title: t('chartTitle'),
      headers: [t('district'), t('grantThousands'), t('membersUnder25')],
      rows: districts.map((d) => [d.district, Math.round(d.grant / 100) / 10, d.membersUnder25]),
      numberFormats: ['@', '#,##0.0', count],
    },
  };
}

/** The offline source: the core's per-district summary, reduced to the figures the service also gives. */
export function districtFiguresFromSummary(summary: Summary): DistrictFigures[] {
  return summary.districts.map((d) => ({
    district: d.district,
    associations: d.associations,
    extended: d.extended,
    grant: d.grant,
    cofinancing: d.cofinancing,
    hours: d.hours,
    membersUnder25: d.membersUnder25,
  }));
}
