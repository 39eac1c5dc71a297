/**
 * The only module that talks to Office.js. Everything else in the pane works on plain data
 * (`WorkbookInput`, cell addresses, overview tables) and never calls `Excel.run`.
 *
 * Every function batches its work so the number of `context.sync` calls does not grow with the sheets:
 * reading grids takes two (used ranges, then every chunk of every sheet), unless Excel on the web refuses an
 * answer over 5 MB (some 10,000 rows in each of two sheets), when the chunks are read one sync each.
 * It is one file, not one per concern, so that exactly one module of the pane may touch Office.js.
 */
import type { CellValue, WorkbookInput } from '../shared/schemas';
import type { OverviewSheet, OverviewTable } from './overview';
import type { TrendSection } from './trend';

interface OfficeHost {
  Office: typeof Office;
  Excel: typeof Excel;
}

/**
 * The test seam: a page or test that puts an Office/Excel double here before the pane starts gets it used in
 * place of Office's own objects (office.js may still load; it is simply not asked).
 */
export const testSeamName = '__PARTNERSKAB_TEST_OFFICE__';

function host(): OfficeHost | null {
  const g = globalThis as Record<string, unknown>;
  const seam = g[testSeamName] as OfficeHost | undefined;
  if (seam) return seam;
  if (g.Office && g.Excel) return { Office: g.Office as typeof Office, Excel: g.Excel as typeof Excel };
  return null;
}

export class ExcelUnavailableError extends Error {
  constructor() {
    super('Excel is not available: open the pane from the Partnerskab button in Excel.');
    this.name = 'ExcelUnavailableError';
  }
}

function run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
  const h = host();
  if (!h) return Promise.reject(new ExcelUnavailableError());
  return h.Excel.run(batch);
}

export interface OfficeInfo {
  /** True when the pane runs inside Excel (or its test double). */
  inExcel: boolean;
  /** Office's display language ("da-DK", "en-US"); the browser's outside Office. */
  displayLanguage: string;
  /** Where Office runs: "OfficeOnline" (a browser), "PC", "Mac", …; null outside Office. */
  platform: string | null;
}

export async function connectToOffice(): Promise<OfficeInfo> {
  const h = host();
  const browserLanguage = typeof navigator === 'undefined' ? 'da-DK' : navigator.language;
  if (!h) return { inExcel: false, displayLanguage: browserLanguage, platform: null };
  const info = await h.Office.onReady();
  const inExcel = info.host === h.Office.HostType.Excel;
  return { inExcel, displayLanguage: (inExcel && h.Office.context?.displayLanguage) || browserLanguage, platform: info.platform ? String(info.platform) : null };
}

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : undefined;
}

// ------------------------------------------------------------------------------------------ new workbook

/**
 * Opens an .xlsx (base64) as a new workbook in Excel, leaving the open one as it is; the person saves it where
 * they like (ExcelApi 1.8). Office acts at the call, outside any batch.
 */
export async function openAsNewWorkbook(base64Xlsx: string): Promise<void> {
  const h = host();
  if (!h) throw new ExcelUnavailableError();
  await h.Excel.createWorkbook(base64Xlsx);
}

// ------------------------------------------------------------------------------------------ reading

/** Cells per loaded range: Microsoft advises reading large ranges in blocks rather than in one piece. */
const chunkCells = 40_000;

export interface WorkbookOutline {
  workbookName: string;
  /** Visible sheets in tab order, each with at most the first `headRows` rows (to tell which sheet is which). */
  workbook: WorkbookInput;
}

/** Names of the visible sheets and their first rows: enough for the core to tell which sheet is which. */
export function readOutline(headRows = 30, headColumns = 30): Promise<WorkbookOutline> {
  return run(async (context) => {
    const sheets = context.workbook.worksheets;
    sheets.load('items/name,items/visibility');
    context.workbook.load('name');
    await context.sync();
    const heads = sheets.items
      .filter((s) => s.visibility === 'Visible')
      .map((sheet) => {
        const range = sheet.getRangeByIndexes(0, 0, headRows, headColumns);
        range.load('values');
        return { name: sheet.name, range };
      });
    await context.sync();
    return {
      workbookName: context.workbook.name,
      workbook: { sheets: heads.map(({ name, range }) => ({ name, values: trimGrid(range.values as CellValue[][]) })) },
    };
  });
}

