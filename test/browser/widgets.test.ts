// Widgets in JupyterLab 4 and Notebook 7 (from .venv/, with ipywidgets 8's widget manager) in Chromium, driven as a
// user does: a slider moved with the keyboard changes the value the kernel sees, a button's handler runs, interact
// redraws its output, and during a running fit the training controls' Stop button ends it within one batch while
// their learning-rate slider changes the rate the next epochs report. Screenshots go to test/artifacts/.
import { expect } from 'chai';
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchChromium, newPage, screenshotFailures, screenshotPath, tsdlNotebook } from './browser';
import { LAB_DOM, LabNotebook } from './lab-ui';
import { NotebookServer, type Frontend } from './notebook-server';

const CELLS = [
  `const slider = widgets.IntSlider({ value: 3, min: 0, max: 10, description: 'units' });
slider`,
  'slider.value',
  `let clicks = 0;
const button = widgets.Button({ description: 'Count', onClick: () => { clicks += 1; } });
button`,
  'clicks',
  'widgets.interact(({ n }) => console.log(`n squared is ${n * n}`), { n: [1, 10] })',
  `const model = models.Sequential([layers.Dense(16, { activation: 'relu', input_shape: [8] }), layers.Dense(1)]);
model.compile({ optimizer: optimizers.SGD({ learningRate: 0.01 }), loss: 'mse' });
const x = tf.randomNormal([2048, 8], 0, 1, 'float32', 1);
const y = x.sum(1, true);
const controls = callbacks.TrainingControls();
let batches = 0;
let atClick = -1;
controls.stopButton.onClick(() => { atClick = batches; });
const history = await model.fit(x, y, { epochs: 500, batchSize: 8, callbacks: [controls, { onBatchEnd: () => { batches += 1; } }] });`,
  `JSON.stringify({ epochs: history.epoch.length, afterClick: batches - atClick, lr: model.optimizer.learningRate, slider: controls.lrSlider.value, reported: history.history.learning_rate })`,
];
const [SLIDER, SLIDER_VALUE, BUTTON, CLICKS, INTERACT, FIT, FIT_RESULT] = CELLS.keys();

/** The widget views of a cell's outputs. */
function widgetIn(cell: Locator, selector: string): Locator {
  return cell.locator(`.jp-OutputArea-output ${selector}`);
}

/** Drags a slider's handle with the mouse to `fraction` of its track, as a user does. */
async function drag(page: Page, slider: Locator, fraction: number): Promise<void> {
  const handle = await slider.locator('.noUi-handle').boundingBox();
  const track = await slider.locator('.noUi-base').boundingBox();
  if (!handle || !track) throw new Error('the slider is not on screen');
  const y = handle.y + handle.height / 2;
  await page.mouse.move(handle.x + handle.width / 2, y);
  await page.mouse.down();
  await page.mouse.move(track.x + track.width * fraction, y, { steps: 8 });
  await page.mouse.up();
}

async function resultOf(notebook: LabNotebook, index: number): Promise<string> {
  await notebook.runAndWait(index);
  return (await notebook.result(index).innerText()).trim();
}

