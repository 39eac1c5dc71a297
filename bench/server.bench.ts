/**
 * Floors the plain service must hold (issue 11), on PGlite and on PostgreSQL, with 10,000 versions stored
 * (bench/server-target.ts seeds them and serves the app as npm start does, built, in a process of its own):
 *   - GET /api/years/2025/districts at 50 connections: p99 ≤ 50 ms;
 *   - POST /api/snapshots of a 21-association workbook at 50 connections, each a new content: ≥ 50 saves/s;
 *   - the yearly export of 10,000 association-years through the route (.xlsx and .csv): ≤ 2 s, the service's
 *     RSS ≤ 300 MB meanwhile.
 * autocannon on loopback; each load BENCH_ROUNDS times (default 3) of BENCH_SECONDS (default 5) after
 * BENCH_WARMUP_SECONDS (default 3) of the same load not counted; the median round.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { build } from 'esbuild';
import { buildServer } from '../scripts/build-server';
import { adminUrl, createPostgresDatabase } from '../tests/server/databases';
import { associations2025, snapshotBody, workbook } from '../tests/server/fixtures';
import { absoluteWait, benchDir, cpuMs, median, peakRssWhile, progress as say, repoRoot } from './measure';
import type { PartResult, Wait } from './types';

const part = 'server';
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const warmupSeconds = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const exportRuns = 5;
const connections = 50;
const progress = (line: string) => say(part, line);

interface Target {
  child: ChildProcess;
  /** The service prints its tokens too; the bare server only its URL. */
  info: { url: string; editor: string; reader: string };
  stop: () => Promise<void>;
}

let builtTarget: Promise<string> | undefined;

/** bench/server-target.ts bundled like server/main.ts (scripts/build-server.ts), beside the migrations it needs. */
async function buildTarget(): Promise<string> {
  const out = await buildServer();
  const target = join(out, 'bench-target.mjs');
  await build({
    entryPoints: [join(benchDir, 'server-target.ts')], outfile: target, bundle: true, platform: 'node', format: 'esm',
    target: 'node20', packages: 'external', logLevel: 'warning',
  });
  return target;
}

function start(script: string, env: Record<string, string>): Promise<Target> {
  const child = spawn(process.execPath, [script], { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  let ready = false;
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      // Once ready the service logs a line per request: only a tail is kept, for the message if it dies.
      text += chunk.toString();
      const m = ready ? null : /READY (\{.*\})/.exec(text);
      text = text.slice(-4096);
      if (!m) return;
      ready = true;
      resolve({
        child,
        info: JSON.parse(m[1]),
        stop: () => new Promise((r) => (child.exitCode !== null ? r() : (child.on('exit', () => r()), child.kill('SIGTERM')))),
      });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`bench server: the service exited with ${code}: ${text.slice(-2000)}`)));
  });
}

interface Round {
  rps: number;
  p99: number;
  non2xx: number;
  errors: number;
}

async function loadRounds(opts: autocannon.Options, times = rounds): Promise<Round[]> {
  const out: Round[] = [];
  for (let r = 0; r < times; r++) {
    const res = await autocannon({ connections, duration: seconds, warmup: { connections, duration: warmupSeconds }, ...opts });
    out.push({ rps: res.requests.average, p99: res.latency.p99, non2xx: res.non2xx, errors: res.errors });
  }
  return out;
}

const described = (rs: Round[], f: (r: Round) => number) => rs.map((r) => Math.round(f(r))).join(', ');

