/**
 * Ranges of the Excel double: values, formulas, number formats, hidden rows, fills, selection, per-cell
 * properties and special cells, acted on at sync.
 */
import type { CellValue } from '../../shared/schemas';
import { cellValue, enterValue, fillAt, formatAt, formulaAt, noFill, qualifiedAddress, valueType, type FillModel, type SheetModel } from './excel-double-model';
import { ClientObject, ClientResult, notLoaded, OfficeDoubleError, propertyNames, type Box, type Context } from './excel-double-proxy';

const fillKeys = ['color', 'pattern', 'patternColor', 'tintAndShade', 'patternTintAndShade'] as const;

export class RangeProxy extends ClientObject {
  readonly format: RangeFormatProxy;
  constructor(context: Context, readonly resolveBox: () => Box | null, readonly label: string) {
    super(context);
    this.format = new RangeFormatProxy(this);
  }
  protected describe() {
    return this.label;
  }
  box(): Box {
    const box = this.resolveBox();
    if (!box) throw new OfficeDoubleError('InvalidObjectPath', `${this.label} is a null object.`);
    return box;
  }
  mayBeNull(): void {
    this.context.enqueue(`resolve ${this.label}`, () => {
      this.nullState = this.resolveBox() === null;
    });
  }
  forEachCell(visit: (sheet: SheetModel, row: number, column: number, i: number, j: number) => void): void {
    const b = this.box();
    for (let i = 0; i < b.rows; i++) for (let j = 0; j < b.columns; j++) visit(b.sheet, b.row + i, b.column + j, i, j);
  }
  grid<T>(read: (sheet: SheetModel, row: number, column: number) => T): T[][] {
    const b = this.box();
    return Array.from({ length: b.rows }, (_, i) => Array.from({ length: b.columns }, (_, j) => read(b.sheet, b.row + i, b.column + j)));
  }
  /** Properties of an item of a loaded collection arrive with it, as Office returns them; answers the bytes. */
  fill(names: string[]): number {
    this.nullState = false;
    let bytes = 0;
    for (const name of names) {
      const value = this.readProperty(name);
      this.loadedData.set(name, value);
      bytes += JSON.stringify(value ?? null).length;
    }
    return bytes;
  }
  protected readProperty(name: string): unknown {
    const b = this.box();
    switch (name) {
      case 'values': return this.grid(cellValue);
      case 'valueTypes': return this.grid((s, r, c) => valueType(cellValue(s, r, c)));
      case 'numberFormat': return this.grid(formatAt);
      case 'formulas': return this.grid(formulaAt);
      // True when every row is hidden, false when none is, null when some are (as Office.js reports it).
      case 'rowHidden': {
        const hidden = Array.from({ length: b.rows }, (_, i) => b.sheet.hiddenRows.has(b.row + i));
        return hidden.every(Boolean) ? true : hidden.some(Boolean) ? null : false;
      }
      case 'address': return qualifiedAddress(b.sheet.name, b.row, b.column, b.rows, b.columns);
      case 'rowIndex': return b.row;
      case 'columnIndex': return b.column;
      case 'rowCount': return b.rows;
      case 'columnCount': return b.columns;
      default: throw new OfficeDoubleError('InvalidArgument', `The double does not know Range.${name}`);
    }
  }
  get values(): CellValue[][] { return this.property('values'); }
  get valueTypes(): string[][] { return this.property('valueTypes'); }
  get numberFormat(): string[][] { return this.property('numberFormat'); }
  get formulas(): CellValue[][] { return this.property('formulas'); }
  get rowHidden(): boolean { return this.property('rowHidden'); }
  get address(): string { return this.property('address'); }
  get rowIndex(): number { return this.property('rowIndex'); }
  get columnIndex(): number { return this.property('columnIndex'); }
  get rowCount(): number { return this.property('rowCount'); }
  get columnCount(): number { return this.property('columnCount'); }

