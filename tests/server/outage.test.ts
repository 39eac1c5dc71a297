/**
 * The service survives its PostgreSQL going away. On a PostgreSQL 15 cluster of its own (never the shared one
 * on 5432), under the built service as `npm start` runs it:
 *  - pg_terminate_backend on the pool's idle connections does not end the process, and the next requests work;
 *  - with the cluster stopped, every database route answers 503 database-unavailable and /api/health says
 *    why, and the process lives on; started again, the service answers as before, without a restart;
 *  - with the cluster frozen (its processes stopped with SIGSTOP: connections accepted, never answered), the
 *    timeouts turn the waits into 503s, and the service answers again once it thaws.
 * States are polled in bounded loops; nothing asserts how long anything took.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/service-process';
import { processAlive } from '../../server/db/data-dir-lock';
import { snapshotBody, workbook } from './fixtures';
import { adminToken, startMain, stopMain, type MainProcess } from './main-process';

const VERSION = '15';
const NAME_PREFIX = 'partnerskab_outage_';
const cluster = `${NAME_PREFIX}${process.pid}`;

function unavailable(): string | null {
  if (!existsSync(`/usr/lib/postgresql/${VERSION}/bin/postgres`)) return `PostgreSQL ${VERSION} is not installed`;
  for (const tool of ['pg_createcluster', 'pg_ctlcluster', 'pg_dropcluster', 'runuser']) {
    try {
      execFileSync('which', [tool], { stdio: 'ignore' });
    } catch {
      return `${tool} is not on PATH`;
    }
  }
  if (process.getuid?.() !== 0) return 'making a PostgreSQL cluster needs root (the cluster tools run as root here)';
  return null;
}

const skip = unavailable();
if (skip) {
  if (process.env.CI === 'true') throw new Error(`CI=true needs the outage test: ${skip}`);
  console.warn(`SKIPPING the PostgreSQL outage test: ${skip}`);
}

const run = (command: string, args: string[]) => execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const ctl = (action: 'start' | 'stop') => run('pg_ctlcluster', ['--skip-systemctl-redirect', VERSION, cluster, action]);
const psql = (port: number, query: string, database = 'postgres') =>
  run('runuser', ['-u', 'postgres', '--', 'psql', '-p', String(port), '-d', database, '-Atqc', query]).trim();

/** Clusters left behind by runs that were killed before they could drop theirs (their process is gone). */
function dropOrphans(): void {
  for (const line of run('pg_lsclusters', ['--no-header']).split('\n')) {
    const [version, name] = line.trim().split(/\s+/);
    const pid = name?.startsWith(NAME_PREFIX) ? Number(name.slice(NAME_PREFIX.length)) : NaN;
    if (version === VERSION && Number.isInteger(pid) && pid !== process.pid && !processAlive(pid)) {
      try {
        run('pg_dropcluster', ['--stop', VERSION, name]);
      } catch {
        // Someone else dropped it meanwhile.
      }
    }
  }
}

/** Asks `probe` until it gives a value, at most `attempts` times, `pauseMs` apart; the last error if never. */
async function poll<T>(what: string, probe: () => Promise<T | undefined>, attempts = 120, pauseMs = 500): Promise<T> {
  let last: unknown;
  for (let i = 0; i < attempts; i++) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, pauseMs));
  }
  throw new Error(`${what}: not after ${attempts} tries${last ? ` (${(last as Error).message})` : ''}`);
}

/** The cluster's processes: the postmaster (first) and its children. */
function clusterPids(): number[] {
  const dataDir = `/var/lib/postgresql/${VERSION}/${cluster}`;
  const postmaster = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n', 1)[0]);
  const children = run('ps', ['-o', 'pid=', '--ppid', String(postmaster)]).split('\n').map(Number).filter((n) => n > 0);
  return [postmaster, ...children];
}

