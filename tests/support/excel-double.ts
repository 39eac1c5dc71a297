/**
 * A small, faithful Office.js double for the calls addin/excel.ts makes. Like Office, it queues every
 * command and acts only at `context.sync()`: properties throw until they were loaded *and* synced,
 * `isNullObject` is unknown until a sync, a missing sheet fails the sync with ItemNotFound, and a sync whose
 * response would pass Excel on the web's 5 MB limit fails with RequestPayloadSizeLimitExceeded.
 * It records every run, sync and load so tests can count round trips. Runs in Node and in the browser.
 */
import {
  cellValue, fillAt, noFill, parseRangeAddress, qualifiedAddress, setCellValue, sheetModel, usedBox, valueType,
  type ChartModel, type FillModel, type SheetInit, type SheetModel, type TableModel, type WorkbookModel,
} from './excel-double-model';
import type { CellValue } from '../../shared/schemas';

export class OfficeDoubleError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = 'RichApi.Error';
  }
}

export interface DoubleLog {
  runs: number;
  syncs: number;
  /** "load <what> <props>" and "<command> <what>" lines, in the order they were queued. */
  commands: string[];
}

interface Options {
  payloadLimitBytes: number;
}

type Box = { sheet: SheetModel; row: number; column: number; rows: number; columns: number };
type Op = () => number | void;

class Context {
  private queue: Op[] = [];
  readonly workbook: WorkbookProxy;
  constructor(readonly model: WorkbookModel, readonly log: DoubleLog, readonly options: Options) {
    this.workbook = new WorkbookProxy(this);
  }
  enqueue(description: string, op: Op): void {
    this.log.commands.push(description);
    this.queue.push(op);
  }
  get pending(): number {
    return this.queue.length;
  }
  async sync(): Promise<void> {
    this.log.syncs++;
    const ops = this.queue;
    this.queue = [];
    let bytes = 0;
    for (const op of ops) bytes += op() ?? 0;
    if (bytes > this.options.payloadLimitBytes) {
      throw new OfficeDoubleError('RequestPayloadSizeLimitExceeded', `The response payload size (${bytes} bytes) has exceeded the limit.`);
    }
  }
  sheet(name: string): SheetModel | null {
    return this.model.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase()) ?? null;
  }
}

