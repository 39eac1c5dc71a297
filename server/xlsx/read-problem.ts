/**
 * Why a file is not read, as plain data: it crosses from the parsing worker to the caller, which turns it into
 * a WorkbookReadError with its message in Danish and English (read-messages.ts). No JavaScript error text is
 * ever part of it.
 */
import type { TextProblem } from '../../shared/text-safety';

export type NotZipLook = 'binary' | 'markup' | 'csv' | 'text';
export type WorkbookPart = 'package' | 'workbook' | 'styles' | 'shared-strings' | 'sheet';

export type ReadProblem =
  | { kind: 'empty' }
  | { kind: 'encrypted' }
  | { kind: 'legacy-xls' }
  | { kind: 'empty-zip' }
  | { kind: 'not-zip'; looksLike: NotZipLook }
  | { kind: 'truncated' }
  | { kind: 'xlsb' }
  | { kind: 'ods' }
  | { kind: 'zip-not-xlsx' }
  | { kind: 'damaged-zip' }
  | { kind: 'compression'; method: number }
  | { kind: 'too-much-unpacked'; limitBytes: number; declaredBytes?: number }
  | { kind: 'damaged-part'; part: WorkbookPart; sheet?: string }
  | { kind: 'no-sheets' }
  | { kind: 'too-many-cells'; sheet: string; rows: number; cols: number; limit: number }
  | { kind: 'text-too-long'; sheet: string; cell: string; length: number; max: number }
  | { kind: 'cell-text'; sheet: string; cell: string; problem: TextProblem }
  | { kind: 'sheet-name'; index: number; problem: TextProblem | { kind: 'personal-data' } }
  | { kind: 'too-slow'; ms: number }
  | { kind: 'out-of-memory'; mb: number }
  | { kind: 'file-too-big'; mb: number; limitMb: number }
  | { kind: 'not-found'; path: string }
  | { kind: 'is-directory'; path: string }
  | { kind: 'no-permission'; path: string }
  | { kind: 'cannot-open'; path: string; code: string }
  | { kind: 'reader-failed' };

/** Thrown inside the reader to stop at once; caught at its edge and handed on as data. */
export class ReadProblemError extends Error {
  readonly problem: ReadProblem;

  constructor(problem: ReadProblem) {
    super(problem.kind);
    this.name = 'ReadProblemError';
    this.problem = problem;
  }
}
