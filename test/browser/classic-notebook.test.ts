// The rich outputs in a real browser: classic Notebook (Debian's jupyter-notebook 6.4) in Debian's Chromium,
// driven by playwright-core. Runs a summary, a short fit and a history cell, checks what the page shows and what
// the saved notebook keeps, and leaves screenshots in test/artifacts/.
import { expect } from 'chai';
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchChromium, newPage, screenshotFailures, screenshotPath, tsdlNotebook } from './browser';
import { NotebookServer } from './notebook-server';
import {
  expectFitOutputs,
  expectGraph,
  expectHistoryResult,
  expectImageGrid,
  expectSavedNotebook,
  expectSummary,
  readNotebook,
  RICH_CELLS,
  waitLiveProgress,
  type FrontendDom,
} from './rich-notebook';

const CLASSIC_DOM: FrontendDom = {
  cell: '.cell',
  output: '.output_area',
  html: '.output_html',
  png: '.output_png img',
  svg: '.output_svg svg',
  prompt: '.output_prompt',
  stdout: '.output_stdout',
};

/** The classic Notebook's page-level API, as far as the test uses it. */
interface ClassicNotebook {
  notebook: {
    kernel: { is_connected(): boolean } | null;
    execute_all_cells(): void;
    get_cells(): { input_prompt_number?: number | '*' | null }[];
    save_notebook(): Promise<unknown>;
    dirty: boolean;
  };
}

/** Classic Notebook shows the PNG of each chart (it has no Vega renderer). */
async function expectPngChart(cell: Locator): Promise<void> {
  const image = cell.locator(CLASSIC_DOM.png);
  expect(await image.getAttribute('src')).to.match(/^data:image\/png;base64,/);
  const size = await image.evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight]);
  expect(size[0]).to.be.greaterThan(500);
  expect(size[1]).to.be.greaterThan(150);
}

describe('rich outputs in classic Notebook, in Chromium', function () {
  this.timeout(90000);
  let dir: string;
  let server: NotebookServer;
  let browser: Browser;
  let page: Page;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tsdl-browser-'));
    writeFileSync(join(dir, 'rich.ipynb'), JSON.stringify(tsdlNotebook(RICH_CELLS)));
    server = await NotebookServer.start(dir, 'classic');
    browser = await launchChromium();
    page = await newPage(browser);
  });
  screenshotFailures('classic-notebook', () => page);
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the summary table, the training progress and the charts, and saves their final state', async () => {
    await page.goto(server.url('/notebooks/rich.ipynb'));
    await page.waitForFunction(() => {
      const nb = (window as unknown as { Jupyter?: ClassicNotebook }).Jupyter?.notebook;
      return nb?.kernel?.is_connected() === true;
    });
    await page.evaluate(() => (window as unknown as { Jupyter: ClassicNotebook }).Jupyter.notebook.execute_all_cells());
    const live = await waitLiveProgress(page, CLASSIC_DOM);
    await page.locator('.cell').nth(1).screenshot({ path: screenshotPath('classic-notebook-fit-live') });
    expect(live).to.match(/^Epoch [1-3]\/4$/);
    // Every cell has its execution count once the kernel has run it.
    await page.waitForFunction(
      (count) => {
        const cells = (window as unknown as { Jupyter: ClassicNotebook }).Jupyter.notebook.get_cells();
        return cells.length === count && cells.every((c) => typeof c.input_prompt_number === 'number');
      },
      RICH_CELLS.length,
      { timeout: 60000 },
    );
    await page.screenshot({ path: screenshotPath('classic-notebook'), fullPage: true });

    const [summary, fit, history, images, graph] = await page.locator('.cell').all();
    await summary.screenshot({ path: screenshotPath('classic-notebook-summary') });
    await fit.screenshot({ path: screenshotPath('classic-notebook-fit') });
    await history.screenshot({ path: screenshotPath('classic-notebook-history') });
    await images.screenshot({ path: screenshotPath('classic-notebook-images') });
    await graph.screenshot({ path: screenshotPath('classic-notebook-graph') });

    await expectSummary(summary, CLASSIC_DOM);
    await expectFitOutputs(fit, CLASSIC_DOM);
    await expectPngChart(fit);
    await expectPngChart(history);
    await expectHistoryResult(history, CLASSIC_DOM);
    await expectImageGrid(images, CLASSIC_DOM);
    // Classic Notebook prefers SVG to PNG.
    await expectGraph(graph, CLASSIC_DOM);

    await page.evaluate(() => (window as unknown as { Jupyter: ClassicNotebook }).Jupyter.notebook.save_notebook());
    await page.waitForFunction(() => !(window as unknown as { Jupyter: ClassicNotebook }).Jupyter.notebook.dirty);
    expectSavedNotebook(readNotebook(join(dir, 'rich.ipynb')));
  });
});
