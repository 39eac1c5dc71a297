/**
 * The .xlsx reader: from the zip's bytes to each sheet's cells, reading only the parts the core needs (the
 * workbook, its relationships, shared strings, number formats and the worksheets) by following the package's
 * relationships. Comments, drawings, tables, pivot caches and the like are never opened, so nothing in them can
 * stop a read. Pure apart from the clock-free limits: the worker runs it, and so do the tests, in process.
 */
import { textHasPersonalData } from '../../shared/rules/personal-data';
import { textProblem, type TextProblem } from '../../shared/text-safety';
import { ReadProblemError, type WorkbookPart as PartName } from './read-problem';
import { parseRelationships, relsPartOf, type Relationship } from './relationships';
import { emptySheet, type SheetCells } from './sheet-cells';
import { intern, parseSheetPart, type SheetContext, type StringTable } from './sheet-part';
import { parseSharedStrings } from './string-item';
import { parseStylesPart } from './styles-part';
import { parseWorkbookPart, type WorkbookSheet } from './workbook-part';
import { XmlError } from './xml-scan';
import { findEntry, openZip, readEntry, type InflateBudget, type ZipArchive } from './zip';

export interface ReadLimits {
  /** Bytes inflated from the parts read, all together. */
  maxUnpackedBytes: number;
  /** Grid cells (rows × columns of each sheet's used range), all sheets together. */
  maxCells: number;
  /** Characters of formula text kept; past it formulas are read without their text. */
  maxFormulaChars: number;
}

export const defaultReadLimits: ReadLimits = {
  maxUnpackedBytes: 384 * 1024 * 1024,
  maxCells: 5_000_000,
  maxFormulaChars: 32 * 1024 * 1024,
};

export interface ParsedWorkbook {
  strings: string[];
  sheets: SheetCells[];
  date1904: boolean;
}

// Excel's own limit for a sheet name.
const MAX_SHEET_NAME = 31;

function readPart<T>(what: PartName, sheet: string | undefined, parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    if (err instanceof XmlError) throw new ReadProblemError({ kind: 'damaged-part', part: what, sheet });
    throw err;
  }
}

function entryBytes(zip: ZipArchive, name: string, budget: InflateBudget): Buffer | null {
  const entry = findEntry(zip, name);
  return entry ? readEntry(zip, entry, budget) : null;
}

/** The part's relationships; null when it has none, or when they are damaged (then the usual names are tried). */
export function relationshipsOf(zip: ZipArchive, part: string, budget: InflateBudget): Relationship[] | null {
  const bytes = entryBytes(zip, relsPartOf(part), budget);
  if (!bytes) return null;
  try {
    return parseRelationships(bytes, part);
  } catch (err) {
    if (err instanceof XmlError) return null;
    throw err;
  }
}

/** The workbook part's name, or the reason there is none. */
export function workbookPartName(zip: ZipArchive, budget: InflateBudget): string {
  const root = relationshipsOf(zip, '', budget);
  const named = root?.find((r) => r.type === 'officeDocument' && !r.external)?.target;
  for (const candidate of [named, 'xl/workbook.xml']) {
    if (!candidate) continue;
    if (/\.bin$/i.test(candidate) && findEntry(zip, candidate)) throw new ReadProblemError({ kind: 'xlsb' });
    if (findEntry(zip, candidate)) return candidate;
  }
  if (findEntry(zip, 'xl/workbook.bin')) throw new ReadProblemError({ kind: 'xlsb' });
  const mimetype = findEntry(zip, 'mimetype');
  if (mimetype || findEntry(zip, 'content.xml')) {
    const type = mimetype ? readEntry(zip, mimetype, budget).toString('latin1', 0, 200) : '';
    if (type.includes('opendocument.spreadsheet') || findEntry(zip, 'content.xml')) throw new ReadProblemError({ kind: 'ods' });
  }
  throw new ReadProblemError({ kind: 'zip-not-xlsx' });
}

