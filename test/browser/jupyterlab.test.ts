// JupyterLab 4 (from .venv/) in Chromium, driven through its UI: the launcher, a training notebook run from the Run
// menu, completion, the toolbar's interrupt and restart buttons and the Kernel menu. Screenshots go to test/artifacts/.
import { expect } from 'chai';
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { Browser, Page } from 'playwright-core';
import { eventually, launchChromium, newPage, screenshotFailures, screenshotPath, tsdlNotebook } from './browser';
import { expectVegaChart, LAB_DOM, LabNotebook } from './lab-ui';
import { NotebookServer } from './notebook-server';
import { expectGraph } from './rich-notebook';

const WORKFLOW = [
  `const model = models.Sequential([layers.Dense(8, { activation: 'relu', input_shape: [4] }), layers.Dense(1)]);
model.compile({ optimizer: 'adam', loss: 'mse' });`,
  `const x = tf.randomNormal([2048, 4], 0, 1, 'float32', 3);
const y = x.sum(1, true);
const history = await model.fit(x, y, { epochs: 5, batchSize: 16 });`,
  'model.summary()',
  'history',
  'utils.plotModel(model)',
  `throw new RangeError('no such layer: dense_9')`,
  'model.predict(tf.zeros([3, 5]))',
  'layers.Dense?',
];

/** Cells run one at a time by the tests of the kernel's life cycle; the last one is left empty to type into. */
const SESSION = [
  `const kept = 'survived';
const model = models.Sequential([layers.Dense(8, { activation: 'relu', input_shape: [4] }), layers.Dense(1)]);
model.compile({ optimizer: 'adam', loss: 'mse' });
const x = tf.randomNormal([256, 4]);
const y = x.sum(1, true);`,
  'while (true) {}',
  'await model.fit(x, y, { epochs: 1000, batchSize: 8 });',
  '1 + 1',
  'kept',
  '',
];
const [DEFINE, SPIN, LONG_FIT, SUM, KEPT, EMPTY] = SESSION.keys();
/** The top of the page, for screenshots of what fits on a screen. */
const TOP = { x: 0, y: 0, width: 1200, height: 700 };

