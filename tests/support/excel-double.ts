/**
 * A small, faithful Office.js double for the calls addin/excel.ts makes. Like Office, it queues every
 * command and acts only at `context.sync()`: properties throw until they were loaded *and* synced,
 * `isNullObject` is unknown until a sync, a missing sheet fails the sync with ItemNotFound, and a sync whose
 * response would pass Excel on the web's 5 MB limit fails with RequestPayloadSizeLimitExceeded.
 * It records every run, sync and load so tests can count round trips. Runs in Node and in the browser.
 */
import { sheetModel, type SheetInit, type WorkbookModel } from './excel-double-model';
import { Context, type DoubleLog, type Options } from './excel-double-proxy';
import { WorkbookProxy } from './excel-double-sheets';

export { OfficeDoubleError, type DoubleLog } from './excel-double-proxy';

/** A request context with its workbook, as `Excel.run` hands it to the batch. */
export type DoubleContext = Context & { workbook: WorkbookProxy };

export interface ExcelDouble {
  Office: { onReady(): Promise<{ host: string; platform: string }>; HostType: { Excel: string }; context: { displayLanguage: string } };
  Excel: { run<T>(batch: (context: DoubleContext) => Promise<T>): Promise<T> };
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
      async run<T>(batch: (context: DoubleContext) => Promise<T>): Promise<T> {
        log.runs++;
        const context = new Context(workbook, log, options) as DoubleContext;
        context.workbook = new WorkbookProxy(context);
        const result = await batch(context);
        // Excel.run sends what is still queued when the batch returns.
        if (context.pending > 0) await context.sync();
        return result;
      },
    },
  };
}

export type { FillModel, SheetModel, WorkbookModel } from './excel-double-model';
