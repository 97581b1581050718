// Rich outputs of training through the kernel: model.summary() tables, fit()'s live progress and chart (display ids,
// update counts, final state), verbose 0 and 2, and a History as a chart.
import { expect } from 'chai';
import { decodeBase64Png, pngInfo } from '../display/png-reader';
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

  it('trains with one live progress output and one chart, each updated in place, ending in the final state', async () => {
    const { outputs, ms } = await kernel.run(`
      const model = regressor();
      const history = await model.fit(x, y, { epochs: ${EPOCHS}, batchSize: 2, validationData: [x, y] });
    `);
    const progressId = outputs[0].displayId;
    const progress = outputs.filter((o) => o.displayId === progressId);
    const chart = outputs.filter((o) => o.displayId !== progressId);
    expect(outputs.every((o) => o.displayId !== undefined)).to.equal(true);
    expect(new Set(chart.map((o) => o.displayId)).size).to.equal(1);
    for (const stream of [progress, chart]) {
      expect(stream.map((o) => o.type)).to.deep.equal(['display_data', ...stream.slice(1).map(() => 'update_display_data')]);
    }
    // Throttled: the first update, at most one per 250 ms, and the last, far fewer than the batches.
    expect(progress.length).to.be.at.most(2 + Math.ceil(ms / 250)).and.below(EPOCHS * BATCHES / 2);
    // The chart follows epoch ends: the first at once, then at most one a second, then the last.
    expect(chart.length).to.be.within(1, Math.min(EPOCHS, 2 + Math.ceil(ms / 1000)));

    const final = progress[progress.length - 1];
    const lines = text(final).split('\n');
    expect(lines.filter((_, i) => i % 2 === 0)).to.deep.equal(['Epoch 1/3', 'Epoch 2/3', 'Epoch 3/3']);
    for (const line of lines.filter((_, i) => i % 2 === 1)) {
      expect(line).to.match(/^30\/30 \[={30}] - \d+s \d+(?:ms|us)\/step - loss: \d+\.\d{4} - mae: \d+\.\d{4} - val_loss: \d+\.\d{4} - val_mae: \d+\.\d{4}$/);
    }
    const html = text(final, 'text/html');
    expect(html).to.include('<b>Epoch 3/3</b> <progress value="30" max="30"');
    expect([...html.matchAll(/<tr><td style="text-align:right">(\d)<\/td>/g)].map((m) => m[1])).to.deep.equal(['1', '2', '3']);

    // Each chart shows more epochs than the one before it replaced, the last all of them.
    const epochsShown = chart.map((o) => chartSeries(o).loss.filter(Number.isFinite).length);
    expect(epochsShown).to.deep.equal([...epochsShown].sort((a, b) => a - b));
    expect(new Set(epochsShown).size).to.equal(epochsShown.length);
    expect(epochsShown[0]).to.equal(1);
    expect(epochsShown[epochsShown.length - 1]).to.equal(EPOCHS);
    const lastChart = chart[chart.length - 1];
    expectChartBundle(lastChart);
    const series = chartSeries(lastChart);
    expect(Object.keys(series).sort()).to.deep.equal(['loss', 'mae', 'val_loss', 'val_mae']);
    for (const values of Object.values(series)) expect(values.filter(Number.isFinite)).to.have.length(EPOCHS);
    expect(text(lastChart).split('\n')[0].split(/\s+/)).to.deep.equal(['epoch', 'loss', 'val_loss', 'mae', 'val_mae']);
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

  it('shows one line per epoch, never updated, with verbose 2', async () => {
    const { outputs } = await kernel.run('await regressor().fit(x, y, { epochs: 2, batchSize: 20, verbose: 2 });');
    expect(outputs.map((o) => o.type)).to.deep.equal(['display_data', 'display_data']);
    expect(new Set(outputs.map((o) => o.displayId)).size).to.equal(2);
    outputs.forEach((output, i) => {
      expect(output.data).to.have.keys(['text/plain']);
      const line = new RegExp(`^Epoch ${i + 1}/2\\n3/3 - \\d+s - loss: \\d+\\.\\d{4} - mae: \\d+\\.\\d{4} - \\d+(?:s|ms|us)/epoch - \\d+(?:s|ms|us)/step$`);
      expect(line.test(text(output)), text(output)).to.equal(true);
    });
  });

  it('sends nothing for any cell after its idle', async () => {
    await kernel.expectNothingAfterIdle();
  });
});
