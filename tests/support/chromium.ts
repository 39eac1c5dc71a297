/**
 * Debian's Chromium driven by playwright-core, with the Excel double injected into the page before the
 * pane's scripts run. Shared by the browser test and the pane benchmark.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { ExcelDoubleInit } from './excel-double';

export const chromiumPath = '/usr/bin/chromium';
const here = dirname(fileURLToPath(import.meta.url));

/** Why the browser cannot run here, or null when it can. */
export function chromiumMissing(): string | null {
  return existsSync(chromiumPath) ? null : `${chromiumPath} is not installed (bash scripts/ensure-chromium.sh installs it)`;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

let doubleBundle: Promise<string> | null = null;

/** tests/e2e/page-double.ts bundled for the browser (the double and the model, no Node APIs). */
export function pageDoubleScript(): Promise<string> {
  doubleBundle ??= build({
    entryPoints: [join(here, '..', 'e2e', 'page-double.ts')],
    bundle: true,
    format: 'iife',
    write: false,
    target: ['chrome100'],
    logLevel: 'warning',
  }).then((r) => r.outputFiles[0].text);
  return doubleBundle;
}

export interface PaneOptions {
  width?: number;
  height?: number;
}

/** A page whose Office and Excel are the double holding `workbook`; call page.goto(paneUrl) next. */
export async function paneWithDouble(browser: Browser, workbook: ExcelDoubleInit, options: PaneOptions = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: options.width ?? 320, height: options.height ?? 900 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  await page.addInitScript({ content: `window.__PARTNERSKAB_TEST_INIT__ = ${JSON.stringify(workbook)};` });
  await page.addInitScript({ content: await pageDoubleScript() });
  return page;
}
