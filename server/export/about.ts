/**
 * The "Om udtrækket" sheet's lines: which version the figures come from, what they are compared with, and how
 * the sheets are laid out, in the reader's language.
 */
import type { Lang } from '../../shared/schemas';
import { exportWords } from './columns';
import type { MembershipExportInput } from './types';

const formats: Record<Lang, Intl.DateTimeFormat> = {
  da: new Intl.DateTimeFormat('da-DK', { dateStyle: 'long', timeStyle: 'medium', timeZone: 'Europe/Copenhagen' }),
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'medium', timeZone: 'Europe/Copenhagen' }),
};

/** "26. november 2026 kl. 05.05.14": when a version was saved, as a reader in Copenhagen reads it. */
export function savedAt(iso: string, lang: Lang): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : formats[lang].format(date);
}

export type AboutLine = [label: string, value: string | number];

export function aboutTitle(input: Pick<MembershipExportInput, 'year' | 'lang'>): string {
  return input.lang === 'da'
    ? `Medlemstal i Sociale partnerskaber ${input.year}`
    : `Membership figures of Sociale partnerskaber ${input.year}`;
}

export function aboutLines(input: MembershipExportInput): AboutLine[] {
  const { year, lang, snapshot, previous, series } = input;
  const w = exportWords(lang, year);
  const previousYear = year - 1;
  const span = series.length === 0 ? '' : series.length === 1 ? `${series[0].year}` : `${series[0].year}–${series.at(-1)!.year}`;
  if (lang === 'da') {
    return [
      ['Programår', year],
      ['Opgjort pr.', `31. december ${year}`],
      ['Version-id', snapshot.id],
      ['Indholds-hash', snapshot.hash],
      ['Version gemt (UTC)', snapshot.createdAt],
      ['Version gemt (dansk tid)', savedAt(snapshot.createdAt, 'da')],
      ['Foreninger', input.total.associations],
      ['Medlemmer under 25', input.total.under25],
      [
        `Sammenlignet med ${previousYear}`,
        previous
          ? `Den seneste version af ${previousYear} med medlemstal, gemt ${savedAt(previous.snapshot.createdAt, 'da')} (version-id ${previous.snapshot.id}).`
          : `Ingen: der er ikke gemt en version af ${previousYear} med medlemstal, så kolonnerne for ${previousYear} er tomme.`,
      ],
      [
        'Personoplysninger',
        'Ingen. Udtrækket indeholder kun antal medlemmer pr. forening og bydel, ingen oplysninger om enkeltpersoner.',
      ],
      [
        'Ark',
        `"${w.sheets.associations}": én række pr. forening. "${w.sheets.districts}": én række pr. bydel og programmets total. ` +
          `"${w.sheets.series}": programmets tal for hvert gemt år${span ? ` (${span})` : ''}, fra den version, årets eget udtræk bruger.`,
      ],
      [
        'I alt-rækker',
        'Summerer de synlige rækker (SUBTOTAL), så de følger et filter. ' +
          `Programmets tal for ${previousYear} og ændringen står i "${w.sheets.districts}"; i "${w.sheets.associations}" står hver forenings eget tal for ${previousYear} ` +
          `(tomt for en forening, der ikke var med i ${previousYear}), og foreninger, der kun var med i ${previousYear}, er ikke i listen.`,
      ],
    ];
  }
  return [
    ['Programme year', year],
    ['Counted as of', `31 December ${year}`],
    ['Version id', snapshot.id],
    ['Content hash', snapshot.hash],
    ['Version saved (UTC)', snapshot.createdAt],
    ['Version saved (Copenhagen time)', savedAt(snapshot.createdAt, 'en')],
    ['Associations', input.total.associations],
    ['Members under 25', input.total.under25],
    [
      `Compared with ${previousYear}`,
      previous
        ? `The latest version of ${previousYear} with membership figures, saved ${savedAt(previous.snapshot.createdAt, 'en')} (version id ${previous.snapshot.id}).`
        : `Nothing: no version of ${previousYear} with membership figures has been saved, so the ${previousYear} columns are empty.`,
    ],
    ['Personal data', 'None: only counts per association and district, nothing about any person.'],
    [
      'Sheets',
      `"${w.sheets.associations}": one row per association. "${w.sheets.districts}": one row per district and the programme total. ` +
        `"${w.sheets.series}": the programme's figures for every stored year${span ? ` (${span})` : ''}, from the version that year's own export uses.`,
    ],
    [
      'Total rows',
      'They sum the visible rows (SUBTOTAL), so they follow a filter. ' +
        `The programme's ${previousYear} figures and the change are in "${w.sheets.districts}"; "${w.sheets.associations}" shows each association's own ${previousYear} figure ` +
        `(empty for an association that was not in ${previousYear}), and associations that were only in ${previousYear} are not listed.`,
    ],
  ];
}
