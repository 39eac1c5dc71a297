/** Ranges of the Excel double: values, formats, fills, selection and per-cell properties, acted on at sync. */
import type { CellValue } from '../../shared/schemas';
import { cellValue, fillAt, noFill, qualifiedAddress, setCellValue, valueType, type FillModel, type SheetModel } from './excel-double-model';
import { ClientObject, ClientResult, notLoaded, OfficeDoubleError, type Box, type Context } from './excel-double-proxy';

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
  protected readProperty(name: string): unknown {
    const b = this.box();
    switch (name) {
      case 'values': return this.grid(cellValue);
      case 'valueTypes': return this.grid((s, r, c) => valueType(cellValue(s, r, c)));
      case 'numberFormat': return this.grid((s, r, c) => s.numberFormats.get(`${r},${c}`) ?? 'General');
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
  set values(input: CellValue[][]) {
    this.assign('values', input, (sheet, row, column, value) => setCellValue(sheet, row, column, value));
  }
  set numberFormat(input: string[][]) {
    this.assign('numberFormat', input, (sheet, row, column, value) => sheet.numberFormats.set(`${row},${column}`, value));
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

