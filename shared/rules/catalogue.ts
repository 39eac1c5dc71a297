import type { CellValue, Lang, ModelId, Severity, SheetKind, Tier } from '../schemas';
import { formatFigure } from '../figures';
import { modelName } from '../model-words';
import { describeTextProblem, type TextProblem } from '../text-safety';

/** Where a report is read: the wording of a fix can name the control the person has (`--year`, the year field). */
export type Surface = 'cli' | 'pane' | 'api';

/** What every message may use besides its rule's own parameters: where the finding is and its raw value. */
export interface MessageContext {
  /** A1 address, or null for a sheet or workbook finding. */
  cell: string | null;
  /** 1-based row, or null. */
  row: number | null;
  value: CellValue;
  association: string | null;
  /** Where the report is read; undefined = no particular surface (wording that fits all). */
  surface: Surface | undefined;
}

/**
 * Each rule's own message parameters. A code is a key here; adding a rule means adding its parameters here
 * and its definition below, and `npm run lint` then checks every place that reports it.
 */
export interface RuleParams {
  'sheet-not-found': { kind: SheetKind; name?: string; available?: string };
  'missing-column': { header: string; model?: ModelId | null; accepted: string };
  'unknown-column': Record<string, never>;
  'duplicate-column': { first: string; firstHeader: string };
  'total-row': Record<string, never>;
  'total-mismatch': { header: string; total: number; expected: number; because?: string | null };
  'formula-error': { header: string };
  'type-error': { header: string; expected: string; hint?: string };
  'missing-value': { header: string };
  'negative-value': { header: string; figure: number };
  'duplicate-association': { first: number };
  'unknown-district': { spans: string } | { suggestion: string | null };
  'unknown-tier': Record<string, never>;
  'grant-mismatch': { expected: number; tier: Tier; model: ModelId } & PartYear;
  'cofinancing-below-minimum': { expected: number; tier: Tier } & PartYear;
  'hours-below-minimum': { expected: number; model: ModelId; tier: Tier | null };
  'agreement-terms-missing': Record<string, never>;
  'salary-below-funding': { expected: number };
  'extended-area-conflict': { district: string; areas: string } | { other: string; otherRow: number; localArea: string };
  'extended-count': { expected: number };
  'budget-frame-exceeded': { expected: number };
  'culture-pool-exceeded': { expected: number };
  'model-unknown': { expected: number };
  'members-below-threshold': { expected: number };
  'age-bands-mismatch': { expected: number };
  'under25-exceeds-total': { under25: number; expected: number };
  'gender-mismatch': { girlsAndBoys: number; expected: number };
  'membership-missing': { other: string };
  'budget-missing': { other: string };
  'personal-data': { header?: string };
  'change-vs-previous': { expected: number; previousYear: number; change: string };
  'sheet-absent': { kind: SheetKind; present: string; notChosen: boolean };
  'text-amount': { header: string; figure: number; amount: boolean };
  'spelling-variant': { variant: VariantKind; fixed: string };
  'invalid-text': { problem: TextProblem; what: 'cell' | 'sheet-name'; kind: SheetKind };
  'uncalculated-formula': { header: string };
  'year-differs': { asked: number; model: ModelId | null; source: YearSource; sheetName: string };
}

/** Where the sheets name their programme year: the year column, the sheet's name or a title above the header. */
export type YearSource = 'column' | 'name' | 'title';

/** What a spelling-variant finding corrects. */
export type VariantKind = 'district-alias' | 'district' | 'yes-no' | 'tier' | 'association';

/** A part-year partnership's months (fewer than monthsPerYear) and the yearly amount `expected` is pro rata of. */
export type PartYear = { months?: number; monthsPerYear?: number; yearly?: number };

/** Every issue code: public interface (API, CLI, tests). Codes are added, never renamed. */
export type IssueCode = keyof RuleParams;

/** A rule's definition; its messages take the context and exactly its own parameters. */
export interface RuleDefinition<C extends IssueCode = IssueCode> {
  code: C;
  severity: Severity;
  /** The programme models the rule applies to; both = any year, including an undetermined one. */
  models: ModelId[];
  description: string;
  message: Record<Lang, (p: MessageContext & RuleParams[C]) => string>;
}

type RuleTable = { [C in IssueCode]: Omit<RuleDefinition<C>, 'code'> };

const both: ModelId[] = ['model-2012', 'model-2025'];
const m2025: ModelId[] = ['model-2025'];

const kr = (n: CellValue | undefined) =>
  typeof n === 'number' ? `${formatFigure(n, 'da')} kr.` : String(n ?? '');
