/**
 * The save worker: runs POST /api/snapshots' checks (server/save-check.ts) off the service's event loop.
 * Messages are listed in server/save-checks.ts. The previous year's membership comes from the service,
 * which alone reads the database; this thread keeps the last few it was sent, by the key the service gave
 * them, so the rows cross once per object the service's read cache hands out rather than once per save.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { PreviousMembership, ProgrammeConfig } from '../shared/index';
import { checkSaveBody } from './save-check';
import type { FromService, PreviousHint, ToService } from './save-checks';

const config = (workerData as { config: ProgrammeConfig }).config;
const port = parentPort!;
const KEPT = 32;
const kept = new Map<number, PreviousMembership>();
const answers = new Map<number, (m: FromService) => void>();

function ask(message: ToService & { job: number }): Promise<FromService> {
  return new Promise((resolve) => {
    answers.set(message.job, resolve);
    port.postMessage(message);
  });
}

function keep(key: number, previous: PreviousMembership): void {
  if (kept.has(key)) return;
  if (kept.size >= KEPT) kept.delete(kept.keys().next().value!);
  kept.set(key, previous);
}

async function previousOf(job: number, year: number, hint: PreviousHint | null): Promise<PreviousMembership | null> {
  let key: number;
  if (hint?.year === year) {
    key = hint.key;
  } else {
    const answer = await ask({ type: 'previous', job, year });
    if (answer.type !== 'previous') throw new Error(`save worker: expected the previous membership, got ${answer.type}`);
    if ('failed' in answer) throw new Error(answer.failed);
    key = answer.key;
  }
  if (key === 0) return null;
  let previous = kept.get(key);
  if (!previous) {
    const rows = await ask({ type: 'rows', job, key });
    if (rows.type !== 'rows') throw new Error(`save worker: expected rows, got ${rows.type}`);
    previous = rows.previous;
    keep(key, previous);
  }
  return previous;
}

port.on('message', (message: FromService) => {
  if (message.type !== 'check') {
    const answer = answers.get(message.job);
    answers.delete(message.job);
    answer?.(message);
    return;
  }
  const { job, hint } = message;
  if (hint?.previous) keep(hint.key, hint.previous);
  checkSaveBody(message.text, config, (year) => previousOf(job, year, hint)).then(
    (result) => port.postMessage({ type: 'done', job, result } satisfies ToService),
    (error: unknown) => port.postMessage({ type: 'failed', job, message: error instanceof Error ? error.message : String(error) } satisfies ToService),
  );
});
