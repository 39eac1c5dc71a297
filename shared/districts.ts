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

interface DistrictIndex {
  exact: Map<string, DistrictMatch>;
  /** Every known spelling, for the nearest-name suggestion. */
  spellings: Array<{ key: string; district: string }>;
  memo: Map<string, DistrictMatch>;
}

const indexes = new WeakMap<ProgrammeConfig, DistrictIndex>();

function buildIndex(config: ProgrammeConfig): DistrictIndex {
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
  return { exact, spellings, memo: new Map() };
}

function indexFor(config: ProgrammeConfig): DistrictIndex {
  let index = indexes.get(config);
  if (!index) {
    index = buildIndex(config);
    indexes.set(config, index);
  }
  return index;
}

/** Resolves a district as staff write it; memoised per distinct string. */
export function resolveDistrict(raw: string, config: ProgrammeConfig = copenhagen): DistrictMatch {
  const index = indexFor(config);
  const cached = index.memo.get(raw);
  if (cached) return cached;
  const key = normaliseName(raw);
  let match = index.exact.get(key);
  if (!match) {
    let best: string | null = null;
    let bestDistance = Infinity;
    for (const s of index.spellings) {
      const d = editDistance(key, s.key);
      if (d < bestDistance) {
        bestDistance = d;
        best = s.district;
      }
    }
    match = { kind: 'unknown', suggestion: best };
  }
  index.memo.set(raw, match);
  return match;
}

const areaIndexes = new WeakMap<ProgrammeConfig, Map<string, string>>();

/** The local area (lokalområde) a district belongs to, if any. Called once per budget row, hence the index. */
export function localAreaOf(district: string, config: ProgrammeConfig = copenhagen): string | null {
  let index = areaIndexes.get(config);
  if (!index) {
    index = new Map();
    for (const area of config.localAreas) for (const d of area.districts) if (!index.has(d)) index.set(d, area.name);
    areaIndexes.set(config, index);
  }
  return index.get(district) ?? null;
}
