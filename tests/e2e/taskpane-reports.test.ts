/**
 * The reports of the real task pane in headless Chromium, against the real service (PGlite) as a process:
 * the pane's own address, Hent medlemstal (the year's export opened as a new workbook, the CSV files offered
 * as downloads), Indsæt bydelsoversigt with every stored year, Oversigt with the change against the year
 * before, and the personal-data check of the strings a save sends. Danish and English, from a blank workbook
 * and offline; a screenshot of each state goes to test-artifacts/.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAddinBuilt } from '../../scripts/build-addin';
import { chromiumMissing, launchChromium, paneWithDouble } from '../support/chromium';
import type { ExcelDoubleInit } from '../support/excel-double';
import { startService, type RunningService } from '../support/service-process';
import { associations2025, snapshotBody, workbook as fixtureWorkbook } from '../server/fixtures';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const artifacts = join(root, 'test-artifacts');
const missing = chromiumMissing();
/** A bound, not a speed check: the machine is shared. */
const patience = { timeout: 120_000, interval: 100 };
if (missing && !process.env.CI) console.log(`skipping the browser test: ${missing}`);

const rows2024 = associations2025(3).slice(1).map((r) => ({ ...r, tier: 'standard' as const, grant: 200_000 }));

describe.skipIf(missing !== null && !process.env.CI)('the reports of the task pane (headless Chromium, real service)', () => {
  let service: RunningService;
  let browser: Browser;
  let token: string;

  beforeAll(async () => {
    const [started] = await Promise.all([startService(), ensureAddinBuilt()]);
    service = started;
    token = await service.editorToken('Rapporter');
    // Two stored years with membership figures, so the export and the trend have both: 2024 (the 2012 model's
    // grant, other member counts, Brønshøj Boldklub not yet a partner, so Brønshøj-Husum is new in 2025) and 2025.
    for (const [year, rows] of [[2024, rows2024], [2025, associations2025()]] as const) {
      const saved = await service.post('/api/snapshots', token, snapshotBody(fixtureWorkbook(year, [...rows])));
      if (saved.status !== 201) throw new Error(`saving ${year}: HTTP ${saved.status}`);
    }
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

  // ------------------------------------------------------------------------------------------ Hent medlemstal

  const blank = (displayLanguage: string, platform?: string): ExcelDoubleInit => ({ workbookName: 'Mappe1', displayLanguage, platform, sheets: [{ name: 'Ark1', values: [] }] });
  const office = <T>(page: Page, fn: string): Promise<T> => page.evaluate(`(() => { const d = window.__PARTNERSKAB_TEST_OFFICE__; return ${fn}; })()`) as Promise<T>;

  /** The workbook Excel.createWorkbook was given, read back with exceljs: sheet names and every row's values. */
  async function openedWorkbook(page: Page): Promise<Map<string, unknown[][]>> {
    const created = await office<Array<string | null>>(page, 'd.createdWorkbooks');
    expect(created).toHaveLength(1);
    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(created[0]!, 'base64') as unknown as ArrayBuffer);
    const sheets = new Map<string, unknown[][]>();
    book.eachSheet((ws) => {
      const rows: unknown[][] = [];
      ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v && typeof v === 'object' && 'result' in v ? (v as { result: unknown }).result : v))));
      sheets.set(ws.name, rows);
    });
    return sheets;
  }

  it.each([
    ['da-DK', 'Vælg året under Programår, så henter ruden det års medlemstal.', 'Medlemstal 2025 er åbnet i Excel som en ny arbejdsbog.', 'Medlemstal 2025', 'Bydele 2025', 'Foreninger · medlemstal-2025.csv'],
    ['en-US', "Choose the year under Programme year, and the pane gets that year's membership figures.", 'The membership figures of 2025 are open in Excel as a new workbook.', 'Members 2025', 'Districts 2025', 'Associations · medlemstal-2025.csv'],
  ])('Hent medlemstal from a blank workbook (%s): asks for the year, opens the export as a new workbook, offers the CSV files', async (displayLanguage, askYear, opened, associationsSheet, districtsSheet, firstLink) => {
    const lang = displayLanguage.slice(0, 2);
    const page = await open(blank(displayLanguage), undefined, { token });
    const status = () => page.locator('#status').textContent();
    // No sheets found, no year: the button works all the same, and asks for the year rather than guess it.
    expect(await page.locator('#fetch-export').isDisabled()).toBe(false);
    expect(await page.locator('#programme-year').inputValue()).toBe('');
    await page.click('#fetch-export');
    await expect.poll(status, patience).toBe(askYear);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id), patience).toBe('programme-year');
    expect(await office(page, 'd.createdWorkbooks.length')).toBe(0);
    await shot(page, `${lang}-export-asks-year`);
    await page.selectOption('#programme-year', '2025');
    // Choosing the year in a blank workbook checks nothing (there is no sheet), so no "choose a sheet" appears.
    expect(await status()).not.toContain(lang === 'da' ? 'Vælg mindst ét ark' : 'Choose at least one sheet');
    await page.click('#fetch-export');
    await expect.poll(status, patience).toBe(opened);
    await page.waitForSelector('#export-result');

    // The new workbook is the service's export of 2025: its I alt row holds the service's own total.
    const sheets = await openedWorkbook(page);
    expect([...sheets.keys()]).toContain(associationsSheet);
    expect([...sheets.keys()]).toContain(districtsSheet);
    const districts = await service.get<{ total: { membersUnder25: number } }>('/api/years/2025/districts', token);
    const flat = [...sheets.get(districtsSheet)!].flat();
    expect(flat).toContain(districts.total.membersUnder25);
    // The open workbook is left as it was.
    expect(await office(page, 'd.workbook.sheets.map((s) => s.name)')).toEqual(['Ark1']);

    // The CSV files, one per level, as downloads (Excel on the web: a browser).
    const links = page.locator('#export-csv a[download]');
    expect(await links.count()).toBe(3);
    expect(await links.first().textContent()).toBe(firstLink);
    expect(await links.evaluateAll((as) => as.map((a) => a.getAttribute('download')))).toEqual(['medlemstal-2025.csv', 'medlemstal-bydele-2025.csv', 'medlemstal-udvikling-2025.csv']);
    await shot(page, `${lang}-export-opened`);
    const [download] = await Promise.all([page.waitForEvent('download'), links.nth(1).click()]);
    expect(download.suggestedFilename()).toBe('medlemstal-bydele-2025.csv');
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const [header, ...rows] = csv.slice(1).trim().split('\r\n').map((line) => line.split(';'));
    const under25 = header.findIndex((h) => h === (lang === 'da' ? 'Medlemmer under 25' : 'Members under 25'));
    expect(under25).toBeGreaterThan(-1);
    // One row per bydel and no I alt row: the column's sum is the service's total, each member counted once.
    expect(rows.reduce((n, r) => n + Number(r[under25]), 0)).toBe(districts.total.membersUnder25);
    await page.context().close();
  });

  it.each([
    ['da-DK', 'Excel på skrivebordet kan ikke gemme filer fra ruden. CSV-filerne får du ved at åbne ruden i Excel på nettet'],
    ['en-US', 'Excel on the desktop cannot save files from the pane. Get the CSV files by opening the pane in Excel on the web'],
  ])('in desktop Excel (%s) the workbook opens and the CSV files are explained, not offered', async (displayLanguage, explained) => {
    const page = await open({ ...blank(displayLanguage, 'PC') }, undefined, { token });
    await page.selectOption('#programme-year', '2025');
    await page.click('#fetch-export');
    await page.waitForSelector('#export-result');
    expect(await page.locator('#export-csv-desktop').textContent()).toContain(explained);
    expect(await page.locator('#export-result a[download]').count()).toBe(0);
    expect((await openedWorkbook(page)).size).toBeGreaterThan(1);
    await shot(page, `${displayLanguage.slice(0, 2)}-export-desktop`);
    await page.context().close();
  });

  it('when Excel cannot open the file as a new workbook, the pane offers the .xlsx itself as a download', async () => {
    // A request limit below the export's size: Excel refuses createWorkbook (RequestPayloadSizeLimitExceeded).
    const page = await open({ ...blank('da-DK'), payloadLimitBytes: 10_000 }, undefined, { token });
    await page.selectOption('#programme-year', '2025');
    await page.click('#fetch-export');
    await page.waitForSelector('#export-result');
    expect(await page.locator('#status').textContent()).toBe('Medlemstal 2025 er hentet, men Excel kunne ikke åbne dem som en ny arbejdsbog.');
    expect(await page.locator('#export-not-opened').textContent()).toContain('Excel kunne ikke åbne filen som en ny arbejdsbog fra ruden');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-not-opened a[download]')]);
    expect(download.suggestedFilename()).toBe('medlemstal-2025.xlsx');
    expect(readFileSync((await download.path())!).subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
    expect(await office(page, 'd.createdWorkbooks.length')).toBe(0);
    await shot(page, 'da-export-not-opened');
    await page.context().close();
  });

  it.each([
    ['da-DK', 'no-token', 'Tjenesten kræver en nøgle (token), og der er ingen under Indstillinger. Bed den, der driver tjenesten, om en nøgle'],
    ['en-US', 'no-token', 'The service needs a token, and there is none under Settings. Ask whoever runs the service for a token'],
    ['da-DK', 'refused-token', 'Tjenesten kender ikke nøglen (token) under Indstillinger, eller den er trukket tilbage.'],
    ['en-US', 'refused-token', 'The service does not know the token under Settings, or it was withdrawn.'],
    ['da-DK', 'offline', 'kan ikke nås. Kontrollér adressen under Indstillinger og din netforbindelse.'],
    ['en-US', 'offline', 'cannot be reached. Check the address under Settings and your network.'],
    ['da-DK', 'no-figures', 'Tjenesten har ingen medlemstal for 2023: ingen gemt version af 2023 har et medlemsark. Gem årets version med medlemsarket (Gem version), eller vælg et andet år under Programår.'],
    ['en-US', 'no-figures', "The service has no membership figures for 2023: no saved version of 2023 has a membership sheet. Save the year's version with its membership sheet (Save version), or choose another year under Programme year."],
  ])('Hent medlemstal (%s, %s) says what stands in the way, and opens nothing', async (displayLanguage, situation, said) => {
    const settings = {
      'no-token': { token: '' },
      'refused-token': { token: 'not-a-token-of-this-service' },
      offline: { url: 'http://127.0.0.1:9', token },
      'no-figures': { token },
    }[situation]!;
    const page = await open(blank(displayLanguage), undefined, settings);
    await page.selectOption('#programme-year', situation === 'no-figures' ? '2023' : '2025');
    await page.click('#fetch-export');
    const status = () => page.locator('#status').textContent();
    await expect.poll(status, patience).toContain(said);
    expect(await page.locator('#status').getAttribute('class')).toMatch(/status-(error|warning)/);
    expect(await office(page, 'd.createdWorkbooks.length')).toBe(0);
    expect(await page.locator('#export-result').count()).toBe(0);
    expect(await status()).not.toMatch(/npm run|TypeError|Failed to fetch/);
    await shot(page, `${displayLanguage.slice(0, 2)}-export-${situation}`);
    await page.context().close();
  });

  // ------------------------------------------------------------------------------------------ the years in the overview

  interface OverviewSheetModel { values: Array<Array<string | number>>; tables: Array<{ name: string; row: number; rows: number; columns: number }>; charts: Array<{ type: string; title: string; categories: unknown[]; series: Array<{ name: string; values: unknown[] }> }> }
  const overviewSheet = (page: Page, year = 2025) =>
    office<OverviewSheetModel>(page, `(() => { const s = d.workbook.sheets.find((x) => x.name === 'Bydelsoversigt ${year}'); return s && { values: s.values, tables: s.tables, charts: s.charts }; })()`);

  it.each([
    ['da-DK', 'Udviklingen år for år er med (2024, 2025).', ['Bydel', 'Under 25 2024', 'Under 25 2025', 'Tilskud 2024', 'Tilskud 2025'], 'Medlemmer under 25 pr. bydel, år for år'],
    ['en-US', 'The year-by-year development is included (2024, 2025).', ['District', 'Under 25 2024', 'Under 25 2025', 'Grant 2024', 'Grant 2025'], 'Members under 25 per district, year by year'],
  ])('Indsæt bydelsoversigt (%s) adds every stored year: a table and line charts from the service, replaced on every run', async (displayLanguage, said, headers, chartTitle) => {
    const page = await open({ workbookName: 'Partnerskaber.xlsx', displayLanguage, sheets: fixtureWorkbook(2025).sheets }, undefined, { token });
    const trend = await service.get<{ years: Array<{ year: number; total: { membersUnder25: number; grant: number } }> }>('/api/districts/trend?from=1926&to=2025', token);
    for (let run = 0; run < 2; run++) {
      await page.click('#insert-overview');
      await expect.poll(() => page.locator('#status').textContent(), patience).toContain(said);
    }
    const sheet = (await overviewSheet(page))!;
    expect(sheet.tables.map((t) => t.name)).toEqual(['Bydelsoversigt_2025', 'Bydelsudvikling_2025']);
    const years = sheet.tables[1];
    expect(sheet.values[years.row].slice(0, 5)).toEqual(headers);
    // The totals row holds the service's own totals of each year.
    const total = sheet.values[years.row + years.rows - 1].slice(0, 5);
    expect(total.slice(1)).toEqual([trend.years[0].total.membersUnder25, trend.years[1].total.membersUnder25, trend.years[0].total.grant, trend.years[1].total.grant]);
    const lines = sheet.charts.filter((c) => c.type === 'Line');
    expect(lines).toHaveLength(2);
    expect(lines[0].title).toBe(chartTitle);
    expect(lines[0].categories).toEqual(['2024', '2025']);
    expect(sheet.charts.map((c) => c.type)).toEqual(['BarClustered', 'Line', 'Line']);
    expect(await office(page, 'd.workbook.sheets.map((s) => s.name)')).toEqual(['Budget', 'Medlemstal', 'Bydelsoversigt 2025']);
    await shot(page, `${displayLanguage.slice(0, 2)}-overview-with-years`);
    await page.context().close();
  });

  it.each([
    ['da-DK', 'Udviklingen år for år kræver tjenesten og er ikke med.', 'Udviklingen år for år kræver tjenesten, som ikke kunne bruges: Tjenesten på http://127.0.0.1:9 kan ikke nås.'],
    ['en-US', 'The year-by-year development needs the service and is not included.', 'The year-by-year development needs the service, which could not be used: The service at http://127.0.0.1:9 cannot be reached.'],
  ])('Indsæt bydelsoversigt offline (%s) writes this year from the workbook and says, in the sheet and the pane, that the years need the service', async (displayLanguage, pane, inSheet) => {
    const page = await open({ workbookName: 'Partnerskaber.xlsx', displayLanguage, sheets: fixtureWorkbook(2025).sheets }, undefined, { url: 'http://127.0.0.1:9', token });
    await page.click('#insert-overview');
    await expect.poll(() => page.locator('#status').textContent(), patience).toContain(pane);
    expect(await page.locator('#status').getAttribute('class')).toContain('status-warning');
    const sheet = (await overviewSheet(page))!;
    expect(sheet.values.some((r) => String(r[0]).startsWith(inSheet))).toBe(true);
    expect(sheet.tables.map((t) => t.name)).toEqual(['Bydelsoversigt_2025']);
    expect(sheet.charts.map((c) => c.type)).toEqual(['BarClustered']);
    await shot(page, `${displayLanguage.slice(0, 2)}-overview-offline-years`);
    await page.context().close();
  });

  // ------------------------------------------------------------------------------------------ Oversigt's change

  interface Districts { districts: Array<{ district: string; membersUnder25: number }>; total: { membersUnder25: number } }

  it.each([
    ['da-DK', 'Medlemmer under 25: ændring siden 2024', /^2024: den gemte version fra \d+\. \S+ kl\. \d\d\.\d\d\. 2025: arkene i denne arbejdsbog \(ikke gemt\)\.$/, 'ny', 'I alt'],
    ['en-US', 'Members under 25: change since 2024', /^2024: the saved version of \d+ \S+ at \d\d:\d\d\. 2025: the sheets in this workbook \(not saved\)\.$/, 'new', 'Total'],
  ])('Oversigt (%s) shows each bydel\'s change against the year before from the service', async (displayLanguage, title, source, isNew, total) => {
    const page = await open({ workbookName: 'Partnerskaber.xlsx', displayLanguage, sheets: fixtureWorkbook(2025).sheets }, undefined, { token });
    const before = await service.get<Districts>('/api/years/2024/districts', token);
    const now = await service.get<Districts>('/api/years/2025/districts', token);
    await page.click('#overview');
    await page.waitForSelector('#summary-change-section[data-state="change"]');
    expect(await page.locator('#summary-change-section h3').textContent()).toBe(title);
    expect(await page.locator('#summary-change-section .hint').textContent()).toMatch(source);
    const cells = (district: string) => page.locator(`#summary-change tr[data-district="${district}"] td`).allTextContents();
    const nr24 = before.districts.find((d) => d.district === 'Nørrebro')!.membersUnder25;
    const nr25 = now.districts.find((d) => d.district === 'Nørrebro')!.membersUnder25;
    const fmt = (n: number) => new Intl.NumberFormat(displayLanguage === 'da-DK' ? 'da-DK' : 'en-GB').format(n);
    const signed = (n: number) => (n > 0 ? `+${fmt(n)}` : n < 0 ? `\u2212${fmt(-n)}` : '0');
    expect(await cells('Nørrebro')).toEqual([fmt(nr24), fmt(nr25), signed(nr25 - nr24)]);
    // Brønshøj-Husum had no partnership in 2024: no figure and "new", never a change from 0.
    expect(await cells('Brønshøj-Husum')).toEqual(['–', fmt(now.districts.find((d) => d.district === 'Brønshøj-Husum')!.membersUnder25), isNew]);
    const foot = await page.locator('#summary-change tfoot').textContent();
    expect(foot).toBe(`${total}${fmt(before.total.membersUnder25)}${fmt(now.total.membersUnder25)}${signed(now.total.membersUnder25 - before.total.membersUnder25)}`);
    // This year's own tables are there as before.
    expect(await page.locator('#summary-districts tbody tr').count()).toBe(now.districts.length);
    await shot(page, `${displayLanguage.slice(0, 2)}-summary-change`);
    await page.context().close();
  });

  it.each([
    ['da-DK', 'offline', 'Ændringen mod 2024 kræver tjenesten, som ikke kunne bruges: Tjenesten på http://127.0.0.1:9 kan ikke nås.'],
    ['en-US', 'offline', 'The change since 2024 needs the service, which could not be used: The service at http://127.0.0.1:9 cannot be reached.'],
    ['da-DK', 'no-token', 'Ændringen mod 2024 kræver tjenesten, som ikke kunne bruges: Tjenesten kræver en nøgle (token)'],
    ['en-US', 'no-token', 'The change since 2024 needs the service, which could not be used: The service needs a token'],
    ['da-DK', 'no-previous', 'Tjenesten har ingen gemt version af 2023, så der er ingen ændring at vise.'],
    ['en-US', 'no-previous', 'The service has no saved version of 2023, so there is no change to show.'],
    ['da-DK', 'no-membership-sheet', 'Ændringen mod 2024 vises, når et medlemsark med medlemstal er valgt under Medlemsark.'],
    ['en-US', 'no-membership-sheet', 'The change since 2024 is shown when a membership sheet with figures is chosen under Membership sheet.'],
  ])('Oversigt (%s, %s) says why there is no change, and shows no change figures', async (displayLanguage, situation, said) => {
    const sheets = situation === 'no-previous' ? fixtureWorkbook(2024, [...rows2024]).sheets : fixtureWorkbook(2025).sheets;
    const settings = { offline: { url: 'http://127.0.0.1:9', token }, 'no-token': { token: '' }, 'no-previous': { token }, 'no-membership-sheet': { token } }[situation]!;
    const page = await open({ workbookName: 'Partnerskaber.xlsx', displayLanguage, sheets }, undefined, settings);
    if (situation === 'no-membership-sheet') await page.selectOption('#membership-sheet', '');
    await page.click('#overview');
    await page.waitForSelector('#summary-change-section[data-state="none"]');
    expect(await page.locator('#summary-change-none').textContent()).toContain(said);
    expect(await page.locator('#summary-change').count()).toBe(0);
    expect(await page.locator('#summary-districts').count()).toBe(1);
    await shot(page, `${displayLanguage.slice(0, 2)}-summary-change-${situation}`);
    await page.context().close();
  });
});