describe.skipIf(skip !== null)('a PostgreSQL outage under the running service', () => {
  let port: number;
  let service: MainProcess;
  let url: string;
  let token: string;
  let firstId: string;

  beforeAll(async () => {
    dropOrphans();
    port = await freePort();
    run('pg_createcluster', [
      VERSION, cluster, '-p', String(port),
      '-o', 'max_connections=30', '-o', 'shared_buffers=16MB', '-o', 'fsync=off',
    ]);
    ctl('start');
    await poll('the new cluster answers', async () => (psql(port, 'select 1') === '1' ? true : undefined), 60);
    // Debian's clusters take TCP logins with scram-sha-256, PostgreSQL 15's password encryption.
    psql(port, "create role outage login password 'outage-pw'");
    psql(port, 'create database outage owner outage');

    service = startMain({ DATABASE_URL: `postgres://outage:outage-pw@127.0.0.1:${port}/outage` });
    url = await service.ready;
    token = adminToken(service.output())!;
    expect(token, service.output()).toBeDefined();
  });

  afterAll(async () => {
    // The cluster may be frozen if a test failed half-way.
    if (!skip) {
      try {
        for (const pid of clusterPids()) process.kill(pid, 'SIGCONT');
      } catch {
        // Not running.
      }
    }
    if (service) await stopMain(service.child);
    if (!skip) {
      try {
        run('pg_dropcluster', ['--stop', VERSION, cluster]);
      } catch {
        // Never made.
      }
    }
  });

  const headers = () => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });
  // A generous deadline per request: a hang is a failure, and how long the answer took is not asserted.
  const call = (path: string, init: RequestInit = {}) =>
    fetch(`${url}${path}`, { ...init, headers: headers(), signal: AbortSignal.timeout(60_000) });
  const alive = () => {
    expect(service.child.exitCode, service.output()).toBeNull();
    expect(service.child.signalCode).toBeNull();
  };
  const databaseRoutes = (): Array<[string, RequestInit?]> => [
    ['/api/years/2025/districts'],
    ['/api/districts/trend?from=2024&to=2026'],
    ['/api/snapshots?year=2025'],
    [`/api/snapshots/${firstId}`],
    ['/api/years/2025/membership.xlsx'],
    ['/api/years/2025/membership.csv'],
    ['/api/tokens'],
    ['/api/snapshots', { method: 'POST', body: JSON.stringify(snapshotBody(workbook(2026))) }],
  ];
  const expect503 = async (res: Response, path: string) => {
    expect(res.status, path).toBe(503);
    const body = await res.json();
    expect(body.error.code, path).toBe('database-unavailable');
    expect(body.error.message, path).toMatch(/^Databasen kan ikke nås lige nu \(.+\)\. Prøv igen/);
    return body;
  };

  it('keeps serving when idle pooled connections are ended with pg_terminate_backend', async () => {
    const saved = await call('/api/snapshots', { method: 'POST', body: JSON.stringify(snapshotBody(workbook())) });
    expect(saved.status, service.output()).toBe(201);
    firstId = (await saved.json()).snapshot.id;
    expect((await call('/api/health')).status).toBe(200);

    // The pool drops idle connections after a while of its own: ask until some were there to end.
    const ended = await poll('an idle pooled connection to end', async () => {
      await Promise.all([call('/api/years/2025/districts'), call('/api/snapshots'), call('/api/health')]);
      const n = Number(psql(port, "select count(*) from (select pg_terminate_backend(pid) from pg_stat_activity where usename = 'outage' and state = 'idle') t"));
      return n > 0 ? n : undefined;
    }, 20);
    expect(ended).toBeGreaterThan(0);
    await poll('the service to log the lost connection', async () => (/PostgreSQL connection lost/.test(service.output()) ? true : undefined), 40);
    alive();
    const districts = await call('/api/years/2025/districts');
    expect(districts.status).toBe(200);
    expect((await districts.json()).snapshot.id).toBe(firstId);
  });

  it('answers 503 on every database route while the cluster is stopped, and says why at /api/health', async () => {
    ctl('stop');
    await poll('a 503 while stopped', async () => ((await call('/api/years/2025/districts')).status === 503 ? true : undefined));
    for (const [path, init] of databaseRoutes()) await expect503(await call(path, init), path);
    const health = await call('/api/health');
    const body = await expect503(health, '/api/health');
    expect(body).toMatchObject({ status: 'unavailable', database: 'postgresql' });
    expect(body.error.message).toMatch(/den tager ikke imod forbindelser|forbindelsen til den blev afbrudt|den er ved at starte eller lukke ned/);
    expect(health.headers.get('retry-after')).toBe('5');
    alive();
  });

  it('answers again once the cluster is back, without a restart', async () => {
    ctl('start');
    await poll('/api/health to say ok', async () => ((await call('/api/health')).status === 200 ? true : undefined));
    const districts = await call('/api/years/2025/districts');
    expect(districts.status).toBe(200);
    expect((await districts.json()).snapshot.id).toBe(firstId);
    const changed = workbook();
    changed.sheets[1].values[1][6] = 999;
    const saved = await call('/api/snapshots', { method: 'POST', body: JSON.stringify(snapshotBody(changed, { basedOn: firstId })) });
    expect(saved.status).toBe(201);
    alive();
  });

  it('turns a frozen cluster\'s silence into 503s by its timeouts, and answers again when it thaws', async () => {
    const pids = clusterPids();
    for (const pid of pids) process.kill(pid, 'SIGSTOP');
    try {
      const health = await call('/api/health');
      const body = await expect503(health, '/api/health');
      expect(body.error.message).toMatch(/den svarede ikke i tide/);
      for (const [path, init] of databaseRoutes().slice(0, 3)) await expect503(await call(path, init), path);
      alive();
    } finally {
      for (const pid of pids) process.kill(pid, 'SIGCONT');
    }
    await poll('/api/health to say ok after the thaw', async () => ((await call('/api/health')).status === 200 ? true : undefined));
    expect((await call('/api/years/2025/districts')).status).toBe(200);
    alive();
    // Every connection it lost was reported as a line of the log, never as a crash with a stack trace.
    expect(service.output()).not.toMatch(/^\s+at /m);
  });
});
