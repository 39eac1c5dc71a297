/**
 * `npm start` a second time on the same data dir, from the command until GET /api/health answers 200, against
 * a bare node process opening the same PGlite data dir and answering one query (bench/floors/open-pglite.mjs).
 * The first start (migrations, the first admin token, a build if sources changed) is not timed: the second is
 * what a person waits for every day.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../tests/support/service-process';
import { alternate, benchDir, progress, ratioWait, repoRoot } from './measure';
import type { PartResult } from './types';

const runs = 5;

/** Starts `npm start` in a process group of its own; resolves with the ms until /api/health answered 200, once it has stopped. */
async function startUntilHealthy(dataDir: string): Promise<number> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn('npm', ['start'], { cwd: repoRoot, env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), DATABASE_URL: '' }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  const keep = (c: Buffer) => (output = (output + c.toString()).slice(-4000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((r) => child.on('exit', () => r()));
  let gone = false;
  void exited.then(() => (gone = true));
  let ms: number;
  try {
    for (;;) {
      if (gone) throw new Error(`bench start: npm start exited before /api/health answered: ${output}`);
      const status = await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.status, () => 0);
      if (status === 200) {
        ms = performance.now() - t0;
        break;
      }
      if (performance.now() - t0 > 120_000) throw new Error(`bench start: /api/health did not answer 200 within 2 min: ${output}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  } finally {
    // npm, its shell and the service: the whole group this bench started. The data dir's lock goes with the service.
    if (!gone) process.kill(-child.pid!, 'SIGTERM');
    await exited;
  }
  return ms;
}

function openPglite(dataDir: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [join(benchDir, 'floors', 'open-pglite.mjs'), dataDir], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
    let ms = Number.NaN;
    child.stdout.on('data', (c: Buffer) => {
      if (Number.isNaN(ms) && c.toString().includes('open')) ms = performance.now() - t0;
    });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 && !Number.isNaN(ms) ? resolve(ms) : reject(new Error(`bench start: open-pglite exited with ${code}`))));
  });
}

export async function run(): Promise<PartResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'partnerskab-bench-start-'));
  try {
    progress('start', 'first start (not timed): a new data dir');
    await startUntilHealthy(dataDir);
    progress('start', `${runs} second starts, taking turns with opening the data dir bare`);
    const [service, bare] = await alternate(runs, [() => startUntilHealthy(dataDir), () => openPglite(dataDir)]);
    return {
      rows: [ratioWait({ part: 'start', wait: 'npm start (second time) until /api/health answers', ms: service, floor: 'node: open the PGlite data dir, select 1', floorMs: bare, maxRatio: 1.6 })],
      notes: [`npm start on one data dir, polled every 5 ms on /api/health; ${runs} runs after an untimed first start and one untimed second start, taking turns with the floor; medians`],
    };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
