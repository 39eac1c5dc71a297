/**
 * One read of an .xlsx's bytes, as a value: the cells, or why not. The worker runs it; the tests run it in
 * process, where any exception that escapes is a bug in the reader rather than a finding about the file.
 */
import { parseXlsx, defaultReadLimits, type ParsedWorkbook, type ReadLimits } from './parse-xlsx';
import { ReadProblemError, type ReadProblem } from './read-problem';
import { sniffWorkbookBytes } from './sniff';

export type ParseOutcome = { ok: true; parsed: ParsedWorkbook } | { ok: false; problem: ReadProblem };

export function parseOutcome(bytes: Buffer, limits: ReadLimits = defaultReadLimits): ParseOutcome {
  const sniffed = sniffWorkbookBytes(bytes);
  if (sniffed) return { ok: false, problem: sniffed };
  try {
    return { ok: true, parsed: parseXlsx(bytes, limits) };
  } catch (err) {
    if (err instanceof ReadProblemError) return { ok: false, problem: err.problem };
    throw err;
  }
}