/** Drops empty rows and columns at the bottom and right (a fixed-size head block is mostly empty). */
export function trimGrid(values: CellValue[][]): CellValue[][] {
  const filled = (v: CellValue) => v !== '' && v !== null;
  let rows = values.length;
  while (rows > 0 && !values[rows - 1].some(filled)) rows--;
  let columns = 0;
  for (let r = 0; r < rows; r++) {
    for (let c = values[r].length - 1; c >= columns; c--) {
      if (filled(values[r][c])) {
        columns = c + 1;
        break;
      }
    }
  }
  return values.slice(0, rows).map((row) => row.slice(0, columns));
}

export interface GridRead {
  workbookName: string;
  workbook: WorkbookInput;
  /** Requested sheets that are not in the workbook (renamed or deleted since the pane listed them). */
  missing: string[];
}

/**
 * Values, value types and number formats of the named sheets, from A1 to the last used cell (the core counts
 * rows and columns from A1). Two syncs whatever the row count: one for the used ranges, one for all chunks.
 */
export async function readGrids(sheetNames: string[]): Promise<GridRead> {
  try {
    return await readGridsBatched(sheetNames, false);
  } catch (error) {
    const code = errorCode(error);
    // Excel on the web caps one request's response at about 5 MB. Chunks in one batch still share one
    // response, so a workbook that big is read again with one sync per chunk.
    if (code === 'RequestPayloadSizeLimitExceeded') return readGridsBatched(sheetNames, true);
    if (code === 'ItemNotFound') {
      const present = new Set((await listSheets()).map((n) => n.toLowerCase()));
      const missing = sheetNames.filter((n) => !present.has(n.toLowerCase()));
      if (missing.length > 0) return { workbookName: '', workbook: { sheets: [] }, missing };
    }
    throw error;
  }
}

/** Names of all sheets, in tab order. */
export function listSheets(): Promise<string[]> {
  return run(async (context) => {
    const sheets = context.workbook.worksheets;
    sheets.load('items/name');
    await context.sync();
    return sheets.items.map((s) => s.name);
  });
}

/**
 * Whether the workbook counts dates from 1904, readable after the batch's next sync: Excel evaluates
 * DATE(2000;1;1) in the workbook's own date system — 36526 in the 1900 system, 1,462 less in the 1904 one —
 * through Workbook.functions (ExcelApi 1.2), which writes nothing to the workbook. Workbook.use1904DateSystem
 * says it directly but is in no released requirement set (preview only), so it is not asked. Where the
 * evaluation gives no number, the 1900 system is assumed, as Excel's default.
 */
function loadDate1904(context: Excel.RequestContext): () => boolean {
  const day = context.workbook.functions.date(2000, 1, 1);
  day.load('value');
  return () => day.value === 36526 - 1462;
}

