/**
 * What the check worker (server/check-worker.ts) does with a save or an upload, off the service's event loop:
 * the JSON body parsed and checked, or the .xlsx read, then the workbook validated and the snapshot made
 * ready to store. Every answer that needs no database is finished here, its JSON body encoded, so that not
 * even serialising a large report falls to the event loop; only a valid save goes back to be stored. The
 * previous year's membership is asked of the caller (`ask`), which reads it from the database.
 */
import type { Lang, PreviousMembership, ProgrammeConfig } from '../shared/index';
import { invalidRequestAnswer, invalidWorkbookAnswer } from './routes/errors';
import { messages } from './messages';
import { checkForSave, checkReport, checkSaveBody, type CheckOptions, type PreparedSave, type SaveWishes } from './save-check';
import type { Ask } from './worker-job';
import { toWorkbookInput } from './xlsx/grid';
import { parseOutcome } from './xlsx/parse-outcome';
import type { ReadLimits } from './xlsx/parse-xlsx';
import type { ReadProblem } from './xlsx/read-problem';

export type CheckJob =
  /** The body's bytes as they came: decoded and parsed here, in the worker, not on the event loop. */
  | { kind: 'json'; bytes: Uint8Array; lang: Lang; config: ProgrammeConfig }
  | { kind: 'upload'; bytes: Uint8Array; limits: ReadLimits; options: CheckOptions; save: boolean; lang: Lang; config: ProgrammeConfig };

/** A finished answer (its status and JSON body), a valid save to store, or a file that is not read. */
export type CheckAnswer =
  | { kind: 'answer'; status: 200 | 400 | 422; body: Uint8Array }
  | { kind: 'checked'; save: PreparedSave; wishes: SaveWishes | null }
  | { kind: 'unreadable'; problem: ReadProblem };

const answer = (status: 200 | 400 | 422, value: unknown): CheckAnswer => ({ kind: 'answer', status, body: new TextEncoder().encode(JSON.stringify(value)) });

export async function runCheck(job: CheckJob, ask: Ask): Promise<CheckAnswer> {
  const previousOf = (year: number) => ask(year) as Promise<PreviousMembership | null>;
  if (job.kind === 'json') {
    // As Request.text() decodes: UTF-8, a BOM dropped, a bad sequence replaced.
    const checked = await checkSaveBody(new TextDecoder().decode(job.bytes), job.config, previousOf, job.lang);
    if (checked.kind === 'malformed-json') return answer(400, { error: { code: 'malformed-json', message: messages.malformedJson[job.lang](checked.position) } });
    if (checked.kind === 'invalid-body') return answer(400, invalidRequestAnswer(job.lang, 'body', checked.issues));
    if (checked.workbook.kind === 'invalid') return answer(422, invalidWorkbookAnswer(job.lang, checked.workbook.report));
    return { kind: 'checked', save: checked.workbook.save, wishes: checked.wishes };
  }
  const outcome = parseOutcome(Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength), job.limits);
  if (!outcome.ok) return { kind: 'unreadable', problem: outcome.problem };
  const workbook = toWorkbookInput(outcome.parsed);
  if (!job.save) return answer(200, { report: await checkReport(workbook, job.options, job.config, previousOf) });
  const checked = await checkForSave(workbook, job.options, job.config, previousOf);
  if (checked.kind === 'invalid') return answer(422, invalidWorkbookAnswer(job.lang, checked.report));
  return { kind: 'checked', save: checked.save, wishes: null };
}
