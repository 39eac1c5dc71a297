/**
 * The pane's words, Danish first. English when Office's display language is English; Danish for every other
 * language, because the staff who use it work in Danish.
 */
import type { Lang } from '../shared/schemas';

const da = {
  appTitle: 'Partnerskab',
  notInExcel: 'Åbn ruden fra knappen Partnerskab under fanen Hjem i Excel. Her uden for Excel kan intet ark læses.',
  loading: 'Læser arbejdsbogen …',
  budgetSheet: 'Budgetark',
  membershipSheet: 'Medlemsark',
  programmeYear: 'Programår',
  noSheet: '(intet)',
  detected: 'fundet automatisk',
  chooseYear: 'Vælg år',
  yearNotFound: 'Programåret står ikke i arkene. Vælg det her, så kontrolleres arkene efter det års regler.',
  yearNeeded: 'Programåret blev ikke fundet i arkene. Vælg det under Programår; så kontrolleres arkene med det.',
  actions: 'Handlinger',
  validate: 'Kontrollér',
  highlight: 'Markér',
  clearHighlight: 'Fjern markering',
  overview: 'Oversigt',
  saveSnapshot: 'Gem version',
  insertOverview: 'Indsæt bydelsoversigt',
  settings: 'Indstillinger',
  close: 'Luk',
  errors: 'Fejl',
  warnings: 'Advarsler',
  infos: 'Oplysninger',
  severity_error: 'Fejl',
  severity_warning: 'Advarsel',
  severity_info: 'Oplysning',
  validating: 'Kontrollerer …',
  validatedOk: 'Ingen fejl. Arkene kan gemmes.',
  validatedErrors: 'Arkene har {n} fejl, der skal rettes, før de kan gemmes.',
  noIssues: 'Ingen bemærkninger.',
  workbookLevel: 'Hele arbejdsbogen',
  issueAt: 'Gå til {cell} i {sheet}',
  selectFailed: 'Cellen {cell} i {sheet} kunne ikke vælges: {reason}',
  validateFirst: 'Kontrollér arkene først.',
  highlighted: 'Markerede celler: {n}. Fjern markering sætter deres oprindelige fyld tilbage.',
  nothingToHighlight: 'Der er ingen celler at markere.',
  cleared: 'Markering fjernet. Celler med deres eget fyld igen: {n}.',
  clearedChanged: 'Celler med nyt fyld siden markeringen, som ikke blev rørt: {m}.',
  readFailed: 'Arbejdsbogen kunne ikke læses: {reason}',
  sheetsMissing: 'Arket {names} findes ikke længere. Vælg arkene igen.',
  chooseSheet: 'Vælg mindst ét ark.',
  // overview
  overviewTitle: 'Oversigt {year}',
  overviewSourceWorkbook: 'Beregnet af arkene i denne arbejdsbog (ikke gemt).',
  district: 'Bydel',
  localArea: 'Lokalområde',
  associations: 'Foreninger',
  extended: 'Heraf udvidet',
  grant: 'Tilskud',
  cofinancing: 'Medfinansiering',
  hours: 'Timer pr. uge',
  membersUnder25: 'Medlemmer under 25',
  grantPerMember: 'Tilskud pr. medlem under 25',
  total: 'I alt',
  funding: 'Finansiering',
  frame: 'Ramme',
  remaining: 'Tilbage',
  noFrame: 'ingen ramme',
  'varige-midler': 'Varige midler',
  kulturpulje: 'Kulturpulje',
  countShort: 'Antal',
  grantKr: 'Tilskud, kr.',
  under25Short: 'Under 25',
  amountsInKr: 'Beløb i kr.',
  byDistrict: 'Pr. bydel',
  byLocalArea: 'Pr. lokalområde',
  byFunding: 'Finansieringsrammer',
  // versions (a stored snapshot is a "version" of the year's figures to the people who use the pane)
  saving: 'Gemmer …',
  savedTitle: 'Versionen er gemt',
  alreadySaved: 'Det samme indhold var allerede gemt som den seneste version; intet nyt er gemt.',
  savedAt: 'Gemt',
  savedBy: 'Af',
  hash: 'Hash',
  snapshotId: 'Id',
  changesSincePrevious: 'Ændringer siden den forrige version',
  serviceFindings: 'Tjenestens bemærkninger (mod tidligere år)',
  firstSnapshot: 'Årets første version.',
  noChanges: 'Ingen ændringer i rækkerne.',
  added: 'Tilføjet',
  removed: 'Fjernet',
  changed: 'Ændret',
  conflictTitle_savedSince: 'Nogen har gemt en nyere version',
  conflictText_savedSince: '{who} gemte en ny version af {year} {when}, efter den version din kopi bygger på.',
  conflictTitle_notFromThisYear: 'Året har allerede en gemt version',
  conflictText_notFromThisYear: '{year} har allerede en gemt version (gemt af {who} {when}), og denne kopi er ikke lavet ud fra den.',
  conflictChoice: 'Gem alligevel gør din kopi til årets seneste version. Stop gemmer intet.',
  differences: 'Forskelle: den gemte version → din kopi',
  differencesCount: 'Foreninger med forskelle: {n}.',
  showAll: 'Vis alle ({n})',
  onlyTheirs: 'Kun i den gemte version',
  onlyYours: 'Kun i din kopi',
  saveAnyway: 'Gem alligevel',
  stop: 'Stop',
  stopped: 'Intet blev gemt.',
  refusedTitle: 'Tjenesten afviste arkene',
  refusedText: 'Versionen blev ikke gemt, fordi tjenesten fandt fejl i arkene:',
  notSentTitle: 'Arkene kan ikke gemmes endnu',
  notSentText: 'Intet er sendt til tjenesten. Ret disse fejl, og tryk Gem version igen:',
  unreachable: 'Tjenesten på {url} kan ikke nås. Kontrollér adressen under Indstillinger og din netforbindelse. Kontrol og oversigt virker stadig uden tjenesten.',
  unauthorized: 'Tjenesten kender ikke nøglen (token) under Indstillinger, eller den er trukket tilbage. Bed den, der driver tjenesten, om en ny nøgle, og indsæt den under Indstillinger (tandhjulet øverst til højre).',
  noToken: 'Tjenesten kræver en nøgle (token), og der er ingen under Indstillinger. Bed den, der driver tjenesten, om en nøgle, og indsæt den under Indstillinger (tandhjulet øverst til højre). Kontrollér og Oversigt virker også uden.',
  forbidden: 'Nøglen under Indstillinger må kun læse, ikke gemme. Bed den, der driver tjenesten, om en nøgle, der må gemme (rollen editor).',
  serviceError: 'Tjenesten svarede med en fejl ({status}): {message}',
  // overview sheet
  inserting: 'Indsætter bydelsoversigt …',
  insertedFromService: 'Arket «{sheet}» er indsat med tal fra versionen fra {when}.',
  insertedOffline: 'Arket «{sheet}» er indsat med tal fra arbejdsbogen, fordi tjenesten ikke kunne bruges: {reason}',
  noDistricts: 'Der er ingen foreninger med bydel at vise.',
  overviewHasErrors: 'Arkene har {n} fejl, så tallene kan være forkerte: ret fejlene (se Kontrollér), og indsæt oversigten igen.',
  overviewSheetTitle: 'Bydelsoversigt {year}',
  overviewSheetSourceService: 'Kilde: den gemte version fra {when} (id {id}, hash {hash}).',
  overviewSheetSourceWorkbook: 'Kilde: arbejdsbogen «{workbook}», ark {sheets}, læst {when}. Ikke gemt som version.',
  chartCaption: 'Diagramdata: tilskud i 1.000 kr. og medlemmer under 25',
  chartTitle: 'Tilskud og medlemmer under 25 pr. bydel',
  grantThousands: 'Tilskud (1.000 kr.)',
  noServiceData: 'Tjenesten har ingen gemt version af {year} endnu.',
  // settings
  serviceUrl: 'Tjenestens adresse',
  token: 'Nøgle (token)',
  tokenHelp: 'Gemmes kun i denne browser til tilføjelsesprogrammet, aldrig i arbejdsbogen.',
  save: 'Gem',
  settingsSaved: 'Indstillingerne er gemt.',
  invalidUrl: 'Adressen skal begynde med https:// eller http://.',
} as const;