function readGridsBatched(sheetNames: string[], syncPerChunk: boolean): Promise<GridRead> {
  return run(async (context) => {
    context.workbook.load('name');
    const date1904 = loadDate1904(context);
    const sheets = sheetNames.map((name) => {
      const sheet = context.workbook.worksheets.getItem(name);
      const used = sheet.getUsedRangeOrNullObject(true);
      used.load('rowIndex,columnIndex,rowCount,columnCount');
      return { name, sheet, used };
    });
    await context.sync();

    const reads: Array<{ name: string; chunks: Excel.Range[]; extras: SheetExtrasRead | null }> = [];
    for (const { name, sheet, used } of sheets) {
      const rows = used.isNullObject ? 0 : used.rowIndex + used.rowCount;
      const columns = used.isNullObject ? 0 : used.columnIndex + used.columnCount;
      const rowsPerChunk = Math.max(1, Math.floor(chunkCells / Math.max(1, columns)));
      const chunks: Excel.Range[] = [];
      for (let start = 0; start < rows; start += rowsPerChunk) {
        const range = sheet.getRangeByIndexes(start, 0, Math.min(rowsPerChunk, rows - start), columns);
        range.load('values,valueTypes,numberFormat');
        chunks.push(range);
        if (syncPerChunk) await context.sync();
      }
      reads.push({ name, chunks, extras: used.isNullObject ? null : loadSheetExtras(used) });
    }
    await context.sync();

    return {
      workbookName: context.workbook.name,
      missing: [],
      workbook: {
        sheets: reads.map(({ name, chunks, extras }) => {
          const values = chunks.flatMap((c) => c.values as CellValue[][]);
          return {
            name,
            values,
            valueTypes: chunks.flatMap((c) => c.valueTypes as string[][]),
            numberFormat: chunks.flatMap((c) => c.numberFormat as string[][]),
            ...(extras ? sheetExtras(extras, values) : {}),
          };
        }),
        ...(date1904() ? { date1904: true } : {}),
      },
    };
  });
}

// ------------------------------------------------------------------------------------------ formulas and hidden rows

interface SheetExtrasRead {
  used: Excel.Range;
  formulas: Excel.RangeAreas;
  visible: Excel.RangeAreas;
}

/**
 * The formulas (to explain a total row's figure, as the file reader does) and the hidden rows, loaded only
 * where they are: the used range's formula cells and visible rows as special cells (ExcelApi 1.9). Loading
 * `formulas` for every chunk would double the response for sheets without a formula and pass Excel on the
 * web's 5 MB limit sooner. Queued with the chunks, so no sync is added.
 */
function loadSheetExtras(used: Excel.Range): SheetExtrasRead {
  const formulas = used.getSpecialCellsOrNullObject('Formulas');
  formulas.areas.load('items/rowIndex,items/columnIndex,items/formulas');
  const visible = used.getSpecialCellsOrNullObject('Visible');
  visible.areas.load('items/rowIndex,items/rowCount');
  return { used, formulas, visible };
}

/** `formulas` as a full grid beside `values` (only when the sheet has any), and `hiddenRows` (only when any is). */
function sheetExtras(read: SheetExtrasRead, values: CellValue[][]): { formulas?: CellValue[][]; hiddenRows?: number[] } {
  const out: { formulas?: CellValue[][]; hiddenRows?: number[] } = {};
  if (!read.formulas.isNullObject) {
    const grid: CellValue[][] = values.map((row) => row.map(() => ''));
    for (const area of read.formulas.areas.items) {
      (area.formulas as CellValue[][]).forEach((row, i) => row.forEach((f, j) => {
        const line = grid[area.rowIndex + i];
        if (line && area.columnIndex + j < line.length) line[area.columnIndex + j] = f;
      }));
    }
    out.formulas = grid;
  }
  const shown = new Set<number>();
  if (!read.visible.isNullObject) for (const area of read.visible.areas.items) for (let r = area.rowIndex; r < area.rowIndex + area.rowCount; r++) shown.add(r);
  const hidden: number[] = [];
  for (let r = read.used.rowIndex; r < read.used.rowIndex + read.used.rowCount; r++) if (!shown.has(r)) hidden.push(r);
  if (hidden.length > 0) out.hiddenRows = hidden;
  return out;
}

// ------------------------------------------------------------------------------------------ selection

/** Shows the sheet and selects the cell, so the user sees the problem the pane points at. */
export function selectCell(sheetName: string, cell: string): Promise<void> {
  return run(async (context) => {
    const sheet = context.workbook.worksheets.getItem(sheetName);
    sheet.activate();
    sheet.getRange(cell).select();
    await context.sync();
  });
}

// ------------------------------------------------------------------------------------------ highlights

/** Excel's own "Bad" cell style fill: staff already read it as "look here". */
export const highlightColor = '#FFC7CE';

