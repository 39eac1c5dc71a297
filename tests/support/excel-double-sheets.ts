/** Workbook, worksheets, tables, charts and the hidden add-in settings of the Excel double. */
import { cellValue, chartSeries, chartTypes, parseRangeAddress, qualifiedAddress, sheetModel, usedBox, type ChartModel, type SheetModel, type TableModel, type WorkbookModel } from './excel-double-model';
import { ClientObject, notLoaded, OfficeDoubleError, propertyNames, type Context } from './excel-double-proxy';
import { FunctionsProxy } from './excel-double-functions';
import { RangeProxy } from './excel-double-range';

export class WorkbookProxy extends ClientObject {
  readonly worksheets: WorksheetCollectionProxy;
  readonly settings: SettingCollectionProxy;
  readonly functions: FunctionsProxy;
  constructor(context: Context) {
    super(context);
    this.worksheets = new WorksheetCollectionProxy(context);
    this.settings = new SettingCollectionProxy(context);
    this.functions = new FunctionsProxy(context);
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

export class WorksheetProxy extends ClientObject {
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
      if (!chartTypes.has(type)) throw new OfficeDoubleError('InvalidArgument', `The argument is invalid or missing or has an incorrect format (chart type '${type}').`);
      if (seriesBy !== 'Columns') throw new OfficeDoubleError('InvalidArgument', `The double reads a chart's source by columns only, not '${seriesBy}'.`);
      const block = Array.from({ length: b.rows }, (_, r) => Array.from({ length: b.columns }, (_, c) => cellValue(b.sheet, b.row + r, b.column + c)));
      chart = { type, seriesBy, source: { row: b.row, column: b.column, rows: b.rows, columns: b.columns }, title: '', legendPosition: 'Right', position: null, ...chartSeries(block) };
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