export type MessageKey = keyof typeof da;

const en: Record<MessageKey, string> = {
  appTitle: 'Partnerskab',
  notInExcel: 'Open the pane from the Partnerskab button on the Home tab in Excel. Outside Excel no sheet can be read.',
  loading: 'Reading the workbook …',
  budgetSheet: 'Budget sheet',
  membershipSheet: 'Membership sheet',
  programmeYear: 'Programme year',
  noSheet: '(none)',
  detected: 'detected',
  chooseYear: 'Choose the year',
  yearNotFound: "The programme year is not in the sheets. Choose it here, and the sheets are checked by that year's rules.",
  yearNeeded: 'The programme year was not found in the sheets. Choose it under Programme year; the sheets are then checked with it.',
  actions: 'Actions',
  validate: 'Check',
  highlight: 'Highlight',
  clearHighlight: 'Remove highlight',
  overview: 'Overview',
  saveSnapshot: 'Save version',
  insertOverview: 'Insert district overview',
  settings: 'Settings',
  close: 'Close',
  errors: 'Errors',
  warnings: 'Warnings',
  infos: 'Info',
  severity_error: 'Error',
  severity_warning: 'Warning',
  severity_info: 'Info',
  validating: 'Checking …',
  validatedOk: 'No errors. The sheets can be saved.',
  validatedErrors: 'Errors to fix before the sheets can be saved: {n}.',
  noIssues: 'Nothing to report.',
  workbookLevel: 'Whole workbook',
  issueAt: 'Go to {cell} in {sheet}',
  selectFailed: 'Cell {cell} in {sheet} could not be selected: {reason}',
  validateFirst: 'Check the sheets first.',
  highlighted: 'Cells highlighted: {n}. Remove highlight puts their original fill back.',
  nothingToHighlight: 'There are no cells to highlight.',
  cleared: 'Highlight removed. Cells with their own fill again: {n}.',
  clearedChanged: 'Cells given a new fill after the highlight, left alone: {m}.',
  readFailed: 'The workbook could not be read: {reason}',
  sheetsMissing: 'The sheet {names} no longer exists. Choose the sheets again.',
  chooseSheet: 'Choose at least one sheet.',
  overviewTitle: 'Overview {year}',
  overviewSourceWorkbook: 'Computed from the sheets in this workbook (not saved).',
  district: 'District',
  localArea: 'Local area',
  associations: 'Associations',
  extended: 'Of which extended',
  grant: 'Grant',
  cofinancing: 'Co-financing',
  hours: 'Hours per week',
  membersUnder25: 'Members under 25',
  grantPerMember: 'Grant per member under 25',
  total: 'Total',
  funding: 'Funding',
  frame: 'Frame',
  remaining: 'Remaining',
  noFrame: 'no frame',
  'varige-midler': 'Permanent budget',
  kulturpulje: 'Culture pool',
  countShort: 'Count',
  grantKr: 'Grant, DKK',
  under25Short: 'Under 25',
  amountsInKr: 'Amounts in DKK.',
  byDistrict: 'Per district',
  byLocalArea: 'Per local area',
  byFunding: 'Funding frames',
  saving: 'Saving …',
  savedTitle: 'Version saved',
  alreadySaved: 'The same content was already saved as the latest version; nothing new was stored.',
  savedAt: 'Saved',
  savedBy: 'By',
  hash: 'Hash',
  snapshotId: 'Id',
  changesSincePrevious: 'Changes since the previous version',
  serviceFindings: "The service's findings (against earlier years)",
  firstSnapshot: 'The first version of the year.',
  noChanges: 'No changes in the rows.',
  added: 'Added',
  removed: 'Removed',
  changed: 'Changed',
  conflictTitle_savedSince: 'Someone saved a newer version',
  conflictText_savedSince: '{who} saved a new version of {year} {when}, after the version your copy is based on.',
  conflictTitle_notFromThisYear: 'The year already has a saved version',
  conflictText_notFromThisYear: '{year} already has a saved version (saved by {who} {when}), and this copy was not made from it.',
  conflictChoice: 'Save anyway makes your copy the latest version of the year. Stop saves nothing.',
  differences: 'Differences: the saved version → your copy',
  differencesCount: 'Associations with differences: {n}.',
  showAll: 'Show all ({n})',
  onlyTheirs: 'Only in the saved version',
  onlyYours: 'Only in your copy',
  saveAnyway: 'Save anyway',
  stop: 'Stop',
  stopped: 'Nothing was saved.',
  refusedTitle: 'The service refused the sheets',
  refusedText: 'The version was not saved, because the service found errors in the sheets:',
  notSentTitle: 'The sheets cannot be saved yet',
  notSentText: 'Nothing was sent to the service. Fix these errors and press Save version again:',
  unreachable: 'The service at {url} cannot be reached. Check the address under Settings and your network. Checking and the overview still work without the service.',
  unauthorized: 'The service does not know the token under Settings, or it was withdrawn. Ask whoever runs the service for a new token and paste it under Settings (the cog at the top right).',
  noToken: 'The service needs a token, and there is none under Settings. Ask whoever runs the service for a token and paste it under Settings (the cog at the top right). Check and Overview work without one.',
  forbidden: 'The token under Settings may only read, not save. Ask whoever runs the service for a token that may save (the editor role).',
  serviceError: 'The service answered with an error ({status}): {message}',
  inserting: 'Inserting the district overview …',
  insertedFromService: 'Sheet «{sheet}» inserted with figures from the version of {when}.',
  insertedOffline: 'Sheet «{sheet}» inserted with figures from the workbook, because the service could not be used: {reason}',
  noDistricts: 'There are no associations with a district to show.',
  overviewHasErrors: 'The sheets have errors ({n}), so the figures may be wrong: fix them (see Check) and insert the overview again.',
  overviewSheetTitle: 'District overview {year}',
  overviewSheetSourceService: 'Source: the saved version of {when} (id {id}, hash {hash}).',
  overviewSheetSourceWorkbook: 'Source: workbook «{workbook}», sheets {sheets}, read {when}. Not saved as a version.',
  chartCaption: 'Chart data: grant in DKK 1,000 and members under 25',
  chartTitle: 'Grant and members under 25 per district',
  grantThousands: 'Grant (DKK 1,000)',
  noServiceData: 'The service has no saved version of {year} yet.',
  serviceUrl: 'Service address',
  token: 'Token',
  tokenHelp: 'Kept only in this browser for the add-in, never in the workbook.',
  save: 'Save',
  settingsSaved: 'Settings saved.',
  invalidUrl: 'The address must start with https:// or http://.',
};

