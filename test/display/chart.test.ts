import { expect } from 'chai';
import * as tf from '@tensorflow/tfjs';
import type * as VegaLite from 'vega-lite';
import type * as Vega from 'vega';
import { historyChart, historySpec, plotBundle, plotSpec, VEGALITE_MIME } from '../../src/display/render/chart';
import { vegaLiteToSvg, type VegaLiteSpec } from '../../src/display/render/vega-render';
import { useCpu } from '../helpers/cpu';
import { decodeBase64Png, pngInfo } from './png-reader';

const history = {
  epoch: [0, 1, 2],
  history: { loss: [0.9, 0.5, 0.4], acc: [0.6, 0.8, 0.85], val_loss: [1, 0.6, 0.55], val_acc: [0.55, 0.7, 0.8] },
};

type Row = Record<string, unknown>;

function rows(spec: VegaLiteSpec): Row[] {
  return (spec.data as { values: Row[] }).values;
}

/** A spec is valid when Vega-Lite compiles it and Vega parses the result, without warnings. */
function compiles(spec: VegaLiteSpec): void {
  const vl = require('vega-lite') as typeof VegaLite;
  const vega = require('vega') as typeof Vega;
  const warnings: unknown[] = [];
  const logger = vega.logger(vega.Warn, undefined, (_method, level, input) => warnings.push([level, ...input]));
  vega.parse(vl.compile(spec, { logger }).spec);
  expect(warnings).to.deep.equal([]);
}

describe('display/render charts', () => {
  useCpu();

  it('plots a history as one panel per metric, with training and val_ series', () => {
    const spec = historySpec(history);
    compiles(spec);
    const values = rows(spec);
    expect(values).to.have.length(12);
    expect(values[0]).to.deep.equal({ epoch: 1, metric: 'loss', series: 'loss', split: 'training', value: 0.9 });
    expect(values).to.deep.include({ epoch: 3, metric: 'acc', series: 'val_acc', split: 'validation', value: 0.8 });
    expect((spec as { facet: { field: string; sort: string[] } }).facet).to.include({ field: 'metric' });
    expect((spec as { facet: { sort: string[] } }).facet.sort).to.deep.equal(['loss', 'acc']);
  });

  it('plots only the metrics asked for', () => {
    const values = rows(historySpec(history, { metrics: ['acc'] }));
    expect(new Set(values.map((v) => v.series))).to.deep.equal(new Set(['acc', 'val_acc']));
  });

  it('names the validation series in the legend only when the history has validation figures', async () => {
    const legend = async (h: typeof history | { epoch: number[]; history: Record<string, number[]> }) =>
      [...(await vegaLiteToSvg(historySpec(h))).matchAll(/<text[^>]*>(training|validation)<\/text>/g)].map((m) => m[1]);
    expect(await legend(history)).to.deep.equal(['training', 'validation']);
    const trainingOnly = { epoch: [0, 1], history: { loss: [0.9, 0.5], acc: [0.6, 0.8] } };
    compiles(historySpec(trainingOnly));
    expect(await legend(trainingOnly)).to.deep.equal(['training']);
  });

  it('labels each epoch of a short run once, never a fraction of one', async () => {
    const axisLabels = async (epochs: number) => {
      const run = { epoch: Array.from({ length: epochs }, (_, i) => i), history: { loss: Array.from({ length: epochs }, (_, i) => 1 / (i + 1)) } };
      const svg = await vegaLiteToSvg(historySpec(run));
      const axis = /role-axis-label[\s\S]*?<\/g><\/g>/.exec(svg)?.[0] ?? '';
      // The axis group ends with its title.
      return [...axis.matchAll(/>([^<]+)<\/text>/g)].map((m) => m[1]).filter((text) => text !== 'epoch');
    };
    expect(await axisLabels(2)).to.deep.equal(['1', '2']);
    expect(await axisLabels(3)).to.deep.equal(['1', '2', '3']);
    const long = await axisLabels(40);
    expect(long.length, long.join(' ')).to.be.within(3, 12);
    expect(new Set(long).size, 'no label twice').to.equal(long.length);
  });

  it('bundles the spec, a PNG and a text table, and never text/html', async () => {
    const bundle = await historyChart(history);
    expect(Object.keys(bundle).sort()).to.deep.equal(['image/png', 'text/plain', VEGALITE_MIME].sort());
    const png = pngInfo(decodeBase64Png(bundle['image/png']));
    expect(png.width).to.be.within(400, 1200);
    expect(png.height).to.be.within(150, 400);
    expect(bundle['text/plain']).to.equal(
      [
        'epoch    loss  val_loss     acc  val_acc',
        '    1  0.9000    1.0000  0.6000   0.5500',
        '    2  0.5000    0.6000  0.8000   0.7000',
        '    3  0.4000    0.5500  0.8500   0.8000',
      ].join('\n'),
    );
  });

  it('plots one series of the user\'s data, without a legend', async () => {
    const options = { title: 'Growth', xLabel: 'step', yLabel: 'size', mark: 'point' } as const;
    const spec = plotSpec({ x: [1, 2, 3], y: [2, 4, 8] }, options);
    compiles(spec);
    expect(spec).to.deep.include({ title: 'Growth', mark: { type: 'point', filled: true } });
    const encoding = (spec as { encoding: Row }).encoding;
    expect(encoding).not.to.have.property('color');
    expect(encoding.x).to.deep.include({ title: 'step' });
    const bundle = await plotBundle({ x: [1, 2, 3], y: [2, 4, 8] });
    expect(Object.keys(bundle).sort()).to.deep.equal(['image/png', 'text/plain', VEGALITE_MIME].sort());
    expect(bundle['text/plain']).to.equal('x  y\n1  2\n2  4\n3  8');
    expect(pngInfo(decodeBase64Png(bundle['image/png'])).width).to.be.greaterThan(300);
  });

  it('plots several named series as coloured lines', () => {
    const spec = plotSpec({ series: [{ name: 'a', x: [0, 1], y: [0, 1] }, { name: 'b<i>', x: [0, 1], y: [1, 0] }] });
    compiles(spec);
    expect(rows(spec)).to.deep.equal([
      { series: 'a', x: 0, y: 0 },
      { series: 'a', x: 1, y: 1 },
      { series: 'b<i>', x: 0, y: 1 },
      { series: 'b<i>', x: 1, y: 0 },
    ]);
    expect((spec as unknown as { mark: Row }).mark).to.deep.equal({ type: 'line' });
    expect((spec as { encoding: { color: Row } }).encoding.color).to.deep.include({ field: 'series', sort: ['a', 'b<i>'] });
  });

  it('plots 1-D tensors and typed arrays, and says what else it needs', () => {
    const spec = plotSpec({ x: tf.tensor1d([1, 2]), y: new Float32Array([0.5, 0.25]) }) as unknown as { data: { values: Row[] } };
    expect(spec.data.values).to.deep.equal([{ series: 'y', x: 1, y: 0.5 }, { series: 'y', x: 2, y: 0.25 }]);
    expect(() => plotSpec({ x: tf.ones([2, 2]), y: [1, 2] })).to.throw('plot: the x of "y" must be 1-D, got a tensor of shape [2, 2]');
    expect(() => plotSpec({ x: [1], y: 3 as never })).to.throw('plot: the y of "y" must be an array of numbers or a 1-D tensor');
  });

  it('says which series is ragged', () => {
    const ragged = { series: [{ name: 'bad', x: [1, 2], y: [1] }] };
    expect(() => plotSpec(ragged)).to.throw(/series "bad" has 2 x values but 1 y values/);
  });
});
