/**
 * The real task pane in a real browser: Debian's headless Chromium loads the built pane from the running
 * service; an in-page Excel double holds the illustrative sample workbook (samples/partnerskab-2025.xlsx,
 * with one grant made wrong). Every button is pressed the way a user would, and its effect is checked in
 * the workbook double and on the service.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAddinBuilt } from '../../scripts/build-addin';
import { readWorkbookFile } from '../../server/xlsx/read-workbook';
import type { CellValue } from '../../shared/schemas';
import { chromiumMissing, launchChromium, paneWithDouble } from '../support/chromium';
import type { ExcelDoubleInit } from '../support/excel-double';
import { startService, type RunningService } from '../support/service-process';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const artifacts = join(root, 'test-artifacts');
const missing = chromiumMissing();
/** The machine is shared; a button's work may take a few seconds under load (no speed is asserted here). */
const patience = { timeout: 120_000, interval: 100 };
// Never skipped in CI: there a missing browser is a failure, not a reason.
if (missing && !process.env.CI) console.log(`skipping the browser test: ${missing}`);

interface SnapshotList {
  snapshots: Array<{ id: string; createdBy: string; hash: string; basedOn: string | null; year: number }>;
}

describe.skipIf(missing !== null && !process.env.CI)('the task pane in headless Chromium', () => {
  let service: RunningService;
  let browser: Browser;
  let page: Page;
  let token: string;
  let workbook: ExcelDoubleInit;
  /** Where the wrong grant sits: the Tilskud cell of Krumspring's row. */
  let grantCell: { row: number; column: number; address: string };

  const status = () => page.locator('#status').textContent();
  /** Each state the test reaches, at the pane's 320 px, for a person to look at (test-artifacts/ is not committed). */
  const shot = (p: Page, name: string) => p.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
  const office = <T>(fn: string): Promise<T> => page.evaluate(`(() => { const d = window.__PARTNERSKAB_TEST_OFFICE__; return ${fn}; })()`) as Promise<T>;
  const setCell = (sheet: string, row: number, column: number, value: CellValue) =>
    page.evaluate(({ sheet, row, column, value }) => {
      const d = (window as unknown as { __PARTNERSKAB_TEST_OFFICE__: { workbook: { sheets: Array<{ name: string; values: CellValue[][] }> } } }).__PARTNERSKAB_TEST_OFFICE__;
      d.workbook.sheets.find((s) => s.name === sheet)!.values[row][column] = value;
    }, { sheet, row, column, value });

  beforeAll(async () => {
    const [started, sample] = await Promise.all([startService(), readWorkbookFile(join(root, 'samples', 'partnerskab-2025.xlsx')), ensureAddinBuilt()]);
    service = started;
    token = await service.editorToken('E2E');
    const budget = sample.sheets.find((s) => s.name === 'Budget 2025')!;
    const header = budget.values.findIndex((r) => r[0] === 'Forening');
    const row = budget.values.findIndex((r) => r[0] === 'Krumspring');
    const column = budget.values[header].indexOf('Tilskud');
    budget.values[row][column] = 300_000;
    grantCell = { row, column, address: `${String.fromCharCode(65 + column)}${row + 1}` };
    mkdirSync(artifacts, { recursive: true });
    workbook = {
      workbookName: 'partnerskab-2025.xlsx',
      displayLanguage: 'da-DK',
      sheets: sample.sheets.map((s) => ({
        name: s.name,
        values: s.values,
        numberFormat: s.numberFormat,
        // A patterned fill of the staff's own, which the highlight must give back exactly.
        fills: s.name === 'Budget 2025' ? { [grantCell.address]: { color: '#FFF2CC', pattern: 'LightUp', patternColor: '#BF8F00', tintAndShade: 0, patternTintAndShade: 0 } } : undefined,
      })),
    };
    browser = await launchChromium();
    page = await paneWithDouble(browser, workbook);
  });

  afterAll(async () => {
    await browser?.close();
    await service?.stop();
  });

  it('opens from the service with the sheets and the year detected', async () => {
    await page.goto(`${service.url}/addin/taskpane.html`);
    await page.waitForSelector('body[data-state="ready"]');
    expect(await page.locator('#budget-sheet').inputValue()).toBe('Budget 2025');
    expect(await page.locator('#membership-sheet').inputValue()).toBe('Medlemstal 2025');
    expect(await page.locator('#programme-year').inputValue()).toBe('2025');
    expect(await page.locator('#validate').textContent()).toBe('Kontrollér');
  });

  it('Kontrollér (from the keyboard) shows the counts and the issues by sheet', async () => {
    await page.focus('#validate');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.counts');
    expect(await page.locator('.count-error .count-number').textContent()).toBe('1');
    expect(await status()).toContain('1 fejl');
    expect(await page.locator('.issue-group h3').first().textContent()).toContain('Budget 2025');
    const issue = page.locator('button.issue[data-code="grant-mismatch"]');
    expect(await issue.getAttribute('data-cell')).toBe(grantCell.address);
    expect(await issue.textContent()).toContain('Krumspring');
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, 'taskpane.png'), fullPage: true });
  });

  it('clicking an issue selects its cell in Excel', async () => {
    await page.click('button.issue[data-code="grant-mismatch"]');
    await expect.poll(() => office('d.workbook.selection'), patience).toEqual({ sheet: 'Budget 2025', address: grantCell.address });
  });

  it('Markér highlights the problem cells and Fjern markering gives the staff their own fill back', async () => {
    const key = `${grantCell.row},${grantCell.column}`;
    const original = await office(`d.workbook.sheets[0].fills.get('${key}')`);
    await page.click('#highlight');
    await expect.poll(status, patience).toContain('Markerede celler: 3.');
    expect(await office(`d.workbook.sheets[0].fills.get('${key}').color`)).toBe('#FFC7CE');
    await page.click('#clear-highlight');
    await expect.poll(status, patience).toContain('Markering fjernet. Celler med deres eget fyld igen: 3.');
    expect(await office(`d.workbook.sheets[0].fills.get('${key}')`)).toEqual(original);
  });

  it('Oversigt shows totals per district, local area and funding frame', async () => {
    await page.click('#overview');
    await page.waitForSelector('#summary-districts');
    const total = await page.locator('#summary-districts tfoot td').allTextContents();
    expect(total[0]).toBe('21');
    expect(await page.locator('#summary-local-areas tbody tr').count()).toBe(4);
    expect(await page.locator('#summary-funding tbody tr').count()).toBeGreaterThan(0);
  });

  it('Indstillinger keeps the token in the add-in storage, not in the workbook', async () => {
    await page.click('#open-settings');
    expect(await page.locator('#service-url').inputValue()).toBe(service.url);
    await page.fill('#service-token', token);
    await page.click('#settings-form button[type="submit"]');
    await expect.poll(status, patience).toContain('Indstillingerne er gemt');
    expect(await page.evaluate(() => localStorage.getItem('partnerskab.service.v1'))).toContain(token);
    expect(JSON.stringify(await office('[...d.workbook.settings.entries()]'))).not.toContain(token);
  });

  it('Gem version refuses a sheet with errors and lists them, saying that nothing was sent', async () => {
    expect(await page.locator('#save-snapshot').textContent()).toBe('Gem version');
    await page.click('#save-snapshot');
    await page.waitForSelector('#snapshot-refused');
    expect(await page.locator('#snapshot-refused').getAttribute('data-by')).toBe('pane');
    const text = await page.locator('#snapshot-refused').textContent();
    expect(text).toContain('Arkene kan ikke gemmes endnu');
    expect(text).toContain('Intet er sendt til tjenesten');
    expect(text).not.toContain('Tjenesten afviste');
    expect(await page.locator('#snapshot-refused button.issue').getAttribute('data-code')).toBe('grant-mismatch');
    expect((await service.get<SnapshotList>('/api/snapshots?year=2025', token)).snapshots).toEqual([]);
    await shot(page, 'da-save-refused-by-pane');
  });

  it('Indsæt bydelsoversigt from a workbook with errors says so in the sheet and the pane, and the refusal above goes', async () => {
    await page.click('#insert-overview');
    await expect.poll(status, patience).toContain('Arkene har 1 fejl, så tallene kan være forkerte');
    expect(await page.locator('#status').getAttribute('class')).toContain('status-warning');
    // The refused save no longer describes anything; the findings of the sheets do.
    expect(await page.locator('#snapshot-refused').count()).toBe(0);
    expect(await page.locator('button.issue[data-code="grant-mismatch"]').count()).toBe(1);
    const sheet = await office<CellValue[][]>("d.workbook.sheets.find((x) => x.name === 'Bydelsoversigt 2025').values");
    expect(String(sheet[2][0])).toContain('Arkene har 1 fejl, så tallene kan være forkerte');
    expect(await office("d.workbook.sheets.find((x) => x.name === 'Bydelsoversigt 2025').fonts.get('2,0').color")).toBe('#C00000');
    await shot(page, 'da-overview-workbook-with-errors');
  });

  it('after the fix, Gem snapshot saves and the service has the snapshot the pane shows', async () => {
    await setCell('Budget 2025', grantCell.row, grantCell.column, 250_000);
    await page.click('#save-snapshot');
    await page.waitForSelector('#snapshot-saved');
    const id = await page.locator('[data-meta="id"]').textContent();
    expect(await page.locator('[data-meta="createdBy"]').textContent()).toBe('E2E');
    expect(await page.locator('#snapshot-changes').textContent()).toContain('Årets første version');
    expect(await status()).toBe('Versionen er gemt');
    await shot(page, 'da-saved');
    const { snapshots } = await service.get<SnapshotList>('/api/snapshots?year=2025', token);
    expect(snapshots.map((s) => s.id)).toEqual([id]);
    expect(snapshots[0].hash.startsWith((await page.locator('[data-meta="hash"]').textContent()) ?? '-')).toBe(true);
    expect(await office('JSON.parse(d.workbook.settings.get("partnerskab.lastSnapshot.v1"))')).toEqual({ '2025': id });
  });

  it("a save from a diverged copy shows the other person's changes, and Gem alligevel saves", async () => {
    const mine = (await service.get<SnapshotList>('/api/snapshots?year=2025', token)).snapshots[0];
    // A colleague saves first, from the same starting point, with Krumspring's hours changed.
    const colleague = await service.editorToken('Kollega');
    const sheets = await office<Array<{ name: string; values: CellValue[][] }>>('d.workbook.sheets.map((s) => ({ name: s.name, values: s.values }))');
    const budget = sheets.find((s) => s.name === 'Budget 2025')!;
    const hoursColumn = budget.values.find((r) => r[0] === 'Forening')!.indexOf('Timer pr. uge');
    budget.values[grantCell.row][hoursColumn] = 30;
    const theirs = await service.post<{ snapshot: { id: string } }>('/api/snapshots', colleague, { year: 2025, basedOn: mine.id, sheets });
    expect(theirs.status).toBe(201);

    await setCell('Budget 2025', grantCell.row + 1, hoursColumn, 31);
    await page.click('#save-snapshot');
    await page.waitForSelector('#snapshot-conflict');
    expect(await page.locator('#snapshot-conflict').getAttribute('data-case')).toBe('saved-since');
    expect(await page.locator('#conflict-title').textContent()).toBe('Nogen har gemt en nyere version');
    expect(await page.locator('#conflict-text').textContent()).toMatch(/^Kollega gemte en ny version af 2025 \d+\. \S+ kl\. \d\d\.\d\d, efter den version din kopi bygger på\.$/);
    // The choice comes before the differences.
    const order = await page.locator('#snapshot-conflict').evaluate((el) => [...el.querySelectorAll('#save-anyway, #save-stop, #snapshot-changes')].map((e) => e.id));
    expect(order).toEqual(['save-anyway', 'save-stop', 'snapshot-changes']);
    // Per association, only the fields that differ: the saved version's value → this copy's.
    const associations = page.locator('#conflict-changes > li');
    expect(await associations.count()).toBe(2);
    const krumspring = page.locator('#conflict-changes > li[data-association="Krumspring"] li');
    expect(await krumspring.allTextContents()).toEqual(['Timer pr. uge: 30 → 25']);
    expect((await associations.nth(1).locator('li').allTextContents())).toEqual(['Timer pr. uge: 25 → 31']);
    expect(await page.locator('#show-all-changes').count()).toBe(0);
    await shot(page, 'da-conflict-saved-since');
    await page.click('#save-anyway');
    await page.waitForSelector('#snapshot-saved');
    const { snapshots } = await service.get<SnapshotList>('/api/snapshots?year=2025', token);
    await shot(page, 'da-saved-anyway');
    expect(snapshots).toHaveLength(3);
    expect(snapshots[0]).toMatchObject({ createdBy: 'E2E', basedOn: theirs.json.snapshot.id });
  });

  it('Indsæt bydelsoversigt writes the sheet from the service with a table and a clustered bar chart, and the stored years below', async () => {
    const districts = await service.get<{ total: { grant: number; membersUnder25: number } }>('/api/years/2025/districts', token);
    await page.click('#insert-overview');
    await expect.poll(status, patience).toMatch(/indsat med tal fra versionen fra \d+\. \S+ kl\. \d\d\.\d\d\. Udviklingen år for år er med \(2025\)\.$/);
    // The save's block above no longer describes what the pane just did.
    expect(await page.locator('#panel').textContent()).toBe('');
    await shot(page, 'da-overview-from-service');
    const sheet = await office<{ values: CellValue[][]; tables: Array<{ name: string }>; charts: Array<{ type: string }> }>(
      "(() => { const s = d.workbook.sheets.find((x) => x.name === 'Bydelsoversigt 2025'); return { values: s.values, tables: s.tables, charts: s.charts }; })()",
    );
    const totalRow = sheet.values.find((r) => r[0] === 'I alt')!;
    expect(totalRow[3]).toBe(districts.total.grant);
    expect(totalRow[6]).toBe(districts.total.membersUnder25);
    // The service holds 2025 only: the years' table and its line charts have that one year.
    expect(sheet.tables.map((t) => t.name)).toEqual(['Bydelsoversigt_2025', 'Bydelsudvikling_2025']);
    expect(sheet.charts.map((c) => c.type)).toEqual(['BarClustered', 'Line', 'Line']);
    expect(await office('d.workbook.sheets.map((s) => s.name)')).toEqual(['Budget 2025', 'Medlemstal 2025', 'Bydelsoversigt 2025']);
  });

  it('with the service unreachable the pane says so, and Kontrollér still works', async () => {
    await page.click('#open-settings');
    await page.fill('#service-url', 'http://127.0.0.1:9');
    await page.click('#settings-form button[type="submit"]');
    await page.click('#save-snapshot');
    await expect.poll(status, patience).toContain('kan ikke nås');
    await page.click('#validate');
    await expect.poll(status, patience).toContain('Ingen fejl');
  });

  it('speaks English when Office does', async () => {
    const english = await paneWithDouble(browser, { ...workbook, displayLanguage: 'en-US' });
    await english.goto(`${service.url}/addin/taskpane.html`);
    await english.waitForSelector('body[data-state="ready"]');
    expect(await english.locator('#validate').textContent()).toBe('Check');
    await english.click('#validate');
    await english.waitForSelector('.counts');
    expect(await english.locator('#status').textContent()).toContain('Errors to fix before the sheets can be saved: 1.');
    expect(await english.locator('#save-snapshot').textContent()).toBe('Save version');
    await english.click('#save-snapshot');
    await english.waitForSelector('#snapshot-refused[data-by="pane"]');
    expect(await english.locator('#snapshot-refused h2').textContent()).toBe('The sheets cannot be saved yet');
    expect(await english.locator('#snapshot-refused').textContent()).toContain('Nothing was sent to the service');
    await shot(english, 'en-save-refused-by-pane');
    expect(await english.locator('html').getAttribute('lang')).toBe('en');
    expect(await english.locator('.actions').getAttribute('aria-label')).toBe('Actions');
    await english.context().close();
  });

  it.each([
    ['da-DK', 'Året har allerede en gemt version', '2025 har allerede en gemt version (gemt af E2E ', 'og denne kopi er ikke lavet ud fra den.', 'Vis alle (7)', 'Intet blev gemt.'],
    ['en-US', 'The year already has a saved version', '2025 already has a saved version (saved by E2E ', 'and this copy was not made from it.', 'Show all (7)', 'Nothing was saved.'],
  ])('a first save from a copy never saved, when the year has a version, says so (%s); the list is short until Vis alle', async (displayLanguage, title, text, textEnd, showAll, stopped) => {
    // Another copy of the workbook (no version remembered in it), with seven associations' hours changed.
    const copy = structuredClone(workbook);
    const budget = copy.sheets.find((s) => s.name === 'Budget 2025')!;
    budget.values[grantCell.row][grantCell.column] = 250_000;
    const hoursColumn = budget.values.find((r) => r[0] === 'Forening')!.indexOf('Timer pr. uge');
    for (let i = 0; i < 7; i++) budget.values[grantCell.row + i][hoursColumn] = 40 + i;
    const other = await paneWithDouble(browser, { ...copy, displayLanguage });
    await other.addInitScript({ content: `localStorage.setItem('partnerskab.service.v1', ${JSON.stringify(JSON.stringify({ url: service.url, token }))});` });
    await other.goto(`${service.url}/addin/taskpane.html`);
    await other.waitForSelector('body[data-state="ready"]');
    await other.click('#save-snapshot');
    await other.waitForSelector('#snapshot-conflict');
    expect(await other.locator('#snapshot-conflict').getAttribute('data-case')).toBe('not-from-this-year');
    expect(await other.locator('#conflict-title').textContent()).toBe(title);
    const said = (await other.locator('#conflict-text').textContent()) ?? '';
    expect(said.startsWith(text)).toBe(true);
    expect(said.endsWith(textEnd)).toBe(true);
    const associations = other.locator('#conflict-changes > li');
    expect(await associations.count()).toBe(7);
    expect(await other.locator('#conflict-changes > li:visible').count()).toBe(5);
    expect(await other.locator('#show-all-changes').textContent()).toBe(showAll);
    await shot(other, `${displayLanguage.slice(0, 2)}-conflict-not-from-this-year`);
    await other.click('#show-all-changes');
    await expect.poll(() => other.locator('#conflict-changes > li:visible').count(), patience).toBe(7);
    expect(await other.locator('#show-all-changes').count()).toBe(0);
    await shot(other, `${displayLanguage.slice(0, 2)}-conflict-show-all`);
    const before = (await service.get<SnapshotList>('/api/snapshots?year=2025', token)).snapshots.length;
    await other.click('#save-stop');
    await expect.poll(() => other.locator('#status').textContent(), patience).toBe(stopped);
    expect(await other.locator('#snapshot-conflict').count()).toBe(0);
    expect((await service.get<SnapshotList>('/api/snapshots?year=2025', token)).snapshots).toHaveLength(before);
    await other.context().close();
  });

  it.each([
    ['da-DK', 'Tjenesten kræver en nøgle (token), og der er ingen under Indstillinger. Bed den, der driver tjenesten, om en nøgle, og indsæt den under Indstillinger', 'Tjenesten kender ikke nøglen'],
    ['en-US', 'The service needs a token, and there is none under Settings. Ask whoever runs the service for a token and paste it under Settings', 'The service does not know the token'],
  ])('with no token (%s) it says to ask whoever runs the service for one and where to put it; a wrong one is said apart', async (displayLanguage, noToken, wrongToken) => {
    const fixed = structuredClone(workbook);
    fixed.sheets.find((s) => s.name === 'Budget 2025')!.values[grantCell.row][grantCell.column] = 250_000;
    const fresh = await paneWithDouble(browser, { ...fixed, displayLanguage });
    await fresh.goto(`${service.url}/addin/taskpane.html`);
    await fresh.waitForSelector('body[data-state="ready"]');
    await fresh.click('#save-snapshot');
    const freshStatus = () => fresh.locator('#status').textContent();
    await expect.poll(freshStatus, patience).toContain(noToken);
    expect(await freshStatus()).not.toContain('npm run');
    await shot(fresh, `${displayLanguage.slice(0, 2)}-no-token`);
    await fresh.click('#open-settings');
    await fresh.fill('#service-token', 'not-a-token-of-this-service');
    await fresh.click('#settings-form button[type="submit"]');
    await fresh.click('#save-snapshot');
    await expect.poll(freshStatus, patience).toContain(wrongToken);
    expect(await freshStatus()).not.toContain('npm run');
    await shot(fresh, `${displayLanguage.slice(0, 2)}-wrong-token`);
    await fresh.context().close();
  });

  it('opened in a plain browser, outside Excel, it says where to open it and keeps the Excel buttons off', async () => {
    // Outside Office the browser's language decides.
    const context = await browser.newContext({ viewport: { width: 320, height: 600 }, locale: 'da-DK' });
    const plain = await context.newPage();
    await plain.goto(`${service.url}/addin/taskpane.html`);
    await plain.waitForSelector('body[data-state="no-excel"]');
    expect(await plain.locator('#status').textContent()).toContain('Åbn ruden fra knappen Partnerskab');
    expect(await plain.locator('#validate').isDisabled()).toBe(true);
    expect(await plain.locator('#open-settings').isDisabled()).toBe(false);
    await context.close();
  });
});
