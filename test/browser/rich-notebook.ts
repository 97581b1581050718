// The rich-output smoke notebook that classic Notebook and Notebook 7 both run (a summary, a short fit, the history,
// a grid of digits, the layer graph), and the checks of it that read the same in both frontends, given where each
// frontend puts things.
import { expect } from 'chai';
import { readFileSync } from 'fs';
import type { Locator, Page } from 'playwright-core';

export const RICH_CELLS = [
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

/** Where a frontend puts a notebook's cells and outputs. */
export interface FrontendDom {
  cell: string;
  /** One output of a cell, whatever its kind. */
  output: string;
  html: string;
  /** The <img> of a PNG output. */
  png: string;
  /** The drawing of an SVG output: an inline <svg>, or an <img> of a data: URL. */
  svg: string;
  /** The Out[n] prompt of a result. */
  prompt: string;
  /** A stdout stream output. */
  stdout: string;
}

export interface SavedNotebook {
  cells: { execution_count: number | null; outputs: { output_type: string; data?: Record<string, string | string[]>; text?: string | string[] }[] }[];
}

/** While training: one progress output, replaced in place, on an epoch before the last. Returns its epoch title. */
export async function waitLiveProgress(page: Page, dom: FrontendDom): Promise<string> {
  const live = await page.waitForFunction(
    (cellSelector) => {
      const outputs = document.querySelectorAll(cellSelector)[1]?.querySelectorAll('.tsdl-fit') ?? [];
      const epoch = outputs[0]?.querySelector('b')?.textContent ?? '';
      return outputs.length === 1 && /^Epoch [1-3]\/4$/.test(epoch) ? epoch : null;
    },
    dom.cell,
    { polling: 'raf' },
  );
  return String(await live.jsonValue());
}

export async function expectSummary(summary: Locator, dom: FrontendDom): Promise<void> {
  const table = summary.locator(`${dom.html} table`);
  expect(await table.locator('thead th').allInnerTexts()).to.deep.equal(['Layer (type)', 'Output Shape', 'Param #']);
  expect(await table.locator('tbody tr').allInnerTexts()).to.deep.equal(['hidden (Dense)\t(None, 16)\t80', 'out (Dense)\t(None, 1)\t17']);
  expect(await table.locator('tfoot').innerText()).to.include('Total params: 97');
  // No Out[N] after summary(): one output only.
  expect(await summary.locator(dom.output).count()).to.equal(1);
}

/**
 * Three outputs, whatever the number of updates: the live progress (replaced in place, ending as a summary of the
 * run), the chart, and Keras's epoch lines in one stdout stream.
 */
export async function expectFitOutputs(fit: Locator, dom: FrontendDom): Promise<void> {
  expect(await fit.locator(dom.output).count()).to.equal(3);
  const bar = fit.locator('.tsdl-fit progress');
  expect([await bar.getAttribute('value'), await bar.getAttribute('max')]).to.deep.equal(['4', '4']);
  expect((await fit.locator('.tsdl-fit').innerText()).trim()).to.match(/^Trained 4 epochs in [\d.]+s$/);
  const lines = (await fit.locator(dom.stdout).innerText()).split('\n');
  expect(lines.filter((line) => line.startsWith('Epoch'))).to.deep.equal(['Epoch 1/4', 'Epoch 2/4', 'Epoch 3/4', 'Epoch 4/4']);
  expect(lines.filter((line) => /^96\/96 \[=+\] .* val_loss: /.test(line))).to.have.length(4);
}

export async function expectHistoryResult(history: Locator, dom: FrontendDom): Promise<void> {
  expect(await history.locator(dom.prompt).innerText()).to.match(/\[3\]:/);
}

export async function expectImageGrid(images: Locator, dom: FrontendDom): Promise<void> {
  const size = await images.locator(dom.png).evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight]);
  // 3 columns of 84-pixel digits (28 × 3) with 2-pixel gaps, 2 rows.
  expect(size).to.deep.equal([3 * 84 + 2 * 2, 2 * 84 + 2]);
}

/** Graphviz's drawing as SVG: one box per layer, the input layer included, titled "name (Class)". */
export async function expectGraph(graph: Locator, dom: FrontendDom, layers = ['hidden_input (InputLayer)', 'hidden (Dense)', 'out (Dense)']): Promise<void> {
  const drawing = graph.locator(dom.svg);
  expect((await drawing.boundingBox())?.height).to.be.greaterThan(200);
  const boxes = await drawing.evaluate((element) => {
    // JupyterLab draws SVG through an <img> of a data: URL; classic Notebook inlines the <svg>.
    const svg =
      element instanceof HTMLImageElement
        ? new DOMParser().parseFromString(decodeURIComponent(element.src.slice(element.src.indexOf(',') + 1)), 'image/svg+xml')
        : element;
    return [...svg.querySelectorAll('g.node')].map((g) => g.textContent ?? '');
  });
  expect(boxes.map((b) => b.match(/\w+ \(\w+\)/)?.[0])).to.deep.equal(layers);
}

export function readNotebook(file: string): SavedNotebook {
  return JSON.parse(readFileSync(file, 'utf8')) as SavedNotebook;
}

/** The saved notebook keeps the outputs' final state: how the training ended, the chart, and the epoch lines. */
export function expectSavedNotebook(saved: SavedNotebook): void {
  const fitOutputs = saved.cells[1].outputs;
  expect(fitOutputs.map((o) => o.output_type)).to.deep.equal(['display_data', 'display_data', 'stream']);
  expect(joined(fitOutputs[0].data?.['text/plain'])).to.match(/^Trained 4 epochs in [\d.]+s$/);
  expect(fitOutputs[1].data).to.have.keys(['application/vnd.vegalite.v5+json', 'image/png', 'text/plain']);
  const lines = joined(fitOutputs[2].text).split('\n');
  expect(lines.filter((line) => line.startsWith('Epoch'))).to.deep.equal(['Epoch 1/4', 'Epoch 2/4', 'Epoch 3/4', 'Epoch 4/4']);
}

/** nbformat keeps multi-line strings either whole or as a list of lines. */
function joined(text: string | string[] | undefined): string {
  return [text ?? ''].flat().join('');
}
