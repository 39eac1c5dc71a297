/**
 * A small, faithful Office.js double for the calls addin/excel.ts makes. Like Office, it queues every
 * command and acts only at `context.sync()`: properties throw until they were loaded *and* synced,
 * `isNullObject` is unknown until a sync, a missing sheet fails the sync with ItemNotFound, and a sync whose
 * response would pass Excel on the web's 5 MB limit fails with RequestPayloadSizeLimitExceeded.
 * It records every run, sync and load so tests can count round trips. Runs in Node and in the browser.
 */
import { sheetModel, type SheetInit, type WorkbookModel } from './excel-double-model';
import { Context, OfficeDoubleError, type DoubleLog, type Options } from './excel-double-proxy';
import { WorkbookProxy } from './excel-double-sheets';

export { OfficeDoubleError, type DoubleLog } from './excel-double-proxy';

/** A request context with its workbook, as `Excel.run` hands it to the batch. */
export type DoubleContext = Context & { workbook: WorkbookProxy };

export interface ExcelDouble {
  Office: { onReady(): Promise<{ host: string; platform: string }>; HostType: { Excel: string }; context: { displayLanguage: string } };
  Excel: { run<T>(batch: (context: DoubleContext) => Promise<T>): Promise<T>; createWorkbook(base64?: string): Promise<void> };
  workbook: WorkbookModel;
  /** Workbooks Excel.createWorkbook opened (the base64 .xlsx given, or null for a blank one), in order. */
  createdWorkbooks: Array<string | null>;
  log: DoubleLog;
}

export interface ExcelDoubleInit {
  workbookName?: string;
  sheets: SheetInit[];
  displayLanguage?: string;
  /** Where Office runs, as Office.onReady says it: "OfficeOnline" (the default, a browser), "PC", "Mac". */
  platform?: string;
  /** The workbook's date system is the 1904 one (default: 1900, Excel's). */
  date1904?: boolean;
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
    date1904: init.date1904 ?? false,
  };
  const log: DoubleLog = { runs: 0, syncs: 0, commands: [] };
  const options: Options = { payloadLimitBytes: init.payloadLimitBytes ?? 5 * 1024 * 1024 };
  const createdWorkbooks: Array<string | null> = [];
  return {
    workbook,
    log,
    createdWorkbooks,
    Office: {
      onReady: () => Promise.resolve({ host: 'Excel', platform: init.platform ?? 'OfficeOnline' }),
      HostType: { Excel: 'Excel' },
      context: { displayLanguage: init.displayLanguage ?? 'da-DK' },
    },
    Excel: {
      async run<T>(batch: (context: DoubleContext) => Promise<T>): Promise<T> {
        log.runs++;
        const context = new Context(workbook, log, options) as DoubleContext;
        context.workbook = new WorkbookProxy(context);
        const result = await batch(context);
        // Excel.run sends what is still queued when the batch returns.
        if (context.pending > 0) await context.sync();
        return result;
      },
      // Not a batch command: Office opens the new workbook when called (no context, no sync), leaves the open
      // workbook as it is, and rejects what is not an .xlsx (a zip) or passes the request limit.
      async createWorkbook(base64?: string): Promise<void> {
        if (base64 === undefined || base64 === null) {
          createdWorkbooks.push(null);
          return;
        }
        let head: string;
        try {
          head = atob(base64.slice(0, 8));
        } catch {
          throw new OfficeDoubleError('InvalidArgument', 'The argument is invalid or missing or has an incorrect format.');
        }
        if (!head.startsWith('PK\u0003\u0004')) throw new OfficeDoubleError('InvalidArgument', 'The argument is invalid or missing or has an incorrect format.');
        if (base64.length > options.payloadLimitBytes) throw new OfficeDoubleError('RequestPayloadSizeLimitExceeded', `The request payload size (${base64.length} bytes) has exceeded the limit.`);
        createdWorkbooks.push(base64);
      },
    },
  };
}

export type { FillModel, SheetModel, WorkbookModel } from './excel-double-model';