function notLoaded(property: string): OfficeDoubleError {
  return new OfficeDoubleError(
    'PropertyNotLoaded',
    `The property '${property}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
  );
}

function propertyNames(props?: string | string[] | { select?: string }): string[] {
  const list = typeof props === 'string' ? props.split(',') : Array.isArray(props) ? props : (props?.select?.split(',') ?? []);
  return list.map((p) => p.trim()).filter(Boolean);
}

abstract class ClientObject {
  protected loadedData = new Map<string, unknown>();
  protected nullState: boolean | undefined;
  constructor(readonly context: Context) {}
  protected abstract describe(): string;
  protected abstract readProperty(name: string): unknown;
  protected property<T>(name: string): T {
    if (!this.loadedData.has(name)) throw notLoaded(name);
    return this.loadedData.get(name) as T;
  }
  get isNullObject(): boolean {
    if (this.nullState === undefined) throw notLoaded('isNullObject');
    return this.nullState;
  }
  load(props?: string | string[] | { select?: string }): this {
    const names = propertyNames(props);
    this.context.enqueue(`load ${this.describe()} ${names.join(',')}`, () => {
      if (this.nullState) return 0;
      let bytes = 0;
      for (const name of names) {
        const value = this.readProperty(name);
        this.loadedData.set(name, value);
        bytes += JSON.stringify(value ?? null).length;
      }
      return bytes;
    });
    return this;
  }
}

class ClientResult<T> {
  private state: { value: T } | null = null;
  set(value: T): void {
    this.state = { value };
  }
  get value(): T {
    if (!this.state) throw notLoaded('value');
    return this.state.value;
  }
}

// ------------------------------------------------------------------------------------------ workbook

class WorkbookProxy extends ClientObject {
  readonly worksheets: WorksheetCollectionProxy;
  readonly settings: SettingCollectionProxy;
  constructor(context: Context) {
    super(context);
    this.worksheets = new WorksheetCollectionProxy(context);
    this.settings = new SettingCollectionProxy(context);
  }
  protected describe() {
    return 'Workbook';
  }
  protected readProperty(name: string): unknown {
    if (name === 'name') return this.context.model.name;
    throw new OfficeDoubleError('InvalidArgument', `The double does not know Workbook.${name}`);
  }
  get name(): string {
    return this.property('name');
  }
}

class WorksheetCollectionProxy extends ClientObject {
  protected describe() {
    return 'Worksheets';
  }
  protected readProperty(): unknown {
    throw new OfficeDoubleError('InvalidArgument', 'load the worksheets as items/<property>');
  }
  private loadedItems: WorksheetProxy[] | null = null;
  override load(props?: string | string[] | { select?: string }): this {
    const names = propertyNames(props).map((p) => p.replace(/^items\//, ''));
    this.context.enqueue(`load Worksheets ${names.join(',')}`, () => {
      this.loadedItems = this.context.model.sheets.map((s) => {
        const proxy = new WorksheetProxy(this.context, () => s, `Worksheet(${s.name})`);
        proxy.fill(names);
        return proxy;
      });
      return JSON.stringify(this.context.model.sheets.map((sheet) => names.map((n) => (sheet as unknown as Record<string, unknown>)[n]))).length;
    });
    return this;
  }
  get items(): WorksheetProxy[] {
    if (!this.loadedItems) throw notLoaded('items');
    return this.loadedItems;
  }
  getItem(name: string): WorksheetProxy {
    const proxy = new WorksheetProxy(this.context, () => this.context.sheet(name), `Worksheet(${name})`);
    proxy.mustExist();
    return proxy;
  }
  getItemOrNullObject(name: string): WorksheetProxy {
    const proxy = new WorksheetProxy(this.context, () => this.context.sheet(name), `Worksheet(${name})?`);
    proxy.mayBeNull();
    return proxy;
  }
  add(name: string): WorksheetProxy {
    this.context.enqueue(`add Worksheet(${name})`, () => {
      if (!name || name.length > 31 || /[\\/?*[\]:]/.test(name)) throw new OfficeDoubleError('InvalidArgument', `Invalid sheet name '${name}'.`);
      if (this.context.sheet(name)) throw new OfficeDoubleError('ItemAlreadyExists', `A sheet named '${name}' already exists.`);
      this.context.model.sheets.push(sheetModel({ name, values: [] }));
    });
    return this.getItem(name);
  }
}

class WorksheetProxy extends ClientObject {
  readonly tables: TableCollectionProxy;
  readonly charts: ChartCollectionProxy;
  constructor(context: Context, readonly resolve: () => SheetModel | null, private readonly label: string) {
    super(context);
    this.tables = new TableCollectionProxy(context, this);
    this.charts = new ChartCollectionProxy(context, this);
  }
  protected describe() {
    return this.label;
  }
  model(): SheetModel {
    const sheet = this.resolve();
    if (!sheet) throw new OfficeDoubleError('ItemNotFound', `The requested resource doesn't exist: ${this.label}.`);
    return sheet;
  }
  mustExist(): void {
    this.context.enqueue(`resolve ${this.label}`, () => {
      this.model();
      this.nullState = false;
    });
  }
  mayBeNull(): void {
    this.context.enqueue(`resolve ${this.label}`, () => {
      this.nullState = this.resolve() === null;
    });
  }
  /** Items of a loaded collection arrive with their properties, as Office returns them. */
  fill(names: string[]): void {
    this.nullState = false;
    for (const name of names) this.loadedData.set(name, this.readProperty(name));
  }
  protected readProperty(name: string): unknown {
    const sheet = this.model();
    if (name === 'name') return sheet.name;
    if (name === 'visibility') return sheet.visibility;
    throw new OfficeDoubleError('InvalidArgument', `The double does not know Worksheet.${name}`);
  }
  get name(): string {
    return this.property('name');
  }
  get visibility(): string {
    return this.property('visibility');
  }
  getRange(address: string): RangeProxy {
    return new RangeProxy(this.context, () => {
      const box = parseRangeAddress(address);
      if (!box) throw new OfficeDoubleError('InvalidArgument', `Invalid range address '${address}'.`);
      return { sheet: this.model(), ...box };
    }, `Range(${this.label}!${address})`);
  }
  getRangeByIndexes(row: number, column: number, rows: number, columns: number): RangeProxy {
    return new RangeProxy(this.context, () => {
      if (row < 0 || column < 0 || rows < 1 || columns < 1) throw new OfficeDoubleError('InvalidArgument', 'Invalid range indexes.');
      return { sheet: this.model(), row, column, rows, columns };
    }, `Range(${this.label}@${row},${column}+${rows}x${columns})`);
  }
  getUsedRangeOrNullObject(valuesOnly?: boolean): RangeProxy {
    if (!valuesOnly) throw new OfficeDoubleError('InvalidArgument', 'the double models getUsedRangeOrNullObject(true) only');
    const proxy = new RangeProxy(this.context, () => {
      const box = usedBox(this.model());
      return box ? { sheet: this.model(), ...box } : null;
    }, `UsedRange(${this.label})?`);
    proxy.mayBeNull();
    return proxy;
  }
  activate(): void {
    this.context.enqueue(`activate ${this.label}`, () => {
      this.context.model.activeSheet = this.model().name;
    });
  }
  delete(): void {
    this.context.enqueue(`delete ${this.label}`, () => {
      const sheet = this.model();
      const visible = this.context.model.sheets.filter((s) => s.visibility === 'Visible');
      if (visible.length === 1 && visible[0] === sheet) throw new OfficeDoubleError('InvalidOperation', 'A workbook must keep one visible sheet.');
      this.context.model.sheets = this.context.model.sheets.filter((s) => s !== sheet);
      if (this.context.model.activeSheet === sheet.name) this.context.model.activeSheet = this.context.model.sheets[0]?.name ?? null;
      if (this.context.model.selection?.sheet === sheet.name) this.context.model.selection = null;
    });
  }
}

