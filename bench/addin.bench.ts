/**
 * The task pane in Debian's headless Chromium with the Excel double (tests/support) holding a big workbook
 * (10k + 10k rows, bench/core.bench.ts's synthetic sheets): Kontrollér, from the click until the counts are
 * shown, against the core's validateWorkbook on the same rows in Node — the pane's own part is reading the
 * sheets through Office.js, the report and drawing it. Also the time from navigation to a usable pane, and the
 * bundle's size in the notes. Both waits are for information, with no target: issue 11 retired the pane's
 * earlier speed targets (issue 4's 300 ms to a usable pane among them). The pane is served from loopback by a
 * bare static server.
 */
import { readFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { buildAddin, root } from '../scripts/build-addin';
import { validateWorkbook } from '../shared/index';
import { chromiumMissing, launchChromium, paneWithDouble } from '../tests/support/chromium';
import { syntheticWorkbook } from './core.bench';
import { absoluteWait, median, progress, ratioWait, round } from './measure';
import type { PartResult } from './types';

const part = 'addin';
const runs = 5;
const rowsPerSheet = 10_000;

const types: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.png': 'image/png' };

function serve(addinDir: string): Promise<{ server: Server; url: string }> {
  const officeJs = join(root, 'node_modules', '@microsoft', 'office-js', 'dist');
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const file = path.startsWith('/addin/') ? join(addinDir, path.slice(7)) : path.startsWith('/office-js/') ? join(officeJs, path.slice(11)) : '';
    if (!file || file.includes('..') || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': types[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-cache' }).end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}` })));
}

/** One fresh pane on `workbook`: ms from navigation to usable, and from the Kontrollér click to the counts drawn. */
async function paneOnce(browser: Browser, url: string, sheets: ReturnType<typeof syntheticWorkbook>['sheets']): Promise<{ readyMs: number; validateMs: number }> {
  const page = await paneWithDouble(browser, { workbookName: 'partnerskab-2025.xlsx', sheets: sheets.map((s) => ({ name: s.name, values: s.values })) });
  try {
    await page.goto(`${url}/addin/taskpane.html`);
    await page.waitForSelector('body[data-state="ready"]');
    const readyMs = (await page.evaluate(() => performance.getEntriesByName('partnerskab:ready')[0]?.startTime ?? NaN)) as number;
    // Timed inside the page: the click, then the counts in the DOM and the frame that paints them.
    const validateMs = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const t0 = performance.now();
          const seen = new MutationObserver(() => {
            if (!document.querySelector('.counts')) return;
            seen.disconnect();
            requestAnimationFrame(() => resolve(performance.now() - t0));
          });
          seen.observe(document.body, { subtree: true, childList: true });
          (document.getElementById('validate') as HTMLButtonElement).click();
        }),
    );
    return { readyMs, validateMs };
  } finally {
    await page.context().close();
  }
}

export async function run(): Promise<PartResult> {
  const outDir = mkdtempSync(join(tmpdir(), 'partnerskab-addin-bench-'));
  const notes: string[] = [];
  try {
    await buildAddin(outDir);
    const gz = (f: string) => gzipSync(readFileSync(join(outDir, f)), { level: 9 }).length;
    notes.push(`bundle: taskpane.js + taskpane.css ${round((gz('taskpane.js') + gz('taskpane.css')) / 1024)} KB min + gzip (office.js not counted)`);
    const missing = chromiumMissing();
    if (missing) return { rows: [], notes: [...notes, `NOT measured: ${missing}`] };

    const workbook = syntheticWorkbook(rowsPerSheet);
    const report = validateWorkbook(workbook);
    const core: number[] = [];
    const { server, url } = await serve(outDir);
    const browser = await launchChromium();
    const ready: number[] = [];
    const validate: number[] = [];
    try {
      progress(part, `${runs} fresh panes on ${rowsPerSheet.toLocaleString('en-GB')} + ${rowsPerSheet.toLocaleString('en-GB')} rows, taking turns with validateWorkbook in Node`);
      // One untimed pane and call first: Chromium's own start-up, the JIT.
      await paneOnce(browser, url, workbook.sheets);
      validateWorkbook(workbook);
      for (let r = 0; r < runs; r++) {
        const t = await paneOnce(browser, url, workbook.sheets);
        ready.push(t.readyMs);
        validate.push(t.validateMs);
        const t0 = performance.now();
        validateWorkbook(workbook);
        core.push(performance.now() - t0);
      }
    } finally {
      await browser.close();
      server.close();
    }
    notes.push(
      `Kontrollér: click → counts painted, in the page (the sheets read through the Office.js double, which answers at context.sync() without Excel's own cost); ${report.issues.length.toLocaleString('en-GB')} findings shown (${report.counts.error} errors); Kontrollér ${validate.map(Math.round).join(', ')} ms, validateWorkbook ${core.map(Math.round).join(', ')} ms`,
    );
    const readyMs = median(ready);
    return {
      rows: [
        ratioWait({ part, wait: `Kontrollér, ${rowsPerSheet / 1000}k + ${rowsPerSheet / 1000}k rows, until the counts show`, ms: validate, floor: 'validateWorkbook on the same rows (Node)', floorMs: core, maxRatio: null }),
        absoluteWait({ part, wait: 'open the pane until usable (big workbook)', value: readyMs, unit: 'ms', runs }),
      ],
      notes,
    };
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}
