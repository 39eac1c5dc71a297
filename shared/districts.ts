import { copenhagen } from './config';
import type { ProgrammeConfig } from './schemas';
import { editDistance, foldDanish } from './read/text';

export type DistrictMatch =
  | { kind: 'district'; district: string; localArea: string | null }
  /** A local-area name that spans several districts: the district cannot be told. */
  | { kind: 'local-area'; localArea: string; districts: string[] }
  | { kind: 'unknown'; suggestion: string | null };

/** The programme's districts in the configuration's order, then the city-wide one: how every overview lists them. */
export function districtOrder(config: ProgrammeConfig): string[] {
  return [...config.districts.map((d) => d.name), config.cityWide.name];
}

/** Case-, space- and punctuation-insensitive, with ø/oe, æ/ae, å/aa folded (DOMAIN.md, districts). */
export function normaliseName(raw: string): string {
  return foldDanish(raw.toLowerCase()).replace(/[^a-z0-9]+/g, '');
}

/** The programme's spellings of its districts, made once per validation (read/cell-memo.ts), never kept. */
export interface DistrictIndex {
  exact: Map<string, DistrictMatch>;
  /** Every known spelling, for the nearest-name suggestion. */
  spellings: Array<{ key: string; district: string }>;
}

export function districtIndex(config: ProgrammeConfig): DistrictIndex {
  const exact = new Map<string, DistrictMatch>();
  const spellings: DistrictIndex['spellings'] = [];
  const add = (spelling: string, district: string) => {
    const key = normaliseName(spelling);
    if (!key || exact.has(key)) return;
    exact.set(key, { kind: 'district', district, localArea: localAreaOf(district, config) });
    spellings.push({ key, district });
  };
  for (const d of [...config.districts, config.cityWide]) add(d.name, d.name);
  for (const d of [...config.districts, config.cityWide]) for (const a of d.aliases) add(a, d.name);
  for (const area of config.localAreas) {
    const key = normaliseName(area.name);
    if (exact.has(key)) continue;
    if (area.districts.length === 1) add(area.name, area.districts[0]);
    else exact.set(key, { kind: 'local-area', localArea: area.name, districts: area.districts });
  }
  return { exact, spellings };
}

/** A district as staff write it, against an index the caller made for this call. */
export function matchDistrict(index: DistrictIndex, raw: string): DistrictMatch {
  const key = normaliseName(raw);
  const match = index.exact.get(key);
  if (match) return match;
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const s of index.spellings) {
    const d = editDistance(key, s.key);
    if (d < bestDistance) {
      bestDistance = d;
      best = s.district;
    }
  }
  return { kind: 'unknown', suggestion: best };
}

/**
 * Resolves one district as staff write it. Nothing is kept between calls: a validation reads its rows
 * through its own memo (read/cell-memo.ts), so a workbook's strings go when its report does.
 */
export function resolveDistrict(raw: string, config: ProgrammeConfig = copenhagen): DistrictMatch {
  return matchDistrict(districtIndex(config), raw);
}

/** The local area (lokalområde) a district belongs to, if any: a handful of areas, looked through in order. */
export function localAreaOf(district: string, config: ProgrammeConfig = copenhagen): string | null {
  for (const area of config.localAreas) if (area.districts.includes(district)) return area.name;
  return null;
}
