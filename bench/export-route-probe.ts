/**
 * Developer probe (not part of `npm run bench`, which measures the same in its server part): the yearly export through the route, several times per
 * format, against the service in its own process (bench/server-target.ts), with that process's RSS
 * sampled from /proc. The full server bench takes minutes and overwrites bench/results.json; this one
 * answers "what does a change to the export path do" in well under a minute on a small seed.
 *
 *   npx tsx bench/export-route-probe.ts [pglite|postgresql] [runs]
 *   env: BENCH_SNAPSHOTS (default 10,000), BENCH_EXPORT_ROWS (default 10,000),
 *        PROBE_NODE_ARGS (extra node flags for the service, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof")
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPostgresDatabase } from '../tests/server/databases';
import { cpuMs, rssMb } from './measure';

const here = dirname(fileURLToPath(import.meta.url));
const kind = process.argv[2] === 'postgresql' ? 'postgresql' : 'pglite';
const runs = Number(process.argv[3] ?? 5);

// PROBE_DATA_DIR / PROBE_DATABASE_URL: a database seeded before (BENCH_PHASE=seed of server-target.ts), kept.
const reuse = kind === 'postgresql' ? process.env.PROBE_DATABASE_URL : process.env.PROBE_DATA_DIR;
const dir = reuse && kind === 'pglite' ? reuse : mkdtempSync(join(tmpdir(), 'partnerskab-probe-'));
const pg = kind === 'postgresql' && !reuse ? await createPostgresDatabase('partnerskab_probe') : null;
const env: Record<string, string> =
  kind === 'postgresql' ? { BENCH_DB: kind, BENCH_DATABASE_URL: reuse ?? pg!.url } : { BENCH_DB: kind, BENCH_DATA_DIR: dir };
if (reuse) env.BENCH_SEEDED = '1';
const nodeArgs = (process.env.PROBE_NODE_ARGS ?? '').split(' ').filter(Boolean);
const t0 = performance.now();
const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', join(here, 'server-target.ts')], {
  cwd: join(here, '..'),
  env: { ...process.env, ...env },
  stdio: ['ignore', 'pipe', 'inherit'],
});
try {
  const info = await new Promise<{ url: string; reader: string }>((resolve, reject) => {
    let text = '';
    child.stdout!.on('data', (c: Buffer) => {
      text += c.toString();
      const m = /READY (\{.*\})/.exec(text);
      if (m) resolve(JSON.parse(m[1]));
    });
    child.on('exit', (code) => reject(new Error(`server-target exited with ${code}: ${text}`)));
  });
  console.log(`${kind}: ready after ${Math.round(performance.now() - t0)} ms, service RSS ${Math.round(rssMb(child.pid!))} MB`);
  for (const format of ['xlsx', 'csv'] as const) {
    const ms: number[] = [];
    const cpu: number[] = [];
    for (let r = 0; r < runs; r++) {
      const base = rssMb(child.pid!);
      let peak = base;
      const timer = setInterval(() => (peak = Math.max(peak, rssMb(child.pid!))), 10);
      const start = performance.now();
      const cpu0 = cpuMs(child.pid!);
      const res = await fetch(`${info.url}/api/years/2030/membership.${format}`, { headers: { authorization: `Bearer ${info.reader}` } });
      const bytes = (await res.arrayBuffer()).byteLength;
      const took = performance.now() - start;
      cpu.push(cpuMs(child.pid!) - cpu0);
      clearInterval(timer);
      peak = Math.max(peak, rssMb(child.pid!));
      if (res.status !== 200) throw new Error(`${format} answered ${res.status}`);
      ms.push(took);
      console.log(`  ${format} run ${r + 1}: ${Math.round(took)} ms (service cpu ${cpu.at(-1)} ms), ${Math.round(bytes / 1024)} KB, RSS ${Math.round(base)} → ${Math.round(peak)} MB`);
    }
    const later = ms.slice(1).sort((a, b) => a - b);
    const laterCpu = cpu.slice(1).sort((a, b) => a - b);
    const mid = Math.floor(later.length / 2);
    console.log(`  ${format}: first ${Math.round(ms[0])} ms (cpu ${cpu[0]}), later median ${Math.round(later[mid] ?? NaN)} ms (cpu ${laterCpu[mid]})`);
  }
} finally {
  await new Promise<void>((r) => (child.exitCode !== null ? r() : (child.on('exit', () => r()), child.kill('SIGTERM'))));
  if (!reuse) rmSync(dir, { recursive: true, force: true });
  await pg?.drop();
}
