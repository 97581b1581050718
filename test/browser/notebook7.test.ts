// Notebook 7 (from .venv/) in Chromium: the classic Notebook's smoke test (see classic-notebook.test.ts), run through
// the UI of today's Notebook, whose renderers are JupyterLab's: the charts are drawn by its Vega renderer.
import { expect } from 'chai';
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { Browser } from 'playwright-core';
import { eventually, launchChromium, newPage, screenshotFailures, screenshotPath, tsdlNotebook } from './browser';
import { expectVegaChart, LAB_DOM, LabNotebook } from './lab-ui';
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
} from './rich-notebook';

describe('rich outputs in Notebook 7, in Chromium', function () {
  this.timeout(180000);
  let dir: string;
  let server: NotebookServer;
  let browser: Browser;
  let notebook: LabNotebook;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tsdl-browser-'));
    server = await NotebookServer.start(dir, 'notebook7');
    await server.api('/api/contents/rich.ipynb', { method: 'PUT', body: { type: 'notebook', format: 'json', content: tsdlNotebook(RICH_CELLS) } });
    browser = await launchChromium();
    notebook = new LabNotebook(await newPage(browser));
  });
  screenshotFailures('notebook7', () => notebook?.page);
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the summary table, the training progress and the charts, and saves their final state', async () => {
    const { page } = notebook;
    await page.goto(server.url('/notebooks/rich.ipynb'));
    await notebook.waitReady();
    await notebook.menu('Run', 'Run All Cells');
    expect(await waitLiveProgress(page, LAB_DOM)).to.match(/^Epoch [1-3]\/4$/);
    await notebook.cell(1).screenshot({ path: screenshotPath('notebook7-fit-live') });
    await notebook.waitAllExecuted();
    await notebook.waitKernel('idle');
    await page.screenshot({ path: screenshotPath('notebook7'), fullPage: true });

    const [summary, fit, history, images, graph] = await notebook.cells.all();
    await expectSummary(summary, LAB_DOM);
    await expectFitOutputs(fit, LAB_DOM);
    await expectVegaChart(fit);
    await expectVegaChart(history);
    await expectHistoryResult(history, LAB_DOM);
    await expectImageGrid(images, LAB_DOM);
    await expectGraph(graph, LAB_DOM);

    await notebook.save();
    const file = join(dir, 'rich.ipynb');
    await eventually(() => expectSavedNotebook(readNotebook(file)));
  });
});