// ------------------------------------------------------------------------------------------ ranges

const fillKeys = ['color', 'pattern', 'patternColor', 'tintAndShade', 'patternTintAndShade'] as const;

class RangeProxy extends ClientObject {
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
  readonly font: { bold: boolean; italic: boolean; size: number };
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
    const fontSetter = (prop: 'bold' | 'italic' | 'size') => (value: boolean | number) =>
      onCells(`set font.${prop}`, (sheet, key) => sheet.fonts.set(key, { ...sheet.fonts.get(key), [prop]: value }));
    this.font = {
      set bold(v: boolean) { fontSetter('bold')(v); },
      set italic(v: boolean) { fontSetter('italic')(v); },
      set size(v: number) { fontSetter('size')(v); },
      get bold(): boolean { throw notLoaded('bold'); },
      get italic(): boolean { throw notLoaded('italic'); },
      get size(): number { throw notLoaded('size'); },
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

// ------------------------------------------------------------------------------------------ tables and charts

function allTables(model: WorkbookModel): TableModel[] {
  return model.sheets.flatMap((s) => s.tables);
}

class TableCollectionProxy {
  constructor(private readonly context: Context, private readonly sheet: WorksheetProxy) {}
  add(address: string | RangeProxy, hasHeaders: boolean) {
    const range = typeof address === 'string' ? this.sheet.getRange(address) : address;
    let table: TableModel | null = null;
    const context = this.context;
    context.enqueue('add Table', () => {
      const b = range.box();
      const overlapping = b.sheet.tables.some((t) => t.row < b.row + b.rows && b.row < t.row + t.rows && t.column < b.column + b.columns && b.column < t.column + t.columns);
      if (overlapping) throw new OfficeDoubleError('InvalidOperation', 'A table can’t overlap another table.');
      table = { name: `Table${allTables(context.model).length + 1}`, row: b.row, column: b.column, rows: b.rows, columns: b.columns, hasHeaders, style: 'TableStyleMedium2', showTotals: false };
      b.sheet.tables.push(table);
    });
    const current = () => {
      if (!table) throw new OfficeDoubleError('InvalidObjectPath', 'table not created');
      return table;
    };
    return {
      set name(name: string) {
        context.enqueue(`set Table.name=${name}`, () => {
          if (!/^[A-Za-z_\\][A-Za-z0-9_.]*$/.test(name)) throw new OfficeDoubleError('InvalidArgument', `Invalid table name '${name}'.`);
          if (allTables(context.model).some((t) => t !== current() && t.name.toLowerCase() === name.toLowerCase())) {
            throw new OfficeDoubleError('ItemAlreadyExists', `A table named '${name}' already exists.`);
          }
          current().name = name;
        });
      },
      set style(style: string) {
        context.enqueue(`set Table.style=${style}`, () => {
          current().style = style;
        });
      },
      set showTotals(show: boolean) {
        context.enqueue(`set Table.showTotals=${show}`, () => {
          const t = current();
          if (t.showTotals === show) return;
          // The totals row is added below the data (and taken away again), as in Excel.
          t.rows += show ? 1 : -1;
          t.showTotals = show;
        });
      },
      getTotalRowRange: () =>
        new RangeProxy(context, () => {
          const t = current();
          if (!t.showTotals) throw new OfficeDoubleError('InvalidOperation', 'The table has no totals row.');
          const sheet = context.model.sheets.find((s) => s.tables.includes(t))!;
          return { sheet, row: t.row + t.rows - 1, column: t.column, rows: 1, columns: t.columns };
        }, 'TotalRowRange'),
    };
  }
}

class ChartCollectionProxy {
  constructor(private readonly context: Context, private readonly sheet: WorksheetProxy) {}
  add(type: string, source: RangeProxy, seriesBy: string) {
    const context = this.context;
    let chart: ChartModel | null = null;
    context.enqueue(`add Chart ${type}`, () => {
      const b = source.box();
      if (b.sheet !== this.sheet.model()) throw new OfficeDoubleError('InvalidArgument', 'chart source on another sheet');
      chart = { type, seriesBy, source: { row: b.row, column: b.column, rows: b.rows, columns: b.columns }, title: '', legendPosition: 'Right', position: null };
      b.sheet.charts.push(chart);
    });
    const current = () => {
      if (!chart) throw new OfficeDoubleError('InvalidObjectPath', 'chart not created');
      return chart;
    };
    const address = (r: RangeProxy) => {
      const b = r.box();
      return qualifiedAddress(b.sheet.name, b.row, b.column, 1, 1).split('!')[1];
    };
    return {
      title: {
        set text(text: string) {
          context.enqueue('set Chart.title', () => {
            current().title = text;
          });
        },
      },
      legend: {
        set position(position: string) {
          context.enqueue('set Chart.legend', () => {
            current().legendPosition = position;
          });
        },
      },
      setPosition(from: RangeProxy, to: RangeProxy) {
        context.enqueue('Chart.setPosition', () => {
          current().position = { from: address(from), to: address(to) };
        });
      },
    };
  }
}

// ------------------------------------------------------------------------------------------ settings

class SettingProxy extends ClientObject {
  constructor(context: Context, private readonly key: string) {
    super(context);
    context.enqueue(`resolve Setting(${key})?`, () => {
      this.nullState = !context.model.settings.has(key);
    });
  }
  protected describe() {
    return `Setting(${this.key})`;
  }
  protected readProperty(name: string): unknown {
    if (name === 'value') return this.context.model.settings.get(this.key);
    if (name === 'key') return this.key;
    throw new OfficeDoubleError('InvalidArgument', `The double does not know Setting.${name}`);
  }
  get value(): unknown {
    return this.property('value');
  }
  delete(): void {
    this.context.enqueue(`delete Setting(${this.key})`, () => {
      this.context.model.settings.delete(this.key);
    });
  }
}

class SettingCollectionProxy {
  constructor(private readonly context: Context) {}
  getItemOrNullObject(key: string): SettingProxy {
    return new SettingProxy(this.context, key);
  }
  add(key: string, value: unknown): void {
    // Office stores settings as JSON: what comes back is a copy, never the caller's object.
    const stored = JSON.parse(JSON.stringify(value));
    this.context.enqueue(`add Setting(${key})`, () => {
      this.context.model.settings.set(key, stored);
    });
  }
}

// ------------------------------------------------------------------------------------------ the double

export interface ExcelDouble {
  Office: { onReady(): Promise<{ host: string; platform: string }>; HostType: { Excel: string }; context: { displayLanguage: string } };
  Excel: { run<T>(batch: (context: Context) => Promise<T>): Promise<T> };
  workbook: WorkbookModel;
  log: DoubleLog;
}

export interface ExcelDoubleInit {
  workbookName?: string;
  sheets: SheetInit[];
  displayLanguage?: string;
  /** Excel on the web's limit on one response; smaller in tests that exercise the fallback. */
  payloadLimitBytes?: number;
}

export function createExcelDouble(init: ExcelDoubleInit): ExcelDouble {
  const workbook: WorkbookModel = {
    name: init.workbookName ?? 'Budget.xlsx',
    sheets: init.sheets.map(sheetModel),
    settings: new Map(),
    activeSheet: init.sheets[0]?.name ?? null,
    selection: null,
  };
  const log: DoubleLog = { runs: 0, syncs: 0, commands: [] };
  const options: Options = { payloadLimitBytes: init.payloadLimitBytes ?? 5 * 1024 * 1024 };
  return {
    workbook,
    log,
    Office: {
      onReady: () => Promise.resolve({ host: 'Excel', platform: 'OfficeOnline' }),
      HostType: { Excel: 'Excel' },
      context: { displayLanguage: init.displayLanguage ?? 'da-DK' },
    },
    Excel: {
      async run<T>(batch: (context: Context) => Promise<T>): Promise<T> {
        log.runs++;
        const context = new Context(workbook, log, options);
        const result = await batch(context);
        // Excel.run sends what is still queued when the batch returns.
        if (context.pending > 0) await context.sync();
        return result;
      },
    },
  };
}

export type { FillModel, SheetModel, WorkbookModel } from './excel-double-model';
