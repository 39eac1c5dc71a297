/**
 * How the service starts a worker module that sits beside the module starting it, as a child process. A
 * compiled build starts the .mjs beside it directly. When the service runs as TypeScript (tsx, vitest), the
 * child loads tsx first (`--import`), which compiles the .ts file.
 */
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { extname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** How many workers of one kind may run at once: one per core but the one the service keeps, 1 to 4. */
export const workersAtOnce = Math.max(1, Math.min(4, availableParallelism() - 1));

export interface WorkerEntry {
  /** The module the child process runs. */
  path: string;
  /** Node's options before it, besides the memory limit: tsx's loader for a .ts module. */
  execArgv: string[];
}

export function workerEntry(name: string, besideUrl: string): WorkerEntry {
  const ext = extname(fileURLToPath(besideUrl));
  const path = fileURLToPath(new URL(`./${name}${ext}`, besideUrl));
  if (ext !== '.ts') return { path, execArgv: [] };
  return { path, execArgv: ['--import', pathToFileURL(createRequire(besideUrl).resolve('tsx')).href] };
}
