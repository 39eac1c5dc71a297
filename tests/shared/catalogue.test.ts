import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { catalogue } from '../../shared';

const domainPath = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/DOMAIN.md');
const haveHandbook = existsSync(domainPath);
if (!haveHandbook) console.log(`skipping catalogue-vs-DOMAIN.md: ${domainPath} is absent (the handbook folder sits beside the checkout in CI only)`);

/** The rulebook table of DOMAIN.md: | code | severity | when |. */
function domainRules(): Array<{ code: string; severity: string; when: string }> {
  const text = readFileSync(domainPath, 'utf8');
  const section = text.slice(text.indexOf('## The rulebook'), text.indexOf('## Summaries'));
  return section
    .split('\n')
    .map((l) => l.split('|').map((c) => c.trim()))
    .filter((c) => c.length >= 5 && /^[a-z][a-z0-9-]+$/.test(c[1]) && c[1] !== 'code')
    .map((c) => ({ code: c[1], severity: c[2], when: c[3] }));
}

describe('the rule catalogue', () => {
  it.skipIf(!haveHandbook)('has exactly the codes and severities of DOMAIN.md', () => {
    const domain = domainRules();
    expect(domain.length).toBeGreaterThan(25);
    expect(catalogue.map((r) => [r.code, r.severity])).toEqual(domain.map((r) => [r.code, r.severity]));
  });
  it.skipIf(!haveHandbook)('applies model-2025-only rules to model-2025 only', () => {
    for (const d of domainRules().filter((r) => /model-2025/.test(r.when) && !/model-2012/.test(r.when))) {
      expect(catalogue.find((r) => r.code === d.code)?.models, d.code).toEqual(['model-2025']);
    }
  });
  it('has messages in both languages for every rule', () => {
    for (const r of catalogue) {
      const p = { cell: 'B2', value: 'x', association: 'Siam', expected: 1, header: 'Tilskud', kind: 'budget' };
      expect(r.message.da(p).length, r.code).toBeGreaterThan(15);
      expect(r.message.en(p).length, r.code).toBeGreaterThan(15);
      expect(r.message.da(p)).not.toEqual(r.message.en(p));
    }
  });
});
