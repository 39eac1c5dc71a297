import type { Lang } from '../../shared/schemas';
import type { ReadProblem } from './read-problem';
import { problemMessages, type Messages } from './read-messages';

/** Why a file could not be read as a workbook: the stable code the CLI and the API answer with. */
export type WorkbookReadReason =
  | 'empty'
  | 'not-xlsx'
  | 'truncated'
  | 'encrypted'
  | 'legacy-xls'
  | 'no-sheets'
  | 'too-slow'
  | 'too-big'
  | 'bad-text'
  | 'unreadable'
  | 'not-found';

const reasonOf: Record<ReadProblem['kind'], WorkbookReadReason> = {
  empty: 'empty',
  encrypted: 'encrypted',
  'legacy-xls': 'legacy-xls',
  'empty-zip': 'not-xlsx',
  'not-zip': 'not-xlsx',
  xlsb: 'not-xlsx',
  ods: 'not-xlsx',
  'zip-not-xlsx': 'not-xlsx',
  truncated: 'truncated',
  'damaged-zip': 'unreadable',
  compression: 'unreadable',
  'damaged-part': 'unreadable',
  'reader-failed': 'unreadable',
  'too-much-unpacked': 'too-big',
  'too-many-cells': 'too-big',
  'out-of-memory': 'too-big',
  'file-too-big': 'too-big',
  'text-too-long': 'bad-text',
  'cell-text': 'bad-text',
  'sheet-name': 'bad-text',
  'no-sheets': 'no-sheets',
  'too-slow': 'too-slow',
  'not-found': 'not-found',
  'is-directory': 'not-found',
  'no-permission': 'not-found',
  'cannot-open': 'not-found',
};

/**
 * A file that is not read, with one line a person can act on in each language: `messages.da` and
 * `messages.en`, or `messageIn(lang)`. `message` is the Danish line (Danish is the default everywhere);
 * the CLI and the API pick the user's language with `messageIn`.
 */
export class WorkbookReadError extends Error {
  readonly reason: WorkbookReadReason;
  readonly messages: Messages;

  constructor(reason: WorkbookReadReason, messages: Messages) {
    const oneLine = (s: string) => s.replace(/\s*\n\s*/g, ' ').trim();
    const lines = { da: oneLine(messages.da), en: oneLine(messages.en) };
    super(lines.da);
    this.name = 'WorkbookReadError';
    this.reason = reason;
    this.messages = lines;
  }

  messageIn(lang: Lang): string {
    return this.messages[lang];
  }
}

/** The error for a reader's finding about the file named `file` (null: uploaded bytes). */
export function workbookReadError(problem: ReadProblem, file: string | null): WorkbookReadError {
  return new WorkbookReadError(reasonOf[problem.kind], problemMessages(problem, file));
}