/**
 * The original fills of highlighted cells live in the workbook's hidden add-in settings (not in any sheet, so
 * they never reach a snapshot, which carries values only), so "Fjern markering" still works after the pane
 * or the workbook was closed.
 */
const highlightSettingKey = 'partnerskab.highlights.v1';

export type CellFill = Excel.CellPropertiesFill;

/** sheet → A1 address → the cell's fill before it was highlighted. */
export type HighlightMemory = Record<string, Record<string, CellFill>>;

let memory: HighlightMemory = {};

/** What the pane remembers of the cells it highlighted (a copy; the workbook settings hold the same). */
export function rememberedHighlights(): HighlightMemory {
  return structuredClone(memory);
}

const fillLoadOptions: Excel.CellPropertiesLoadOptions = {
  format: { fill: { color: true, pattern: true, patternColor: true, tintAndShade: true, patternTintAndShade: true } },
};

export interface CellRef {
  sheet: string;
  cell: string;
}

/** Highlights the cells and returns how many are highlighted in all. Two syncs whatever the number of cells. */
export function highlightCells(cells: CellRef[]): Promise<number> {
  return run(async (context) => {
    const setting = context.workbook.settings.getItemOrNullObject(highlightSettingKey);
    setting.load('value');
    const unique = new Map<string, CellRef>();
    for (const ref of cells) unique.set(`${ref.sheet}!${ref.cell}`, ref);
    const targets = [...unique.values()].map((ref) => {
      const range = context.workbook.worksheets.getItem(ref.sheet).getRange(ref.cell);
      return { ref, range, before: range.getCellProperties(fillLoadOptions) };
    });
    await context.sync();

    const stored = setting.isNullObject ? {} : (JSON.parse(String(setting.value)) as HighlightMemory);
    for (const { ref, range, before } of targets) {
      const sheetMemory = (stored[ref.sheet] ??= {});
      // A cell highlighted before keeps its first remembered fill, not our highlight colour.
      sheetMemory[ref.cell] ??= before.value[0][0].format?.fill ?? {};
      // A patterned fill keeps its pattern when only the colour changes; the highlight is a plain solid fill.
      range.format.fill.pattern = 'Solid';
      range.format.fill.color = highlightColor;
    }
    context.workbook.settings.add(highlightSettingKey, JSON.stringify(stored));
    await context.sync();
    memory = stored;
    return Object.values(stored).reduce((n, sheet) => n + Object.keys(sheet).length, 0);
  });
}

export interface RestoreResult {
  restored: number;
  /** Cells whose fill someone changed after the highlight: left as they are now. */
  changedSince: number;
}

/** Puts back each highlighted cell's original fill exactly; touches nothing else. Three syncs. */
export function clearHighlights(): Promise<RestoreResult> {
  return run(async (context) => {
    const setting = context.workbook.settings.getItemOrNullObject(highlightSettingKey);
    setting.load('value');
    const sheets = context.workbook.worksheets;
    sheets.load('items/name');
    await context.sync();
    if (setting.isNullObject) {
      memory = {};
      return { restored: 0, changedSince: 0 };
    }
    const stored = JSON.parse(String(setting.value)) as HighlightMemory;
    const present = new Set(sheets.items.map((s) => s.name));
    const targets: Array<{ range: Excel.Range; original: CellFill; now: OfficeExtension.ClientResult<Excel.CellProperties[][]> }> = [];
    for (const [sheetName, cells] of Object.entries(stored)) {
      // A sheet deleted or renamed since took its highlights with it.
      if (!present.has(sheetName)) continue;
      const sheet = sheets.getItem(sheetName);
      for (const [cell, original] of Object.entries(cells)) {
        const range = sheet.getRange(cell);
        targets.push({ range, original, now: range.getCellProperties(fillLoadOptions) });
      }
    }
    await context.sync();

    let restored = 0;
    let changedSince = 0;
    for (const { range, original, now } of targets) {
      const fill = now.value[0][0].format?.fill;
      // Some Excel builds report a solid fill's pattern as null (OfficeDev/office-js#4900), so null counts too.
      const stillOurs = fill?.color?.toUpperCase() === highlightColor && (fill.pattern === undefined || fill.pattern === null || fill.pattern === 'Solid');
      if (!stillOurs) {
        changedSince++;
        continue;
      }
      if (isNoFill(original)) range.format.fill.clear();
      else range.setCellProperties([[{ format: { fill: settableFill(original) } }]]);
      restored++;
    }
    setting.delete();
    await context.sync();
    memory = {};
    return { restored, changedSince };
  });
}

