/** Why a file could not be read as a workbook. `message` is always one line a person can act on. */
export type WorkbookReadReason =
  | 'empty'
  | 'not-xlsx'
  | 'truncated'
  | 'encrypted'
  | 'legacy-xls'
  | 'no-sheets'
  | 'too-slow'
  | 'too-big'
  | 'unreadable'
  | 'not-found';

export class WorkbookReadError extends Error {
  readonly reason: WorkbookReadReason;

  constructor(reason: WorkbookReadReason, message: string) {
    // One line, always: the CLI prints it as is and the service returns it as the 400 reason.
    super(message.replace(/\s*\n\s*/g, ' ').trim());
    this.name = 'WorkbookReadError';
    this.reason = reason;
  }
}