  private assign<T>(what: string, input: T[][] | T, write: (sheet: SheetModel, row: number, column: number, value: T) => void): void {
    this.context.enqueue(`set ${what} ${this.label}`, () => {
      const b = this.box();
      const isGrid = Array.isArray(input);
      if (isGrid && (input.length !== b.rows || input.some((row) => !Array.isArray(row) || row.length !== b.columns))) {
        throw new OfficeDoubleError('InvalidArgument', `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${what}).`);
      }
      this.forEachCell((sheet, row, column, i, j) => write(sheet, row, column, isGrid ? (input as T[][])[i][j] : (input as T)));
    });
  }
  // A null in the input leaves that cell as it is, as in Office.js.
  set values(input: CellValue[][]) {
    this.assign('values', input, (sheet, row, column, value) => value !== null && enterValue(sheet, row, column, value));
  }
  set formulas(input: CellValue[][]) {
    this.assign('formulas', input, (sheet, row, column, value) => value !== null && enterValue(sheet, row, column, value));
  }
  set rowHidden(hidden: boolean) {
    this.context.enqueue(`set rowHidden=${hidden} ${this.label}`, () => {
      const b = this.box();
      for (let i = 0; i < b.rows; i++) {
        if (hidden) b.sheet.hiddenRows.add(b.row + i);
        else b.sheet.hiddenRows.delete(b.row + i);
      }
    });
  }
  set numberFormat(input: string[][]) {
    // A number format changes how a cell shows, never what it holds: text stays text under "General".
    this.assign('numberFormat', input, (sheet, row, column, value) => {
      if (value === 'General') sheet.numberFormats.delete(`${row},${column}`);
      else sheet.numberFormats.set(`${row},${column}`, value);
    });
  }
  /**
   * The cells of the range with a formula ('Formulas') or in a row that is not hidden ('Visible'), as
   * rectangular areas; a null object where there are none (ExcelApi 1.9).
   */
  getSpecialCellsOrNullObject(cellType: 'Formulas' | 'Visible'): RangeAreasProxy {
    if (cellType !== 'Formulas' && cellType !== 'Visible') throw new OfficeDoubleError('InvalidArgument', `the double models special cells Formulas and Visible, not ${cellType}`);
    return new RangeAreasProxy(this.context, () => {
      const b = this.box();
      const wanted = (r: number, c: number) => (cellType === 'Formulas' ? b.sheet.formulas.has(`${r},${c}`) : !b.sheet.hiddenRows.has(r));
      return areasOf(b, wanted);
    }, `SpecialCells(${cellType} ${this.label})?`);
  }
  select(): void {
    this.context.enqueue(`select ${this.label}`, () => {
      const b = this.box();
      this.context.model.activeSheet = b.sheet.name;
      this.context.model.selection = { sheet: b.sheet.name, address: qualifiedAddress(b.sheet.name, b.row, b.column, b.rows, b.columns).split('!')[1] };
    });
  }
  getCellProperties(options: { format?: { fill?: Partial<Record<(typeof fillKeys)[number], boolean>> } }): ClientResult<unknown[][]> {
    const result = new ClientResult<unknown[][]>();
    const wanted = fillKeys.filter((k) => options.format?.fill?.[k]);
    this.context.enqueue(`getCellProperties ${this.label} fill:${wanted.join(',')}`, () => {
      const value = this.grid((sheet, row, column) => {
        const fill = fillAt(sheet, row, column);
        return { format: { fill: Object.fromEntries(wanted.map((k) => [k, fill[k]])) } };
      });
      result.set(value);
      return JSON.stringify(value).length;
    });
    return result;
  }
  setCellProperties(data: Array<Array<{ format?: { fill?: Partial<FillModel> } }>>): void {
    this.assign('cellProperties', data, (sheet, row, column, props) => {
      const given = props.format?.fill;
      if (!given) return;
      const fill = { ...fillAt(sheet, row, column), ...given };
      if (given.color !== undefined && given.pattern === undefined && fill.pattern === 'None') fill.pattern = 'Solid';
      fill.tintAndShade ??= 0;
      sheet.fills.set(`${row},${column}`, fill);
    });
  }
}

/** Rows of runs of wanted cells, runs with the same columns in adjacent rows merged into one rectangle. */
function areasOf(b: Box, wanted: (row: number, column: number) => boolean): Box[] {
  const open: Box[] = [];
  const done: Box[] = [];
  for (let r = b.row; r < b.row + b.rows; r++) {
    const runs: Array<[number, number]> = [];
    for (let c = b.column; c < b.column + b.columns; c++) {
      if (!wanted(r, c)) continue;
      const last = runs.at(-1);
      if (last && last[1] === c - 1) last[1] = c;
      else runs.push([c, c]);
    }
    const next: Box[] = [];
    for (const [from, to] of runs) {
      const above = open.find((a) => a.column === from && a.column + a.columns - 1 === to && a.row + a.rows === r);
      if (above) {
        above.rows++;
        next.push(above);
      } else next.push({ sheet: b.sheet, row: r, column: from, rows: 1, columns: to - from + 1 });
    }
    for (const a of open) if (!next.includes(a)) done.push(a);
    open.splice(0, open.length, ...next);
  }
  return [...done, ...open].sort((x, y) => x.row - y.row || x.column - y.column);
}

