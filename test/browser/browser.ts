// What the browser tests share: Debian's Chromium through playwright-core, the artifacts folder for screenshots, and
// notebooks in nbformat 4 for the tsdl kernel.
import { mkdirSync } from 'fs';
import { join } from 'path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const ARTIFACTS = join(__dirname, '..', 'artifacts');

export async function launchChromium(): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    timeout: 30000,
  });
}

export async function newPage(browser: Browser, viewport = { width: 1200, height: 2400 }): Promise<Page> {
  const page = await browser.newPage({ viewport });
  page.setDefaultTimeout(30000);
  return page;
}

export function screenshotPath(name: string): string {
  return join(ARTIFACTS, `${name}.png`);
}

/** An nbformat 4 notebook of code cells for the tsdl kernel, not yet run. */
export function tsdlNotebook(cells: string[]): object {
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: 'tsdl', display_name: 'TypeScript (tsdl)', language: 'typescript' } },
    cells: cells.map((source, i) => ({ cell_type: 'code', id: `c${i}`, metadata: {}, execution_count: null, outputs: [], source })),
  };
}

/** Polls a condition outside the page (a saved file, the server's state) until it holds; throws the last failure. */
export async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 30000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

/** Registers a hook that leaves a screenshot of the page in test/artifacts/ when a test of the suite fails. */
export function screenshotFailures(prefix: string, page: () => Page | undefined): void {
  afterEach(async function () {
    if (this.currentTest?.state !== 'failed') return;
    const name = `${prefix}-failed-${this.currentTest.title.replace(/\W+/g, '-').slice(0, 60)}`;
    await page()?.screenshot({ path: screenshotPath(name), fullPage: true }).catch(() => undefined);
  });
}