/**
 * Where the i-th sheet of the workbook keeps its cells: the part its relationship names (`related`), or, in a
 * workbook without relationships, the usual name. Chart, dialog and macro sheets hold no cells; Office.js
 * lists none of them as worksheets.
 */
export function worksheetTarget(s: WorkbookSheet, i: number, rels: Relationship[] | null, folder: string): { part: string | null; related: boolean } | 'not-a-worksheet' {
  const rel = s.relId === null ? undefined : rels?.find((r) => r.id === s.relId);
  if (rel && (rel.type !== 'worksheet' || rel.external)) return 'not-a-worksheet';
  return { part: rel?.target ?? (rels ? null : `${folder}worksheets/sheet${i + 1}.xml`), related: rel !== undefined };
}

/** The name a sheet goes by: its own, or Ark1, Ark2… where a writer left it empty. */
export function sheetNameOf(s: WorkbookSheet, i: number): string {
  return s.name === '' ? `Ark${i + 1}` : s.name;
}

export function parseXlsx(bytes: Buffer, limits: ReadLimits = defaultReadLimits): ParsedWorkbook {
  const zip = openZip(bytes);
  if (zip.entries.length === 0) throw new ReadProblemError({ kind: 'empty-zip' });
  const budget: InflateBudget = { left: limits.maxUnpackedBytes, limit: limits.maxUnpackedBytes };
  const workbookName = workbookPartName(zip, budget);
  const workbookBytes = entryBytes(zip, workbookName, budget)!;
  const workbook = readPart('workbook', undefined, () => parseWorkbookPart(workbookBytes));
  const rels = relationshipsOf(zip, workbookName, budget);
  const relOfType = (type: string) => rels?.find((r) => r.type === type && !r.external)?.target;
  const folder = workbookName.slice(0, workbookName.lastIndexOf('/') + 1);

  const strings: StringTable = { list: [], interned: new Map() };
  const sstBytes = entryBytes(zip, relOfType('sharedStrings') ?? `${folder}sharedStrings.xml`, budget);
  if (sstBytes) strings.list = readPart('shared-strings', undefined, () => parseSharedStrings(sstBytes));
  const sharedCount = strings.list.length;
  const sharedProblems = new Map<number, TextProblem>();
  strings.list.forEach((s, i) => {
    const problem = textProblem(s);
    if (problem) sharedProblems.set(i, problem);
  });
  const stylesBytes = entryBytes(zip, relOfType('styles') ?? `${folder}styles.xml`, budget);
  const formats = stylesBytes ? readPart('styles', undefined, () => parseStylesPart(stylesBytes)) : [];
  const ctx: SheetContext = {
    strings,
    sharedCount,
    sharedProblems,
    styleFormats: formats.map((f) => intern(strings, f)),
    general: intern(strings, 'General'),
    date1904: workbook.date1904,
    limits: { maxCells: limits.maxCells, maxFormulaChars: limits.maxFormulaChars },
    cellsUsed: 0,
    formulaChars: 0,
  };

  const sheets: SheetCells[] = [];
  workbook.sheets.forEach((s, i) => {
    const name = sheetNameOf(s, i);
    const problem = textProblem(name, MAX_SHEET_NAME);
    if (problem) throw new ReadProblemError({ kind: 'sheet-name', index: i + 1, problem });
    // A sheet's name is stored with a version (its source) and repeated in every report.
    if (textHasPersonalData(name)) throw new ReadProblemError({ kind: 'sheet-name', index: i + 1, problem: { kind: 'personal-data' } });
    const target = worksheetTarget(s, i, rels, folder);
    if (target === 'not-a-worksheet') return;
    const part = target.part === null ? null : entryBytes(zip, target.part, budget);
    if (!part) {
      // A sheet the workbook lists without its part in the file: empty, as SheetJS and openpyxl read it.
      if (target.related) sheets.push(emptySheet(name));
      return;
    }
    sheets.push(readPart('sheet', name, () => parseSheetPart(part, name, ctx)));
  });
  if (sheets.length === 0) throw new ReadProblemError({ kind: 'no-sheets' });
  return { strings: strings.list, sheets, date1904: workbook.date1904 };
}
