import type { CellValue, SheetGrid } from '../schemas';

/**
 * Every cell of a sheet's grid, row by row, with its 0-based row and column: the walk of the rules that look
 * at the whole sheet (invalid-text, personal-data). Rows a sparse grid leaves out are passed over.
 */
export function forEveryCell(values: SheetGrid['values'], visit: (value: CellValue, row: number, col: number) => void): void {
  for (let r = 0; r < values.length; r++) {
    const row = values[r];
    if (!row) continue;
    for (let c = 0; c < row.length; c++) visit(row[c], r, c);
  }
}
