// The rich outputs in a real browser: classic Notebook (Debian's jupyter-notebook 6.4) in Debian's Chromium,
// driven by playwright-core. Runs a summary, a short fit and a history cell, checks what the page shows and what
// the saved notebook keeps, and leaves screenshots in test/artifacts/.
import { expect } from 'chai';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { NotebookServer } from './notebook-server';

const ARTIFACTS = join(__dirname, '..', 'artifacts');
const CELLS = [
  `const model = models.Sequential([layers.Input({ shape: [4] }), layers.Dense(16, { activation: 'relu', name: 'hidden' }), layers.Dense(1, { name: 'out' })], { name: 'regressor' });
model.compile({ optimizer: 'adam', loss: 'mse', metrics: ['mae'] });
model.summary()`,
  `const x = tf.randomNormal([1024, 4], 0, 1, 'float32', 7);
const y = x.sum(1, true);
const history = await model.fit(x, y, { epochs: 4, batchSize: 8, validationSplit: 0.25 });`,
  'history',
  `const digits = tf.stack(Array.from({ length: 6 }, (_, i) => tf.linspace(0, 1, 28 * 28).reshape([28, 28]).transpose(i % 2 ? [1, 0] : [0, 1])));
display.images(digits, { cols: 3 })`,
  'utils.plotModel(model, { showShapes: true })',
];

interface SavedNotebook {
  cells: { execution_count: number | null; outputs: { output_type: string; data?: Record<string, string | string[]> }[] }[];
}

function notebook(): object {
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: 'tsdl', display_name: 'TypeScript (tsdl)', language: 'typescript' } },
    cells: CELLS.map((source, i) => ({ cell_type: 'code', id: `c${i}`, metadata: {}, execution_count: null, outputs: [], source })),
  };
}

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

describe('rich outputs in classic Notebook, in Chromium', function () {
  this.timeout(90000);
  let dir: string;
  let server: NotebookServer;
  let browser: Browser;
  let page: Page;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tsdl-browser-'));
    writeFileSync(join(dir, 'rich.ipynb'), JSON.stringify(notebook()));
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await NotebookServer.start(dir);
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
      timeout: 30000,
    });
    page = await browser.newPage({ viewport: { width: 1200, height: 2400 } });
    page.setDefaultTimeout(30000);
  });
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
    // While training: one progress output, replaced in place, on an epoch before the last.
    const live = await page.waitForFunction(() => {
      const outputs = document.querySelectorAll('.cell')[1]?.querySelectorAll('.tsdl-fit') ?? [];
      const epoch = outputs[0]?.querySelector('b')?.textContent ?? '';
      return outputs.length === 1 && /^Epoch [1-3]\/4$/.test(epoch) ? epoch : null;
    }, undefined, { polling: 'raf' });
    await page.locator('.cell').nth(1).screenshot({ path: join(ARTIFACTS, 'classic-notebook-fit-live.png') });
    expect(await live.jsonValue()).to.match(/^Epoch [1-3]\/4$/);
    // Every cell has its execution count once the kernel has run it.
    await page.waitForFunction(
      (count) => {
        const cells = (window as unknown as { Jupyter: ClassicNotebook }).Jupyter.notebook.get_cells();
        return cells.length === count && cells.every((c) => typeof c.input_prompt_number === 'number');
      },
      CELLS.length,
      { timeout: 60000 },
    );
    await page.screenshot({ path: join(ARTIFACTS, 'classic-notebook.png'), fullPage: true });

    const [summary, fit, history, images, graph] = await page.locator('.cell').all();
    await summary.screenshot({ path: join(ARTIFACTS, 'classic-notebook-summary.png') });
    await fit.screenshot({ path: join(ARTIFACTS, 'classic-notebook-fit.png') });
    await history.screenshot({ path: join(ARTIFACTS, 'classic-notebook-history.png') });
    await images.screenshot({ path: join(ARTIFACTS, 'classic-notebook-images.png') });
    await graph.screenshot({ path: join(ARTIFACTS, 'classic-notebook-graph.png') });

    const headers = await summary.locator('.output_html table thead th').allInnerTexts();
    expect(headers).to.deep.equal(['Layer (type)', 'Output Shape', 'Param #']);
    expect(await summary.locator('.output_html tbody tr').allInnerTexts()).to.deep.equal([
      'hidden (Dense)\t(None, 16)\t80',
      'out (Dense)\t(None, 1)\t17',
    ]);
    expect(await summary.locator('.output_html tfoot').innerText()).to.include('Total params: 97');
    // No Out[N] after summary(): one output area only.
    expect(await summary.locator('.output_area').count()).to.equal(1);

    // One progress output (updated in place) and one chart: two output areas, whatever the number of updates.
    expect(await fit.locator('.output_area').count()).to.equal(2);
    const bar = fit.locator('.tsdl-fit progress');
    expect([await bar.getAttribute('value'), await bar.getAttribute('max')]).to.deep.equal(['96', '96']);
    expect(await fit.locator('.tsdl-fit').innerText()).to.include('Epoch 4/4').and.to.match(/val_loss/);
    expect(await fit.locator('.tsdl-fit tbody tr').count()).to.equal(4);
    for (const cell of [fit, history]) {
      const image = cell.locator('.output_png img');
      expect(await image.getAttribute('src')).to.match(/^data:image\/png;base64,/);
      const size = await image.evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight]);
      expect(size[0]).to.be.greaterThan(500);
      expect(size[1]).to.be.greaterThan(150);
    }
    expect(await history.locator('.output_prompt').innerText()).to.match(/Out\[3\]/);
    // 3 columns of 84-pixel digits (28 × 3) with 2-pixel gaps, 2 rows.
    const grid = await images.locator('.output_png img').evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight]);
    expect(grid).to.deep.equal([3 * 84 + 2 * 2, 2 * 84 + 2]);
    // Classic Notebook prefers SVG to PNG: Graphviz's drawing, one box per layer, the input layer included.
    const boxes = await graph.locator('.output_svg svg g.node').allTextContents();
    expect(boxes.map((b) => b.match(/\w+ \(\w+\)/)?.[0])).to.deep.equal(['hidden_input (InputLayer)', 'hidden (Dense)', 'out (Dense)']);

    await page.evaluate(() => (window as unknown as { Jupyter: ClassicNotebook }).Jupyter.notebook.save_notebook());
    await page.waitForFunction(() => !(window as unknown as { Jupyter: ClassicNotebook }).Jupyter.notebook.dirty);
    const saved = JSON.parse(readFileSync(join(dir, 'rich.ipynb'), 'utf8')) as SavedNotebook;
    const fitOutputs = saved.cells[1].outputs;
    expect(fitOutputs.map((o) => o.output_type)).to.deep.equal(['display_data', 'display_data']);
    const progressText = [fitOutputs[0].data?.['text/plain'] ?? ''].flat().join('');
    expect(progressText.split('\n').filter((line) => line.startsWith('Epoch'))).to.deep.equal(['Epoch 1/4', 'Epoch 2/4', 'Epoch 3/4', 'Epoch 4/4']);
    expect(fitOutputs[1].data).to.have.keys(['application/vnd.vegalite.v5+json', 'image/png', 'text/plain']);
  });
});
