/**
 * The worker's side of server/worker-run.ts, in the child process: receives the one job, lets it ask the
 * caller questions, and sends the answer. A fault in the job's own code is reported as such, without its text.
 */
import type { FromWorker, ToWorker } from './worker-run';

export type Ask = (question: unknown) => Promise<unknown>;

/** What the child's IPC channel carries (node:child_process, serialization 'advanced'). */
interface Channel {
  postMessage(msg: FromWorker): void;
  on(event: 'message', listener: (msg: ToWorker) => void): void;
}

function parentChannel(): Channel | null {
  const send = process.send?.bind(process);
  if (!send) return null;
  return { postMessage: (msg) => send(msg), on: (event, listener) => process.on(event, listener) };
}

export function serveJob<J>(run: (job: J, ask: Ask) => Promise<{ value: unknown }>): void {
  const port = parentChannel();
  if (!port) return;
  // A caller that is gone (the service stopped) leaves nothing for the job to do.
  process.on('disconnect', () => process.exit(1));
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
      ({ value }) => port.postMessage({ type: 'done', value } satisfies FromWorker),
      () => port.postMessage({ type: 'fault' } satisfies FromWorker),
    );
  });
}
