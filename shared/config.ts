import type { ProgrammeConfig, ProgrammeModel } from './schemas';

/**
 * Copenhagen's programme as the two seed reports describe it (March 2023, November 2025).
 * Another municipality passes its own object of this shape.
 */
export const copenhagen: ProgrammeConfig = {
  municipality: 'Københavns Kommune',
  models: [
    {
      id: 'model-2012',
      fromYear: 2012,
      toYear: 2024,
      // One tier: 200.000 kr. a year, a resource person of at least 20 hours a week.
      tiers: { standard: { grant: 200_000, cofinancingMin: 0, hoursMin: 20 } },
      requiresTier: false,
      requiresCofinancing: false,
      requiresAgreementTerms: false,
      extendedCount: null,
      frames: {},
    },
    {
      id: 'model-2025',
      fromYear: 2025,
      toYear: null,
      tiers: {
        standard: { grant: 250_000, cofinancingMin: 50_000, hoursMin: 25 },
        udvidet: { grant: 400_000, cofinancingMin: 100_000, hoursMin: 37 },
      },
      requiresTier: true,
      requiresCofinancing: true,
      requiresAgreementTerms: true,
      // One udvidet partnership per local area.
      extendedCount: 4,
      // Permanent budget about 6 mio. kr. a year; the culture pool read as 750.000 kr. a year (3 × 250.000).
      frames: { 'varige-midler': 6_000_000, kulturpulje: 750_000 },
    },
  ],
  districts: [
    { name: 'Indre By', aliases: ['Christianshavn', 'Indre by', 'City', 'Centrum', 'Slotsholmen'] },
    { name: 'Østerbro', aliases: ['Nordhavn'] },
    { name: 'Nørrebro', aliases: ['Mjølnerparken', 'Ydre Nørrebro', 'Indre Nørrebro'] },
    { name: 'Vesterbro/Kongens Enghave', aliases: ['Vesterbro', 'Kongens Enghave', 'Sydhavnen', 'Sydhavn', 'Kgs. Enghave'] },
    { name: 'Valby', aliases: [] },
    { name: 'Vanløse', aliases: [] },
    { name: 'Brønshøj-Husum', aliases: ['Brønshøj', 'Husum', 'Tingbjerg', 'Husum/Tingbjerg', 'Tingbjerg/Husum', 'Brønshøj/Husum'] },
    { name: 'Bispebjerg', aliases: ['Nordvest', 'Nordvestkvarteret', 'Bispebjerg/Nordvest', 'Utterslev'] },
    { name: 'Amager Øst', aliases: ['Amagerbro', 'Urbanplanen'] },
    { name: 'Amager Vest', aliases: ['Ørestad', 'Sundby', 'Islands Brygge'] },
  ],
  cityWide: { name: 'Bydækkende', aliases: ['Hele byen', 'Hele København', 'Byen', 'City-wide', 'Citywide', 'Alle bydele'] },
  localAreas: [
    { name: 'Amager', districts: ['Amager Øst', 'Amager Vest'] },
    { name: 'Husum/Tingbjerg', districts: ['Brønshøj-Husum'] },
    { name: 'Valby/Sydhavnen', districts: ['Valby', 'Vesterbro/Kongens Enghave'] },
    { name: 'Nørrebro/Bispebjerg', districts: ['Nørrebro', 'Bispebjerg'] },
  ],
  membersUnder25Min: 100,
  membershipChangeMax: 0.3,
  // "Fra medio 2020" (the March 2023 report): a partner from mid-year gets 6/12 of the year's grant, to the krone.
  partYear: { monthsPerYear: 12, roundTo: 1 },
};

/** A yearly amount for the months a partnership ran (the whole amount without months), rounded as configured. */
export function proRata(amount: number, months: number | undefined, config: ProgrammeConfig = copenhagen): number {
  const { monthsPerYear, roundTo } = config.partYear;
  if (months === undefined || months >= monthsPerYear) return amount;
  return Math.round((amount * months) / monthsPerYear / roundTo) * roundTo;
}

/** Whether a figure is the pro rata amount: within the rounding of the exact figure (exactly, for a full year). */
export function isProRata(figure: number, amount: number, months: number | undefined, config: ProgrammeConfig = copenhagen): boolean {
  const { monthsPerYear, roundTo } = config.partYear;
  if (months === undefined || months >= monthsPerYear) return Math.abs(figure - amount) <= 0.005;
  return Math.abs(figure - (amount * months) / monthsPerYear) < roundTo;
}

/** The programme model in force in a year, or null (before the programme, or a year the config does not cover). */
export function modelForYear(year: number, config: ProgrammeConfig = copenhagen): ProgrammeModel | null {
  return config.models.find((m) => year >= m.fromYear && (m.toYear === null || year <= m.toYear)) ?? null;
}
