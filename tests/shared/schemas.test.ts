/** The grid schema: what Office.js hands over passes; anything else is a zod issue at the cell's path. */
import { describe, expect, it } from 'vitest';
import { sheetGridSchema } from '../../shared/schemas';

const paths = (values: unknown) => {
  const r = sheetGridSchema.safeParse({ name: 'Budget', values });
  return r.success ? null : r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
};

describe('sheetGridSchema', () => {
  it('accepts text, numbers, true/false and null, ragged rows and an empty grid', () => {
    expect(paths([['Forening', 'Tilskud', true], ['Krumspring', 250000.5, null, false], []])).toBeNull();
    expect(paths([])).toBeNull();
    const parsed = sheetGridSchema.parse({ name: 'Budget', values: [['a', 1]] });
    expect(parsed.values).toEqual([['a', 1]]);
  });

  it('names each wrong cell by row and column, and what it was', () => {
    expect(paths([['ok', { formula: '=1' }], [1, [2], undefined]])).toEqual([
      { path: 'values.0.1', message: 'a cell is text, a number, true/false or null (empty), not an object' },
      { path: 'values.1.1', message: 'a cell is text, a number, true/false or null (empty), not a list' },
      { path: 'values.1.2', message: 'a cell is text, a number, true/false or null (empty), not nothing' },
    ]);
    expect(paths([[Number.NaN]])?.[0].path).toBe('values.0.0');
  });

  it('refuses a grid or a row that is not a list', () => {
    expect(paths('A1')).toEqual([{ path: 'values', message: 'expected a list of rows, got string' }]);
    expect(paths(undefined)).toEqual([{ path: 'values', message: 'expected a list of rows, got nothing' }]);
    expect(paths([['a'], 'b'])).toEqual([{ path: 'values.1', message: 'expected a row (a list of cells), got string' }]);
  });

  it('stops after 20 findings in a large wrong grid', () => {
    const grid = Array.from({ length: 1000 }, () => [{}, {}]);
    expect(paths(grid)).toHaveLength(20);
  });
});