/** Excel reports "No Fill" as white with no tint (tintAndShade null); white paint has a tint of 0. */
function isNoFill(fill: CellFill): boolean {
  return (fill.pattern === undefined || fill.pattern === null || fill.pattern === 'None') && (fill.tintAndShade === undefined || fill.tintAndShade === null);
}

function settableFill(fill: CellFill): CellFill {
  const out: CellFill = {};
  for (const [key, value] of Object.entries(fill) as Array<[keyof CellFill, never]>) if (value !== null && value !== undefined) out[key] = value;
  return out;
}

// ------------------------------------------------------------------------------------------ workbook memory

const lastSnapshotKey = 'partnerskab.lastSnapshot.v1';

/**
 * The id of the snapshot this copy of the workbook was last saved as, per programme year: the `basedOn` of
 * the next save, so the service can tell when two copies have diverged. Kept in the workbook's hidden add-in
 * settings because it belongs to this copy of the workbook, not to this computer.
 */
export function readLastSnapshots(): Promise<Record<string, string>> {
  return run(async (context) => {
    const setting = context.workbook.settings.getItemOrNullObject(lastSnapshotKey);
    setting.load('value');
    await context.sync();
    return setting.isNullObject ? {} : (JSON.parse(String(setting.value)) as Record<string, string>);
  });
}

export function rememberLastSnapshot(year: number, snapshotId: string): Promise<void> {
  return run(async (context) => {
    const setting = context.workbook.settings.getItemOrNullObject(lastSnapshotKey);
    setting.load('value');
    await context.sync();
    const known = setting.isNullObject ? {} : (JSON.parse(String(setting.value)) as Record<string, string>);
    known[String(year)] = snapshotId;
    context.workbook.settings.add(lastSnapshotKey, JSON.stringify(known));
    await context.sync();
  });
}

// ------------------------------------------------------------------------------------------ overview sheet

/**
 * Writes the district overview on its own sheet, replacing that sheet (and only it) when it exists: a title,
 * an Excel table with number formats, a chart data block and a clustered bar chart. Two syncs.
 */
export function writeOverviewSheet(overview: OverviewSheet): Promise<void> {
  return run(async (context) => {
    const sheets = context.workbook.worksheets;
    const existing = sheets.getItemOrNullObject(overview.sheetName);
    await context.sync();
    if (!existing.isNullObject) existing.delete();

    const sheet = sheets.add(overview.sheetName);
    const { table: t, chartData: c } = overview;
    sheet.getRange('A1').values = [[overview.title]];
    sheet.getRange('A1').format.font.bold = true;
    sheet.getRange('A1').format.font.size = 14;
    sheet.getRange('A2').values = [[overview.source]];
    sheet.getRange('A2').format.font.italic = true;
    overview.notes.forEach((note, i) => {
      const cell = sheet.getRangeByIndexes(2 + i, 0, 1, 1);
      cell.values = [[note]];
      cell.format.font.bold = true;
      cell.format.font.color = '#C00000';
    });

    const firstRow = 4 + overview.notes.length;
    const columns = t.headers.length;
    const tableRows = [t.headers, ...t.rows];
    writeTable(sheet, firstRow - 1, overview.tableName, t);

    const chartFirstRow = firstRow + tableRows.length + 3;
    sheet.getRangeByIndexes(chartFirstRow - 2, 0, 1, 1).values = [[c.caption]];
    const chartRange = sheet.getRangeByIndexes(chartFirstRow - 1, 0, c.rows.length + 1, c.headers.length);
    chartRange.values = [c.headers, ...c.rows];
    c.numberFormats.forEach((format, column) => {
      sheet.getRangeByIndexes(chartFirstRow, column, c.rows.length, 1).numberFormat = columnOf(format, c.rows.length);
    });

    const chart = sheet.charts.add('BarClustered', chartRange, 'Columns');
    chart.title.text = c.title;
    chart.legend.position = 'Bottom';
    chart.setPosition(sheet.getRangeByIndexes(firstRow - 1, columns + 1, 1, 1), sheet.getRangeByIndexes(firstRow - 1 + 22, columns + 8, 1, 1));

    sheet.getRangeByIndexes(0, 0, chartFirstRow + c.rows.length, columns).format.autofitColumns();
    // The years go below both this year's chart data and its bar chart, so nothing overlaps.
    writeTrend(sheet, overview.trend, Math.max(chartFirstRow + c.rows.length + 2, firstRow - 1 + 24));
    sheet.activate();
    await context.sync();
  });
}

