/**
 * `npm run bench`: runs every bench/*.bench.ts (each exports `run(): Promise<BenchSection>`),
 * prints one table per section and writes bench/results.json. `npm run bench -- core` runs only matching files.
 */
import { readdirSync, writeFileSync } from 'node:fs';
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
const out = { machine: { node: process.version, cpus: (await import('node:os')).cpus().length }, at: new Date().toISOString(), sections };
writeFileSync(join(here, 'results.json'), JSON.stringify(out, null, 2) + '\n');
console.log(`\nwrote bench/results.json (${sections.length} sections)`);