const dkk = (n: CellValue | undefined) =>
  typeof n === 'number' ? `DKK ${formatFigure(n, 'en')}` : String(n ?? '');
const at = (p: MessageContext) => (p.cell ? `${p.cell}: ` : '');
/** A figure as each language writes it: 1.234,5 in Danish, 1,234.5 in English. */
const da = (n: unknown) => (typeof n === 'number' ? formatFigure(n, 'da') : String(n ?? ''));
const en = (n: unknown) => (typeof n === 'number' ? formatFigure(n, 'en') : String(n ?? ''));
const modelDa = (id: ModelId) => modelName(id, 'da');
const modelEn = (id: ModelId) => modelName(id, 'en');
/** "1 række", "2 rækker": a count with its noun in the number it needs. */
const count = (n: unknown, one: string, many: string, lang: Lang) => `${lang === 'da' ? da(n) : en(n)} ${n === 1 ? one : many}`;
/** A tier with its article: "et standardpartnerskab", "an extended (udvidet) partnership". */
const tierDa = (t: Tier) => (t === 'udvidet' ? 'et udvidet partnerskab' : 'et standardpartnerskab');
const tierEn = (t: Tier) => (t === 'udvidet' ? 'an extended (udvidet) partnership' : 'a standard partnership');
/** How the person sets the year where they read the report. */
const setYearDa = (s: Surface | undefined) =>
  s === 'cli' ? 'angiv det med --year, fx --year 2025' : s === 'pane' ? 'vælg det under Programår' : s === 'api' ? 'send det i year, fx year=2025' : 'angiv året';
const setYearEn = (s: Surface | undefined) =>
  s === 'cli' ? 'give it with --year, e.g. --year 2025' : s === 'pane' ? 'choose it under Programme year' : s === 'api' ? 'send it in year, e.g. year=2025' : 'give the year';
const monthsDa = (n: number) => `${n} ${n === 1 ? 'måned' : 'måneder'}`;
const monthsEn = (n: number) => `${n} ${n === 1 ? 'month' : 'months'}`;

/** What kind of spelling a spelling-variant finding corrects, and how each language says it. */
const variantDa = (p: MessageContext & RuleParams['spelling-variant']) => {
  switch (p.variant) {
    case 'district-alias': return `"${p.value}" læses som bydelen ${p.fixed}. Skriv bydelens navn, "${p.fixed}", så arket siger det samme som rapporten.`;
    case 'district': return `Bydelen "${p.value}" staves "${p.fixed}".`;
    case 'yes-no': return `"${p.value}" læses som "${p.fixed}". Skriv "Ja" eller "Nej".`;
    case 'tier': return `Partnerskabstypen "${p.value}" læses som "${p.fixed}". Skriv "standard" eller "udvidet".`;
    default: return `Foreningsnavnet "${p.value}" har mellemrum, der ikke hører til. Skriv "${p.fixed}".`;
  }
};
const variantEn = (p: MessageContext & RuleParams['spelling-variant']) => {
  switch (p.variant) {
    case 'district-alias': return `"${p.value}" is read as the district ${p.fixed}. Write the district's name, "${p.fixed}", so the sheet says what the report says.`;
    case 'district': return `The district "${p.value}" is spelt "${p.fixed}".`;
    case 'yes-no': return `"${p.value}" is read as "${p.fixed}" (yes/no). Write "Ja" or "Nej".`;
    case 'tier': return `The tier "${p.value}" is read as "${p.fixed}". Write "standard" or "udvidet".`;
    default: return `The association name "${p.value}" has spaces that do not belong. Write "${p.fixed}".`;
  }
};

/**
 * The rulebook of DOMAIN.md as data, in its order (the catalogue, the README's table and the tests follow it).
 * Every message says what is wrong, where, and what is expected.
 */
