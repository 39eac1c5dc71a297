import { describe, expect, it } from 'vitest';
import { validateWorkbook } from '../../shared';
import { associationKey } from '../../shared/read/text';
import { duplicateOf, indexAssociations, joinAssociations } from '../../shared/rules/associations';

const rows = (...names: string[]) => names.map((association) => ({ association }));

/** FNV-1a as shared/rules/associations.ts hashes a key, to craft names that share the table's slots. */
function hashOf(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h;
}

describe('matching association names', () => {
  it('names made to share the table\'s slots (more than it walks) still match exactly, through the Map it then uses', () => {
    // 200 names → a table of 512 slots; these all hash to slot 0.
    const crafted: string[] = [];
    for (let n = 0; crafted.length < 200; n++) if ((hashOf(`x${n}`) & 511) === 0) crafted.push(`x${n}`);
    const names = [...crafted, crafted[150].toUpperCase(), ` ${crafted[3]} `, 'Siam'];
    const index = indexAssociations(rows(...names));
    expect(index.hasDuplicates).toBe(true);
    expect([0, 150, 200, 201, 202].map((i) => duplicateOf(index, i))).toEqual([null, null, 150, 3, null]);
    const join = joinAssociations(indexAssociations(rows('Siam', crafted[199], 'Other')), index);
    expect(Array.from(join.membershipOf)).toEqual([202, 199, -1]);
  });

  it('case and white space do not matter, as in associationKey', () => {
    const index = indexAssociations(rows('Amager SK', 'amager  sk', 'AmagerSK\t', 'ÆØÅ IF', 'æøå if', 'B1908'));
    expect([1, 2, 3, 4, 5].map((i) => duplicateOf(index, i))).toEqual([0, 0, null, 3, null]);
    expect(associationKey('Amager SK')).toBe(associationKey(' amager sk '));
  });

  it('names beyond Latin-1 match as toLowerCase folds them', () => {
    const index = indexAssociations(rows('Σπάρτη IF', 'σπάρτη if', 'Siam'));
    expect(duplicateOf(index, 1)).toBe(0);
    expect(duplicateOf(index, 2)).toBeNull();
  });

  it('names that differ in more than case and spaces are different associations, within a sheet and across', () => {
    const index = indexAssociations(rows('BK Union', 'BK Unionen', 'B K Union'));
    expect([1, 2].map((i) => duplicateOf(index, i))).toEqual([null, 0]);
    const join = joinAssociations(indexAssociations(rows('Siam')), indexAssociations(rows('Siam IF')));
    expect(Array.from(join.membershipOf)).toEqual([-1]);
    expect(Array.from(join.hasBudget)).toEqual([0]);
  });

  it('joins budget and membership rows, including a repeated membership row', () => {
    const join = joinAssociations(indexAssociations(rows('Siam', 'BK Union', '')), indexAssociations(rows('bk union', 'SIAM', 'Siam ', 'Other')));
    expect(Array.from(join.membershipOf)).toEqual([1, 0, -1]);
    expect(Array.from(join.hasBudget)).toEqual([1, 1, 1, 0]);
  });

  it('through validateWorkbook: a membership row differing only in case and spaces counts as the same association', () => {
    const r = validateWorkbook({ sheets: [
      { name: 'Budget 2020', values: [['Forening', 'Bydel', 'Tilskud', 'Timer pr. uge'], ['Amager SK', 'Amager Vest', 200000, 20]] },
      { name: 'Medlemstal 2020', values: [['Forening', 'Medlemmer under 25'], ['AMAGER  sk', 150]] },
    ] });
    // Read as the same association; the stray space is a spelling variant with its fix (case is left as written).
    expect(r.issues.map((i) => [i.code, i.cell, i.fix?.value])).toEqual([['spelling-variant', 'A2', 'AMAGER sk']]);
    expect(r.summary.districts[0]).toMatchObject({ district: 'Amager Vest', membersUnder25: 150 });
  });
});