/** Both tables, for the test that holds them to the same keys and placeholders. */
export const messages: Record<Lang, Record<MessageKey, string>> = { da, en };

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function langFromDisplayLanguage(displayLanguage: string | undefined): Lang {
  return displayLanguage?.toLowerCase().startsWith('en') ? 'en' : 'da';
}

export function translator(lang: Lang): Translate {
  const table: Record<MessageKey, string> = lang === 'en' ? en : da;
  return (key, params) => table[key].replace(/\{(\w+)\}/g, (whole, name: string) => (params && name in params ? String(params[name]) : whole));
}

/** Numbers as the language writes them: 1.250.000 in Danish, 1,250,000 in English. */
export function formatNumber(lang: Lang, value: number, fractionDigits = 0): string {
  return new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'da-DK', { maximumFractionDigits: fractionDigits, minimumFractionDigits: fractionDigits }).format(value);
}

/** "2. dec. kl. 10.12" / "2 Dec at 10:12": how the pane names a version by when it was saved. */
export function formatVersionTime(lang: Lang, iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const part = (options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'da-DK', options).format(date);
  const hm = (sep: string) => `${String(date.getHours()).padStart(2, '0')}${sep}${String(date.getMinutes()).padStart(2, '0')}`;
  // Danish abbreviations carry their own full stop ("dec.", but "maj").
  const month = part({ month: 'short' });
  const sameYear = date.getFullYear() === new Date().getFullYear();
  const year = sameYear ? '' : ` ${date.getFullYear()}`;
  return lang === 'en' ? `${date.getDate()} ${month}${year} at ${hm(':')}` : `${date.getDate()}. ${month}${year} kl. ${hm('.')}`;
}

