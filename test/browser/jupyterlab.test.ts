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

/**
 * Cells for what only TypeScript knows: the type of what a function returns (f is never called), the methods of a
 * model and the options of fit. The last ones are left empty to type into.
 */
const TYPED = ['function f(): number[] { return [1, 2]; }', 'const s = models.Sequential();', '', '', '', ''];
const [TYPED_FUNCTION, TYPED_MODEL, RETURN_MEMBER, MODEL_MEMBER, FIT_OPTION, HELP_AT] = TYPED.keys();

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
    for (const [name, cells] of [['workflow.ipynb', WORKFLOW], ['session.ipynb', SESSION], ['typed.ipynb', TYPED]] as const) {
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

  /** The completer's popup, once shown. */
  const completer = () => page.locator('.jp-Completer:not(.lm-mod-hidden)');
  const completerItems = () => completer().locator('.jp-Completer-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-value') ?? ''));

  /**
   * Types `code` at the end of an empty cell and presses Tab until the completer lists every one of `expected`. The
   * first answer after a kernel start may be the runtime's alone (TypeScript is still reading the declarations: see
   * REPLY_BUDGET_MS), which has none of them or no popup at all; Escape closes such a list before the next try. Returns
   * the items of the last list shown.
   */
  async function completeUntil(index: number, code: string, expected: string[], tries = 8): Promise<string[]> {
    const editor = notebook.cell(index).locator('.cm-content');
    await editor.click();
    await page.keyboard.type(code);
    expect(await editor.innerText()).to.equal(code);
    let items: string[] = [];
    for (let i = 0; i < tries; i++) {
      await page.keyboard.press('Tab');
      const shown = await completer().waitFor({ timeout: 3000 }).then(() => true, () => false);
      if (shown) {
        // The popup fills in from the reply: wait for its items to settle.
        await page.waitForTimeout(200);
        items = await completerItems();
        if (expected.every((item) => items.includes(item))) return items;
        await page.keyboard.press('Escape');
        await completer().waitFor({ state: 'hidden' });
      }
    }
    return items;
  }

  it('completes from TypeScript: the members of what a function returns, of a model, the options of fit', async () => {
    await notebook.openFromFileBrowser('typed.ipynb');
    await notebook.runAndWait(TYPED_FUNCTION);
    await notebook.runAndWait(TYPED_MODEL);
    expect(await notebook.stderr(TYPED_MODEL).count()).to.equal(0);

    // f is never called: only its declared type says that it returns an array. This is the first completion of the
    // kernel's life: the language service starts from its snapshot in time for the first Tab.
    expect(await completeUntil(RETURN_MEMBER, 'f().ma', ['map'], 1)).to.include('map');
    // The kinds of _jupyter_types_experimental show beside each name.
    expect(await completer().locator('.jp-Completer-item[data-value="map"] .jp-Completer-typeExtended').innerText()).to.equal('function');
    await page.screenshot({ path: screenshotPath('jupyterlab-typed-completion'), clip: TOP });
    await page.keyboard.press('Escape');
    await completer().waitFor({ state: 'hidden' });

    expect(await completeUntil(MODEL_MEMBER, 's.com', ['compile'])).to.include('compile');
    await page.keyboard.press('Escape');
    await completer().waitFor({ state: 'hidden' });

    // Both spellings of fit's options: Keras's and TensorFlow.js's.
    expect(await completeUntil(FIT_OPTION, 's.fit(x, y, { ba', ['batch_size', 'batchSize'])).to.include.members(['batch_size', 'batchSize']);
    await page.keyboard.press('Escape');
    await completer().waitFor({ state: 'hidden' });
  });

  it("shows TypeScript's documentation of tfjs in the Contextual Help", async () => {
    const editor = notebook.cell(HELP_AT).locator('.cm-content');
    await editor.click();
    await page.keyboard.type('tf.zeros([2, ');
    await notebook.menu('Help', 'Show Contextual Help');
    const help = page.locator('.jp-Inspector:visible .jp-Inspector-content');
    await help.waitFor();
    // The inspector asks again whenever the cursor moves in the notebook's active cell; the first answer after a
    // start may be the runtime's alone (a signature, no documentation), so the cursor moves until the doc shows.
    const doc = /Creates a `?tf\.Tensor`? with all elements set to 0/;
    let text = '';
    for (let i = 0; i < 6 && !doc.test(text); i++) {
      await editor.click();
      await page.keyboard.press('End');
      await page.keyboard.press(i % 2 ? 'ArrowRight' : 'ArrowLeft');
      text = await eventually(async () => {
        const shown = await help.innerText();
        expect(shown).to.match(doc);
        return shown;
      }, 3000).catch(async () => help.innerText());
    }
    expect(text).to.match(doc);
    expect(text).to.include('zeros(');
    await page.screenshot({ path: screenshotPath('jupyterlab-contextual-help'), clip: TOP });
  });
});
