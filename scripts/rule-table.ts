/**
 * README's rule table, made from the catalogue (shared/rules/catalogue.ts) so the two cannot drift:
 * `npx tsx scripts/rule-table.ts` rewrites the lines between the markers in README.md; `--check` only says
 * whether they differ (tests/scripts/rule-table.test.ts runs the same comparison).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { catalogue } from '../shared/rules/catalogue';

export const BEGIN = '<!-- rule-table: begin (npx tsx scripts/rule-table.ts writes it from the catalogue) -->';
export const END = '<!-- rule-table: end -->';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The table as Markdown, one row per rule in the catalogue's order. */
export function ruleTable(): string {
  const rows = catalogue.map((r) => `| \`${r.code}\` | ${r.severity} | ${r.models.join(', ')} | ${cell(r.description)} |`);
  return ['| code | severity | models | when |', '|---|---|---|---|', ...rows].join('\n');
}

/** README's text with the table between the markers replaced; throws where the markers are missing. */
export function withRuleTable(readme: string): string {
  const start = readme.indexOf(BEGIN);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${BEGIN} … ${END} markers`);
  return `${readme.slice(0, start + BEGIN.length)}\n${ruleTable()}\n${readme.slice(end)}`;
}

export const readmePath = join(dirname(fileURLToPath(import.meta.url)), '../README.md');

if (process.argv[1] && /rule-table\.ts$/.test(process.argv[1])) {
  const readme = readFileSync(readmePath, 'utf8');
  const next = withRuleTable(readme);
  if (process.argv.includes('--check')) {
    console.log(next === readme ? 'README.md: the rule table matches the catalogue.' : 'README.md: the rule table differs from the catalogue; run npx tsx scripts/rule-table.ts');
    process.exitCode = next === readme ? 0 : 1;
  } else if (next !== readme) {
    writeFileSync(readmePath, next);
    console.log(`README.md: wrote the rule table (${catalogue.length} rules).`);
  } else {
    console.log('README.md: the rule table already matches the catalogue.');
  }
}
