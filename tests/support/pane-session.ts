/**
 * One browser test's pane session: the real service and the built pane, Debian's Chromium, and a page per
 * workbook with the Excel double in it. Registers its own beforeAll/afterAll; call it inside the describe.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { ensureAddinBuilt } from '../../scripts/build-addin';
import { launchChromium, paneWithDouble, type PaneOptions } from './chromium';
import type { ExcelDoubleInit } from './excel-double';
import { startService, type RunningService } from './service-process';

export const artifactsDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'test-artifacts');

export interface PaneSession {
  /** The pane opened on `init`, once it is ready to use. */
  open(init: ExcelDoubleInit, options?: PaneOptions): Promise<Page>;
}

export function paneSession(): PaneSession {
  let service: RunningService | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    const [started] = await Promise.all([startService(), ensureAddinBuilt()]);
    service = started;
    browser = await launchChromium();
    mkdirSync(artifactsDir, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await service?.stop();
  });
  return {
    async open(init, options) {
      if (!browser || !service) throw new Error('the pane session has not started');
      const page = await paneWithDouble(browser, init, options);
      await page.goto(`${service.url}/addin/taskpane.html`);
      await page.waitForSelector('body[data-state="ready"]');
      return page;
    },
  };
}
