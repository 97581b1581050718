// Rich outputs of training through the kernel: model.summary() tables, fit()'s epoch lines on stdout with its live
// progress and chart (display ids, update counts, first and final states), verbose 0 and 2, and a History as a chart.
import { expect } from 'chai';
import { decodeBase64Png, pngInfo } from '../display/png-reader';
import type { ExecuteOutcome } from '../helpers/kernel';
import { OutputCollector, type NotebookCell } from '../../src/cli/notebook';
import { RichKernel, VEGALITE, text, type Output } from './helpers';

const EPOCHS = 3;
const BATCHES = 30;

/** Epoch figures in a final chart's data, as `metric/split` → values by epoch. */
function chartSeries(output: Output): Record<string, number[]> {
  const spec = output.data[VEGALITE] as { data: { values: { epoch: number; series: string; value: number }[] } };
  const out: Record<string, number[]> = {};
  for (const row of spec.data.values) (out[row.series] ??= [])[row.epoch - 1] = row.value;
  return out;
}

/** The cell's stream output, all of it on stdout. */
function stdoutOf(outcome: ExecuteOutcome): string {
  const streams = outcome.outputs.filter((m) => m.header.msg_type === 'stream');
  expect(streams.map((m) => m.content.name)).to.deep.equal(streams.map(() => 'stdout'));
  return streams.map((m) => m.content.text as string).join('');
}

function expectChartBundle(output: Output): void {
  // Vega-Lite for JupyterLab, PNG for classic Notebook and GitHub, text for consoles; never HTML (it would win).
  expect(Object.keys(output.data).sort()).to.deep.equal([VEGALITE, 'image/png', 'text/plain']);
  const png = pngInfo(decodeBase64Png(output.data['image/png']));
  expect(png.width).to.be.greaterThan(200);
  expect(png.height).to.be.greaterThan(150);
}

