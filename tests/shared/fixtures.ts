import type { CellValue, WorkbookInput } from '../../shared';

/** An illustrative 2025 programme: 21 associations, 4 udvidet (one per local area), 3 on the culture pool. */
export const associations2025: Array<[name: string, district: string, tier: 'standard' | 'udvidet', funding: 'Varige midler' | 'Kulturpulje']> = [
  ['Brønshøj Boldklub', 'Brønshøj-Husum', 'udvidet', 'Varige midler'],
  ['IF Stadion', 'Bispebjerg', 'standard', 'Varige midler'],
  ['Krumspring', 'Bispebjerg', 'standard', 'Kulturpulje'],
  ['Dans i Nordvest', 'Bispebjerg', 'standard', 'Kulturpulje'],
  ['B1908', 'Amager Øst', 'udvidet', 'Varige midler'],
  ['Amager SK', 'Amager Vest', 'standard', 'Varige midler'],
  ['Amager Judo Skole', 'Amager Øst', 'standard', 'Varige midler'],
  ['SheZone', 'Nørrebro', 'standard', 'Varige midler'],
  ['Nørrebro United', 'Nørrebro', 'udvidet', 'Varige midler'],
  ['BK Union', 'Nørrebro', 'standard', 'Varige midler'],
  ['Nørrebro Taekwondo', 'Nørrebro', 'standard', 'Varige midler'],
  ['Siam', 'Nørrebro', 'standard', 'Varige midler'],
  ['Stevnsgade Basketball', 'Nørrebro', 'standard', 'Varige midler'],
  ['Lundehus', 'Vesterbro/Kongens Enghave', 'standard', 'Varige midler'],
  ['Fremad Valby', 'Valby', 'udvidet', 'Varige midler'],
  ['Valby IF – Gymnastik', 'Valby', 'standard', 'Varige midler'],
  ['BK Hellas', 'Østerbro', 'standard', 'Varige midler'],
  ['DUI-Leg og Virke', 'Bydækkende', 'standard', 'Varige midler'],
  ['Hovedstadens Svømmeklub', 'Bydækkende', 'standard', 'Varige midler'],
  ['Rollespilsfabrikken', 'Bydækkende', 'standard', 'Kulturpulje'],
  ['Global Kidz', 'Bydækkende', 'standard', 'Varige midler'],
];

export const budgetHeader = ['Forening', 'Bydel', 'Partnerskab', 'Tilskud', 'Medfinansiering', 'Timer pr. uge', 'Lønudgift', 'Overenskomst', 'Finansiering'];
export const membershipHeader = ['Forening', '0-12 år', '13-18 år', '19-24 år', 'Medlemmer under 25', 'Medlemmer i alt'];

export function budgetRows2025(): CellValue[][] {
  return associations2025.map(([name, district, tier, funding], i) => {
    const grant = tier === 'udvidet' ? 400_000 : 250_000;
    const cofin = tier === 'udvidet' ? 100_000 + i * 1000 : 50_000 + i * 1000;
    const hours = tier === 'udvidet' ? 37 : 25 + (i % 5);
    return [name, district, tier, grant, cofin, hours, grant + cofin + 10_000, 'Ja', funding];
  });
}

export function membershipRows2025(): CellValue[][] {
  return associations2025.map(([name], i) => {
    const a = 60 + i * 7, b = 50 + i * 5, c = 20 + i;
    return [name, a, b, c, a + b + c, a + b + c + 40 + i];
  });
}

/** A valid 2025 workbook; pass edits to break one thing at a time. */
export function workbook2025(edit?: { budget?: (rows: CellValue[][]) => void; membership?: (rows: CellValue[][]) => void }): WorkbookInput {
  const budget = [[...budgetHeader], ...budgetRows2025()];
  const membership = [[...membershipHeader], ...membershipRows2025()];
  edit?.budget?.(budget);
  edit?.membership?.(membership);
  return { sheets: [{ name: 'Budget 2025', values: budget }, { name: 'Medlemstal 2025', values: membership }] };
}
