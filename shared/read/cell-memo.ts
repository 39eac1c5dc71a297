import { districtIndex, matchDistrict, type DistrictIndex } from '../districts';
import type { CellValue, ProgrammeConfig } from '../schemas';
import { failed, parseCount, parseFunding, parseMonths, parseNumber, parseText, parseTier, parseYear, parseYesNo, type Parsed } from './cells';
import type { FieldType } from './columns';

/**
 * What one validation remembers about the cells it reads: made when the call starts and dropped with its
 * report, so the core keeps nothing between calls (issue 11: a module-level memo kept 200,000 district strings,
 * ~22 MB, for good). Staff sheets repeat the same few texts in every row — a district, Ja/Nej, a tier,
 * "250.000 kr." — and the spelling and text-amount findings read the same cells again, so each distinct text
 * is parsed once per call.
 */
export interface CellMemo {
  readonly config: ProgrammeConfig;
  readonly districts: DistrictIndex;
  /** The workbook counts dates from 1904 (WorkbookInput.date1904): how a date cell's serial gives its year. */
  readonly date1904: boolean;
  /** Per field type, the parse of each distinct text seen in this call. */
  readonly texts: Partial<Record<FieldType, Map<string, Parsed<unknown>>>>;
}

export function cellMemo(config: ProgrammeConfig, date1904 = false): CellMemo {
  return { config, districts: districtIndex(config), date1904, texts: {} };
}

/** A cell read as its field's type; texts through the call's memo (free text is rarely repeated: not kept). */
export function parseByType(type: FieldType, value: CellValue, format: string | undefined, memo: CellMemo): Parsed<unknown> {
  if (typeof value !== 'string' || type === 'text') return parseUncached(type, value, format, memo);
  let texts = memo.texts[type];
  if (!texts) memo.texts[type] = texts = new Map();
  let p = texts.get(value);
  if (p === undefined) {
    p = parseUncached(type, value, format, memo);
    texts.set(value, p);
  }
  return p;
}

function parseUncached(type: FieldType, value: CellValue, format: string | undefined, memo: CellMemo): Parsed<unknown> {
  switch (type) {
    case 'text': return parseText(value);
    case 'amount': case 'hours': return parseNumber(value);
    case 'count': return parseCount(value);
    case 'year': return parseYear(value, format, memo.date1904);
    case 'yesno': return parseYesNo(value);
    case 'tier': return parseTier(value);
    case 'funding': return parseFunding(value);
    case 'months': return parseMonths(value, memo.config.partYear.monthsPerYear);
    case 'district': {
      const t = parseText(value);
      return failed(t) ? t : matchDistrict(memo.districts, t);
    }
  }
}
