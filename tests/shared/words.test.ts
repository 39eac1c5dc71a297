/**
 * The words pass (DECISIONS.md): every message of the catalogue, the CLI and the API, rendered with counts of 1
 * and of 2 in both languages and on every surface, has its nouns in the right number, no "kr.." and no model id.
 */
import { describe, expect, it } from 'vitest';
import { catalogue, validateWorkbook, type IssueCode, type Lang, type MessageContext, type RuleParams } from '../../shared';
import type { Surface } from '../../shared/rules/catalogue';
import { formatReportText } from '../../server/cli/format-report';
import { wordsFor } from '../../server/cli/words';
import { messages } from '../../server/messages';
import { workbook2025 } from './fixtures';

/** Each rule's parameters with every count, figure and amount set to n. */
function paramsWith(n: number): Array<{ [C in IssueCode]: { code: C; params: RuleParams[C] } }[IssueCode]> {
  const kroner = n * 100_000;
  return [
    { code: 'sheet-not-found', params: { kind: 'budget' } },
    { code: 'sheet-not-found', params: { kind: 'membership', name: 'Budget', available: '"Ark1"' } },
    { code: 'missing-column', params: { header: 'Tilskud', model: 'model-2025', accepted: '"Tilskud"' } },
    { code: 'missing-column', params: { header: 'Tilskud', model: 'model-2012', accepted: '"Tilskud"' } },
    { code: 'unknown-column', params: {} },
    { code: 'duplicate-column', params: { first: 'C', firstHeader: 'Tilskud' } },
    { code: 'total-row', params: {} },
    { code: 'total-mismatch', params: { header: 'Tilskud', total: kroner, expected: kroner * 2 } },
    { code: 'formula-error', params: { header: 'Tilskud' } },
    { code: 'type-error', params: { header: 'Tilskud', expected: 'et beløb i kroner' } },
    { code: 'missing-value', params: { header: 'Tilskud' } },
    { code: 'negative-value', params: { header: 'Tilskud', figure: -n } },
    { code: 'duplicate-association', params: { first: n } },
    { code: 'unknown-district', params: { suggestion: 'Valby' } },
    { code: 'unknown-district', params: { spans: 'Amager Øst, Amager Vest' } },
    { code: 'unknown-tier', params: {} },
    ...(['standard', 'udvidet'] as const).flatMap((tier) => (['model-2012', 'model-2025'] as const).flatMap((model) => [
      { code: 'grant-mismatch' as const, params: { expected: kroner, tier, model } },
      { code: 'grant-mismatch' as const, params: { expected: kroner, tier, model, months: n, monthsPerYear: 12, yearly: kroner * 2 } },
      { code: 'hours-below-minimum' as const, params: { expected: n, model, tier } },
    ])),
    { code: 'hours-below-minimum', params: { expected: n, model: 'model-2012', tier: null } },
    { code: 'cofinancing-below-minimum', params: { expected: kroner, tier: 'udvidet' } },
    { code: 'cofinancing-below-minimum', params: { expected: kroner, tier: 'standard', months: n, monthsPerYear: 12, yearly: kroner } },
    { code: 'agreement-terms-missing', params: {} },
    { code: 'salary-below-funding', params: { expected: kroner } },
    { code: 'extended-area-conflict', params: { district: 'Vanløse', areas: 'Amager' } },
    { code: 'extended-area-conflict', params: { other: 'Siam', otherRow: n, localArea: 'Amager' } },
    { code: 'extended-count', params: { expected: n } },
    { code: 'budget-frame-exceeded', params: { expected: kroner } },
    { code: 'culture-pool-exceeded', params: { expected: kroner } },
    { code: 'model-unknown', params: { expected: 2012 } },
    { code: 'members-below-threshold', params: { expected: n } },
    { code: 'age-bands-mismatch', params: { expected: n } },
    { code: 'under25-exceeds-total', params: { under25: n, expected: n } },
    { code: 'gender-mismatch', params: { girlsAndBoys: n, expected: n } },
    { code: 'membership-missing', params: { other: 'Medlemstal' } },
    { code: 'budget-missing', params: { other: 'Budget' } },
    { code: 'personal-data', params: {} },
    { code: 'personal-data', params: { header: 'CPR' } },
    { code: 'change-vs-previous', params: { expected: n, previousYear: 2024, change: '+40 %' } },
    { code: 'sheet-absent', params: { kind: 'membership', present: 'Budget', notChosen: false } },
    { code: 'sheet-absent', params: { kind: 'budget', present: 'Medlemstal', notChosen: true } },
    { code: 'text-amount', params: { header: 'Tilskud', figure: kroner, amount: true } },
    { code: 'text-amount', params: { header: 'Timer pr. uge', figure: n, amount: false } },
    ...(['district-alias', 'district', 'yes-no', 'tier', 'association'] as const).map((variant) => ({ code: 'spelling-variant' as const, params: { variant, fixed: 'Bispebjerg' } })),
    { code: 'invalid-text', params: { problem: { kind: 'too-long', length: 40_000, max: 32_767 }, what: 'cell', kind: 'budget' } },
    { code: 'invalid-text', params: { problem: { kind: 'control', codePoint: 0, index: n }, what: 'sheet-name', kind: 'membership' } },
    { code: 'uncalculated-formula', params: { header: 'Tilskud' } },
    ...(['column', 'name', 'title'] as const).map((source) => ({ code: 'year-differs' as const, params: { asked: 2019, model: 'model-2012' as const, source, sheetName: 'Budget 2025' } })),
  ];
}

