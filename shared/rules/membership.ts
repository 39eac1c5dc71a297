import { ageBands } from '../read/columns';
import type { HeaderMatch } from '../read/find-sheets';
import { headerText, type ParsedRow } from '../read/sheet-rows';
import { isBlank } from '../read/text';
import type { MembershipRow, ProgrammeConfig, SheetGrid } from '../schemas';
import { addIssue, type IssueSink, type Location } from './issue';

const num = (v: unknown) => (typeof v === 'number' ? v : null);

/** Normalises a parsed membership row; under 25 is the sum of the age bands when only they are given. */
export function toMembershipRow(p: ParsedRow): MembershipRow {
  const v = p.values;
  const bands = [num(v.age0to12), num(v.age13to18), num(v.age19to24)];
  const given = num(v.under25);
  return {
    row: p.row0 + 1,
    association: typeof v.association === 'string' ? v.association : '',
    year: num(v.year),
    age0to12: bands[0],
    age13to18: bands[1],
    age19to24: bands[2],
    under25: given ?? (bands.every((b) => b !== null) ? bands[0]! + bands[1]! + bands[2]! : null),
    girls: num(v.girls),
    boys: num(v.boys),
    totalMembers: num(v.totalMembers),
  };
}

interface MembershipContext {
  sink: IssueSink;
  keys: string[];
  sheet: SheetGrid;
  header: HeaderMatch;
  config: ProgrammeConfig;
}

export function checkMembership(rows: MembershipRow[], ctx: MembershipContext): void {
  const { sink, sheet, header, config, keys } = ctx;
  const cols = header.columns;
  const hasUnder25 = cols.has('under25');
  const hasAllBands = ageBands.every((b) => cols.has(b));
  const at = (r: MembershipRow, field: string, value: unknown = null): Location => ({
    sheet: sheet.name, row: r.row - 1, col: cols.get(field) ?? cols.get('association') ?? 0, field, value: value as never, association: r.association,
  });
  const blank = (r: MembershipRow, field: string) => {
    const c = cols.get(field);
    return c === undefined || isBlank(sheet.values[r.row - 1]?.[c]);
  };
  const seen = new Map<string, number>();
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    if (r.association) {
      const key = keys[i];
      const first = seen.get(key);
      if (first !== undefined) addIssue(sink, 'duplicate-association', at(r, 'association', r.association), { first });
      else seen.set(key, r.row);
    }
    // Either the under-25 figure or all three age bands (DOMAIN.md **).
    if (r.under25 === null) {
      const missing = hasUnder25 && blank(r, 'under25') && (!hasAllBands || ageBands.some((b) => blank(r, b)))
        ? ['under25']
        : !hasUnder25 && hasAllBands ? ageBands.filter((b) => blank(r, b)) : [];
      for (const field of missing) addIssue(sink, 'missing-value', at(r, field), { header: headerText(sheet, header, field) });
      continue;
    }
    const bandsGiven = r.age0to12 !== null && r.age13to18 !== null && r.age19to24 !== null;
    if (hasUnder25 && bandsGiven && num(r.under25) !== null && !blank(r, 'under25')) {
      const sum = r.age0to12! + r.age13to18! + r.age19to24!;
      if (sum !== r.under25) addIssue(sink, 'age-bands-mismatch', at(r, 'under25', r.under25), { expected: sum });
    }
    const under25Field = hasUnder25 && !blank(r, 'under25') ? 'under25' : 'age0to12';
    if (r.under25 >= 0 && r.under25 < config.membersUnder25Min) {
      addIssue(sink, 'members-below-threshold', at(r, under25Field, r.under25), { expected: config.membersUnder25Min });
    }
    if (r.totalMembers !== null && r.under25 > r.totalMembers) {
      addIssue(sink, 'under25-exceeds-total', at(r, 'totalMembers', r.totalMembers), { value: r.under25, expected: r.totalMembers });
    }
    if (r.girls !== null && r.boys !== null && r.girls + r.boys !== r.under25) {
      addIssue(sink, 'gender-mismatch', at(r, 'girls', r.girls), { value: r.girls + r.boys, expected: r.under25 });
    }
  }
}