/**
 * An Excel table with its header row at `top` (0-based) and a number format per column; Excel's own totals row
 * (below the data, outside sorting and filtering) is filled with the totals the pane computed, so they match
 * the source exactly.
 */
function writeTable(sheet: Excel.Worksheet, top: number, name: string, t: OverviewTable): void {
  const range = sheet.getRangeByIndexes(top, 0, t.rows.length + 1, t.headers.length);
  range.values = [t.headers, ...t.rows];
  const table = sheet.tables.add(range, true);
  table.name = name;
  table.style = 'TableStyleMedium2';
  table.showTotals = true;
  table.getTotalRowRange().values = [t.totalRow];
  t.numberFormats.forEach((format, column) => {
    sheet.getRangeByIndexes(top + 1, column, t.rows.length + 1, 1).numberFormat = columnOf(format, t.rows.length + 1);
  });
}

/**
 * The years below this year's figures, in the same batch: a heading and a source line, an Excel table of
 * members under 25 and grant per bydel and year, and a line chart of each over the years with its data block;
 * or, when there are no years to show, the heading and a red note that says why.
 */
function writeTrend(sheet: Excel.Worksheet, trend: TrendSection, top: number): void {
  const line = (row: number, text: string) => {
    const cell = sheet.getRangeByIndexes(row, 0, 1, 1);
    cell.values = [[text]];
    return cell;
  };
  const heading = line(top, trend.heading);
  heading.format.font.bold = true;
  heading.format.font.size = 12;
  if (trend.kind === 'unavailable') {
    const note = line(top + 1, trend.note);
    note.format.font.bold = true;
    note.format.font.color = '#C00000';
    return;
  }
  line(top + 1, trend.source).format.font.italic = true;

  const t = trend.table;
  const tableTop = top + 3;
  const columns = t.headers.length;
  writeTable(sheet, tableTop, trend.tableName, t);
  sheet.getRangeByIndexes(tableTop, 0, t.rows.length + 2, columns).format.autofitColumns();

  let blockTop = tableTop + t.rows.length + 4;
  trend.charts.forEach((c, i) => {
    line(blockTop, c.caption);
    const data = sheet.getRangeByIndexes(blockTop + 1, 0, c.rows.length + 1, c.headers.length);
    // Formats before values: the years are text ("2024"), which Excel would otherwise turn into numbers and
    // then plot as a series of their own instead of taking them as the categories along the axis.
    c.numberFormats.forEach((format, column) => {
      sheet.getRangeByIndexes(blockTop + 2, column, c.rows.length, 1).numberFormat = columnOf(format, c.rows.length);
    });
    data.values = [c.headers, ...c.rows];
    const chart = sheet.charts.add('Line', data, 'Columns');
    chart.title.text = c.title;
    chart.legend.position = 'Bottom';
    const chartTop = tableTop + i * 22;
    chart.setPosition(sheet.getRangeByIndexes(chartTop, columns + 1, 1, 1), sheet.getRangeByIndexes(chartTop + 20, columns + 9, 1, 1));
    blockTop += c.rows.length + 4;
  });
}

