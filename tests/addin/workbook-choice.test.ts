import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { langFromDisplayLanguage, messages, translator, type MessageKey } from '../../addin/i18n';
import { isServiceUrl, loadSettings, saveSettings } from '../../addin/settings';
import { chosenSheets, detectChoice, groupIssues, highlightTargets, validateChoice, yearOptions } from '../../addin/workbook-choice';
import { readWorkbookFile } from '../../server/xlsx/read-workbook';
import { workbook2025 } from '../shared/fixtures';

const now = new Date('2026-11-25T12:00:00Z');
const samples = join(import.meta.dirname, '..', '..', 'samples');

describe('detectChoice', () => {
  it('finds the budget and membership sheets and the year of the illustrative sample', async () => {
    const wb = await readWorkbookFile(join(samples, 'partnerskab-2025.xlsx'));
    expect(detectChoice(wb, 'da')).toEqual({
      choice: { budgetSheet: 'Budget 2025', membershipSheet: 'Medlemstal 2025', year: 2025 },
      detected: { budgetSheet: true, membershipSheet: true, year: true },
    });
  });

  it('finds the staff-style budget sheet by its headers, and leaves the year open (never the clock\'s) when none is written', async () => {
    const wb = await readWorkbookFile(join(samples, 'budget-staff-style.xlsx'));
    const detection = detectChoice(wb, 'da');
    expect(detection.choice.budgetSheet).toBe('Økonomi');
    expect(detection.detected.budgetSheet).toBe(true);
    const noYear = detectChoice({ sheets: [{ name: 'Ark1', values: [['Forening', 'Bydel', 'Tilskud', 'Timer pr. uge'], ['X', 'Valby', 200000, 20]] }] }, 'da');
    expect(noYear.choice.year).toBeNull();
    expect(noYear.detected.year).toBe(false);
  });
});

describe('the report in the pane', () => {
  const broken = workbook2025({
    budget: (rows) => {
      rows[3][3] = 123;
      rows[5][1] = 'Atlantis';
    },
  });
  const choice = { budgetSheet: 'Budget 2025', membershipSheet: 'Medlemstal 2025', year: 2025 };

  it('validates exactly the chosen sheets for the chosen year', () => {
    const report = validateChoice(broken, choice, 'en');
    expect(report.year).toBe(2025);
    expect(report.issues.map((i) => i.code)).toEqual(expect.arrayContaining(['grant-mismatch', 'unknown-district']));
    const budgetOnly = validateChoice(broken, { ...choice, membershipSheet: null }, 'da');
    expect(budgetOnly.sheets.membership).toBeNull();
    expect(budgetOnly.issues.some((i) => i.code === 'sheet-not-found')).toBe(false);
    expect(chosenSheets({ ...choice, membershipSheet: null })).toEqual(['Budget 2025']);
  });

  it('without a year, reads it from the whole sheets as the CLI does, or says model-unknown', () => {
    const noYear = { sheets: [{ name: 'Ark1', values: [['Forening', 'Bydel', 'Tilskud', 'Timer pr. uge'], ['X', 'Valby', 200000, 20]] }] };
    const report = validateChoice(noYear, { budgetSheet: 'Ark1', membershipSheet: null, year: null }, 'da');
    expect(report.year).toBeNull();
    expect(report.ok).toBe(false);
    expect(report.issues.map((i) => i.code)).toContain('model-unknown');
    const givesIt = validateChoice(broken, { ...choice, year: null }, 'da');
    expect(givesIt.year).toBe(2025);
    expect(givesIt.issues.map((i) => i.code)).not.toContain('model-unknown');
  });

  it('highlights errors and warnings with a cell, never notes', () => {
    const report = validateChoice(broken, choice, 'da');
    const targets = highlightTargets(report);
    expect(targets).toEqual(expect.arrayContaining([{ sheet: 'Budget 2025', cell: 'D4' }, { sheet: 'Budget 2025', cell: 'B6' }]));
    const notes = report.issues.filter((i) => i.severity === 'info' && i.cell);
    for (const note of notes) expect(targets).not.toContainEqual({ sheet: note.sheet, cell: note.cell });
  });

  it('groups issues per sheet in the chosen order, workbook-wide first, errors first inside a sheet', () => {
    const issue = (sheet: string | null, severity: 'error' | 'warning' | 'info', row: number) =>
      ({ code: 'x', severity, sheet, cell: null, row, field: null, value: null, message: '' }) as const;
    const groups = groupIssues({ issues: [issue('M', 'warning', 2), issue('B', 'warning', 1), issue(null, 'error', 0), issue('B', 'error', 9), issue('B', 'error', 3)] } as never, ['B', 'M']);
    expect(groups.map((g) => g.sheet)).toEqual([null, 'B', 'M']);
    expect(groups[1].issues.map((i) => [i.severity, i.row])).toEqual([['error', 3], ['error', 9], ['warning', 1]]);
  });

  it('offers the years from 2012 to next year, newest first', () => {
    const years = yearOptions(2025, now);
    expect(years[0]).toBe(2027);
    expect(years.at(-1)).toBe(2012);
    expect(yearOptions(2031, now)[0]).toBe(2031);
    expect(yearOptions(null, now)).toEqual(years);
  });
});

describe('settings and language', () => {
  it('keeps URL and token in the given storage, defaulting to the pane origin', () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    expect(loadSettings(storage)).toEqual({ url: 'http://localhost:3000', token: '' });
    saveSettings({ url: 'https://partnerskab.kk.dk/ ', token: ' abc ' }, storage);
    expect(loadSettings(storage)).toEqual({ url: 'https://partnerskab.kk.dk', token: 'abc' });
    store.set('partnerskab.service.v1', '{not json');
    expect(loadSettings(storage).token).toBe('');
    expect(isServiceUrl('ftp://x')).toBe(false);
    expect(isServiceUrl('https://x.dk')).toBe(true);
  });

  it('speaks English only when Office does', () => {
    expect(langFromDisplayLanguage('en-US')).toBe('en');
    expect(langFromDisplayLanguage('en-GB')).toBe('en');
    expect(langFromDisplayLanguage('da-DK')).toBe('da');
    expect(langFromDisplayLanguage('de-DE')).toBe('da');
    expect(langFromDisplayLanguage(undefined)).toBe('da');
  });

  it('has every message in both languages with the same placeholders', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    const keys = Object.keys(messages.da) as MessageKey[];
    expect(Object.keys(messages.en).sort()).toEqual([...keys].sort());
    for (const key of keys) {
      expect(messages.en[key].length, key).toBeGreaterThan(0);
      expect(placeholders(messages.en[key]), key).toEqual(placeholders(messages.da[key]));
    }
    expect(translator('da')('validatedErrors', { n: 3 })).toBe('Arkene har 3 fejl, der skal rettes, før de kan gemmes.');
    expect(translator('en')('validatedErrors', { n: 3 })).toBe('Errors to fix before the sheets can be saved: 3.');
  });
});
