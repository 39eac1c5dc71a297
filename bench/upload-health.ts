/**
 * Health during the worst uploads: the built service as `npm start` runs it (dist/server/main.mjs, built by
 * `node scripts/when-changed.mjs server` when its sources changed), in a process of its own, on PGlite in a
 * fresh data dir and on PostgreSQL, sent each of the largest and most hostile uploads and JSON saves while
 * this process asks /api/health again and again. Per upload: the longest health answer while it was being
 * processed (target ≤ 1 s), against health with nothing else going on; and the service's RSS
 * (/proc/<pid>/status) once it has been idle for a while after the upload against before it (target: back
 * within 50 MB). `run()` gives the rows for `npm run bench`; `npx tsx bench/upload-health.ts` prints them.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { XLSX_TYPE } from '../server/routes/workbooks';
import { createPostgresDatabase } from '../tests/server/databases';
import { snapshotBody, workbook } from '../tests/server/fixtures';
import { adminToken, startMain, stopMain } from '../tests/server/main-process';
import { largeMembershipXlsx, underDeclaredXlsx } from '../tests/server/large-workbooks';
import { xlsxOf, sheetData } from '../tests/server/xlsx/xlsx-parts';
import { median, round } from './measure';
import type { PartResult, Wait } from './types';

const PART = 'upload-health';
const MB = 1024 * 1024;

interface Upload {
  name: string;
  body: () => Buffer | string;
  path: string;
  type: string;
}

/** One 1 MB shared string used by 12,000 cells: the file of issue 12 that drove the old reader to 6 GB. */
function sharedStringBomb(): Buffer {
  const cells = Array.from({ length: 12_000 }, (_v, i) => [`<c r="A${i + 1}" t="s"><v>0</v></c>`]);
  return xlsxOf({ sharedStrings: [`<t>${'x'.repeat(MB)}</t>`], sheets: [{ name: 'Medlemstal', body: sheetData(cells) }] });
}

function bigJson(): string {
  const wb = workbook(2025);
  wb.sheets.push({ name: 'Noter', values: Array.from({ length: 150_000 }, (_v, i) => [`Note ${i + 1}`, 'Aftalt med foreningen', i]) });
  return JSON.stringify(snapshotBody(wb));
}

const uploads: Upload[] = [
  { name: '100,000-row membership sheet (.xlsx)', body: () => largeMembershipXlsx(100_000), path: '/api/workbooks', type: XLSX_TYPE },
  { name: 'zip under-declaring 100 MB (.xlsx)', body: () => underDeclaredXlsx(100), path: '/api/workbooks', type: XLSX_TYPE },
  { name: '1 MB shared string × 12,000 cells (.xlsx)', body: () => sharedStringBomb(), path: '/api/workbooks', type: XLSX_TYPE },
  { name: '9 MB JSON save (POST /api/snapshots)', body: () => bigJson(), path: '/api/snapshots', type: 'application/json' },
];

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
/** How long the service is left idle before its RSS counts as settled: V8 shrinks an idle heap after some seconds. */
const SETTLE_MS = Number(process.env.BENCH_SETTLE_MS ?? 10_000);