function columnOf(format: string, rows: number): string[][] {
  return Array.from({ length: rows }, () => [format]);
}

// ------------------------------------------------------------------------------------------ rewriting cells (fixes and their undo)

/** What a cell holds, as exactly as Office.js gives it: the value, the formula (null for a constant), the format. */
export interface CellContent {
  value: CellValue;
  formula: string | null;
  numberFormat: string;
}

export interface CellWrite extends CellRef {
  content: CellContent;
}

/**
 * One rewrite of cells, decided by the caller on what the cells hold now: which cells to read given what the
 * workbook setting holds, then what to write and what to store in the setting (null deletes it).
 */
export interface CellRewrite<R> {
  cells(stored: string | null): CellRef[];
  /** `now[i]` is null for a cell whose sheet is gone. */
  decide(now: Array<CellContent | null>, stored: string | null): { writes: CellWrite[]; store: string | null; result: R };
}

/**
 * Reads the cells a rewrite names, lets it decide, and writes the cells together with its workbook setting in
 * the same batch, so the cells and the record of what they held are never out of step. Three syncs: the
 * setting and the sheet names, the cells, the writes.
 */
export function rewriteCells<R>(settingKey: string, rewrite: CellRewrite<R>): Promise<R> {
  return run(async (context) => {
    const setting = context.workbook.settings.getItemOrNullObject(settingKey);
    setting.load('value');
    const sheets = context.workbook.worksheets;
    sheets.load('items/name');
    await context.sync();
    const stored = setting.isNullObject ? null : String(setting.value);
    const present = new Set(sheets.items.map((s) => s.name));
    const reads = rewrite.cells(stored).map((ref) => {
      if (!present.has(ref.sheet)) return null;
      const range = sheets.getItem(ref.sheet).getRange(ref.cell);
      range.load('values,formulas,numberFormat');
      return range;
    });
    await context.sync();
    const now = reads.map((range) => (range ? contentOf(range) : null));
    const { writes, store, result } = rewrite.decide(now, stored);
    for (const w of writes) writeExactly(sheets.getItem(w.sheet).getRange(w.cell), w.content);
    if (store === null) {
      if (!setting.isNullObject) setting.delete();
    } else context.workbook.settings.add(settingKey, store);
    await context.sync();
    return result;
  });
}

function contentOf(range: Excel.Range): CellContent {
  const value = range.values[0][0] as CellValue;
  const f = range.formulas[0][0];
  // Range.formulas gives a constant as its value; a text that merely starts with "=" reads the same in both.
  const formula = typeof f === 'string' && f.startsWith('=') && f !== value ? f : null;
  return { value, formula, numberFormat: String(range.numberFormat[0][0]) };
}

/**
 * Writes a cell so that it holds exactly the content given. Excel parses a string written to `Range.values`
 * as if typed ("1.000" and "0012" become numbers, "=…" a formula) unless the cell's number format is Text
 * ("@"), and a number format never changes what a cell already holds. So a text is written under "@", a
 * number, boolean, blank or formula under "General" (a formula under "@" would stay text), and then the cell
 * gets its own format. The commands run in this order at the sync.
 */
function writeExactly(range: Excel.Range, content: CellContent): void {
  const isText = content.formula === null && typeof content.value === 'string' && content.value !== '';
  range.numberFormat = [[isText ? '@' : 'General']];
  if (content.formula !== null) range.formulas = [[content.formula]];
  else range.values = [[content.value ?? '']];
  range.numberFormat = [[content.numberFormat]];
}

/** A workbook setting's text, or null when the workbook has none under that key. One sync. */
export function readSetting(settingKey: string): Promise<string | null> {
  return run(async (context) => {
    const setting = context.workbook.settings.getItemOrNullObject(settingKey);
    setting.load('value');
    await context.sync();
    return setting.isNullObject ? null : String(setting.value);
  });
}
