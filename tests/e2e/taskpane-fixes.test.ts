/**
 * Ret, Ret alle sikre and Fortryd rettelser in the real task pane (headless Chromium), in Danish and English,
 * on the staff-style sample in the Office.js double: one fix, then all safe fixes (the =SUM row recalculates
 * and the check finds no errors), then the undo puts every cell back byte for byte; a second round in which
 * the person changes a fixed cell shows that cell left alone and named. Screenshots go to test-artifacts/.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { CellValue } from '../../shared/schemas';
import { chromiumMissing } from '../support/chromium';
import { artifactsDir, paneSession } from '../support/pane-session';
import { staffSampleInit } from '../support/staff-sample';

const missing = chromiumMissing();
/** A bound, not a speed check: the machine is shared. */
const patience = { timeout: 60_000, interval: 100 };
if (missing && !process.env.CI) console.log(`skipping the browser test: ${missing}`);

interface TestCells {
  type(sheet: string, address: string, value: CellValue): void;
  value(sheet: string, address: string): CellValue;
  snapshot(): string;
  settingKeys(): string[];
}
const cells = (page: Page) => ({
  type: (sheet: string, address: string, value: CellValue) =>
    page.evaluate(([s, a, v]) => (window as unknown as { __PARTNERSKAB_TEST_CELLS__: TestCells }).__PARTNERSKAB_TEST_CELLS__.type(s as string, a as string, v as CellValue), [sheet, address, value] as const),
  value: (sheet: string, address: string) =>
    page.evaluate(([s, a]) => (window as unknown as { __PARTNERSKAB_TEST_CELLS__: TestCells }).__PARTNERSKAB_TEST_CELLS__.value(s, a), [sheet, address] as const),
  snapshot: () => page.evaluate(() => (window as unknown as { __PARTNERSKAB_TEST_CELLS__: TestCells }).__PARTNERSKAB_TEST_CELLS__.snapshot()),
  settingKeys: () => page.evaluate(() => (window as unknown as { __PARTNERSKAB_TEST_CELLS__: TestCells }).__PARTNERSKAB_TEST_CELLS__.settingKeys()),
});

describe.skipIf(missing !== null && !process.env.CI)('fixing in place, with an exact undo, in the task pane (headless Chromium)', () => {
  const pane = paneSession();

  const cases = [
    {
      lang: 'da',
      display: 'da-DK',
      fixAll: 'Ret alle sikre (64)',
      fixOne: 'Ret',
      undo: 'Fortryd rettelser',
      oneFixed: '1 celle er rettet.',
      allFixed: '63 celler er rettet. Ingen fejl. Arkene kan gemmes.',
      undone: '64 celler har deres tidligere indhold igen.',
      undoneChanged: '63 celler har deres tidligere indhold igen. Ændret siden rettelsen og derfor ikke rørt: C6 i Økonomi.',
      errors: 'fejl, der skal rettes',
    },
    {
      lang: 'en',
      display: 'en-US',
      fixAll: 'Fix all safe (64)',
      fixOne: 'Fix',
      undo: 'Undo fixes',
      oneFixed: '1 cell fixed.',
      allFixed: '63 cells fixed. No errors. The sheets can be saved.',
      undone: '64 cells have their previous content again.',
      undoneChanged: '63 cells have their previous content again. Changed since the fix, so left alone: C6 in Økonomi.',
      errors: 'Errors to fix before the sheets can be saved',
    },
  ] as const;

  for (const c of cases) {
    it(`${c.lang}: Ret on one finding, Ret alle sikre, Fortryd rettelser back to the exact sheet; a cell changed since is left alone and named`, async () => {
      const page = await pane.open(await staffSampleInit({ displayLanguage: c.display }), { height: 1100 });
      const sheet = cells(page);
      // Each state from the top of the pane (status line, counts, the fix bar), except where it shows a Ret.
      const shot = async (name: string, top = true) => {
        if (top) await page.evaluate(() => window.scrollTo(0, 0));
        await page.screenshot({ path: join(artifactsDir, `fixes-${c.lang}-${name}.png`) });
      };
      const status = () => page.locator('#status').textContent();
      const before = await sheet.snapshot();

      await page.click('#validate');
      await page.waitForSelector('.issue[data-code="total-mismatch"]');
      expect(await status()).toContain(c.errors);
      expect(await page.locator('#fix-all').textContent()).toBe(c.fixAll);
      expect(await page.locator('#undo-fixes').count()).toBe(0);
      expect(await page.locator('.fix-one').count()).toBe(64);
      expect(await page.locator('li:has(.issue[data-code="total-mismatch"]) .fix-one').count()).toBe(0);
      await shot('found');

      // Ret on one finding: only its cell is written, and the sheets are checked again.
      const d5 = page.locator('.fix-one[data-fix-cell="D5"]');
      expect(await d5.textContent()).toBe(c.fixOne);
      await d5.scrollIntoViewIfNeeded();
      await shot('found-ret', false);
      await d5.click();
      await expect.poll(status, patience).toContain(c.oneFixed);
      expect(await sheet.value('Økonomi', 'D5')).toBe(400_000);
      expect(await sheet.value('Økonomi', 'C6')).toBe('Nordvest');
      expect(await page.locator('.fix-one[data-fix-cell="D5"]').count()).toBe(0);
      expect(await page.locator('#fix-all').textContent()).toBe(c.fixAll.replace('64', '63'));
      expect(await page.locator('#undo-fixes').textContent()).toBe(c.undo);
      await shot('one-fixed');

      // Ret alle sikre: Excel recalculates the staff's =SUM row, and the check finds no errors.
      await page.click('#fix-all');
      await expect.poll(status, patience).toBe(c.allFixed);
      expect(await page.locator('.count-error .count-number').textContent()).toBe('0');
      expect(await page.locator('.issue[data-code="total-mismatch"]').count()).toBe(0);
      expect(await page.locator('.fix-one').count()).toBe(0);
      expect(await page.locator('#fix-all').count()).toBe(0);
      expect(await sheet.value('Økonomi', 'D28')).toBe(5_850_000);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('undo-fixes');
      await shot('all-fixed');

      // Fortryd rettelser: every cell as it was, byte for byte; the findings are back.
      await page.click('#undo-fixes');
      await expect.poll(status, patience).toContain(c.undone);
      expect(await status()).toContain(c.errors);
      expect(await sheet.snapshot()).toBe(before);
      expect(await sheet.value('Økonomi', 'D5')).toBe('400.000 kr.');
      expect(await sheet.settingKeys()).toEqual([]);
      expect(await page.locator('#undo-fixes').count()).toBe(0);
      expect(await page.locator('#fix-all').textContent()).toBe(c.fixAll);
      await shot('undone');

      // Once more, and the person changes a fixed cell before the undo.
      await page.click('#fix-all');
      await expect.poll(status, patience).toContain(c.allFixed.replace('63', '64'));
      await sheet.type('Økonomi', 'C6', 'Valby');
      await page.click('#undo-fixes');
      await expect.poll(status, patience).toContain(c.undoneChanged);
      expect(await sheet.value('Økonomi', 'C6')).toBe('Valby');
      const now = JSON.parse(await sheet.snapshot()) as Array<{ values: CellValue[][] }>;
      const original = JSON.parse(before) as Array<{ values: CellValue[][] }>;
      now[0].values[5][2] = original[0].values[5][2];
      expect(JSON.stringify(now)).toBe(before);
      await shot('undone-changed');
      await page.context().close();
    });
  }
});
