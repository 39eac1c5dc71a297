import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { catalogue, ruleByCode, type IssueCode, type MessageContext, type RuleParams } from '../../shared';
import { addIssue, type IssueSink } from '../../shared/rules/issue';

const domainPath = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/DOMAIN.md');
const haveHandbook = existsSync(domainPath);
if (!haveHandbook) console.log(`skipping catalogue-vs-DOMAIN.md: ${domainPath} is absent (the handbook folder sits beside the checkout in CI only)`);

/** A table of DOMAIN.md under a heading: | code | severity | when |. */
function domainTable(from: string, to: string | null): Array<{ code: string; severity: string; when: string }> {
  const text = readFileSync(domainPath, 'utf8');
  const start = text.indexOf(from);
  const section = text.slice(start, to === null ? undefined : text.indexOf(to, start));
  return section
    .split('\n')
    .map((l) => l.split('|').map((c) => c.trim()))
    .filter((c) => c.length >= 5 && /^[a-z][a-z0-9-]+$/.test(c[1]) && c[1] !== 'code')
    .map((c) => ({ code: c[1], severity: c[2], when: c[3] }));
}
const domainRules = () => domainTable('## The rulebook', '## Summaries');
/** Codes of ours that DOMAIN.md does not name (DECISIONS.md), after its new codes, with their severities. */
const ownCodes = [['spelling-variant', 'info'], ['invalid-text', 'error'], ['uncalculated-formula', 'error'], ['year-differs', 'warning']];

/** Parameters every rule's messages can be shown with: typed, so a rule added without its parameters fails lint. */
const samples: { [C in IssueCode]: RuleParams[C] } = {
  'sheet-not-found': { kind: 'budget' },
  'missing-column': { header: 'Tilskud', model: 'model-2025', accepted: '"Tilskud", "Bevilling"' },
  'unknown-column': {},
  'duplicate-column': { first: 'C', firstHeader: 'Tilskud' },
  'total-row': {},
  'total-mismatch': { header: 'Tilskud', total: 2_500_000, expected: 5_850_000 },
  'formula-error': { header: 'Tilskud' },
  'type-error': { header: 'Tilskud', expected: 'et beløb i kroner' },
  'missing-value': { header: 'Tilskud' },
  'negative-value': { header: 'Tilskud', figure: -5 },
  'duplicate-association': { first: 4 },
  'unknown-district': { suggestion: 'Valby' },
  'unknown-tier': {},
  'grant-mismatch': { expected: 400_000, tier: 'udvidet', model: 'model-2025' },
  'cofinancing-below-minimum': { expected: 100_000, tier: 'udvidet' },
  'hours-below-minimum': { expected: 37, model: 'model-2025', tier: 'udvidet' },
  'agreement-terms-missing': {},
  'salary-below-funding': { expected: 350_000 },
  'extended-area-conflict': { district: 'Vanløse', areas: 'Amager' },
  'extended-count': { expected: 4 },
  'budget-frame-exceeded': { expected: 6_000_000 },
  'culture-pool-exceeded': { expected: 750_000 },
  'model-unknown': { expected: 2012 },
  'members-below-threshold': { expected: 100 },
  'age-bands-mismatch': { expected: 120 },
  'under25-exceeds-total': { under25: 130, expected: 120 },
  'gender-mismatch': { girlsAndBoys: 130, expected: 120 },
  'membership-missing': { other: 'Medlemstal' },
  'budget-missing': { other: 'Budget' },
  'personal-data': {},
  'change-vs-previous': { expected: 100, previousYear: 2024, change: '+40 %' },
  'sheet-absent': { kind: 'membership', present: 'Budget 2025', notChosen: false },
  'text-amount': { header: 'Tilskud', figure: 250_000, amount: true },
  'spelling-variant': { variant: 'district-alias', fixed: 'Bispebjerg' },
  'invalid-text': { problem: { kind: 'control', codePoint: 0, index: 4 }, what: 'cell', kind: 'budget' },
  'uncalculated-formula': { header: 'Tilskud' },
  'year-differs': { asked: 2019, model: 'model-2012', source: 'name', sheetName: 'Budget 2025' },
};
const context: MessageContext = { cell: 'B2', row: 2, value: 'x', association: 'Siam', surface: undefined };

describe('the rule catalogue', () => {
  it.skipIf(!haveHandbook)('has the codes and severities of DOMAIN.md, in its order', () => {
    const domain = domainRules();
    expect(domain.length).toBeGreaterThan(25);
    expect(catalogue.slice(0, domain.length).map((r) => [r.code, r.severity])).toEqual(domain.map((r) => [r.code, r.severity]));
  });
  it.skipIf(!haveHandbook)('has every code of DOMAIN.md\'s rulebook and "New codes", each with its severity', () => {
    const newCodes = domainTable('## New codes', null);
    expect(newCodes.map((r) => r.code)).toEqual(expect.arrayContaining(['sheet-absent', 'text-amount']));
    const ours = new Map(catalogue.map((r) => [r.code as string, r.severity as string]));
    const missing = [...domainRules(), ...newCodes].filter((d) => ours.get(d.code) !== d.severity).map((d) => `${d.code} (${d.severity}): ${ours.get(d.code) ?? 'absent'}`);
    expect(missing, 'codes of DOMAIN.md the catalogue lacks, or has with another severity').toEqual([]);
  });
  it.skipIf(!haveHandbook)('lists DOMAIN.md\'s new codes after its rulebook, in its order, and our own codes last', () => {
    const newCodes = domainTable('## New codes', null);
    const rest = catalogue.slice(domainRules().length).map((r) => [r.code, r.severity]);
    expect(rest).toEqual([...newCodes.map((r) => [r.code, r.severity]), ...ownCodes]);
  });
  it.skipIf(!haveHandbook)('applies model-2025-only rules to model-2025 only', () => {
    for (const d of domainRules().filter((r) => /model-2025/.test(r.when) && !/model-2012/.test(r.when))) {
      expect(catalogue.find((r) => r.code === d.code)?.models, d.code).toEqual(['model-2025']);
    }
  });
  it('has messages in both languages for every rule', () => {
    for (const r of catalogue) {
      const show = (lang: 'da' | 'en') => (r.message[lang] as (p: unknown) => string)({ ...context, ...samples[r.code] });
      expect(show('da').length, r.code).toBeGreaterThan(15);
      expect(show('en').length, r.code).toBeGreaterThan(15);
      expect(show('da'), r.code).not.toEqual(show('en'));
    }
  });
  it('looks up a rule by its code', () => {
    expect(ruleByCode('grant-mismatch')).toMatchObject({ code: 'grant-mismatch', severity: 'error' });
  });
  it('a misspelt code or parameter does not compile (npm run lint checks the @ts-expect-error lines)', () => {
    const sink: IssueSink = { lang: 'da', issues: [] };
    // @ts-expect-error: no such code
    expect(() => addIssue(sink, 'grant-missmatch', { sheet: 'Budget' }, {})).toThrow();
    // @ts-expect-error: the parameter is `expected`, not `expect`
    addIssue(sink, 'extended-count', { sheet: 'Budget' }, { expect: 4 });
    // @ts-expect-error: grant-mismatch needs its parameters
    addIssue(sink, 'grant-mismatch', { sheet: 'Budget' });
    addIssue(sink, 'extended-count', { sheet: 'Budget', value: 3 }, { expected: 4 });
    expect(sink.issues.at(-1)).toMatchObject({ code: 'extended-count', severity: 'warning', message: 'Arket har 3 udvidede partnerskaber; modellen har 4 (ét pr. lokalområde).' });
  });
});
