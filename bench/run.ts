/**
 * `npm run bench`: runs every bench/*.bench.ts (each exports `run(): Promise<BenchSection>`),
 * prints one table per section and writes bench/results.json. `npm run bench -- core` runs only matching files
 * and keeps the other sections' last figures in the file.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchSection } from './types';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

const sections: BenchSection[] = [];
for (const file of files) {
  const mod = (await import(pathToFileURL(join(here, file)).href)) as { run: () => Promise<BenchSection> };
  const section = await mod.run();
  sections.push(section);
  console.log(`\n## ${section.name}`);
  console.table(section.rows);
  for (const note of section.notes ?? []) console.log(`  ${note}`);
}
// A run of some sections replaces those and keeps the others' last figures (each section has its `at`).
const resultsFile = join(here, 'results.json');
const previous = (() => {
  try {
    return (JSON.parse(readFileSync(resultsFile, 'utf8')) as { sections?: BenchSection[] }).sections ?? [];
  } catch {
    return [];
  }
})();
const at = new Date().toISOString();
const fresh = sections.map((s) => ({ ...s, at }));
const kept = previous.filter((p) => !fresh.some((s) => s.name === p.name));
const out = { machine: { node: process.version, cpus: (await import('node:os')).cpus().length }, at, sections: [...kept, ...fresh].sort((a, b) => a.name.localeCompare(b.name)) };
writeFileSync(resultsFile, JSON.stringify(out, null, 2) + '\n');
console.log(`\nwrote bench/results.json (${fresh.length} section(s) measured now, ${kept.length} kept from earlier runs)`);