const rssOf = (pid: number) => Number(/^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

/** The service's RSS after SETTLE_MS with nothing asked of it. */
async function settledRss(pid: number): Promise<number> {
  await new Promise((r) => setTimeout(r, SETTLE_MS));
  return rssOf(pid);
}

async function healthMs(url: string): Promise<number> {
  const t = performance.now();
  const res = await fetch(`${url}/api/health`);
  await res.arrayBuffer();
  return performance.now() - t;
}

async function measureOn(kind: 'pglite' | 'postgresql'): Promise<{ rows: Wait[]; notes: string[] }> {
  let env: Record<string, string>;
  let dropDb = async () => {};
  const dataDir = mkdtempSync(join(tmpdir(), 'partnerskab-upload-health-'));
  if (kind === 'postgresql') {
    const created = await createPostgresDatabase('partnerskab_bench');
    env = { DATABASE_URL: created.url };
    dropDb = created.drop;
  } else {
    env = { DATA_DIR: dataDir };
  }
  const service = startMain(env);
  const close = async () => {
    await stopMain(service.child);
    rmSync(dataDir, { recursive: true, force: true });
  };
  const url = await service.ready.catch(async (error) => {
    await close();
    await dropDb();
    throw error;
  });
  const pid = service.child.pid!;
  // The admin token the service prints on a fresh database: an admin may save.
  const token = adminToken(service.output());
  if (!token) throw new Error(`no admin token in the service's output: ${service.output()}`);
  const rows: Wait[] = [];
  const notes: string[] = [];
  try {
    const idle: number[] = [];
    for (let i = 0; i < 20; i++) idle.push(await healthMs(url));
    const idleMs = round(median(idle));
    for (const u of uploads) {
      const body = u.body();
      const before = await settledRss(pid);
      const t0 = performance.now();
      let done = false;
      let status = 0;
      const sent = fetch(`${url}${u.path}?save=true`, { method: 'POST', body: typeof body === 'string' ? body : new Uint8Array(body), headers: { authorization: `Bearer ${token}`, 'content-type': u.type } })
        .then(async (res) => {
          status = res.status;
          await res.arrayBuffer();
        })
        .finally(() => {
          done = true;
        });
      const during: number[] = [];
      while (!done) during.push(await healthMs(url));
      await sent;
      const uploadMs = performance.now() - t0;
      const after = await settledRss(pid);
      const worst = round(Math.max(...during));
      rows.push({
        part: PART, wait: `health during ${u.name}, ${kind}`, value: worst, unit: 'ms', floor: 'health, nothing else running', floorValue: idleMs,
        ratio: round(worst / idleMs), target: '≤ 1,000 ms', met: worst <= 1000, runs: during.length,
      });
      const grown = round(after - before);
      rows.push({
        part: PART, wait: `RSS after ${u.name} vs before, ${kind}`, value: grown, unit: 'MB', floor: null, floorValue: null,
        ratio: null, target: '≤ 50 MB', met: grown <= 50, runs: 1,
      });
      notes.push(`${kind}: ${u.name}: answered ${status} after ${round(uploadMs / 1000)} s; ${during.length} health answers meanwhile; RSS ${round(before)} → ${round(after)} MB`);
    }
  } finally {
    await close();
    await dropDb();
  }
  return { rows, notes };
}

export async function run(): Promise<PartResult> {
  const built = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'when-changed.mjs'), 'server'], { cwd: repoRoot, stdio: ['ignore', process.stderr, process.stderr] });
  if (built.status !== 0) throw new Error(`building the service failed (${built.status ?? built.signal})`);
  const rows: Wait[] = [];
  const notes = [`the built service (dist/server/main.mjs) in a process of its own, PGlite in a fresh data dir; its RSS from /proc/<pid>/status after ${SETTLE_MS / 1000} s idle (BENCH_SETTLE_MS), before and after each upload`];
  for (const kind of ['pglite', 'postgresql'] as const) {
    try {
      const r = await measureOn(kind);
      rows.push(...r.rows);
      notes.push(...r.notes);
    } catch (error) {
      notes.push(`${kind}: not measured (${(error as Error).message.split('\n', 1)[0]})`);
    }
  }
  return { rows, notes };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { rows, notes } = await run();
  const header = ['what', 'value', 'unit', 'floor', 'target', 'met', 'runs'];
  const table = [header, ...rows.map((w) => [w.wait, String(w.value), w.unit, w.floorValue === null ? '' : `${w.floorValue} ms`, w.target, w.met ? 'yes' : 'NO', String(w.runs ?? '')])];
  const widths = header.map((_h, i) => Math.max(...table.map((r) => r[i].length)));
  for (const r of table) console.log(`| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`);
  for (const n of notes) console.log(`- ${n}`);
}
