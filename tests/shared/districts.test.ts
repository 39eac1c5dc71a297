import { describe, expect, it } from 'vitest';
import { copenhagen, resolveDistrict, type ProgrammeConfig } from '../../shared';

describe('district names as staff write them', () => {
  const cases: Array<[string, string]> = [
    ['Nørrebro', 'Nørrebro'], ['  nørrebro ', 'Nørrebro'], ['Noerrebro', 'Nørrebro'], ['NØRREBRO', 'Nørrebro'],
    ['Nordvest', 'Bispebjerg'], ['Sydhavnen', 'Vesterbro/Kongens Enghave'], ['Husum', 'Brønshøj-Husum'],
    ['Tingbjerg', 'Brønshøj-Husum'], ['Broenshoej', 'Brønshøj-Husum'], ['Brønshøj Husum', 'Brønshøj-Husum'],
    ['Christianshavn', 'Indre By'], ['Hele byen', 'Bydækkende'], ['Vesterbro / Kongens Enghave', 'Vesterbro/Kongens Enghave'],
    ['Amager Øst', 'Amager Øst'], ['amager oest', 'Amager Øst'], ['Vanloese', 'Vanløse'], ['Husum/Tingbjerg', 'Brønshøj-Husum'],
  ];
  for (const [raw, want] of cases) {
    it(`${raw} → ${want}`, () => expect(resolveDistrict(raw)).toMatchObject({ kind: 'district', district: want }));
  }
  it('gives the local area of a district', () => {
    expect(resolveDistrict('Valby')).toEqual({ kind: 'district', district: 'Valby', localArea: 'Valby/Sydhavnen' });
    expect(resolveDistrict('Østerbro')).toEqual({ kind: 'district', district: 'Østerbro', localArea: null });
  });
  it('suggests the nearest district for an unknown name', () => {
    expect(resolveDistrict('Nørebro')).toEqual({ kind: 'unknown', suggestion: 'Nørrebro' });
    expect(resolveDistrict('Valbi')).toEqual({ kind: 'unknown', suggestion: 'Valby' });
  });
  it('a local area spanning districts is not a district', () => {
    expect(resolveDistrict('Amager')).toMatchObject({ kind: 'local-area', districts: ['Amager Øst', 'Amager Vest'] });
  });
  it('follows another municipality\'s configuration', () => {
    const aarhus: ProgrammeConfig = { ...copenhagen, districts: [{ name: 'Gellerup', aliases: ['Hasle'] }], cityWide: { name: 'Hele kommunen', aliases: [] }, localAreas: [] };
    expect(resolveDistrict('hasle', aarhus)).toMatchObject({ kind: 'district', district: 'Gellerup' });
    expect(resolveDistrict('Nørrebro', aarhus)).toMatchObject({ kind: 'unknown' });
  });
});