async function benchDatabase(kind: 'pglite' | 'postgresql', env: Record<string, string>): Promise<PartResult> {
  progress(`${kind}: seeding 10,000 versions and starting the service`);
  const target = await start(await (builtTarget ??= buildTarget()), { BENCH_DB: kind, ...env });
  const { url, editor, reader } = target.info;
  const rows: Wait[] = [];
  const notes: string[] = [];
  try {
    progress(`${kind}: districts, taking turns with a bare node:http server answering the same bytes`);
    const headers = { authorization: `Bearer ${reader}` };
    const json = await (await fetch(`${url}/api/years/2025/districts`, { headers })).text();
    // The same load on a server that only answers the same bytes: what this machine, as loaded now, gives.
    const bare = await start(join(benchDir, 'floors', 'bare-http.mjs'), { BENCH_BODY: json });
    const districts: Round[] = [];
    const bareRounds: Round[] = [];
    try {
      for (let r = 0; r < rounds; r++) {
        bareRounds.push(...(await loadRounds({ url: `${bare.info.url}/api/years/2025/districts`, headers }, 1)));
        districts.push(...(await loadRounds({ url: `${url}/api/years/2025/districts`, headers }, 1)));
      }
    } finally {
      await bare.stop();
    }
    const p99 = median(districts.map((r) => r.p99));
    const failed = districts.reduce((n, r) => n + r.non2xx + r.errors, 0);
    rows.push(absoluteWait({
      part, wait: `${kind}: districts at ${connections} connections, p99`, value: p99, unit: 'ms', target: 'p99 ≤ 50 ms', met: p99 <= 50 && failed === 0, runs: rounds,
      floor: 'bare node:http, same bytes, same load', floorValue: median(bareRounds.map((r) => r.p99)),
    }));
    notes.push(`${kind} districts: p99 ${described(districts, (r) => r.p99)} ms, ${described(districts, (r) => r.rps)} req/s in the ${rounds} rounds (bare server: p99 ${described(bareRounds, (r) => r.p99)} ms, ${described(bareRounds, (r) => r.rps)} req/s); ${failed} failed`);

    // Each save a new content (the member count of one association), so each is validated and stored. The
    // bodies differ only in that number, so making one costs the load generator a string replace.
    let n = 0;
    const rows21 = associations2025();
    const MARKER = 987_654_321;
    rows21[0].totalMembers = MARKER;
    // force: 50 senders on one year would otherwise conflict by design.
    const template = JSON.stringify(snapshotBody(workbook(2025, rows21), { force: true }));
    if (template.split(String(MARKER)).length !== 2) throw new Error('bench server: the save body marker is not unique');
    progress(`${kind}: saves`);
    const saves = await loadRounds({
      url,
      requests: [{ method: 'POST', path: '/api/snapshots', headers: { authorization: `Bearer ${editor}`, 'content-type': 'application/json' }, setupRequest: (req) => ({ ...req, body: template.replace(String(MARKER), String(100_000 + n++)) }) }],
    });
    const rps = median(saves.map((r) => r.rps));
    const savesFailed = saves.reduce((n, r) => n + r.non2xx + r.errors, 0);
    rows.push(absoluteWait({ part, wait: `${kind}: saves of 21 associations at ${connections} connections`, value: rps, unit: 'saves/s', target: '≥ 50 saves/s', met: rps >= 50 && savesFailed === 0, runs: rounds }));
    notes.push(`${kind} saves: ${described(saves, (r) => r.rps)} saves/s, p99 ${described(saves, (r) => r.p99)} ms in the ${rounds} rounds; ${savesFailed} failed`);

    for (const format of ['xlsx', 'csv'] as const) {
      progress(`${kind}: export .${format}`);
      const cpu: number[] = [];
      const { result: times, baseMb, peakMb } = await peakRssWhile(target.child.pid!, async () => {
        const ms: number[] = [];
        for (let r = 0; r < exportRuns; r++) {
          const cpu0 = cpuMs(target.child.pid!);
          const t0 = performance.now();
          const res = await fetch(`${url}/api/years/2030/membership.${format}`, { headers: { authorization: `Bearer ${reader}` } });
          await res.arrayBuffer();
          ms.push(performance.now() - t0);
          cpu.push(cpuMs(target.child.pid!) - cpu0);
          if (res.status !== 200) throw new Error(`bench server: export .${format} answered ${res.status}`);
        }
        return ms;
      });
      const ms = median(times);
      rows.push(absoluteWait({ part, wait: `${kind}: export .${format} of 10,000 associations (route)`, value: ms, unit: 'ms', target: '≤ 2,000 ms', met: Math.max(...times) <= 2000, runs: exportRuns }));
      rows.push(absoluteWait({ part, wait: `${kind}: service RSS during the .${format} exports, peak`, value: peakMb, unit: 'MB', target: '≤ 300 MB', met: peakMb <= 300, runs: null }));
      notes.push(`${kind} export .${format}: ${times.map((t) => Math.round(t)).join(', ')} ms (the first is the first since start), service CPU ${cpu.join(', ')} ms; service RSS ${Math.round(baseMb)} → ${Math.round(peakMb)} MB${kind === 'pglite' ? ' (PGlite inside it)' : ''}`);
    }
  } finally {
    await target.stop();
  }
  return { rows, notes };
}

export async function run(): Promise<PartResult> {
  const rows: Wait[] = [];
  const notes = [`autocannon, ${connections} connections, loopback; ${rounds} rounds of ${seconds} s after ${warmupSeconds} s not counted (BENCH_ROUNDS, BENCH_SECONDS, BENCH_WARMUP_SECONDS); the service built, in its own process`];
  const dir = mkdtempSync(join(tmpdir(), 'partnerskab-bench-'));
  try {
    const r = await benchDatabase('pglite', { BENCH_DATA_DIR: dir });
    rows.push(...r.rows);
    notes.push(...r.notes);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  let pg: { url: string; drop: () => Promise<void> } | null = null;
  try {
    pg = await createPostgresDatabase('partnerskab_bench');
  } catch (error) {
    notes.push(`PostgreSQL NOT measured: not reachable at ${adminUrl.replace(/:[^:@/]+@/, ':***@')} (${(error as Error).message}); run bash scripts/ensure-postgres.sh`);
  }
  if (pg) {
    try {
      const r = await benchDatabase('postgresql', { BENCH_DATABASE_URL: pg.url });
      rows.push(...r.rows);
      notes.push(...r.notes);
    } catch (error) {
      // PGlite's figures stay; the table says PostgreSQL's are missing and why.
      rows.push({ part, wait: 'postgresql: the floors above', value: null, unit: 'ms', floor: null, floorValue: null, ratio: null, target: 'measured', met: false, runs: null });
      notes.push(`postgresql FAILED: ${(error as Error).message.slice(0, 500)}`);
    } finally {
      await pg.drop();
    }
  }
  return { rows, notes };
}