const surfaces: Array<Surface | undefined> = [undefined, 'cli', 'pane', 'api'];

/** Every message of the catalogue with counts of n, in one language, on every surface; value n and value null. */
function rendered(n: number, lang: Lang): Array<{ code: string; surface: Surface | undefined; text: string }> {
  const out: Array<{ code: string; surface: Surface | undefined; text: string }> = [];
  for (const { code, params } of paramsWith(n)) {
    const rule = catalogue.find((r) => r.code === code)!;
    for (const surface of surfaces) {
      for (const value of [n, null]) {
        const context: MessageContext = { cell: 'B2', row: 2, value, association: 'Siam', surface };
        out.push({ code, surface, text: (rule.message[lang] as (p: unknown) => string)({ ...context, ...params }) });
      }
    }
  }
  return out;
}

/** Nouns after "1 " that are plural, and after "2 " that are singular (in the forms the messages use). */
const wrongNumber: Record<Lang, Record<1 | 2, RegExp>> = {
  da: {
    1: /(?<![\d.,])1 (rækker|medlemmer|timer|måneder|udvidede|partnerskaber|advarsler|oplysninger|foreninger|elementer)\b/,
    2: /(?<![\d.,])2 (række|medlem|time|måned|udvidet|partnerskab|advarsel|oplysning|forening|element)\b/,
  },
  en: {
    1: /(?<![\d.,])1 (rows|members|hours|months|extended partnerships|partnerships|errors|warnings|associations|items)\b/,
    2: /(?<![\d.,])2 (row|member|hour|month|extended partnership|partnership|error|warning|association|item)\b/,
  },
};

function problems(texts: string[], lang: Lang, n: 1 | 2): string[] {
  return texts.filter((t) => wrongNumber[lang][n].test(t) || t.includes('kr..') || /model-20\d\d/.test(t) || /\ba udvidet\b|\ba extended\b/.test(t));
}

describe('the words of every message', () => {
  it.each([['da', 1], ['da', 2], ['en', 1], ['en', 2]] as const)('catalogue, %s, counts of %i: number, "kr.", model names', (lang, n) => {
    const all = rendered(n, lang);
    expect(all.length).toBeGreaterThan(400);
    expect(problems(all.map((m) => m.text), lang, n)).toEqual([]);
  });

  it('the test itself catches the mistakes it is for', () => {
    expect(problems(['Arket har 1 udvidede partnerskaber', 'Budget: 1 rækker', '400.000 kr..', 'i model-2025'], 'da', 1)).toHaveLength(4);
    expect(problems(['The sheet has 2 extended partnership;'], 'en', 2)).toHaveLength(1);
  });

  it('a fix text names the control of its surface: --year in the CLI, Programår in the pane, year in the API', () => {
    for (const lang of ['da', 'en'] as const) {
      for (const m of rendered(1, lang).filter((r) => r.code === 'model-unknown' || r.code === 'year-differs')) {
        if (m.surface === 'cli') expect(m.text, m.text).toContain('--year');
        else expect(m.text, m.text).not.toContain('--year');
        if (m.surface === 'pane') expect(m.text, m.text).toMatch(/Programår|Programme year/);
        if (m.surface === 'api') expect(m.text, m.text).toMatch(/year=/);
        if (m.surface !== 'pane') expect(m.text, m.text).not.toMatch(/vælg det under|choose it under/);
      }
    }
  });

  it("the CLI's report lines and words, and the API's, with 1 and 2", () => {
    for (const lang of ['da', 'en'] as const) {
      const base = validateWorkbook(workbook2025(), { lang });
      for (const n of [1, 2] as const) {
        const texts: string[] = [];
        const report = { ...base, counts: { error: n, warning: n, info: n } };
        report.sheets = { budget: { ...base.sheets.budget!, dataRows: n }, membership: { ...base.sheets.membership!, dataRows: n } };
        texts.push(formatReportText(report, lang, 'x.xlsx'));
        const w = wordsFor(lang);
        texts.push(w.tokenNameTooLong(n), w.wroteTemplate('x.xlsx', 'Budget', 'Medlemstal', 'model-2012'), w.wroteTemplate('x.xlsx', 'Budget', 'Medlemstal', 'model-2025'));
        texts.push(messages.invalidWorkbook[lang](n));
        expect(problems(texts, lang, n)).toEqual([]);
      }
      expect(formatReportText(base, lang, 'x.xlsx').split('\n')[0]).toContain(lang === 'da' ? '(modellen fra 2025)' : '(the 2025 model)');
    }
  });
});
