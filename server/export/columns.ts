/**
 * The export's words, shared by the .xlsx and the .csv files so both read the same way: Danish headers as
 * in the membership sheet staff already keep (DOMAIN.md, column dictionary), English ones from the same
 * dictionary's synonyms, so either file reads back into the product.
 */
import type { Lang } from '../../shared/schemas';
import { NO_DISTRICT } from '../../shared/summary';
import type { MembershipExportDistrict } from './types';

export type CountField = 'age0to12' | 'age13to18' | 'age19to24' | 'under25' | 'totalMembers';

const countHeaders: Record<CountField, Record<Lang, string>> = {
  age0to12: { da: '0-12 år', en: 'Ages 0-12' },
  age13to18: { da: '13-18 år', en: 'Ages 13-18' },
  age19to24: { da: '19-24 år', en: 'Ages 19-24' },
  under25: { da: 'Medlemmer under 25', en: 'Members under 25' },
  totalMembers: { da: 'Medlemmer i alt', en: 'Members total' },
};

const countFields: CountField[] = ['age0to12', 'age13to18', 'age19to24', 'under25', 'totalMembers'];

/** The five counts in column order, headed in `lang` (Danish where no language is named). */
export function countColumns(lang: Lang = 'da'): ReadonlyArray<{ field: CountField; header: string }> {
  return countFields.map((field) => ({ field, header: countHeaders[field][lang] }));
}

/** The label of the programme total row; the data's own total carries the Danish one. */
export const TOTAL_LABEL = 'I alt';

export interface ExportWords {
  association: string;
  district: string;
  associations: string;
  total: string;
  /** The bydel of associations without one (shared/summary.ts NO_DISTRICT), in this language. */
  noDistrict: string;
  previousUnder25: (previousYear: number) => string;
  change: string;
  changePercent: string;
  sheets: { associations: string; districts: string; series: string; about: string };
  series: {
    year: string; model: string; extended: string; grant: string; cofinancing: string; hours: string;
    grantPerMember: string; savedAt: string; versionId: string;
  };
  model: (id: string) => string;
}

const modelNames: Record<string, Record<Lang, string>> = {
  'model-2012': { da: '2012-modellen', en: 'the 2012 model' },
  'model-2025': { da: 'modellen fra 2025', en: 'the 2025 model' },
};

const words: Record<Lang, (year: number) => ExportWords> = {
  da: (year) => ({
    association: 'Forening',
    district: 'Bydel',
    associations: 'Foreninger',
    total: TOTAL_LABEL,
    noDistrict: NO_DISTRICT,
    previousUnder25: (y) => `Medlemmer under 25 i ${y}`,
    change: 'Ændring',
    changePercent: 'Ændring i %',
    sheets: { associations: `Medlemstal ${year}`, districts: `Bydele ${year}`, series: 'Udvikling', about: 'Om udtrækket' },
    series: {
      year: 'År', model: 'Model', extended: 'Heraf udvidede', grant: 'Tilskud', cofinancing: 'Medfinansiering',
      hours: 'Timer pr. uge', grantPerMember: 'Tilskud pr. medlem under 25', savedAt: 'Version gemt', versionId: 'Version-id',
    },
    model: (id) => modelNames[id]?.da ?? id,
  }),
  en: (year) => ({
    association: 'Association',
    district: 'District',
    associations: 'Associations',
    total: 'Total',
    noDistrict: 'No district',
    previousUnder25: (y) => `Members under 25 in ${y}`,
    change: 'Change',
    changePercent: 'Change (%)',
    sheets: { associations: `Members ${year}`, districts: `Districts ${year}`, series: 'By year', about: 'About' },
    series: {
      year: 'Year', model: 'Model', extended: 'Of which extended', grant: 'Grant', cofinancing: 'Co-financing',
      hours: 'Hours per week', grantPerMember: 'Grant per member under 25', savedAt: 'Version saved', versionId: 'Version id',
    },
    model: (id) => modelNames[id]?.en ?? id,
  }),
};

export function exportWords(lang: Lang, year: number): ExportWords {
  return words[lang](year);
}

/** A bydel's name as the export shows it: the product's own "Uden bydel" in the reader's language, names as they are. */
export const districtLabel = (w: ExportWords, district: string | null) => (district === NO_DISTRICT ? w.noDistrict : district);

/** The change against the previous year, where both figures are there. */
export const changeOf = (now: number | null, before: number | null) => (now === null || before === null ? null : now - before);

/** The change as a share of the previous figure (0.25 = 25 %), where there was one to compare with. */
export const changeShare = (now: number | null, before: number | null) =>
  now === null || before === null || before === 0 ? null : (now - before) / before;

const comparisonHeaders = (w: ExportWords, year: number) => [w.previousUnder25(year - 1), w.change, w.changePercent];

type HeaderInput = { lang: Lang; year: number };

/** The associations' table: name, bydel, the counts, the previous year's members under 25, the change, in %. */
export function associationHeaders({ lang, year }: HeaderInput): string[] {
  const w = exportWords(lang, year);
  return [w.association, w.district, ...countColumns(lang).map((c) => c.header), ...comparisonHeaders(w, year)];
}

/** The bydele's table: as the associations', with the number of associations in place of the bydel. */
export function districtHeaders({ lang, year }: HeaderInput): string[] {
  const w = exportWords(lang, year);
  return [w.district, w.associations, ...countColumns(lang).map((c) => c.header), ...comparisonHeaders(w, year)];
}

/** The programme's figures per year, members first as the programme reports them, then money and hours. */
export function seriesHeaders({ lang, year }: HeaderInput): string[] {
  const w = exportWords(lang, year);
  const h = Object.fromEntries(countColumns(lang).map((c) => [c.field, c.header])) as Record<CountField, string>;
  const s = w.series;
  return [
    s.year, s.model, w.associations, s.extended, h.under25, h.age0to12, h.age13to18, h.age19to24, h.totalMembers,
    s.grant, s.cofinancing, s.hours, s.grantPerMember, s.savedAt, s.versionId,
  ];
}

export type Counts = Pick<MembershipExportDistrict, CountField>;