export function formatDateTime(lang: Lang, iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'da-DK', { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

const fieldLabels: Record<string, [da: string, en: string]> = {
  association: ['Forening', 'Association'],
  district: ['Bydel', 'District'],
  localArea: ['Lokalområde', 'Local area'],
  tier: ['Partnerskab', 'Tier'],
  grant: ['Tilskud', 'Grant'],
  cofinancing: ['Medfinansiering', 'Co-financing'],
  hours: ['Timer pr. uge', 'Hours per week'],
  salary: ['Lønudgift', 'Salary'],
  agreementTerms: ['Overenskomst', 'Agreement terms'],
  fundingSource: ['Finansiering', 'Funding'],
  consultant: ['Konsulent', 'Consultant'],
  since: ['Partner siden', 'Since'],
  year: ['År', 'Year'],
  age0to12: ['0-12 år', 'Ages 0-12'],
  age13to18: ['13-18 år', 'Ages 13-18'],
  age19to24: ['19-24 år', 'Ages 19-24'],
  under25: ['Medlemmer under 25', 'Members under 25'],
  girls: ['Piger', 'Girls'],
  boys: ['Drenge', 'Boys'],
  totalMembers: ['Medlemmer i alt', 'Members in all'],
};

/** The sheet's own header words for a field (the names staff know), in the pane's language. */
export function fieldLabel(lang: Lang, field: string): string {
  const labels = fieldLabels[field];
  return labels ? labels[lang === 'en' ? 1 : 0] : field;
}
