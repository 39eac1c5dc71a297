/**
 * The findings list of the real task pane in headless Chromium, in Danish and English: each finding says its
 * severity in words beside the dot, and a workbook that does not give its year makes the pane ask for it
 * (never the machine's year) and check with the year chosen. Screenshots of each state go to test-artifacts/.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chromiumMissing } from '../support/chromium';
import type { ExcelDoubleInit } from '../support/excel-double';
import { artifactsDir as artifacts, paneSession } from '../support/pane-session';
import { budgetHeader, budgetRows2025, membershipHeader, membershipRows2025 } from '../shared/fixtures';

const missing = chromiumMissing();
/** A bound, not a speed check: the machine is shared. */
const patience = { timeout: 60_000, interval: 100 };
if (missing && !process.env.CI) console.log(`skipping the browser test: ${missing}`);

/** The 2025 sample rows under sheet names and titles that give no year. */
function workbookWithoutYear(displayLanguage: string): ExcelDoubleInit {
  // One wrong grant (an error once the year is known) and a column of notes (an info finding).
  const budget = budgetRows2025().map((row, i) => [...row, i === 0 ? 'Ny aftale' : '']);
  budget[2][3] = 300_000;
  return {
    workbookName: 'Budget.xlsx',
    displayLanguage,
    sheets: [
      { name: 'Budget', values: [['Sociale partnerskaber, budget'], [], [...budgetHeader, 'Bemærkninger'], ...budget] },
      { name: 'Medlemstal', values: [membershipHeader, ...membershipRows2025()] },
    ],
  };
}

describe.skipIf(missing !== null && !process.env.CI)('the findings in the task pane (headless Chromium)', () => {
  const { open } = paneSession();

  const cases = [
    {
      lang: 'da',
      display: 'da-DK',
      words: { error: 'Fejl', info: 'Oplysning' },
      chooseYear: 'Vælg år',
      notFound: 'Programåret står ikke i arkene',
      asked: 'Programåret blev ikke fundet i arkene',
      errors: '1 fejl',
    },
    {
      lang: 'en',
      display: 'en-US',
      words: { error: 'Error', info: 'Info' },
      chooseYear: 'Choose the year',
      notFound: 'The programme year is not in the sheets',
      asked: 'The programme year was not found in the sheets',
      errors: 'Errors to fix before the sheets can be saved: 1.',
    },
  ] as const;

  for (const c of cases) {
    it(`${c.lang}: asks for a year the sheets do not give, says each finding's severity in words, and checks with the year chosen`, async () => {
      const page = await open(workbookWithoutYear(c.display));
      const year = page.locator('#programme-year');
      // Not the machine's year: nothing is chosen, and the pane says why.
      expect(await year.inputValue()).toBe('');
      expect(await page.locator('#programme-year option:checked').textContent()).toBe(c.chooseYear);
      expect(await page.locator('#year-missing').textContent()).toContain(c.notFound);
      expect(await year.getAttribute('aria-invalid')).toBe('true');
      await page.screenshot({ path: join(artifacts, `findings-${c.lang}-year-missing.png`), fullPage: true });

      // Kontrollér without a year: the core's model-unknown, as the CLI reports it, and the question again.
      await page.click('#validate');
      await page.waitForSelector('button.issue[data-code], div.issue[data-code="model-unknown"]');
      await expect.poll(() => page.locator('#status').textContent(), patience).toContain(c.asked);
      expect(await page.locator('.issue[data-code="model-unknown"] .severity-word').textContent()).toBe(c.words.error);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('programme-year');
      await page.screenshot({ path: join(artifacts, `findings-${c.lang}-year-asked.png`), fullPage: true });

      // Choosing the year checks at once, by that year's rules.
      await year.selectOption('2025');
      await page.waitForSelector('.issue[data-code="grant-mismatch"]');
      await expect.poll(() => page.locator('#status').textContent(), patience).toContain(c.errors);
      expect(await page.locator('.issue[data-code="model-unknown"]').count()).toBe(0);
      expect(await page.locator('#year-missing').count()).toBe(0);
      const grant = page.locator('.issue[data-code="grant-mismatch"]');
      expect(await grant.locator('.severity-word').textContent()).toBe(c.words.error);
      expect(await grant.locator('.severity-word').isVisible()).toBe(true);
      expect(await page.locator('.issue[data-code="unknown-column"] .severity-word').textContent()).toBe(c.words.info);
      await page.screenshot({ path: join(artifacts, `findings-${c.lang}-checked.png`), fullPage: true });
      await page.context().close();
    });
  }
});
