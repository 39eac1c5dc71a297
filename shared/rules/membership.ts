import { ageBands, membershipIndex as F } from '../read/columns';
import type { HeaderMatch } from '../read/find-sheets';
import { headerText } from '../read/sheet-rows';
import { isBlank } from '../read/text';
import type { MembershipRow, ProgrammeConfig, SheetGrid } from '../schemas';
import { duplicateOf, type AssociationIndex } from './associations';
import { addIssue, type IssueSink, type Location } from './issue';

const num = (v: unknown) => (typeof v === 'number' ? v : null);

/** Normalises a parsed membership row; under 25 is the sum of the age bands when only they are given. */
export function toMembershipRow(v: readonly unknown[], row0: number): MembershipRow {
  const a = num(v[F.age0to12]);
  const b = num(v[F.age13to18]);
  const c = num(v[F.age19to24]);
  const given = num(v[F.under25]);
  return {
    row: row0 + 1,
    association: typeof v[F.association] === 'string' ? (v[F.association] as string) : '',
    year: num(v[F.year]),
    age0to12: a,
    age13to18: b,
    age19to24: c,
    under25: given ?? (a !== null && b !== null && c !== null ? a + b + c : null),
    girls: num(v[F.girls]),
    boys: num(v[F.boys]),
    totalMembers: num(v[F.totalMembers]),
  };
}

interface MembershipContext {
  sink: IssueSink;
  associations: AssociationIndex;
  sheet: SheetGrid;
  header: HeaderMatch;
  config: ProgrammeConfig;
}

export function checkMembership(rows: MembershipRow[], ctx: MembershipContext): void {
  const { sink, sheet, header, config, associations } = ctx;
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
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    if (r.association) {
      const first = duplicateOf(associations, i);
      if (first !== null) addIssue(sink, 'duplicate-association', at(r, 'association', r.association), { first: rows[first].row });
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
      addIssue(sink, 'under25-exceeds-total', at(r, 'totalMembers', r.totalMembers), { under25: r.under25, expected: r.totalMembers });
    }
    if (r.girls !== null && r.boys !== null && r.girls + r.boys !== r.under25) {
      addIssue(sink, 'gender-mismatch', at(r, 'girls', r.girls), { girlsAndBoys: r.girls + r.boys, expected: r.under25 });
    }
  }
}
