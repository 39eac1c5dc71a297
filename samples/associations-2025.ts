import { copenhagen } from '../shared/config';
import type { FundingSource, Tier } from '../shared/schemas';

/**
 * The 21 partner associations of 1 January 2025, as the November 2025 seed report lists them.
 * ILLUSTRATIVE: the seed names the associations and groups them on a map, but says neither which four are
 * udvidet nor each one's exact bydel; those choices, and every figure below, are invented for the samples.
 */
export interface SampleAssociation {
  association: string;
  district: string;
  tier: Tier;
  fundingSource: FundingSource;
  /** Co-financing and hours above the tier's minimum, so every figure passes the rules. */
  cofinancingExtra: number;
  hoursExtra: number;
  consultant: string;
  since: number;
  under25: number;
}

const cityWide = copenhagen.cityWide.name;

// Grouped as on the seed's map; one udvidet partnership in each of the four local areas; the three culture
// associations (Krumspring, Dans i Nordvest, Rollespilsfabrikken) on the culture pool — an illustrative pick.
export const associations2025: SampleAssociation[] = [
  { association: 'Brønshøj Boldklub', district: 'Brønshøj-Husum', tier: 'udvidet', fundingSource: 'varige-midler', cofinancingExtra: 20_000, hoursExtra: 0, consultant: 'Konsulent A', since: 2014, under25: 640 },
  { association: 'IF Stadion', district: 'Bispebjerg', tier: 'standard', fundingSource: 'varige-midler', cofinancingExtra: 10_000, hoursExtra: 3, consultant: 'Konsulent A', since: 2016, under25: 310 },
  { association: 'Krumspring', district: 'Brønshøj-Husum', tier: 'standard', fundingSource: 'kulturpulje', cofinancingExtra: 0, hoursExtra: 0, consultant: 'Konsulent A', since: 2025, under25: 140 },
  { association: 'Dans i Nordvest', district: 'Bispebjerg', tier: 'standard', fundingSource: 'kulturpulje', cofinancingExtra: 5_000, hoursExtra: 0, consultant: 'Konsulent A', since: 2025, under25: 220 },
  { association: 'B1908', district: 'Amager Øst', tier: 'udvidet', fundingSource: 'varige-midler', cofinancingExtra: 25_000, hoursExtra: 0, consultant: 'Konsulent B', since: 2012, under25: 580 },
  { association: 'Amager SK', district: 'Amager Vest', tier: 'standard', fundingSource: 'varige-midler', cofinancingExtra: 15_000, hoursExtra: 5, consultant: 'Konsulent B', since: 2018, under25: 260 },
  { association: 'Amager Judo Skole', district: 'Amager Øst', tier: 'standard', fundingSource: 'varige-midler', cofinancingExtra: 0, hoursExtra: 0, consultant: 'Konsulent B', since: 2020, under25: 170 },
  { association: 'SheZone', district: 'Nørrebro', tier: 'standard', fundingSource: 'varige-midler', cofinancingExtra: 10_000, hoursExtra: 2, consultant: 'Konsulent C', since: 2019, under25: 190 },
  { association: 'Nørrebro United', district: 'Nørrebro', tier: 'udvidet', fundingSource: 'varige-midler', cofinancingExtra: 40_000, hoursExtra: 0, consultant: 'Konsulent C', since: 2012, under25: 720 },
  { association: 'BK Union', district: 'Nørrebro', tier: 'standard', fundingSource: 'varige-midler', cofinancingExtra: 20_000, hoursExtra: 5, consultant: 'Konsulent C', since: 2013, under25: 410 },
  { association: 'Nørrebro Taekwondo', district: 'Nørrebro', tier: 'standard', fundingSource: 'varige-midler', cofinancingExtra: 0, hoursExtra: 0, consultant: 'Konsulent C', since: 2017, under25: 230 },
  { association: 'Siam', district: 'Bispebjerg', tier: 'standard', fundingSource: 'varige-midler', cofinancingExtra: 5_000, hoursExtra: 0, consultant: 'Konsulent C', since: 2021, under25: 150 },
  { association: 'Stevnsgade Basketball', district: 'Nørrebro', tier: 'standard', fundingSource: 'varige-midler', cofinancingExtra: 10_000, hoursExtra: 0, consultant: 'Konsulent C', since: 2015, under25: 300 },
  { association: 'Lundehus', district: 'Bispebjerg', tier: 'standard', fundingSource: 'varige-midler', cofinancingExtra: 0, hoursExtra: 0, consultant: 'Konsulent A', since: 2022, under25: 180 },
  { association: 'Fremad Valby', district: 'Valby', tier: 'udvidet', fundingSource: 'varige-midler', cofinancingExtra: 30_000, hoursExtra: 0, consultant: 'Konsulent B', since: 2012, under25: 690 },
  { association: 'Valby IF – Gymnastik', district: 'Valby', tier: 'standard', fundingSource: 'varige-midler', cofinancingExtra: 10_000, hoursExtra: 0, consultant: 'Konsulent B', since: 2019, under25: 330 },
  { association: 'BK Hellas', district: 'Vesterbro/Kongens Enghave', tier: 'standard', fundingSource: 'varige-midler', cofinancingExtra: 15_000, hoursExtra: 5, consultant: 'Konsulent B', since: 2014, under25: 360 },
  { association: 'DUI-Leg og Virke', district: cityWide, tier: 'standard', fundingSource: 'varige-midler', cofinancingExtra: 25_000, hoursExtra: 5, consultant: 'Konsulent A', since: 2015, under25: 880 },
  { association: 'Hovedstadens Svømmeklub', district: cityWide, tier: 'standard', fundingSource: 'varige-midler', cofinancingExtra: 30_000, hoursExtra: 0, consultant: 'Konsulent B', since: 2016, under25: 940 },
  { association: 'Rollespilsfabrikken', district: cityWide, tier: 'standard', fundingSource: 'kulturpulje', cofinancingExtra: 0, hoursExtra: 0, consultant: 'Konsulent C', since: 2025, under25: 260 },
  { association: 'Global Kidz', district: cityWide, tier: 'standard', fundingSource: 'varige-midler', cofinancingExtra: 10_000, hoursExtra: 0, consultant: 'Konsulent C', since: 2023, under25: 210 },
];

/** Figures derived from one association's invented numbers, so budget and membership agree with every rule. */
export function sampleFigures(a: SampleAssociation, config = copenhagen) {
  const model = config.models.find((m) => m.id === 'model-2025')!;
  const tier = model.tiers[a.tier] ?? model.tiers.standard;
  const cofinancing = tier.cofinancingMin + a.cofinancingExtra;
  // The whole grant and the co-financing pay the resource person, plus a little of the association's own money.
  const salary = tier.grant + cofinancing + 12_000;
  const age0to12 = Math.round(a.under25 * 0.45);
  const age13to18 = Math.round(a.under25 * 0.35);
  const age19to24 = a.under25 - age0to12 - age13to18;
  const girls = Math.round(a.under25 * 0.42);
  return {
    grant: tier.grant,
    cofinancing,
    hours: tier.hoursMin + a.hoursExtra,
    salary,
    age0to12, age13to18, age19to24,
    girls, boys: a.under25 - girls,
    totalMembers: a.under25 + Math.round(a.under25 * 0.6),
  };
}