const rules: RuleTable = {
  'sheet-not-found': {
    severity: 'error', models: both,
    description: 'No budget and no membership sheet could be identified, or the one asked for by name is not there (one sheet without the other is sheet-absent).',
    message: {
      da: (p) => p.name
        ? `Arket "${p.name}" findes ikke i projektmappen. Vælg et af: ${p.available}.`
        : `Der blev ikke fundet noget ${p.kind === 'budget' ? 'budgetark' : 'medlemsark'}. Navngiv arket fx "${p.kind === 'budget' ? 'Budget' : 'Medlemstal'}", eller giv det en overskriftsrække med ${p.kind === 'budget' ? '"Forening", "Bydel", "Tilskud" og "Timer pr. uge"' : '"Forening" og "Medlemmer under 25" (eller de tre aldersgrupper)'}.`,
      en: (p) => p.name
        ? `The workbook has no sheet "${p.name}". Choose one of: ${p.available}.`
        : `No ${p.kind === 'budget' ? 'budget' : 'membership'} sheet was found. Name the sheet e.g. "${p.kind === 'budget' ? 'Budget' : 'Medlemstal'}", or give it a header row with ${p.kind === 'budget' ? '"Forening", "Bydel", "Tilskud" and "Timer pr. uge"' : '"Forening" and "Medlemmer under 25" (or the three age bands)'}.`,
    },
  },
  'missing-column': {
    severity: 'error', models: both,
    description: "A required column (for the year's model) is absent; the message lists the accepted headers.",
    message: {
      da: (p) => `Kolonnen "${p.header}" mangler i overskriftsrækken (række ${p.row})${p.model ? ` og er påkrævet i ${modelDa(p.model)}` : ''}. Tilføj en kolonne med en af overskrifterne: ${p.accepted}.`,
      en: (p) => `The column "${p.header}" is missing from the header row (row ${p.row})${p.model ? ` and is required in ${modelEn(p.model)}` : ''}. Add a column headed one of: ${p.accepted}.`,
    },
  },
  'unknown-column': {
    severity: 'info', models: both,
    description: 'A column that maps to no field; it is ignored.',
    message: {
      da: (p) => `${at(p)}Kolonnen "${p.value}" kendes ikke og springes over.`,
      en: (p) => `${at(p)}The column "${p.value}" is not known and is ignored.`,
    },
  },
  'duplicate-column': {
    severity: 'warning', models: both,
    description: 'Two columns map to one field; the first is used.',
    message: {
      da: (p) => `${at(p)}Kolonnen "${p.value}" betyder det samme som kolonne ${p.first} ("${p.firstHeader}"); kun ${p.first} bruges. Slet eller omdøb den ene.`,
      en: (p) => `${at(p)}The column "${p.value}" means the same as column ${p.first} ("${p.firstHeader}"); only ${p.first} is used. Delete or rename one of them.`,
    },
  },
  'total-row': {
    severity: 'info', models: both,
    description: 'A row labelled I alt / Total / Sum is excluded from the data.',
    message: {
      da: (p) => `Række ${p.row} ("${p.value}") er en sumrække og tælles ikke med som forening.`,
      en: (p) => `Row ${p.row} ("${p.value}") is a total row and is not counted as an association.`,
    },
  },
  'total-mismatch': {
    severity: 'error', models: both,
    description: "A total row's figure differs from the sum of the rows above it; where the sheet shows why (amounts written as text, rows outside the SUM's range, hidden rows), the message says so and lists the cells.",
    message: {
      da: (p) => `${at(p)}Sumrækkens ${p.header} er ${da(p.total)}, men rækkerne ovenover giver ${da(p.expected)}. ${p.because ?? 'Ret summen eller tallene ovenover.'}`,
      en: (p) => `${at(p)}The total row's ${p.header} is ${en(p.total)}, but the rows above add up to ${en(p.expected)}. ${p.because ?? 'Correct the total or the figures above.'}`,
    },
  },
  'formula-error': {
    severity: 'error', models: both,
    description: 'A cell holds an Excel error (#REF!, #N/A, #VALUE!, #DIV/0!, #NAME?, #NUM!, #NULL!).',
    message: {
      da: (p) => `${at(p)}Cellen viser Excel-fejlen ${p.value} (${p.header}). Ret formlen, så den giver et tal eller en tekst.`,
      en: (p) => `${at(p)}The cell shows the Excel error ${p.value} (${p.header}). Fix the formula so it gives a number or a text.`,
    },
  },
  'type-error': {
    severity: 'error', models: both,
    description: 'A cell cannot be read as its field\'s type (e.g. "ca. 250" as an amount).',
    message: {
      da: (p) => `${at(p)}"${p.value}" kan ikke læses som ${p.expected} (${p.header}).${p.hint ? ` ${p.hint}` : ''}`,
      en: (p) => `${at(p)}"${p.value}" cannot be read as ${p.expected} (${p.header}).${p.hint ? ` ${p.hint}` : ''}`,
    },
  },
  'missing-value': {
    severity: 'error', models: both,
    description: 'A required field is empty in a data row.',
    message: {
      da: (p) => `${at(p)}${p.header} mangler for ${p.association ? `"${p.association}"` : `række ${p.row}`}. Udfyld cellen.`,
      en: (p) => `${at(p)}${p.header} is missing for ${p.association ? `"${p.association}"` : `row ${p.row}`}. Fill in the cell.`,
    },
  },
  'negative-value': {
    severity: 'error', models: both,
    description: 'An amount, hours or count below zero.',
    message: {
      da: (p) => `${at(p)}${p.header} er negativ (${da(p.figure)}) for "${p.association}". Tallet skal være 0 eller derover.`,
      en: (p) => `${at(p)}${p.header} is negative (${en(p.figure)}) for "${p.association}". It must be 0 or more.`,
    },
  },
  'duplicate-association': {
    severity: 'error', models: both,
    description: 'The same association twice in one sheet (names compared case- and space-insensitively).',
    message: {
      da: (p) => `${at(p)}"${p.value}" står også i række ${p.first}. Hver forening skal stå én gang pr. år; læg rækkerne sammen eller slet den ene.`,
      en: (p) => `${at(p)}"${p.value}" is also in row ${p.first}. Each association appears once a year; merge the rows or delete one.`,
    },
  },
  'unknown-district': {
    severity: 'error', models: both,
    description: 'The district matches no district or alias; the message suggests the nearest.',
    message: {
      da: (p) => 'spans' in p
        ? `${at(p)}"${p.value}" er et lokalområde med flere bydele (${p.spans}). Skriv bydelen.`
        : `${at(p)}Bydelen "${p.value}" kendes ikke.${p.suggestion ? ` Mente du "${p.suggestion}"?` : ''} Brug en af bydelene eller "Bydækkende".`,
      en: (p) => 'spans' in p
        ? `${at(p)}"${p.value}" is a local area spanning several districts (${p.spans}). Write the district.`
        : `${at(p)}The district "${p.value}" is not known.${p.suggestion ? ` Did you mean "${p.suggestion}"?` : ''} Use one of the districts or "Bydækkende".`,
    },
  },
  'unknown-tier': {
    severity: 'error', models: m2025,
    description: 'The tier is not standard/udvidet (the 2025 model).',
    message: {
      da: (p) => `${at(p)}Partnerskabstypen "${p.value ?? ''}" for "${p.association}" kendes ikke. Skriv "standard" eller "udvidet".`,
      en: (p) => `${at(p)}The tier "${p.value ?? ''}" of "${p.association}" is not known. Write "standard" or "udvidet".`,
    },
  },
  'grant-mismatch': {
    severity: 'error', models: both,
    description: "The grant differs from the tier's amount (model-2012: 200,000), pro rata to `months` when a row gives fewer than 12.",
    message: {
      da: (p) => p.months
        ? `${at(p)}Tilskuddet til "${p.association}" er ${kr(p.value)}, men ${tierDa(p.tier)} får ${kr(p.expected)} for ${monthsDa(p.months)} af ${p.monthsPerYear} (${kr(p.yearly)} om året i ${modelDa(p.model)}, forholdsmæssigt efter kolonnen Måneder).`
        : `${at(p)}Tilskuddet til "${p.association}" er ${kr(p.value)}, men ${tierDa(p.tier)} får ${kr(p.expected)} om året i ${modelDa(p.model)}.`,
      en: (p) => p.months
        ? `${at(p)}The grant to "${p.association}" is ${dkk(p.value)}, but ${tierEn(p.tier)} gets ${dkk(p.expected)} for ${monthsEn(p.months)} of ${p.monthsPerYear} (${dkk(p.yearly)} a year in ${modelEn(p.model)}, pro rata to the Måneder column).`
        : `${at(p)}The grant to "${p.association}" is ${dkk(p.value)}, but ${tierEn(p.tier)} gets ${dkk(p.expected)} a year in ${modelEn(p.model)}.`,
    },
  },
  'cofinancing-below-minimum': {
    severity: 'error', models: m2025,
    description: 'Co-financing under 50,000 (standard) / 100,000 (udvidet).',
    message: {
      da: (p) => p.months
        ? `${at(p)}Medfinansieringen fra "${p.association}" er ${kr(p.value)}; ${tierDa(p.tier)} skal medfinansiere mindst ${kr(p.expected)} for ${monthsDa(p.months)} af ${p.monthsPerYear} (${kr(p.yearly)} om året, forholdsmæssigt efter kolonnen Måneder).`
        : `${at(p)}Medfinansieringen fra "${p.association}" er ${kr(p.value)}; ${tierDa(p.tier)} skal medfinansiere mindst ${kr(p.expected)} om året.`,
      en: (p) => p.months
        ? `${at(p)}The co-financing of "${p.association}" is ${dkk(p.value)}; ${tierEn(p.tier)} must co-finance at least ${dkk(p.expected)} for ${monthsEn(p.months)} of ${p.monthsPerYear} (${dkk(p.yearly)} a year, pro rata to the Måneder column).`
        : `${at(p)}The co-financing of "${p.association}" is ${dkk(p.value)}; ${tierEn(p.tier)} must co-finance at least ${dkk(p.expected)} a year.`,
    },
  },
  'hours-below-minimum': {
    severity: 'error', models: both,
    description: 'Hours under 25 / 37 (model-2025), under 20 (model-2012).',
    message: {
      da: (p) => `${at(p)}Ressourcepersonen hos "${p.association}" har ${count(p.value, 'time', 'timer', 'da')} om ugen; ${modelDa(p.model)} kræver mindst ${count(p.expected, 'time', 'timer', 'da')}${p.tier ? ` i ${tierDa(p.tier)}` : ''}.`,
      en: (p) => `${at(p)}The resource person at "${p.association}" works ${count(p.value, 'hour', 'hours', 'en')} a week; ${modelEn(p.model)} requires at least ${count(p.expected, 'hour', 'hours', 'en')}${p.tier ? ` in ${tierEn(p.tier)}` : ''}.`,
    },
  },
  'agreement-terms-missing': {
    severity: 'error', models: m2025,
    description: 'model-2025 and the agreement-terms cell is not yes.',
    message: {
      da: (p) => `${at(p)}"${p.association}" skal ansætte ressourcepersonen på overenskomstlignende vilkår fra 2025. Skriv "Ja", når det er på plads.`,
      en: (p) => `${at(p)}From 2025 "${p.association}" must employ the resource person on collective-agreement-like terms. Write "Ja" once it is in place.`,
    },
  },
  'salary-below-funding': {
    severity: 'warning', models: both,
    description: 'Salary is given and is below grant + co-financing (the whole grant goes to the resource person).',
    message: {
      da: (p) => `${at(p)}Lønudgiften hos "${p.association}" (${kr(p.value)}) er mindre end tilskud + medfinansiering (${kr(p.expected)}); hele beløbet skal gå til ressourcepersonen.`,
      en: (p) => `${at(p)}The salary at "${p.association}" (${dkk(p.value)}) is below grant + co-financing (${dkk(p.expected)}); the whole amount goes to the resource person.`,
    },
  },
  'extended-area-conflict': {
    severity: 'error', models: m2025,
    description: 'An udvidet partnership in a district outside the four local areas (Bydækkende excepted), or two udvidet partnerships in one local area.',
    message: {
      da: (p) => 'other' in p
        ? `${at(p)}"${p.association}" og "${p.other}" (række ${p.otherRow}) er begge udvidede partnerskaber i lokalområdet ${p.localArea}; der er ét pr. lokalområde.`
        : `${at(p)}"${p.association}" er et udvidet partnerskab i ${p.district}, som ikke ligger i et af lokalområderne (${p.areas}).`,
      en: (p) => 'other' in p
        ? `${at(p)}"${p.association}" and "${p.other}" (row ${p.otherRow}) are both extended partnerships in the local area ${p.localArea}; there is one per local area.`
        : `${at(p)}"${p.association}" is an extended partnership in ${p.district}, which is in none of the local areas (${p.areas}).`,
    },
  },
  'extended-count': {
    severity: 'warning', models: m2025,
    description: 'The number of udvidet partnerships is not 4.',
    message: {
      da: (p) => `Arket har ${count(p.value, 'udvidet partnerskab', 'udvidede partnerskaber', 'da')}; modellen har ${da(p.expected)} (ét pr. lokalområde).`,
      en: (p) => `The sheet has ${count(p.value, 'extended partnership', 'extended partnerships', 'en')}; the model has ${en(p.expected)} (one per local area).`,
    },
  },
  'budget-frame-exceeded': {
    severity: 'warning', models: both,
    description: 'Grants from the permanent budget exceed its frame.',
    message: {
      da: (p) => `Tilskud fra de varige midler er i alt ${kr(p.value)} og overskrider rammen (${kr(p.expected)}).`,
      en: (p) => `Grants from the permanent budget total ${dkk(p.value)}, above its frame of ${dkk(p.expected)}.`,
    },
  },
  'culture-pool-exceeded': {
    severity: 'warning', models: both,
    description: 'Grants from the culture pool exceed its frame.',
    message: {
      da: (p) => `Tilskud fra kulturpuljen er i alt ${kr(p.value)} og overskrider rammen (${kr(p.expected)}).`,
      en: (p) => `Grants from the culture pool total ${dkk(p.value)}, above its frame of ${dkk(p.expected)}.`,
    },
  },
  'model-unknown': {
    severity: 'error', models: both,
    description: 'The programme year is before 2012 or cannot be determined.',
    message: {
      da: (p) => p.value
        ? `Året ${p.value} ligger før programmet, som begyndte i ${p.expected}, så der er ingen regler at tjekke arkene efter. Er det et andet år, så ${setYearDa(p.surface)}.`
        : `Arkene siger ikke, hvilket år tallene er for, så de kan ikke tjekkes efter årets regler. Skriv året i arkets navn (fx "Budget 2025") eller i en kolonne "År", eller ${setYearDa(p.surface)}.`,
      en: (p) => p.value
        ? `The year ${p.value} is before the programme, which began in ${p.expected}, so there are no rules to check the sheets against. If it is another year, ${setYearEn(p.surface)}.`
        : `The sheets do not say which year the figures are for, so they cannot be checked against the year's rules. Put the year in the sheet name (e.g. "Budget 2025") or in a column "År", or ${setYearEn(p.surface)}.`,
    },
  },
  'members-below-threshold': {
    severity: 'warning', models: both,
    description: 'Fewer than 100 members under 25.',
    message: {
      da: (p) => `${at(p)}"${p.association}" har ${count(p.value, 'medlem', 'medlemmer', 'da')} under 25; udvælgelseskriteriet er mindst ${da(p.expected)}.`,
      en: (p) => `${at(p)}"${p.association}" has ${count(p.value, 'member', 'members', 'en')} under 25; the selection criterion is at least ${en(p.expected)}.`,
    },
  },
  'age-bands-mismatch': {
    severity: 'error', models: both,
    description: 'The three age bands do not sum to the under-25 figure.',
    message: {
      da: (p) => `${at(p)}Aldersgrupperne hos "${p.association}" giver ${da(p.expected)}, men "Medlemmer under 25" er ${da(p.value)}. Ret et af tallene.`,
      en: (p) => `${at(p)}The age bands of "${p.association}" add up to ${en(p.expected)}, but "Members under 25" is ${en(p.value)}. Correct one of them.`,
    },
  },
  'under25-exceeds-total': {
    severity: 'error', models: both,
    description: 'Members under 25 exceed members in all.',
    message: {
      da: (p) => `${at(p)}"${p.association}" har ${count(p.under25, 'medlem', 'medlemmer', 'da')} under 25, men kun ${count(p.expected, 'medlem', 'medlemmer', 'da')} i alt.`,
      en: (p) => `${at(p)}"${p.association}" has ${count(p.under25, 'member', 'members', 'en')} under 25 but only ${count(p.expected, 'member', 'members', 'en')} in all.`,
    },
  },
  'gender-mismatch': {
    severity: 'warning', models: both,
    description: 'Girls + boys differ from members under 25.',
    message: {
      da: (p) => `${at(p)}Piger + drenge hos "${p.association}" er ${da(p.girlsAndBoys)}, men medlemmer under 25 er ${da(p.expected)}.`,
      en: (p) => `${at(p)}Girls + boys at "${p.association}" come to ${en(p.girlsAndBoys)}, but members under 25 come to ${en(p.expected)}.`,
    },
  },
  'membership-missing': {
    severity: 'warning', models: both,
    description: 'An association in the budget sheet has no membership row.',
    message: {
      da: (p) => `${at(p)}"${p.association}" står i budgetarket, men har ingen række i medlemsarket "${p.other}".`,
      en: (p) => `${at(p)}"${p.association}" is in the budget sheet but has no row in the membership sheet "${p.other}".`,
    },
  },
  'budget-missing': {
    severity: 'warning', models: both,
    description: 'An association in the membership sheet has no budget row.',
    message: {
      da: (p) => `${at(p)}"${p.association}" står i medlemsarket, men har ingen række i budgetarket "${p.other}".`,
      en: (p) => `${at(p)}"${p.association}" is in the membership sheet but has no row in the budget sheet "${p.other}".`,
    },
  },
  'personal-data': {
    severity: 'error', models: both,
    description: 'A cell holds what looks like a Danish CPR number, or a header names personal data. Such a sheet is never stored or sent.',
    message: {
      da: (p) => p.header
        ? `${at(p)}Kolonnen "${p.header}" ser ud til at indeholde personoplysninger. Slet kolonnen; arket kan ikke gemmes eller sendes med den.`
        : `${at(p)}Cellen ser ud til at indeholde et CPR-nummer. Slet det; arket kan ikke gemmes eller sendes med personoplysninger.`,
      en: (p) => p.header
        ? `${at(p)}The column "${p.header}" looks like personal data. Delete the column; the sheet cannot be saved or sent with it.`
        : `${at(p)}The cell looks like it holds a CPR number. Delete it; the sheet cannot be saved or sent with personal data.`,
    },
  },
  'change-vs-previous': {
    severity: 'warning', models: both,
    description: "Members under 25 changed by more than 30 % against the association's figure in the previous snapshot of the year before.",
    message: {
      da: (p) => `${at(p)}Medlemmer under 25 hos "${p.association}" er ${da(p.value)} mod ${da(p.expected)} i ${p.previousYear} (${p.change}). Tjek tallet.`,
      en: (p) => `${at(p)}Members under 25 at "${p.association}" come to ${en(p.value)} against ${en(p.expected)} in ${p.previousYear} (${p.change}). Check the figure.`,
    },
  },
  'sheet-absent': {
    severity: 'warning', models: both,
    description: 'One of the two sheets is absent: the report and a saved version carry only the other (no membership figures for the yearly export, or no budget figures for the totals); the message says which and how to add it.',
    message: {
      da: (p) => p.kind === 'membership'
        ? `${p.notChosen ? 'Der er ikke valgt noget medlemsark' : 'Projektmappen har intet medlemsark'}; kun budgetarket "${p.present}" er læst. En version, der gemmes herfra, har ingen medlemstal, så årets eksport af medlemstal kan ikke laves ud fra den. ${p.surface === 'pane' ? 'Vælg medlemsarket under Medlemsark, eller tilføj' : 'Tilføj'} et ark "Medlemstal" med kolonnerne "Forening" og "Medlemmer under 25", hvis medlemstallene skal med.`
        : `${p.notChosen ? 'Der er ikke valgt noget budgetark' : 'Projektmappen har intet budgetark'}; kun medlemsarket "${p.present}" er læst. En version, der gemmes herfra, har intet tilskud, ingen medfinansiering og ingen timer, så tallene pr. bydel viser kun medlemstal. ${p.surface === 'pane' ? 'Vælg budgetarket under Budgetark, eller tilføj' : 'Tilføj'} et ark "Budget" med kolonnerne "Forening", "Bydel", "Tilskud" og "Timer pr. uge", hvis budgettet skal med.`,
      en: (p) => p.kind === 'membership'
        ? `${p.notChosen ? 'No membership sheet is chosen' : 'The workbook has no membership sheet'}; only the budget sheet "${p.present}" is read. A version saved from here holds no membership figures, so the year's membership export cannot be made from it. ${p.surface === 'pane' ? 'Choose the membership sheet under Membership sheet, or add' : 'Add'} a sheet "Medlemstal" with the columns "Forening" and "Medlemmer under 25" if the membership figures are to be included.`
        : `${p.notChosen ? 'No budget sheet is chosen' : 'The workbook has no budget sheet'}; only the membership sheet "${p.present}" is read. A version saved from here holds no grant, co-financing or hours, so the totals per district show membership figures only. ${p.surface === 'pane' ? 'Choose the budget sheet under Budget sheet, or add' : 'Add'} a sheet "Budget" with the columns "Forening", "Bydel", "Tilskud" and "Timer pr. uge" if the budget is to be included.`,
    },
  },
  'text-amount': {
    severity: 'info', models: both,
    description: 'An amount written as text ("250.000 kr."): read as the number, but Excel\'s own formulas (SUM) skip it; its fix is the number.',
    message: {
      da: (p) => `${at(p)}${p.amount ? 'Beløbet' : 'Tallet'} "${p.value}" (${p.header}) er skrevet som tekst. Det læses som ${p.amount ? kr(p.figure) : da(p.figure)}, men Excels formler (fx SUM) springer det over. Skriv det som tal${p.amount ? ' (formatet viser "kr.")' : ''}.`,
      en: (p) => `${at(p)}The ${p.amount ? 'amount' : 'figure'} "${p.value}" (${p.header}) is written as text. It is read as ${p.amount ? dkk(p.figure) : en(p.figure)}, but Excel's formulas (e.g. SUM) skip it. Enter it as a number${p.amount ? ' (the number format shows "kr.")' : ''}.`,
    },
  },
  'spelling-variant': {
    severity: 'info', models: both,
    description: 'A district alias or stray spaces, a yes/no variant, a tier in another case, or stray spaces around an association name: read as meant; its fix is the canonical spelling.',
    message: {
      da: (p) => `${at(p)}${variantDa(p)}`,
      en: (p) => `${at(p)}${variantEn(p)}`,
    },
  },
  'invalid-text': {
    severity: 'error', models: both,
    description: 'A cell of the budget or membership sheet, or the sheet\'s name, holds an invisible control character (other than tab and line break), a broken character or a non-character, or more than 32,767 characters (Excel\'s limit): it could not be stored or exported, so nothing is saved. The message names the cell, never the text.',
    message: {
      da: (p) => `${at(p)}${describeTextProblem(p.problem, p.what === 'cell' ? 'Cellen' : `Navnet på ${p.kind === 'budget' ? 'budgetarket' : 'medlemsarket'}`, 'da')}`,
      en: (p) => `${at(p)}${describeTextProblem(p.problem, p.what === 'cell' ? 'The cell' : `The ${p.kind === 'budget' ? 'budget' : 'membership'} sheet's name`, 'en')}`,
    },
  },
  'uncalculated-formula': {
    severity: 'error', models: both,
    description: 'A cell the core reads holds a formula saved without its result (files written by scripts that never ran Excel): its figure is not known. Opening and saving the file in Excel fixes it.',
    message: {
      da: (p) => `${at(p)}${p.header}${p.association ? ` for "${p.association}"` : ''} er en formel, der aldrig er regnet ud: filen er gemt uden formlens resultat (det gør fx programmer, der skriver .xlsx uden Excel). Åbn filen i Excel, og gem den; så står resultatet i cellen.`,
      en: (p) => `${at(p)}${p.header}${p.association ? ` of "${p.association}"` : ''} is a formula that was never calculated: the file was saved without its result (as programs that write .xlsx without Excel do). Open the file in Excel and save it; the result is then in the cell.`,
    },
  },
  'year-differs': {
    severity: 'warning', models: both,
    description: "The year asked for (the CLI's --year, the pane's Programår, the API's year) is not the one the sheets name (their year column, name or title): the findings follow the other year's rules; the message says how to check the sheets' own year.",
    message: {
      da: (p) => `${p.source === 'column' ? `År-kolonnen i "${p.sheetName}" siger ${p.value}` : `Arket "${p.sheetName}" siger ${p.value} i ${p.source === 'name' ? 'sit navn' : 'titlen over overskriften'}`}, men året er sat til ${p.asked}, ${p.model ? `så arkene tjekkes efter ${modelDa(p.model)}` : 'som programmet ikke har regler for'}${p.source === 'column' ? `, og rækker fra andre år end ${p.asked} springes over` : ''}. Er arkene fra ${p.value}, så ${p.surface === 'cli' ? `kør igen med --year ${p.value} (eller uden --year)` : p.surface === 'pane' ? `vælg ${p.value} under Programår` : p.surface === 'api' ? `send year=${p.value}, eller udelad year` : `vælg ${p.value} som år`}.`,
      en: (p) => `${p.source === 'column' ? `The year column of "${p.sheetName}" says ${p.value}` : `The sheet "${p.sheetName}" says ${p.value} in its ${p.source === 'name' ? 'name' : 'title above the header'}`}, but the year is set to ${p.asked}, ${p.model ? `so the sheets are checked against ${modelEn(p.model)}` : 'which the programme has no rules for'}${p.source === 'column' ? `, and rows of years other than ${p.asked} are left out` : ''}. If the sheets are from ${p.value}, ${p.surface === 'cli' ? `run again with --year ${p.value} (or without --year)` : p.surface === 'pane' ? `choose ${p.value} under Programme year` : p.surface === 'api' ? `send year=${p.value}, or leave year out` : `choose ${p.value} as the year`}.`,
    },
  },
};

function definitions(): Array<{ [C in IssueCode]: RuleDefinition<C> }[IssueCode]> {
  return (Object.keys(rules) as IssueCode[]).map((code) => ({ code, ...rules[code] }) as RuleDefinition<typeof code> as never);
}

/** The rules in the rulebook's order. */
export const catalogue: ReadonlyArray<{ [C in IssueCode]: RuleDefinition<C> }[IssueCode]> = definitions();

/** Every code, in the rulebook's order. */
export const issueCodes = catalogue.map((r) => r.code) as [IssueCode, ...IssueCode[]];

export function ruleByCode<C extends IssueCode>(code: C): RuleDefinition<C> {
  return { code, ...ruleOf(code) };
}

/** A rule's severity and messages as the table holds them, not copied: addIssue asks once per finding. */
export function ruleOf<C extends IssueCode>(code: C): Omit<RuleDefinition<C>, 'code'> {
  const rule = rules[code] as Omit<RuleDefinition<C>, 'code'> | undefined;
  if (!rule) throw new Error(`No rule with code ${code}`);
  return rule;
}