describe('rich outputs: training', function () {
  let kernel: RichKernel;

  before(async () => {
    kernel = await RichKernel.start();
    await kernel.run(`
      const x = tf.randomNormal([${BATCHES * 2}, 4], 0, 1, 'float32', 1);
      const y = x.sum(1, true);
      const mlp = models.Sequential([layers.Input({ shape: [32] }), layers.Dense(64, { activation: 'relu', name: 'hidden' }), layers.Dense(10, { name: 'out' })], { name: 'mlp' });
      const features = layers.Input({ shape: [8], name: 'features' });
      const left = layers.Dense(4, { name: 'left' })(features);
      const right = layers.Dense(3, { name: 'right' })(layers.Dense(5, { name: 'pre' })(features));
      const merged = layers.Concatenate({ name: 'merge' })([left, right]);
      const net = models.Model({ inputs: features, outputs: layers.Dense(2, { name: 'head' })(merged), name: 'two_branch' });
      function regressor() {
        const m = models.Sequential([layers.Input({ shape: [4] }), layers.Dense(8, { activation: 'relu' }), layers.Dense(1)]);
        m.compile({ optimizer: 'adam', loss: 'mse', metrics: ['mae'] });
        return m;
      }
    `);
  });
  after(async () => {
    await kernel.shutdown();
  });

  it("shows a Sequential model's summary as one table and text in Keras's layout, with no Out[N]", async () => {
    const { outputs } = await kernel.run('mlp.summary()');
    expect(outputs.map((o) => o.type)).to.deep.equal(['display_data']);
    expect(Object.keys(outputs[0].data).sort()).to.deep.equal(['text/html', 'text/plain']);
    expect(text(outputs[0])).to.equal([
      'Model: "mlp"',
      '_________________________________________________________________',
      ' Layer (type)                Output Shape              Param #   ',
      '=================================================================',
      ' hidden (Dense)              (None, 64)                2112      ',
      '                                                                 ',
      ' out (Dense)                 (None, 10)                650       ',
      '                                                                 ',
      '=================================================================',
      'Total params: 2,762 (10.79 KB)',
      'Trainable params: 2,762 (10.79 KB)',
      'Non-trainable params: 0 (0.00 Byte)',
      '_________________________________________________________________',
    ].join('\n'));
    const html = text(outputs[0], 'text/html');
    expect([...html.matchAll(/<th[^>]*>([^<]*)<\/th>/g)].map((m) => m[1])).to.deep.equal(['Layer (type)', 'Output Shape', 'Param #']);
    expect(html).to.include('<td style="text-align:left">hidden (Dense)</td><td style="text-align:left"><code>(None, 64)</code></td><td style="text-align:right">2,112</td>');
    expect(html).to.include('<b>Total params:</b> 2,762 (10.79 KB)');
    expect(html).to.include('<b>Non-trainable params:</b> 0 (0.00 Byte)');
  });

  it('shows a functional model with branches with a Connected to column', async () => {
    const { outputs } = await kernel.run('net.summary()');
    expect(outputs.map((o) => o.type)).to.deep.equal(['display_data']);
    const lines = text(outputs[0]).split('\n');
    expect(lines[2].trimEnd()).to.equal(' Layer (type)                   Output Shape         Param #     Connected to');
    expect(lines.map((l) => l.trimEnd())).to.include.members([
      ' features (InputLayer)          (None, 8)            0',
      ' right (Dense)                  (None, 3)            18          pre[0][0]',
      ' merge (Concatenate)            (None, 7)            0           left[0][0]',
      '                                                                 right[0][0]',
      'Total params: 115 (460.00 Byte)',
    ]);
    const html = text(outputs[0], 'text/html');
    expect([...html.matchAll(/<th[^>]*>([^<]*)<\/th>/g)].map((m) => m[1])).to.deep.equal(['Layer (type)', 'Output Shape', 'Param #', 'Connected to']);
    expect(html).to.include('<td style="text-align:left">left[0][0]<br>right[0][0]</td>');
    expect(html).to.include('<b>Trainable params:</b> 115 (460.00 Byte)');
  });

  it('shows a model as a cell result with the same bundle as summary()', async () => {
    const shown = (await kernel.run('net.summary()')).outputs[0].data;
    const { outputs } = await kernel.run('net');
    expect(outputs.map((o) => o.type)).to.deep.equal(['execute_result']);
    expect(outputs[0].data).to.deep.equal(shown);
  });

  it("prints Keras's epoch lines on stdout under one live progress output and one chart, each updated in place", async () => {
    const { outcome, outputs, ms } = await kernel.run(`
      const model = regressor();
      const history = await model.fit(x, y, { epochs: ${EPOCHS}, batchSize: 2, validationData: [x, y] });
    `);
    // Both live outputs exist before the first line, and nothing new is displayed after it.
    expect(outputs.filter((o) => o.type === 'display_data').length).to.equal(2);
    expect(outputs.slice(0, 2).map((o) => o.type)).to.deep.equal(['display_data', 'display_data']);
    const [progressId, chartId] = outputs.slice(0, 2).map((o) => o.displayId);
    expect(progressId).not.to.equal(chartId);
    const rest = outputs.slice(2);
    expect(rest.every((o) => o.type === 'stream' || o.type === 'update_display_data')).to.equal(true);
    const progress = outputs.filter((o) => o.displayId === progressId);
    const chart = outputs.filter((o) => o.displayId === chartId);
    expect(progress.length + chart.length + rest.filter((o) => o.type === 'stream').length).to.equal(outputs.length);

    // Streams reach every client: each epoch's title and Keras line.
    const stdout = stdoutOf(outcome);
    const line = '30/30 \\[={30}] - \\d+s \\d+(?:ms|us)/step - loss: \\d+\\.\\d{4} - mae: \\d+\\.\\d{4} - val_loss: \\d+\\.\\d{4} - val_mae: \\d+\\.\\d{4}';
    expect(stdout).to.match(new RegExp(`^Epoch 1/3\\n${line}\\nEpoch 2/3\\n${line}\\nEpoch 3/3\\n${line}\\n$`));

    // The live output: first what the fit will do (a console keeps only that), last how it ended; no epoch line.
    expect(text(progress[0])).to.equal('Training: 3 epochs, 30 steps each (60 samples, batch size 2)');
    expect(text(progress[0], 'text/html')).to.include('<b>Epoch 1/3</b> <progress value="0" max="30"');
    // Throttled: the first update, at most one per 250 ms, and the last, far fewer than the batches.
    expect(progress.length).to.be.at.most(2 + Math.ceil(ms / 250)).and.below(EPOCHS * BATCHES / 2);
    const final = progress[progress.length - 1];
    expect(text(final)).to.match(/^Trained 3 epochs in \d+\.\ds$/);
    expect(text(final, 'text/html')).to.match(/^<div class="tsdl-fit"><progress value="3" max="3"[^>]*><\/progress> Trained 3 epochs in /);
    expect(`${text(final)}${text(final, 'text/html')}`).not.to.match(/loss|Epoch/);

    // The chart: an empty place first, then each rendering shows more epochs than the one it replaced.
    expect(chart[0].data).to.deep.equal({ 'text/html': '' });
    const rendered = chart.slice(1);
    expect(rendered.length).to.be.within(1, Math.min(EPOCHS, 2 + Math.ceil(ms / 1000)));
    const epochsShown = rendered.map((o) => chartSeries(o).loss.filter(Number.isFinite).length);
    expect(epochsShown).to.deep.equal([...epochsShown].sort((a, b) => a - b));
    expect(new Set(epochsShown).size).to.equal(epochsShown.length);
    expect(epochsShown[0]).to.equal(1);
    expect(epochsShown[epochsShown.length - 1]).to.equal(EPOCHS);
    const lastChart = rendered[rendered.length - 1];
    expectChartBundle(lastChart);
    const series = chartSeries(lastChart);
    expect(Object.keys(series).sort()).to.deep.equal(['loss', 'mae', 'val_loss', 'val_mae']);
    for (const values of Object.values(series)) expect(values.filter(Number.isFinite)).to.have.length(EPOCHS);
    expect(text(lastChart).split('\n')[0].split(/\s+/)).to.deep.equal(['epoch', 'loss', 'val_loss', 'mae', 'val_mae']);

    // Saved as a notebook keeps it (display ids updated in place, streams merged): three outputs, no duplicate.
    const cell: NotebookCell = { cell_type: 'code', source: '', metadata: {} };
    const collector = new OutputCollector(cell);
    for (const message of outcome.outputs) collector.add(message);
    const saved = cell.outputs ?? [];
    expect(saved.map((o) => o.output_type)).to.deep.equal(['display_data', 'display_data', 'stream']);
    expect(saved[0].data).to.deep.equal(final.data);
    expect(saved[2].text).to.equal(stdout);
  });

  it('shows the History that fit returns as the same chart, and utils.plotHistory picks metrics', async () => {
    const { outputs } = await kernel.run('history');
    expect(outputs.map((o) => o.type)).to.deep.equal(['execute_result']);
    expectChartBundle(outputs[0]);
    expect(Object.keys(chartSeries(outputs[0])).sort()).to.deep.equal(['loss', 'mae', 'val_loss', 'val_mae']);

    const picked = await kernel.run("utils.plotHistory(history, { metrics: ['mae'] })");
    expectChartBundle(picked.outputs[0]);
    expect(Object.keys(chartSeries(picked.outputs[0])).sort()).to.deep.equal(['mae', 'val_mae']);
    const history = await kernel.run('history.history.mae.map((v) => v.toFixed(6)).join(" ")');
    expect(chartSeries(picked.outputs[0]).mae.map((v) => v.toFixed(6)).join(' ')).to.equal(JSON.parse(text(history.outputs[0]).replace(/'/g, '"')));

    const wrong = await kernel.client.execute("utils.plotHistory(history, { metrics: ['acc'] })");
    expect(wrong.reply.content.evalue).to.equal("utils.plotHistory: no metric 'acc' in this history; it has loss, mae");
  });

  it('shows nothing with verbose 0', async () => {
    const { outputs } = await kernel.run('await regressor().fit(x, y, { epochs: 2, batchSize: 20, verbose: 0 });');
    expect(outputs).to.deep.equal([]);
  });

  it("prints Keras's one line per epoch on stdout with verbose 2, and displays nothing", async () => {
    const { outcome, outputs } = await kernel.run('await regressor().fit(x, y, { epochs: 2, batchSize: 20, verbose: 2 });');
    expect(outputs.map((o) => o.type)).to.include('stream');
    expect(outputs.every((o) => o.type === 'stream')).to.equal(true);
    const line = '3/3 - \\d+s - loss: \\d+\\.\\d{4} - mae: \\d+\\.\\d{4} - \\d+(?:s|ms|us)/epoch - \\d+(?:s|ms|us)/step';
    expect(stdoutOf(outcome)).to.match(new RegExp(`^Epoch 1/2\\n${line}\\nEpoch 2/2\\n${line}\\n$`));
  });

  it('sends nothing for any cell after its idle', async () => {
    await kernel.expectNothingAfterIdle();
  });
});
