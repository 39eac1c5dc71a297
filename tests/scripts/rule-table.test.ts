import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogue } from '../../shared/rules/catalogue';
import { BEGIN, END, readmePath, ruleTable, withRuleTable } from '../../scripts/rule-table';

const readme = readFileSync(readmePath, 'utf8');

describe("README's rule table", () => {
  it('is the one the catalogue gives (else run: npx tsx scripts/rule-table.ts)', () => {
    expect(withRuleTable(readme) === readme, 'README.md\'s rule table differs from the catalogue: run `npx tsx scripts/rule-table.ts`').toBe(true);
  });

  it('has a row per rule, in the catalogue\'s order, with severity, models and description', () => {
    const rows = ruleTable().split('\n').slice(2);
    expect(rows).toHaveLength(catalogue.length);
    catalogue.forEach((r, i) => expect(rows[i]).toBe(`| \`${r.code}\` | ${r.severity} | ${r.models.join(', ')} | ${r.description.replace(/\|/g, '\\|')} |`));
  });

  it('a table edited by hand, or a row missing, is found', () => {
    const edited = readme.replace('| `grant-mismatch` | error |', '| `grant-mismatch` | warning |');
    expect(edited).not.toBe(readme);
    expect(withRuleTable(edited)).not.toBe(edited);
    const start = readme.indexOf(BEGIN);
    const end = readme.indexOf(END);
    const shortened = readme.slice(0, start) + readme.slice(start, end).replace(/^\| `year-differs`.*\n/m, '') + readme.slice(end);
    expect(withRuleTable(shortened)).not.toBe(shortened);
    expect(() => withRuleTable('# no markers')).toThrow(/markers/);
  });
});
