/**
 * Run by pglite-memory.test.ts in a process of its own (so nothing else has used this process's memory):
 * opens PGlite in memory, either as the service does (openDatabase) or bare (argument "bare"), runs a few
 * hundred statements so V8 has reason to tier PostgreSQL's hot functions up, and prints how much of
 * glibc's per-thread malloc arenas is resident, in MB.
 */
import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../../../server/db/connect';

let run: (query: string) => Promise<unknown>;
if (process.argv.includes('bare')) {
  const client = await PGlite.create();
  run = (query) => client.query(query);
} else {
  const database = await openDatabase({ kind: 'pglite', dataDir: null });
  run = (query) => database.db.execute(sql.raw(query));
}
await run('create table t (id int primary key, doc json)');
for (let i = 0; i < 300; i++) {
  await run(`insert into t values (${i}, '{"a": ${i}, "b": "x${i}"}')`);
  await run(`select t.id % 7 as k, count(*), sum((t.doc->>'a')::int) from t group by 1 order by 1`);
}

/**
 * A thread's arena is a 64 MB-aligned mapping of 64 MB: the part in use read-write, the rest reserved
 * (---p) right after it. The main thread's arena is [heap] and is not counted.
 */
const ARENA = 64n << 20n;
const regions: Array<{ start: bigint; end: bigint; perms: string; rssKb: number }> = [];
for (const line of readFileSync('/proc/self/smaps', 'utf8').split('\n')) {
  const head = /^([0-9a-f]+)-([0-9a-f]+) (\S+) /.exec(line);
  if (head) regions.push({ start: BigInt(`0x${head[1]}`), end: BigInt(`0x${head[2]}`), perms: head[3], rssKb: 0 });
  const rss = /^Rss:\s+(\d+) kB/.exec(line);
  if (rss && regions.length > 0) regions[regions.length - 1].rssKb = Number(rss[1]);
}
let arenaKb = 0;
regions.forEach((r, i) => {
  const rest = regions[i + 1];
  const isArena = r.perms.startsWith('rw') && r.start % ARENA === 0n && rest?.perms === '---p' && rest.start === r.end && rest.end - r.start === ARENA;
  if (isArena) arenaKb += r.rssKb;
});
console.log(JSON.stringify({ arenaMb: arenaKb / 1024 }));
process.exit(0);
