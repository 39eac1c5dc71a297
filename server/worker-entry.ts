/**
 * How the service starts a worker module that sits beside the module starting it. A compiled build starts
 * the .mjs beside it directly. When the service runs as TypeScript (tsx, vitest), the worker has to compile
 * its .ts file itself: Node 20 does not apply ESM loader hooks to a worker's entry, so it registers tsx's
 * CommonJS hook and requires the file.
 */
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';

/** How many workers of one kind may run at once: one per core but the one the service keeps, 1 to 4. */
export const workersAtOnce = Math.max(1, Math.min(4, availableParallelism() - 1));

export interface WorkerEntry {
  /** The first argument of `new Worker`. */
  entry: string | URL;
  /** Its `eval` option. */
  eval: boolean;
}

export function workerEntry(name: string, besideUrl: string): WorkerEntry {
  const ext = extname(fileURLToPath(besideUrl));
  const url = new URL(`./${name}${ext}`, besideUrl);
  if (ext !== '.ts') return { entry: url, eval: false };
  const tsx = createRequire(besideUrl).resolve('tsx/cjs/api');
  return { entry: `require(${JSON.stringify(tsx)}).register();\nrequire(${JSON.stringify(fileURLToPath(url))});`, eval: true };
}
