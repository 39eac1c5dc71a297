/**
 * `npm run bench`: what a person waits for, each against the floor of the same work measured in the same run,
 * as one table on stdout and in bench/results.json. `npm run bench -- cli start` runs only those parts; the
 * file keeps the other parts' last figures (each part says when and under what load it was measured).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { benchDir } from './measure';
import type { PartResult, StoredPart, Wait } from './types';

const parts: Record<string, { about: string; load: () => Promise<{ run: () => Promise<PartResult> }> }> = {
  cli: { about: 'validate, --help and template on the command line', load: () => import('./cli.bench') },
  start: { about: 'npm start a second time until /api/health answers', load: () => import('./start.bench') },
  addin: { about: 'Kontrollér on a big sheet in the task pane', load: () => import('./addin.bench') },
  reader: { about: 'reading a large .xlsx written by another program', load: () => import('./reader.bench') },
  core: { about: 'validateWorkbook on 10k + 10k rows, and its growth with rows', load: () => import('./core.bench') },
  server: { about: 'the service on PGlite and PostgreSQL with 10,000 versions stored', load: () => import('./server.bench') },
  'upload-health': { about: '/api/health during the worst uploads, and memory back after them', load: () => import('./upload-health') },
};

const asked = process.argv.slice(2);
const unknown = asked.filter((a) => !(a in parts));
if (unknown.length > 0) {
  console.error(`unknown part ${unknown.join(', ')}; the parts are:\n${Object.entries(parts).map(([n, p]) => `  ${n.padEnd(8)}${p.about}`).join('\n')}`);
  process.exit(2);
}
const chosen = asked.length > 0 ? asked : Object.keys(parts);

const load1 = () => Math.round(loadavg()[0] * 10) / 10;
const fresh: StoredPart[] = [];
for (const name of chosen) {
  const before = load1();
  const result = await (await parts[name].load()).run();
  fresh.push({ part: name, at: new Date().toISOString(), load: [before, load1()], ...result });
}

const resultsFile = join(benchDir, 'results.json');
const previous = ((): StoredPart[] => {
  try {
    const parsed = JSON.parse(readFileSync(resultsFile, 'utf8')) as { parts?: StoredPart[] };
    return Array.isArray(parsed.parts) ? parsed.parts : [];
  } catch {
    return [];
  }
})();
const order = Object.keys(parts);
const all = [...previous.filter((p) => !chosen.includes(p.part) && p.part in parts), ...fresh].sort((a, b) => order.indexOf(a.part) - order.indexOf(b.part));

const text = (v: string | number | boolean | null) => (v === null ? '' : typeof v === 'boolean' ? (v ? 'yes' : 'NO') : typeof v === 'number' ? v.toLocaleString('en-GB') : v);
const header = ['part', 'what a person waits for', 'median', 'unit', 'floor (same work, same run)', 'floor', 'ratio', 'target', 'met', 'runs'];
const cells = (w: Wait) => [w.part, w.wait, w.value, w.unit, w.floor, w.floorValue, w.ratio === null ? null : `${w.ratio}×`, w.target, w.met, w.runs].map(text);
const table = [header, ...all.flatMap((p) => p.rows.map(cells))];
const widths = header.map((_h, i) => Math.max(...table.map((r) => r[i].length)));
const line = (r: string[]) => `| ${r.map((c, i) => (i === 2 || i === 5 || i === 6 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(' | ')} |`;
console.log(line(header));
console.log(`|${widths.map((w, i) => (i === 2 || i === 5 || i === 6 ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`);
for (const r of table.slice(1)) console.log(line(r));
console.log('');
for (const p of all) {
  const when = chosen.includes(p.part) ? 'now' : `earlier, ${p.at}`;
  console.log(`${p.part} (${when}; load average ${p.load[0]} → ${p.load[1]} on ${cpus().length} cores)`);
  for (const note of p.notes) console.log(`  ${note}`);
}
const [l1, l5, l15] = loadavg().map((l) => Math.round(l * 100) / 100);
console.log(`\nload average now ${l1} / ${l5} / ${l15} (1 / 5 / 15 min) on ${cpus().length} cores${l1 > cpus().length ? ': the machine is busy, wall times are inflated alike for a wait and its floor' : ''}`);

const missed = all.flatMap((p) => p.rows).filter((w) => w.met === false);
if (missed.length > 0) console.log(`missed: ${missed.map((w) => `${w.part} "${w.wait}" (${w.target})`).join('; ')}`);
writeFileSync(
  resultsFile,
  JSON.stringify({ command: `npm run bench${asked.length ? ` -- ${asked.join(' ')}` : ''}`, at: new Date().toISOString(), machine: { node: process.version, cpus: cpus().length }, loadAverage: [l1, l5, l15], parts: all }, null, 2) + '\n',
);
console.log(`wrote bench/results.json (${fresh.length} part(s) measured now, ${all.length - fresh.length} kept from earlier runs)`);