describe('JupyterLab 4, in Chromium', function () {
  this.timeout(180000);
  let server: NotebookServer;
  let browser: Browser;
  let page: Page;
  let notebook: LabNotebook;

  before(async () => {
    server = await NotebookServer.start(mkdtempSync(join(tmpdir(), 'tsdl-browser-')), 'lab');
    for (const [name, cells] of [['workflow.ipynb', WORKFLOW], ['session.ipynb', SESSION]] as const) {
      await server.api(`/api/contents/${name}`, { method: 'PUT', body: { type: 'notebook', format: 'json', content: tsdlNotebook([...cells]) } });
    }
    browser = await launchChromium();
    page = await newPage(browser);
    notebook = new LabNotebook(page);
  });
  screenshotFailures('jupyterlab', () => page);
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('offers TypeScript (tsdl) in the launcher, with its logo', async () => {
    await page.goto(server.url('/lab'));
    const card = page.locator('.jp-LauncherCard[data-category="Notebook"][title="TypeScript (tsdl)"]');
    // The first load of JupyterLab in a cold browser takes its time.
    await card.waitFor({ timeout: 120000 });
    expect(await card.locator('.jp-LauncherCard-label').innerText()).to.equal('TypeScript (tsdl)');
    const logo = card.locator('img.jp-Launcher-kernelIcon');
    await page.waitForFunction((img) => img instanceof HTMLImageElement && img.complete, await logo.elementHandle());
    expect(await logo.evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight])).to.deep.equal([64, 64]);
    const response = await fetch(server.url((await logo.getAttribute('src')) ?? ''));
    expect([response.status, response.headers.get('content-type')]).to.deep.equal([200, 'image/png']);
    await page.screenshot({ path: screenshotPath('jupyterlab-launcher'), clip: TOP });
  });

  it('runs a training notebook from the Run menu: live progress in place, Vega charts, the graph as SVG, a traceback', async () => {
    await notebook.openFromFileBrowser('workflow.ipynb');
    const progress = await notebook.recordProgress(1);
    await notebook.menu('Run', 'Run All Cells');
    // The kernel's state shows in the toolbar and in the status bar while it works, and after.
    await notebook.waitKernel('busy');
    await page.locator('#jp-main-statusbar', { hasText: 'TypeScript (tsdl) | Busy' }).waitFor();
    await notebook.waitAllExecuted();
    await notebook.waitKernel('idle');
    await page.locator('#jp-main-statusbar', { hasText: 'TypeScript (tsdl) | Idle' }).waitFor();
    await page.screenshot({ path: screenshotPath('jupyterlab-workflow'), fullPage: true });

    // The progress output was updated in place: several epochs shown in one node, and never more outputs than the
    // progress, the chart and the stream of epoch lines.
    const { epochs, sameNode, maxOutputs } = await progress();
    const shown = epochs.filter((e) => e !== '');
    expect(shown.length, `epochs shown: ${epochs.join(', ')}`).to.be.greaterThan(1);
    expect(shown).to.deep.equal([...shown].sort());
    expect(sameNode).to.equal(true);
    expect(maxOutputs).to.be.at.most(3);
    const fit = notebook.cell(1);
    expect(await fit.locator(LAB_DOM.output).count()).to.equal(3);
    expect((await fit.locator('.tsdl-fit').innerText()).trim()).to.match(/^Trained 5 epochs in [\d.]+s$/);
    expect((await fit.locator(LAB_DOM.stdout).innerText()).match(/^Epoch \d\/5$/gm)).to.have.length(5);

    await expectVegaChart(fit);
    await expectVegaChart(notebook.cell(3));
    expect(await notebook.cell(2).locator(`${LAB_DOM.html} .tsdl-summary tbody tr`).count()).to.equal(2);
    // JupyterLab prefers SVG to PNG, and draws it through an <img> of the SVG.
    const graph = notebook.cell(4);
    expect(await graph.locator('[data-mime-type="image/png"]').count()).to.equal(0);
    await expectGraph(graph, LAB_DOM, ['dense_input (InputLayer)', 'dense (Dense)', 'dense_1 (Dense)']);
    expect(await graph.locator(LAB_DOM.svg).evaluate((img: HTMLImageElement) => img.naturalWidth)).to.be.greaterThan(100);

    const traceback = await notebook.stderr(5).innerText();
    expect(traceback).to.match(/^RangeError +Traceback \(most recent call last\)$/m);
    expect(traceback).to.include('RangeError: no such layer: dense_9');

    // A Keras-worded shape error (Run All stopped at the error above): TensorFlow.js's original is folded above the
    // traceback, and opens on a click.
    await notebook.runAndWait(6);
    const shapeError = notebook.cell(6);
    expect(await notebook.stderr(6).innerText()).to.match(/ValueError: Input 0 of layer "dense(_\d+)?" is incompatible with the layer/);
    const details = shapeError.locator(`${LAB_DOM.html} details`);
    expect(await details.evaluate((el: HTMLDetailsElement) => el.open)).to.equal(false);
    expect(await details.locator('summary').innerText()).to.match(/^Caused by Error: Input 0 is incompatible with layer dense.* \(\d+ frames\)$/);
    await details.locator('summary').click();
    expect(await details.locator('pre').innerText()).to.include('tfjs-layers');
    await shapeError.screenshot({ path: screenshotPath('jupyterlab-folded-cause') });

    // IPython's `name?`: the documentation shows under the cell, rendered from Markdown.
    await notebook.runAndWait(7);
    const help = notebook.cell(7);
    await help.locator('[data-mime-type="text/markdown"]').waitFor();
    expect(await help.locator('[data-mime-type="text/markdown"]').innerText()).to.match(/Signature: Dense\(units, options\?\)\s+Keras's Dense: a densely connected layer/);
    await help.screenshot({ path: screenshotPath('jupyterlab-help-query') });
  });

  it('completes tf.ze to tf.zeros with Tab', async () => {
    await notebook.openFromFileBrowser('session.ipynb');
    const editor = notebook.cell(EMPTY).locator('.cm-content');
    await editor.click();
    await page.keyboard.type('tf.ze');
    await page.keyboard.press('Tab');
    const completer = page.locator('.jp-Completer:not(.lm-mod-hidden)');
    await completer.waitFor();
    const items = await completer.locator('.jp-Completer-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-value')));
    expect(items).to.include.members(['zeros', 'zerosLike']);
    // The kernel's _jupyter_types_experimental kinds show beside each name.
    expect(await completer.locator('.jp-Completer-item[data-value="zeros"] .jp-Completer-typeExtended').innerText()).to.equal('function');
    await page.screenshot({ path: screenshotPath('jupyterlab-completion'), clip: TOP });
    await completer.locator('.jp-Completer-item[data-value="zeros"]').click();
    expect(await editor.innerText()).to.equal('tf.zeros');
  });

  it('stops a spinning loop and a long fit with the toolbar stop button; the variables survive', async () => {
    const interrupt = notebook.toolbarButton('Interrupt the kernel');
    await notebook.runAndWait(DEFINE);
    await notebook.run(SPIN);
    await notebook.waitKernel('busy');
    await interrupt.click();
    await notebook.stderr(SPIN).filter({ hasText: 'InterruptError' }).waitFor({ timeout: 15000 });
    await notebook.waitKernel('idle', 15000);

    await notebook.run(LONG_FIT);
    // Interrupt once training is under way: an epoch has ended.
    await notebook.cell(LONG_FIT).locator(LAB_DOM.stdout, { hasText: 'Epoch 2/1000' }).waitFor();
    await interrupt.click();
    await notebook.stderr(LONG_FIT).filter({ hasText: 'InterruptError' }).waitFor({ timeout: 15000 });
    await notebook.waitKernel('idle', 15000);
    expect((await notebook.cell(LONG_FIT).locator('.tsdl-fit').innerText()).trim()).to.match(/^Stopped (in|after) epoch \d+\/1000/);

    await notebook.runAndWait(SUM);
    await notebook.runAndWait(KEPT);
    await page.screenshot({ path: screenshotPath('jupyterlab-interrupt'), fullPage: true });
    expect(await notebook.result(SUM).innerText()).to.equal('2');
    expect(await notebook.result(KEPT).innerText()).to.equal("'survived'");
  });

  it('restarts to a clean kernel, and shuts it down from the Kernel menu', async () => {
    const sessions = await server.api<{ path: string; kernel: { id: string } }[]>('/api/sessions');
    const kernelId = sessions.find((s) => s.path === 'session.ipynb')?.kernel.id;
    expect(kernelId).to.be.a('string');

    await notebook.runAndWait(DEFINE);
    await notebook.runAndWait(KEPT);
    expect(await notebook.result(KEPT).innerText()).to.equal("'survived'");

    const statuses = await notebook.recordKernelStatuses();
    await notebook.toolbarButton('Restart the kernel').click();
    await page.locator('.jp-Dialog .jp-Dialog-button.jp-mod-accept', { hasText: 'Restart' }).click();
    await eventually(async () => {
      const seen = await statuses();
      expect(seen).to.include('restarting');
      expect(seen[seen.length - 1]).to.equal('idle');
    });
    await notebook.runAndWait(KEPT);
    await page.screenshot({ path: screenshotPath('jupyterlab-restart'), fullPage: true });
    expect(await notebook.executionCount(KEPT)).to.equal('[1]:');
    expect(await notebook.stderr(KEPT).innerText()).to.include('ReferenceError: kept is not defined');

    await notebook.menu('Kernel', 'Shut Down Kernel');
    await notebook.panel.locator('.jp-KernelName', { hasText: 'No Kernel' }).waitFor();
    await eventually(async () => {
      const kernels = await server.api<{ id: string }[]>('/api/kernels');
      expect(kernels.map((k) => k.id)).not.to.include(kernelId);
    });
    expect(server.output).to.include(`Kernel shutdown: ${kernelId}`);
  });
});
