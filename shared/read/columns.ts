import type { ProgrammeModel, SheetKind } from '../schemas';
import { normaliseLabel } from './text';

export type FieldType = 'text' | 'district' | 'tier' | 'amount' | 'hours' | 'count' | 'yesno' | 'funding' | 'year' | 'months';

export interface FieldDefinition {
  field: string;
  /** Canonical Danish header, as the template writes it. */
  header: string;
  synonyms: string[];
  type: FieldType;
  /** Whether the column must be present for a model (null = the year's model is unknown). */
  required: (model: ProgrammeModel | null) => boolean;
}

const always = () => true;
const never = () => false;

/** DOMAIN.md's column dictionary, budget sheet. */
export const budgetFields: FieldDefinition[] = [
  { field: 'association', header: 'Forening', synonyms: ['Foreningsnavn', 'Navn', 'Association'], type: 'text', required: always },
  { field: 'district', header: 'Bydel', synonyms: ['Område', 'Lokalområde', 'District'], type: 'district', required: always },
  { field: 'tier', header: 'Partnerskab', synonyms: ['Type', 'Partnerskabstype', 'Tier'], type: 'tier', required: (m) => m?.requiresTier ?? false },
  { field: 'grant', header: 'Tilskud', synonyms: ['Bevilling', 'Grant'], type: 'amount', required: always },
  { field: 'cofinancing', header: 'Medfinansiering', synonyms: ['Egenfinansiering', 'Co-financing'], type: 'amount', required: (m) => m?.requiresCofinancing ?? false },
  { field: 'hours', header: 'Timer pr. uge', synonyms: ['Timer/uge', 'Ugentlige timer', 'Hours per week'], type: 'hours', required: always },
  { field: 'salary', header: 'Lønudgift', synonyms: ['Løn', 'Salary'], type: 'amount', required: never },
  { field: 'agreementTerms', header: 'Overenskomst', synonyms: ['Overenskomstlignende vilkår', 'Agreement terms'], type: 'yesno', required: (m) => m?.requiresAgreementTerms ?? false },
  { field: 'fundingSource', header: 'Finansiering', synonyms: ['Pulje', 'Funding'], type: 'funding', required: never },
  { field: 'consultant', header: 'Konsulent', synonyms: ['Kontaktperson', 'Consultant'], type: 'text', required: never },
  { field: 'since', header: 'Partner siden', synonyms: ['Startår', 'Since'], type: 'year', required: never },
  { field: 'year', header: 'År', synonyms: ['Year'], type: 'year', required: never },
  { field: 'months', header: 'Måneder', synonyms: ['Antal måneder', 'Months'], type: 'months', required: never },
];

/** DOMAIN.md's column dictionary, membership sheet (counted per 31 December). */
export const membershipFields: FieldDefinition[] = [
  { field: 'association', header: 'Forening', synonyms: ['Foreningsnavn', 'Navn', 'Association'], type: 'text', required: always },
  { field: 'year', header: 'År', synonyms: ['Opgørelsesår', 'Year'], type: 'year', required: never },
  { field: 'age0to12', header: '0-12 år', synonyms: ['0–12', 'Ages 0-12'], type: 'count', required: never },
  { field: 'age13to18', header: '13-18 år', synonyms: ['13–18', 'Ages 13-18'], type: 'count', required: never },
  { field: 'age19to24', header: '19-24 år', synonyms: ['19–24', 'Ages 19-24'], type: 'count', required: never },
  { field: 'under25', header: 'Medlemmer under 25', synonyms: ['Under 25 år', 'Børn og unge', 'Members under 25'], type: 'count', required: never },
  { field: 'girls', header: 'Piger', synonyms: ['Members girls'], type: 'count', required: never },
  { field: 'boys', header: 'Drenge', synonyms: ['Members boys'], type: 'count', required: never },
  { field: 'totalMembers', header: 'Medlemmer i alt', synonyms: ['Members total'], type: 'count', required: never },
];

export const ageBands = ['age0to12', 'age13to18', 'age19to24'] as const;

export function fieldsFor(kind: SheetKind): FieldDefinition[] {
  return kind === 'budget' ? budgetFields : membershipFields;
}

function buildLookup(fields: FieldDefinition[]): Map<string, FieldDefinition> {
  const map = new Map<string, FieldDefinition>();
  for (const f of fields) for (const h of [f.header, ...f.synonyms]) map.set(normaliseLabel(h), f);
  return map;
}

const lookups: Readonly<Record<SheetKind, ReadonlyMap<string, FieldDefinition>>> = {
  budget: buildLookup(budgetFields),
  membership: buildLookup(membershipFields),
};

/**
 * The field a header names, or null. Besides the dictionary's spellings, a header may carry a year
 * ("Tilskud 2025") or the unit words staff add ("Tilskud kr", "Timer pr. uge i alt").
 */
export function fieldForHeader(kind: SheetKind, header: string): FieldDefinition | null {
  const lookup = lookups[kind];
  const label = normaliseLabel(header);
  if (!label) return null;
  const direct = lookup.get(label);
  if (direct) return direct;
  const trimmed = label
    .replace(/\b(19|20)\d\d\b/g, ' ')
    .replace(/\b(kr|dkk|antal|i alt)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return (trimmed && trimmed !== label && lookup.get(trimmed)) || null;
}

/** The headers that would be accepted for a field, for the missing-column message. */
export function acceptedHeaders(def: FieldDefinition): string[] {
  return [def.header, ...def.synonyms];
}

/** Position of each field in its kind's dictionary: the index into ParsedRow.values. */
export const budgetIndex = Object.fromEntries(budgetFields.map((f, i) => [f.field, i])) as Record<string, number>;
export const membershipIndex = Object.fromEntries(membershipFields.map((f, i) => [f.field, i])) as Record<string, number>;