/** Excel.RangeAreas: its `areas` are ranges, loaded as `areas.load('items/<property>,…')`. */
export class RangeAreasProxy extends ClientObject {
  readonly areas: { load(props: string | string[]): void; readonly items: RangeProxy[] };
  constructor(context: Context, resolve: () => Box[], private readonly label: string) {
    super(context);
    let resolved: Box[] | null = null;
    context.enqueue(`resolve ${label}`, () => {
      resolved = resolve();
      this.nullState = resolved.length === 0;
    });
    let items: RangeProxy[] | null = null;
    this.areas = {
      load: (props) => {
        const names = propertyNames(props).map((p) => p.replace(/^items\//, ''));
        context.enqueue(`load ${label} areas ${names.join(',')}`, () => {
          // A null object's collections stay unloaded, as in Office.js: read isNullObject first.
          if (!resolved || resolved.length === 0) return 0;
          items = resolved.map((box) => new RangeProxy(context, () => box, `Area(${qualifiedAddress(box.sheet.name, box.row, box.column, box.rows, box.columns)})`));
          return items.reduce((bytes, item) => bytes + item.fill(names), 0);
        });
      },
      get items(): RangeProxy[] {
        if (!items) throw notLoaded('items');
        return items;
      },
    };
  }
  protected describe() {
    return this.label;
  }
  protected readProperty(name: string): unknown {
    throw new OfficeDoubleError('InvalidArgument', `The double does not know RangeAreas.${name}`);
  }
}

class RangeFormatProxy {
  readonly fill: { color: string; pattern: string; clear(): void };
  readonly font: { bold: boolean; italic: boolean; size: number; color: string };
  readonly borders: { getItem(edge: string): { style: string } };
  constructor(private readonly range: RangeProxy) {
    const context = range.context;
    const label = range.label;
    const onCells = (what: string, visit: (sheet: SheetModel, key: string) => void) =>
      context.enqueue(`${what} ${label}`, () => range.forEachCell((sheet, row, column) => visit(sheet, `${row},${column}`)));
    this.fill = {
      set color(color: string) {
        onCells(`set fill.color=${color}`, (sheet, key) => {
          const before = sheet.fills.get(key) ?? noFill();
          sheet.fills.set(key, { ...before, color, pattern: before.pattern === 'None' ? 'Solid' : before.pattern, tintAndShade: 0, patternTintAndShade: before.patternTintAndShade ?? 0 });
        });
      },
      get color(): string {
        throw notLoaded('color');
      },
      set pattern(pattern: string) {
        onCells(`set fill.pattern=${pattern}`, (sheet, key) => {
          const before = sheet.fills.get(key) ?? noFill();
          sheet.fills.set(key, { ...before, pattern, tintAndShade: before.tintAndShade ?? 0, patternTintAndShade: before.patternTintAndShade ?? 0 });
        });
      },
      get pattern(): string {
        throw notLoaded('pattern');
      },
      clear() {
        onCells('fill.clear', (sheet, key) => sheet.fills.delete(key));
      },
    };
    const fontSetter = (prop: 'bold' | 'italic' | 'size' | 'color') => (value: boolean | number | string) =>
      onCells(`set font.${prop}`, (sheet, key) => sheet.fonts.set(key, { ...sheet.fonts.get(key), [prop]: value }));
    this.font = {
      set bold(v: boolean) { fontSetter('bold')(v); },
      set italic(v: boolean) { fontSetter('italic')(v); },
      set size(v: number) { fontSetter('size')(v); },
      set color(v: string) { fontSetter('color')(v); },
      get bold(): boolean { throw notLoaded('bold'); },
      get italic(): boolean { throw notLoaded('italic'); },
      get size(): number { throw notLoaded('size'); },
      get color(): string { throw notLoaded('color'); },
    };
    this.borders = {
      getItem: (edge: string) => ({
        set style(style: string) {
          onCells(`set border ${edge}`, (sheet, key) => sheet.borders.set(key, { ...sheet.borders.get(key), [edge]: style }));
        },
        get style(): string {
          throw notLoaded('style');
        },
      }),
    };
  }
  autofitColumns(): void {
    this.range.context.enqueue('autofitColumns', () => {
      const b = this.range.box();
      b.sheet.autofitRanges.push(qualifiedAddress(b.sheet.name, b.row, b.column, b.rows, b.columns));
    });
  }
}