for (const frontend of ['lab', 'notebook7'] as Frontend[]) {
  const name = frontend === 'lab' ? 'JupyterLab 4' : 'Notebook 7';
  const prefix = frontend === 'lab' ? 'jupyterlab' : 'notebook7';
  describe(`widgets in ${name}, in Chromium`, function () {
    this.timeout(240000);
    let server: NotebookServer;
    let browser: Browser;
    let page: Page;
    let notebook: LabNotebook;

    before(async () => {
      server = await NotebookServer.start(mkdtempSync(join(tmpdir(), 'tsdl-widgets-')), frontend);
      await server.api('/api/contents/widgets.ipynb', { method: 'PUT', body: { type: 'notebook', format: 'json', content: tsdlNotebook(CELLS) } });
      browser = await launchChromium();
      page = await newPage(browser, { width: 1200, height: 1600 });
      notebook = new LabNotebook(page);
      await page.goto(server.url(frontend === 'lab' ? '/lab/tree/widgets.ipynb' : '/notebooks/widgets.ipynb'));
      await notebook.waitReady();
    });
    screenshotFailures(`${prefix}-widgets`, () => page);
    after(async () => {
      await browser?.close();
      await server?.stop();
    });

    it('renders an IntSlider; moving it changes the value the kernel sees', async () => {
      await notebook.runAndWait(SLIDER);
      const slider = widgetIn(notebook.cell(SLIDER), '.widget-hslider');
      await slider.waitFor({ timeout: 60000 });
      expect(await slider.locator('.widget-label').innerText()).to.equal('units');
      expect(await slider.locator('.widget-readout').innerText()).to.equal('3');
      expect(await resultOf(notebook, SLIDER_VALUE)).to.equal('3');
      await drag(page, slider, 0.7);
      await page.waitForFunction((el) => el?.textContent === '7', await slider.locator('.widget-readout').elementHandle());
      // The kernel has the new value once the frontend's update has reached it: the next cell reads it.
      expect(await resultOf(notebook, SLIDER_VALUE)).to.equal('7');
      await notebook.cell(SLIDER).screenshot({ path: screenshotPath(`${prefix}-widgets-slider`) });
    });

    it("runs a Button's click handler", async () => {
      await notebook.runAndWait(BUTTON);
      const button = widgetIn(notebook.cell(BUTTON), 'button.jupyter-button');
      await button.waitFor({ timeout: 30000 });
      expect((await button.innerText()).trim()).to.equal('Count');
      await button.click();
      await button.click();
      expect(await resultOf(notebook, CLICKS)).to.equal('2');
    });

    it('interact shows a slider and redraws its output on every change', async () => {
      await notebook.runAndWait(INTERACT);
      const cell = notebook.cell(INTERACT);
      const output = widgetIn(cell, '.widget-output');
      await output.filter({ hasText: 'n squared is 36' }).waitFor({ timeout: 30000 });
      await drag(page, widgetIn(cell, '.widget-hslider'), 6 / 9);
      await output.filter({ hasText: 'n squared is 49' }).waitFor();
      // Redrawn, not appended; and nothing of it leaked into the cell's own outputs.
      expect((await output.innerText()).trim()).to.equal('n squared is 49');
      expect(await cell.locator(LAB_DOM.stdout).filter({ hasNot: page.locator('.widget-output') }).count()).to.equal(1);
      await cell.screenshot({ path: screenshotPath(`${prefix}-widgets-interact`) });
    });

    it("restores every widget from the kernel's state when the page is reloaded (request_states)", async () => {
      await notebook.save();
      await page.waitForFunction(() => !document.title.startsWith('*') && !document.querySelector('.jp-mod-dirty'));
      // The frontend saves no widget state in the file: what the page shows after the reload comes from the kernel.
      const saved = await server.api<{ content: { metadata: Record<string, unknown> } }>('/api/contents/widgets.ipynb');
      expect(saved.content.metadata).not.to.have.property('widgets');
      await page.reload();
      await notebook.waitReady();
      const slider = widgetIn(notebook.cell(SLIDER), '.widget-hslider');
      await slider.waitFor({ timeout: 60000 });
      expect(await slider.locator('.widget-readout').innerText()).to.equal('7');
      await widgetIn(notebook.cell(BUTTON), 'button.jupyter-button').filter({ hasText: 'Count' }).waitFor();
      // The Output's captured outputs came back too: the frontend had synced them to the kernel.
      await widgetIn(notebook.cell(INTERACT), '.widget-output').filter({ hasText: 'n squared is 49' }).waitFor();
      expect(await page.locator('.jp-OutputArea-output', { hasText: /model not found|Error displaying widget/i }).count()).to.equal(0);
    });

    it('stops a running fit within one batch with the Stop button; the lr slider changes the rate the next epochs report', async () => {
      await notebook.run(FIT);
      const cell = notebook.cell(FIT);
      const stop = widgetIn(cell, 'button.jupyter-button').filter({ hasText: 'Stop' });
      await stop.waitFor({ timeout: 60000 });
      await cell.locator(LAB_DOM.stdout).filter({ hasText: /learning_rate: 0\.01/ }).waitFor({ timeout: 60000 });
      const lr = widgetIn(cell, '.widget-hslider').filter({ hasText: 'lr' });
      // From 1e-2 on a scale of 1e-5 to 1e1, to about 1e-3.
      await drag(page, lr, 2 / 6);
      await cell.locator(LAB_DOM.stdout).filter({ hasText: /learning_rate: (?!0\.0100)\S+/ }).waitFor({ timeout: 60000 });
      await cell.screenshot({ path: screenshotPath(`${prefix}-widgets-training`) });
      await stop.click();
      await notebook.waitKernel('idle', 60000);
      await cell.locator('.widget-label', { hasText: /^stopped in epoch \d+$/ }).waitFor();
      expect(await stop.isDisabled()).to.equal(true);
      await cell.screenshot({ path: screenshotPath(`${prefix}-widgets-training-stopped`) });
      // The result is the JSON string's text form: the JSON between quotes.
      const result = JSON.parse((await resultOf(notebook, FIT_RESULT)).slice(1, -1)) as {
        epochs: number; afterClick: number; lr: number; slider: number; reported: number[];
      };
      expect(result.epochs).to.be.lessThan(500);
      expect(result.afterClick).to.be.within(0, 1);
      // The rate is the slider's, near 1e-3 wherever the drag left the handle.
      expect(result.slider).to.equal(result.lr);
      expect(result.lr).to.be.within(10 ** -3.5, 10 ** -2.5);
      expect(result.reported[0]).to.be.closeTo(0.01, 1e-9);
      expect(result.reported[result.reported.length - 1]).to.be.closeTo(result.lr, 1e-9);
      await page.screenshot({ path: screenshotPath(`${prefix}-widgets`), fullPage: true });
    });

    it('shows widgets as disconnected after a kernel restart, with no error, and makes new ones', async () => {
      await notebook.toolbarButton('Restart the kernel').click();
      await page.locator('.jp-Dialog .jp-Dialog-button.jp-mod-accept', { hasText: 'Restart' }).click();
      const oldSlider = widgetIn(notebook.cell(SLIDER), '.widget-hslider');
      await oldSlider.and(page.locator('.jupyter-widgets-disconnected')).waitFor({ timeout: 60000 });
      await notebook.waitKernel('idle', 60000);
      expect(await page.locator('.jp-Dialog').count(), 'no error dialog').to.equal(0);
      // The new kernel counts from 1 again: the slider cell gets [1], as before the restart.
      await notebook.run(SLIDER);
      const slider = widgetIn(notebook.cell(SLIDER), '.widget-hslider');
      await slider.and(page.locator(':not(.jupyter-widgets-disconnected)')).waitFor();
      await notebook.waitKernel('idle');
      await notebook.cell(SLIDER).screenshot({ path: screenshotPath(`${prefix}-widgets-restarted`) });
      expect(await slider.locator('.widget-readout').innerText()).to.equal('3');
      expect(await notebook.cell(SLIDER).locator('[data-mime-type="application/vnd.jupyter.stderr"]').count()).to.equal(0);
    });
  });
}
