/**
 * The worker's side of server/worker-run.ts: receives the one job, lets it ask the caller questions, and
 * posts the answer with the buffers it names transferred rather than copied. A fault in the job's own code
 * is reported as such, without its text.
 */
import { parentPort, type TransferListItem } from 'node:worker_threads';
import type { FromWorker, ToWorker } from './worker-run';

export type Ask = (question: unknown) => Promise<unknown>;

export function serveJob<J>(run: (job: J, ask: Ask) => Promise<{ value: unknown; transfer?: TransferListItem[] }>): void {
  const port = parentPort;
  if (!port) return;
  const waiting = new Map<number, (value: unknown) => void>();
  let next = 0;
  const ask: Ask = (question) =>
    new Promise((resolve) => {
      const id = next++;
      waiting.set(id, resolve);
      port.postMessage({ type: 'ask', id, question } satisfies FromWorker);
    });
  port.on('message', (msg: ToWorker) => {
    if (msg.type === 'reply') {
      waiting.get(msg.id)?.(msg.value);
      waiting.delete(msg.id);
      return;
    }
    run(msg.job as J, ask).then(
      ({ value, transfer }) => port.postMessage({ type: 'done', value } satisfies FromWorker, transfer ?? []),
      () => port.postMessage({ type: 'fault' } satisfies FromWorker),
    );
  });
}
